/**
 * The demo's printed commands are paste-ready: bash, given the printed line, runs exactly the argv
 * the demo ran (scripts/lib/shell-words.ts). bash is the oracle: each line runs with `npx` defined
 * as a function that prints its cwd and arguments NUL-separated.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { modelshipCommandLine, shellLine, shellQuote } from "../../scripts/lib/shell-words.ts";

const root = realpathSync(mkdtempSync(join(tmpdir(), "modelship-shell-words-")));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** What bash runs for `line` in `root`: the cwd `npx` sees and its arguments. */
function bashRuns(line: string): { cwd: string; argv: string[] } {
  const script = `npx() { printf '%s\\0' "$PWD" "$@"; }\n${line}\n`;
  const result = spawnSync("bash", ["--noprofile", "--norc", "-c", script], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  const [cwd, ...argv] = result.stdout.split("\0").slice(0, -1);
  return { cwd: cwd!, argv };
}

/** Arguments a shell would split, expand or execute if they were printed bare. */
const HARD = [
  "--command",
  "python3 train/train.py",
  "",
  "it's",
  'say "hi"',
  "$HOME",
  "`id`",
  "$(id)",
  "a;b",
  "*.csv",
  "x\ny",
  "tab\there",
  "\\",
  "!event",
  "~",
  "a'b'c",
  "--param",
  "epochs=20",
  "toy@0.0.2",
];

describe("shell words for printed commands", () => {
  it("leaves safe words bare and quotes the rest", () => {
    assert.equal(shellQuote("--output"), "--output");
    assert.equal(shellQuote(".modelship/model-script"), ".modelship/model-script");
    assert.equal(shellQuote("epochs=20"), "epochs=20");
    assert.equal(shellQuote("python3 train/train.py"), "'python3 train/train.py'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote(""), "''");
  });

  it("bash runs exactly the argv, in the folder named, for every hard argument", () => {
    mkdirSync(join(root, "out/demo/model repo"), { recursive: true });
    for (const dir of ["out/demo/model repo", ""]) {
      const args = ["train", ...HARD];
      const line = modelshipCommandLine(dir, args);
      const ran = bashRuns(line);
      assert.deepEqual(ran.argv, ["modelship", ...args], line);
      assert.equal(ran.cwd, dir === "" ? root : join(root, dir), line);
    }
    for (const word of HARD) assert.deepEqual(bashRuns(shellLine(["npx", word])).argv, [word]);
  });

  it("the demo prints its commands through these helpers and finds python3 on PATH", () => {
    const demo = readFileSync(join(import.meta.dirname, "../../scripts/demo.ts"), "utf8");
    assert.ok(!demo.includes("/usr/bin/python3"), "no absolute python path");
    assert.match(demo, /console\.log\(`[^`]*\$ \$\{modelshipCommandLine\(relative\(root, options\.cwd\), args\)\}/);
    // The argv it spawns is the one it prints: `args`, after dist/cli.js.
    assert.match(demo, /spawnSync\(process\.execPath, \[cli, \.\.\.args\]/);
    assert.ok(!/modelship \$\{args\.join\(" "\)\}/.test(demo), "no unquoted join of the arguments");
  });
});
