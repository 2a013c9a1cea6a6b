import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { applyAction, readState, type RolloutAction, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { mergeLineEdits } from "../../../src/gitops/targets/line-merge.ts";
import { lineChanges, rawDocuments } from "./diff-lines.ts";
import {
  asTriton,
  canaryState,
  D2,
  exampleManifest as example,
  recordLines,
  stableState,
  T2,
  U1,
  U2,
  V1,
  V1_TRITON,
  V2,
  V3,
} from "../../support/manifests.ts";

/**
 * Each example file, its target, and what a start at 10% followed by a rollback leaves changed
 * against the original: the record of the stable model (in the resource's annotations, a new map
 * where the metadata has none, or a top-level `modelship` map in a values file), and for Argo and
 * Flagger the held weight (Argo's steps become [setWeight: 10] once the pause goes; Flagger keeps
 * maxWeight 10).
 */
const EXAMPLE_TARGETS: [string, TargetSpec, { removed: string[]; added: string[] }][] = [
  [
    "inferenceservice.yaml",
    { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" },
    { removed: [], added: recordLines("    ", "stable", V1_TRITON) },
  ],
  [
    "rollout.yaml",
    { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml", container: "server" },
    {
      removed: ["        - setWeight: 20", "        - pause: {duration: 10m}"],
      added: ["  annotations:", ...recordLines("    ", "stable", V1), "        - setWeight: 10"],
    },
  ],
  [
    "values.yaml",
    { kind: "yaml-path", file: "apps/adult-income/values.yaml", uriPath: "model.storageUri", weightPath: "model.canaryTrafficPercent" },
    { removed: [], added: ["modelship:", ...recordLines("  ", "stable", V1)] },
  ],
  [
    "flagger.yaml",
    { kind: "flagger", file: "apps/adult-income/flagger.yaml", container: "server" },
    { removed: ["    maxWeight: 50"], added: ["  annotations:", ...recordLines("    ", "stable", V1), "    maxWeight: 10"] },
  ],
  [
    "seldon.yaml",
    { kind: "seldon-v2", file: "apps/adult-income/seldon.yaml" },
    { removed: [], added: ["  annotations:", ...recordLines("    ", "stable", V1)] },
  ],
];

describe("the example GitOps repository", () => {
  for (const [name, target, rollbackChanges] of EXAMPLE_TARGETS) {
    it(`${name}: start, step, promote and rollback keep every other line and are idempotent`, () => {
      const original = example(name);
      // The InferenceService's runtime, kserve-tritonserver, loads the release's Triton model repository; the others one ONNX file.
      const triton = name === "inferenceservice.yaml";
      const stable = triton ? V1_TRITON : V1;
      assert.deepEqual(readState(original, target), stableState(stable));
      const plan: RolloutAction[] = [{ kind: "start", weight: 10 }, { kind: "step", weight: 50 }, { kind: "promote" }];
      let text = original;
      for (const action of plan) {
        const next = applyAction(text, target, V2, action);
        assert.notEqual(next, text, `${action.kind} changes the file`);
        assert.equal(applyAction(next, target, V2, action), next, `${action.kind} twice is ${action.kind} once`);
        text = next;
      }
      assert.equal(readState(text, target).stable?.uri, triton ? T2 : U2);
      assert.equal(readState(text, target).canary, undefined);
      // Every comment in the original survives the whole ladder.
      for (const line of original.split("\n").filter((l) => l.trimStart().startsWith("#"))) assert.ok(text.includes(line), `kept: ${line}`);
      const started = applyAction(original, target, V2, { kind: "start", weight: 10 });
      const rolledBack = applyAction(started, target, V2, { kind: "rollback" });
      // A rollback leaves the original plus the record of the stable model (and, for Argo and Flagger, the held weight).
      assert.deepEqual(lineChanges(original, rolledBack), rollbackChanges);
      assert.deepEqual(readState(rolledBack, target), stableState(stable));
    });
  }

  // The AnalysisTemplate moved out of rollout.yaml into analysis-template.yaml (a file no target
  // edits), so rollout.yaml has no second document left to compare; that other documents of a file
  // stay byte-identical is proven on a two-document fixture in argo-and-path-targets.test.ts. What
  // the example must keep now is the Rollout's background-analysis block, which sits beside the
  // steps modelship rewrites.
  it("keeps the Rollout's analysis block byte-identical through start, step, promote and rollback", () => {
    const original = example("rollout.yaml");
    const target = EXAMPLE_TARGETS[1]![1];
    /** The lines of spec.strategy.canary.analysis: from its key up to the next key at its indent. */
    const analysisBlock = (text: string): string => {
      const lines = text.split("\n");
      const start = lines.findIndex((line) => line === "      analysis:");
      assert.ok(start >= 0, "the Rollout has spec.strategy.canary.analysis");
      const end = lines.findIndex((line, i) => i > start && /^ {0,6}\S/.test(line));
      return lines.slice(start, end).join("\n");
    };
    const block = analysisBlock(original);
    assert.match(block, /templateName: adult-income-health\n/);
    assert.match(block, /podTemplateHashValue: Latest$/);
    const started = applyAction(original, target, V2, { kind: "start", weight: 10 });
    const stepped = applyAction(started, target, V2, { kind: "step", weight: 50 });
    const promoted = applyAction(stepped, target, V2, { kind: "promote" });
    const rolledBack = applyAction(started, target, V2, { kind: "rollback" });
    for (const [name, text] of Object.entries({ started, stepped, promoted, rolledBack })) {
      assert.notEqual(text, original, `${name} changes the file`);
      assert.equal(analysisBlock(text), block, `${name} keeps the analysis block`);
      assert.equal(rawDocuments(text).length, 1, `${name} adds no document`);
    }
  });

  it("replaces a running canary with a newer model, keeping the stable it started from", () => {
    const target = EXAMPLE_TARGETS[0]![1];
    const started = applyAction(example("inferenceservice.yaml"), target, V2, { kind: "start", weight: 10 });
    const restarted = applyAction(started, target, V3, { kind: "start", weight: 20 });
    assert.deepEqual(readState(restarted, target), canaryState(20, asTriton(V3), V1_TRITON));
    assert.match(restarted, /name: v0-0-3/);
  });
});

describe("target errors", () => {
  const isvc: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/rollout.yaml" };

  it("name the file and the kinds it holds when the resource is missing", () => {
    assert.throws(
      () => readState(example("rollout.yaml"), isvc),
      (error: unknown) =>
        isUserError(error) &&
        error.file === "apps/adult-income/rollout.yaml" &&
        /no InferenceService .*the file holds Rollout\/adult-income\n/.test(error.message),
    );
    assert.throws(
      () => readState(example("inferenceservice.yaml"), { kind: "kserve-standard", file: "i.yaml", name: "other" }),
      /no InferenceService named "other"[\s\S]*Fix: set the target's name to one of: adult-income/,
    );
  });

  it("refuse a weight outside 0..99 for start and step", () => {
    const target = EXAMPLE_TARGETS[0]![1];
    for (const weight of [100, 12.5, -3, -1]) {
      assert.throws(
        () => applyAction(example("inferenceservice.yaml"), target, V2, { kind: "start", weight }),
        /canary weight .* is outside 0\.\.99/,
      );
    }
    const started = applyAction(example("inferenceservice.yaml"), target, V2, { kind: "start", weight: 10 });
    assert.throws(() => applyAction(started, target, V2, { kind: "step", weight: 100 }), /outside 0\.\.99[\s\S]*promote sends 100%/);
  });

  it("refuse to step or promote a model that is not the running canary", () => {
    const target = EXAMPLE_TARGETS[0]![1];
    assert.throws(() => applyAction(example("inferenceservice.yaml"), target, V2, { kind: "step", weight: 20 }), /no canary is running/);
    assert.throws(
      () => applyAction(example("inferenceservice.yaml"), target, V2, { kind: "promote" }),
      /nothing to promote[\s\S]*direct action/,
    );
    const started = applyAction(example("inferenceservice.yaml"), target, V2, { kind: "start", weight: 10 });
    assert.throws(() => applyAction(started, target, V3, { kind: "promote" }), /the running canary is 0\.0\.2/);
  });

  it("report YAML syntax errors with the line", () => {
    assert.throws(() => readState("a: [1\nb: 2\n", isvc), /apps\/adult-income\/rollout\.yaml:\d+:\d+: YAML syntax error/);
  });

  it("reject an unknown target kind", () => {
    assert.throws(
      () => readState("a: 1\n", { kind: "istio" as TargetSpec["kind"], file: "x.yaml" }),
      /unknown target kind "istio"[\s\S]*kserve-standard/,
    );
  });
});

describe("line merge", () => {
  it("carries an edit into text the serialiser would have normalised", () => {
    const original = "a: {x: 1}\n\nb:   2 # two\nc: 3\n";
    const base = "a: { x: 1 }\nb: 2 # two\nc: 3\n";
    const edited = "a: { x: 1 }\nb: 2 # two\nc: 4\nd: 5\n";
    assert.equal(mergeLineEdits(original, base, edited), "a: {x: 1}\n\nb:   2 # two\nc: 4\nd: 5\n");
  });

  it("returns the original when nothing changed", () => {
    assert.equal(mergeLineEdits("a:  1\n", "a: 1\n", "a: 1\n"), "a:  1\n");
  });

  it("a direct deploy of the URI already there changes no line and only appends modelship's record", () => {
    const text = example("values.yaml");
    const target = EXAMPLE_TARGETS[2]![1];
    const direct = applyAction(text, target, { ...V2, uri: U1, version: "0.0.1", servingUris: { "onnx-file": U1 } }, { kind: "direct" });
    // The model deployed is U1 at 0.0.1 with V2's digest, recorded in a values file's top-level map.
    assert.deepEqual(lineChanges(text, direct), {
      removed: [],
      added: ["modelship:", ...recordLines("  ", "stable", V1), `  modelship.dev/stable-digest: ${D2}`],
    });
  });
});
