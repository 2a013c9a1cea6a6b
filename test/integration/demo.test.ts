/**
 * `npm run demo` as a newcomer runs it: it exits 0, stays under 200 lines, prints each step's command
 * paste-ready followed by that step's text summary (no markdown tables, Mermaid or HTML), and ends
 * with the list of report paths, every one of which exists.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { unstyled } from "../../src/common/text-style.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

test("the demo runs, fits in 200 lines, shows text summaries and lists its reports", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.CI;
  const run = spawnSync(process.execPath, [join(ROOT, "scripts/demo.ts")], { cwd: ROOT, env, encoding: "utf8", timeout: 600_000 });
  const output = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, output);
  // The demo's own banners are bold and dim: without those escapes, the text.
  const lines = unstyled(run.stdout).trimEnd().split("\n");
  assert.ok(lines.length < 200, `${lines.length} lines`);
  // Every command is paste-ready from the repository root and runs the CLI.
  const commands = lines.filter((line) => line.startsWith("$ "));
  assert.ok(commands.length >= 25, `${commands.length} commands`);
  for (const command of commands) assert.match(command, /^\$ \(cd out\/demo\/[^)]+ && npx modelship [a-z-]+/);
  // Text, not the PR comment's markdown.
  assert.doesNotMatch(run.stdout, /<sub>|<details|&lt;|```|^\|.*\|$/m);
  // The verdicts a reader is meant to see.
  assert.match(run.stdout, /^✗ Data validation failed: 5 of \d+ checks failed in data\/train-broken\.csv/m);
  assert.match(run.stdout, /^✗ adult-income fails \d+ of \d+ gates/m);
  assert.match(run.stdout, /^✗ verify-promotion fails/m);
  // The list of reports at the end: each path exists.
  const start = lines.findIndex((line) => line.includes("Where the reports are"));
  assert.ok(start > 0, "the list of reports is printed");
  const listed = lines
    .slice(start + 1)
    .map((line) => /^ {2}.+? {2,}(out\/demo\/\S+)$/.exec(line)?.[1])
    .filter((path): path is string => path !== undefined);
  assert.ok(listed.length >= 12, `${listed.length} reports listed`);
  for (const path of listed) assert.ok(existsSync(join(ROOT, path)), path);
});
