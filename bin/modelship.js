#!/usr/bin/env node
/* global process */
// The `modelship` command. Checks the Node version before loading the bundle: it needs Node
// 22.17 or later (node:fs/promises glob is stable from 22.17; Node 20 is past its end of life), and
// an older Node would fail on its imports with a cryptic SyntaxError. Keep in step with
// package.json `engines` and docs/install.md.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  process.stderr.write(
    `modelship needs Node 22.17 or later (22 LTS or 24 LTS); this is Node ${process.version}.\n  Fix: install Node 24 or 22 (see docs/install.md), or, in a checkout of modelship, run it through npm (npx modelship …), which uses the Node 24 that \`npm ci\` installs.\n`,
  );
  process.exit(2);
}
await import("../dist/cli.js");
