/**
 * Reads a training (or evaluation) file into what the built-in trainer needs: fitted feature
 * preprocessing (`FeatureSpec`, see model-spec.ts), the encoded feature matrix and the targets.
 * Everything is read into memory: the built-in trainer is for tabular data that fits in RAM.
 */
import { byCodeUnit } from "../common/compare.ts";
import { UserError } from "../common/errors.ts";
import { aliasMap, applyAlias, coerceValue, showValue } from "../data/contract/coerce.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { readOptionsFor } from "../data/contract/load-contract.ts";
import { redactorFor, type Redactor } from "../data/pii/redact.ts";
import { openTable } from "../data/readers/open-table.ts";
import type { RawValue, ReadOptions } from "../data/readers/table.ts";
import { featureWidth, type CategoricalFeature, type FeatureSpec, type NumericFeature, type Task } from "./model-spec.ts";

export type FeatureKind = "numeric" | "categorical";

/** A feature the user asked for; kind and top-K are inferred or defaulted when left out. */
export interface FeatureRequest {
  name: string;
  kind?: FeatureKind;
  /** Categories kept for a categorical feature (the rest share the "other" slot); default 20. */
  topK?: number;
  /**
   * What a missing value becomes: numeric "median" (default), "mean" or a number; categorical
   * "most_frequent" (default) or a category. Stored in the spec's `median` / `fill`, which the
   * exporter uses as the fill value whatever it was fitted as.
   */
  impute?: Impute;
}

/** "median", "mean" or "most_frequent" name a statistic; any other text or number is the fill itself. */
export type Impute = number | string;

/** Preprocessing fitted on the training file, to encode another file (validation, test) the same way. */
export interface FittedEncoding {
  features: FeatureSpec[];
  task: Task;
  classes?: string[];
}

export interface LoadTabularOptions {
  path: string;
  /** Supplies the dialect, column types (for kinds) and aliases (e.g. `<=50K.` → `<=50K`). */
  contract?: DataContract;
  features: FeatureRequest[];
  target: string;
  /** Inferred from the target when left out. */
  task?: Task;
  /** Overrides the contract's dialect. */
  readOptions?: ReadOptions;
  /** Encode with this preprocessing instead of fitting it on the file (kinds, topK and task are then ignored). */
  fitted?: FittedEncoding;
}

export interface TabularData {
  path: string;
  target: string;
  task: Task;
  /** Class names in label-index order (classification only), sorted by text. */
  classes?: string[];
  features: FeatureSpec[];
  /** Rows used (rows with a missing target are skipped). */
  rows: number;
  /** Rows skipped because the target was missing. */
  skippedRows: number;
  /** Feature vector length (`featureWidth(features)`). */
  width: number;
  /** Row-major [rows][width], encoded per model-spec.ts. */
  x: Float32Array;
  /** Binary: 0/1 (1 = classes[1]); multiclass: class index; regression: the value. */
  y: Float32Array;
}

const DEFAULT_TOP_K = 20;
// A numeric target with more distinct values than this is a regression target, not class labels.
const MAX_NUMERIC_CLASSES = 10;

/** The number a raw cell holds, null when missing, undefined when it is not a number. */
function numberOf(raw: RawValue): number | null | undefined {
  if (raw === null || (typeof raw === "number" && Number.isNaN(raw))) return null;
  const coerced = coerceValue(raw, "number");
  return coerced.ok && typeof coerced.value === "number" ? coerced.value : undefined;
}

/** The text of a raw cell for categories and class labels. */
function textOf(raw: Exclude<RawValue, null>): string {
  return raw instanceof Date ? raw.toISOString() : String(raw);
}

interface Columns {
  values: Map<string, RawValue[]>;
  lines: number[];
}

/** Reads the wanted columns of the file, applying the contract's aliases. */
async function readColumns(options: LoadTabularOptions, wanted: string[]): Promise<Columns> {
  const readOptions = { ...(options.contract ? readOptionsFor(options.contract) : {}), ...options.readOptions };
  const source = await openTable(options.path, readOptions);
  const indexes = wanted.map((name) => {
    const index = source.columns.indexOf(name);
    if (index < 0) {
      throw new UserError(`column "${name}" is not in the file`, {
        file: options.path,
        line: source.headerLine,
        hint: `available columns: ${source.columns.map((column) => JSON.stringify(column)).join(", ")}`,
      });
    }
    return index;
  });
  const aliases = wanted.map((name) => {
    const column = options.contract?.columns.find((candidate) => candidate.name === name);
    return column === undefined ? undefined : aliasMap(column);
  });
  const values = wanted.map((): RawValue[] => []);
  const lines: number[] = [];
  for await (const batch of source.batches()) {
    lines.push(...batch.lines);
    for (const [w, index] of indexes.entries()) {
      const column = batch.columns[index]!;
      const out = values[w]!;
      const alias = aliases[w];
      for (const raw of column) out.push(applyAlias(raw, alias));
    }
  }
  return { values: new Map(wanted.map((name, w) => [name, values[w]!])), lines };
}

/** numeric when the contract says so or every non-null value parses as a number. */
function inferKind(name: string, values: RawValue[], contract?: DataContract): FeatureKind {
  const type = contract?.columns.find((column) => column.name === name)?.type;
  if (type === "integer" || type === "number") return "numeric";
  if (type !== undefined) return "categorical";
  return values.every((raw) => numberOf(raw) !== undefined) ? "numeric" : "categorical";
}

/** The non-missing numbers of a numeric column; a UserError naming the line of a non-number. */
function numericValues(name: string, values: RawValue[], lines: number[], path: string, redactor: Redactor): number[] {
  const present: number[] = [];
  for (const [row, raw] of values.entries()) {
    const value = numberOf(raw);
    if (value === undefined) {
      // A redacted column's value (or one a detector fires on) shows as its pseudonym: errors are printed.
      throw new UserError(`column "${name}" is numeric but has the value ${JSON.stringify(redactor.value(name, showValue(raw)))}`, {
        file: path,
        line: lines[row],
        hint: `fix the value, add it to the null markers, or declare "${name}" categorical (kind: categorical)`,
      });
    }
    if (value !== null) present.push(value);
  }
  return present;
}

/** A UserError for an `impute` that does not suit the feature's kind. */
function badImpute(name: string, kind: FeatureKind, impute: Impute, path: string): UserError {
  return new UserError(`feature "${name}" is ${kind} but has impute ${JSON.stringify(impute)}`, {
    file: path,
    hint:
      kind === "numeric"
        ? 'use impute "median", "mean" or a number, or declare the feature categorical'
        : 'use impute "most_frequent" or a category text, or declare the feature numeric',
  });
}

function fitNumeric(
  name: string,
  values: RawValue[],
  lines: number[],
  path: string,
  redactor: Redactor,
  impute: Impute = "median",
): NumericFeature {
  if (impute !== "median" && impute !== "mean" && typeof impute !== "number") throw badImpute(name, "numeric", impute, path);
  const present = numericValues(name, values, lines, path, redactor);
  if (present.length === 0)
    throw new UserError(`feature "${name}" has no values (every row is missing)`, {
      file: path,
      hint: `drop "${name}" from the features, or fix the file`,
    });
  const sorted = Float64Array.from(present).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const std = Math.sqrt(squares / sorted.length);
  const fill = impute === "median" ? median : impute === "mean" ? mean : impute;
  return { name, kind: "numeric", median: fill, mean, std: std > 0 ? std : 1 };
}

function fitCategorical(
  name: string,
  values: RawValue[],
  topK: number,
  path: string,
  impute: Impute = "most_frequent",
): CategoricalFeature {
  if (impute === "median" || impute === "mean" || typeof impute === "number") throw badImpute(name, "categorical", impute, path);
  const counts = new Map<string, number>();
  for (const raw of values) {
    if (raw === null || (typeof raw === "number" && Number.isNaN(raw))) continue;
    const text = textOf(raw);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  if (counts.size === 0)
    throw new UserError(`feature "${name}" has no values (every row is missing)`, {
      file: path,
      hint: `drop "${name}" from the features, or fix the file`,
    });
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0])).map(([text]) => text);
  return { name, kind: "categorical", categories: ranked.slice(0, topK), fill: impute === "most_frequent" ? ranked[0]! : impute };
}

/** Writes row `row`'s encoding of every feature into `x` (row-major, `width` per row). */
function encode(features: FeatureSpec[], columns: RawValue[][], keep: number[], width: number): Float32Array {
  const x = new Float32Array(keep.length * width);
  let offset = 0;
  for (const [f, feature] of features.entries()) {
    const values = columns[f]!;
    if (feature.kind === "numeric") {
      for (const [out, row] of keep.entries()) {
        const value = numberOf(values[row]!);
        x[out * width + offset] = ((value ?? feature.median) - feature.mean) / feature.std;
      }
      offset += 1;
    } else {
      const slots = new Map(feature.categories.map((category, slot) => [category, slot]));
      for (const [out, row] of keep.entries()) {
        const raw = values[row]!;
        const text = raw === null || (typeof raw === "number" && Number.isNaN(raw)) ? feature.fill : textOf(raw);
        x[out * width + offset + (slots.get(text) ?? feature.categories.length)] = 1;
      }
      offset += feature.categories.length + 1;
    }
  }
  return x;
}

/** The task a target implies: two labels → binary; numeric with many values → regression; else multiclass. */
function inferTask(labels: string[], allNumeric: boolean): Task {
  if (labels.length === 2) return "binary";
  return allNumeric && labels.length > MAX_NUMERIC_CLASSES ? "regression" : "multiclass";
}

/** Reads a file, fits the feature preprocessing (or applies `fitted`) and encodes features and targets. */
export async function loadTabular(options: LoadTabularOptions): Promise<TabularData> {
  const { path, target } = options;
  const featureNames = options.fitted
    ? options.fitted.features.map((feature) => feature.name)
    : options.features.map((feature) => feature.name);
  if (featureNames.includes(target))
    throw new UserError(`the target "${target}" is also listed as a feature`, { file: path, hint: "remove it from the features" });
  const { values, lines } = await readColumns(options, [...featureNames, target]);
  const redactor = redactorFor(options.contract);

  // Rows without a target teach nothing; skip them rather than guess a label.
  const targetValues = values.get(target)!;
  const keep: number[] = [];
  for (const [row, raw] of targetValues.entries()) if (raw !== null && !(typeof raw === "number" && Number.isNaN(raw))) keep.push(row);
  const labels = [...new Set(keep.map((row) => textOf(targetValues[row]!)))].sort(byCodeUnit);
  const allNumeric = keep.every((row) => typeof numberOf(targetValues[row]!) === "number");

  const task = options.fitted?.task ?? options.task ?? inferTask(labels, allNumeric);
  let classes: string[] | undefined;
  if (task !== "regression") {
    classes = options.fitted?.classes ?? labels;
    if (!options.fitted && labels.length < 2) {
      throw new UserError(
        `the target "${target}" has ${labels.length === 0 ? "no values" : `a single class (${JSON.stringify(labels[0])})`}`,
        {
          file: path,
          hint: "a classifier needs at least two classes in the training data; check the target column and its aliases",
        },
      );
    }
    if (!options.fitted && task === "binary" && labels.length !== 2) {
      throw new UserError(`task binary needs 2 target classes; "${target}" has ${labels.length}`, {
        file: path,
        hint: "use task multiclass, or map labels with the contract's aliases",
      });
    }
  } else if (!allNumeric) {
    const row = keep.find((index) => typeof numberOf(targetValues[index]!) !== "number")!;
    throw new UserError(
      `regression target "${target}" has the non-numeric value ${JSON.stringify(redactor.value(target, showValue(targetValues[row]!)))}`,
      {
        file: path,
        line: lines[row],
        hint: "use a classification task, or fix the value",
      },
    );
  }

  const features =
    options.fitted?.features ??
    options.features.map((request): FeatureSpec => {
      const column = values.get(request.name)!;
      const kind = request.kind ?? inferKind(request.name, column, options.contract);
      return kind === "numeric"
        ? fitNumeric(request.name, column, lines, path, redactor, request.impute)
        : fitCategorical(request.name, column, request.topK ?? DEFAULT_TOP_K, path, request.impute);
    });
  if (options.fitted) {
    // Fitting checked numeric values; an encoded file must hold numbers there too.
    for (const feature of features)
      if (feature.kind === "numeric") numericValues(feature.name, values.get(feature.name)!, lines, path, redactor);
  }

  const y = new Float32Array(keep.length);
  if (classes) {
    const index = new Map(classes.map((label, position) => [label, position]));
    for (const [out, row] of keep.entries()) {
      const label = textOf(targetValues[row]!);
      const position = index.get(label);
      if (position === undefined) {
        throw new UserError(
          `target "${target}" has the label ${JSON.stringify(label)}, not seen in training (${classes.map((name) => JSON.stringify(name)).join(", ")})`,
          {
            file: path,
            line: lines[row],
            hint: "map it to a training label with the contract's aliases, or fix the file",
          },
        );
      }
      y[out] = position;
    }
  } else {
    for (const [out, row] of keep.entries()) y[out] = numberOf(targetValues[row]!)!;
  }

  const width = featureWidth(features);
  const x = encode(
    features,
    featureNames.map((name) => values.get(name)!),
    keep,
    width,
  );
  return { path, target, task, classes, features, rows: keep.length, skippedRows: targetValues.length - keep.length, width, x, y };
}
