/**
 * The peak memory figure on the real runtime. A session's memory is measured in a fresh process of
 * its own, so memory the evaluating process freed earlier (another session, the data's arrays), which
 * its allocator would hand the new session, cannot hide the session's growth: in-process, a 0.4 MB
 * model read 0 MB on the example.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadOnnxRuntime } from "../../../src/common/onnx-runtime.ts";
import { loadModel } from "../../../src/evaluate/onnx-model.ts";
import { onnxSubject } from "../../../src/evaluate/operational-onnx.ts";
import { measureOperational } from "../../../src/evaluate/operational.ts";
import { PROCESS_PROBE } from "../../../src/stages/evaluation-operational.ts";
import { python } from "../../support/python.ts";

// A small MLP (3 inputs, 3 × 1000, 1000 × 100 and 100 × 2 weights) and a bigger one-layer model, by python3-onnx.
const MAKE = `
import onnx, numpy as np
from onnx import helper as h, TensorProto as T, numpy_helper as nh
rng = np.random.default_rng(0)
cols = ["a", "b", "c"]
W1 = nh.from_array((rng.standard_normal((3, 1000)) * 0.01).astype(np.float32), "W1")
W2 = nh.from_array((rng.standard_normal((1000, 100)) * 0.01).astype(np.float32), "W2")
W3 = nh.from_array((rng.standard_normal((100, 2)) * 0.01).astype(np.float32), "W3")
nodes = [h.make_node("Concat", cols, ["x"], axis=1), h.make_node("MatMul", ["x", "W1"], ["h1"]), h.make_node("Relu", ["h1"], ["r1"]),
         h.make_node("MatMul", ["r1", "W2"], ["h2"]), h.make_node("Relu", ["h2"], ["r2"]), h.make_node("MatMul", ["r2", "W3"], ["z"]),
         h.make_node("Softmax", ["z"], ["probabilities"], axis=1)]
g = h.make_graph(nodes, "g", [h.make_tensor_value_info(c, T.FLOAT, ["N", 1]) for c in cols],
                 [h.make_tensor_value_info("probabilities", T.FLOAT, ["N", 2])], [W1, W2, W3])
m = h.make_model(g, opset_imports=[h.make_opsetid("", 17)]); m.ir_version = 8
onnx.save(m, data["dir"] + "/model.onnx")
W = nh.from_array(np.ones((1000, 2500), dtype=np.float32), "W")
other = h.make_graph([h.make_node("MatMul", ["x", "W"], ["y"])], "g", [h.make_tensor_value_info("x", T.FLOAT, ["N", 1000])],
                     [h.make_tensor_value_info("y", T.FLOAT, ["N", 2500])], [W])
o = h.make_model(other, opset_imports=[h.make_opsetid("", 17)]); o.ir_version = 8
onnx.save(o, data["dir"] + "/other.onnx")
emit(int(sum(np.prod(t.dims) for t in m.graph.initializer)) * 4)
`;

let dir: string;
let weightsBytes: number;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-operational-memory-"));
  weightsBytes = python<number>(MAKE, { dir });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the peak memory of a real session", () => {
  it("is at least the weights the session holds, even after another session was released in the evaluating process", async () => {
    // Another model's session (10 MB of weights) opened, run and released twice: the allocator keeps the memory for reuse.
    const ort = await loadOnnxRuntime();
    for (let i = 0; i < 2; i++) {
      const other = await ort.InferenceSession.create(join(dir, "other.onnx"));
      await other.run({ x: new ort.Tensor("float32", new Float32Array(64 * 1000), [64, 1000]) });
      await other.release();
    }
    // And the data streamed through typed arrays (their stores come from malloc), now garbage and collected.
    const garbage = (): number => Array.from({ length: 1000 }, () => new Float64Array(8192).fill(1)).length;
    assert.equal(garbage(), 1000);
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
    const model = await loadModel({ path: join(dir, "model.onnx"), task: "binary" });
    try {
      const rows = 256;
      const columns = new Map(["a", "b", "c"].map((name) => [name, Array.from({ length: rows }, (_, i) => (i % 17) / 17)]));
      await model.predict({ columns, rows });
      const measured = await measureOperational(await onnxSubject(model, columns, [1, 64]), undefined, {
        batches: [1, 64],
        rounds: 2,
        calls: 5,
        warmup: 3,
        maxSeconds: 1e9,
        resamples: 100,
        confidence: 0.95,
        seed: 1,
        probe: PROCESS_PROBE,
      });
      assert.deepEqual(measured.notes, [], "measured in a process of its own");
      assert.ok(
        measured.challenger.peakMemoryMb * 1e6 >= weightsBytes,
        `peakMemoryMb = ${measured.challenger.peakMemoryMb} MB, below the ${weightsBytes / 1e6} MB of weights the session holds`,
      );
    } finally {
      await model.release();
    }
  });
});
