/**
 * scripts/check-portable.ts on git repositories made here: a tree whose tests read the shared folder
 * or one machine's absolute paths fails at each file, line and column; the same tree with the paths
 * made portable passes; and this repository itself passes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { coveredByPortableRule, findNonPortable } from "../../scripts/lib/portable.ts";

const ROOT = join(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "scripts/check-portable.ts");
const scratch = mkdtempSync(join(tmpdir(), "modelship-portable-"));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function repo(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  git("add", "-A");
  return dir;
}

// The planted paths are put together from parts, so that this file itself names no folder outside
// the repository (check-portable reads it like any other test).
const SHARED = ["..", "shared"].join("/");
const abs = (...parts: string[]): string => `/${parts.join("/")}`;
const RESEARCH_SCRIPT = ["crosscheck", "py"].join(".");

const check = (dir: string) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });

describe("check-portable", () => {
  test("fails on every way a test, bench or script reached outside the repository, naming file:line:column", () => {
    const dir = repo("bad", {
      "test/unit/profile.test.ts": `const ADULT = "${abs("work", "shared", "datasets", "adult", "adult.data.csv")}";\n`,
      "test/unit/stats.test.ts": `/**\n * goldens of the research's ${RESEARCH_SCRIPT}\n */\n`,
      "bench/train/run.ts": `const shared = join(root, "${SHARED}/datasets/adult/adult.data.csv");\n`,
      "scripts/make.ts": `// node scripts/make.ts [${["shared", "datasets", "adult"].join("/")}]\nconst out = \`${abs("tmp", "modelship-out")}\`;\n`,
      "src/home.ts": `export const CACHE = 'file://${abs("home", "alice", ".cache", "models")}';\n`,
      "bin/run.js": 'const dir = "C:\\\\Users\\\\alice\\\\models";\n',
      // Not covered: documentation and examples may show illustrative paths.
      "docs/guide.md": `Put the data in ${abs("home", "you", "data")}.\n`,
    });
    const run = check(dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const reported = run.stderr
      .trim()
      .split("\n")
      .filter((line) => /^\S+:\d+:\d+: /.test(line))
      .map((line) => line.slice(0, line.indexOf(": ")));
    // Columns counted by hand: where each path starts on its line.
    assert.deepEqual(reported.sort(), [
      "bench/train/run.ts:1:28",
      "bin/run.js:1:14",
      "scripts/make.ts:1:26",
      "scripts/make.ts:2:14",
      "src/home.ts:1:30",
      "test/unit/profile.test.ts:1:16",
      "test/unit/stats.test.ts:2:30",
    ]);
    assert.match(run.stderr, /portable: 7 path\(s\) outside the repository in 6 file\(s\)/);
    assert.match(run.stderr, /datasets\/adult\//, "the message says where the data is instead");
  });

  test("passes the same tree written portably, and leaves documented system tools and container paths alone", () => {
    const dir = repo("good", {
      "test/unit/profile.test.ts": 'import { ADULT_TRAIN } from "../support/adult.ts";\nconst python = "/usr/bin/python3";\n',
      "bench/train/run.ts": 'const path = join(import.meta.dirname, "../../datasets/adult/adult.data.csv.gz");\n',
      "scripts/make.ts": `const out = join(tmpdir(), 'modelship-out');\nconst url = 'https://example.com${abs("home", "tmp", "x")}';\n`,
      "src/storage.ts": [
        "export const MOUNT = '/mnt/models/model.onnx';",
        "export const REG = 'file:///srv/registry';",
        "const attack = 'file:///etc/passwd';",
        `const rel = \`\${out}${abs("tmp", "x")}\`;`,
        "",
      ].join("\n"),
    });
    const run = check(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /portable: 4 tracked file\(s\)/);
  });

  test("this repository passes", () => {
    const run = check(ROOT);
    assert.equal(run.status, 0, run.stderr);
  });

  test("covers src/, test/, bench/, scripts/, bin/ and the build's config files, not docs or examples", () => {
    for (const path of ["src/a.ts", "test/b.ts", "bench/c/run.ts", "scripts/d.ts", "bin/modelship.js", "package.json", "eslint.config.js"])
      assert.ok(coveredByPortableRule(path), path);
    for (const path of ["docs/guide.md", "examples/model-repo/modelship.yaml", "README.md"]) assert.ok(!coveredByPortableRule(path), path);
    assert.deepEqual(
      findNonPortable("x.ts", `see ${SHARED}/STYLE.md and ${abs("Users", "bob", "x")}`).map((f) => f.text),
      [SHARED, abs("Users", "bob", "x")],
    );
  });
});
