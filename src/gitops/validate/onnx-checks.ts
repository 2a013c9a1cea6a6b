/**
 * ML checks for an ONNX model: the manifest must ask for a server that can load it, in the layout
 * that server loads. KServe picks a runtime by `modelFormat.name` (or the pinned `runtime`); Seldon
 * schedules a Model on a Server whose capabilities cover its `requirements`.
 */
import { toPointer } from "../../common/yaml-source.ts";
import { asArray, asRecord, type Finding, type ResourceData } from "./manifest-check-types.ts";
import { servesTritonRepository, TRITON_RUNTIME } from "../targets/kserve-common.ts";

/**
 * KServe's ClusterServingRuntimes (kserve/kserve config/runtimes/) whose supportedModelFormats leave
 * out onnx. Of those KServe installs, only kserve-tritonserver lists onnx; kserve-openvino lists it
 * too but is not installed by config/runtimes/kustomization.yaml or the Helm chart.
 */
const NON_ONNX_RUNTIMES = new Set([
  "kserve-sklearnserver",
  "kserve-xgbserver",
  "kserve-lgbserver",
  "kserve-pmmlserver",
  "kserve-paddleserver",
  "kserve-tensorflow-serving",
  "kserve-torchserve",
  "kserve-mlserver",
  "kserve-predictiveserver",
  "kserve-huggingfaceserver",
  "kserve-huggingfaceserver-multinode",
  "kserve-autogluonserver",
  "kserve-vllmserver",
]);
/** Legacy per-framework predictor forms that can load an ONNX file. */
const ONNX_FRAMEWORKS = new Set(["onnx", "triton"]);
const OTHER_FRAMEWORKS = ["sklearn", "xgboost", "tensorflow", "pytorch", "huggingface", "pmml", "lightgbm", "paddle"];

/** The path of a URI (no query or fragment), or the text itself when it does not parse. */
function pathOf(uri: string): string {
  try {
    return new URL(uri, "file:///").pathname;
  } catch {
    return uri;
  }
}

function ml(path: (string | number)[], message: string, hint: string): Finding {
  return { pointer: toPointer(path), message, hint, kind: "ml" };
}

/** The ONNX checks that apply to `resource`. */
export function checkOnnx(resource: ResourceData): Finding[] {
  switch (`${resource.apiVersion} ${resource.kind}`) {
    case "serving.kserve.io/v1beta1 InferenceService":
      return checkInferenceService(resource.data);
    case "mlops.seldon.io/v1alpha1 Model":
      return checkSeldonModel(resource.data);
    default:
      return [];
  }
}

function checkInferenceService(isvc: Record<string, unknown>): Finding[] {
  const spec = asRecord(isvc.spec);
  if (spec === undefined) return [];
  const predictors: [Record<string, unknown> | undefined, (string | number)[]][] = [[asRecord(spec.predictor), ["spec", "predictor"]]];
  asArray(spec.canary).forEach((canary, i) => predictors.push([asRecord(asRecord(canary)?.predictor), ["spec", "canary", i, "predictor"]]));
  return predictors.flatMap(([predictor, path]) => (predictor === undefined ? [] : checkPredictor(predictor, path)));
}

function checkPredictor(predictor: Record<string, unknown>, path: (string | number)[]): Finding[] {
  const findings: Finding[] = [];
  const model = asRecord(predictor.model);
  if (model !== undefined) {
    const format = asRecord(model.modelFormat)?.name;
    if (typeof format === "string" && format !== "onnx") {
      findings.push(
        ml(
          [...path, "model", "modelFormat", "name"],
          `modelFormat is "${format}" but the model is ONNX`,
          format.toLowerCase() === "onnx"
            ? 'write the format in lower case, "onnx": KServe matches it against runtimes case-sensitively'
            : "set modelFormat.name to onnx",
        ),
      );
    }
    const runtime = model.runtime;
    if (typeof runtime === "string" && NON_ONNX_RUNTIMES.has(runtime)) {
      findings.push(
        ml(
          [...path, "model", "runtime"],
          `runtime "${runtime}" cannot serve ONNX models`,
          `pin ${TRITON_RUNTIME} (the runtime KServe installs for onnx), or remove runtime so that KServe picks one for modelFormat onnx`,
        ),
      );
    }
  }
  const uri = model?.storageUri;
  const runtime = model?.runtime;
  if (model !== undefined && typeof uri === "string" && servesTritonRepository(runtime) && /\.onnx$/i.test(pathOf(uri))) {
    findings.push(
      ml(
        [...path, "model", "storageUri"],
        `storageUri is one .onnx file, but ${runtime === undefined ? `the runtime KServe picks for onnx (${TRITON_RUNTIME})` : TRITON_RUNTIME} serves a Triton model repository: KServe downloads the file to /mnt/models/, where Triton finds no <model>/<version>/model.onnx folder to load`,
        "point storageUri at the release's triton-model-repository.tar.gz (modelship promote writes it), which KServe unpacks into /mnt/models, or at a folder holding <model>/config.pbtxt and <model>/1/model.onnx; or pin the runtime that loads one ONNX file",
      ),
    );
  }
  for (const framework of OTHER_FRAMEWORKS) {
    if (predictor[framework] === undefined || ONNX_FRAMEWORKS.has(framework)) continue;
    findings.push(
      ml(
        [...path, framework],
        `the legacy ${framework} predictor cannot serve an ONNX model`,
        `replace ${framework}: with model: {modelFormat: {name: onnx}, storageUri: …}`,
      ),
    );
  }
  return findings;
}

function checkSeldonModel(model: Record<string, unknown>): Finding[] {
  const spec = asRecord(model.spec);
  // Explainers and LLM wrappers are not the ONNX model itself.
  if (spec === undefined || spec.explainer !== undefined || spec.llm !== undefined) return [];
  if (spec.requirements === undefined) {
    return [
      ml(
        ["spec"],
        "the Model has no requirements, so Seldon may schedule the ONNX model on a server that cannot load it",
        "add requirements: [onnx]",
      ),
    ];
  }
  const requirements = asArray(spec.requirements);
  if (requirements.includes("onnx")) return [];
  return [
    ml(
      ["spec", "requirements"],
      `requirements ${JSON.stringify(requirements)} leave out onnx, so Seldon may schedule the model on a server that cannot load it`,
      "add onnx to requirements",
    ),
  ];
}
