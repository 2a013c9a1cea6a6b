/**
 * Packaging a model for release: the release policy (no gate report, a failed one, or one for other
 * bytes is refused unless allow-ungated, which is then recorded), a digest that depends only on the
 * bytes, SHA256SUMS that `sha256sum -c` accepts, a schema-valid manifest, and a model card that says
 * what it should.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseManifest } from "../../../src/registry/manifest.ts";
import { packageModel, type PackageOptions } from "../../../src/registry/package.ts";
import { makeToyModel, toyGateReport } from "../../support/toy-model.ts";

let dir: string;
let passing: string;
let failing: string;
let count = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-package-"));
  makeToyModel(dir);
  passing = await toyGateReport(dir, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] }, reportDir: join(dir, "pass") });
  failing = await toyGateReport(dir, { policy: { quality: [{ metric: "accuracy", min: 0.99 }] }, reportDir: join(dir, "fail") });
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
    gateReportPath: passing,
    allowUngated: false,
    outDir: join(dir, `out-${++count}`),
    toolVersion: "test",
    description: "Scores toy rows.",
    ...overrides,
  };
}

describe("packageModel", () => {
  test("a gated model becomes model.onnx, its Triton model repository, gate-report.json, model-card.md, SHA256SUMS and manifest.json; sha256sum -c accepts the sums", async () => {
    const pkg = await packageModel(options());
    assert.deepEqual(pkg.names, [
      "model.onnx",
      "triton-model-repository.tar.gz",
      "gate-report.json",
      "model-card.md",
      "SHA256SUMS",
      "manifest.json",
    ]);
    const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: pkg.dir, encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /model\.onnx: OK/);
    const manifest = parseManifest(await readFile(join(pkg.dir, "manifest.json"), "utf8"), "manifest.json");
    assert.equal(manifest.gate.verdict, "pass");
    assert.equal(manifest.gate.modelMatches, true);
    assert.equal(manifest.gate.allowUngated, false);
    assert.deepEqual(
      manifest.signature?.inputs.map((input) => input.name),
      ["x"],
    );
    const sums = await readFile(join(pkg.dir, "SHA256SUMS"));
    assert.equal(manifest.digest, (await import("node:crypto")).createHash("sha256").update(sums).digest("hex"));
    assert.ok(manifest.metrics.roc_auc?.ci, "metrics carry their intervals");
  });

  test("the digest depends only on the bytes: packaging again later gives the same digest, another version another", async () => {
    const first = await packageModel(options({ now: () => new Date("2026-01-01T00:00:00Z") }));
    const second = await packageModel(options({ now: () => new Date("2026-06-01T00:00:00Z") }));
    assert.equal(first.manifest.digest, second.manifest.digest);
    assert.notEqual(first.manifest.created, second.manifest.created);
    const other = await packageModel(options({ version: "1.0.1", tag: "toy/v1.0.1" }));
    assert.notEqual(other.manifest.digest, first.manifest.digest, "the card names the version, so the bytes differ");
  });

  const refusals: { what: string; overrides: () => Partial<PackageOptions>; message: RegExp }[] = [
    { what: "without a gate report", overrides: () => ({ gateReportPath: undefined }), message: /there is no gate report/ },
    {
      what: "whose gates failed",
      overrides: () => ({ gateReportPath: failing }),
      message: /verdict is fail \(1 gate failed: Accuracy ≥ 0\.99\)/,
    },
    {
      what: "whose gate report is for other bytes",
      overrides: () => ({ modelPath: join(dir, "other.onnx") }),
      message: /made for other model bytes/,
    },
  ];
  for (const { what, overrides, message } of refusals) {
    test(`a model ${what} is refused, and with allow-ungated it is released with the reason recorded`, async () => {
      await assert.rejects(packageModel(options(overrides())), (error: Error) => {
        assert.equal(error.name, "UserError");
        assert.match(error.message, message);
        assert.match(error.message, /allow-ungated: true/);
        return true;
      });
      const pkg = await packageModel(options({ ...overrides(), allowUngated: true }));
      assert.equal(pkg.manifest.gate.allowUngated, true);
      assert.match(pkg.manifest.gate.reason ?? "", message);
      assert.match(pkg.notes, /allow-ungated/);
      assert.match(await readFile(join(pkg.dir, "model-card.md"), "utf8"), /Released with allow-ungated/);
    });
  }

  test("the model card has intended use, data, metrics with intervals, fairness by group, limitations and lineage", async () => {
    const pkg = await packageModel(options());
    const card = await readFile(join(pkg.dir, "model-card.md"), "utf8");
    for (const heading of [
      "# Model card: toy 1.0.0",
      "## Intended use",
      "## Data",
      "## Metrics",
      "## Fairness by group",
      "### sex",
      "## Limitations",
      "## Lineage",
    ])
      assert.ok(card.includes(heading), heading);
    assert.match(card, /Scores toy rows\./);
    assert.match(card, /\| ROC AUC \| \d\.\d+ \| \[\d\.\d+, \d\.\d+\] \|/);
    assert.match(card, /test\.csv/);
  });

  test("a missing model file is a user error naming it", async () => {
    await assert.rejects(packageModel(options({ modelPath: join(dir, "nope.onnx") })), /nope\.onnx: model file not found/);
  });
});
