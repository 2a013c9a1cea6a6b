/**
 * A toy classifier and its data for tests of the stages after training: `test.csv` (age, hours,
 * sex, label) made by numpy and `model.onnx` / `other.onnx` made by python3-onnx (scores
 * (age + hours) / 256 and hours / 128, Clip'd to [0, 1]), plus a real gate report from runEvaluation.
 */
import { join } from "node:path";
import { MemoryLogger } from "../../src/common/logger.ts";
import { runEvaluation } from "../../src/stages/evaluation.ts";
import { resolvePolicy, type GatePolicyDocument } from "../../src/gates/policy.ts";
import { python } from "./python.ts";

/**
 * Python defining `score_model(path, weights, divisor)`: an ONNX model of one [N, 2] input x whose
 * `probability` is Clip((x · weights) / divisor, 0, 1). With weights of 0 and 1 and a power-of-two
 * divisor every operation is exact in float32, so onnxruntime and numpy agree bit for bit.
 */
export const PY_SCORE_MODEL = String.raw`
import onnx
from onnx import helper, TensorProto
def score_model(path, weights, divisor):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2]); out = helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1])
    inits = [helper.make_tensor("w", TensorProto.FLOAT, [2, 1], weights), helper.make_tensor("div", TensorProto.FLOAT, [], [divisor]), helper.make_tensor("lo", TensorProto.FLOAT, [], [0.0]), helper.make_tensor("hi", TensorProto.FLOAT, [], [1.0])]
    nodes = [helper.make_node("MatMul", ["x", "w"], ["s"]), helper.make_node("Div", ["s", "div"], ["q"]), helper.make_node("Clip", ["q", "lo", "hi"], ["probability"])]
    m = helper.make_model(helper.make_graph(nodes, "score", [x], [out], inits), opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
    onnx.checker.check_model(m)
    onnx.save(m, path)
`;

const MAKE = String.raw`${PY_SCORE_MODEL}
import numpy as np, pandas as pd
d = data["dir"]
rng = np.random.default_rng(5)
n = 600
age = rng.integers(18, 90, n); hours = rng.integers(1, 99, n)
sex = rng.choice(["F", "M"], n)
label = np.where(rng.random(n) < 1 / (1 + np.exp(-(age - 50) / 8)), "yes", "no")
pd.DataFrame({"age": age, "hours": hours, "sex": sex, "label": label}).to_csv(d + "/test.csv", index=False)
score_model(d + "/model.onnx", [1.0, 1.0], 256.0)
score_model(d + "/other.onnx", [0.0, 1.0], 128.0)
emit(True)
`;

/** Writes test.csv, model.onnx and other.onnx into `dir`. */
export function makeToyModel(dir: string): void {
  python(MAKE, { dir });
}

/** Evaluates `model` on the toy data with `policy` and returns the gate report's path. */
export async function toyGateReport(
  dir: string,
  options: { model?: string; policy?: GatePolicyDocument; reportDir?: string } = {},
): Promise<string> {
  const reportDir = options.reportDir ?? join(dir, "evaluation");
  const result = await runEvaluation({
    modelPath: options.model ?? join(dir, "model.onnx"),
    modelName: "toy",
    dataFiles: [join(dir, "test.csv")],
    target: "label",
    features: ["age", "hours"],
    classes: ["no", "yes"],
    threshold: 0.5,
    batchSize: 256,
    policy: resolvePolicy({
      bootstrap: { resamples: 100, seed: 1 },
      fairness: { sensitive: ["sex"], resamples: 100, gates: [] },
      ...options.policy,
    }),
    reportDir,
    failOn: "never",
    logger: new MemoryLogger(),
    toolVersion: "test",
  });
  return result.reportPath;
}
