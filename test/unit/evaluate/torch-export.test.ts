/**
 * Models as PyTorch users export them: `torch.onnx.export` (Debian's python3-torch) of a Linear
 * layer with fixed weights, ending in a softmax, or in raw logits [N, 2], [N, 3], [N, 1] and [N],
 * with torch's default output names ("3", "5") and a fixed batch as well as named, dynamic ones.
 * `evaluate.outputs.score_kind: logit` alone must read the logits (softmax over C columns, sigmoid
 * of one); the expected probabilities are scipy's softmax/expit of numpy's X·Wᵀ + b on the same
 * rows, never our own output. Without score_kind the logits are refused with a fix that works.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import type { RawValue } from "../../../src/data/readers/table.ts";
import { loadModel, type LoadedModel } from "../../../src/evaluate/onnx-model.ts";
import { python } from "../../support/python.ts";
import { requireTorch, torchSkip } from "../../support/torch.ts";

/** Exports the models into sys.argv[1]; prints scipy's probabilities for data["x"]. */
const EXPORT = String.raw`
import os, warnings
import numpy as np
import torch
from scipy.special import expit, softmax
warnings.filterwarnings("ignore")
out = sys.argv[1]
W2, b2 = [[0.8, -0.5], [-0.3, 0.9]], [0.1, -0.2]
W3, b3 = [[0.5, 0.25], [-1.0, 0.75], [0.2, -0.6]], [0.0, 0.3, -0.1]
W1, b1 = [[1.5, -2.0]], [0.25]

class Net(torch.nn.Module):
    def __init__(self, W, b, head):
        super().__init__()
        self.linear = torch.nn.Linear(len(W[0]), len(W))
        with torch.no_grad():
            self.linear.weight.copy_(torch.tensor(W))
            self.linear.bias.copy_(torch.tensor(b))
        self.head = head
    def forward(self, x):
        z = self.linear(x)
        if self.head == "softmax": return torch.softmax(z, dim=1)
        if self.head == "squeeze": return z.squeeze(1)
        return z

def export(name, net, named):
    net.eval()
    path = os.path.join(out, name + ".onnx")
    example = torch.zeros(4, 2)
    if named:  # as the tutorials do: named input and output, a dynamic batch
        torch.onnx.export(net, example, path, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    else:      # the bare call: torch names the output by number and fixes the batch at 4
        torch.onnx.export(net, example, path)

export("softmax2", Net(W2, b2, "softmax"), True)
export("logits2", Net(W2, b2, None), False)
export("logits2_named", Net(W2, b2, None), True)
export("logits3", Net(W3, b3, None), True)
export("logits1", Net(W1, b1, None), True)
export("logits0", Net(W1, b1, "squeeze"), False)

x = np.asarray(data["x"], dtype=np.float64)
z = lambda W, b: x @ np.asarray(W).T + np.asarray(b)
p1 = expit(z(W1, b1)[:, 0])
emit({
    "two": softmax(z(W2, b2), axis=1).flatten(),
    "three": softmax(z(W3, b3), axis=1).flatten(),
    "one": np.stack([1 - p1, p1], axis=1).flatten(),
})
`;

const X = [
  [0.5, 1.5],
  [-2, 0.25],
  [3, -1],
  [0, 0],
  [1.25, -0.75],
  [-0.4, 2.2],
  [4, 3],
];

interface Expected {
  two: number[];
  three: number[];
  one: number[];
}

const skip = torchSkip("the torch.onnx.export models");
let dir = "";
let expected: Expected;
const models: LoadedModel[] = [];

async function load(name: string, options: Omit<Parameters<typeof loadModel>[0], "path"> = {}): Promise<LoadedModel> {
  const model = await loadModel({ path: join(dir, `${name}.onnx`), features: ["a", "b"], ...options });
  models.push(model);
  return model;
}

/** The rows of X as columns a and b, at lines 2… of data/test.csv. */
function rows(): { columns: Map<string, RawValue[]>; rows: number; lines: number[]; file: string } {
  return {
    columns: new Map<string, RawValue[]>([
      ["a", X.map((row) => row[0]!)],
      ["b", X.map((row) => row[1]!)],
    ]),
    rows: X.length,
    lines: X.map((_, index) => index + 2),
    file: "data/test.csv",
  };
}

function assertClose(actual: ArrayLike<number> | undefined, wanted: number[], tolerance = 1e-6): void {
  assert.ok(actual !== undefined, "no probabilities");
  assert.equal(actual.length, wanted.length);
  for (let k = 0; k < wanted.length; k++) assert.ok(Math.abs(actual[k]! - wanted[k]!) <= tolerance, `[${k}]: ${actual[k]} vs ${wanted[k]}`);
}

async function rejectsUser(run: () => Promise<unknown>, ...patterns: RegExp[]): Promise<string> {
  let message = "";
  await assert.rejects(run, (error: unknown) => {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    message = error.message;
    return true;
  });
  return message;
}

describe("models exported with torch.onnx.export", { skip }, () => {
  before(async () => {
    requireTorch();
    dir = await mkdtemp(join(tmpdir(), "modelship-torch-export-"));
    expected = python<Expected>(EXPORT, { x: X }, { args: [dir] });
  });
  after(async () => {
    for (const model of models) await model.release();
    if (dir !== "") await rm(dir, { recursive: true, force: true });
  });

  test("a softmax head [N, 2] is read as probabilities, as before", async () => {
    const model = await load("softmax2");
    assert.deepEqual(model.outputs, { kind: "probabilities", probabilities: "output" });
    const prediction = await model.predict(rows());
    assert.equal(prediction.classes, 2);
    assertClose(prediction.probabilities, expected.two);
  });

  test("score_kind: logit alone reads logits [N, 2] through a softmax (torch's own output name, a fixed batch of 4)", async () => {
    const model = await load("logits2", { outputs: { scoreKind: "logit" } });
    assert.deepEqual(model.outputs, { kind: "probabilities", probabilities: "3", scoreKind: "logit" });
    const prediction = await model.predict(rows());
    assert.equal(prediction.classes, 2);
    assertClose(prediction.probabilities, expected.two);
    const named = await load("logits2_named", { outputs: { scoreKind: "logit" } });
    assertClose((await named.predict(rows())).probabilities, expected.two);
  });

  test("score_kind: logit alone reads logits [N, 3] through a softmax over the three columns", async () => {
    const model = await load("logits3", { outputs: { scoreKind: "logit" } });
    const prediction = await model.predict(rows());
    assert.equal(prediction.classes, 3);
    assertClose(prediction.probabilities, expected.three);
  });

  test("score_kind: logit alone reads a logit [N, 1] or [N] through a sigmoid, as the positive class's score", async () => {
    for (const name of ["logits1", "logits0"]) {
      const model = await load(name, { outputs: { scoreKind: "logit" } });
      assert.equal(model.outputs.kind, "score", name);
      assert.equal(model.outputs.scoreKind, "logit", name);
      const prediction = await model.predict(rows());
      assert.equal(prediction.classes, 2);
      assertClose(prediction.probabilities, expected.one);
    }
  });

  test("without score_kind, logits [N, 2] are refused at the first bad row with a fix that names score_kind: logit", async () => {
    const model = await load("logits2");
    const message = await rejectsUser(
      () => model.predict(rows()),
      /^data\/test\.csv:2: /,
      /output "3"/,
      /outside \[0, 1\]/,
      /Fix: .*evaluate\.outputs\.score_kind: logit in modelship\.yaml/,
    );
    assert.doesNotMatch(message, /\n\s+at /, "no stack trace");
  });

  test("without score_kind, a logit [N, 1] of a binary task is refused the same way", async () => {
    const model = await load("logits1", { task: "binary" });
    await rejectsUser(() => model.predict(rows()), /output "output"/, /outside \[0, 1\]/, /evaluate\.outputs\.score_kind: logit/);
  });

  test("score_kind: logit on a softmax head is refused when loading: a second softmax would give wrong scores", async () => {
    await rejectsUser(
      () => load("softmax2", { outputs: { scoreKind: "logit" } }),
      /softmax2\.onnx/,
      /"output" comes from a Softmax/,
      /remove evaluate\.outputs\.score_kind/,
    );
    await rejectsUser(() => load("softmax2", { outputs: { probabilities: "output", scoreKind: "logit" } }), /comes from a Softmax/);
  });

  test("a named probabilities output with score_kind: logit still works as before", async () => {
    const model = await load("logits2_named", { outputs: { probabilities: "output", scoreKind: "logit" } });
    assert.deepEqual(model.outputs, { kind: "probabilities", probabilities: "output", scoreKind: "logit" });
    assertClose((await model.predict(rows())).probabilities, expected.two);
  });
});
