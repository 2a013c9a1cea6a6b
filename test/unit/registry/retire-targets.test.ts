/**
 * What `promote --action retire` removes for each target kind (src/gitops/retire-targets.ts), on the
 * examples in examples/gitops-repo/apps/adult-income/, with a canary running or not: the resources
 * that serve the model go (with Flagger's Canary, Seldon's canary Model and Experiment), whatever else
 * shares the file keeps its bytes and still validates against the vendored upstream CRDs, and a file
 * left empty is deleted. Removing again finds nothing (what makes a re-run a no-change).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { removeTarget } from "../../../src/gitops/retire-targets.ts";
import { applyAction, type ModelRef, type TargetSpec } from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";

const APP = new URL("../../../examples/gitops-repo/apps/adult-income/", import.meta.url);
const example = (file: string): string => readFileSync(new URL(file, APP), "utf8");

/** A document that is not the model's: it must survive the retirement byte for byte. */
const NEIGHBOUR = [
  "apiVersion: v1",
  "kind: Service",
  "metadata:",
  "  name: adult-income-docs",
  "  namespace: models",
  "spec:",
  "  selector:",
  "    app: docs",
  "  ports:",
  "    - port: 80",
  "",
].join("\n");

function modelAt(text: string, version: string): ModelRef {
  const uri = /https:\/\/github\.com\/OWNER\/models\/releases\/download\/adult-income%2Fv0\.0\.1\/[^\s"']+/.exec(text)?.[0];
  assert.ok(uri !== undefined, "the example names a v0.0.1 release asset");
  return { name: "adult-income", version, uri: uri.replace("v0.0.1", `v${version}`), digest: `sha256:${version.replaceAll(".", "")}` };
}

/** The kinds and names of a YAML stream's documents. */
function kindsOf(text: string): string[] {
  return parseAllDocuments(text).flatMap((document) => {
    const value = document.toJS() as { kind?: string; metadata?: { name?: string } } | null;
    return value?.kind === undefined ? [] : [`${value.kind}/${value.metadata?.name ?? ""}`];
  });
}

function assertValid(text: string, file: string): void {
  const problems = validateManifestText(text, file, { modelFormat: "onnx" }).problems;
  assert.deepEqual(problems.map(formatProblem), [], `${file} validates after the retirement`);
}

interface Case {
  spec: TargetSpec;
  text: string;
  /** The documents (kind/name) that go, with a canary running. */
  removedWithCanary: string[];
}

const KNATIVE = example("inferenceservice.yaml").replace(
  "serving.kserve.io/deploymentMode: Standard",
  "serving.kserve.io/deploymentMode: Serverless",
);

const CASES: Case[] = [
  {
    spec: { kind: "kserve-standard", file: "inferenceservice.yaml" },
    text: example("inferenceservice.yaml"),
    removedWithCanary: ["InferenceService/adult-income"],
  },
  { spec: { kind: "kserve-knative", file: "inferenceservice.yaml" }, text: KNATIVE, removedWithCanary: ["InferenceService/adult-income"] },
  {
    spec: { kind: "argo-rollouts", file: "rollout.yaml", container: "server", env: "MODEL_URI" },
    text: example("rollout.yaml"),
    removedWithCanary: ["Rollout/adult-income"],
  },
  {
    spec: { kind: "flagger", file: "flagger.yaml", container: "server", env: "MODEL_URI" },
    text: example("flagger.yaml"),
    removedWithCanary: ["Deployment/adult-income-flagger", "Canary/adult-income-flagger"],
  },
  {
    spec: { kind: "seldon-v2", file: "seldon.yaml" },
    text: example("seldon.yaml"),
    removedWithCanary: ["Model/adult-income", "Model/adult-income-canary", "Experiment/adult-income-canary"],
  },
];

describe("retiring removes what serves the model, for every target kind", () => {
  for (const { spec, text, removedWithCanary } of CASES) {
    test(`${spec.kind}: with a canary running, its documents go and the file, left empty, is deleted`, () => {
      const canary = applyAction(text, spec, modelAt(text, "0.0.2"), { kind: "start", weight: 10 });
      const kindsBefore = kindsOf(canary);
      for (const kind of removedWithCanary) assert.ok(kindsBefore.includes(kind), `the canary file holds ${kind}`);
      const removal = removeTarget(canary, spec);
      assert.ok(removal !== undefined);
      assert.equal(removal.text, null, "nothing of the model's is left, so the file goes");
      assert.equal(removal.state.canary?.version, "0.0.2");
      assert.equal(removal.state.stable?.version, "0.0.1");
      assert.deepEqual(removal.removed.length, removedWithCanary.length);
    });

    test(`${spec.kind}: in a file it shares with another resource, only its documents go; the rest keeps its bytes and validates`, () => {
      const shared = `${NEIGHBOUR}---\n${text}`;
      const removal = removeTarget(shared, spec);
      assert.ok(removal !== undefined && removal.text !== null);
      assert.equal(removal.text, NEIGHBOUR, "the neighbour's bytes are all that is left");
      assertValid(removal.text, spec.file);
      assert.equal(removeTarget(removal.text, spec), undefined, "a second retirement finds nothing to remove");
    });
  }

  test("yaml-path in a Helm values file: the URI, the weight and modelship's state keys go; the other values stay and nothing is deleted", () => {
    const spec: TargetSpec = { kind: "yaml-path", file: "values.yaml", uriPath: "model.storageUri", weightPath: "model.canaryWeight" };
    const values = example("values.yaml");
    const canary = applyAction(values, spec, modelAt(values, "0.0.2"), { kind: "start", weight: 10 });
    assert.match(canary, /canaryWeight: 10/);
    assert.match(canary, /modelship\.dev\/stable-uri/);
    const removal = removeTarget(canary, spec);
    assert.ok(removal !== undefined && removal.text !== null);
    assert.doesNotMatch(removal.text, /storageUri|canaryWeight|modelship\.dev\//);
    assert.match(removal.text, /replicaCount: 2\n/);
    assert.match(removal.text, /model:\n {2}name: adult-income\n/, "the model map keeps the keys modelship does not own");
    assert.deepEqual(removal.removed, ["model.storageUri in values.yaml", "model.canaryWeight in values.yaml"]);
    assert.equal(removeTarget(removal.text, spec), undefined, "a second retirement finds nothing to remove");
  });

  test("yaml-path on a Kubernetes resource (a plain Deployment): the document goes, not just its field", () => {
    const flagger = example("flagger.yaml");
    const deployment = flagger.slice(0, flagger.indexOf("\n---\n") + 1);
    const spec: TargetSpec = { kind: "yaml-path", file: "deployment.yaml", uriPath: "spec.template.spec.containers[0].env[0].value" };
    assert.match(deployment, /kind: Deployment/);
    const removal = removeTarget(`${NEIGHBOUR}---\n${deployment}`, spec);
    assert.ok(removal !== undefined);
    assert.equal(removal.text, NEIGHBOUR);
  });
});
