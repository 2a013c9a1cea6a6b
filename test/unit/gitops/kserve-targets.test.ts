import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { applyAction, readState, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { lineChanges, rawDocuments } from "./diff-lines.ts";
import { asTriton, canaryState, D2, stableState, T1, T2, V1_TRITON, V2 } from "../../support/manifests.ts";

const STANDARD_FILE = `# Adult income: config and the InferenceService.
apiVersion: v1
kind: ConfigMap
metadata: {name: adult-income-config}
data:
  threshold: "0.5"
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  labels: {team: ml,  tier: gold}
  annotations:
    serving.kserve.io/deploymentMode: Standard   # spec.canary needs Standard mode

spec:
  predictor:
    minReplicas: 2
    tolerations:
    - key: nvidia.com/gpu
      operator: Exists
    model:
      modelFormat: {name: onnx}
      # the release asset modelship published
      storageUri: "${T1}"  # stable
`;

const STANDARD_STARTED = `# Adult income: config and the InferenceService.
apiVersion: v1
kind: ConfigMap
metadata: {name: adult-income-config}
data:
  threshold: "0.5"
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  labels: {team: ml,  tier: gold}
  annotations:
    serving.kserve.io/deploymentMode: Standard   # spec.canary needs Standard mode
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${T1}
    modelship.dev/canary-version: 0.0.2
    modelship.dev/canary-uri: ${T2}
    modelship.dev/canary-digest: ${D2}

spec:
  predictor:
    minReplicas: 2
    tolerations:
    - key: nvidia.com/gpu
      operator: Exists
    model:
      modelFormat: {name: onnx}
      # the release asset modelship published
      storageUri: "${T1}"  # stable
  canary:
  - trafficPercent: 10
    predictor:
      name: v0-0-2
      model:
        name: kserve-container
        modelFormat:
          name: onnx
        storageUri: ${T2}
`;

const STANDARD_STEPPED = STANDARD_STARTED.replace("  - trafficPercent: 10\n", "  - trafficPercent: 30\n");

const STANDARD_PROMOTED = `# Adult income: config and the InferenceService.
apiVersion: v1
kind: ConfigMap
metadata: {name: adult-income-config}
data:
  threshold: "0.5"
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  labels: {team: ml,  tier: gold}
  annotations:
    serving.kserve.io/deploymentMode: Standard   # spec.canary needs Standard mode
    modelship.dev/stable-version: 0.0.2
    modelship.dev/stable-uri: ${T2}
    modelship.dev/stable-digest: ${D2}

spec:
  predictor:
    name: v0-0-2
    minReplicas: 2
    tolerations:
    - key: nvidia.com/gpu
      operator: Exists
    model:
      modelFormat: {name: onnx}
      # the release asset modelship published
      storageUri: "${T2}" # stable
`;

const STANDARD_ROLLED_BACK = `# Adult income: config and the InferenceService.
apiVersion: v1
kind: ConfigMap
metadata: {name: adult-income-config}
data:
  threshold: "0.5"
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  labels: {team: ml,  tier: gold}
  annotations:
    serving.kserve.io/deploymentMode: Standard   # spec.canary needs Standard mode
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${T1}

spec:
  predictor:
    minReplicas: 2
    tolerations:
    - key: nvidia.com/gpu
      operator: Exists
    model:
      modelFormat: {name: onnx}
      # the release asset modelship published
      storageUri: "${T1}"  # stable
`;

const standard: TargetSpec = { kind: "kserve-standard", file: "apps/isvc.yaml" };

describe("kserve-standard target", () => {
  it("starts a canary as spec.canary[0] and records both models, touching only added lines", () => {
    const started = applyAction(STANDARD_FILE, standard, V2, { kind: "start", weight: 10 });
    assert.equal(started, STANDARD_STARTED);
    assert.deepEqual(lineChanges(STANDARD_FILE, started).removed, []);
    assert.equal(rawDocuments(started)[0], rawDocuments(STANDARD_FILE)[0], "the ConfigMap document is byte-identical");
    assert.deepEqual(readState(started, standard), canaryState(10, asTriton(V2), V1_TRITON));
  });

  it("steps the canary by changing trafficPercent alone", () => {
    const stepped = applyAction(STANDARD_STARTED, standard, V2, { kind: "step", weight: 30 });
    assert.equal(stepped, STANDARD_STEPPED);
    assert.deepEqual(lineChanges(STANDARD_STARTED, stepped), { removed: ["  - trafficPercent: 10"], added: ["  - trafficPercent: 30"] });
    assert.equal(readState(stepped, standard).canary?.weight, 30);
  });

  it("promotes: the stable predictor takes the canary's URI and name, and spec.canary goes", () => {
    const promoted = applyAction(STANDARD_STEPPED, standard, V2, { kind: "promote" });
    assert.equal(promoted, STANDARD_PROMOTED);
    assert.deepEqual(lineChanges(STANDARD_FILE, promoted), {
      removed: [`      storageUri: "${T1}"  # stable`],
      added: [
        "    modelship.dev/stable-version: 0.0.2",
        `    modelship.dev/stable-uri: ${T2}`,
        `    modelship.dev/stable-digest: ${D2}`,
        "    name: v0-0-2",
        `      storageUri: "${T2}" # stable`,
      ],
    });
    assert.deepEqual(readState(promoted, standard), stableState(asTriton(V2)));
  });

  it("rolls back by deleting spec.canary, keeping the record of the stable model", () => {
    const rolledBack = applyAction(STANDARD_STARTED, standard, V2, { kind: "rollback" });
    assert.equal(rolledBack, STANDARD_ROLLED_BACK);
    assert.deepEqual(readState(rolledBack, standard), stableState(V1_TRITON));
  });

  // Start, step and promote applied twice are covered for every example file in targets.test.ts.
  it("rolling back a rolled-back file changes nothing", () => {
    assert.equal(
      applyAction(STANDARD_STARTED, standard, V2, { kind: "rollback" }),
      applyAction(STANDARD_ROLLED_BACK, standard, V2, { kind: "rollback" }),
    );
    assert.equal(applyAction(STANDARD_ROLLED_BACK, standard, V2, { kind: "rollback" }), STANDARD_ROLLED_BACK);
  });

  it("replaces the stable model directly, dropping any canary", () => {
    const direct = applyAction(STANDARD_STARTED, standard, V2, { kind: "direct" });
    assert.deepEqual(readState(direct, standard), stableState(asTriton(V2)));
    assert.doesNotMatch(direct, /^ {2}canary:|modelship\.dev\/canary/m);
  });

  it("refuses a resource in Knative mode and points at kserve-knative", () => {
    const knative = STANDARD_FILE.replace("deploymentMode: Standard", "deploymentMode: Knative");
    assert.throws(
      () => applyAction(knative, standard, V2, { kind: "start", weight: 10 }),
      /apps\/isvc\.yaml:14: .*Knative mode[\s\S]*kserve-knative/,
    );
  });
});

const KNATIVE_FILE = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  namespace: models # where the models live
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: ${T1}
---
# The service account the predictor uses.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: adult-income
`;

const KNATIVE_STARTED = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  namespace: models # where the models live
  annotations:
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${T1}
    modelship.dev/canary-version: 0.0.2
    modelship.dev/canary-uri: ${T2}
    modelship.dev/canary-digest: ${D2}
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: ${T2}
    canaryTrafficPercent: 10
---
# The service account the predictor uses.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: adult-income
`;

const KNATIVE_PROMOTED = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  namespace: models # where the models live
  annotations:
    modelship.dev/stable-version: 0.0.2
    modelship.dev/stable-uri: ${T2}
    modelship.dev/stable-digest: ${D2}
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: ${T2}
---
# The service account the predictor uses.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: adult-income
`;

const KNATIVE_ROLLED_BACK = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  namespace: models # where the models live
  annotations:
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${T1}
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: ${T1}
---
# The service account the predictor uses.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: adult-income
`;

const knative: TargetSpec = { kind: "kserve-knative", file: "apps/isvc.yaml" };

describe("kserve-knative target", () => {
  it("starts a canary: the new storageUri is the new revision, canaryTrafficPercent splits traffic", () => {
    const started = applyAction(KNATIVE_FILE, knative, V2, { kind: "start", weight: 10 });
    assert.equal(started, KNATIVE_STARTED);
    assert.deepEqual(lineChanges(KNATIVE_FILE, started).removed, [`      storageUri: ${T1}`]);
    assert.equal(rawDocuments(started)[1], rawDocuments(KNATIVE_FILE)[1], "the ServiceAccount document is byte-identical");
    assert.deepEqual(readState(started, knative), canaryState(10, asTriton(V2), V1_TRITON));
  });

  it("steps, promotes by deleting canaryTrafficPercent, and is idempotent", () => {
    const stepped = applyAction(KNATIVE_STARTED, knative, V2, { kind: "step", weight: 50 });
    assert.deepEqual(lineChanges(KNATIVE_STARTED, stepped), {
      removed: ["    canaryTrafficPercent: 10"],
      added: ["    canaryTrafficPercent: 50"],
    });
    const promoted = applyAction(stepped, knative, V2, { kind: "promote" });
    assert.equal(promoted, KNATIVE_PROMOTED);
    assert.equal(applyAction(promoted, knative, V2, { kind: "promote" }), promoted);
    assert.deepEqual(readState(promoted, knative), stableState(asTriton(V2)));
  });

  it("rolls back to the URI recorded in the stable annotation", () => {
    const rolledBack = applyAction(KNATIVE_STARTED, knative, V2, { kind: "rollback" });
    assert.equal(rolledBack, KNATIVE_ROLLED_BACK);
    assert.equal(applyAction(rolledBack, knative, V2, { kind: "rollback" }), rolledBack);
    assert.deepEqual(readState(rolledBack, knative), stableState(V1_TRITON));
  });

  it("says the stable model is unknown when a hand-made canary has no record", () => {
    const handMade = KNATIVE_FILE.replace(`storageUri: ${T1}`, `storageUri: ${T2}\n    canaryTrafficPercent: 20`);
    assert.deepEqual(readState(handMade, knative), { canary: { version: "0.0.2", uri: T2, weight: 20 } });
    assert.throws(() => applyAction(handMade, knative, V2, { kind: "rollback" }), /modelship\.dev\/stable-uri is missing/);
  });
});

describe("the asset an InferenceService gets is the one its runtime loads", () => {
  const target: TargetSpec = { kind: "kserve-standard", file: "isvc.yaml" };
  const withRuntime = (runtime: string | undefined): string =>
    STANDARD_FILE.replace(
      "      modelFormat: {name: onnx}\n",
      `      modelFormat: {name: onnx}\n${runtime === undefined ? "" : `      runtime: ${runtime}\n`}`,
    );

  it("kserve-tritonserver, pinned or picked by KServe for onnx, gets the Triton model repository archive", () => {
    for (const runtime of ["kserve-tritonserver", undefined]) {
      const direct = applyAction(withRuntime(runtime), target, V2, { kind: "direct" });
      assert.equal(readState(direct, target).stable?.uri, T2, `runtime ${runtime ?? "(none)"}`);
    }
  });

  it("a runtime of the cluster's own gets the ONNX file", () => {
    const direct = applyAction(withRuntime("my-onnx-runtime"), target, V2, { kind: "direct" });
    assert.equal(readState(direct, target).stable?.uri, V2.uri);
  });

  it("a release without a Triton archive is refused for Triton, naming the fix: release again", () => {
    const old = { ...V2, servingUris: { "onnx-file": V2.uri } };
    assert.throws(
      () => applyAction(withRuntime("kserve-tritonserver"), target, old, { kind: "start", weight: 10 }),
      (error: unknown) =>
        isUserError(error) &&
        error.file === "isvc.yaml" &&
        /adult-income 0\.0\.2 has no Triton model repository \(triton-model-repository\.tar\.gz\), which runtime kserve-tritonserver loads: it was released before modelship published one/.test(
          error.problem,
        ) &&
        /release the model again as a new version/.test(error.hint ?? ""),
    );
  });

  it("a release whose graph Triton cannot serve is refused with the reason its manifest records", () => {
    const zipmap = {
      ...V2,
      servingUris: { "onnx-file": V2.uri },
      unavailable: { "triton-model-repository": 'output "output_probability" is a sequence, not a tensor' },
    };
    assert.throws(
      () => applyAction(withRuntime(undefined), target, zipmap, { kind: "direct" }),
      (error: unknown) => isUserError(error) && /output_probability" is a sequence/.test(error.problem) && /zipmap/.test(error.hint ?? ""),
    );
  });

  it("step, promote and rollback keep the asset of the release the file runs", () => {
    const started = applyAction(STANDARD_FILE, target, V2, { kind: "start", weight: 10 });
    // The canary job passes the model as another target holds it (model.onnx): the same release's archive stays.
    const stepped = applyAction(started, target, V2, { kind: "step", weight: 40 });
    assert.deepEqual(readState(stepped, target), canaryState(40, asTriton(V2), V1_TRITON));
    assert.deepEqual(readState(applyAction(stepped, target, V2, { kind: "promote" }), target), stableState(asTriton(V2)));
    assert.deepEqual(readState(applyAction(stepped, target, V2, { kind: "rollback" }), target), stableState(V1_TRITON));
  });
});
