/**
 * strategy ab in the manifests: Flagger's Canary gets iterations and a header or cookie match (and
 * loses its weights), Seldon's Experiment splits at the configured weight, both validated strictly
 * against the upstream CRDs (vendor/crds); targets that cannot express an A/B test, and A/B settings
 * that cannot work, are refused naming modelship.yaml, the pointer and the fix.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { startAction, type EnvironmentSettings } from "../../../src/gitops/rollout-settings.ts";
import { applyAction, readState, type RolloutAction, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";
import { throwsUser } from "../../support/drift.ts";
import { exampleManifest as example, V2 } from "../../support/manifests.ts";

const METRIC = {
  name: "conversion",
  kind: "proportion",
  successes: 'sum(increase(converted_total{version="{{version}}"}[{{window}}]))',
  trials: 'sum(increase(requests_total{version="{{version}}"}[{{window}}]))',
  higher_is_better: true,
};
const HEALTH = { prometheus: "http://prometheus.test:9090", checks: [{ name: "error-rate", query: "x", max: 0.05 }] };

function resolved(production: Record<string, unknown>): EnvironmentSettings {
  const config = JSON.stringify({
    model: "adult-income",
    promote: { remote: "https://example.test/gitops.git", environments: { production } },
  });
  return resolveEnvironment("production", parseConfig(config, { file: "modelship.yaml", cwd: "/tmp" }));
}

function assertValid(text: string, file: string): void {
  assert.deepEqual(validateManifestText(text, file, { modelFormat: "onnx" }).problems.map(formatProblem), [], text);
}

/** The Flagger Canary's spec.analysis after `actions`. */
function analysisAfter(target: TargetSpec, actions: RolloutAction[]): { text: string; analysis: Record<string, unknown> } {
  let text = example("flagger.yaml");
  for (const action of actions) text = applyAction(text, target, V2, action);
  const canary = parseAllDocuments(text)
    .map((document) => document.toJS() as { kind?: string; spec?: { analysis?: Record<string, unknown> } })
    .find((document) => document.kind === "Canary");
  return { text, analysis: canary!.spec!.analysis! };
}

describe("Flagger A/B", () => {
  const header: TargetSpec = {
    kind: "flagger",
    file: "flagger.yaml",
    container: "server",
    ab: { match: { header: "x-variant", value: "b" }, iterations: 12 },
  };
  const cookie: TargetSpec = { ...header, ab: { match: { cookie: "variant.id", value: "b" } } };

  it("start writes a header match (exact) and iterations, removes the weights, and validates against Flagger's CRD", () => {
    const { text, analysis } = analysisAfter(header, [{ kind: "start", weight: 50 }]);
    assert.deepEqual(analysis.match, [{ headers: { "x-variant": { exact: "b" } } }]);
    assert.equal(analysis.iterations, 12);
    for (const key of ["maxWeight", "stepWeight", "stepWeights"]) assert.equal(key in analysis, false, `${key} is gone`);
    // The rest of the analysis (Flagger's metrics, interval, threshold) stays.
    assert.equal(analysis.interval, "1m");
    assert.equal((analysis.metrics as unknown[]).length, 2);
    assertValid(text, "flagger.yaml");
    // Flagger's A/B mode shifts no weights: the candidate reads back at 0%.
    assert.equal(readState(text, header).canary?.weight, 0);
    assert.equal(readState(text, header).canary?.version, "0.0.2");
  });

  it("a cookie match is Flagger's cookie regex, with the name and value escaped, and it matches only that cookie", () => {
    const { text, analysis } = analysisAfter(cookie, [{ kind: "start", weight: 50 }]);
    const match = analysis.match as { headers: { cookie: { regex: string } } }[];
    assert.equal(match[0]!.headers.cookie.regex, "^(.*?;\\s*)?(variant\\.id=b)(;.*)?$");
    assert.equal(analysis.iterations, 10, "Flagger's own default of ten iterations when neither the settings nor the Canary say");
    const regex = new RegExp(match[0]!.headers.cookie.regex);
    assert.ok(regex.test("variant.id=b"));
    assert.ok(regex.test("session=1; variant.id=b; theme=dark"));
    assert.equal(regex.test("variantXid=b"), false, "the dot is not a wildcard");
    assert.equal(regex.test("variant.id=bb"), false);
    assertValid(text, "flagger.yaml");
  });

  it("promote and rollback validate and keep the A/B analysis; a re-run of start changes nothing", () => {
    const started = analysisAfter(header, [{ kind: "start", weight: 50 }]).text;
    assert.equal(applyAction(started, header, V2, { kind: "start", weight: 50 }), started);
    for (const end of [{ kind: "promote" }, { kind: "rollback" }] as RolloutAction[]) {
      const text = applyAction(started, header, V2, end);
      assertValid(text, "flagger.yaml");
      assert.equal(readState(text, header).canary, undefined);
    }
  });

  it("without a match the Canary is not turned into an A/B test", () => {
    const error = throwsUser(() => applyAction(example("flagger.yaml"), { ...header, ab: {} }, V2, { kind: "start", weight: 50 }));
    assert.match(error.problem, /needs a header or cookie match/);
    assert.match(error.hint ?? "", /ab\.match/);
  });
});

describe("Seldon A/B", () => {
  it("start puts the candidate beside the stable Model in an Experiment at the configured weight, valid for Seldon's CRDs", () => {
    const environment = resolved({
      strategy: "ab",
      targets: [{ kind: "seldon-v2", file: "seldon.yaml" }],
      ab: { weight: 30, metrics: [METRIC] },
      health: HEALTH,
    });
    const action = startAction(environment);
    assert.deepEqual(action, { kind: "start", weight: 30 });
    const text = applyAction(example("seldon.yaml"), environment.targets[0]!, V2, action);
    assertValid(text, "seldon.yaml");
    const experiment = parseAllDocuments(text)
      .map((document) => document.toJS() as { kind?: string; spec?: { default?: string; candidates?: { name: string; weight: number }[] } })
      .find((document) => document.kind === "Experiment");
    const stable = (parse(example("seldon.yaml")) as { metadata: { name: string } }).metadata.name;
    assert.deepEqual(experiment?.spec, {
      default: stable,
      candidates: [
        { name: stable, weight: 70 },
        { name: `${stable}-canary`, weight: 30 },
      ],
    });
    assert.equal(readState(text, environment.targets[0]!).canary?.weight, 30);
    assertValid(applyAction(text, environment.targets[0]!, V2, { kind: "promote" }), "seldon.yaml");
  });
});

describe("A/B settings are checked before anything is cloned", () => {
  it("a target kind that cannot run an A/B test is refused at /promote/environments/<env>/strategy", () => {
    for (const kind of ["kserve-standard", "kserve-knative", "argo-rollouts", "yaml-path"]) {
      const error = throwsUser(() =>
        resolved({
          strategy: "ab",
          targets: [{ kind, file: "apps/x.yaml" }],
          ab: { match: { header: "x-variant", value: "b" }, metrics: [METRIC] },
          health: HEALTH,
        }),
      );
      assert.equal(error.file, "modelship.yaml");
      assert.equal(error.pointer, "/promote/environments/production/strategy");
      assert.match(error.problem, new RegExp(`target 0 \\(${kind}, apps/x\\.yaml\\) cannot run an A/B test`));
      assert.match(error.hint ?? "", /flagger target .* seldon-v2 target .*strategy to canary/);
    }
  });

  it("the target dispatcher refuses it too, naming the file", () => {
    const error = throwsUser(() =>
      applyAction(example("inferenceservice.yaml"), { kind: "kserve-standard", file: "isvc.yaml", ab: {} }, V2, {
        kind: "start",
        weight: 50,
      }),
    );
    assert.equal(error.file, "isvc.yaml");
    assert.match(error.problem, /kserve-standard target cannot run an A\/B test/);
  });

  it("flagger without a match, ab without strategy ab, strategy ab without ab or health, and metrics without their queries", () => {
    const flagger = [{ kind: "flagger", file: "flagger.yaml" }];
    const noMatch = throwsUser(() => resolved({ strategy: "ab", targets: flagger, ab: { metrics: [METRIC] }, health: HEALTH }));
    assert.equal(noMatch.pointer, "/promote/environments/production/ab");
    assert.match(noMatch.hint ?? "", /ab\.match, e\.g\. \{header: x-variant, value: b\}/);
    const stray = throwsUser(() => resolved({ targets: flagger, ab: { metrics: [METRIC] } }));
    assert.equal(stray.pointer, "/promote/environments/production/ab");
    assert.match(stray.hint ?? "", /strategy to ab/);
    const bare = throwsUser(() => resolved({ strategy: "ab", targets: flagger, health: HEALTH }));
    assert.equal(bare.pointer, "/promote/environments/production/strategy");
    const blind = throwsUser(() =>
      resolved({ strategy: "ab", targets: [{ kind: "seldon-v2", file: "s.yaml" }], ab: { metrics: [METRIC] } }),
    );
    assert.match(blind.hint ?? "", /health with prometheus/);
    const noTrials: Partial<typeof METRIC> = { ...METRIC };
    delete noTrials.trials;
    const half = throwsUser(() =>
      resolved({ strategy: "ab", targets: [{ kind: "seldon-v2", file: "s.yaml" }], ab: { metrics: [noTrials] }, health: HEALTH }),
    );
    assert.equal(half.pointer, "/promote/environments/production/ab/metrics/0");
    assert.match(half.problem, /is a proportion metric without trials/);
    const mixed = throwsUser(() =>
      resolved({
        strategy: "ab",
        targets: [{ kind: "seldon-v2", file: "s.yaml" }],
        ab: { metrics: [{ ...METRIC, mean: "avg(x)" }] },
        health: HEALTH,
      }),
    );
    assert.match(mixed.problem, /is a proportion metric but sets mean/);
    const typo = throwsUser(() =>
      resolved({
        strategy: "ab",
        targets: [{ kind: "seldon-v2", file: "s.yaml" }],
        ab: { metrics: [{ ...METRIC, trials: 'sum(requests_total{version="{{ verison }}"})' }] },
        health: HEALTH,
      }),
    );
    assert.equal(typo.pointer, "/promote/environments/production/ab/metrics/0/trials");
    assert.match(typo.problem, /unknown placeholder \{\{verison\}\} in trials/);
  });

  it("a match with both or neither of header and cookie, or an upper-case header name, is refused", () => {
    for (const match of [{ value: "b" }, { header: "x-variant", cookie: "v", value: "b" }, { header: "X-Variant", value: "b" }]) {
      const error = throwsUser(() =>
        resolved({ strategy: "ab", targets: [{ kind: "flagger", file: "f.yaml" }], ab: { match, metrics: [METRIC] }, health: HEALTH }),
      );
      assert.equal(error.file, "modelship.yaml");
      // Our check gives the pointer; the schema's gives line and column, and the pointer in the problem.
      assert.match(error.pointer ?? error.problem, /\/promote\/environments\/production\/ab\/match/);
    }
  });
});
