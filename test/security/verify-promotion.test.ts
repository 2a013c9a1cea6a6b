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
import { parse as parseYaml, stringify } from "yaml";
import { isUserError } from "../../src/common/errors.ts";
import { runVerifyStage } from "../../src/stages/verify-stage.ts";
import { pushFiles, pushTree, show } from "../support/git.ts";
import { TRITON_ARCHIVE } from "../support/registry-package.ts";
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

/** Points the file's 0.0.1 model location (model.onnx, or the InferenceService's Triton archive) at `uri`. */
const pointAt = (uri: string) => (text: string) =>
  text.replace(world.uri("0.0.1"), uri).replace(world.uri("0.0.1", { file: TRITON_ARCHIVE }), uri);

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

  test("an InferenceService at a release's Triton model repository passes; at its bare model.onnx it fails, since Triton loads no single file", async () => {
    const archive = await attempt("triton-archive", { [KSERVE]: pointAt(world.uri("0.0.2", { file: TRITON_ARCHIVE })) });
    assert.equal(archive.ok, true, archive.markdown);
    assert.deepEqual(
      archive.uris.map((uri) => [uri.file, uri.ok]),
      [[KSERVE, true]],
    );
    const bare = await attempt("triton-file", { [KSERVE]: pointAt(world.uri("0.0.2")) });
    assert.equal(bare.ok, false);
    assert.match(bare.problems.join("\n"), /storageUri is one \.onnx file, but kserve-tritonserver serves a Triton model repository/);
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

  test("another file of a trusted, gated release fails: only the exact address of a file it serves from passes", async () => {
    const uri = world.uri("0.0.2", { file: "gate-report.json" });
    const result = await attempt("other-asset", { [VALUES]: pointAt(uri) });
    assert.equal(result.ok, false);
    assert.match(result.uris[0]!.detail, /not the address of a file adult-income@0\.0\.2 serves from/);
    // The model file by another spelling: the check would verify 0.0.2 while the text names 0.0.3's folder.
    const dotted = world.uri("0.0.2").replace("/0.0.2/", "/0.0.3/../0.0.2/");
    const spelled = await attempt("other-spelling", { [VALUES]: pointAt(dotted) });
    assert.equal(spelled.ok, false);
    assert.match(spelled.uris[0]!.detail, /not the address of a file adult-income@0\.0\.2 serves from/);
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

/** A manifest of a new InferenceService serving `storage`, with `extra` lines in its metadata. */
const shadow = (storage: string, extra = "") =>
  `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: shadow\n  namespace: models\n${extra}spec:\n  predictor:\n    model:\n      modelFormat: { name: onnx }\n      storageUri: ${storage}\n`;
const EVIL = "s3://attacker-bucket/model.onnx";

/** Pushes `branch` = main + `entries` (files, symbolic links, submodules) and verifies it. */
function attemptTree(branch: string, entries: Parameters<typeof pushTree>[2]) {
  pushTree(world.bare, branch, entries, { from: "main" });
  return runVerifyStage({ head: branch, remote: world.bare, base: "main" }, world.run);
}

/** The one failing URI of a result, and its detail. */
function failed(result: Awaited<ReturnType<typeof attemptTree>>, uri: string): string {
  const found = result.uris.filter((checked) => checked.uri === uri);
  assert.equal(found.length, 1, `${uri} is checked:\n${result.markdown}`);
  assert.equal(found[0]!.ok, false, result.markdown);
  return found[0]!.detail;
}

describe("verify-promotion sees what Argo CD and Kustomize see (a reviewer's attacks)", () => {
  test("a manifest in a .json file is scanned like YAML", async () => {
    const plain = "https://models.example.com/shadow.onnx";
    const json = JSON.stringify(parseYaml(shadow(plain)), null, 2);
    const result = await attemptTree("json-file", { files: { "apps/shadow/isvc.json": json } });
    assert.equal(result.ok, false);
    assert.match(failed(result, plain), /^unmanaged model URI: no target in modelship\.yaml covers apps\/shadow\/isvc\.json/);
  });

  test("a symbolic link or a submodule fails: the check cannot see what it points at", async () => {
    const link = await attemptTree("symlink", {
      files: { "apps/shadow/isvc.txt": shadow(EVIL) },
      links: { "apps/shadow/isvc.yaml": "isvc.txt" },
    });
    assert.equal(link.ok, false);
    assert.match(link.problems.join("\n"), /apps\/shadow\/isvc\.yaml: a symbolic link, whose content verify-promotion cannot see/);
    assert.match(failed(link, EVIL), /^unmanaged model URI/, "the storage URI in the .txt file counts too");
    const submodule = await attemptTree("submodule", {
      files: { ".gitmodules": '[submodule "apps/shadow"]\n\tpath = apps/shadow\n\turl = https://github.com/attacker/manifests\n' },
      gitlinks: { "apps/shadow": "1".repeat(40) },
    });
    assert.equal(submodule.ok, false);
    assert.match(submodule.problems.join("\n"), /apps\/shadow: a submodule/);
    assert.deepEqual(submodule.rulesChanges, [{ file: ".gitmodules", allowed: false }]);
  });

  test("a model URI reached through a YAML alias or merge key is seen", async () => {
    const alias = await attemptTree("alias", {
      files: { "apps/shadow/isvc.yaml": shadow("*u", `  annotations:\n    note: &u ${EVIL}\n`) },
    });
    assert.match(failed(alias, EVIL), /^unmanaged model URI/);
    const merged = `base: &base\n  storageUri: ${EVIL}\nmodel:\n  <<: *base\n`;
    const merge = await attemptTree("merge-key", { files: { "apps/shadow/values.yaml": merged } });
    assert.match(failed(merge, EVIL), /^unmanaged model URI/);
  });

  test("a manifest that is not UTF-8 (UTF-16 with a byte-order mark) fails", async () => {
    const result = await attemptTree("utf16", { files: { "apps/shadow/isvc.yaml": Buffer.from(`\ufeff${shadow(EVIL)}`, "utf16le") } });
    assert.equal(result.ok, false);
    assert.match(result.problems.join("\n"), /apps\/shadow\/isvc\.yaml: not UTF-8 text/);
  });

  test("Kustomize patches and literals and Argo CD helm parameters are scanned", async () => {
    const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [inferenceservice.yaml]\npatches:\n  - target: { kind: InferenceService, name: adult-income }\n    patch: |-\n      - op: replace\n        path: /spec/predictor/model/storageUri\n        value: ${EVIL}\nconfigMapGenerator:\n  - name: model\n    literals: [MODEL_PATH=/mnt/attacker/model.onnx]\n`;
    const kustomize = await attemptTree("kustomize", { files: { [`${APP}/kustomization.yaml`]: kustomization } });
    assert.match(failed(kustomize, EVIL), /^unmanaged model URI/);
    assert.match(failed(kustomize, "/mnt/attacker/model.onnx"), /^unmanaged model URI/);
    const application = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: override, namespace: argocd }\nspec:\n  project: default\n  destination: { server: https://kubernetes.default.svc, namespace: models }\n  source:\n    repoURL: https://github.com/OWNER/gitops\n    path: charts/model\n    helm:\n      parameters:\n        - name: model.storageUri\n          value: ${EVIL}\n`;
    const argo = await attemptTree("argo-params", { files: { "apps/shadow/application.yaml": application } });
    assert.match(failed(argo, EVIL), /^unmanaged model URI/);
  });

  test("in a managed Rollout, a second MODEL_URI, a model argument and a valueFrom are each caught", async () => {
    const rollout = show(world.bare, "main", `${APP}/rollout.yaml`)
      .replace(
        "            - name: LOG_LEVEL\n",
        "            - name: MODEL_URI\n              value: /mnt/attacker/model.onnx\n            - name: LOG_LEVEL\n",
      )
      .replace("          ports:\n", `          args: ["--model-uri", "${EVIL}"]\n          ports:\n`);
    assert.match(rollout, /attacker/);
    const result = await attemptTree("dup-env", { files: { [`${APP}/rollout.yaml`]: rollout } });
    assert.match(failed(result, "/mnt/attacker/model.onnx"), /not a URL but a path or name the server resolves itself/);
    assert.match(failed(result, EVIL), /a URI with scheme s3: is not a release asset/);
    const fromConfigMap = show(world.bare, "main", `${APP}/rollout.yaml`).replace(
      "            - name: LOG_LEVEL\n",
      "            - name: MODEL_PATH\n              valueFrom: { configMapKeyRef: { name: model, key: path } }\n            - name: LOG_LEVEL\n",
    );
    const valueFrom = await attemptTree("value-from", { files: { [`${APP}/rollout.yaml`]: fromConfigMap } });
    assert.equal(valueFrom.ok, false);
    assert.match(valueFrom.problems.join("\n"), /env MODEL_PATH takes its value from valueFrom, which verify-promotion cannot check/);
  });

  test("a URI the file held before elsewhere (a comment) is checked again in its new place", async () => {
    const file = `${APP}/inferenceservice.yaml`;
    const lenient = await verifyWorld();
    try {
      const base = show(lenient.bare, "main", file);
      pushFiles(lenient.bare, "main", { [file]: `# 0.0.3 failed its gates: ${lenient.uri("0.0.3")}\n${base}` }, { from: "main" });
      const deployment = `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: shadow, namespace: models }\nspec:\n  selector: { matchLabels: { app: shadow } }\n  template:\n    metadata: { labels: { app: shadow } }\n    spec:\n      containers:\n        - name: server\n          image: ghcr.io/owner/onnx-server:1.4.0\n          env:\n            - name: MODEL_URI\n              value: ${lenient.uri("0.0.3")}\n`;
      const result = await attempt("known-uri", { [file]: (text) => text + deployment }, lenient);
      assert.equal(result.ok, false, result.markdown);
      assert.match(result.uris.find((uri) => uri.uri === lenient.uri("0.0.3"))!.detail, /may not be promoted: its gate verdict is fail/);
    } finally {
      await lenient.cleanup();
    }
  });

  test("a URI the file held before that moves to a place nothing loads from (a record of the stable model) is not new", async () => {
    const moved = await verifyWorld();
    try {
      // main serves the ungated 0.0.3 (from before the rules); the change starts 0.0.2 and records 0.0.3 as it goes.
      pushFiles(
        moved.bare,
        "main",
        { [VALUES]: show(moved.bare, "main", VALUES).replace(moved.uri("0.0.1"), moved.uri("0.0.3")) },
        { from: "main" },
      );
      const result = await attempt(
        "record-stable",
        { [VALUES]: (text) => text.replace(moved.uri("0.0.3"), moved.uri("0.0.2")) + `previousModel: ${moved.uri("0.0.3")}\n` },
        moved,
      );
      assert.equal(result.ok, true, result.markdown);
      assert.deepEqual(
        result.uris.map((uri) => uri.uri),
        [moved.uri("0.0.2")],
      );
    } finally {
      await moved.cleanup();
    }
  });

  test("the rules file is recognised however the input spells its path (./modelship.yaml)", async () => {
    pushFiles(world.bare, "dot-rules", { "modelship.yaml": stringify(exampleRules(world.evilRegistry)) }, { from: "main" });
    const result = await runVerifyStage({ head: "dot-rules", remote: world.bare, base: "main", rulesFile: "./modelship.yaml" }, world.run);
    assert.equal(result.ok, false);
    assert.deepEqual(result.rulesChanges, [{ file: "modelship.yaml", allowed: false }]);
  });
});
