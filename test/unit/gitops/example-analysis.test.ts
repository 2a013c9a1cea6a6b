/**
 * The example GitOps repository's Argo Rollouts analysis fits together: the Rollout names the
 * AnalysisTemplate of analysis-template.yaml and passes every argument it needs, and the template
 * measures the model repository's production health checks (same Prometheus, metrics, window and
 * limits), so Argo Rollouts and modelship's canary job judge a canary alike.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { exampleManifest } from "../../support/manifests.ts";

const MODEL_REPO_CONFIG = new URL("../../../examples/model-repo/modelship.yaml", import.meta.url);

interface Arg {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}
interface Metric {
  name: string;
  interval?: string;
  failureLimit?: number;
  successCondition?: string;
  provider: { prometheus: { address: string; query: string } };
}
interface Check {
  name: string;
  query: string;
  max?: number;
}

interface Rollout {
  metadata: { namespace: string };
  spec: { strategy: { canary: { analysis: { templates: { templateName: string }[]; args: Arg[] }; steps: Record<string, unknown>[] } } };
}
interface AnalysisTemplate {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { args: Arg[]; metrics: Metric[] };
}

const documents = <T>(name: string): T[] => parseAllDocuments(exampleManifest(name)).map((document) => document.toJS() as T);
const rollout = documents<Rollout>("rollout.yaml")[0]!;
const templates = documents<AnalysisTemplate>("analysis-template.yaml");
const template = templates[0]!;
const config = parse(readFileSync(MODEL_REPO_CONFIG, "utf8")) as {
  model: string;
  promote: { environments: { production: { health: { prometheus: string; window: string; checks: Check[] } } } };
};
const health = config.promote.environments.production.health;
const analysis = rollout.spec.strategy.canary.analysis;
const metrics = template.spec.metrics;
const normalise = (query: string): string => query.replace(/\s+/g, " ").trim();

describe("the example Rollout's analysis", () => {
  it("is background analysis naming the one AnalysisTemplate of analysis-template.yaml, in the Rollout's namespace", () => {
    assert.equal(templates.length, 1);
    assert.equal(template.kind, "AnalysisTemplate");
    assert.deepEqual(analysis.templates, [{ templateName: template.metadata.name }]);
    assert.equal(template.metadata.namespace, rollout.metadata.namespace);
    // Not an analysis step: modelship rewrites the steps in every canary PR.
    assert.ok(rollout.spec.strategy.canary.steps.every((step) => !("analysis" in step)));
  });

  it("passes exactly the arguments the template declares, each with a value, and the queries use no other", () => {
    const declared = template.spec.args.map((arg) => arg.name).sort();
    assert.deepEqual(analysis.args.map((arg) => arg.name).sort(), declared);
    for (const arg of analysis.args) assert.ok(arg.value !== undefined || arg.valueFrom !== undefined, `${arg.name} has a value`);
    assert.deepEqual(
      analysis.args.find((arg) => arg.name === "model"),
      { name: "model", value: config.model },
    );
    assert.deepEqual(
      analysis.args.find((arg) => arg.name === "canary-hash"),
      { name: "canary-hash", valueFrom: { podTemplateHashValue: "Latest" } },
    );
    const used = new Set(
      metrics.flatMap((metric) => [...metric.provider.prometheus.query.matchAll(/\{\{args\.([\w-]+)\}\}/g)].map((match) => match[1]!)),
    );
    assert.deepEqual([...used].sort(), declared);
  });

  it("measures the model repository's error-rate and p95 latency checks: same Prometheus, query, window and limit", () => {
    const checks = health.checks.filter((check) => check.max !== undefined && ["error-rate", "p95-latency-seconds"].includes(check.name));
    assert.deepEqual(
      metrics.map((metric) => metric.name),
      checks.map((check) => check.name),
    );
    for (const check of checks) {
      const metric = metrics.find((m) => m.name === check.name)!;
      assert.equal(metric.provider.prometheus.address, health.prometheus, check.name);
      assert.equal(metric.successCondition, `result[0] <= ${check.max}`, check.name);
      assert.ok(typeof metric.failureLimit === "number" && metric.failureLimit > 0, `${check.name} has a failureLimit`);
      assert.ok(metric.interval !== undefined, `${check.name} measures repeatedly`);
      // The health check picks the canary by version; Argo Rollouts by the canary ReplicaSet's pod-template hash.
      const expected = check.query
        .replaceAll('version="{{version}}"', 'rollouts_pod_template_hash="{{args.canary-hash}}"')
        .replaceAll("{{model}}", "{{args.model}}")
        .replaceAll("{{window}}", health.window);
      assert.equal(normalise(metric.provider.prometheus.query), normalise(expected), check.name);
    }
  });
});
