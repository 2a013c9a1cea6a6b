#!/usr/bin/env node
import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  TOOL_VERSION
} from "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/cli/version-request.ts
function isVersionRequest(argv2) {
  const end = argv2.includes("--") ? argv2.indexOf("--") : argv2.length;
  const name = argv2.find((arg, index) => !(index < end && (arg === "--verbose" || arg === "-v")));
  return name === "--version" || name === "version";
}

// src/cli/index.ts
var argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  process.stdout.write(`${TOOL_VERSION}
`);
} else {
  const { runCli } = await import("./chunks/run-cli-BRXOXJ73.js");
  process.exitCode = await runCli(argv, { version: TOOL_VERSION });
}
