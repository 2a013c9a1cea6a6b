/**
 * verify-promotion against someone who controls the pull request: each test is an attack that passed
 * the check before its defence existed (the URI's host, the registry it names, the rules read from
 * the change, a rules or workflow edit, a model URI in a file no target covers, another asset of a
 * trusted release), and now fails it, saying why and where.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../src/common/errors.ts";
import { runVerifyStage } from "../../src/stages/verify-stage.ts";
import { pushFiles, show } from "../support/git.ts";
import { APP, exampleRules, verifyWorld, type VerifyWorld } from "../support/verify-world.ts";

let world: VerifyWorld;
before(async () => {
  world = await verifyWorld();
});
after(() => world.cleanup());

const VALUES = `${APP}/values.yaml`;
const KSERVE = `${APP}/inferenceservice.yaml`;

/** Pushes `branch` with each file's text edited, on top of main, and verifies it. */
async function attempt(branch: string, edits: Record<string, (text: string) => string>, target: VerifyWorld = world) {
  const files = Object.fromEntries(Object.entries(edits).map(([path, edit]) => [path, edit(showOrEmpty(target, path))]));
  pushFiles(target.bare, branch, files, { from: "main" });
  return runVerifyStage({ head: branch, remote: target.bare, base: "main" }, target.run);
}

function showOrEmpty(target: VerifyWorld, path: string): string {
  try {
    return show(target.bare, "main", path);
  } catch {
    return "";
  }
}

const pointAt = (uri: string) => (text: string) => text.replace(world.uri("0.0.1"), uri);

describe("verify-promotion holds against the author of a GitOps pull request", () => {
  test("a gated release of a trusted registry, at its model file's exact address, passes (provenance off is a warning)", async () => {
    const result = await attempt("ok", { [VALUES]: pointAt(world.uri("0.0.2")) });
    assert.equal(result.ok, true, result.markdown);
    assert.deepEqual(
      result.uris.map((uri) => [uri.file, uri.uri, uri.ok]),
      [[VALUES, world.uri("0.0.2"), true]],
    );
    assert.equal(result.uris[0]!.line, 11, "the line of storageUri in values.yaml");
    assert.match(result.warnings.join("\n"), /provenance is off for .*verify\.registries\[0\]\.provenance/);
    assert.match(result.markdown, /### Warnings/);
  });

  test("a release URL on another host fails, and the check never contacts that host", async () => {
    const requests: string[] = [];
    const evil = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end("{}");
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const port = (evil.address() as AddressInfo).port;
      const uri = `http://127.0.0.1:${port}/OWNER/models/releases/download/adult-income%2Fv0.0.2/model.onnx`;
      const result = await attempt("evil-host", { [VALUES]: pointAt(uri) });
      assert.equal(result.ok, false);
      assert.equal(result.uris[0]!.uri, uri);
      assert.match(
        result.uris[0]!.detail,
        /served from http:\/\/127\.0\.0\.1:\d+\/OWNER\/models, which is not a registry the base branch's rules trust/,
      );
      assert.deepEqual(requests, []);
    } finally {
      evil.close();
    }
  });

  test("a GitHub release of another repository fails, however well it was gated", async () => {
    const uri = "https://github.com/attacker/models/releases/download/adult-income%2Fv0.0.2/model.onnx";
    const result = await attempt("other-repo", { [KSERVE]: pointAt(uri) });
    assert.equal(result.ok, false);
    assert.match(result.uris[0]!.detail, /served from https:\/\/github\.com\/attacker\/models, which is not a registry/);
  });

  test("a folder registry the rules do not name fails, though its release is intact and gated", async () => {
    const uri = world.uri("0.0.2", { evil: true });
    const result = await attempt("evil-folder", { [VALUES]: pointAt(uri) });
    assert.equal(result.ok, false);
    assert.match(result.uris[0]!.detail, /served from the folder .*evil-registry.*which is not a registry the base branch's rules trust/);
  });

  test("another file of a trusted, gated release fails: only the model file's exact address passes", async () => {
    const uri = world.uri("0.0.2", { file: "gate-report.json" });
    const result = await attempt("other-asset", { [VALUES]: pointAt(uri) });
    assert.equal(result.ok, false);
    assert.match(result.uris[0]!.detail, /not the address of adult-income@0\.0\.2's model file/);
    // The model file by another spelling: the check would verify 0.0.2 while the text names 0.0.3's folder.
    const dotted = world.uri("0.0.2").replace("/0.0.2/", "/0.0.3/../0.0.2/");
    const spelled = await attempt("other-spelling", { [VALUES]: pointAt(dotted) });
    assert.equal(spelled.ok, false);
    assert.match(spelled.uris[0]!.detail, /not the address of adult-income@0\.0\.2's model file/);
  });

  test("an ungated release of the trusted registry fails", async () => {
    const result = await attempt("ungated", { [VALUES]: pointAt(world.uri("0.0.3")) });
    assert.equal(result.ok, false);
    assert.match(result.uris[0]!.detail, /may not be promoted: its gate verdict is fail/);
  });

  test("the rules come from the base: a change that drops the targets and trusts its own registry still fails", async () => {
    const own = exampleRules(world.evilRegistry);
    delete (own as { promote?: unknown }).promote;
    const result = await attempt("own-rules", {
      "modelship.yaml": () => stringify(own),
      [VALUES]: pointAt(world.uri("0.0.2", { evil: true })),
      [KSERVE]: pointAt("s3://bucket/model.onnx"),
    });
    assert.equal(result.ok, false);
    assert.deepEqual(result.rulesChanges, [{ file: "modelship.yaml", allowed: false }]);
    const details = Object.fromEntries(result.uris.map((uri) => [uri.file, uri.detail]));
    assert.match(details[VALUES]!, /evil-registry.*not a registry the base branch's rules trust/);
    assert.match(details[KSERVE]!, /a URI with scheme s3: is not a release asset of a registry the base branch's rules trust/);
    assert.match(result.markdown, /This change edits the promotion rules/);
  });

  test("a change to the workflow under .github/ is reported as a change of the rules and fails", async () => {
    const result = await attempt("edit-check", { ".github/workflows/verify-promotion.yml": () => "on: pull_request\njobs: {}\n" });
    assert.equal(result.ok, false);
    assert.deepEqual(result.rulesChanges, [{ file: ".github/workflows/verify-promotion.yml", allowed: false }]);
    assert.match(result.markdown, /`\.github\/workflows\/verify-promotion\.yml`/);
  });

  test("with verify.rules_changes: codeowners the same change passes, with a warning that the code owners decide", async () => {
    const lenient = await verifyWorld({
      rules: (registry) => ({
        ...exampleRules(registry),
        verify: { registries: [{ registry, provenance: "off" }], rules_changes: "codeowners" },
      }),
    });
    try {
      const result = await attempt("edit-check", { ".github/CODEOWNERS": () => "* @someone\n" }, lenient);
      assert.equal(result.ok, true, result.markdown);
      assert.deepEqual(result.rulesChanges, [{ file: ".github/CODEOWNERS", allowed: true }]);
      assert.match(result.warnings.join("\n"), /\.github\/CODEOWNERS changes the promotion rules: the code owners' review decides/);
    } finally {
      await lenient.cleanup();
    }
  });

  test("a model URI in a file no target covers fails as unmanaged, with file:line — s3 and plain https too", async () => {
    const result = await attempt("unmanaged", {
      [`${APP}/seldon.yaml`]: pointAt("s3://bucket/adult-income/model.onnx"),
      [`${APP}/flagger.yaml`]: pointAt("https://models.example.com/adult-income.onnx"),
      [`${APP}/new-isvc.yaml`]: () =>
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: shadow\nspec:\n  predictor:\n    model:\n      modelFormat: { name: onnx }\n      storageUri: gs://bucket/shadow\n",
    });
    assert.equal(result.ok, false);
    const found = result.uris.map((uri) => [`${uri.file}:${uri.line}`, uri.uri, uri.ok]);
    assert.deepEqual(found, [
      [`${APP}/flagger.yaml:27`, "https://models.example.com/adult-income.onnx", false],
      [`${APP}/new-isvc.yaml:9`, "gs://bucket/shadow", false],
      [`${APP}/seldon.yaml:11`, "s3://bucket/adult-income/model.onnx", false],
    ]);
    for (const uri of result.uris) assert.match(uri.detail, /^unmanaged model URI: no target in modelship\.yaml covers /);
    assert.match(result.markdown, /`apps\/adult-income\/seldon\.yaml:11`/);
  });

  test("without verify rules at the base the check fails closed, saying what to add", async () => {
    const bare = await verifyWorld({ rules: () => ({ model: "adult-income" }) });
    try {
      await assert.rejects(
        attempt("anything", { [VALUES]: pointAt(bare.uri("0.0.2")) }, bare),
        (error: unknown) =>
          isUserError(error) &&
          /has no rules to check by: it has no verify section \(modelship\.yaml at main\)/.test(error.problem) &&
          /verify\.registries/.test(error.hint ?? ""),
      );
    } finally {
      await bare.cleanup();
    }
  });
});
