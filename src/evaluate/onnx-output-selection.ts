/**
 * Decides, when the model is loaded, which outputs hold the predictions: the names set in config, or
 * recognised by name, type, shape, producing op and task (label + probabilities as skl2onnx writes
 * them, a probability matrix, a single score or logit, a regression value). An ambiguous or
 * unreadable set of outputs is a UserError that says which config key settles it.
 */
import { UserError } from "../common/errors.ts";
import { producerOp, type OnnxGraph } from "./onnx-graph.ts";
import { shapeText, type Meta } from "./onnx-metadata.ts";

export type Task = "binary" | "multiclass" | "regression";

export interface OutputSelection {
  label?: string;
  probabilities?: string;
  score?: string;
  scoreKind?: "probability" | "logit";
  value?: string;
}

export interface RecognisedOutputs {
  kind: "label+probabilities" | "probabilities" | "score" | "label" | "value";
  label?: string;
  probabilities?: string;
  score?: string;
  scoreKind?: "probability" | "logit";
  value?: string;
}

const FLOAT_TYPES: readonly string[] = ["float32", "float64"];
const LABEL_TYPES: readonly string[] = ["string", "int64", "int32"];

/** 1 for [N] or [N, 1], C for [N, C], undefined when not known statically, 0 for other ranks. */
function outputWidth(meta: Meta): number | undefined {
  const shape = meta.shape;
  if (shape === undefined || shape.length === 0) return undefined;
  if (shape.length === 1) return 1;
  if (shape.length !== 2) return 0;
  const last = shape[1];
  return typeof last === "number" && last > 0 ? last : undefined;
}

function isProbabilityProducer(graph: OnnxGraph, name: string): boolean {
  const op = producerOp(graph, name);
  return op === "Sigmoid" || op === "Softmax";
}

function zipMapError(name: string, path: string): UserError {
  return new UserError(
    `output "${name}" is a ZipMap (sequence of maps); export with zipmap=False (skl2onnx: options={id(model): {'zipmap': False}})`,
    {
      file: path,
      hint: "re-export so the probabilities are a [N, C] tensor: skl2onnx.to_onnx(model, X, options={id(model): {'zipmap': False}})",
    },
  );
}

function outputList(outputs: readonly Meta[]): string {
  return outputs.map((o) => `${o.name} (${o.isTensor ? `${o.type ?? "?"} ${shapeText(o)}` : "non-tensor"})`).join(", ");
}

function scoreKindOf(graph: OnnxGraph | undefined, name: string): "probability" | "logit" {
  if (graph && isProbabilityProducer(graph, name)) return "probability";
  if (/logit/i.test(name)) return "logit";
  return "probability";
}

/**
 * Refuses `score_kind: logit` on an output a Sigmoid or Softmax produces: it already holds
 * probabilities, and a second sigmoid/softmax would squash them into wrong but plausible scores.
 */
function checkLogitKind(graph: OnnxGraph | undefined, name: string, path: string): void {
  const op = graph ? producerOp(graph, name) : undefined;
  if (op !== "Sigmoid" && op !== "Softmax") return;
  throw new UserError(
    `evaluate.outputs.score_kind is logit, but the model's output "${name}" comes from a ${op}, so it already holds probabilities`,
    {
      file: path,
      hint: "remove evaluate.outputs.score_kind from modelship.yaml (or set it to probability) for this model",
    },
  );
}

/** Picks the outputs to read: from config when given, else recognised by name, type, shape and task. */
export function recogniseOutputs(
  outputs: readonly Meta[],
  options: { outputs?: OutputSelection; task?: Task },
  graph: OnnxGraph | undefined,
  path: string,
): RecognisedOutputs {
  const byName = new Map(outputs.map((output) => [output.name, output]));
  const selection = options.outputs ?? {};
  const task = options.task;
  const chosen = [selection.label, selection.probabilities, selection.score, selection.value].filter((name) => name !== undefined);

  if (chosen.length > 0) {
    for (const name of chosen) {
      const meta = byName.get(name);
      if (meta === undefined)
        throw new UserError(`the model has no output "${name}" (its outputs: ${outputList(outputs)})`, {
          file: path,
          hint: "set evaluate.outputs to names of the model's outputs",
        });
      if (!meta.isTensor) throw zipMapError(name, path);
    }
    const recognised: RecognisedOutputs = { kind: "value" };
    if (selection.label !== undefined) recognised.label = selection.label;
    if (selection.probabilities !== undefined) {
      recognised.probabilities = selection.probabilities;
      if (selection.scoreKind === "logit") {
        checkLogitKind(graph, selection.probabilities, path);
        recognised.scoreKind = "logit";
      }
    }
    if (selection.score !== undefined) {
      recognised.score = selection.score;
      if (selection.scoreKind === "logit") checkLogitKind(graph, selection.score, path);
      recognised.scoreKind = selection.scoreKind ?? scoreKindOf(graph, selection.score);
    }
    if (selection.value !== undefined) recognised.value = selection.value;
    recognised.kind =
      recognised.probabilities !== undefined
        ? recognised.label !== undefined
          ? "label+probabilities"
          : "probabilities"
        : recognised.score !== undefined
          ? "score"
          : recognised.value !== undefined
            ? "value"
            : "label";
    return recognised;
  }

  const tensors = outputs.filter((output) => output.isTensor);
  const zipMaps = outputs.filter((output) => !output.isTensor);
  const floats = tensors.filter((output) => FLOAT_TYPES.includes(output.type ?? ""));
  const wide = floats.filter((output) => {
    const width = outputWidth(output);
    return (width !== undefined && width >= 2) || (width === undefined && output.shape?.length === 2);
  });
  const narrow = floats.filter((output) => outputWidth(output) === 1 || (outputWidth(output) === undefined && output.shape?.length !== 2));
  const ambiguous = (what: string, names: Meta[], key: string): UserError =>
    new UserError(`the model has several outputs that could be the ${what} (${names.map((o) => o.name).join(", ")})`, {
      file: path,
      hint: `set evaluate.outputs.${key} to the one to use (the model's outputs: ${outputList(outputs)})`,
    });

  const pick = (candidates: Meta[], preferred: RegExp[], what: string, key: string): Meta | undefined => {
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
  const label =
    namedLabels.length > 0
      ? pick(namedLabels, [/^(output_)?label$/i], "label", "label")
      : labels.filter((o) => o.type === "string").length === 1
        ? labels.find((o) => o.type === "string")
        : undefined;

  if (task === "regression") {
    const value = pick(
      narrow,
      [/^variable$/i, /^(value|prediction|predictions|output|y)$/i, /variable|value|predict/i],
      "regression value",
      "value",
    );
    if (value === undefined) {
      throw new UserError(
        `the task is regression, but the model has no output with one number per row (its outputs: ${outputList(outputs)})`,
        { file: path, hint: "set evaluate.outputs.value to the output that holds the prediction, or check the task" },
      );
    }
    return { kind: "value", value: value.name };
  }

  const probabilities = pick(wide, [/^(probabilities|output_probability)$/i, /prob/i], "probabilities", "probabilities");
  if (probabilities) {
    const recognised: RecognisedOutputs = { kind: label ? "label+probabilities" : "probabilities", probabilities: probabilities.name };
    if (label) recognised.label = label.name;
    // score_kind alone (no output named) says how to read the recognised output: logits get a softmax.
    if (selection.scoreKind === "logit") checkLogitKind(graph, probabilities.name, path);
    const logit =
      selection.scoreKind === undefined
        ? /logit/i.test(probabilities.name) && !(graph && isProbabilityProducer(graph, probabilities.name))
        : selection.scoreKind === "logit";
    if (logit) recognised.scoreKind = "logit";
    return recognised;
  }
  if (zipMaps.length > 0) throw zipMapError(zipMaps[0]!.name, path);

  const scoreLike = narrow.filter(
    (output) => /prob|logit|score/i.test(output.name) || (graph !== undefined && isProbabilityProducer(graph, output.name)),
  );
  // A score_kind in config says the model is a classifier, so a plain [N] or [N, 1] output is its score.
  if (task !== undefined || label !== undefined || scoreLike.length > 0 || selection.scoreKind !== undefined) {
    const score = pick(scoreLike.length > 0 ? scoreLike : narrow, [/prob/i, /logit/i, /score/i], "score", "score");
    if (score) {
      if (selection.scoreKind === "logit") checkLogitKind(graph, score.name, path);
      const recognised: RecognisedOutputs = {
        kind: "score",
        score: score.name,
        scoreKind: selection.scoreKind ?? scoreKindOf(graph, score.name),
      };
      if (label) recognised.label = label.name;
      return recognised;
    }
    if (label) return { kind: "label", label: label.name };
  } else {
    // No task and nothing that looks like a class score: one plain number per row is a regression value.
    const value = pick(narrow, [/^variable$/i, /^(value|prediction|predictions|output|y)$/i], "regression value", "value");
    if (value) return { kind: "value", value: value.name };
  }
  throw new UserError(`cannot tell which of the model's outputs are the predictions (its outputs: ${outputList(outputs)})`, {
    file: path,
    hint: "set evaluate.outputs (label, probabilities, score or value) to the model's output names",
  });
}

/** The graph's class labels, unless their count contradicts the probabilities' static width. */
export function checkedClassLabels(labels: string[] | undefined, outputs: RecognisedOutputs, meta: readonly Meta[]): string[] | undefined {
  if (labels === undefined || outputs.kind === "value") return undefined;
  const probabilities = meta.find((m) => m.name === (outputs.probabilities ?? outputs.score));
  const width = probabilities ? outputWidth(probabilities) : undefined;
  const classes = outputs.kind === "score" || width === 1 ? 2 : width;
  return classes === undefined || classes === labels.length ? labels : undefined;
}
