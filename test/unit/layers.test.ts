/**
 * The layer rules of docs/architecture.md (scripts/lib/layers.ts) on trees written here: ESLint's
 * boundaries rule and scripts/check-layers.ts both refuse an import that points up a layer; the
 * check also refuses a folder no layer owns, a ring of files and a folder cycle; this repository
 * passes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { ESLint } from "eslint";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";
import { ALLOWED, LAYERS, layerBoundariesConfig, levelsOf, MAX_LEVELS } from "../../scripts/lib/layers.ts";

const ROOT = join(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "scripts/check-layers.ts");
const scratch = mkdtempSync(join(tmpdir(), "modelship-layers-"));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });

/** A minimal tree in the real layers: a stage over two domains over common. */
const CLEAN = {
  "src/common/errors.ts": "export class UserError extends Error {}\n",
  "src/data/contract/contract.ts": 'import { UserError } from "../../common/errors.ts";\nexport const load = () => new UserError();\n',
  "src/evaluate/metrics.ts": 'import { load } from "../data/contract/contract.ts";\nexport const metric = load;\n',
  "src/stages/evaluate-stage.ts": 'import { metric } from "../evaluate/metrics.ts";\nexport const run = metric;\n',
};

describe("layers", () => {
  test("the table points down only: no cycle, at most MAX_LEVELS levels, every layer's folders distinct", () => {
    const levels = levelsOf(ALLOWED);
    assert.ok(Math.max(...Object.values(levels)) <= MAX_LEVELS);
    // Each layer sits above every folder it may import.
    for (const [folder, allowed] of Object.entries(ALLOWED))
      for (const target of allowed) assert.ok(levels[folder]! > levels[target]!, `${folder} → ${target}`);
    const folders = LAYERS.flatMap((layer) => Object.keys(layer.folders));
    assert.equal(new Set(folders).size, folders.length);
    assert.throws(() => levelsOf({ a: ["b"], b: ["c"], c: ["a"] }), /import cycle: a → b → c → a/);
  });

  test("check-layers passes a clean tree and this repository", () => {
    const clean = check(tree("clean", CLEAN));
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /layers: 4 files, 4 folders, no cycle, 4 levels/);
    const repo = check(ROOT);
    assert.equal(repo.status, 0, repo.stderr);
  });

  test("check-layers refuses an import up a layer, with its file and line, and the folder cycle it makes", () => {
    const dir = tree("up", {
      ...CLEAN,
      "src/data/contract/contract.ts":
        'import { UserError } from "../../common/errors.ts";\nimport { run } from "../../stages/evaluate-stage.ts";\nexport const load = () => (run, new UserError());\n',
    });
    const result = check(dir);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^src\/data\/contract\/contract\.ts:2: data\/ may not import stages\/ \(src\/stages\/evaluate-stage\.ts\)/m,
    );
    assert.match(result.stderr, /folders: import cycle: (\w+ → )+\w+/);
    assert.match(
      result.stderr,
      /files import each other: src\/data\/contract\/contract\.ts → src\/evaluate\/metrics\.ts → src\/stages\/evaluate-stage\.ts/,
    );
  });

  test("check-layers refuses a folder that no layer owns", () => {
    const result = check(tree("stray", { ...CLEAN, "src/utils/helpers.ts": "export const x = 1;\n" }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /src\/utils\/ is in no layer: add it to scripts\/lib\/layers\.ts/);
  });

  test("ESLint's boundaries rule refuses the same import in the editor, and allows one down a layer", async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        { languageOptions: { parser: tseslint.parser } },
        { files: ["src/**/*.ts"], plugins: { boundaries: boundaries as unknown as ESLint.Plugin }, ...layerBoundariesConfig() },
      ],
    });
    const [up] = await eslint.lintText('import { runDriftStage } from "../stages/drift-stage.ts";\nexport const x = runDriftStage;\n', {
      filePath: join(ROOT, "src/drift/planted.ts"),
    });
    assert.deepEqual(
      up!.messages.map((message) => [message.ruleId, message.line, message.message]),
      [["boundaries/dependencies", 1, "drift/ may not import stages/: see the layers in docs/architecture.md (scripts/lib/layers.ts)"]],
    );
    const [down] = await eslint.lintText('import { UserError } from "../common/errors.ts";\nexport const x = UserError;\n', {
      filePath: join(ROOT, "src/drift/planted.ts"),
    });
    assert.deepEqual(down!.messages, []);
  });
});
