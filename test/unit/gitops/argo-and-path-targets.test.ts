import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyAction, readState, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { lineChanges, rawDocuments } from "./diff-lines.ts";
import { canaryState, D2, stableState, U1, U2, V2 } from "../../support/manifests.ts";

const ROLLOUT_FILE = `# Serving Rollout
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
  annotations:
    team: ml
spec:
  strategy:
    canary:
      steps:
      - setWeight: 20
      - pause: {duration: 10m}   # bake time
  template:
    spec:
      containers:
      - name: server
        image: ghcr.io/owner/onnx-server:1.4.0
        env:
        - name: LOG_LEVEL
          value: info
        - name: MODEL_URI
          value: '${U1}'
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
  - name: success-rate
    successCondition: result[0] >= 0.95
`;

const ROLLOUT_STARTED = `# Serving Rollout
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
  annotations:
    team: ml
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${U1}
    modelship.dev/canary-version: 0.0.2
    modelship.dev/canary-uri: ${U2}
    modelship.dev/canary-digest: ${D2}
spec:
  strategy:
    canary:
      steps:
      - setWeight: 10
      - pause: {}
  template:
    spec:
      containers:
      - name: server
        image: ghcr.io/owner/onnx-server:1.4.0
        env:
        - name: LOG_LEVEL
          value: info
        - name: MODEL_URI
          value: '${U2}'
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
  - name: success-rate
    successCondition: result[0] >= 0.95
`;

const ROLLOUT_PROMOTED = `# Serving Rollout
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
  annotations:
    team: ml
    modelship.dev/stable-version: 0.0.2
    modelship.dev/stable-uri: ${U2}
    modelship.dev/stable-digest: ${D2}
spec:
  strategy:
    canary:
      steps:
      - setWeight: 40
  template:
    spec:
      containers:
      - name: server
        image: ghcr.io/owner/onnx-server:1.4.0
        env:
        - name: LOG_LEVEL
          value: info
        - name: MODEL_URI
          value: '${U2}'
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
  - name: success-rate
    successCondition: result[0] >= 0.95
`;

const ROLLOUT_ROLLED_BACK = `# Serving Rollout
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
  annotations:
    team: ml
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${U1}
spec:
  strategy:
    canary:
      steps:
      - setWeight: 10
  template:
    spec:
      containers:
      - name: server
        image: ghcr.io/owner/onnx-server:1.4.0
        env:
        - name: LOG_LEVEL
          value: info
        - name: MODEL_URI
          value: '${U1}'
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  metrics:
  - name: success-rate
    successCondition: result[0] >= 0.95
`;

const rollout: TargetSpec = { kind: "argo-rollouts", file: "apps/rollout.yaml" };

describe("argo-rollouts target", () => {
  it("starts a canary: the env var takes the new URI and the steps hold at the weight", () => {
    const started = applyAction(ROLLOUT_FILE, rollout, V2, { kind: "start", weight: 10 });
    assert.equal(started, ROLLOUT_STARTED);
    assert.deepEqual(lineChanges(ROLLOUT_FILE, started).removed, [
      "      - setWeight: 20",
      "      - pause: {duration: 10m}   # bake time",
      `          value: '${U1}'`,
    ]);
    assert.equal(rawDocuments(started)[1], rawDocuments(ROLLOUT_FILE)[1], "the AnalysisTemplate is byte-identical");
    assert.deepEqual(readState(started, rollout), canaryState(10));
  });

  it("steps by changing setWeight alone, then promotes by dropping the trailing pause", () => {
    const stepped = applyAction(ROLLOUT_STARTED, rollout, V2, { kind: "step", weight: 40 });
    assert.deepEqual(lineChanges(ROLLOUT_STARTED, stepped), { removed: ["      - setWeight: 10"], added: ["      - setWeight: 40"] });
    assert.equal(readState(stepped, rollout).canary?.weight, 40);
    const promoted = applyAction(stepped, rollout, V2, { kind: "promote" });
    assert.equal(promoted, ROLLOUT_PROMOTED);
    assert.equal(applyAction(promoted, rollout, V2, { kind: "promote" }), promoted);
    assert.deepEqual(readState(promoted, rollout), stableState(V2));
  });

  it("rolls back: the env var returns to the recorded stable URI and nothing waits", () => {
    const rolledBack = applyAction(ROLLOUT_STARTED, rollout, V2, { kind: "rollback" });
    assert.equal(rolledBack, ROLLOUT_ROLLED_BACK);
    assert.equal(applyAction(rolledBack, rollout, V2, { kind: "rollback" }), rolledBack);
    assert.deepEqual(readState(rolledBack, rollout), stableState());
  });

  it("holds a blue-green preview with autoPromotionEnabled: false and releases it on promote", () => {
    const blueGreen = ROLLOUT_FILE.replace(
      "    canary:\n      steps:\n      - setWeight: 20\n      - pause: {duration: 10m}   # bake time\n",
      "    blueGreen:\n      activeService: adult-income\n      autoPromotionEnabled: true # cut over by PR\n",
    );
    const started = applyAction(blueGreen, rollout, V2, { kind: "start", weight: 10 });
    assert.deepEqual(lineChanges(blueGreen, started).removed, [
      "      autoPromotionEnabled: true # cut over by PR",
      `          value: '${U1}'`,
    ]);
    assert.match(started, /^ {6}autoPromotionEnabled: false # cut over by PR$/m);
    assert.equal(readState(started, rollout).canary?.weight, 0, "a preview takes no live traffic");
    const promoted = applyAction(started, rollout, V2, { kind: "promote" });
    assert.match(promoted, /^ {6}autoPromotionEnabled: true # cut over by PR$/m);
    assert.deepEqual(readState(promoted, rollout), stableState(V2));
  });

  it("names the container and env var it could not find", () => {
    assert.throws(
      () => readState(ROLLOUT_FILE, { ...rollout, container: "sidecar" }),
      /apps\/rollout\.yaml:\d+: Rollout "adult-income" \(document 1\) has no container "sidecar"[\s\S]*Fix: set the target's container to one of: server/,
    );
    assert.throws(() => readState(ROLLOUT_FILE, { ...rollout, env: "MODEL_URL" }), /has no env var MODEL_URL[\s\S]*LOG_LEVEL, MODEL_URI/);
  });
});

const VALUES_FILE = `# values for the serving chart
replicaCount: 2
model:
  name: adult-income
  storageUri: ${U1}   # set by modelship
  servers:
  - name: a
---
# a trailing document with only a comment: empty, not a second document
`;

const VALUES_STARTED = `# values for the serving chart
replicaCount: 2
model:
  name: adult-income
  storageUri: ${U2} # set by modelship
  servers:
  - name: a
  canary:
    weight: 10
modelship:
  modelship.dev/stable-version: 0.0.1
  modelship.dev/stable-uri: ${U1}
  modelship.dev/canary-version: 0.0.2
  modelship.dev/canary-uri: ${U2}
  modelship.dev/canary-digest: ${D2}
---
# a trailing document with only a comment: empty, not a second document
`;

const VALUES_PROMOTED = `# values for the serving chart
replicaCount: 2
model:
  name: adult-income
  storageUri: ${U2} # set by modelship
  servers:
  - name: a
modelship:
  modelship.dev/stable-version: 0.0.2
  modelship.dev/stable-uri: ${U2}
  modelship.dev/stable-digest: ${D2}
---
# a trailing document with only a comment: empty, not a second document
`;

const VALUES_ROLLED_BACK = `# values for the serving chart
replicaCount: 2
model:
  name: adult-income
  storageUri: ${U1} # set by modelship
  servers:
  - name: a
modelship:
  modelship.dev/stable-version: 0.0.1
  modelship.dev/stable-uri: ${U1}
---
# a trailing document with only a comment: empty, not a second document
`;

const values: TargetSpec = { kind: "yaml-path", file: "values.yaml", uriPath: "model.storageUri", weightPath: "model.canary.weight" };

describe("yaml-path target", () => {
  it("starts, steps and promotes through the two paths, keeping state in a modelship map", () => {
    const started = applyAction(VALUES_FILE, values, V2, { kind: "start", weight: 10 });
    assert.equal(started, VALUES_STARTED);
    assert.deepEqual(readState(started, values), canaryState(10));
    const stepped = applyAction(started, values, V2, { kind: "step", weight: 60 });
    assert.deepEqual(lineChanges(started, stepped), { removed: ["    weight: 10"], added: ["    weight: 60"] });
    const promoted = applyAction(stepped, values, V2, { kind: "promote" });
    assert.equal(promoted, VALUES_PROMOTED);
    assert.equal(applyAction(promoted, values, V2, { kind: "promote" }), promoted);
  });

  it("rolls back to the recorded URI", () => {
    const rolledBack = applyAction(VALUES_STARTED, values, V2, { kind: "rollback" });
    assert.equal(rolledBack, VALUES_ROLLED_BACK);
    assert.deepEqual(readState(rolledBack, values), stableState());
  });

  it("follows list indices and a custom state path", () => {
    const text = "servers:\n- name: a\n  uri: old # here\nstate: {}\n";
    const target: TargetSpec = { kind: "yaml-path", file: "k.yaml", uriPath: "servers[0].uri", statePath: "state" };
    const direct = applyAction(text, target, V2, { kind: "direct" });
    assert.equal(
      direct,
      `servers:\n- name: a\n  uri: ${U2} # here\nstate: { modelship.dev/stable-version: 0.0.2, modelship.dev/stable-uri: ${U2}, modelship.dev/stable-digest: ${D2} }\n`,
    );
    assert.deepEqual(readState(direct, target), stableState(V2));
  });

  it("refuses a canary without a weight path, and a path that is not there", () => {
    assert.throws(
      () => applyAction(VALUES_FILE, { ...values, weightPath: undefined }, V2, { kind: "start", weight: 10 }),
      /values\.yaml: target yaml-path on values\.yaml has no weightPath[\s\S]*Fix: set the target's weightPath/,
    );
    assert.throws(
      () => applyAction(VALUES_FILE, { ...values, uriPath: "model.uri" }, V2, { kind: "direct" }),
      /values\.yaml:\d+: model\.uri does not exist[\s\S]*Fix: fix the target's uriPath/,
    );
  });
});
