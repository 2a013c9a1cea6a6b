/**
 * Blue-green (issue 20): the decision never steps (preview → cut-over or rollback), modelship.yaml
 * accepts `steps: []` and `[0]` and refuses a live-traffic ladder for blue-green, every target that
 * cannot express a preview and a switch is refused with its kind, file, pointer and fix, and the
 * Argo Rollouts and Flagger manifests of a preview and a cut-over validate against the upstream CRDs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { decideCanary, type CanaryPolicy } from "../../../src/gitops/canary-decision.ts";
import type { CheckResult } from "../../../src/gitops/health.ts";
import { promotionTitle } from "../../../src/gitops/promotion-body.ts";
import { startAction, type EnvironmentSettings } from "../../../src/gitops/rollout-settings.ts";
import { checkBlueGreenManifest, cutOverNote } from "../../../src/gitops/targets/blue-green.ts";
import { applyAction, readState, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";
import { throwsUser } from "../../support/drift.ts";
import { exampleManifest, stableState, V2 } from "../../support/manifests.ts";

const NOW = new Date("2026-05-01T12:00:00Z");
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);
const STABLE = { version: "0.0.1", uri: "https://example.test/models/0.0.1/model.onnx" };
const PREVIEW = { stable: STABLE, canary: { version: "0.0.2", uri: "https://example.test/models/0.0.2/model.onnx", weight: 0 } };
const BLUE_GREEN: CanaryPolicy = { strategy: "blue-green", steps: [], bakeMinutes: 30, promote: "review" };

const pass: CheckResult = {
  name: "error-rate",
  canary: 0.002,
  stable: 0.003,
  threshold: "≤ 0.01",
  status: "pass",
  detail: "0.002 meets ≤ 0.01",
};
const fail: CheckResult = {
  name: "error-rate",
  canary: 0.2,
  stable: 0.003,
  threshold: "≤ 0.01",
  status: "fail",
  detail: "0.2 is above the maximum 0.01",
};
const noData: CheckResult = {
  name: "latency",
  canary: null,
  stable: null,
  threshold: "≤ 0.5",
  status: "no-data",
  detail: "no data for the canary",
};

describe("decideCanary for blue-green", () => {
  for (const steps of [[], [0]]) {
    it(`cuts over (promote) from a healthy, baked preview, never steps (steps ${JSON.stringify(steps)})`, () => {
      const decision = decideCanary({
        state: PREVIEW,
        policy: { ...BLUE_GREEN, steps },
        checks: [pass],
        now: NOW,
        lastChange: minutesAgo(31),
      });
      assert.equal(decision.action, "promote", decision.reason);
      assert.match(decision.reason, /^Cut over to 0\.0\.2/);
      assert.match(decision.reason, /waits for a review/);
      assert.doesNotMatch(decision.reason, /step/i);
    });
  }

  it("the same preview under the canary strategy with the default steps would step to 10%: the strategy decides", () => {
    const decision = decideCanary({
      state: PREVIEW,
      policy: { ...BLUE_GREEN, strategy: "canary", steps: [10, 50] },
      checks: [pass],
      now: NOW,
      lastChange: minutesAgo(31),
    });
    assert.deepEqual([decision.action, decision.action === "step" ? decision.weight : undefined], ["step", 10]);
  });

  it("rolls back a failing preview (it is removed) even before the bake time ends", () => {
    const decision = decideCanary({ state: PREVIEW, policy: BLUE_GREEN, checks: [fail], now: NOW, lastChange: minutesAgo(1) });
    assert.equal(decision.action, "rollback");
    assert.match(
      decision.reason,
      /^Roll back preview 0\.0\.2 \(the preview is removed; live traffic never left the stable version\): error-rate: 0\.2 is above/,
    );
  });

  it("holds while the preview bakes, and when a check has no data", () => {
    const baking = decideCanary({ state: PREVIEW, policy: BLUE_GREEN, checks: [pass], now: NOW, lastChange: minutesAgo(29) });
    assert.equal(baking.action, "hold");
    assert.match(baking.reason, /^Hold preview 0\.0\.2: it has baked 29 minutes of 30 minutes/);
    const blind = decideCanary({ state: PREVIEW, policy: BLUE_GREEN, checks: [pass, noData], now: NOW, lastChange: minutesAgo(60) });
    assert.equal(blind.action, "hold");
    assert.match(blind.reason, /latency: no data/);
  });

  it("promote: auto says nothing of a review", () => {
    const decision = decideCanary({
      state: PREVIEW,
      policy: { ...BLUE_GREEN, promote: "auto" },
      checks: [pass],
      now: NOW,
      lastChange: minutesAgo(60),
    });
    assert.equal(decision.action, "promote");
    assert.doesNotMatch(decision.reason, /waits for a review/);
  });
});

/** modelship.yaml with one production environment; `production` is merged over the defaults. */
function config(production: Record<string, unknown>): string {
  return JSON.stringify({
    model: "adult-income",
    promote: {
      remote: "https://example.test/gitops.git",
      environments: {
        production: { targets: [{ kind: "argo-rollouts", file: "apps/rollout.yaml" }], ...production },
      },
    },
  });
}

function resolved(production: Record<string, unknown>): EnvironmentSettings {
  return resolveEnvironment("production", parseConfig(config(production), { file: "modelship.yaml", cwd: "/tmp" }));
}

describe("blue-green settings", () => {
  it("the schema takes steps [] and [0]; blue-green defaults to [] and canary to [10, 50]", () => {
    assert.deepEqual(resolved({ strategy: "blue-green" }).steps, []);
    assert.deepEqual(resolved({ strategy: "blue-green", steps: [] }).steps, []);
    assert.deepEqual(resolved({ strategy: "blue-green", steps: [0] }).steps, [0]);
    assert.deepEqual(resolved({}).steps, [10, 50]);
    assert.deepEqual(resolved({ strategy: "canary", steps: [0, 10, 50] }).steps, [0, 10, 50], "a canary may start dark");
  });

  it("the schema still refuses weights outside 0..99", () => {
    for (const steps of [[100], [-1], [0.5]]) {
      const error = throwsUser(() => resolved({ steps }));
      assert.equal(error.file, "modelship.yaml");
      assert.match(error.message, /steps/);
    }
  });

  it("refuses a blue-green with a live-traffic step, pointing at that step", () => {
    const error = throwsUser(() => resolved({ strategy: "blue-green", steps: [0, 20] }));
    assert.equal(error.file, "modelship.yaml");
    assert.equal(error.pointer, "/promote/environments/production/steps/1");
    assert.match(error.message, /blue-green has no traffic ladder.*20% of live traffic/);
    assert.match(error.hint ?? "", /leave steps out.*strategy: canary/);
  });

  it("refuses a canary with steps [] (nothing to start at), the same rule as the canary job's", () => {
    const error = throwsUser(() => resolved({ strategy: "canary", steps: [] }));
    assert.equal(error.pointer, "/promote/environments/production/steps");
    assert.match(error.message, /at least one step/);
  });

  const refused: [string, Record<string, unknown>, RegExp][] = [
    ["kserve-standard", { kind: "kserve-standard", file: "apps/isvc.yaml" }, /second predictor/],
    ["kserve-knative", { kind: "kserve-knative", file: "apps/isvc.yaml" }, /tag routing/],
    ["seldon-v2", { kind: "seldon-v2", file: "apps/seldon.yaml" }, /Experiment/],
    ["yaml-path without weight_path", { kind: "yaml-path", file: "apps/values.yaml", uri_path: "model.uri" }, /no weight_path/],
  ];
  for (const [title, target, why] of refused) {
    it(`refuses a ${title} target when settings resolve: kind, file, pointer and fix`, () => {
      const error = throwsUser(() =>
        resolved({ strategy: "blue-green", targets: [{ kind: "argo-rollouts", file: "apps/rollout.yaml" }, target] }),
      );
      assert.equal(error.file, "modelship.yaml");
      assert.equal(error.pointer, "/promote/environments/production/strategy");
      assert.ok(error.message.includes(`target 2 (kind ${String(target["kind"])}, file ${String(target["file"])})`), error.message);
      assert.match(error.message, why);
      assert.match(error.hint ?? "", /strategy: canary/);
      assert.match(error.hint ?? "", /spec\.strategy is blueGreen/);
      assert.match(error.hint ?? "", /analysis\.iterations/);
      // The same target under the canary strategy resolves.
      assert.doesNotThrow(() => resolved({ strategy: "canary", targets: [target] }));
    });
  }

  it("starts a preview at 0 and refuses a start weight that sends live traffic", () => {
    const environment = resolved({ strategy: "blue-green" });
    assert.deepEqual(startAction(environment), { kind: "start", weight: 0 });
    assert.deepEqual(startAction(environment, 0), { kind: "start", weight: 0 });
    const error = throwsUser(() => startAction(environment, 20));
    assert.match(error.message, /--weight \(the weight input\): 20 sends live traffic, but production is blue-green/);
    assert.match(error.hint ?? "", /--strategy canary/);
  });

  it("a blue-green environment overridden to canary (--strategy canary) needs a --weight: it has no first step", () => {
    const environment = { ...resolved({ strategy: "blue-green" }), strategy: "canary" as const };
    const error = throwsUser(() => startAction(environment));
    assert.match(error.message, /no canary steps/);
    assert.match(error.hint ?? "", /--weight N/);
    assert.deepEqual(startAction(environment, 5), { kind: "start", weight: 5 });
  });

  it("accepts a yaml-path target with a weight_path", () => {
    const settings = resolved({
      strategy: "blue-green",
      targets: [{ kind: "yaml-path", file: "apps/values.yaml", uri_path: "model.uri", weight_path: "model.weight" }],
    });
    assert.equal(settings.strategy, "blue-green");
  });
});

const ROLLOUT: TargetSpec = { kind: "argo-rollouts", file: "rollout.yaml", container: "server" };
const FLAGGER: TargetSpec = { kind: "flagger", file: "flagger.yaml", container: "server" };

/** The example Rollout with its canary strategy replaced by a blue-green one (active and preview Services). */
function blueGreenRollout(extra = ""): string {
  const text = exampleManifest("rollout.yaml");
  const start = text.indexOf("  strategy:\n    canary:\n");
  const end = text.indexOf("  template:\n");
  assert.ok(start > 0 && end > start, "the example has a canary strategy before its template");
  return `${text.slice(0, start)}  strategy:\n    blueGreen:\n      activeService: adult-income\n      previewService: adult-income-preview\n${extra}${text.slice(end)}`;
}

/** The example Flagger Canary in blue/green mode: iterations instead of maxWeight and stepWeight. */
function blueGreenFlagger(): string {
  const text = exampleManifest("flagger.yaml");
  assert.ok(text.includes("    maxWeight: 50\n    stepWeight: 10\n"));
  return text.replace("    maxWeight: 50\n    stepWeight: 10\n", "    iterations: 10\n");
}

function assertValid(text: string, file: string, at: string): void {
  const result = validateManifestText(text, file, { modelFormat: "onnx" });
  assert.deepEqual(result.problems.map(formatProblem), [], `${at}: validates against the upstream CRDs\n${text}`);
  assert.ok(result.checked.length > 0, `${at}: its resources are checked`);
}

describe("blue-green manifests", () => {
  it("refuses an Argo Rollout with a canary strategy: the GitOps file's line, modelship.yaml's pointer, the fix", () => {
    const error = throwsUser(() => {
      checkBlueGreenManifest(exampleManifest("rollout.yaml"), ROLLOUT, "production");
    });
    assert.equal(error.file, "rollout.yaml");
    assert.equal(error.pointer, "/spec/strategy/canary");
    assert.ok(error.line !== undefined && error.line > 0);
    assert.match(error.message, /\/promote\/environments\/production\/strategy/);
    assert.match(error.message, /argo-rollouts target Rollout "adult-income" has spec\.strategy\.canary/);
    assert.match(error.hint ?? "", /strategy: canary.*spec\.strategy\.blueGreen/);
  });

  it("refuses a blue-green Rollout with autoPromotionSeconds (it would switch on a timer)", () => {
    const error = throwsUser(() => {
      checkBlueGreenManifest(blueGreenRollout("      autoPromotionSeconds: 60\n"), ROLLOUT, "production");
    });
    assert.equal(error.pointer, "/spec/strategy/blueGreen/autoPromotionSeconds");
    assert.match(error.hint ?? "", /remove autoPromotionSeconds/);
  });

  it("refuses a traffic-shifting Flagger Canary, and an A/B one (analysis.match)", () => {
    const shifting = throwsUser(() => {
      checkBlueGreenManifest(exampleManifest("flagger.yaml"), FLAGGER, "production");
    });
    assert.equal(shifting.file, "flagger.yaml");
    assert.equal(shifting.pointer, "/spec/analysis");
    assert.match(shifting.message, /Canary "adult-income-flagger".*shifts live traffic step by step/);
    assert.match(shifting.hint ?? "", /analysis\.iterations/);
    const ab = blueGreenFlagger().replace(
      "    iterations: 10\n",
      "    iterations: 10\n    match:\n      - headers:\n          x-canary:\n            exact: insider\n",
    );
    const error = throwsUser(() => {
      checkBlueGreenManifest(ab, FLAGGER, "production");
    });
    assert.equal(error.pointer, "/spec/analysis/match");
    assert.match(error.message, /A\/B testing/);
  });

  it("accepts a blueGreen Rollout and an iterations Flagger Canary", () => {
    assert.doesNotThrow(() => {
      checkBlueGreenManifest(blueGreenRollout(), ROLLOUT, "production");
      checkBlueGreenManifest(blueGreenFlagger(), FLAGGER, "production");
    });
  });

  it("Argo Rollouts: the preview pauses before the switch, the cut-over lets it promote; both validate against the CRD", () => {
    const original = blueGreenRollout();
    assertValid(original, "rollout.yaml", "the blue-green example");
    const preview = applyAction(original, ROLLOUT, V2, { kind: "start", weight: 0 });
    assertValid(preview, "rollout.yaml", "the preview");
    assert.match(preview, /^ {6}autoPromotionEnabled: false$/m);
    assert.equal(readState(preview, ROLLOUT).canary?.weight, 0);
    const cutOver = applyAction(preview, ROLLOUT, V2, { kind: "promote" });
    assertValid(cutOver, "rollout.yaml", "the cut-over");
    assert.match(cutOver, /^ {6}autoPromotionEnabled: true$/m);
    assert.deepEqual(readState(cutOver, ROLLOUT), stableState(V2), "only the new version is described");
    assert.ok(!cutOver.includes('v0.0.1/model.onnx"'), "the old model's URI is gone from the pod template");
    assert.match(
      cutOverNote(cutOver, ROLLOUT) ?? "",
      /old ReplicaSet is scaled down 30 s after the switch \(spec\.strategy\.blueGreen\.scaleDownDelaySeconds, default 30\)/,
    );
    const delayed = blueGreenRollout("      scaleDownDelaySeconds: 120\n");
    assertValid(delayed, "rollout.yaml", "with a scale-down delay");
    assert.match(cutOverNote(delayed, ROLLOUT) ?? "", /scaled down 120 s after the switch/);
    const rolledBack = applyAction(preview, ROLLOUT, V2, { kind: "rollback" });
    assertValid(rolledBack, "rollout.yaml", "the rollback");
    assert.deepEqual(readState(rolledBack, ROLLOUT).canary, undefined);
  });

  it("Flagger: the preview leaves the Canary's analysis alone, the cut-over records the switch; both validate", () => {
    const original = blueGreenFlagger();
    assertValid(original, "flagger.yaml", "the blue/green example");
    const preview = applyAction(original, FLAGGER, V2, { kind: "start", weight: 0 });
    assertValid(preview, "flagger.yaml", "the preview");
    assert.equal(readState(preview, FLAGGER).canary?.weight, 0);
    const cutOver = applyAction(preview, FLAGGER, V2, { kind: "promote" });
    assertValid(cutOver, "flagger.yaml", "the cut-over");
    assert.deepEqual(readState(cutOver, FLAGGER), stableState(V2));
    assert.match(
      cutOverNote(cutOver, FLAGGER) ?? "",
      /Flagger copies the new pod spec to Deployment "adult-income-flagger-primary", routes all traffic to it and scales Deployment "adult-income-flagger" \(the canary\) to zero/,
    );
  });
});

describe("blue-green pull request titles", () => {
  it("the cut-over is titled as a switch, not a promotion to 100%", () => {
    const environment = resolved({ strategy: "blue-green" });
    const title = promotionTitle({ environment, action: { kind: "promote" }, model: V2, before: PREVIEW });
    assert.equal(title, "adult-income → production: blue-green cut-over, switch to 0.0.2");
    const canary = promotionTitle({
      environment: { ...environment, strategy: "canary" },
      action: { kind: "promote" },
      model: V2,
      before: PREVIEW,
    });
    assert.equal(canary, "adult-income 0.0.2 → production: promote to 100%");
  });
});
