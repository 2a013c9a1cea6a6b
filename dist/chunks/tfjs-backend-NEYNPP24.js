import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import "./chunk-333R3S4T.js";

// src/train/tfjs-backend.ts
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
var loaded;
async function load() {
  for (const nodeSpecifier of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
    try {
      const tf2 = await import(nodeSpecifier);
      await tf2.ready();
      return { tf: tf2, backend: tf2.getBackend(), package: nodeSpecifier };
    } catch {
    }
  }
  const tf = await import("@tensorflow/tfjs");
  tf.env().set("PROD", true);
  if (await useWasm(tf)) return { tf, backend: "wasm", package: "@tensorflow/tfjs-backend-wasm" };
  await tf.setBackend("cpu");
  await tf.ready();
  return { tf, backend: tf.getBackend(), package: "@tensorflow/tfjs" };
}
async function useWasm(tf) {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const packageJson = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json");
    wasm.setWasmPaths(`${join(dirname(packageJson), "dist")}${sep}`);
    if (!await tf.setBackend("wasm")) return false;
    await tf.ready();
    return tf.getBackend() === "wasm";
  } catch {
    return false;
  }
}
function loadTf() {
  loaded ??= load();
  return loaded;
}
function forwardLogits(tf, params, x, dropoutMasks) {
  let h = x;
  for (const [l, kernel] of params.kernels.entries()) {
    h = tf.add(tf.matMul(h, kernel), params.biases[l]);
    const activation = params.activations[l];
    if (activation === "relu") h = tf.relu(h);
    else if (activation === "tanh") h = tf.tanh(h);
    const mask = dropoutMasks?.[l];
    if (mask) h = tf.mul(h, mask);
  }
  return h;
}
function outputOf(tf, logits, activation) {
  if (activation === "sigmoid") return tf.sigmoid(logits);
  if (activation === "softmax") return tf.softmax(logits);
  return logits;
}
function predictWithTf(tf, model, x) {
  return tf.tidy(() => {
    const params = {
      kernels: model.layers.map((layer) => tf.tensor2d(layer.weights, [layer.inputs, layer.units])),
      biases: model.layers.map((layer) => tf.tensor1d(layer.bias)),
      activations: model.layers.map((layer) => layer.activation)
    };
    const inputs = model.layers[0].inputs;
    const logits = forwardLogits(tf, params, tf.tensor2d(x, [x.length / inputs, inputs]));
    return outputOf(tf, logits, model.layers.at(-1).activation).dataSync();
  });
}
function gatherRows(source, width, rows) {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(source.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return out;
}
function targetRows(y, rows, classes) {
  const width = classes ?? 1;
  const values = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const value = y[rows[i]];
    if (classes === void 0) values[i] = value;
    else values[i * width + value] = 1;
  }
  return { values, width };
}
function countCorrect(tf, task, logits, labels) {
  return tf.tidy(() => {
    const predicted = task === "binary" ? tf.greater(logits, 0).reshape([-1]) : tf.argMax(logits, 1);
    const truth = task === "binary" ? tf.greater(labels, 0.5).reshape([-1]) : tf.argMax(labels, 1);
    return tf.sum(tf.cast(tf.equal(predicted, truth), "int32")).dataSync()[0];
  });
}
async function tfjsEngine(setup) {
  const { tf, backend, package: packageName } = await loadTf();
  const { shapes, data, trainRows, validRows } = setup;
  const oneHot = data.task === "multiclass" ? data.classes.length : void 0;
  const kernels = shapes.map(
    (shape, l) => tf.variable(tf.tensor2d(setup.initialWeights[l], [shape.inputs, shape.units]), true, `dense_${l}/kernel`)
  );
  const biases = shapes.map((shape, l) => tf.variable(tf.zeros([shape.units]), true, `dense_${l}/bias`));
  const params = { kernels, biases, activations: shapes.map((shape) => shape.activation) };
  const optimizer = tf.train.adam(setup.learningRate);
  const hidden = shapes.slice(0, -1);
  const maskWidth = hidden.reduce((sum, shape) => sum + shape.units, 0);
  const masks = new Float32Array(Math.max(1, setup.batchSize * maskWidth));
  const lossOf = (logits, labels) => {
    if (data.task === "binary") return tf.losses.sigmoidCrossEntropy(labels, logits);
    if (data.task === "multiclass") return tf.losses.softmaxCrossEntropy(labels, logits);
    return tf.losses.meanSquaredError(labels, logits);
  };
  return {
    name: backend,
    package: packageName,
    masks,
    trainRows,
    step(offset, length, masked) {
      const rows = trainRows.subarray(offset, offset + length);
      let logits;
      let labels;
      const cost = tf.tidy(() => {
        const xb = tf.tensor2d(gatherRows(data.x, data.width, rows), [length, data.width]);
        const target = targetRows(data.y, rows, oneHot);
        const yb = tf.keep(tf.tensor2d(target.values, [length, target.width]));
        labels = yb;
        let at = 0;
        const layerMasks = masked ? hidden.map((shape) => {
          const mask = new Float32Array(length * shape.units);
          for (let i = 0; i < length; i++)
            mask.set(masks.subarray(i * maskWidth + at, i * maskWidth + at + shape.units), i * shape.units);
          at += shape.units;
          return tf.tensor2d(mask, [length, shape.units]);
        }) : void 0;
        return optimizer.minimize(
          () => {
            logits = tf.keep(forwardLogits(tf, params, xb, layerMasks));
            return lossOf(logits, yb);
          },
          true,
          [...kernels, ...biases]
        );
      });
      const loss = cost.dataSync()[0] * length;
      cost.dispose();
      const correct = data.task === "regression" ? 0 : countCorrect(tf, data.task, logits, labels);
      logits?.dispose();
      labels?.dispose();
      return Promise.resolve({ loss, correct });
    },
    evaluate(dataset, rowset, length) {
      const source = dataset === 0 ? data : setup.validData;
      const rows = (rowset === 0 ? trainRows : validRows).subarray(0, length);
      return Promise.resolve(
        tf.tidy(() => {
          const target = targetRows(source.y, rows, oneHot);
          const labels = tf.tensor2d(target.values, [length, target.width]);
          const logits = forwardLogits(tf, params, tf.tensor2d(gatherRows(source.x, source.width, rows), [length, source.width]));
          const loss = lossOf(logits, labels).dataSync()[0] * length;
          return { loss, correct: data.task === "regression" ? 0 : countCorrect(tf, data.task, logits, labels) };
        })
      );
    },
    snapshot: () => ({
      // A variable's data is row-major in its shape [inputs, units], exactly DenseLayer's layout.
      weights: kernels.map((kernel) => kernel.dataSync().slice()),
      biases: biases.map((bias) => bias.dataSync().slice())
    }),
    close() {
      optimizer.dispose();
      for (const variable of [...kernels, ...biases]) variable.dispose();
      return Promise.resolve();
    }
  };
}
export {
  loadTf,
  predictWithTf,
  tfjsEngine
};
