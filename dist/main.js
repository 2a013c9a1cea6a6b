import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  getErrorMessage
} from "./chunks/chunk-SU4BFKON.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/main.ts
var COMMANDS = [
  "validate-data",
  "comment",
  "select-best",
  "release",
  "fetch-model",
  "promote",
  "canary",
  "verify-promotion",
  "drift",
  "dora",
  "site"
];
var command = (process.env.INPUT_COMMAND ?? "").trim();
if (!COMMANDS.includes(command)) {
  const { core } = await import("./chunks/runtime-PRD6EMPR.js");
  core.setFailed(
    `input "command" must be one of ${COMMANDS.join(", ")}, got "${command}". Fix: set \`with: command: validate-data\` (or use the action by its own path, e.g. OWNER/modelship/actions/validate-data@v1).`
  );
} else {
  try {
    await import(new URL(`./${command}.js`, import.meta.url).href);
  } catch (error) {
    const { core } = await import("./chunks/runtime-PRD6EMPR.js");
    core.setFailed(`could not start ${command}: ${getErrorMessage(error)}`);
  }
}
