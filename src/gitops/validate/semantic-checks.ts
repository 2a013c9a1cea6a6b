/**
 * Rules that admission webhooks and controllers enforce but no schema can express: KServe's
 * Standard-mode canary rules (`inference_service_validation.go validateCanarySpecs`, KServe
 * v0.20), traffic percentages, Argo Rollouts step weights, and references between the resources of
 * one file (Seldon Experiment candidates, Flagger targets).
 */
import { toPointer } from "../../common/yaml-source.ts";
import { DEPLOYMENT_MODE, STANDARD_MODES } from "../targets/kserve-common.ts";
import { asArray, asRecord, type Finding, type ResourceData } from "./manifest-check-types.ts";

/** KServe's default minReplicas (`constants.DefaultMinReplicas`). */
const DEFAULT_MIN_REPLICAS = 1;
/** Fields a canary predictor may not set: canaries run with fixed replicas. */
const CANARY_FORBIDDEN = ["maxReplicas", "scaleTarget", "scaleMetric", "autoScaling", "workerSpec"];
/** The predictor implementations KServe counts (`PredictorSpec.GetImplementations`). */
const IMPLEMENTATIONS = [
  "xgboost",
  "pytorch",
  "triton",
  "sklearn",
  "tensorflow",
  "onnx",
  "pmml",
  "lightgbm",
  "paddle",
  "huggingface",
  "model",
];

function semantic(path: (string | number)[], message: string, hint: string): Finding {
  return { pointer: toPointer(path), message, hint, kind: "semantic" };
}

function percentProblem(value: unknown, path: (string | number)[], what: string): Finding | undefined {
  if (typeof value !== "number" || (value >= 0 && value <= 100)) return undefined;
  return semantic(path, `${what} is ${value}; it must be between 0 and 100`, `set ${what} to a percentage from 0 to 100`);
}

/** Runs every semantic check that applies to `resource`; `all` is every resource of the file. */
export function checkSemantics(resource: ResourceData, all: ResourceData[]): Finding[] {
  switch (`${resource.apiVersion} ${resource.kind}`) {
    case "serving.kserve.io/v1beta1 InferenceService":
      return checkInferenceService(resource.data);
    case "argoproj.io/v1alpha1 Rollout":
      return checkRolloutSteps(resource.data);
    case "mlops.seldon.io/v1alpha1 Experiment":
      return checkSeldonExperiment(resource.data, all);
    case "flagger.app/v1beta1 Canary":
      return checkFlaggerTarget(resource.data, all);
    default:
      return [];
  }
}

/** KServe's one-of rule: a predictor has exactly one implementation (`validateExactlyOneImplementation`). */
function checkOneImplementation(predictor: Record<string, unknown>, path: (string | number)[]): Finding[] {
  const present = IMPLEMENTATIONS.filter((key) => predictor[key] !== undefined && predictor[key] !== null);
  const containers = asArray(predictor.containers).map(asRecord);
  // A container named kserve-container is a custom predictor; other containers are sidecars, unless there is nothing else.
  const custom =
    containers.filter((container) => container?.name === "kserve-container").length ||
    (present.length === 0 && containers.length > 0 ? 1 : 0);
  const count = present.length + custom;
  if (count === 1) return [];
  const found = [...present, ...(custom > 0 ? ["containers (kserve-container)"] : [])];
  return [
    semantic(
      path,
      count === 0
        ? "the predictor has no implementation"
        : `the predictor has ${count} implementations (${found.join(", ")}); KServe takes exactly one`,
      count === 0
        ? "add model: {modelFormat: {name: …}, storageUri: …} to the predictor"
        : "keep one of them (model: is the current form) and remove the others",
    ),
  ];
}

function checkInferenceService(isvc: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const spec = asRecord(isvc.spec);
  if (spec === undefined) return findings;
  const annotations = asRecord(asRecord(isvc.metadata)?.annotations);
  const mode = annotations?.[DEPLOYMENT_MODE];
  const standard = typeof mode === "string" && STANDARD_MODES.has(mode);

  for (const component of ["predictor", "transformer", "explainer"]) {
    const value = asRecord(spec[component])?.canaryTrafficPercent;
    const path = ["spec", component, "canaryTrafficPercent"];
    const range = percentProblem(value, path, `spec.${component}.canaryTrafficPercent`);
    if (range) findings.push(range);
    else if (value !== undefined && standard) {
      // Only the Knative reconciler reads it (kserve#5335): in Standard mode it silently does nothing.
      findings.push(
        semantic(
          path,
          `canaryTrafficPercent has no effect in ${mode} mode; KServe ignores it there`,
          "use spec.canary[] with trafficPercent for a Standard-mode canary, or remove canaryTrafficPercent",
        ),
      );
    }
  }

  const stable = asRecord(spec.predictor);
  if (stable !== undefined) findings.push(...checkOneImplementation(stable, ["spec", "predictor"]));
  const canaries = asArray(spec.canary);
  if (canaries.length === 0) return findings;

  if (!standard) {
    findings.push(
      semantic(
        mode === undefined ? ["spec", "canary"] : ["metadata", "annotations", DEPLOYMENT_MODE],
        `spec.canary needs Standard deployment mode, but the annotation ${DEPLOYMENT_MODE} is ${mode === undefined ? "not set" : JSON.stringify(mode)}`,
        `set metadata.annotations."${DEPLOYMENT_MODE}" to Standard, or use spec.predictor.canaryTrafficPercent in Knative mode`,
      ),
    );
  }
  const stableName = typeof stable?.name === "string" ? stable.name : undefined;
  const stableMin = typeof stable?.minReplicas === "number" ? stable.minReplicas : DEFAULT_MIN_REPLICAS;
  const seen = new Map<string, number>();
  let total = 0;
  canaries.forEach((item, i) => {
    const canary = asRecord(item);
    const predictor = asRecord(canary?.predictor);
    if (canary === undefined || predictor === undefined) return; // the schema reports it
    const at = ["spec", "canary", i, "predictor"];
    const name = predictor.name;
    if (typeof name !== "string" || name === "") {
      findings.push(
        semantic(
          at,
          `canary ${i} has no predictor name`,
          `set spec.canary[${i}].predictor.name (e.g. v2); it names the canary's Deployment <isvc>-<name>-predictor`,
        ),
      );
    } else if (seen.has(name)) {
      findings.push(
        semantic(
          [...at, "name"],
          `canary predictor name "${name}" is used by canary ${seen.get(name)!} too`,
          "give every canary predictor its own name",
        ),
      );
    } else if (name === stableName) {
      findings.push(
        semantic(
          [...at, "name"],
          `canary predictor name "${name}" is the stable predictor's name`,
          "give the canary predictor a name other than spec.predictor.name",
        ),
      );
    }
    if (typeof name === "string" && !seen.has(name)) seen.set(name, i);

    const percent = canary.trafficPercent;
    const range = percentProblem(percent, ["spec", "canary", i, "trafficPercent"], `spec.canary[${i}].trafficPercent`);
    if (range) findings.push(range);
    else if (typeof percent === "number") total += percent;

    for (const field of CANARY_FORBIDDEN) {
      if (predictor[field] !== undefined)
        findings.push(
          semantic(
            [...at, field],
            `a canary predictor may not set ${field}: canaries run with fixed replicas`,
            `remove spec.canary[${i}].predictor.${field}`,
          ),
        );
    }
    const min = predictor.minReplicas;
    if (typeof min === "number" && min > stableMin) {
      findings.push(
        semantic(
          [...at, "minReplicas"],
          `canary minReplicas ${min} is more than the stable predictor's ${stableMin}`,
          `lower spec.canary[${i}].predictor.minReplicas to at most ${stableMin}`,
        ),
      );
    }
    findings.push(...checkOneImplementation(predictor, at));
  });
  if (total > 100) {
    findings.push(
      semantic(
        ["spec", "canary"],
        `the canaries' trafficPercent add up to ${total}, more than 100`,
        "lower the canaries' trafficPercent so that they add up to 100 or less",
      ),
    );
  }
  return findings;
}

function checkRolloutSteps(rollout: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const steps = asArray(asRecord(asRecord(asRecord(rollout.spec)?.strategy)?.canary)?.steps);
  steps.forEach((item, i) => {
    const step = asRecord(item);
    const weight = percentProblem(step?.setWeight, ["spec", "strategy", "canary", "steps", i, "setWeight"], `steps[${i}].setWeight`);
    if (weight) findings.push(weight);
    const scale = percentProblem(
      asRecord(step?.setCanaryScale)?.weight,
      ["spec", "strategy", "canary", "steps", i, "setCanaryScale", "weight"],
      `steps[${i}].setCanaryScale.weight`,
    );
    if (scale) findings.push(scale);
  });
  return findings;
}

function namesOf(all: ResourceData[], apiVersion: string, kind: string): string[] {
  return all.filter((resource) => resource.apiVersion === apiVersion && resource.kind === kind).map((resource) => resource.name);
}

function listNames(names: string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}

function checkSeldonExperiment(experiment: Record<string, unknown>, all: ResourceData[]): Finding[] {
  const findings: Finding[] = [];
  const spec = asRecord(experiment.spec);
  if (spec === undefined) return findings;
  // Candidates are Models unless resourceType says pipeline; only check names the file can answer for.
  const models = spec.resourceType === "pipeline" ? [] : namesOf(all, "mlops.seldon.io/v1alpha1", "Model");
  const candidates = asArray(spec.candidates).map(asRecord);
  candidates.forEach((candidate, i) => {
    if (typeof candidate?.weight === "number" && candidate.weight < 0) {
      findings.push(
        semantic(
          ["spec", "candidates", i, "weight"],
          `candidate weight ${candidate.weight} is negative`,
          "set the weight to 0 or more (traffic is weight / sum of weights)",
        ),
      );
    }
    const name = candidate?.name;
    if (models.length > 0 && typeof name === "string" && !models.includes(name)) {
      findings.push(
        semantic(
          ["spec", "candidates", i, "name"],
          `candidate "${name}" is not a Model in this file (it has ${listNames(models)})`,
          `name one of the Models, or add a Model named "${name}"`,
        ),
      );
    }
  });
  const names = candidates.map((candidate) => candidate?.name).filter((name) => typeof name === "string");
  if (typeof spec.default === "string" && !names.includes(spec.default)) {
    findings.push(
      semantic(
        ["spec", "default"],
        `default "${spec.default}" is not one of the candidates (${listNames(names)})`,
        "set default to a candidate's name, or add it to candidates",
      ),
    );
  }
  const mirror = asRecord(spec.mirror);
  if (mirror !== undefined) {
    const percent = percentProblem(mirror.percent, ["spec", "mirror", "percent"], "mirror.percent");
    if (percent) findings.push(percent);
    if (models.length > 0 && typeof mirror.name === "string" && !models.includes(mirror.name)) {
      findings.push(
        semantic(
          ["spec", "mirror", "name"],
          `mirror "${mirror.name}" is not a Model in this file (it has ${listNames(models)})`,
          `name one of the Models, or add a Model named "${mirror.name}"`,
        ),
      );
    }
  }
  return findings;
}

function checkFlaggerTarget(canary: Record<string, unknown>, all: ResourceData[]): Finding[] {
  const target = asRecord(asRecord(canary.spec)?.targetRef);
  if (target?.kind !== "Deployment" || typeof target.name !== "string") return [];
  const deployments = namesOf(all, "apps/v1", "Deployment");
  if (deployments.length === 0 || deployments.includes(target.name)) return [];
  return [
    semantic(
      ["spec", "targetRef", "name"],
      `targetRef names Deployment "${target.name}", but this file's Deployments are ${listNames(deployments)}`,
      "set spec.targetRef.name to the Deployment the canary analyses",
    ),
  ];
}
