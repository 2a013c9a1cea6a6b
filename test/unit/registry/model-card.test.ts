/**
 * The model card's Hugging Face-style front matter: parsed back with the `yaml` package and checked
 * against the gate report and manifest the same release wrote (read here from their files), the
 * licence from release.license and omitted without it, and the markdown card still below it.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parse } from "yaml";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { isUserError } from "../../../src/common/errors.ts";
import type { GateReport } from "../../../src/gates/gate-report-types.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import { cardMetadata, renderModelCard } from "../../../src/registry/model-card.ts";
import { runRelease } from "../../../src/stages/release-stage.ts";
import { resolveReleaseSettings } from "../../../src/stages/release-settings.ts";
import { packageModel, type PackageOptions } from "../../../src/registry/package.ts";
import { makeToyModel, toyGateReport } from "../../support/toy-model.ts";

let dir: string;
let reportPath: string;
let count = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-card-"));
  makeToyModel(dir);
  reportPath = await toyGateReport(dir, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] }, reportDir: join(dir, "pass") });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<PackageOptions> = {}): PackageOptions {
  return {
    model: "toy",
    version: "1.0.0",
    tag: "toy/v1.0.0",
    modelPath: join(dir, "model.onnx"),
    gateReportPath: reportPath,
    allowUngated: false,
    outDir: join(dir, `out-${++count}`),
    toolVersion: "test",
    description: "Scores toy rows.",
    ...overrides,
  };
}

/** The card split at its front matter: the YAML between the first two `---` lines, and the markdown after. */
function splitCard(card: string): { metadata: Record<string, unknown>; markdown: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n/.exec(card);
  assert.ok(match !== null, `the card starts with a --- block:\n${card.slice(0, 200)}`);
  return { metadata: parse(match[1]!) as Record<string, unknown>, markdown: card.slice(match[0].length) };
}

describe("the model card's front matter", () => {
  test("license, tags, datasets, metrics and model-index agree with the release's gate report and manifest", async () => {
    const pkg = await packageModel(options({ license: "Apache-2.0" }));
    const card = await readFile(join(pkg.dir, "model-card.md"), "utf8");
    const report = JSON.parse(await readFile(join(pkg.dir, "gate-report.json"), "utf8")) as GateReport;
    const manifest = JSON.parse(await readFile(join(pkg.dir, "manifest.json"), "utf8")) as {
      name: string;
      metrics: Record<string, { value: number | null }>;
    };
    const { metadata, markdown } = splitCard(card);

    // What the front matter must say, worked out from the files, not from the card.
    assert.equal(report.model.task, "binary");
    const measured = Object.entries(manifest.metrics).filter(([, metric]) => typeof metric.value === "number");
    assert.ok(measured.length >= 3, "the toy report has several metrics");
    const evaluationFiles = report.data.files.map((file) => file.path);
    assert.equal(metadata.license, "apache-2.0");
    assert.equal(metadata.library_name, "onnx");
    assert.equal(metadata.pipeline_tag, "tabular-classification");
    assert.deepEqual(metadata.tags, ["modelship", "onnx", "tabular-classification"]);
    assert.deepEqual(metadata.datasets, evaluationFiles);
    assert.deepEqual(
      metadata.metrics,
      measured.map(([name]) => name),
    );
    const index = metadata["model-index"] as {
      name: string;
      results: {
        task: { type: string };
        dataset: { name: string; type: string; split: string };
        metrics: { type: string; value: number }[];
      }[];
    }[];
    assert.equal(index.length, 1);
    assert.equal(index[0]!.name, manifest.name);
    const [result] = index[0]!.results;
    assert.equal(result!.task.type, "tabular-classification");
    assert.deepEqual(result!.dataset, { name: evaluationFiles.join(", "), type: evaluationFiles.join(", "), split: "test" });
    assert.deepEqual(
      result!.metrics.map(({ type, value }) => [type, value]),
      measured.map(([name, metric]) => [name, metric.value]),
    );
    // The gate report's own numbers, not only the manifest's copy of them.
    for (const { type, value } of result!.metrics) assert.equal(value, report.metrics[type]!.value);

    // The markdown card follows, unchanged.
    assert.ok(markdown.startsWith("# Model card: toy 1.0.0\n"), markdown.slice(0, 80));
    for (const heading of ["## Intended use", "## Metrics", "## Fairness by group", "## Lineage"])
      assert.ok(markdown.includes(heading), heading);
    // Deterministic: the same inputs give the same bytes.
    const again = await packageModel(options({ license: "Apache-2.0" }));
    assert.equal(await readFile(join(again.dir, "model-card.md"), "utf8"), card);
  });

  test("without release.license the card names no licence; without a gate report there are no results", async () => {
    const ungated = await packageModel(options({ gateReportPath: undefined, allowUngated: true }));
    const { metadata, markdown } = splitCard(await readFile(join(ungated.dir, "model-card.md"), "utf8"));
    assert.ok(!("license" in metadata));
    assert.ok(!("model-index" in metadata));
    assert.ok(!("metrics" in metadata));
    assert.ok(!("pipeline_tag" in metadata));
    assert.deepEqual(metadata.tags, ["modelship", "onnx"]);
    assert.match(markdown, /^# Model card: toy 1\.0\.0\n/);
  });

  test("a metric without a value is left out of metrics and model-index", async () => {
    const report = JSON.parse(await readFile(reportPath, "utf8")) as GateReport;
    const [dropped, ...kept] = Object.keys(report.metrics);
    report.metrics[dropped!]!.value = null;
    const metadata = cardMetadata({ model: "toy", version: "1.0.0", gateReport: report, allowUngated: false });
    assert.deepEqual(metadata.metrics, kept);
    const card = renderModelCard({ model: "toy", version: "1.0.0", gateReport: report, allowUngated: false });
    assert.deepEqual(splitCard(`${card}\n`).metadata, metadata);
  });

  test("release.license in modelship.yaml reaches the released card through the release stage", async () => {
    const config = parseConfig(
      ["model: toy", "release:", "  license: MIT", `  model: ${join(dir, "model.onnx")}`, `  gate_report: ${reportPath}`, ""].join("\n"),
      { file: join(dir, "modelship.yaml") },
    );
    const settings = await resolveReleaseSettings({ version: "2.0.0" }, config, { registry: join(dir, "registry") });
    const root = join(dir, "registry");
    const released = await runRelease({ ...settings, store: new LocalStore({ root }), toolVersion: "test", logger: new MemoryLogger() });
    assert.equal(released.version, "2.0.0");
    const card = await readFile(join(root, "toy", "2.0.0", "model-card.md"), "utf8");
    assert.equal(splitCard(card).metadata.license, "mit");
  });

  test("release.license in modelship.yaml must look like an SPDX id", () => {
    assert.equal(parseConfig("model: toy\nrelease:\n  license: MIT\n", { file: "modelship.yaml" }).config?.release?.license, "MIT");
    try {
      parseConfig("model: toy\nrelease:\n  license: MIT License\n", { file: "modelship.yaml" });
      assert.fail("expected a refusal");
    } catch (error) {
      assert.ok(isUserError(error), String(error));
      assert.match(error.message, /modelship\.yaml/);
      assert.match(error.message, /\/release\/license/);
    }
  });
});
