#!/usr/bin/env node
// The `modelship` command. Thin: everything happens in main.ts.
import { TOOL_VERSION } from "../common/version.ts";
import { runCli } from "./main.ts";

process.exitCode = await runCli(process.argv.slice(2), { version: TOOL_VERSION });
