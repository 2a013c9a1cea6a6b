import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_CONFIG_FILE,
  UserError,
  errnoCode,
  loadConfig,
  parseConfig
} from "./chunk-L7GURJM5.js";

// src/common/file-hash.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
async function sha256File(path) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
function sha256Of(data) {
  return createHash("sha256").update(data).digest("hex");
}

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

// src/stages/stage-run.ts
async function loadStageConfig(source, cwd) {
  const file = source.file;
  if (source.ref === void 0) return loadConfig({ file, cwd });
  const path = file ?? DEFAULT_CONFIG_FILE;
  const commit = await gitOutput(["rev-parse", "--verify", "--quiet", `${source.ref}^{commit}`], { cwd }).then(
    (output) => output.trim(),
    () => void 0
  );
  if (commit === void 0 || commit === "") {
    throw new UserError(`cannot read ${path} at "${source.ref}": it is not a commit in the git repository at ${cwd}`, {
      hint: "fetch that commit first (actions/checkout with fetch-depth: 0), or name a branch, tag or commit the repository has"
    });
  }
  const exists = await gitOutput(["cat-file", "-e", `${commit}:./${path}`], { cwd }).then(
    () => true,
    () => false
  );
  if (!exists) {
    if (file === void 0) return { resolvePath: (relative) => relative };
    throw new UserError(`${path} is not in the repository at ${source.ref}`, {
      hint: "name a file that exists at that commit, or leave the config input empty"
    });
  }
  const text = await gitOutput(["show", `${commit}:./${path}`], { cwd });
  return parseConfig(text, { file: path, cwd, shownAs: `${path}@${source.ref}` });
}

export {
  sha256File,
  sha256Of,
  runGit,
  gitOutput,
  loadStageConfig
};
