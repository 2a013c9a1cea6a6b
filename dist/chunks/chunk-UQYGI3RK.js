import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  emptyModelProblem,
  onnxLoadProblem
} from "./chunk-7MP7WTZ3.js";
import {
  findClassLabels,
  producerOp,
  readOnnxGraph
} from "./chunk-H7ABQTTS.js";
import {
  loadOnnxRuntime
} from "./chunk-DBOFCCL4.js";
import {
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/evaluate/onnx-metadata.ts
var EXPORT_HINT = "export the model with skl2onnx, torch.onnx.export or tf2onnx (opset \u2264 21) and check it with onnx.checker.check_model";
function shapeText(meta) {
  return meta.shape && meta.shape.length > 0 ? `[${meta.shape.map((d) => typeof d === "number" && d < 0 ? "?" : String(d)).join(", ")}]` : "[?]";
}

// src/evaluate/onnx-input-binding.ts
var ELEM_TYPES = ["float32", "float64", "int64", "int32", "string", "bool"];
function checkColumns(model, header, file) {
  const present = new Set(header);
  const missing = model.requiredColumns.filter((column) => !present.has(column));
  if (missing.length > 0) throw missingColumnsError(model, missing, file);
}
function missingColumnsError(model, missing, file) {
  const inputs = model.inputs.map(
    (input) => input.kind === "tensor" ? `${input.name} [N, ${input.columns.length}] from ${input.columns.join(", ")}` : `${input.name} (${input.elemType})`
  );
  const tensorInput = model.inputs.some((input) => input.kind === "tensor");
  return new UserError(
    `the data has no column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c}"`).join(", ")}, which the model ${model.path} needs (its inputs: ${inputs.join("; ")})`,
    {
      file,
      hint: tensorInput ? "add the columns to the data, or set evaluate.features (--feature, the features input) to columns the data has" : "add the columns to the data: the model takes one input per column, named like the column"
    }
  );
}
function bindInputs(inputs, features, path) {
  if (inputs.length === 0) throw new UserError("the model has no inputs", { file: path, hint: EXPORT_HINT });
  for (const input of inputs) {
    if (!input.isTensor)
      throw new UserError(`input "${input.name}" is not a tensor (a sequence or map); modelship feeds tabular columns as tensors`, {
        file: path,
        hint: EXPORT_HINT
      });
    if (!ELEM_TYPES.includes(input.type ?? "")) {
      throw new UserError(
        `input "${input.name}" has element type ${input.type ?? "unknown"}; modelship feeds float32, float64, int64, int32, string or bool`,
        { file: path, hint: "cast the input in the exported graph to float32 (or int64/string)" }
      );
    }
    const rank = input.shape?.length ?? 0;
    if (rank > 2)
      throw new UserError(
        `input "${input.name}" has shape ${shapeText(input)}; modelship evaluates tabular models whose inputs are [N, F], [N, 1] or [N]`,
        { file: path, hint: "export a model that takes a [N, F] feature matrix or one [N, 1] input per column" }
      );
  }
  const only = inputs.length === 1 ? inputs[0] : void 0;
  const lastDim = only?.shape && only.shape.length === 2 ? only.shape[1] : void 0;
  const wide = lastDim !== void 0 && (typeof lastDim === "string" || lastDim < 0 || lastDim > 1);
  if (only && (wide || features !== void 0 && features.length > 0)) {
    const width = typeof lastDim === "number" && lastDim > 0 ? lastDim : only.shape?.length === 1 ? 1 : void 0;
    if (features === void 0 || features.length === 0) {
      throw new UserError(
        `the model takes one input "${only.name}" of shape ${shapeText(only)} (${width ?? "a variable number of"} features per row), and no feature columns are set to fill it`,
        {
          file: path,
          hint: `set evaluate.features (--feature, the features input) to the ${width ?? ""} column names, in the order the model was trained on`.replace(
            "  ",
            " "
          )
        }
      );
    }
    if (width !== void 0 && width !== features.length) {
      throw new UserError(
        `the model's input "${only.name}" takes ${width} features per row (shape ${shapeText(only)}), but ${features.length} feature column${features.length === 1 ? " is" : "s are"} set (${features.join(", ")})`,
        {
          file: path,
          hint: `set evaluate.features (--feature, the features input) to exactly ${width} column names, in the order the model was trained on`
        }
      );
    }
    const duplicate = features.find((feature, index) => features.indexOf(feature) !== index);
    if (duplicate !== void 0)
      throw new UserError(`feature column "${duplicate}" is listed twice`, {
        file: path,
        hint: "list each feature column once in evaluate.features (--feature, the features input)"
      });
    const shape = only.shape?.length === 1 ? "N" : features.length === 1 ? "N,1" : "N,F";
    return [{ name: only.name, kind: "tensor", columns: [...features], elemType: only.type, shape }];
  }
  return inputs.map((input) => {
    const shape = input.shape ?? [];
    if (shape.length === 2) {
      const last = shape[1];
      if (typeof last === "number" && last > 1) {
        throw new UserError(
          `input "${input.name}" takes ${last} values per row (shape ${shapeText(input)}); with several inputs, modelship feeds one column per input ([N] or [N, 1])`,
          {
            file: path,
            hint: "export the model with one [N, 1] input per column, or with a single [N, F] input fed from evaluate.features"
          }
        );
      }
    }
    return {
      name: input.name,
      kind: "column",
      columns: [input.name],
      elemType: input.type,
      shape: shape.length === 1 ? "N" : "N,1"
    };
  });
}

// src/evaluate/onnx-model.ts
import { readFile } from "node:fs/promises";

// src/evaluate/predict-batch.ts
function valueError(problem, batch, row, hint) {
  const line = batch.lines?.[row];
  const where = batch.file !== void 0 && line !== void 0 ? "" : line !== void 0 ? ` (row at line ${line})` : ` (row ${row + 1} of the batch)`;
  return new UserError(`${problem}${where}`, { file: batch.file, line, hint });
}

// src/evaluate/onnx-input-feeds.ts
function shown(value) {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}\u2026` : text);
}
var NAN_TEXT = /^\s*[+-]?nan\s*$/i;
var INF_TEXT = /^\s*([+-]?)inf(inity)?\s*$/i;
var INT_TEXT = /^\s*[+-]?\d+\s*$/;
function toFloat(value, column, batch, row, elemType) {
  if (value === null) return Number.NaN;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  if (value.trim() === "") return Number.NaN;
  const number = Number(value);
  if (!Number.isNaN(number)) return number;
  if (NAN_TEXT.test(value)) return Number.NaN;
  const inf = INF_TEXT.exec(value);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not a number, but the model's input takes ${elemType}`,
    batch,
    row,
    "fix the value, or leave the cell empty so it is read as missing (NaN)"
  );
}
function toInteger(value, column, batch, row, elemType) {
  if (value === null) {
    throw valueError(
      `column "${column}" is missing a value, and the model's input takes ${elemType}, which cannot hold a missing value`,
      batch,
      row,
      "fill the missing values in the data, or export the model with a float input and an imputer"
    );
  }
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "string" && INT_TEXT.test(value)) return BigInt(value.trim());
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (Number.isInteger(number)) return BigInt(number);
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not an integer, but the model's input takes ${elemType}`,
    batch,
    row,
    "fix the value in the data, or export the model with a float input"
  );
}
function toBool(value, column, batch, row) {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value !== 0 ? 1 : 0;
  if (typeof value === "bigint") return value !== 0n ? 1 : 0;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true" || text === "1" || text === "yes") return 1;
    if (text === "false" || text === "0" || text === "no") return 0;
  }
  if (value === null)
    throw valueError(
      `column "${column}" is missing a value, and the model's input takes bool, which cannot hold a missing value`,
      batch,
      row,
      "fill the missing values in the data"
    );
  throw valueError(
    `column "${column}" has ${shown(value)}, which is not true or false, but the model's input takes bool`,
    batch,
    row,
    "fix the value in the data"
  );
}
function toText(value) {
  if (typeof value === "string") return value;
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
function buildFeeds(ort, inputs, batch, start, count, size) {
  const feeds = {};
  for (const input of inputs) {
    const width = input.columns.length;
    const total = size * width;
    const dims = input.shape === "N" ? [size] : [size, width];
    let data;
    switch (input.elemType) {
      case "float32":
        data = new Float32Array(total);
        break;
      case "float64":
        data = new Float64Array(total);
        break;
      case "int64":
        data = new BigInt64Array(total);
        break;
      case "int32":
        data = new Int32Array(total);
        break;
      case "bool":
        data = new Uint8Array(total);
        break;
      case "string":
        data = new Array(total).fill("");
        break;
    }
    for (let f = 0; f < width; f++) {
      const column = input.columns[f];
      const values = batch.columns.get(column);
      if (values.length < start + count)
        throw new Error(`column "${column}" has ${values.length} values for a batch of ${batch.rows} rows`);
      fillColumn(data, values, column, input.elemType, batch, start, count, f, width);
      for (let r = count; r < size; r++) data[r * width + f] = data[(count - 1) * width + f];
    }
    feeds[input.name] = input.elemType === "string" ? new ort.Tensor("string", data, dims) : new ort.Tensor(input.elemType, data, dims);
  }
  return feeds;
}
function fillColumn(data, values, column, elemType, batch, start, count, f, width) {
  if (elemType === "float32" || elemType === "float64") {
    const out = data;
    for (let r = 0; r < count; r++) {
      const value = values[start + r];
      out[r * width + f] = typeof value === "number" ? value : toFloat(value, column, batch, start + r, elemType);
    }
  } else if (elemType === "int64") {
    const out = data;
    for (let r = 0; r < count; r++)
      out[r * width + f] = BigInt.asIntN(64, toInteger(values[start + r], column, batch, start + r, elemType));
  } else if (elemType === "int32") {
    const out = data;
    for (let r = 0; r < count; r++) {
      const value = toInteger(values[start + r], column, batch, start + r, elemType);
      if (value < -2147483648n || value > 2147483647n)
        throw valueError(
          `column "${column}" has ${value}, which does not fit the model's int32 input`,
          batch,
          start + r,
          "fix the value in the data"
        );
      out[r * width + f] = Number(value);
    }
  } else if (elemType === "bool") {
    const out = data;
    for (let r = 0; r < count; r++) out[r * width + f] = toBool(values[start + r], column, batch, start + r);
  } else {
    const out = data;
    for (let r = 0; r < count; r++) out[r * width + f] = toText(values[start + r]);
  }
}

// src/evaluate/onnx-output-reading.ts
var PROBABILITY_TOLERANCE = 1e-6;
var ROW_SUM_TOLERANCE = 1e-3;
function emptyPrediction(outputs) {
  const prediction = {};
  if (outputs.label) prediction.labels = [];
  if (outputs.probabilities ?? outputs.score) {
    prediction.probabilities = new Float64Array(0);
  }
  if (outputs.value) prediction.values = new Float64Array(0);
  return prediction;
}
function gatherNumbers(name, parts, counts, rows) {
  let width = -1;
  let data = new Float64Array(0);
  let offset = 0;
  parts.forEach((part, index) => {
    const tensor = part[name];
    const count = counts[index];
    const source = tensor.data;
    const size = tensor.dims[0] ?? 0;
    const partWidth = size > 0 ? source.length / size : 0;
    if (!Number.isInteger(partWidth) || size < count || width !== -1 && partWidth !== width)
      throw new Error(`output "${name}" has ${source.length} values with shape [${tensor.dims.join(", ")}] for ${count} rows`);
    if (width === -1) {
      width = partWidth;
      data = new Float64Array(rows * width);
    }
    const n = count * width;
    if (typeof source[0] === "bigint") for (let k = 0; k < n; k++) data[offset + k] = Number(source[k]);
    else if (source instanceof Float32Array || source instanceof Float64Array) data.set(source.subarray(0, n), offset);
    else for (let k = 0; k < n; k++) data[offset + k] = Number(source[k]);
    offset += n;
  });
  return { data, width };
}
function gatherLabels(name, parts, counts) {
  const labels = [];
  parts.forEach((part, index) => {
    const tensor = part[name];
    const count = counts[index];
    const source = tensor.data;
    if (source.length < count) throw new Error(`output "${name}" has ${source.length} labels for ${count} rows`);
    for (let k = 0; k < count; k++) labels.push(String(source[k]));
  });
  return labels;
}
function checkFinite(name, data, width, batch) {
  let first = -1;
  let bad = 0;
  for (let r = 0; r < batch.rows; r++) {
    for (let c = 0; c < width; c++) {
      if (!Number.isFinite(data[r * width + c])) {
        if (first === -1) first = r;
        bad++;
        break;
      }
    }
  }
  if (bad > 0) {
    const value = data.subarray(first * width, first * width + width).find((v) => !Number.isFinite(v));
    throw valueError(
      `the model's output "${name}" is ${String(value)} for this row (${bad} of ${batch.rows} rows in the batch are not finite numbers)`,
      batch,
      first,
      "check the input values of that row (e.g. a value outside the range the model was trained on, or a missing value the model does not impute) and the model's export"
    );
  }
}
function readPrediction(outputs, parts, counts, batch) {
  const rows = batch.rows;
  const prediction = {};
  if (outputs.label) prediction.labels = gatherLabels(outputs.label, parts, counts);
  if (outputs.value) {
    const { data, width } = gatherNumbers(outputs.value, parts, counts, rows);
    if (width !== 1)
      throw new UserError(`the model's output "${outputs.value}" has ${width} values per row; a regression value is one number per row`, {
        file: batch.file,
        hint: "set evaluate.outputs.value to an output of shape [N] or [N, 1]"
      });
    checkFinite(outputs.value, data, 1, batch);
    prediction.values = data;
  }
  const probabilityName = outputs.probabilities ?? outputs.score;
  if (probabilityName) {
    const { data, width } = gatherNumbers(probabilityName, parts, counts, rows);
    checkFinite(probabilityName, data, width, batch);
    const logit = outputs.scoreKind === "logit";
    if (width === 1) {
      const expanded = new Float64Array(rows * 2);
      for (let r = 0; r < rows; r++) {
        let p = data[r];
        if (logit) p = 1 / (1 + Math.exp(-p));
        else if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw outOfRange(probabilityName, p, batch, r);
        p = Math.min(1, Math.max(0, p));
        expanded[2 * r] = 1 - p;
        expanded[2 * r + 1] = p;
      }
      prediction.probabilities = expanded;
      prediction.classes = 2;
    } else {
      if (logit) softmaxRows(data, width, rows);
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        for (let c = 0; c < width; c++) {
          const i = r * width + c;
          const p = data[i];
          if (p < -PROBABILITY_TOLERANCE || p > 1 + PROBABILITY_TOLERANCE) throw outOfRange(probabilityName, p, batch, r);
          data[i] = Math.min(1, Math.max(0, p));
          sum += p;
        }
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          throw valueError(
            `the model's output "${probabilityName}" sums to ${sum} across the ${width} classes for this row, not 1, so it is not a probability distribution`,
            batch,
            r,
            `if the output holds logits (a PyTorch classifier's last Linear layer, say), set evaluate.outputs.score_kind: logit in modelship.yaml and a softmax over the ${width} columns is applied; otherwise end the exported graph with a Softmax`
          );
        }
      }
      prediction.probabilities = data;
      prediction.classes = width;
    }
  }
  return prediction;
}
function outOfRange(name, value, batch, row) {
  return valueError(
    `the model's output "${name}" is ${value} for this row, outside [0, 1], so it is not a probability`,
    batch,
    row,
    "if the output holds logits (raw scores before the sigmoid/softmax), set evaluate.outputs.score_kind: logit in modelship.yaml (a sigmoid is applied to one column, a softmax across several); otherwise end the exported graph with a Sigmoid or Softmax"
  );
}
function softmaxRows(data, width, rows) {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let max = -Infinity;
    for (let c = 0; c < width; c++) max = Math.max(max, data[base + c]);
    let total = 0;
    for (let c = 0; c < width; c++) {
      const e = Math.exp(data[base + c] - max);
      data[base + c] = e;
      total += e;
    }
    for (let c = 0; c < width; c++) data[base + c] = data[base + c] / total;
  }
}

// src/evaluate/onnx-output-selection.ts
var FLOAT_TYPES = ["float32", "float64"];
var LABEL_TYPES = ["string", "int64", "int32"];
function outputWidth(meta) {
  const shape = meta.shape;
  if (shape === void 0 || shape.length === 0) return void 0;
  if (shape.length === 1) return 1;
  if (shape.length !== 2) return 0;
  const last = shape[1];
  return typeof last === "number" && last > 0 ? last : void 0;
}
function isProbabilityProducer(graph, name) {
  const op = producerOp(graph, name);
  return op === "Sigmoid" || op === "Softmax";
}
function zipMapError(name, path) {
  return new UserError(
    `output "${name}" is a ZipMap (sequence of maps); export with zipmap=False (skl2onnx: options={id(model): {'zipmap': False}})`,
    {
      file: path,
      hint: "re-export so the probabilities are a [N, C] tensor: skl2onnx.to_onnx(model, X, options={id(model): {'zipmap': False}})"
    }
  );
}
function outputList(outputs) {
  return outputs.map((o) => `${o.name} (${o.isTensor ? `${o.type ?? "?"} ${shapeText(o)}` : "non-tensor"})`).join(", ");
}
function scoreKindOf(graph, name) {
  if (graph && isProbabilityProducer(graph, name)) return "probability";
  if (/logit/i.test(name)) return "logit";
  return "probability";
}
function checkLogitKind(graph, name, path) {
  const op = graph ? producerOp(graph, name) : void 0;
  if (op !== "Sigmoid" && op !== "Softmax") return;
  throw new UserError(
    `evaluate.outputs.score_kind is logit, but the model's output "${name}" comes from a ${op}, so it already holds probabilities`,
    {
      file: path,
      hint: "remove evaluate.outputs.score_kind from modelship.yaml (or set it to probability) for this model"
    }
  );
}
function recogniseOutputs(outputs, options, graph, path) {
  const byName = new Map(outputs.map((output) => [output.name, output]));
  const selection = options.outputs ?? {};
  const task = options.task;
  const chosen = [selection.label, selection.probabilities, selection.score, selection.value].filter((name) => name !== void 0);
  if (chosen.length > 0) {
    for (const name of chosen) {
      const meta = byName.get(name);
      if (meta === void 0)
        throw new UserError(`the model has no output "${name}" (its outputs: ${outputList(outputs)})`, {
          file: path,
          hint: "set evaluate.outputs to names of the model's outputs"
        });
      if (!meta.isTensor) throw zipMapError(name, path);
    }
    const recognised = { kind: "value" };
    if (selection.label !== void 0) recognised.label = selection.label;
    if (selection.probabilities !== void 0) {
      recognised.probabilities = selection.probabilities;
      if (selection.scoreKind === "logit") {
        checkLogitKind(graph, selection.probabilities, path);
        recognised.scoreKind = "logit";
      }
    }
    if (selection.score !== void 0) {
      recognised.score = selection.score;
      if (selection.scoreKind === "logit") checkLogitKind(graph, selection.score, path);
      recognised.scoreKind = selection.scoreKind ?? scoreKindOf(graph, selection.score);
    }
    if (selection.value !== void 0) recognised.value = selection.value;
    recognised.kind = recognised.probabilities !== void 0 ? recognised.label !== void 0 ? "label+probabilities" : "probabilities" : recognised.score !== void 0 ? "score" : recognised.value !== void 0 ? "value" : "label";
    return recognised;
  }
  const tensors = outputs.filter((output) => output.isTensor);
  const zipMaps = outputs.filter((output) => !output.isTensor);
  const floats = tensors.filter((output) => FLOAT_TYPES.includes(output.type ?? ""));
  const wide = floats.filter((output) => {
    const width = outputWidth(output);
    return width !== void 0 && width >= 2 || width === void 0 && output.shape?.length === 2;
  });
  const narrow = floats.filter((output) => outputWidth(output) === 1 || outputWidth(output) === void 0 && output.shape?.length !== 2);
  const ambiguous = (what, names, key) => new UserError(`the model has several outputs that could be the ${what} (${names.map((o) => o.name).join(", ")})`, {
    file: path,
    hint: `set evaluate.outputs.${key} to the one to use (the model's outputs: ${outputList(outputs)})`
  });
  const pick = (candidates, preferred, what, key) => {
    if (candidates.length <= 1) return candidates[0];
    for (const pattern of preferred) {
      const matches = candidates.filter((c) => pattern.test(c.name));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) throw ambiguous(what, matches, key);
    }
    throw ambiguous(what, candidates, key);
  };
  const labels = tensors.filter((output) => LABEL_TYPES.includes(output.type ?? ""));
  const namedLabels = labels.filter((output) => /label/i.test(output.name));
  const label = namedLabels.length > 0 ? pick(namedLabels, [/^(output_)?label$/i], "label", "label") : labels.filter((o) => o.type === "string").length === 1 ? labels.find((o) => o.type === "string") : void 0;
  if (task === "regression") {
    const value = pick(
      narrow,
      [/^variable$/i, /^(value|prediction|predictions|output|y)$/i, /variable|value|predict/i],
      "regression value",
      "value"
    );
    if (value === void 0) {
      throw new UserError(
        `the task is regression, but the model has no output with one number per row (its outputs: ${outputList(outputs)})`,
        { file: path, hint: "set evaluate.outputs.value to the output that holds the prediction, or check the task" }
      );
    }
    return { kind: "value", value: value.name };
  }
  const probabilities = pick(wide, [/^(probabilities|output_probability)$/i, /prob/i], "probabilities", "probabilities");
  if (probabilities) {
    const recognised = { kind: label ? "label+probabilities" : "probabilities", probabilities: probabilities.name };
    if (label) recognised.label = label.name;
    if (selection.scoreKind === "logit") checkLogitKind(graph, probabilities.name, path);
    const logit = selection.scoreKind === void 0 ? /logit/i.test(probabilities.name) && !(graph && isProbabilityProducer(graph, probabilities.name)) : selection.scoreKind === "logit";
    if (logit) recognised.scoreKind = "logit";
    return recognised;
  }
  if (zipMaps.length > 0) throw zipMapError(zipMaps[0].name, path);
  const scoreLike = narrow.filter(
    (output) => /prob|logit|score/i.test(output.name) || graph !== void 0 && isProbabilityProducer(graph, output.name)
  );
  if (task !== void 0 || label !== void 0 || scoreLike.length > 0 || selection.scoreKind !== void 0) {
    const score = pick(scoreLike.length > 0 ? scoreLike : narrow, [/prob/i, /logit/i, /score/i], "score", "score");
    if (score) {
      if (selection.scoreKind === "logit") checkLogitKind(graph, score.name, path);
      const recognised = {
        kind: "score",
        score: score.name,
        scoreKind: selection.scoreKind ?? scoreKindOf(graph, score.name)
      };
      if (label) recognised.label = label.name;
      return recognised;
    }
    if (label) return { kind: "label", label: label.name };
  } else {
    const value = pick(narrow, [/^variable$/i, /^(value|prediction|predictions|output|y)$/i], "regression value", "value");
    if (value) return { kind: "value", value: value.name };
  }
  throw new UserError(`cannot tell which of the model's outputs are the predictions (its outputs: ${outputList(outputs)})`, {
    file: path,
    hint: "set evaluate.outputs (label, probabilities, score or value) to the model's output names"
  });
}
function checkedClassLabels(labels, outputs, meta) {
  if (labels === void 0 || outputs.kind === "value") return void 0;
  const probabilities = meta.find((m) => m.name === (outputs.probabilities ?? outputs.score));
  const width = probabilities ? outputWidth(probabilities) : void 0;
  const classes = outputs.kind === "score" || width === 1 ? 2 : width;
  return classes === void 0 || classes === labels.length ? labels : void 0;
}

// src/evaluate/onnx-model.ts
async function loadModel(options) {
  const { path } = options;
  const champion = options.role === "champion";
  const setting = options.setting ?? (champion ? "the champion's path" : "the model path (evaluate.model)");
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new UserError(champion ? "the champion's model file not found" : "model file not found", {
        file: path,
        hint: `check the path given to ${setting}`
      });
    if (code === "EISDIR")
      throw new UserError(`is a folder, not ${champion ? "the champion's model file" : "a model file"}`, {
        file: path,
        hint: `point ${setting} to the .onnx file itself`
      });
    throw new UserError(`cannot read the model: ${error instanceof Error ? error.message : String(error)}`, { file: path, cause: error });
  }
  const sha256 = sha256Of(bytes);
  const empty = emptyModelProblem(bytes.length);
  if (empty !== void 0) throw new UserError(champion ? `${empty} (the champion)` : empty, { file: path, hint: EXPORT_HINT });
  const ort = await loadOnnxRuntime();
  const sessionOptions = {};
  if (options.threads !== void 0) sessionOptions.intraOpNumThreads = options.threads;
  let session;
  try {
    session = await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    throw new UserError(`is not an ONNX model onnxruntime can load${champion ? " (the champion)" : ""}: ${onnxLoadProblem(error)}`, {
      file: path,
      hint: EXPORT_HINT
    });
  }
  try {
    const inputMeta = session.inputMetadata;
    const outputMeta = session.outputMetadata;
    let graph;
    try {
      graph = readOnnxGraph(bytes);
    } catch {
      graph = void 0;
    }
    const inputs = bindInputs(inputMeta, options.features, path);
    const outputs = recogniseOutputs(outputMeta, options, graph, path);
    const classLabels = graph ? checkedClassLabels(findClassLabels(graph), outputs, outputMeta) : void 0;
    const requiredColumns = [...new Set(inputs.flatMap((input) => input.columns))];
    const signature = { inputs: inputMeta.map(describe), outputs: outputMeta.map(describe) };
    const fixedBatch = fixedBatchSize(inputMeta);
    const fetches = [outputs.label, outputs.probabilities, outputs.score, outputs.value].filter(
      (name) => name !== void 0
    );
    let released = false;
    const model = {
      path,
      sha256,
      bytes: bytes.length,
      inputs,
      requiredColumns,
      outputs,
      signature,
      fetches,
      ...fixedBatch === void 0 ? {} : { fixedBatch },
      parameters: graph?.parameters ?? null,
      externalData: graph?.externalData ?? [],
      ...options.threads === void 0 ? {} : { threads: options.threads },
      async predict(batch) {
        if (released) throw new Error("predict() after release()");
        const missing = requiredColumns.filter((column) => !batch.columns.has(column));
        if (missing.length > 0) throw missingColumnsError(model, missing, batch.file ?? path);
        if (batch.rows === 0) return emptyPrediction(outputs);
        const chunk = fixedBatch ?? batch.rows;
        const parts = [];
        const counts = [];
        for (let start = 0; start < batch.rows; start += chunk) {
          const count = Math.min(chunk, batch.rows - start);
          const feeds = buildFeeds(ort, inputs, batch, start, count, Math.max(count, fixedBatch ?? 0));
          parts.push(await session.run(feeds, fetches));
          counts.push(count);
        }
        return readPrediction(outputs, parts, counts, batch);
      },
      async release() {
        if (released) return;
        released = true;
        await session.release();
      }
    };
    if (classLabels) model.classLabels = classLabels;
    return model;
  } catch (error) {
    await session.release();
    throw error;
  }
}
function describe(value) {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== void 0 && value.shape.length > 0)
    described.shape = value.shape.map((dim) => typeof dim === "number" && dim < 0 ? "?" : dim);
  return described;
}
function fixedBatchSize(inputs) {
  for (const input of inputs) {
    const first = input.shape?.[0];
    if (typeof first === "number" && first > 0) return first;
  }
  return void 0;
}

export {
  checkColumns,
  buildFeeds,
  loadModel
};
