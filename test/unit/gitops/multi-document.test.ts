/**
 * Multi-document GitOps files (issue 18): every document of a file is read, the edit lands in the
 * document that holds the target's resource while the others keep every byte, and a file whose
 * documents cannot all be honoured (a values file or kustomization of two documents, a resource that
 * two documents could be, a stray non-resource among resources) is refused with the file, the
 * document and its line, never half promoted. Empty documents (a leading or trailing `---`) are not
 * documents worth refusing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { findServingUris } from "../../../src/gitops/serving-uris.ts";
import { applyAction, readState, type RolloutAction, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import { rawDocuments } from "./diff-lines.ts";
import { asTriton, canaryState, exampleManifest as example, stableState, U1, U2, V1_TRITON, V2 } from "../../support/manifests.ts";

const START: RolloutAction = { kind: "start", weight: 10 };
const DIRECT: RolloutAction = { kind: "direct" };

/** A Service that shares the model's name, with comments and spacing a re-serialisation would change. */
const SERVICE = `# The Service in front of the model.
apiVersion: v1
kind: Service
metadata:
  name: adult-income    # the same name as the model, on purpose
  namespace: models
spec:
  selector: {app: adult-income}
  ports:
    - port: 80
      targetPort: 8080   # the server's port
`;

const KNATIVE = `# Knative mode: a new storageUri is a new revision.
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  namespace: models
  annotations:
    serving.kserve.io/deploymentMode: Knative
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: ${U1}   # set by modelship
`;

const deployment = (name: string, uri = U1): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: models
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: server
          image: ghcr.io/owner/onnx-server:1.4.0
          env:
            - name: MODEL_URI
              value: ${uri}   # promotion PRs change this
`;

/** The 1-based line of the first line of `text` that starts with `prefix`, counted from line `from`. */
function lineOf(text: string, prefix: string, from = 1): number {
  const index = text.split("\n").findIndex((line, i) => i + 1 >= from && line.startsWith(prefix));
  assert.ok(index >= 0, `a line starting with ${JSON.stringify(prefix)}`);
  return index + 1;
}

/** Asserts a UserError about `file` at `line` whose problem and hint match. */
function assertRefused(run: () => unknown, expected: { file: string; line: number; problem: RegExp; hint: RegExp }): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isUserError(error), `a UserError, got ${String(error)}`);
    const userError: UserError = error;
    assert.equal(userError.file, expected.file);
    assert.equal(userError.line, expected.line, userError.message);
    assert.match(userError.problem, expected.problem);
    assert.match(userError.hint ?? "", expected.hint);
    return true;
  });
}

describe("a two-document manifest: the target's document is edited, the other keeps every byte", () => {
  // Each target kind, its resource in the second document (after SERVICE, which shares its name):
  // the edit must be exactly what the same file alone gets, and SERVICE must come through untouched.
  const cases: { kind: string; target: TargetSpec; file: string; action: RolloutAction }[] = [
    {
      kind: "kserve-standard",
      target: { kind: "kserve-standard", file: "isvc.yaml" },
      file: example("inferenceservice.yaml"),
      action: START,
    },
    { kind: "kserve-knative", target: { kind: "kserve-knative", file: "isvc.yaml" }, file: KNATIVE, action: START },
    {
      kind: "argo-rollouts",
      target: { kind: "argo-rollouts", file: "rollout.yaml", container: "server" },
      file: example("rollout.yaml"),
      action: START,
    },
    {
      kind: "flagger (Deployment and Canary)",
      target: { kind: "flagger", file: "flagger.yaml" },
      file: example("flagger.yaml"),
      action: START,
    },
    {
      kind: "seldon-v2 (adds two documents)",
      target: { kind: "seldon-v2", file: "seldon.yaml" },
      file: example("seldon.yaml"),
      action: START,
    },
    {
      kind: "yaml-path on a Deployment",
      target: { kind: "yaml-path", file: "deploy.yaml", uriPath: "spec.template.spec.containers[0].env[0].value" },
      file: deployment("adult-income"),
      action: DIRECT,
    },
  ];
  for (const { kind, target, file, action } of cases) {
    it(kind, () => {
      const alone = applyAction(file, target, V2, action);
      assert.notEqual(alone, file, "the action changes the file");
      const text = `${SERVICE}---\n${file}`;
      const edited = applyAction(text, target, V2, action);
      assert.equal(edited, `${SERVICE}---\n${alone}`);
      assert.equal(rawDocuments(edited)[0], SERVICE, "the Service is byte-identical, comments and flow maps included");
      assert.deepEqual(readState(edited, target), readState(alone, target));
    });
  }

  it("puts the Service second as well as first", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "isvc.yaml" };
    const file = example("inferenceservice.yaml");
    const edited = applyAction(`${file}---\n${SERVICE}`, target, V2, START);
    assert.equal(edited, `${applyAction(file, target, V2, START)}---\n${SERVICE}`);
    assert.deepEqual(readState(edited, target), canaryState(10, asTriton(V2), V1_TRITON));
  });

  it("keeps a large untouched document byte-identical when edits land on both sides of it", () => {
    // The Model's annotations above and the canary's documents below: a diff of the whole file would
    // span the ConfigMap, too large to align line by line, and the whole file would be re-serialised
    // (`{a: 0}` → `{ a: 0 }`, comment spacing lost). Each document is carried over on its own instead.
    const target: TargetSpec = { kind: "seldon-v2", file: "seldon.yaml" };
    const rows = Array.from({ length: 5100 }, (_, i) => `  f${i}: {a: ${i}}`).join("\n");
    const config = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: features    # the feature list\ndata:\n${rows}\n`;
    const file = example("seldon.yaml");
    const edited = applyAction(`${file}${config}`, target, V2, START);
    const alone = applyAction(file, target, V2, START);
    const [model, ...added] = rawDocuments(alone);
    assert.equal(edited, `${model!}${config}---${added.join("---")}`);
  });

  it("re-serialises only the edited document when it is one line of flow style", () => {
    // A one-line flow map cannot be edited line by line: that document is written anew, the other is not.
    const target: TargetSpec = { kind: "kserve-knative", file: "isvc.yaml" };
    const flow = `{apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, metadata: {name: m}, spec: {predictor: {model: {modelFormat: {name: onnx}, storageUri: '${U1}'}}}}\n`;
    const edited = applyAction(`${SERVICE}---\n${flow}`, target, V2, DIRECT);
    assert.equal(rawDocuments(edited)[0], SERVICE);
    // No runtime pinned: KServe picks kserve-tritonserver for onnx, which loads the Triton archive.
    assert.deepEqual(readState(edited, target), stableState(asTriton(V2)));
  });
});

describe("empty documents are not second documents", () => {
  const values: TargetSpec = { kind: "yaml-path", file: "values.yaml", uriPath: "model.storageUri" };

  it("a values file with a leading and a trailing --- is edited, both markers kept", () => {
    const file = example("values.yaml");
    const text = `---\n${file}---\n`;
    const edited = applyAction(text, values, V2, DIRECT);
    assert.equal(edited, `---\n${applyAction(file, values, V2, DIRECT)}---\n`);
    assert.deepEqual(readState(edited, values), stableState(V2));
    assert.deepEqual(validateManifestText(edited, "values.yaml"), {
      problems: [],
      checked: [],
      skipped: ["document 1 (no kind)"],
      notes: [],
    });
  });

  it("a trailing document of only comments stays, and Seldon's new documents go before it", () => {
    const target: TargetSpec = { kind: "seldon-v2", file: "seldon.yaml" };
    const file = example("seldon.yaml");
    const tail = "---\n# end of the model's resources\n";
    const started = applyAction(`${file}${tail}`, target, V2, START);
    assert.equal(started, `${applyAction(file, target, V2, START)}${tail}`);
    assert.equal(applyAction(started, target, V2, { kind: "rollback" }).endsWith(tail), true);
  });
});

describe("files that cannot hold several documents are refused", () => {
  const valuesFile = "apps/adult-income/values.yaml";
  const values: TargetSpec = { kind: "yaml-path", file: valuesFile, uriPath: "model.storageUri" };
  const twoValues = `${example("values.yaml")}---\n# staging override\nmodel:\n  storageUri: ${U1}\n`;

  it("a Helm values file of two documents: neither promote nor read, naming the second document's line", () => {
    const expected = {
      file: valuesFile,
      line: lineOf(twoValues, "---"),
      problem:
        /^apps\/adult-income\/values\.yaml holds 2 YAML documents \(the second is document 2, line \d+\); a values file is one document/,
      hint: /^split the file: Helm 3 reads only the first document of a values file and ignores the rest, while Helm 4 merges all of them in order/,
    };
    assertRefused(() => applyAction(twoValues, values, V2, DIRECT), expected);
    // verify-promotion and the canary job read the state through the same path.
    assertRefused(() => readState(twoValues, values), expected);
  });

  it("a kustomization of two documents", () => {
    const text = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\nconfigMapGenerator:\n- name: model\n  literals: [MODEL_URI=${U1}]\n---\nimages: []\n`;
    assertRefused(() => applyAction(text, { kind: "yaml-path", file: "app/kustomization.yaml", uriPath: "resources[0]" }, V2, DIRECT), {
      file: "app/kustomization.yaml",
      line: 7,
      problem:
        /holds 2 YAML documents \(the second is document 2, line 7\), and Kustomize reads only the first document of a kustomization/,
      hint: /merge the documents into one \(Kustomize ignores everything from line 7 on\)/,
    });
  });

  it("a manifest with a values map pasted below it", () => {
    const text = `${deployment("adult-income")}---\nmodel:\n  storageUri: ${U1}\n`;
    const target: TargetSpec = { kind: "yaml-path", file: "deploy.yaml", uriPath: "spec.template.spec.containers[0].env[0].value" };
    const line = lineOf(text, "---");
    assertRefused(() => applyAction(text, target, V2, DIRECT), {
      file: "deploy.yaml",
      line,
      problem: /^deploy\.yaml mixes Kubernetes resources with document 2, line \d+, which has no apiVersion and kind/,
      hint: /move document 2 to a file of its own/,
    });
    // Whatever target edits such a file, its validation names the stray document.
    const problems = validateManifestText(text, "deploy.yaml").problems;
    assert.deepEqual(
      problems.map((problem) => [problem.line, problem.message]),
      [[line, "document 2 is not a Kubernetes resource (it has no apiVersion and kind), in a file of Kubernetes resources"]],
    );
  });
});

describe("the target's resource in no document, or in more than one", () => {
  const isvc = example("inferenceservice.yaml");
  const standard: TargetSpec = { kind: "kserve-standard", file: "isvc.yaml" };

  it("two InferenceServices and no name: refused, naming both documents and their lines", () => {
    const text = `${isvc}---\n${isvc.replace("name: adult-income", "name: fraud")}`;
    const second = lineOf(text, "---");
    assertRefused(() => applyAction(text, standard, V2, START), {
      file: "isvc.yaml",
      line: second,
      problem: new RegExp(
        `^2 InferenceService resources in the file \\("adult-income" in document 1, line ${lineOf(text, "apiVersion")}, "fraud" in document 2, line ${second}\\); the target must name one$`,
      ),
      hint: /^set the target's name to one of: adult-income, fraud$/,
    });
    // Named, the second is edited and the first keeps every byte.
    const edited = applyAction(text, { ...standard, name: "fraud" }, V2, START);
    assert.equal(rawDocuments(edited)[0], rawDocuments(text)[0]);
    assert.deepEqual(readState(edited, { ...standard, name: "fraud" }), canaryState(10, asTriton(V2), V1_TRITON));
  });

  it("the same InferenceService twice (two namespaces): refused, the target has no way to tell them apart", () => {
    const text = `${isvc}---\n${isvc.replace("namespace: models", "namespace: staging")}`;
    const second = lineOf(text, "---");
    for (const target of [standard, { ...standard, name: "adult-income" }]) {
      assertRefused(() => applyAction(text, target, V2, START), {
        file: "isvc.yaml",
        line: second,
        problem: new RegExp(
          `^InferenceService "adult-income" is in 2 documents of the file: document 1, line \\d+ and document 2, line ${second} \\(namespaces models, staging\\); modelship will not guess which one to edit$`,
        ),
        hint: /^keep one InferenceService named "adult-income" per file: move the others .* to a file of their own/,
      });
    }
  });

  it("the same Rollout twice", () => {
    const rollout = example("rollout.yaml");
    const text = `${rollout}---\n${rollout}`;
    assertRefused(() => readState(text, { kind: "argo-rollouts", file: "rollout.yaml" }), {
      file: "rollout.yaml",
      line: lineOf(text, "---"),
      problem: /^Rollout "adult-income" is in 2 documents of the file/,
      hint: /keep one Rollout named "adult-income" per file/,
    });
  });

  it("a Seldon canary Model twice", () => {
    const seldon: TargetSpec = { kind: "seldon-v2", file: "seldon.yaml" };
    const started = applyAction(example("seldon.yaml"), seldon, V2, START);
    const canaryModel = rawDocuments(started)[1]!;
    const text = `${started}---${canaryModel}`;
    assertRefused(() => applyAction(text, seldon, V2, { kind: "promote" }), {
      file: "seldon.yaml",
      line: text.slice(0, text.lastIndexOf("---")).split("\n").length,
      problem: /^Model "adult-income-canary" is in 2 documents of the file: document 2, line \d+ and document 4, line \d+/,
      hint: /keep one Model named "adult-income-canary" per file/,
    });
  });

  it("no document holds the kind: the message lists every document with its line", () => {
    const text = `${SERVICE}---\n${deployment("adult-income")}`;
    assert.throws(
      () => readState(text, standard),
      (error: unknown) =>
        isUserError(error) &&
        error.file === "isvc.yaml" &&
        error.problem ===
          `no InferenceService of API group serving.kserve.io for target kserve-standard; the file holds Service/adult-income (document 1, line 2), Deployment/adult-income (document 2, line ${lineOf(text, "---")})`,
    );
  });

  it("an InferenceService of another API group is not KServe's: refused at its document, naming its apiVersion", () => {
    const text = `${SERVICE}---\n${isvc.replace("serving.kserve.io/v1beta1", "serving.kubeflow.org/v1beta1")}`;
    const second = lineOf(text, "---");
    assertRefused(() => applyAction(text, standard, V2, START), {
      file: "isvc.yaml",
      line: second,
      problem: new RegExp(
        `the file holds Service/adult-income \\(document 1, line 2\\), InferenceService/adult-income \\(serving\\.kubeflow\\.org/v1beta1, document 2, line ${second}\\)$`,
      ),
      hint: new RegExp(
        `^target kserve-standard edits the InferenceService of serving\\.kserve\\.io: fix the apiVersion of document 2, line ${second} \\(it says serving\\.kubeflow\\.org/v1beta1\\)`,
      ),
    });
  });

  it("yaml-path: two Deployments hold the path; named, only that one is edited", () => {
    const target: TargetSpec = { kind: "yaml-path", file: "deploy.yaml", uriPath: "spec.template.spec.containers[0].env[0].value" };
    const text = `${deployment("adult-income")}---\n${deployment("shadow")}`;
    const second = lineOf(text, "---");
    assertRefused(() => applyAction(text, target, V2, DIRECT), {
      file: "deploy.yaml",
      line: second,
      problem: new RegExp(
        `^spec\\.template\\.spec\\.containers\\[0\\]\\.env\\[0\\]\\.value is in 2 documents of the file \\(Deployment "adult-income" in document 1, line 1, Deployment "shadow" in document 2, line ${second}\\); the target must name one$`,
      ),
      hint: /^set the target's name to the metadata\.name of the resource to edit: one of adult-income, shadow$/,
    });
    const edited = applyAction(text, { ...target, name: "shadow" }, V2, DIRECT);
    assert.equal(rawDocuments(edited)[0], rawDocuments(text)[0]);
    assert.deepEqual(readState(edited, { ...target, name: "shadow" }), stableState(V2));
    assert.deepEqual(readState(edited, { ...target, name: "adult-income" }), stableState());
  });
});

describe("validation and verify-promotion's scan read every document", () => {
  it("a problem in the second document is reported at its line", () => {
    const text = `${SERVICE}---\n${deployment("adult-income").replace("image: ghcr.io/owner/onnx-server:1.4.0", "image: 7")}`;
    const result = validateManifestText(text, "deploy.yaml");
    assert.deepEqual(result.checked, ['Service "adult-income"', 'Deployment "adult-income"']);
    assert.deepEqual(
      result.problems.map((problem) => [problem.line, problem.pointer]),
      [[lineOf(text, "          image: 7"), "/spec/template/spec/containers/0/image"]],
    );
  });

  it("a list among resources is a problem; empty documents are neither problems nor skipped", () => {
    const text = `---\n${SERVICE}---\n- a list\n---\n# nothing\n---\n`;
    const result = validateManifestText(text, "svc.yaml");
    assert.deepEqual(
      result.problems.map((problem) => [problem.line, problem.message]),
      // The leading --- opens the first document, so the list is the second.
      [[lineOf(text, "---", 2), "document 2 is not a Kubernetes resource (it is not a map), in a file of Kubernetes resources"]],
    );
    assert.deepEqual(result.skipped, ["document 2 (not a map)"]);
  });

  it("finds a model location in every document of a file", () => {
    const text = `${SERVICE}---\n---\n${deployment("adult-income", U2)}---\nmodel:\n  storageUri: ${U1}\n`;
    const found = findServingUris(text).uris.filter((uri) => uri.location !== "text");
    assert.deepEqual(
      found.map((uri) => [uri.uri, uri.location, uri.line]),
      [
        [U2, "Deployment/models/adult-income/spec/template/spec/containers/0/env/0/value", lineOf(text, "              value:")],
        [U1, "#3/model/storageUri", lineOf(text, "  storageUri:")],
      ],
    );
  });
});
