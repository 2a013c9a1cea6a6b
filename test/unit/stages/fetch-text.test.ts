/** The fetch's terminal text: fetched and verified where, its gates, its provenance, the model file. */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import { fetchModel } from "../../../src/registry/verified-fetch.ts";
import type { FetchStageResult } from "../../../src/stages/fetch-stage.ts";
import { renderFetchText } from "../../../src/stages/fetch-text.ts";
import { scratchFolders, sha256, writeTestPackage } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-fetch-text-");
after(() => rm(scratch.root, { recursive: true, force: true }));

// What the provenance check says of a folder registry (stages/provenance-stage.ts).
const FOLDER = { status: "warn" as const, text: "not checked: a folder registry has no attestations" };

async function fetched(): Promise<FetchStageResult> {
  const store = new LocalStore({ root: await scratch.fresh("registry") });
  const files = { "model.onnx": "onnx bytes", "gate-report.json": '{"verdict":"pass"}', "metrics.json": "{}" };
  await store.publish(await writeTestPackage({ dir: await scratch.fresh("package"), model: "churn", version: "1.0.0", files }));
  const dir = join(await scratch.fresh("work"), "churn");
  const model = await fetchModel({ store, model: "churn", version: "latest", dir, logger: new MemoryLogger() });
  return { ...model, model: "churn", provenance: FOLDER };
}

describe("fetch text", () => {
  test("a real fetch from a folder registry: verdict with the folder once, gates, provenance warned, model file", async () => {
    const result = await fetched();
    const digest = sha256(result.manifest.files.map((file) => `${file.sha256}  ${file.name}\n`).join("")).slice(0, 12);
    assert.equal(
      renderFetchText(result, PLAIN),
      [
        `✓ Fetched churn 1.0.0 into ${result.path}: 3 files verified`,
        "  ✓ gates pass",
        "  ! build provenance not checked: a folder registry has no attestations",
        `  model: ${join(result.path, "model.onnx")} (digest ${digest})`,
      ].join("\n"),
    );
  });

  test("-q: the verdict only; -v: every file; from the cache; markdown emphasis dropped from the provenance", async () => {
    const result = await fetched();
    assert.equal(renderFetchText(result, { ...PLAIN, quiet: true }), `✓ Fetched churn 1.0.0 into ${result.path}: 3 files verified`);
    const verbose = renderFetchText({ ...result, fromCache: true }, { ...PLAIN, verbose: true }).split("\n");
    assert.equal(verbose[0], `✓ Fetched churn 1.0.0 into ${result.path}: 3 files verified (from the cache)`);
    for (const file of result.manifest.files)
      assert.ok(
        verbose.some((line) => line.startsWith(`    ${file.name} `) && line.endsWith(file.sha256)),
        file.name,
      );
    const off = { status: "warn" as const, text: "**off** (`release.provenance: off` in modelship.yaml): no attestation was checked" };
    assert.match(
      renderFetchText({ ...result, provenance: off }, PLAIN),
      /^ {2}! build provenance off \(release\.provenance: off in modelship\.yaml\): no attestation was checked$/m,
    );
  });

  test("colour through unstyled", async () => {
    const result = await fetched();
    const coloured = renderFetchText(result, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /\u001b\[33m!\u001b\[39m build provenance \u001b\[33mnot checked/);
    assert.equal(unstyled(coloured), renderFetchText(result, PLAIN));
  });
});
