#!/usr/bin/env node
/* global process */
// The `modelship` command. Checks the Node version before loading the bundle, whose imports need
// Node 24 (an older Node would fail on them with a cryptic SyntaxError).
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  process.stderr.write(
    `modelship needs Node 24 or later; this is Node ${process.version}.\n  Fix: run it through npm (npx modelship …), which uses the Node 24 that \`npm ci\` installs, or install Node 24.\n`,
  );
  process.exit(2);
}
await import("../dist/cli.js");
