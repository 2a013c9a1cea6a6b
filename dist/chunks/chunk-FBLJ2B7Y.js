import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/git/git-command.ts
import { spawn } from "node:child_process";
function runGit(argv, options) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", argv, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on("error", (error) => {
      reject(
        errnoCode(error) === "ENOENT" ? new UserError("git is not installed or not on PATH", { hint: "Install git on the runner.", cause: error }) : error
      );
    });
    child.on("close", (code, signal) => {
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString("utf8") + (signal ? `
(killed by ${signal})` : ""),
        exitCode: code ?? 128
      });
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(options.input ?? "");
  });
}
async function gitOutput(args, options = {}) {
  const run = await runGit(args, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...options.env ?? process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" }
  });
  if (run.exitCode !== 0) throw new Error(`git ${args[0] ?? ""} failed (exit ${run.exitCode}): ${run.stderr.trim()}`);
  return run.stdout.toString("utf8");
}

export {
  runGit,
  gitOutput
};
