/** The release's terminal text: what happened to the version, its gate verdict, its page, model URI and digest once. */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, describe, test } from "node:test";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { LocalStore } from "../../../src/registry/local-store.ts";
import type { ReleaseResult } from "../../../src/stages/release-stage.ts";
import { renderReleaseText } from "../../../src/stages/release-text.ts";
import { scratchFolders, writeTestPackage } from "../../support/registry-package.ts";

const scratch = await scratchFolders("modelship-release-text-");
after(() => rm(scratch.root, { recursive: true, force: true }));

const DIGEST = "c67d556af144".padEnd(64, "3");

function released(extra: Partial<ReleaseResult> = {}): ReleaseResult {
  return {
    model: "adult-income",
    version: "1.2.0",
    tag: "adult-income/v1.2.0",
    url: "https://github.com/octo/models/releases/tag/adult-income/v1.2.0",
    manifestUrl: "https://github.com/octo/models/releases/download/adult-income/v1.2.0/manifest.json",
    modelUri: "https://github.com/octo/models/releases/download/adult-income/v1.2.0/model.onnx",
    servingUris: { "onnx-file": "https://github.com/octo/models/releases/download/adult-income/v1.2.0/model.onnx" },
    digest: DIGEST,
    action: "created",
    verdict: "pass",
    allowUngated: false,
    notes: "",
    ...extra,
  };
}

describe("release text", () => {
  test("released under passing gates: verdict, page, model URI, short digest", () => {
    assert.equal(
      renderReleaseText(released(), PLAIN),
      [
        "✓ Released adult-income 1.2.0 (tag adult-income/v1.2.0); gates pass",
        "  https://github.com/octo/models/releases/tag/adult-income/v1.2.0",
        "  model: https://github.com/octo/models/releases/download/adult-income/v1.2.0/model.onnx",
        "  digest: c67d556af144",
      ].join("\n"),
    );
  });

  test("a re-run, a completed draft, and an ungated release read differently", () => {
    const first = (result: ReleaseResult) => renderReleaseText(result, PLAIN).split("\n")[0];
    assert.equal(
      first(released({ action: "unchanged" })),
      "✓ adult-income 1.2.0 was already released with these bytes (tag adult-income/v1.2.0): nothing changed; gates pass",
    );
    assert.equal(
      first(released({ action: "resumed" })),
      "✓ Released adult-income 1.2.0 (tag adult-income/v1.2.0), completing an interrupted release; gates pass",
    );
    assert.equal(
      first(released({ verdict: "fail", allowUngated: true })),
      "! Released adult-income 1.2.0 (tag adult-income/v1.2.0); gates fail (released ungated)",
    );
    assert.equal(
      first(released({ verdict: "missing", allowUngated: true })),
      "! Released adult-income 1.2.0 (tag adult-income/v1.2.0); no gate report (released ungated)",
    );
    assert.equal(first(released({ verdict: "warn" })), "! Released adult-income 1.2.0 (tag adult-income/v1.2.0); gates pass with warnings");
  });

  test("-q: the verdict only; -v: the full digest, manifest and other serving layouts", () => {
    assert.equal(
      renderReleaseText(released(), { ...PLAIN, quiet: true }),
      "✓ Released adult-income 1.2.0 (tag adult-income/v1.2.0); gates pass",
    );
    const triton = "https://github.com/octo/models/releases/download/adult-income/v1.2.0/triton-model-repository.tar.gz";
    const verbose = renderReleaseText(released({ servingUris: { "onnx-file": released().modelUri, "triton-model-repository": triton } }), {
      ...PLAIN,
      verbose: true,
    });
    assert.deepEqual(verbose.split("\n").slice(3), [
      `  digest: ${DIGEST}`,
      "  manifest: https://github.com/octo/models/releases/download/adult-income/v1.2.0/manifest.json",
      `  triton-model-repository: ${triton}`,
    ]);
  });

  test("colour through unstyled", () => {
    const coloured = renderReleaseText(released({ verdict: "fail", allowUngated: true }), { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- the escapes are what this checks
    assert.match(coloured, /^\u001b\[33m!\u001b\[39m .*\u001b\[33mgates fail \(released ungated\)\u001b\[39m/);
    assert.equal(unstyled(coloured), renderReleaseText(released({ verdict: "fail", allowUngated: true }), PLAIN));
  });

  test("a real folder registry's publish: its URL and model URI each appear once", async () => {
    const store = new LocalStore({ root: await scratch.fresh("registry") });
    const pkg = await writeTestPackage({
      dir: await scratch.fresh("package"),
      model: "churn",
      version: "1.0.0",
      files: { "model.onnx": "onnx", "gate-report.json": "{}" },
    });
    const published = await store.publish(pkg);
    const text = renderReleaseText({ ...published, verdict: "pass", allowUngated: false, notes: "" }, PLAIN);
    const lines = text.split("\n");
    assert.equal(lines[0], "✓ Released churn 1.0.0 (tag churn/v1.0.0); gates pass");
    assert.equal(lines[1], `  ${published.url}`);
    assert.equal(lines[2], `  model: ${published.modelUri}`);
    assert.equal(lines[3], `  digest: ${published.digest.slice(0, 12)}`);
    assert.equal(lines.length, 4);
    const again = await store.publish(pkg);
    assert.match(
      renderReleaseText({ ...again, verdict: "pass", allowUngated: false, notes: "" }, PLAIN),
      /^✓ churn 1\.0\.0 was already released with these bytes/,
    );
  });
});
