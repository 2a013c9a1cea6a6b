import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { applyAction, readState, type RolloutAction, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { lineChanges, rawDocuments } from "./diff-lines.ts";
import {
  asTriton,
  canaryState,
  D2,
  exampleManifest as example,
  recordLines,
  stableState,
  U1,
  U2,
  U3,
  V1,
  V2,
  V3,
} from "../../support/manifests.ts";

/** The annotation lines modelship writes, at the indentation of `metadata.annotations` entries. */
const recorded = {
  stableV1: recordLines("    ", "stable", V1),
  stableV2: recordLines("    ", "stable", V2),
  canaryV2: recordLines("    ", "canary", V2),
};

/** Asserts a UserError about `file` with this pointer, a problem matching `problem` and a hint matching `hint`. */
function assertUserError(run: () => unknown, expected: { file: string; pointer?: string; problem: RegExp; hint: RegExp }): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isUserError(error), `a UserError, got ${String(error)}`);
    const userError: UserError = error;
    assert.equal(userError.file, expected.file);
    assert.equal(userError.pointer, expected.pointer);
    assert.match(userError.problem, expected.problem);
    assert.match(userError.hint ?? "", expected.hint);
    return true;
  });
}

describe("flagger target", () => {
  const original = example("flagger.yaml");
  const flagger: TargetSpec = { kind: "flagger", file: "apps/adult-income/flagger.yaml" };
  const started = applyAction(original, flagger, V2, { kind: "start", weight: 10 });
  const stepped = applyAction(started, flagger, V2, { kind: "step", weight: 30 });

  it("reads the example as the stable model only", () => {
    assert.deepEqual(readState(original, flagger), stableState());
  });

  it("starts a canary: the env var takes the new URI and maxWeight bounds Flagger's walk", () => {
    assert.deepEqual(lineChanges(original, started), {
      removed: [`              value: "${U1}"`, "    maxWeight: 50"],
      added: ["  annotations:", ...recorded.stableV1, ...recorded.canaryV2, `              value: "${U2}"`, "    maxWeight: 10"],
    });
    assert.equal(applyAction(started, flagger, V2, { kind: "start", weight: 10 }), started);
    assert.deepEqual(readState(started, flagger), canaryState(10));
  });

  it("steps by changing maxWeight alone, clamping stepWeight when it would pass it", () => {
    assert.deepEqual(lineChanges(started, stepped), { removed: ["    maxWeight: 10"], added: ["    maxWeight: 30"] });
    assert.equal(rawDocuments(stepped)[0], rawDocuments(started)[0], "the Deployment is byte-identical");
    assert.equal(applyAction(stepped, flagger, V2, { kind: "step", weight: 30 }), stepped);
    assert.equal(readState(stepped, flagger).canary?.weight, 30);
    const narrowed = applyAction(started, flagger, V2, { kind: "step", weight: 5 });
    assert.deepEqual(lineChanges(started, narrowed), {
      removed: ["    maxWeight: 10", "    stepWeight: 10"],
      added: ["    maxWeight: 5", "    stepWeight: 5"],
    });
    assert.equal(applyAction(narrowed, flagger, V2, { kind: "step", weight: 5 }), narrowed);
  });

  it("promotes by recording the canary as stable; the env var and the Canary stay", () => {
    const promoted = applyAction(stepped, flagger, V2, { kind: "promote" });
    assert.deepEqual(lineChanges(stepped, promoted), { removed: [...recorded.stableV1, ...recorded.canaryV2], added: recorded.stableV2 });
    assert.equal(applyAction(promoted, flagger, V2, { kind: "promote" }), promoted);
    assert.deepEqual(readState(promoted, flagger), stableState(V2));
  });

  it("rolls back by returning the env var to the recorded stable URI", () => {
    const rolledBack = applyAction(started, flagger, V2, { kind: "rollback" });
    assert.deepEqual(lineChanges(started, rolledBack), {
      removed: [...recorded.canaryV2, `              value: "${U2}"`],
      added: [`              value: "${U1}"`],
    });
    assert.equal(applyAction(rolledBack, flagger, V2, { kind: "rollback" }), rolledBack);
    assert.deepEqual(readState(rolledBack, flagger), stableState());
  });

  it("replaces the stable model directly, leaving the Canary alone", () => {
    const direct = applyAction(original, flagger, V2, { kind: "direct" });
    assert.deepEqual(lineChanges(original, direct), {
      removed: [`              value: "${U1}"`],
      added: ["  annotations:", ...recorded.stableV2, `              value: "${U2}"`],
    });
    assert.equal(rawDocuments(direct)[1], rawDocuments(original)[1], "the Canary is byte-identical");
    assert.equal(applyAction(direct, flagger, V2, { kind: "direct" }), direct);
    assert.deepEqual(readState(direct, flagger), stableState(V2));
  });

  it("keeps the stepWeights below the new weight and ends the list at it", () => {
    const withSteps = original.replace(
      "    stepWeight: 10\n",
      "    stepWeights:\n      - 1\n      - 5 # warm-up\n      - 20\n      - 50\n",
    );
    const start = applyAction(withSteps, flagger, V2, { kind: "start", weight: 10 });
    assert.deepEqual(lineChanges(withSteps, start).removed, [
      `              value: "${U1}"`,
      "    maxWeight: 50",
      "      - 20",
      "      - 50",
    ]);
    assert.match(start, /^ {4}stepWeights:\n {6}- 1\n {6}- 5 # warm-up\n {6}- 10\n/m);
    assert.equal(applyAction(start, flagger, V2, { kind: "start", weight: 10 }), start);
    const step = applyAction(start, flagger, V2, { kind: "step", weight: 40 });
    assert.deepEqual(lineChanges(start, step), { removed: ["    maxWeight: 10"], added: ["    maxWeight: 40", "      - 40"] });
  });

  it("finds the Deployment through the Canary when the file holds several", () => {
    const withOther = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: feature-cache\nspec: {}\n---\n${original}`;
    assert.deepEqual(readState(withOther, flagger), stableState());
    assert.deepEqual(readState(withOther, { ...flagger, name: "adult-income-flagger" }), stableState());
    assertUserError(() => readState(withOther, { ...flagger, name: "feature-cache" }), {
      file: flagger.file,
      pointer: "/spec/targetRef/name",
      problem: /Canary "adult-income-flagger" \(document 3\) targets Deployment "adult-income-flagger", not Deployment "feature-cache"/,
      hint: /set the target's name to the Deployment the Canary manages/,
    });
  });

  it("reads a blue-green Canary's preview as 0% and leaves its analysis alone", () => {
    const blueGreen = original.replace("    maxWeight: 50\n    stepWeight: 10\n", "    iterations: 10\n");
    const start = applyAction(blueGreen, flagger, V2, { kind: "start", weight: 0 });
    assert.equal(rawDocuments(start)[1], rawDocuments(blueGreen)[1], "the Canary is byte-identical");
    assert.deepEqual(readState(start, flagger).canary, { version: "0.0.2", uri: U2, digest: D2, weight: 0 });
  });

  it("refuses to hold a traffic-shifting Canary at 0%", () => {
    assertUserError(() => applyAction(original, flagger, V2, { kind: "start", weight: 0 }), {
      file: flagger.file,
      pointer: "/spec/analysis",
      problem: /Canary "adult-income-flagger" \(document 2\) shifts traffic step by step, so it cannot hold a canary at 0%/,
      hint: /analysis\.iterations/,
    });
  });

  it("errors: a missing Canary, a Canary for another Deployment, a missing env var, a step with no canary", () => {
    assertUserError(() => readState(rawDocuments(original)[0]!, flagger), {
      file: flagger.file,
      pointer: "/metadata/name",
      problem: /no Flagger Canary \(flagger\.app\/v1beta1\) in the file targets Deployment "adult-income-flagger"/,
      hint: /same file|must move here/,
    });
    const elsewhere = original.replace(
      "    kind: Deployment\n    name: adult-income-flagger\n",
      "    kind: Deployment\n    name: adult-income-v1\n",
    );
    assertUserError(() => applyAction(elsewhere, flagger, V2, { kind: "start", weight: 10 }), {
      file: flagger.file,
      pointer: "/spec/targetRef/name",
      problem: /targets Deployment "adult-income-v1", not Deployment "adult-income-flagger"/,
      hint: /point the Canary's spec\.targetRef at \{apiVersion: apps\/v1, kind: Deployment, name: adult-income-flagger\}/,
    });
    assertUserError(() => readState(original, { ...flagger, env: "MODEL_URL" }), {
      file: flagger.file,
      pointer: "/spec/template/spec/containers/0/env",
      problem: /container "server" has no env var MODEL_URL/,
      hint: /it has MODEL_URI, LOG_LEVEL/,
    });
    assertUserError(() => applyAction(original, flagger, V2, { kind: "step", weight: 20 }), {
      file: flagger.file,
      pointer: "/metadata/annotations/modelship.dev~1canary-uri",
      problem: /no canary is running/,
      hint: /start a canary of adult-income 0\.0\.2 first/,
    });
  });
});

const SELDON_STARTED = `# The same model on Seldon Core v2: a Model the scheduler loads onto a server that runs ONNX.
# A canary is a second Model and an Experiment that splits this model's traffic; modelship adds
# both at the end of this file and removes them again on promote or rollback.
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: adult-income
  namespace: models
  annotations:
    modelship.dev/stable-version: 0.0.1
    modelship.dev/stable-uri: ${U1}
    modelship.dev/canary-version: 0.0.2
    modelship.dev/canary-uri: ${U2}
    modelship.dev/canary-digest: ${D2}
spec:
  # The release asset modelship published; promotion PRs change this URL.
  storageUri: ${U1}
  requirements:
    - onnx
---
# Canary of adult-income, added by modelship: promote or rollback removes it.
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: adult-income-canary
  namespace: models
spec:
  storageUri: ${U2}
  requirements:
    - onnx
---
# Splits adult-income's traffic with its canary (weights in percent), added by modelship.
apiVersion: mlops.seldon.io/v1alpha1
kind: Experiment
metadata:
  name: adult-income-canary
  namespace: models
spec:
  default: adult-income
  candidates:
    - name: adult-income
      weight: 90
    - name: adult-income-canary
      weight: 10
`;

const SELDON_PROMOTED = `# The same model on Seldon Core v2: a Model the scheduler loads onto a server that runs ONNX.
# A canary is a second Model and an Experiment that splits this model's traffic; modelship adds
# both at the end of this file and removes them again on promote or rollback.
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: adult-income
  namespace: models
  annotations:
    modelship.dev/stable-version: 0.0.2
    modelship.dev/stable-uri: ${U2}
    modelship.dev/stable-digest: ${D2}
spec:
  # The release asset modelship published; promotion PRs change this URL.
  storageUri: ${U2}
  requirements:
    - onnx
`;

describe("seldon-v2 target", () => {
  const original = example("seldon.yaml");
  const seldon: TargetSpec = { kind: "seldon-v2", file: "apps/adult-income/seldon.yaml" };
  const started = applyAction(original, seldon, V2, { kind: "start", weight: 10 });
  const stepped = applyAction(started, seldon, V2, { kind: "step", weight: 30 });

  it("starts a canary: a canary Model and an Experiment are appended, the stable Model only gains annotations", () => {
    assert.equal(started, SELDON_STARTED);
    assert.deepEqual(lineChanges(original, started).removed, []);
    assert.equal(applyAction(started, seldon, V2, { kind: "start", weight: 10 }), started);
    assert.deepEqual(readState(started, seldon), canaryState(10));
  });

  it("steps by changing the two candidate weights", () => {
    assert.deepEqual(lineChanges(started, stepped), {
      removed: ["      weight: 90", "      weight: 10"],
      added: ["      weight: 70", "      weight: 30"],
    });
    assert.equal(applyAction(stepped, seldon, V2, { kind: "step", weight: 30 }), stepped);
    assert.equal(readState(stepped, seldon).canary?.weight, 30);
  });

  it("promotes: the stable Model takes the canary URI and both canary documents go", () => {
    const promoted = applyAction(stepped, seldon, V2, { kind: "promote" });
    assert.equal(promoted, SELDON_PROMOTED);
    assert.equal(applyAction(promoted, seldon, V2, { kind: "promote" }), promoted);
    assert.deepEqual(readState(promoted, seldon), stableState(V2));
  });

  it("rolls back by removing both canary documents", () => {
    const rolledBack = applyAction(stepped, seldon, V2, { kind: "rollback" });
    assert.deepEqual(lineChanges(original, rolledBack), { removed: [], added: ["  annotations:", ...recorded.stableV1] });
    assert.equal(applyAction(rolledBack, seldon, V2, { kind: "rollback" }), rolledBack);
    assert.deepEqual(readState(rolledBack, seldon), stableState());
  });

  it("replaces the stable model directly", () => {
    const direct = applyAction(original, seldon, V2, { kind: "direct" });
    assert.deepEqual(lineChanges(original, direct), {
      removed: [`  storageUri: ${U1}`],
      added: ["  annotations:", ...recorded.stableV2, `  storageUri: ${U2}`],
    });
    assert.equal(applyAction(direct, seldon, V2, { kind: "direct" }), direct);
    assert.deepEqual(readState(direct, seldon), stableState(V2));
  });

  it("moves a running canary to a newer model in place, keeping the stable it started from", () => {
    const restarted = applyAction(started, seldon, V3, { kind: "start", weight: 20 });
    assert.deepEqual(lineChanges(started, restarted), {
      removed: [...recorded.canaryV2, `  storageUri: ${U2}`, "      weight: 90", "      weight: 10"],
      added: [...recordLines("    ", "canary", V3), `  storageUri: ${U3}`, "      weight: 80", "      weight: 20"],
    });
    assert.deepEqual(readState(restarted, seldon), canaryState(20, V3));
  });

  it("keeps other documents byte-identical when canary documents come and go", () => {
    const server =
      "---\n# Triton servers for ONNX models\napiVersion: mlops.seldon.io/v1alpha1\nkind: Server\nmetadata:\n  name: triton\nspec:\n  serverConfig: triton\n";
    const withServer = original + server;
    const start = applyAction(withServer, seldon, V2, { kind: "start", weight: 10 });
    assert.equal(rawDocuments(start)[1], rawDocuments(withServer)[1], "the Server is byte-identical");
    const rolledBack = applyAction(start, seldon, V2, { kind: "rollback" });
    assert.deepEqual(lineChanges(withServer, rolledBack), { removed: [], added: ["  annotations:", ...recorded.stableV1] });
  });

  it("appends after a last line that has no newline, without adding one", () => {
    const start = applyAction(original.trimEnd(), seldon, V2, { kind: "start", weight: 10 });
    assert.equal(start, SELDON_STARTED.trimEnd());
  });

  it("reads the canary's share from weights that do not add up to 100", () => {
    const handEdited = started.replace("      weight: 90\n", "      weight: 1\n").replace("      weight: 10\n", "      weight: 3\n");
    // The canary's share of the total: 3 / (1 + 3) = 75%.
    assert.equal(readState(handEdited, seldon).canary?.weight, 75);
  });

  it("errors: several Models without a target name, a step with no canary, a Model without storageUri", () => {
    const twoModels = `${original}---\napiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: fraud\nspec:\n  storageUri: gs://models/fraud\n`;
    assertUserError(() => readState(twoModels, seldon), {
      file: seldon.file,
      pointer: "/metadata/name",
      problem: /2 Seldon Models in the file \(adult-income, fraud\); the target must name one/,
      hint: /set the target's name to one of: adult-income, fraud/,
    });
    assert.deepEqual(readState(twoModels, { ...seldon, name: "fraud" }), { stable: { version: "", uri: "gs://models/fraud" } });
    assert.equal(
      readState(applyAction(twoModels, { ...seldon, name: "adult-income" }, V2, { kind: "start", weight: 10 }), {
        ...seldon,
        name: "adult-income",
      }).canary?.weight,
      10,
    );
    assertUserError(() => applyAction(original, seldon, V2, { kind: "step", weight: 20 }), {
      file: seldon.file,
      problem: /Model "adult-income": no canary is running/,
      hint: /start a canary of adult-income 0\.0\.2 first/,
    });
    assertUserError(() => readState(original.replace(/^ {2}storageUri: .*\n/m, ""), seldon), {
      file: seldon.file,
      pointer: "/spec/storageUri",
      problem: /Model "adult-income" has no spec\.storageUri/,
      hint: /storageUri/,
    });
  });
});

const KNATIVE_FILE = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
spec:
  predictor:
    model:
      modelFormat: {name: onnx}
      storageUri: ${U1}
`;

describe("a dark launch (weight 0)", () => {
  // Each row: the file, the target, and the line(s) the 0% start must write (blue-green Flagger
  // holds no weight at all: its analysis is left as it is, with no maxWeight added).
  const cases: [string, string, TargetSpec, RegExp, RegExp?][] = [
    [
      "kserve-standard",
      example("inferenceservice.yaml"),
      { kind: "kserve-standard", file: "isvc.yaml" },
      /^ {2}canary:\n {4}- trafficPercent: 0$/m,
    ],
    ["kserve-knative", KNATIVE_FILE, { kind: "kserve-knative", file: "knative.yaml" }, /^ {4}canaryTrafficPercent: 0$/m],
    [
      "argo-rollouts",
      example("rollout.yaml"),
      { kind: "argo-rollouts", file: "rollout.yaml" },
      /^ {6}steps:\n {8}- setWeight: 0\n {8}- pause: \{\}$/m,
    ],
    [
      "flagger (blue-green)",
      example("flagger.yaml").replace("    maxWeight: 50\n    stepWeight: 10\n", "    iterations: 10\n"),
      { kind: "flagger", file: "flagger.yaml" },
      /^ {4}iterations: 10$/m,
      /^\s*(maxWeight|stepWeight):/m,
    ],
    [
      "seldon-v2",
      example("seldon.yaml"),
      { kind: "seldon-v2", file: "seldon.yaml" },
      /- name: adult-income\n {6}weight: 100\n {4}- name: adult-income-canary\n {6}weight: 0\n/,
    ],
    [
      "yaml-path",
      example("values.yaml"),
      { kind: "yaml-path", file: "values.yaml", uriPath: "model.storageUri", weightPath: "model.canaryTrafficPercent" },
      /^ {2}canaryTrafficPercent: 0$/m,
    ],
  ];
  for (const [name, text, target, weightLine, absent] of cases) {
    it(`${name}: a canary started at 0% reads back at 0% and promotes from there`, () => {
      // KServe's InferenceServices name no runtime or kserve-tritonserver: they get the Triton archive.
      const served = name.startsWith("kserve") ? asTriton(V2) : V2;
      const stable = readState(text, target).stable!;
      const started = applyAction(text, target, V2, { kind: "start", weight: 0 });
      assert.match(started, weightLine);
      if (absent !== undefined) assert.doesNotMatch(started, absent);
      assert.deepEqual(readState(started, target), canaryState(0, served, stable));
      assert.equal(applyAction(started, target, V2, { kind: "start", weight: 0 }), started);
      const plan: RolloutAction[] = [{ kind: "step", weight: 0 }, { kind: "promote" }];
      let current = started;
      for (const action of plan) current = applyAction(current, target, V2, action);
      assert.deepEqual(readState(current, target), stableState(served));
    });
  }

  it("kserve-knative and seldon-v2 step up from 0%", () => {
    const knative: TargetSpec = { kind: "kserve-knative", file: "knative.yaml" };
    const dark = applyAction(KNATIVE_FILE, knative, V2, { kind: "start", weight: 0 });
    assert.match(dark, /^ {4}canaryTrafficPercent: 0$/m);
    assert.equal(readState(applyAction(dark, knative, V2, { kind: "step", weight: 10 }), knative).canary?.weight, 10);
    const seldon: TargetSpec = { kind: "seldon-v2", file: "seldon.yaml" };
    const preview = applyAction(example("seldon.yaml"), seldon, V2, { kind: "start", weight: 0 });
    assert.match(preview, /- name: adult-income\n {6}weight: 100\n {4}- name: adult-income-canary\n {6}weight: 0\n/);
    assert.equal(readState(applyAction(preview, seldon, V2, { kind: "step", weight: 25 }), seldon).canary?.weight, 25);
  });
});
