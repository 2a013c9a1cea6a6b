#!/usr/bin/env node
// The `modelship` command. Thin: everything happens in run-cli.ts, which is imported only when a
// command runs, so `modelship --version` answers without loading (parsing) the rest of the bundle.
import { TOOL_VERSION } from "../common/tool-version.ts";
import { isVersionRequest } from "./version-request.ts";

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  process.stdout.write(`${TOOL_VERSION}\n`);
} else {
  const { runCli } = await import("./run-cli.ts");
  process.exitCode = await runCli(argv, { version: TOOL_VERSION });
}
