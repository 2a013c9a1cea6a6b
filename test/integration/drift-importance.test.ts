/**
 * `drift.weights: importance` through the drift stage, the reference a release in a local registry:
 * the weights come from the permutation importances in the gate report of the verified package the
 * reference profile comes from (the report records them and where they came from, the summary names
 * the heaviest features); a release without importances falls back to equal weights with a warning;
 * a profile or data reference is refused at /drift/weights; and the importances cannot be swapped,
 * neither by a gate-report.json lying in the working folder nor by editing the registry's copy.
 */
import assert from "node:assert/strict";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { parseContract } from "../../src/data/contract/load-contract.ts";
import { renderDriftText } from "../../src/drift/drift-text.ts";
import { PLAIN } from "../../src/common/text-style.ts";
import type { ExplanationsSection } from "../../src/gates/gate-report-types.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { runDriftStage, type DriftStageInputs } from "../../src/stages/drift-stage.ts";
import type { StageRun } from "../../src/stages/stage-run.ts";
import { profileCsv, Seeded, tempDir, writeCsv, type Columns } from "../support/drift.ts";
import { writeTestPackage } from "../support/registry-package.ts";

const CONTRACT = [
  "name: toy-data",
  "columns:",
  "  - { name: age, type: number, role: feature }",
  "  - { name: hours, type: number, role: feature }",
  "  - { name: sex, type: categorical, role: feature }",
  "  - { name: region, type: categorical, role: feature }",
  "  - { name: label, type: categorical, role: target }",
  "",
].join("\n");

/** The importances release 1.0.0 records: region, a feature of the data, is not among them. */
const IMPORTANCES = { age: 0.08, hours: 0.048, sex: -0.01 };
/** max(i, 0) / 0.08 by hand: 0.08/0.08, 0.048/0.08 = 0.6, max(−0.01, 0) = 0, region absent → 0. */
const EXPECTED = { age: 1, hours: 0.6, sex: 0, region: 0 };

function explanations(importances: Record<string, number>): ExplanationsSection {
  return {
    method: "permutation_importance",
    metric: "roc_auc",
    baseline: 0.91,
    rows: 2000,
    population: 2000,
    repeats: 5,
    resamples: 0,
    confidence: 0.95,
    seed: 7,
    features: Object.entries(importances).map(([feature, importance]) => ({ feature, importance, std: 0.002 })),
  };
}

/** A gate report as a release carries it; only what the drift stage reads matters here. */
function gateReport(importances?: Record<string, number>): string {
  const report = {
    schema: "modelship/gate-report@1",
    verdict: "pass",
    passed: true,
    metrics: { accuracy: { value: 0.84 } },
    data: { rows: 2000 },
    ...(importances === undefined ? {} : { explanations: explanations(importances) }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Seeded rows: age shifted by `ageShift` reference standard deviations in the current data. */
function table(rows: number, seed: number, ageShift = 0): Columns {
  const random = new Seeded(seed);
  return {
    age: random.normals(rows, 40 + ageShift * 10, 10).map((value) => Math.round(value * 100) / 100),
    hours: random.normals(rows, 40, 12).map((value) => Math.round(value * 100) / 100),
    sex: Array.from({ length: rows }, () => (random.uniform() < 0.5 ? "F" : "M")),
    region: Array.from({ length: rows }, () => ["north", "south", "east"][Math.floor(random.uniform() * 3)]!),
    label: Array.from({ length: rows }, () => (random.uniform() < 0.3 ? "yes" : "no")),
  };
}

let dir: string;
let remove: () => Promise<void>;
let registry: string;
let current: string;
let referenceProfile: string;
let referenceData: string;

before(async () => {
  ({ dir, remove } = await tempDir("modelship-drift-importance-"));
  registry = join(dir, "registry");
  await writeFile(join(dir, "contract.yaml"), CONTRACT);
  await writeFile(
    join(dir, "modelship.yaml"),
    ["model: toy", "data: { contract: contract.yaml }", "release: { registry: registry }", "drift:", "  weights: importance", ""].join(
      "\n",
    ),
  );
  // The faces run in the model repository: paths in modelship.yaml resolve from the process's folder.
  process.chdir(dir);
  referenceData = await writeCsv(dir, "reference.csv", table(2000, 1));
  current = await writeCsv(dir, "current.csv", table(800, 2, 3));
  const profile = await profileCsv(parseContract(CONTRACT, "contract.yaml"), [referenceData]);
  referenceProfile = join(dir, "reference-profile.json");
  const profileText = `${JSON.stringify(profile, null, 2)}\n`;
  await writeFile(referenceProfile, profileText);
  const store = new LocalStore({ root: registry });
  // 1.0.0 and 3.0.0 record importances; 2.0.0 was evaluated with explanations off.
  for (const [version, importances] of [
    ["1.0.0", IMPORTANCES],
    ["2.0.0", undefined],
    ["3.0.0", IMPORTANCES],
  ] as const) {
    const pkg = await writeTestPackage({
      dir: join(dir, "packages", version),
      model: "toy",
      version,
      files: {
        "model.onnx": new Uint8Array(Buffer.from(`onnx-bytes-of-toy-${version}`)),
        "gate-report.json": gateReport(importances),
        "reference-profile.json": profileText,
      },
      roles: { "reference-profile.json": "reference-profile" },
    });
    await store.publish(pkg);
  }
});
const home = process.cwd();
after(async () => {
  process.chdir(home);
  await remove();
});

function stageRun(logger: MemoryLogger): StageRun {
  return { config: { file: join(dir, "modelship.yaml") }, cwd: dir, env: {}, logger, toolVersion: "test", defaultRegistry: registry };
}

async function drift(options: Partial<DriftStageInputs> & { reference: string; reportDir: string }) {
  const logger = new MemoryLogger();
  const result = await runDriftStage({ current: [current], gitops: {}, ...options }, stageRun(logger));
  return { result, logger, warnings: logger.entries.filter((entry) => entry.level === "warning").map((entry) => entry.message) };
}

function assertWeights(actual: Record<string, number>, expected: Record<string, number>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const [name, weight] of Object.entries(expected))
    assert.ok(Math.abs(actual[name]! - weight) <= 1e-12, `${name}: ${actual[name]} vs ${weight}`);
}

describe("drift.weights: importance", () => {
  test("the weights are the reference release's importances, normalised; the report and its summary say so", async () => {
    const { result, warnings } = await drift({ reference: "1.0.0", reportDir: join(dir, "out-1") });
    const report = result.report!;
    assert.equal(report.weights_source, "importance");
    assertWeights(report.settings.weights, EXPECTED);
    for (const column of report.columns.filter((entry) => entry.counted))
      assert.ok(Math.abs(column.weight - EXPECTED[column.name as keyof typeof EXPECTED]) <= 1e-12, column.name);
    // Written as it was returned.
    const written = JSON.parse(await readFile(result.reportPath!, "utf8")) as typeof report;
    assert.equal(written.weights_source, "importance");
    assertWeights(written.settings.weights, EXPECTED);
    // The feature the explanation lacks is named once.
    assert.equal(warnings.filter((message) => /do not cover/.test(message)).length, 1, warnings.join("\n"));
    assert.match(warnings.join("\n"), /release toy@1\.0\.0's permutation importances do not cover feature column region: weight 0/);
    // Age moved three standard deviations: it drifts, and its weight decides the share.
    assert.ok(report.drifted_columns.includes("age"), report.drifted_columns.join(", "));
    const judged = report.columns.filter((column) => column.counted && column.status !== "insufficient_data").map((column) => column.name);
    const weightOf = (names: string[]) => names.reduce((sum, name) => sum + EXPECTED[name as keyof typeof EXPECTED], 0);
    assert.ok(Math.abs(report.share - weightOf(report.drifted_columns) / weightOf(judged)) <= 1e-12, `share ${report.share}`);
    // The summary: the heaviest features with their status, heaviest first (ties by name).
    const icon = "(?:✅|⚠️|❌|❔)";
    assert.match(
      result.markdown!,
      new RegExp(
        `Weighted by the model's permutation importance \\(release toy@1\\.0\\.0\\): \`age\` 1\\.00 ❌, \`hours\` 0\\.60 ${icon}, \`region\` 0\\.00 ${icon}, \`sex\` 0\\.00 ${icon}\\.`,
      ),
    );
    const text = renderDriftText(report, PLAIN);
    assert.match(
      text.split("\n")[1]!,
      /^ {2}Weighted by the model's permutation importance \(release toy@1\.0\.0\): age 1\.00 ✗, hours 0\.60 [✓!✗?], region 0\.00 [✓!✗?], sex 0\.00 [✓!✗?]$/,
    );
  });

  test("a release without importances: equal weights, and one warning naming the release and the fix", async () => {
    const { result, warnings } = await drift({ reference: "2.0.0", reportDir: join(dir, "out-2") });
    const report = result.report!;
    assert.equal(report.weights_source, "equal");
    assert.deepEqual(report.settings.weights, {});
    for (const column of report.columns) assert.equal(column.weight, 1, column.name);
    const fallback = warnings.filter((message) => /cannot give weights/.test(message));
    assert.equal(fallback.length, 1, warnings.join("\n"));
    assert.match(fallback[0]!, /release toy@2\.0\.0 cannot give weights: it records no permutation importances/);
    assert.match(fallback[0]!, /gates\.explain in modelship\.yaml.*docs\/gates\.md/);
    assert.doesNotMatch(result.markdown!, /Weighted by/);
  });

  test("a profile or data as the reference: a UserError at /drift/weights of modelship.yaml, with the fix", async () => {
    for (const reference of [referenceProfile, referenceData]) {
      await assert.rejects(drift({ reference, reportDir: join(dir, "out-profile") }), (error: unknown) => {
        assert.ok(isUserError(error), String(error));
        assert.match(error.file ?? "", /(^|\/)modelship\.yaml$/);
        assert.equal(error.pointer, "/drift/weights");
        assert.match(error.message, /drift\.weights is importance, but the reference .* is a profile or data files, not a release/);
        assert.match(error.hint ?? "", /compare with a release .*or give drift\.weights as a map/);
        return true;
      });
    }
  });

  test("a gate-report.json in the working folder is never read: the weights stay the release's", async () => {
    const decoy = gateReport({ region: 0.5, sex: 0.4, age: 0.001 });
    await writeFile(join(dir, "gate-report.json"), decoy);
    await mkdir(join(dir, ".modelship/evaluation"), { recursive: true });
    await writeFile(join(dir, ".modelship/evaluation/gate-report.json"), decoy);
    const { result } = await drift({ reference: "1.0.0", reportDir: join(dir, "out-decoy") });
    assertWeights(result.report!.settings.weights, EXPECTED);
  });

  test("the registry's gate report edited to move the weights: the package is refused, and no report is written", async () => {
    const stored = join(registry, "toy/3.0.0/gate-report.json");
    const original = await readFile(stored, "utf8");
    // The same length, so only the digest can tell: sex's importance from −0.01 to 0.901, the top weight.
    const tampered = original.replace('"importance": -0.01', '"importance": 0.901');
    assert.notEqual(tampered, original);
    assert.equal(tampered.length, original.length);
    await chmod(stored, 0o644);
    await writeFile(stored, tampered);
    const out = join(dir, "out-tampered");
    await assert.rejects(drift({ reference: "3.0.0", reportDir: out }), (error: unknown) => {
      assert.ok(isUserError(error), String(error));
      assert.match(error.message, /toy@3\.0\.0\/gate-report\.json: sha256 \S+ does not match the manifest .*tampered/);
      return true;
    });
    await assert.rejects(stat(join(out, "drift-report.json")), { code: "ENOENT" });
  });
});
