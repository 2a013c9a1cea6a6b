/**
 * Pull secrets in the targets (issue 26, point 4): an environment's pull_secret goes into
 * imagePullSecrets of every pod spec that runs the model, once, keeping the user's other secrets
 * and comments; the written manifests validate against the upstream CRDs; kinds without a pod spec
 * are refused; and an oci:// model in a pod spec without credentials gets a warning.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { parseAllDocuments, stringify } from "yaml";
import { isUserError } from "../../../src/common/errors.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { isOciModelUri } from "../../../src/gitops/model-uri.ts";
import {
  applyAction,
  pullCredentialsWarning,
  type ModelRef,
  type RolloutAction,
  type TargetSpec,
} from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";
import { exampleManifest, U1 } from "../../support/manifests.ts";
import { lineChanges } from "./diff-lines.ts";

/** A digest-pinned modelcar URI as release pushes it to GHCR (the digest of some bytes, computed here). */
const OCI = `oci://ghcr.io/octo/models/adult-income@sha256:${createHash("sha256").update("model 0.0.2").digest("hex")}`;
const MODEL: ModelRef = { name: "adult-income", version: "0.0.2", uri: OCI, digest: "sha256:2222" };
const SECRET = "ghcr-pull";
const START: RolloutAction = { kind: "start", weight: 10 };

/** The plain value at `path` of the resource of `kind` in a YAML stream. */
function valueAt(text: string, kind: string, path: (string | number)[]): unknown {
  const document = parseAllDocuments(text).find((d) => d.get("kind") === kind);
  assert.ok(document, `no ${kind} in the text`);
  return document.getIn(path);
}

function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function assertValid(text: string, file: string): void {
  assert.deepEqual(validateManifestText(text, file, { modelFormat: "onnx" }).problems.map(formatProblem), [], text);
}

/** Each target kind with a pod spec: the example file, its target, and where the pod specs are after `start`. */
const KINDS: { target: TargetSpec; text: string; kind: string; podSpecs: (string | number)[][] }[] = [
  {
    target: { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" },
    text: exampleManifest("inferenceservice.yaml"),
    kind: "InferenceService",
    podSpecs: [
      ["spec", "predictor"],
      ["spec", "canary", 0, "predictor"],
    ],
  },
  {
    target: { kind: "kserve-knative", file: "apps/adult-income/isvc-knative.yaml" },
    text: exampleManifest("inferenceservice.yaml").replace("deploymentMode: Standard", "deploymentMode: Knative"),
    kind: "InferenceService",
    podSpecs: [["spec", "predictor"]],
  },
  {
    target: { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" },
    text: exampleManifest("rollout.yaml"),
    kind: "Rollout",
    podSpecs: [["spec", "template", "spec"]],
  },
  {
    target: { kind: "flagger", file: "apps/adult-income/flagger.yaml" },
    text: exampleManifest("flagger.yaml"),
    kind: "Deployment",
    podSpecs: [["spec", "template", "spec"]],
  },
];

describe("pull_secret in the targets", () => {
  for (const { target, text, kind, podSpecs } of KINDS) {
    describe(target.kind, () => {
      const without = applyAction(text, target, MODEL, START);
      const withSecret = applyAction(text, { ...target, pullSecret: SECRET }, MODEL, START);

      it("unset: writes no pull secret", () => {
        assert.doesNotMatch(without, /imagePullSecrets/);
        assert.ok(without.includes(OCI), "the oci:// URI is written");
      });

      it("set: every pod spec that runs the model gets it, and only those lines change", () => {
        for (const podSpec of podSpecs)
          assert.deepEqual(plain(valueAt(withSecret, kind, [...podSpec, "imagePullSecrets"])), [{ name: SECRET }], podSpec.join("."));
        const { removed, added } = lineChanges(without, withSecret);
        assert.deepEqual(removed, []);
        assert.equal(added.length, 2 * podSpecs.length, added.join("\n"));
        for (const line of added) assert.match(line, /^\s*(imagePullSecrets:|- name: ghcr-pull)$/);
      });

      it("the written manifest validates against the upstream CRDs", () => {
        assertValid(withSecret, target.file);
      });

      it("again (a step, then promote): the secret is not added twice", () => {
        const spec = { ...target, pullSecret: SECRET };
        const stepped = applyAction(withSecret, spec, MODEL, { kind: "step", weight: 50 });
        const promoted = applyAction(stepped, spec, MODEL, { kind: "promote" });
        for (const text of [stepped, promoted])
          assert.deepEqual(plain(valueAt(text, kind, [...podSpecs[0]!, "imagePullSecrets"])), [{ name: SECRET }]);
        assertValid(promoted, target.file);
      });
    });
  }

  const ISVC = exampleManifest("inferenceservice.yaml");
  const KNATIVE: TargetSpec = { kind: "kserve-knative", file: "isvc.yaml", pullSecret: SECRET };
  const knativeText = (predictorExtra: string): string =>
    ISVC.replace("deploymentMode: Standard", "deploymentMode: Knative").replace(
      "    minReplicas: 2\n",
      `    minReplicas: 2\n${predictorExtra}`,
    );

  it("already present: the file's lines stay as they were, comment included", () => {
    const text = knativeText("    imagePullSecrets: [{name: ghcr-pull}]  # read:packages token\n");
    const out = applyAction(text, KNATIVE, MODEL, { kind: "direct" });
    assert.match(out, /^ {4}imagePullSecrets: \[\{name: ghcr-pull\}\] {2}# read:packages token$/m);
    assert.deepEqual(plain(valueAt(out, "InferenceService", ["spec", "predictor", "imagePullSecrets"])), [{ name: SECRET }]);
    // Only the model URI line (and the state modelship records) changed.
    const { removed } = lineChanges(text, out);
    assert.deepEqual(
      removed.map((line) => line.trim()),
      [`storageUri: ${exampleStorageUri(text)}`],
    );
  });

  it("the user's other secrets stay, in their order, with their comments; ours goes last", () => {
    const text = knativeText(
      "    imagePullSecrets:\n      # the base images\n      - name: dockerhub-pull\n      - name: harbor  # mirror\n",
    );
    const out = applyAction(text, KNATIVE, MODEL, { kind: "direct" });
    assert.deepEqual(plain(valueAt(out, "InferenceService", ["spec", "predictor", "imagePullSecrets"])), [
      { name: "dockerhub-pull" },
      { name: "harbor" },
      { name: SECRET },
    ]);
    assert.match(out, /# the base images\n {6}- name: dockerhub-pull\n {6}- name: harbor {2}# mirror\n {6}- name: ghcr-pull\n/);
    assertValid(out, "isvc.yaml");
  });

  it("a serviceAccountName is kept and the secret still added (the account may lack it)", () => {
    const text = knativeText("    serviceAccountName: models-sa\n");
    const out = applyAction(text, KNATIVE, MODEL, { kind: "direct" });
    assert.equal(valueAt(out, "InferenceService", ["spec", "predictor", "serviceAccountName"]), "models-sa");
    assert.deepEqual(plain(valueAt(out, "InferenceService", ["spec", "predictor", "imagePullSecrets"])), [{ name: SECRET }]);
  });

  it("kserve-standard: a new canary predictor pulls as the stable one does, without pull_secret too", () => {
    const text = ISVC.replace(
      "    minReplicas: 2\n",
      "    minReplicas: 2\n    serviceAccountName: models-sa\n    imagePullSecrets:\n      - name: harbor\n",
    );
    const out = applyAction(text, { kind: "kserve-standard", file: "isvc.yaml" }, MODEL, START);
    assert.equal(valueAt(out, "InferenceService", ["spec", "canary", 0, "predictor", "serviceAccountName"]), "models-sa");
    assert.deepEqual(plain(valueAt(out, "InferenceService", ["spec", "canary", 0, "predictor", "imagePullSecrets"])), [{ name: "harbor" }]);
    assertValid(out, "isvc.yaml");
  });

  it("imagePullSecrets that is not a list is a UserError naming its pointer", () => {
    const text = knativeText("    imagePullSecrets: ghcr-pull\n");
    assert.throws(
      () => applyAction(text, KNATIVE, MODEL, { kind: "direct" }),
      (error: unknown) => isUserError(error) && error.pointer === "/spec/predictor/imagePullSecrets" && /not a list/.test(error.problem),
    );
  });

  it("the validator catches a malformed imagePullSecrets (so the checks above can fail)", () => {
    const text = knativeText("    imagePullSecrets: [ghcr-pull]\n");
    const problems = validateManifestText(text, "isvc.yaml", { modelFormat: "onnx" }).problems;
    assert.ok(
      problems.some((problem) => problem.pointer.startsWith("/spec/predictor/imagePullSecrets")),
      problems.map(formatProblem).join("\n"),
    );
  });

  for (const target of [
    { kind: "seldon-v2", file: "apps/adult-income/seldon.yaml" },
    { kind: "yaml-path", file: "apps/adult-income/values.yaml", uriPath: "model.uri" },
  ] satisfies TargetSpec[]) {
    it(`${target.kind}: a pull secret is refused, with why and what to do`, () => {
      const text = target.kind === "seldon-v2" ? exampleManifest("seldon.yaml") : `model:\n  uri: ${U1}\n`;
      assert.throws(
        () => applyAction(text, { ...target, pullSecret: SECRET }, MODEL, { kind: "direct" }),
        (error: unknown) =>
          isUserError(error) &&
          error.file === target.file &&
          /pull secret/.test(error.problem) &&
          /imagePullSecrets/.test(error.hint ?? ""),
      );
    });
  }
});

describe("the warning for an oci:// model without pull credentials", () => {
  const target: TargetSpec = { kind: "kserve-knative", file: "apps/adult-income/inferenceservice.yaml" };
  const isvc = exampleManifest("inferenceservice.yaml").replace("deploymentMode: Standard", "deploymentMode: Knative");

  it("names the file, the pod spec and the setting to add", () => {
    const out = applyAction(isvc, target, MODEL, START);
    const warning = pullCredentialsWarning(out, target, "production");
    assert.ok(warning !== undefined);
    assert.match(warning, /apps\/adult-income\/inferenceservice\.yaml/);
    assert.match(warning, /spec\.predictor names neither/);
    assert.match(warning, /promote\.environments\.production\.pull_secret/);
    assert.ok(warning.includes(OCI));
  });

  it("is quiet when the environment sets pull_secret, the pod names credentials, or the model is not oci://", () => {
    const withSecret = { ...target, pullSecret: SECRET };
    assert.equal(pullCredentialsWarning(applyAction(isvc, withSecret, MODEL, START), withSecret, "production"), undefined);
    for (const credentials of ["    serviceAccountName: models-sa\n", "    imagePullSecrets: [{name: harbor}]\n"]) {
      const text = isvc.replace("    minReplicas: 2\n", `    minReplicas: 2\n${credentials}`);
      assert.notEqual(text, isvc);
      assert.equal(pullCredentialsWarning(applyAction(text, target, MODEL, START), target, "production"), undefined, credentials);
    }
    assert.equal(pullCredentialsWarning(isvc, target, "production"), undefined);
  });

  it("kserve-standard: the canary's predictor without credentials is named too", () => {
    const standard: TargetSpec = { kind: "kserve-standard", file: "isvc.yaml" };
    const warning = pullCredentialsWarning(
      applyAction(exampleManifest("inferenceservice.yaml"), standard, MODEL, START),
      standard,
      "staging",
    );
    assert.match(warning ?? "", /spec\.predictor and spec\.canary\[0\]\.predictor name neither/);
  });

  it("argo-rollouts, flagger: no warning, since the server reads the URI from an env var and the kubelet never pulls it", () => {
    for (const [kind, file] of [
      ["argo-rollouts", "rollout.yaml"],
      ["flagger", "flagger.yaml"],
    ] as const) {
      const spec: TargetSpec = { kind, file };
      const out = applyAction(exampleManifest(file), spec, MODEL, START);
      assert.ok(out.includes(OCI));
      assert.equal(pullCredentialsWarning(out, spec, "production"), undefined, kind);
    }
  });

  it("kinds without a pod spec get no warning (their refusal says why)", () => {
    const seldon: TargetSpec = { kind: "seldon-v2", file: "seldon.yaml" };
    assert.equal(
      pullCredentialsWarning(applyAction(exampleManifest("seldon.yaml"), seldon, MODEL, START), seldon, "production"),
      undefined,
    );
  });
});

describe("isOciModelUri", () => {
  it("knows a digest- or tag-pinned oci:// reference from a release URL", () => {
    assert.equal(isOciModelUri(OCI), true);
    assert.equal(isOciModelUri("oci://registry.local:5000/models/x:0.0.2"), true);
    assert.equal(isOciModelUri(U1), false);
    assert.equal(isOciModelUri("oci://"), false);
    assert.equal(isOciModelUri("oci://ghcr.io"), false);
  });
});

describe("promote.environments.<env>.pull_secret", () => {
  const config = (environment: Record<string, unknown>): string =>
    stringify({ model: "adult-income", promote: { repository: "my-org/gitops", environments: { production: environment } } });
  const resolve = (text: string) => resolveEnvironment("production", parseConfig(text, { file: "modelship.yaml", cwd: tmpdir() }));

  it("reaches every target", () => {
    const settings = resolve(
      config({
        pull_secret: SECRET,
        targets: [
          { kind: "kserve-standard", file: "a.yaml" },
          { kind: "argo-rollouts", file: "b.yaml" },
        ],
      }),
    );
    assert.deepEqual(
      settings.targets.map((target) => target.pullSecret),
      [SECRET, SECRET],
    );
  });

  it("unset: no target carries one", () => {
    const settings = resolve(config({ targets: [{ kind: "kserve-standard", file: "a.yaml" }] }));
    assert.equal(Object.hasOwn(settings.targets[0]!, "pullSecret"), false);
  });

  it("with a seldon-v2 target: refused before anything is cloned, at the setting's pointer", () => {
    assert.throws(
      () => resolve(config({ pull_secret: SECRET, targets: [{ kind: "seldon-v2", file: "s.yaml" }] })),
      (error: unknown) =>
        isUserError(error) &&
        error.pointer === "/promote/environments/production/pull_secret" &&
        /target 1 \(kind seldon-v2, file s\.yaml\)/.test(error.problem),
    );
  });

  it("a name Kubernetes would refuse for a Secret is refused by the schema", () => {
    assert.throws(
      () => resolve(config({ pull_secret: "GHCR_pull", targets: [{ kind: "kserve-standard", file: "a.yaml" }] })),
      (error: unknown) => isUserError(error) && /\/promote\/environments\/production\/pull_secret/.test(error.problem),
    );
  });
});

/** The storageUri the example InferenceService holds (read from the text, for the line-diff check). */
function exampleStorageUri(text: string): string {
  return /storageUri: (\S+)/.exec(text)![1]!;
}

describe("docs/promotion.md: Pull secrets for OCI models", () => {
  const doc = readFileSync(new URL("../../../docs/promotion.md", import.meta.url), "utf8");
  const section = doc.slice(
    doc.indexOf("## Pull secrets for OCI models"),
    doc.indexOf("\n## ", doc.indexOf("## Pull secrets for OCI models") + 1),
  );
  const blocks = [...section.matchAll(/```(yaml|sh)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1]!, text: match[2]! }));
  const isvc = blocks.find((block) => block.lang === "yaml" && block.text.includes("kind: InferenceService"))!.text;
  const config = blocks.find((block) => block.text.startsWith("# modelship.yaml"))!.text;
  const command = blocks.find((block) => block.lang === "sh")!.text;

  it("the InferenceService shown validates against the upstream CRDs, with a digest-pinned GHCR oci:// URI", () => {
    assertValid(isvc, "inferenceservice.yaml");
    const uri = valueAt(isvc, "InferenceService", ["spec", "predictor", "model", "storageUri"]) as string;
    assert.ok(isOciModelUri(uri));
    assert.match(uri, /^oci:\/\/ghcr\.io\/octo\/models\/adult-income@sha256:[0-9a-f]{64}$/);
  });

  it("is what promote writes from the same file without the secret, and names the Secret the command creates", () => {
    const secret = /create secret docker-registry (\S+)/.exec(command)![1]!;
    const configured = /pull_secret: (\S+)/.exec(config)![1]!;
    assert.equal(configured, secret);
    assert.match(command, /--docker-server=ghcr\.io/);
    const bare = isvc.replace(/\n {4}imagePullSecrets:\n {6}- name: \S+/, "");
    assert.notEqual(bare, isvc);
    const uri = valueAt(isvc, "InferenceService", ["spec", "predictor", "model", "storageUri"]) as string;
    const target: TargetSpec = { kind: "kserve-standard", file: "inferenceservice.yaml", pullSecret: configured };
    const out = applyAction(bare, target, { ...MODEL, uri }, { kind: "direct" });
    assert.ok(out.endsWith(isvc.slice(isvc.indexOf("spec:\n"))), out);
  });
});
