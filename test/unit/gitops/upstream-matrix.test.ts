/**
 * Every manifest modelship writes is one the clusters accept: each target kind × each rollout action,
 * applied to the examples in examples/gitops-repo/apps/adult-income/, and the result validated
 * strictly against the upstream CRDs vendored in vendor/crds/ (schemas/upstream-crds/) and the core
 * kinds' schemas. The example files that modelship does not edit (the Argo CD Application, the
 * AnalysisTemplate) validate as they are.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { applyAction, type ModelRef, type RolloutAction, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";

const APP = new URL("../../../examples/gitops-repo/apps/adult-income/", import.meta.url);
const example = (file: string): string => readFileSync(new URL(file, APP), "utf8");

/** The example's model URI at v0.0.1, whatever asset it names, moved to `version`. */
function modelAt(text: string, version: string): ModelRef {
  const uri = /https:\/\/github\.com\/OWNER\/models\/releases\/download\/adult-income%2Fv0\.0\.1\/[^\s"']+/.exec(text)?.[0];
  assert.ok(uri !== undefined, "the example names a v0.0.1 release asset");
  return { name: "adult-income", version, uri: uri.replace("v0.0.1", `v${version}`), digest: `sha256:${version.replaceAll(".", "")}` };
}

interface MatrixTarget {
  spec: TargetSpec;
  /** The example text, adjusted where the target needs another mode of the same resource. */
  text: () => string;
}

const TARGETS: MatrixTarget[] = [
  { spec: { kind: "kserve-standard", file: "inferenceservice.yaml" }, text: () => example("inferenceservice.yaml") },
  {
    spec: { kind: "kserve-knative", file: "inferenceservice.yaml" },
    // The same InferenceService in Knative (serverless) mode, where a canary is canaryTrafficPercent.
    text: () =>
      example("inferenceservice.yaml").replace(
        "serving.kserve.io/deploymentMode: Standard",
        "serving.kserve.io/deploymentMode: Serverless",
      ),
  },
  { spec: { kind: "argo-rollouts", file: "rollout.yaml", container: "server", env: "MODEL_URI" }, text: () => example("rollout.yaml") },
  { spec: { kind: "flagger", file: "flagger.yaml", container: "server", env: "MODEL_URI" }, text: () => example("flagger.yaml") },
  { spec: { kind: "seldon-v2", file: "seldon.yaml" }, text: () => example("seldon.yaml") },
  {
    spec: { kind: "yaml-path", file: "values.yaml", uriPath: "model.storageUri", weightPath: "model.canaryWeight" },
    text: () => example("values.yaml"),
  },
];

/** The sequences a target goes through: each step's result is validated. */
const SEQUENCES: { name: string; actions: [version: string, action: RolloutAction][] }[] = [
  { name: "direct", actions: [["0.0.2", { kind: "direct" }]] },
  {
    name: "start, step, promote",
    actions: [
      ["0.0.2", { kind: "start", weight: 10 }],
      ["0.0.2", { kind: "step", weight: 50 }],
      ["0.0.2", { kind: "promote" }],
    ],
  },
  {
    name: "start, rollback",
    actions: [
      ["0.0.2", { kind: "start", weight: 10 }],
      ["0.0.2", { kind: "rollback" }],
    ],
  },
];

function assertValid(text: string, file: string, at: string): void {
  const result = validateManifestText(text, file, { modelFormat: "onnx" });
  assert.deepEqual(result.problems.map(formatProblem), [], `${at}: the manifest validates strictly\n${text}`);
}

describe("every manifest modelship writes validates against the upstream CRDs", () => {
  for (const target of TARGETS) {
    describe(target.spec.kind, () => {
      test("the example as it is", () => {
        assertValid(target.text(), target.spec.file, "the example");
      });
      for (const sequence of SEQUENCES) {
        test(sequence.name, () => {
          let text = target.text();
          for (const [version, action] of sequence.actions) {
            text = applyAction(text, target.spec, modelAt(target.text(), version), action);
            assertValid(text, target.spec.file, `${target.spec.kind} after ${action.kind}`);
          }
        });
      }
    });
  }

  test("the example files modelship does not edit validate too: the Argo CD Application and the AnalysisTemplate", () => {
    for (const file of ["application.yaml", "analysis-template.yaml"]) {
      const result = validateManifestText(example(file), file);
      assert.deepEqual(result.problems.map(formatProblem), [], file);
      assert.ok(result.checked.length > 0, `${file}: its resources are checked, not skipped (skipped: ${result.skipped.join(", ")})`);
    }
  });
});

/** strategy ab: the two targets that can run an A/B test, in their A/B form (a header match, a cookie match, a weighted Experiment). */
const AB_TARGETS: MatrixTarget[] = [
  {
    spec: {
      kind: "flagger",
      file: "flagger.yaml",
      container: "server",
      env: "MODEL_URI",
      ab: { match: { header: "x-variant", value: "b" } },
    },
    text: () => example("flagger.yaml"),
  },
  {
    spec: {
      kind: "flagger",
      file: "flagger.yaml",
      container: "server",
      env: "MODEL_URI",
      ab: { match: { cookie: "variant", value: "b" }, iterations: 20 },
    },
    text: () => example("flagger.yaml"),
  },
  { spec: { kind: "seldon-v2", file: "seldon.yaml", ab: {} }, text: () => example("seldon.yaml") },
];
const AB_SEQUENCES: { name: string; actions: [version: string, action: RolloutAction][] }[] = [
  {
    name: "A/B start, promote the winner",
    actions: [
      ["0.0.2", { kind: "start", weight: 50 }],
      ["0.0.2", { kind: "promote" }],
    ],
  },
  {
    name: "A/B start, the stable model wins",
    actions: [
      ["0.0.2", { kind: "start", weight: 30 }],
      ["0.0.2", { kind: "rollback" }],
    ],
  },
];

describe("the A/B form of every target that can run one validates against the upstream CRDs", () => {
  for (const target of AB_TARGETS) {
    for (const sequence of AB_SEQUENCES) {
      test(`${target.spec.kind} ${JSON.stringify(target.spec.ab)}: ${sequence.name}`, () => {
        let text = target.text();
        for (const [version, action] of sequence.actions) {
          text = applyAction(text, target.spec, modelAt(target.text(), version), action);
          assertValid(text, target.spec.file, `${target.spec.kind} (A/B) after ${action.kind}`);
        }
      });
    }
  }
});

/** strategy blue-green: the two targets that can hold a preview, in their blue-green form. */
const BLUE_GREEN_TARGETS: MatrixTarget[] = [
  {
    spec: { kind: "argo-rollouts", file: "rollout.yaml", container: "server", env: "MODEL_URI" },
    // The example Rollout with a blueGreen strategy (active and preview Services) in place of its canary steps.
    text: () => {
      const text = example("rollout.yaml");
      const start = text.indexOf("  strategy:\n    canary:\n");
      const end = text.indexOf("  template:\n");
      assert.ok(start > 0 && end > start, "the example has a canary strategy before its template");
      return `${text.slice(0, start)}  strategy:\n    blueGreen:\n      activeService: adult-income\n      previewService: adult-income-preview\n${text.slice(end)}`;
    },
  },
  {
    spec: { kind: "flagger", file: "flagger.yaml", container: "server", env: "MODEL_URI" },
    // The example Canary in blue/green mode: iterations instead of maxWeight and stepWeight.
    text: () => example("flagger.yaml").replace(/ {4}maxWeight: 50\n {4}stepWeight: 10\n/, "    iterations: 10\n"),
  },
];
const BLUE_GREEN_SEQUENCES: { name: string; actions: [version: string, action: RolloutAction][] }[] = [
  {
    name: "preview, cut over",
    actions: [
      ["0.0.2", { kind: "start", weight: 0 }],
      ["0.0.2", { kind: "promote" }],
    ],
  },
  {
    name: "preview, roll back",
    actions: [
      ["0.0.2", { kind: "start", weight: 0 }],
      ["0.0.2", { kind: "rollback" }],
    ],
  },
];

describe("the blue-green form of every target that can hold a preview validates against the upstream CRDs", () => {
  for (const target of BLUE_GREEN_TARGETS) {
    test(`${target.spec.kind}: the blue-green example as it is`, () => {
      assert.notEqual(target.text(), example(target.spec.file), "the example was turned into its blue-green form");
      assertValid(target.text(), target.spec.file, `${target.spec.kind} (blue-green)`);
    });
    for (const sequence of BLUE_GREEN_SEQUENCES) {
      test(`${target.spec.kind}: ${sequence.name}`, () => {
        let text = target.text();
        for (const [version, action] of sequence.actions) {
          text = applyAction(text, target.spec, modelAt(target.text(), version), action);
          assertValid(text, target.spec.file, `${target.spec.kind} (blue-green) after ${action.kind}`);
        }
      });
    }
  }
});
