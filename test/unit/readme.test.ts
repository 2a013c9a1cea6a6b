/**
 * The README's words that code can check: its rendered PR comment is the top of the real one in
 * docs/examples (regenerated from a gate report by the build), every action it lists exists, every
 * `modelship <command>` in its CLI block is a command, and the files it links to are there.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { COMMANDS } from "../../src/cli/run-cli.ts";

const root = join(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `the README has a "${title}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README", () => {
  test("the PR comment it shows is the top of the real rendered comment", () => {
    const shown = section("What a PR comment looks like")
      .split("\n")
      .filter((line) => line.startsWith("|") || line.startsWith("### ") || line.startsWith("**"));
    assert.ok(shown.length >= 5, "the section shows the comment's headline, summary and table rows");
    const real = readFileSync(join(root, "docs/examples/gate-report.md"), "utf8").split("\n");
    for (const line of shown) assert.ok(real.includes(line), `not in docs/examples/gate-report.md: ${line}`);
  });

  test("every action in the action reference exists, and every action folder is listed", () => {
    const listed = [...section("Action reference").matchAll(/`modelship\/modelship\/actions\/([a-z-]+)@v1`/g)]
      .map((match) => match[1]!)
      .sort();
    const folders = readdirSync(join(root, "actions"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(listed, folders);
  });

  test("every command in the CLI block exists", () => {
    const block = /```text\n([\s\S]*?)```/.exec(section("CLI"))![1]!;
    const used = new Set([...block.matchAll(/^modelship ([a-z-]+)/gm)].map((match) => match[1]!));
    const known = new Set(COMMANDS.map((command) => command.name));
    for (const name of used) assert.ok(known.has(name), `modelship ${name} is not a command`);
    for (const name of known) assert.ok(used.has(name), `modelship ${name} is missing from the README's CLI block`);
  });

  test("relative links point at files that exist", () => {
    const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)].map((match) => match[1]!.split("#")[0]!);
    assert.ok(links.length > 5);
    for (const link of links) assert.ok(existsSync(join(root, link)), `README links to ${link}, which is not there`);
  });
});
