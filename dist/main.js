import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  core_exports
} from "./chunks/chunk-YSM7FE72.js";
import {
  getErrorMessage
} from "./chunks/chunk-2BUAMGEV.js";

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
  "drift"
];
var command = core_exports.getInput("command").trim();
if (!COMMANDS.includes(command)) {
  core_exports.setFailed(
    `input "command" must be one of ${COMMANDS.join(", ")}, got "${command}". Fix: set \`with: command: validate-data\` (or use the action by its own path, e.g. OWNER/modelship/actions/validate-data@v1).`
  );
} else {
  try {
    await import(new URL(`./${command}.js`, import.meta.url).href);
  } catch (error) {
    core_exports.setFailed(`could not start ${command}: ${getErrorMessage(error)}`);
  }
}
