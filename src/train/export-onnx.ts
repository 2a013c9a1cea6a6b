/**
 * Turns the built-in trainer's `TrainedModel` into an ONNX model that takes the raw columns (one
 * input per feature, [N, 1], float or string) and does the preprocessing of model-spec.ts itself,
 * so serving needs no feature code of its own. Outputs are named as skl2onnx names them with
 * zipmap=False: `label` and `probabilities` for classifiers, `variable` for regressors.
 *
 * The bytes depend only on the model and the options (no timestamps, no map-order accidents), so
 * retraining to the same weights gives the same file and the same digest. Internal values are
 * named "/like/this", as PyTorch's exporter names them, so they cannot meet a column's name.
 */
import { UserError } from "../common/errors.ts";
import { featureWidth, type CategoricalFeature, type DenseLayer, type NumericFeature, type TrainedModel } from "./model-spec.ts";
import { DataType, encodeModel, GraphBuilder, type AttributeProto } from "./onnx/onnx-proto.ts";

export interface ExportOnnxOptions {
  /** modelship's version, recorded as the model's producer_version. */
  producerVersion: string;
  docString?: string;
  /** Extra metadata_props; keys starting with "modelship." are the exporter's own. */
  metadata?: Record<string, string>;
}

/** IR 8 with opsets 17 and ml 3: the newest that onnx 1.12 (Debian's python3-onnx) checks; onnxruntime 1.13+ runs them. */
const IR_VERSION = 8;
const OPSETS = [
  { domain: "", version: 17 },
  { domain: "ai.onnx.ml", version: 3 },
];
const ML = "ai.onnx.ml";
const BATCH = "N";
const OUTPUT_NAMES = ["label", "probabilities", "variable"];

const ACTIVATION_OPS = { relu: "Relu", tanh: "Tanh", sigmoid: "Sigmoid", softmax: "Softmax" } as const;

/** Encodes `model` as the bytes of an `.onnx` file; the same model and options always give the same bytes. */
export function exportOnnx(model: TrainedModel, options: ExportOnnxOptions): Uint8Array {
  checkModel(model);
  const graph = new GraphBuilder();
  const columns = model.features.map((feature, index) =>
    feature.kind === "numeric" ? addNumeric(graph, feature, index) : addCategorical(graph, feature, index),
  );
  let x = graph.node("Concat", columns, "/features", { attributes: [{ name: "axis", type: "int", value: 1 }] });

  const last = model.layers.length - 1;
  model.layers.forEach((layer, index) => {
    // Multiclass and regression outputs are the last layer itself; binary ones are derived from it below.
    const name =
      index < last ? undefined : model.task === "multiclass" ? "probabilities" : model.task === "regression" ? "variable" : undefined;
    x = addDense(graph, layer, index, x, name);
  });

  if (model.task === "regression") {
    graph.output({ name: x, elemType: DataType.FLOAT, dims: [BATCH, 1] });
  } else {
    const classes = model.classes!;
    const labelIndex =
      model.task === "binary"
        ? addBinaryOutputs(graph, x)
        : graph.node("ArgMax", [x], "/label_index", {
            attributes: [
              { name: "axis", type: "int", value: 1 },
              { name: "keepdims", type: "int", value: 0 },
            ],
          });
    graph.node("LabelEncoder", [labelIndex], "label", {
      domain: ML,
      attributes: [
        { name: "keys_int64s", type: "ints", value: classes.map((_, index) => index) },
        { name: "values_strings", type: "strings", value: classes },
        { name: "default_string", type: "string", value: "" },
      ],
    });
    graph.output({ name: "label", elemType: DataType.STRING, dims: [BATCH] });
    graph.output({ name: "probabilities", elemType: DataType.FLOAT, dims: [BATCH, classes.length] });
  }

  return encodeModel({
    irVersion: IR_VERSION,
    opsetImports: OPSETS,
    producerName: "modelship",
    producerVersion: options.producerVersion,
    docString: options.docString,
    graph: graph.build(`modelship_${model.task}`),
    metadataProps: metadataProps(model, options.metadata ?? {}),
  });
}

/**
 * NaN → median, then (x − mean) / std: one [N, 1] float column. Standard ops rather than ai.onnx.ml
 * Imputer and Scaler: those have no shape inference in onnx 1.12, so its full check rejects them.
 */
function addNumeric(graph: GraphBuilder, feature: NumericFeature, index: number): string {
  const prefix = `/feature_${index}`;
  const scalar = (name: string, value: number): string =>
    graph.constant({ name: `${prefix}/${name}`, dims: [1], data: { type: DataType.FLOAT, values: [value] } });
  const input = graph.input({ name: feature.name, elemType: DataType.FLOAT, dims: [BATCH, 1] });
  const missing = graph.node("IsNaN", [input], `${prefix}/missing`);
  const imputed = graph.node("Where", [missing, scalar("median", feature.median), input], `${prefix}/imputed`);
  const centred = graph.node("Sub", [imputed, scalar("mean", feature.mean)], `${prefix}/centred`);
  return graph.node("Div", [centred, scalar("std", feature.std)], `${prefix}/scaled`);
}

/**
 * Category → index (missing "" → the fill's index, anything unseen → the "other" slot K), then
 * one-hot: a [N, K + 1] float block.
 */
function addCategorical(graph: GraphBuilder, feature: CategoricalFeature, index: number): string {
  const input = graph.input({ name: feature.name, elemType: DataType.STRING, dims: [BATCH, 1] });
  const other = feature.categories.length;
  const codes = new Map<string, number>();
  feature.categories.forEach((category, code) => {
    if (!codes.has(category)) codes.set(category, code);
  });
  const fillCode = codes.get(feature.fill) ?? other;
  codes.set("", fillCode);

  const indices = graph.node("LabelEncoder", [input], `/feature_${index}/index`, {
    domain: ML,
    attributes: [
      { name: "keys_strings", type: "strings", value: [...codes.keys()] },
      { name: "values_int64s", type: "ints", value: [...codes.values()] },
      { name: "default_int64", type: "int", value: other },
    ],
  });
  const depth = graph.constant({ name: `/feature_${index}/depth`, dims: [], data: { type: DataType.INT64, values: [other + 1] } });
  const onOff = graph.constant({ name: `/feature_${index}/one_hot_values`, dims: [2], data: { type: DataType.FLOAT, values: [0, 1] } });
  // OneHot appends the class axis: [N, 1] indices give [N, 1, K + 1]; Flatten makes it [N, K + 1].
  const oneHot = graph.node("OneHot", [indices, depth, onOff], `/feature_${index}/one_hot`, {
    attributes: [{ name: "axis", type: "int", value: -1 }],
  });
  return graph.node("Flatten", [oneHot], `/feature_${index}/encoded`, { attributes: [{ name: "axis", type: "int", value: 1 }] });
}

/** x · W + b, then the activation; `output` names the result when it is a graph output. */
function addDense(graph: GraphBuilder, layer: DenseLayer, index: number, input: string, output?: string): string {
  const prefix = `/layer_${index}`;
  const weights = graph.constant({
    name: `${prefix}/weights`,
    dims: [layer.inputs, layer.units],
    data: { type: DataType.FLOAT, values: layer.weights },
  });
  const bias = graph.constant({ name: `${prefix}/bias`, dims: [layer.units], data: { type: DataType.FLOAT, values: layer.bias } });
  const product = graph.node("MatMul", [input, weights], `${prefix}/matmul`);
  if (layer.activation === "linear") return graph.node("Add", [product, bias], output ?? `${prefix}/output`);
  const linear = graph.node("Add", [product, bias], `${prefix}/linear`);
  const attributes: AttributeProto[] = layer.activation === "softmax" ? [{ name: "axis", type: "int", value: 1 }] : [];
  return graph.node(ACTIVATION_OPS[layer.activation], [linear], output ?? `${prefix}/output`, { attributes });
}

/** From P(classes[1]) as [N, 1]: `probabilities` [1 − p, p], and the label index (p ≥ 0.5) as [N] int64. */
function addBinaryOutputs(graph: GraphBuilder, positive: string): string {
  const one = graph.constant({ name: "/one", dims: [1], data: { type: DataType.FLOAT, values: [1] } });
  const half = graph.constant({ name: "/threshold", dims: [1], data: { type: DataType.FLOAT, values: [0.5] } });
  const columnAxis = graph.constant({ name: "/column_axis", dims: [1], data: { type: DataType.INT64, values: [1] } });
  const negative = graph.node("Sub", [one, positive], "/negative_probability");
  graph.node("Concat", [negative, positive], "probabilities", { attributes: [{ name: "axis", type: "int", value: 1 }] });
  const isPositive = graph.node("GreaterOrEqual", [positive, half], "/is_positive");
  const asIndex = graph.node("Cast", [isPositive], "/positive_index", { attributes: [{ name: "to", type: "int", value: DataType.INT64 }] });
  return graph.node("Squeeze", [asIndex, columnAxis], "/label_index");
}

/** The exporter's own keys first, then the caller's sorted by key, so insertion order cannot change the bytes. */
function metadataProps(model: TrainedModel, extra: Record<string, string>): [string, string][] {
  const own: [string, string][] = [
    ["modelship.target", model.target],
    ["modelship.task", model.task],
    ...(model.classes ? [["modelship.classes", JSON.stringify(model.classes)] as [string, string]] : []),
    ["modelship.features", JSON.stringify(model.features.map((feature) => feature.name))],
  ];
  const reserved = Object.keys(extra).filter((key) => key.startsWith("modelship."));
  if (reserved.length > 0) throw new Error(`ONNX metadata keys ${reserved.join(", ")} are reserved for the exporter`);
  const theirs = Object.entries(extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...own, ...theirs];
}

/** A `TrainedModel` that breaks model-spec.ts is a trainer bug; a feature named like an output is the user's to rename. */
function checkModel(model: TrainedModel): void {
  const names = new Set<string>();
  for (const feature of model.features) {
    if (OUTPUT_NAMES.includes(feature.name)) {
      throw new UserError(`feature "${feature.name}" has the name of an ONNX model output`, {
        hint: `rename the column or leave it out of the features (outputs: ${OUTPUT_NAMES.join(", ")})`,
      });
    }
    if (names.has(feature.name)) throw new Error(`feature "${feature.name}" appears twice`);
    names.add(feature.name);
  }
  if (model.features.length === 0 || model.layers.length === 0) throw new Error("a TrainedModel needs at least one feature and one layer");
  let width = featureWidth(model.features);
  model.layers.forEach((layer, index) => {
    if (layer.inputs !== width) throw new Error(`layer ${index} takes ${layer.inputs} inputs but gets ${width}`);
    if (layer.weights.length !== layer.inputs * layer.units || layer.bias.length !== layer.units)
      throw new Error(`layer ${index} has weights or bias of the wrong size`);
    width = layer.units;
  });
  const lastLayer = model.layers[model.layers.length - 1]!;
  const classes = model.classes?.length ?? 0;
  if (model.task === "binary" && (classes !== 2 || width !== 1 || lastLayer.activation !== "sigmoid"))
    throw new Error("a binary model needs 2 classes and one sigmoid output");
  if (model.task === "multiclass" && (classes < 2 || width !== classes || lastLayer.activation !== "softmax"))
    throw new Error("a multiclass model needs one softmax output per class");
  if (model.task === "regression" && width !== 1) throw new Error("a regression model needs one output");
}
