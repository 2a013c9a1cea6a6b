import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateManifestText, type ManifestProblem } from "../../../src/gitops/validate-manifests.ts";
import { exampleManifest } from "../../support/manifests.ts";

const FILE = "apps/adult-income/manifest.yaml";

/** The 1-based line of the only line of `text` that contains `needle` (found by text search, not by YAML). */
function lineWith(text: string, needle: string): number {
  const lines = text.split("\n");
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  assert.equal(hits.length, 1, `exactly one line contains ${JSON.stringify(needle)}: ${hits.join(", ")}`);
  return hits[0]!;
}

/** kind, pointer and line of every problem, in order. */
function summary(problems: ManifestProblem[]): [string, string, number | undefined][] {
  return problems.map((problem) => [problem.kind, problem.pointer, problem.line]);
}

function problemsOf(text: string, onnx = false): ManifestProblem[] {
  return validateManifestText(text, FILE, onnx ? { modelFormat: "onnx" } : {}).problems;
}

/** Asserts exactly one problem, of `kind` at `pointer` on line `at` (or the line holding the text `at`), and returns it. */
function onlyProblem(
  text: string,
  expected: { kind: ManifestProblem["kind"]; pointer: string; at: string | number; onnx?: boolean },
): ManifestProblem {
  const problems = problemsOf(text, expected.onnx);
  const line = typeof expected.at === "number" ? expected.at : lineWith(text, expected.at);
  assert.deepEqual(summary(problems), [[expected.kind, expected.pointer, line]], problems.map((p) => p.message).join("\n"));
  assert.equal(problems[0]!.file, FILE);
  assert.ok(problems[0]!.hint.length > 0, "every problem says how to fix it");
  return problems[0]!;
}

/** A valid Standard-mode InferenceService with one canary; `patch` rewrites parts of it. */
function isvc(patch: { annotations?: string; stable?: string; canaries?: string } = {}): string {
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: adult-income
  annotations:
${patch.annotations ?? "    serving.kserve.io/deploymentMode: Standard"}
spec:
  predictor:
${
  patch.stable ??
  `    name: v1
    minReplicas: 2
    model:
      modelFormat:
        name: onnx
      runtime: kserve-tritonserver
      storageUri: s3://models/adult-income/v1`
}
  canary:
${
  patch.canaries ??
  `    - trafficPercent: 20
      predictor:
        name: v2
        model:
          name: kserve-container
          modelFormat:
            name: onnx
          storageUri: s3://models/adult-income/v2`
}
`;
}

function canary(name: string, percent: number, extra = ""): string {
  return `    - trafficPercent: ${percent}
      predictor:
        name: ${name}${extra}
        model:
          name: kserve-container
          modelFormat: {name: onnx}
          storageUri: s3://models/adult-income/${name}`;
}

const ROLLOUT = (steps: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: adult-income
spec:
  replicas: 4
  selector:
    matchLabels: {app: adult-income}
  strategy:
    canary:
      steps:
${steps}
  template:
    metadata:
      labels: {app: adult-income}
    spec:
      containers:
        - name: server
          image: ghcr.io/owner/onnx-server:1.4.0
`;

const SELDON_MODELS = `apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: adult-income
spec:
  storageUri: s3://models/adult-income/v1
  requirements: [onnx]
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: adult-income-canary
spec:
  storageUri: s3://models/adult-income/v2
  requirements: [onnx]
`;

const experiment = (candidates: string, extra = ""): string => `---
apiVersion: mlops.seldon.io/v1alpha1
kind: Experiment
metadata:
  name: adult-income-canary
spec:
  default: adult-income
  candidates:
${candidates}${extra}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: adult-income
spec:
  replicas: 2
  selector:
    matchLabels: {app: adult-income}
  template:
    metadata:
      labels: {app: adult-income}
    spec:
      containers:
        - name: server
          image: ghcr.io/owner/onnx-server:1.4.0
`;

const flaggerCanary = (target: string): string => `---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: adult-income
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  service:
    port: 8080
  analysis:
    interval: 1m
    threshold: 5
    stepWeight: 10
`;

describe("validateManifestText", () => {
  describe("the example GitOps repository", () => {
    const expected: Record<string, string[]> = {
      "inferenceservice.yaml": ['InferenceService "adult-income"'],
      // The AnalysisTemplate lives in its own file now (analysis-template.yaml), still checked against the Argo Rollouts schema.
      "rollout.yaml": ['Rollout "adult-income"'],
      "analysis-template.yaml": ['AnalysisTemplate "adult-income-health"'],
      "flagger.yaml": ['Deployment "adult-income-flagger"', 'Canary "adult-income-flagger"'],
      "seldon.yaml": ['Model "adult-income"'],
    };
    for (const [name, checked] of Object.entries(expected)) {
      it(`${name} passes every check, the ONNX ones included`, () => {
        const result = validateManifestText(exampleManifest(name), name, { modelFormat: "onnx" });
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.checked, checked);
        assert.deepEqual(result.skipped, []);
      });
    }

    it("the Argo CD Application is checked against Argo CD's CRD; the Helm values are skipped and listed", () => {
      assert.deepEqual(validateManifestText(exampleManifest("application.yaml"), "application.yaml"), {
        problems: [],
        checked: ['Application "adult-income"'],
        skipped: [],
        notes: [],
      });
      assert.deepEqual(validateManifestText(exampleManifest("values.yaml"), "values.yaml").skipped, ["document 1 (no kind)"]);
    });

    it("a Standard-mode InferenceService with a canary, a Seldon experiment and a Flagger canary pass", () => {
      assert.deepEqual(problemsOf(isvc(), true), []);
      assert.deepEqual(
        problemsOf(
          SELDON_MODELS + experiment("    - {name: adult-income, weight: 90}\n    - {name: adult-income-canary, weight: 10}"),
          true,
        ),
        [],
      );
      assert.deepEqual(problemsOf(DEPLOYMENT + flaggerCanary("adult-income")), []);
    });
  });

  describe("schemas", () => {
    it("catch a core Kubernetes field of the wrong type, with its line", () => {
      const text = DEPLOYMENT.replace("replicas: 2", "replicas: two");
      const problem = onlyProblem(text, { kind: "schema", pointer: "/spec/replicas", at: "replicas: two" });
      assert.match(problem.message, /^Deployment "adult-income": spec\.replicas must be integer$/);
    });

    it("catch a Service port that is not a number inside a list", () => {
      const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: adult-income\nspec:\n  ports:\n    - name: http\n      port: http\n`;
      onlyProblem(text, { kind: "schema", pointer: "/spec/ports/0/port", at: "port: http" });
    });

    it("catch an Argo Rollouts field of the wrong type", () => {
      const text = ROLLOUT("        - setWeight: 20").replace("replicas: 4", "replicas: [4]");
      const problem = onlyProblem(text, { kind: "schema", pointer: "/spec/replicas", at: "replicas: [4]" });
      assert.match(problem.hint, /Argo Rollouts v1\.9\.1's CRD \(manifests\/crds\/rollout-crd\.yaml\)/);
    });

    it("catch a Flagger analysis without a threshold", () => {
      const text = DEPLOYMENT + flaggerCanary("adult-income").replace("    threshold: 5\n", "");
      // Flagger's CRD requires threshold, and each branch of its analysis oneOf does too: both are reported, as the API server does.
      const problems = problemsOf(text);
      assert.deepEqual(summary(problems), [
        ["schema", "/spec/analysis", lineWith(text, "analysis:")],
        ["schema", "/spec/analysis/threshold", lineWith(text, "analysis:")],
      ]);
      assert.match(problems[1]!.message, /spec\.analysis\.threshold: Required value/);
      assert.match(problems[1]!.hint, /Flagger v1\.44\.0's CRD/);
    });

    it("catch a Flagger analysis with both stepWeight and iterations", () => {
      const text = DEPLOYMENT + flaggerCanary("adult-income").replace("    stepWeight: 10\n", "    stepWeight: 10\n    iterations: 10\n");
      onlyProblem(text, { kind: "schema", pointer: "/spec/analysis", at: "analysis:" });
    });

    it("catch a Seldon Model without a storageUri", () => {
      const text = SELDON_MODELS.replace("  storageUri: s3://models/adult-income/v2\n", "");
      // The second document's spec: line, just below its name.
      const problem = onlyProblem(text, {
        kind: "schema",
        pointer: "/spec/storageUri",
        at: lineWith(text, "name: adult-income-canary") + 1,
      });
      assert.match(problem.message, /spec\.storageUri: Required value/);
    });

    it("catch a Seldon Experiment weight that is not an integer", () => {
      const text = SELDON_MODELS + experiment("    - {name: adult-income, weight: 90}\n    - {name: adult-income-canary, weight: ten}");
      onlyProblem(text, { kind: "schema", pointer: "/spec/candidates/1/weight", at: "weight: ten" });
    });

    it("a KServe protocolVersion is any string, as KServe's CRD has it (our old hand-written schema's enum was a guess)", () => {
      // v0.20.0's CRD types protocolVersion as a plain string, and its webhook does not check it either.
      const text = isvc().replace("      runtime: kserve-tritonserver", "      runtime: kserve-tritonserver\n      protocolVersion: v3");
      assert.deepEqual(problemsOf(text), []);
      // A typo in the field's name is caught: the CRD's schema is strict.
      const typo = isvc().replace("      runtime: kserve-tritonserver", "      runtime: kserve-tritonserver\n      protocolversion: v2");
      const problem = onlyProblem(typo, { kind: "schema", pointer: "/spec/predictor/model/protocolversion", at: "protocolversion: v2" });
      assert.match(problem.message, /unknown field "spec\.predictor\.model\.protocolversion"/);
    });

    it("catch a KServe model without a format name", () => {
      const text = isvc({
        canaries: `    - trafficPercent: 20\n      predictor:\n        name: v2\n        model:\n          name: kserve-container\n          modelFormat: {version: "1"}\n          storageUri: s3://m/v2`,
      });
      onlyProblem(text, { kind: "schema", pointer: "/spec/canary/0/predictor/model/modelFormat/name", at: 'modelFormat: {version: "1"}' });
    });
  });

  describe("KServe webhook rules", () => {
    it("spec.canary without Standard deployment mode is an error at the annotation", () => {
      const text = isvc({ annotations: "    serving.kserve.io/deploymentMode: Knative" });
      const problem = onlyProblem(text, {
        kind: "semantic",
        pointer: "/metadata/annotations/serving.kserve.io~1deploymentMode",
        at: "deploymentMode: Knative",
      });
      assert.match(problem.message, /Standard deployment mode/);
    });

    it("spec.canary without any deployment mode is an error at spec.canary", () => {
      const text = isvc({ annotations: "    owner: ml-team" });
      onlyProblem(text, { kind: "semantic", pointer: "/spec/canary", at: "  canary:" });
    });

    it("the legacy RawDeployment mode allows canaries", () => {
      assert.deepEqual(problemsOf(isvc({ annotations: "    serving.kserve.io/deploymentMode: RawDeployment" })), []);
    });

    it("a canary predictor needs a name", () => {
      const text = isvc({
        canaries: `    - trafficPercent: 20\n      predictor:\n        model:\n          name: kserve-container\n          modelFormat: {name: onnx}\n          storageUri: s3://m/v2`,
      });
      onlyProblem(text, { kind: "semantic", pointer: "/spec/canary/0/predictor", at: "      predictor:" });
    });

    it("canary predictor names are unique", () => {
      const text = isvc({ canaries: `${canary("v2", 10)}\n${canary("v2", 10).replace("name: v2", "name: v2 # again")}` });
      const problems = problemsOf(text);
      assert.deepEqual(summary(problems), [["semantic", "/spec/canary/1/predictor/name", lineWith(text, "name: v2 # again")]]);
    });

    it("a canary predictor may not take the stable predictor's name", () => {
      const text = isvc({ canaries: canary("v1", 10).replace("name: v1", "name: v1 # stable's") });
      onlyProblem(text, { kind: "semantic", pointer: "/spec/canary/0/predictor/name", at: "name: v1 # stable's" });
    });

    it("trafficPercent outside 0..100 is an error", () => {
      for (const percent of [-5, 101]) {
        const text = isvc({ canaries: canary("v2", percent) });
        // The CRD bounds it (minimum 0, maximum 100) and KServe's webhook checks it too: both say so.
        const line = lineWith(text, `trafficPercent: ${percent}`);
        assert.deepEqual(summary(problemsOf(text)), [
          ["schema", "/spec/canary/0/trafficPercent", line],
          ["semantic", "/spec/canary/0/trafficPercent", line],
        ]);
      }
    });

    it("trafficPercent 0 (a dark launch) and 100 are allowed", () => {
      assert.deepEqual(problemsOf(isvc({ canaries: canary("v2", 0) })), []);
      assert.deepEqual(problemsOf(isvc({ canaries: canary("v2", 100) })), []);
    });

    it("canaries' traffic may add up to 100 but not more", () => {
      assert.deepEqual(problemsOf(isvc({ canaries: `${canary("v2", 60)}\n${canary("v3", 40)}` })), []);
      const text = isvc({ canaries: `${canary("v2", 60)}\n${canary("v3", 50)}` });
      const problem = onlyProblem(text, { kind: "semantic", pointer: "/spec/canary", at: "  canary:" });
      assert.match(problem.message, /add up to 110/);
    });

    for (const field of ["maxReplicas: 4", "scaleTarget: 10", "scaleMetric: rps", "autoScaling: {}", "workerSpec: {}"]) {
      const key = field.split(":")[0]!;
      it(`a canary predictor may not set ${key}`, () => {
        const text = isvc({ canaries: canary("v2", 10, `\n        ${field}`) });
        onlyProblem(text, { kind: "semantic", pointer: `/spec/canary/0/predictor/${key}`, at: field });
      });
    }

    it("a canary's minReplicas may not exceed the stable predictor's", () => {
      assert.deepEqual(problemsOf(isvc({ canaries: canary("v2", 10, "\n        minReplicas: 2") })), []);
      const text = isvc({ canaries: canary("v2", 10, "\n        minReplicas: 3") });
      onlyProblem(text, { kind: "semantic", pointer: "/spec/canary/0/predictor/minReplicas", at: "minReplicas: 3" });
    });

    it("without a stable minReplicas, the canary's is held to KServe's default of 1", () => {
      const stable = "    name: v1\n    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/v1";
      const text = isvc({ stable, canaries: canary("v2", 10, "\n        minReplicas: 2") });
      onlyProblem(text, { kind: "semantic", pointer: "/spec/canary/0/predictor/minReplicas", at: "minReplicas: 2" });
    });

    it("a predictor with two implementations is an error", () => {
      const stable =
        "    name: v1\n    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/v1\n    containers:\n      - name: kserve-container\n        image: custom:1";
      const text = isvc({ stable });
      // The stable predictor's line, just below spec: (the canary's predictor: line would match the text too).
      const problem = onlyProblem(text, { kind: "semantic", pointer: "/spec/predictor", at: lineWith(text, "spec:") + 1 });
      assert.match(problem.message, /2 implementations/);
    });

    it("a sidecar container next to model: is not a second implementation", () => {
      const stable =
        "    name: v1\n    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/v1\n    containers:\n      - name: log-shipper\n        image: fluent-bit:3";
      assert.deepEqual(problemsOf(isvc({ stable })), []);
    });

    it("canaryTrafficPercent outside 0..100 is an error", () => {
      const text = `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  predictor:\n    canaryTrafficPercent: 150\n    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/v2\n`;
      onlyProblem(text, { kind: "semantic", pointer: "/spec/predictor/canaryTrafficPercent", at: "canaryTrafficPercent: 150" });
      assert.deepEqual(problemsOf(text.replace("150", "30")), []);
    });

    it("canaryTrafficPercent in Standard mode is flagged, because KServe ignores it there", () => {
      const text = isvc({ canaries: "    []" }).replace("    minReplicas: 2", "    minReplicas: 2\n    canaryTrafficPercent: 10");
      const problem = onlyProblem(text, {
        kind: "semantic",
        pointer: "/spec/predictor/canaryTrafficPercent",
        at: "canaryTrafficPercent: 10",
      });
      assert.match(problem.message, /no effect in Standard mode/);
    });
  });

  describe("Argo Rollouts, Seldon and Flagger rules", () => {
    it("a Rollout setWeight outside 0..100 is an error, with the step's line", () => {
      const text = ROLLOUT("        - setWeight: 20\n        - pause: {}\n        - setWeight: 120");
      const problem = onlyProblem(text, { kind: "semantic", pointer: "/spec/strategy/canary/steps/2/setWeight", at: "setWeight: 120" });
      assert.match(problem.message, /120/);
      assert.deepEqual(problemsOf(ROLLOUT("        - setWeight: 100\n        - pause: {duration: 10m}")), []);
    });

    it("a negative Seldon candidate weight is an error", () => {
      const text = SELDON_MODELS + experiment("    - {name: adult-income, weight: 90}\n    - {name: adult-income-canary, weight: -10}");
      onlyProblem(text, { kind: "semantic", pointer: "/spec/candidates/1/weight", at: "weight: -10" });
    });

    it("a Seldon candidate must be a Model of the file when the file holds Models", () => {
      const text = SELDON_MODELS + experiment("    - {name: adult-income, weight: 90}\n    - {name: adult-income-v2, weight: 10}");
      const problem = onlyProblem(text, { kind: "semantic", pointer: "/spec/candidates/1/name", at: "adult-income-v2" });
      assert.match(problem.message, /"adult-income", "adult-income-canary"/);
    });

    it("Seldon candidates are not looked up when the file holds no Models", () => {
      assert.deepEqual(problemsOf(experiment("    - {name: adult-income, weight: 90}\n    - {name: elsewhere, weight: 10}").slice(4)), []);
    });

    it("a Seldon default that is not a candidate is an error", () => {
      const text = SELDON_MODELS + experiment("    - {name: adult-income-canary, weight: 10}");
      onlyProblem(text, { kind: "semantic", pointer: "/spec/default", at: "default: adult-income" });
    });

    it("a Flagger targetRef must name a Deployment of the file when the file holds Deployments", () => {
      const text = DEPLOYMENT + flaggerCanary("adult-income-v2");
      onlyProblem(text, { kind: "semantic", pointer: "/spec/targetRef/name", at: "name: adult-income-v2" });
      assert.deepEqual(problemsOf(flaggerCanary("somewhere-else").slice(4)), []);
    });
  });

  describe("ONNX checks", () => {
    it("a KServe model format other than onnx is an error", () => {
      const text = isvc().replace(
        "        name: onnx\n      runtime: kserve-tritonserver",
        "        name: sklearn\n      runtime: kserve-tritonserver",
      );
      const problem = onlyProblem(text, { kind: "ml", pointer: "/spec/predictor/model/modelFormat/name", at: "name: sklearn", onnx: true });
      assert.match(problem.hint, /onnx/);
    });

    it("ONNX spelt in upper case is an error that says so", () => {
      const text = isvc().replace("        name: onnx\n      runtime", "        name: ONNX\n      runtime");
      const problem = onlyProblem(text, { kind: "ml", pointer: "/spec/predictor/model/modelFormat/name", at: "name: ONNX", onnx: true });
      assert.match(problem.hint, /lower case/);
    });

    it("the ML checks run only when the model format is given", () => {
      const text = isvc().replace("runtime: kserve-tritonserver", "runtime: kserve-sklearnserver");
      assert.deepEqual(problemsOf(text), []);
    });

    for (const runtime of [
      "kserve-sklearnserver",
      "kserve-xgbserver",
      "kserve-lgbserver",
      "kserve-pmmlserver",
      "kserve-paddleserver",
      "kserve-tensorflow-serving",
      "kserve-torchserve",
      "kserve-mlserver",
      "kserve-huggingfaceserver",
    ]) {
      it(`a runtime pinned to ${runtime} cannot serve ONNX`, () => {
        const text = isvc().replace("runtime: kserve-tritonserver", `runtime: ${runtime}`);
        onlyProblem(text, { kind: "ml", pointer: "/spec/predictor/model/runtime", at: `runtime: ${runtime}`, onnx: true });
      });
    }

    it("Triton, the ONNX Runtime server and custom runtimes pass", () => {
      for (const runtime of ["kserve-tritonserver", "kserve-ortserver", "our-onnx-runtime"]) {
        assert.deepEqual(problemsOf(isvc().replace("runtime: kserve-tritonserver", `runtime: ${runtime}`), true), [], runtime);
      }
    });

    it("the canaries' predictors are checked too", () => {
      const text = isvc({ canaries: canary("v2", 10).replace("{name: onnx}", "{name: xgboost}") });
      onlyProblem(text, { kind: "ml", pointer: "/spec/canary/0/predictor/model/modelFormat/name", at: "{name: xgboost}", onnx: true });
    });

    it("the legacy onnx: predictor passes and the legacy sklearn: predictor does not", () => {
      const legacy = (framework: string): string =>
        `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  predictor:\n    ${framework}:\n      storageUri: s3://m/v2\n`;
      assert.deepEqual(problemsOf(legacy("onnx"), true), []);
      onlyProblem(legacy("sklearn"), { kind: "ml", pointer: "/spec/predictor/sklearn", at: "sklearn:", onnx: true });
    });

    it("a Seldon Model without requirements is an error that says to add onnx", () => {
      const text = SELDON_MODELS.replace("  requirements: [onnx]\n---", "---");
      // The first document's spec: line, just above its storageUri.
      const problem = onlyProblem(text, {
        kind: "ml",
        pointer: "/spec",
        at: lineWith(text, "storageUri: s3://models/adult-income/v1") - 1,
        onnx: true,
      });
      assert.equal(problem.hint, "add requirements: [onnx]");
    });

    it("Seldon requirements that leave out onnx are an error", () => {
      const text = SELDON_MODELS.replace("  requirements: [onnx]\n---", "  requirements: [sklearn]\n---");
      onlyProblem(text, { kind: "ml", pointer: "/spec/requirements", at: "requirements: [sklearn]", onnx: true });
    });
  });

  describe("the report", () => {
    it("lists every checked and skipped resource and gathers the problems of all documents", () => {
      const text = `${ROLLOUT("        - setWeight: 150")}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: 3\n---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: scaler\n---\n# only a comment\n`;
      const result = validateManifestText(text, FILE);
      assert.deepEqual(result.checked, ['Rollout "adult-income"', 'ConfigMap "settings"']);
      assert.deepEqual(result.skipped, ['ScaledObject "scaler" (keda.sh/v1alpha1)']);
      assert.deepEqual(summary(result.problems), [
        ["semantic", "/spec/strategy/canary/steps/0/setWeight", lineWith(text, "setWeight: 150")],
        ["schema", "/data/level", lineWith(text, "level: 3")],
      ]);
      assert.match(result.problems[1]!.message, /^ConfigMap "settings": data\.level must be string$/);
    });

    it("reports a YAML syntax error as one problem with its line", () => {
      const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";
      const result = validateManifestText(text, FILE);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]!.kind, "schema");
      assert.ok(result.problems[0]!.line !== undefined && result.problems[0]!.line >= 4, `line ${result.problems[0]!.line}`);
      assert.match(result.problems[0]!.message, /YAML syntax error/);
    });
  });
});
