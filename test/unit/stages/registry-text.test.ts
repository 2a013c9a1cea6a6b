/**
 * `registry list` and `registry show` as terminal text: golden text from a manifest built here, and
 * a real folder registry (test/support/registry-package.ts) listed and shown.
 */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, describe, test } from "node:test";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import type { ModelManifest, VersionInfo } from "../../../src/registry/registry-types.ts";
import { renderRegistryText } from "../../../src/stages/registry-text.ts";
import { scratchFolders, sha256, writeTestPackage } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-registry-text-");
after(() => rm(scratch.root, { recursive: true, force: true }));

const MODEL_SHA = "ff6443e13323".padEnd(64, "1");
const REPORT_SHA = "6a63a8429215".padEnd(64, "2");

function manifest(gate: Partial<ModelManifest["gate"]> = {}): ModelManifest {
  return {
    schema: "modelship/model-manifest@1",
    name: "adult-income",
    version: "1.2.0",
    tag: "adult-income/v1.2.0",
    created: "2026-01-02T03:04:05Z",
    tool: { name: "modelship", version: "1.0.0" },
    format: "onnx",
    files: [
      // 15,872 bytes = 15.5 KiB; 57,139 bytes = 55.8 KiB (55.799).
      { name: "model.onnx", sha256: MODEL_SHA, bytes: 15_872, role: "model" },
      { name: "gate-report.json", sha256: REPORT_SHA, bytes: 57_139, role: "gate-report" },
    ],
    metrics: { accuracy: { value: 0.84197, ci: [0.82531, 0.85802] }, roc_auc: { value: 0.9003 } },
    gate: { verdict: "pass", modelMatches: true, allowUngated: false, ...gate },
    lineage: { gitSha: "4cd0c2460cb6aaaaaaaaaaaaaaaaaaaaaaaaaaaa", previousVersion: "1.1.0" },
    digest: "c67d556af144".padEnd(64, "3"),
  };
}

describe("registry show text", () => {
  test("the version, its gates, metrics, files with short digests and lineage", () => {
    assert.equal(
      renderRegistryText({ action: "show", model: "adult-income", manifest: manifest() }, PLAIN),
      [
        "✓ adult-income 1.2.0 (tag adult-income/v1.2.0), released 2026-01-02T03:04:05Z",
        "  ✓ gates pass",
        "  metrics: accuracy 0.842, roc_auc 0.9003",
        "  files (digest c67d556af144):",
        "    model.onnx        model        15.5 KiB  ff6443e13323",
        "    gate-report.json  gate-report  55.8 KiB  6a63a8429215",
        "  lineage: commit 4cd0c2460cb6, after 1.1.0",
      ].join("\n"),
    );
  });

  test("released ungated under a failed report for other bytes: the marks say so; -q keeps the first line; -v the intervals and full digests", () => {
    const ungated = manifest({ verdict: "fail", modelMatches: false, allowUngated: true, reason: "released with --allow-ungated" });
    const text = renderRegistryText({ action: "show", model: "adult-income", manifest: ungated }, PLAIN).split("\n");
    assert.equal(text[0], "✗ adult-income 1.2.0 (tag adult-income/v1.2.0), released 2026-01-02T03:04:05Z");
    assert.equal(text[1], "  ! gates fail (released ungated); the gate report is for other model bytes; released with --allow-ungated");
    assert.equal(renderRegistryText({ action: "show", model: "adult-income", manifest: ungated }, { ...PLAIN, quiet: true }), text[0]);
    const verbose = renderRegistryText({ action: "show", model: "adult-income", manifest: manifest() }, { ...PLAIN, verbose: true });
    assert.match(verbose, /^ {2}metrics: accuracy 0\.842 \[0\.8253, 0\.858\], roc_auc 0\.9003$/m);
    assert.match(verbose, new RegExp(`model\\.onnx {8}model {8}15\\.5 KiB  ${MODEL_SHA}$`, "m"));
  });

  test("a long ungated reason is cut to 100 characters by default, whole with -v", () => {
    const reason = `the gate report's verdict is fail (${"x".repeat(200)})`;
    const answer = { action: "show" as const, model: "adult-income", manifest: manifest({ verdict: "fail", allowUngated: true, reason }) };
    const line = renderRegistryText(answer, PLAIN).split("\n")[1]!;
    assert.equal(line, `  ✗ gates fail (released ungated); ${reason.slice(0, 99)}…`);
    assert.ok(renderRegistryText(answer, { ...PLAIN, verbose: true }).includes(reason));
  });

  test("colour through unstyled; a tag with an escape sequence is shown escaped", () => {
    const answer = { action: "show" as const, model: "adult-income", manifest: { ...manifest(), tag: "v1\u001b[2J" } };
    const coloured = renderRegistryText(answer, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /^\u001b\[32m✓\u001b\[39m \u001b\[1madult-income 1\.2\.0\u001b\[22m/);
    assert.equal(unstyled(coloured), renderRegistryText(answer, PLAIN));

    assert.match(unstyled(coloured), /\(tag v1\\u001b\[2J\)/);
  });
});

describe("registry list text", () => {
  const versions: VersionInfo[] = Array.from({ length: 12 }, (_, index) => ({
    model: "m",
    version: `1.${11 - index}.0`,
    tag: `m/v1.${11 - index}.0`,
    url: `file:///r/m/1.${11 - index}.0`,
    created: `2026-01-${String(12 - index).padStart(2, "0")}T00:00:00Z`,
  }));

  test("newest first, ten by default with how many more; -v all; -q the count only", () => {
    const text = renderRegistryText({ action: "list", model: "m", versions, where: "file:///r" }, PLAIN).split("\n");
    assert.equal(text[0], "m: 12 versions in file:///r, newest 1.11.0");
    assert.equal(text[1], "  1.11.0  m/v1.11.0  2026-01-12  file:///r/m/1.11.0");
    assert.equal(text[10], "  1.2.0   m/v1.2.0   2026-01-03  file:///r/m/1.2.0");
    assert.equal(text[11], "  … and 2 more (-v lists them all)");
    assert.equal(text.length, 12);
    assert.equal(
      renderRegistryText({ action: "list", model: "m", versions, where: "file:///r" }, { ...PLAIN, verbose: true }).split("\n").length,
      13,
    );
    assert.equal(renderRegistryText({ action: "list", model: "m", versions, where: "file:///r" }, { ...PLAIN, quiet: true }), text[0]);
    assert.equal(
      renderRegistryText({ action: "list", model: "m", versions: [], where: "file:///r" }, PLAIN),
      "· No versions of m in file:///r",
    );
  });

  test("a real folder registry: both versions listed, the newest shown with its files", async () => {
    const store = new LocalStore({ root: await scratch.fresh("registry") });
    const files = { "model.onnx": "onnx bytes", "gate-report.json": '{"verdict":"pass"}' };
    for (const version of ["0.9.0", "1.0.0"])
      await store.publish(
        await writeTestPackage({
          dir: await scratch.fresh("package"),
          model: "churn",
          version,
          files: { ...files, "model.onnx": `onnx ${version}` },
        }),
      );
    const list = renderRegistryText(
      { action: "list", model: "churn", versions: await store.list("churn"), where: store.description },
      PLAIN,
    ).split("\n");
    assert.equal(list[0], `churn: 2 versions in ${store.description}, newest 1.0.0`);
    assert.match(list[1]!, /^ {2}1\.0\.0 {2}churn\/v1\.0\.0 {2}\d{4}-\d\d-\d\d {2}file:\/\//);
    assert.match(list[2]!, /^ {2}0\.9\.0 {2}churn\/v0\.9\.0 /);
    const shown = renderRegistryText({ action: "show", model: "churn", manifest: (await store.readManifest("churn", "1.0.0"))! }, PLAIN);
    const lines = shown.split("\n");
    assert.ok(lines.length <= 25);
    assert.match(lines[0]!, /^✓ churn 1\.0\.0 \(tag churn\/v1\.0\.0\), released /);
    // "onnx 1.0.0" is 10 bytes; its digest computed here, not by the registry.
    assert.ok(
      lines.some((line) => /^ {4}model\.onnx +model +10 B {2}/.test(line) && line.endsWith(sha256("onnx 1.0.0").slice(0, 12))),
      shown,
    );
  });
});
