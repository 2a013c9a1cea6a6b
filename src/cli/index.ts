#!/usr/bin/env node
// The `modelship` command. Thin: everything happens in run-cli.ts.
import { TOOL_VERSION } from "../common/tool-version.ts";
import { runCli } from "./run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2), { version: TOOL_VERSION });
