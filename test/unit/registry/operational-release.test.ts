/**
 * Operational figures in a release (issue 28, part 3): the manifest carries the challenger's figures
 * and the runner they were measured on, copied from a gate report of these very bytes; a manifest
 * without them (every release made before) still parses; the model card has an Operational section
 * only when the report has figures.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { GateReport, OperationalFigures, OperationalSection } from "../../../src/gates/gate-report-types.ts";
import { formatManifest, parseManifest } from "../../../src/registry/manifest.ts";
import { renderModelCard } from "../../../src/registry/model-card.ts";
import { operationalSummary, packageModel, type PackageOptions } from "../../../src/registry/package.ts";
import { makeToyModel, toyGateReport } from "../../support/toy-model.ts";

let dir: string;
let reportPath: string;
let count = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-operational-"));
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
    ...overrides,
  };
}

function figures(peakMemoryMb: number): OperationalFigures {
  return {
    bytes: 2_345_678,
    sizeMb: 2.345678,
    parameters: 12_345,
    loadMs: 8.25,
    peakMemoryMb,
    latency: [
      {
        batch: 1,
        p50Ms: { value: 0.125, ci: [0.12, 0.13] },
        p95Ms: { value: 0.25, ci: [0.24, 0.27] },
        p99Ms: { value: 0.5, ci: [0.45, 0.55] },
        throughputRowsPerS: { value: 7_812.4, ci: [7_500.2, 8_000.7] },
        calls: 600,
      },
      {
        batch: 64,
        p50Ms: { value: 1.5 },
        p95Ms: { value: 2 },
        p99Ms: { value: null },
        throughputRowsPerS: { value: 40_000 },
        calls: 600,
      },
    ],
  };
}

/** An operational section as evaluate writes it: a challenger, a champion, ratios and the runner. */
const SECTION: OperationalSection = {
  environment: { cpu: "AMD EPYC 7763 64-Core Processor", logicalCpus: 4, threads: 2, onnxruntime: "1.20.1", platform: "linux-x64" },
  method: { rounds: 5, callsPerRound: 120, warmup: 20, sampleRows: 500, resamples: 1000, confidence: 0.95, seed: 7, interleaved: true },
  challenger: figures(61.3),
  champion: figures(40),
  ratios: [],
  notes: [],
};

async function reportWith(section: OperationalSection | undefined, model?: string): Promise<GateReport> {
  const report = JSON.parse(await readFile(reportPath, "utf8")) as GateReport;
  if (section === undefined) delete report.operational;
  else report.operational = section;
  if (model !== undefined) report.model.sha256 = model;
  return report;
}

describe("the release manifest's operational figures", () => {
  test("are the challenger's figures and the runner, field for field, never the champion's", () => {
    const summary = operationalSummary(SECTION);
    assert.deepEqual(summary.environment, SECTION.environment);
    assert.equal(summary.peakMemoryMb, 61.3);
    assert.equal(summary.bytes, 2_345_678);
    assert.equal(summary.parameters, 12_345);
    assert.deepEqual(summary.latency, SECTION.challenger.latency);
    assert.deepEqual(Object.keys(summary).sort(), ["bytes", "environment", "latency", "loadMs", "parameters", "peakMemoryMb", "sizeMb"]);
  });

  test("a manifest without them, as every earlier release has, still parses; one with them parses too", async () => {
    const pkg = await packageModel(options({ gateReportPath: undefined, allowUngated: true }));
    const text = await readFile(join(pkg.dir, "manifest.json"), "utf8");
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old["operational"];
    assert.equal(parseManifest(JSON.stringify(old), "manifest.json").operational, undefined);
    const withFigures = formatManifest({ ...pkg.manifest, operational: operationalSummary(SECTION) });
    assert.deepEqual(parseManifest(withFigures, "manifest.json").operational, operationalSummary(SECTION));
  });

  test("are checked before they are written: a field the schema does not know is refused there", async () => {
    const pkg = await packageModel(options({ gateReportPath: undefined, allowUngated: true }));
    const wrong = { ...pkg.manifest, operational: { ...operationalSummary(SECTION), peakMemoryGb: 0.06 } };
    assert.throws(() => formatManifest(wrong), /\/operational\/peakMemoryGb: unknown property "peakMemoryGb"/);
    const negative = { ...pkg.manifest, operational: { ...operationalSummary(SECTION), peakMemoryMb: -1 } };
    assert.throws(() => formatManifest(negative), /\/operational\/peakMemoryMb/);
  });

  test("packaging copies them from a gate report of these bytes", async () => {
    const path = join(dir, `report-${++count}.json`);
    await writeFile(path, JSON.stringify(await reportWith(SECTION)));
    const pkg = await packageModel(options({ gateReportPath: path }));
    const manifest = parseManifest(await readFile(join(pkg.dir, "manifest.json"), "utf8"), "manifest.json");
    assert.deepEqual(manifest.operational, operationalSummary(SECTION));
  });

  test("packaging leaves them out when the report is of other bytes (allow-ungated), or has none", async () => {
    const other = join(dir, `report-${++count}.json`);
    await writeFile(other, JSON.stringify(await reportWith(SECTION, "f".repeat(64))));
    const ungated = await packageModel(options({ gateReportPath: other, allowUngated: true }));
    assert.equal(ungated.manifest.gate.modelMatches, false);
    assert.equal(ungated.manifest.operational, undefined);
    const none = join(dir, `report-${++count}.json`);
    await writeFile(none, JSON.stringify(await reportWith(undefined)));
    assert.equal((await packageModel(options({ gateReportPath: none }))).manifest.operational, undefined);
  });
});

describe("the model card's Operational section", () => {
  test("shows size, parameters, load time, peak memory, latency with intervals per batch, throughput, and the runner", async () => {
    const card = renderModelCard({ model: "toy", version: "1.0.0", gateReport: await reportWith(SECTION), allowUngated: false });
    const section = card.slice(card.indexOf("## Operational"), card.indexOf("## Limitations"));
    assert.ok(section.startsWith("## Operational\n\nMeasured on AMD EPYC 7763 64-Core Processor, 2 threads, onnxruntime 1.20.1"), section);
    assert.ok(
      section.includes("5 rounds of 120 timed calls per batch size after 20 warm-up calls; 95% intervals over the rounds"),
      section,
    );
    assert.ok(section.includes("| Model size | 2.35 MB (2,345,678 bytes) |"), section);
    assert.ok(section.includes("| Parameters | 12,345 |"), section);
    assert.ok(section.includes("| Session load time | 8.3 ms |"), section);
    assert.ok(section.includes("| Peak memory of the session | 61.3 MB |"), section);
    assert.ok(section.includes("| 1 | 0.125 [0.12, 0.13] | 0.25 [0.24, 0.27] | 0.5 [0.45, 0.55] | 7,812 [7,500, 8,001] |"), section);
    assert.ok(section.includes("| 64 | 1.5 | 2 | — | 40,000 |"), section);
    // The champion's 40 MB is not the released model's.
    assert.ok(!section.includes("40 MB"), section);
  });

  test("is left out when the report has no operational figures", async () => {
    const card = renderModelCard({ model: "toy", version: "1.0.0", gateReport: await reportWith(undefined), allowUngated: false });
    assert.ok(!card.includes("## Operational"));
  });
});
