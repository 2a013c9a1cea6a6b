/**
 * Streams the test data through the model (and the champion, on the very same rows) batch by batch,
 * keeping only what the metrics need: one label id or value per row, the models' probabilities,
 * labels or values, and the sensitive columns' groups. Memory grows with rows × classes, not with
 * the width of the file.
 */
import { UserError } from "../common/errors.ts";
import { aliasMap, applyAlias, coerceValue, showValue } from "../data/contract/coerce.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { readOptionsFor } from "../data/contract/load-contract.ts";
import { redactorFor } from "../data/pii/redact.ts";
import { openTable } from "../data/readers/open-table.ts";
import type { RawValue } from "../data/readers/table.ts";
import { checkColumns } from "./onnx-input-binding.ts";
import type { LoadedModel } from "./onnx-model.ts";
import type { Prediction } from "./onnx-output-reading.ts";
import { RowReservoir, type RowSample } from "./row-reservoir.ts";

/** A Float64Array that grows by doubling. */
export class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  append(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  private grow(minimum: number): void {
    const next = new Float64Array(Math.max(minimum, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** The filled part (a view). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Texts mapped to small ids in first-seen order, with the line each was first seen on. */
export class TextIds {
  readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  readonly firstSeen: string[] = [];
  readonly counts: number[] = [];
  id(text: string, where: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
      this.firstSeen.push(where);
      this.counts.push(0);
    }
    this.counts[id]!++;
    return id;
  }
}

export interface ModelOutputs {
  /** Row-major probabilities, `classes` per row. */
  probabilities?: GrowableFloat64;
  classes?: number;
  /** Label output as ids into `labelTexts`. */
  labelIds?: GrowableFloat64;
  labelTexts: TextIds;
  values?: GrowableFloat64;
}

export interface SensitiveColumn {
  name: string;
  /** Edges that bin a numeric column into groups. */
  bins?: number[];
}

export interface CollectOptions {
  files: string[];
  contract?: DataContract;
  target: string;
  regression: boolean;
  models: LoadedModel[];
  sensitive: SensitiveColumn[];
  batchSize?: number;
  /** Keep a seeded reservoir sample of up to `rows` labelled rows' values of `columns` (for permutation importance). */
  sample?: { rows: number; seed: number; columns: string[] };
}

export interface Collected {
  rows: number;
  /** Rows left out because the target is missing. */
  skippedRows: number;
  files: { path: string; sha256: string; bytes: number; rows: number }[];
  /** Classification: target label ids (into `targetTexts`); regression: values. */
  yIds?: GrowableFloat64;
  targetTexts: TextIds;
  yValues?: GrowableFloat64;
  outputs: ModelOutputs[];
  /** Group label (or null for missing) per row, per sensitive column. */
  sensitive: Map<string, (string | null)[]>;
  /** The columns of the data (every file's, in the first file's order). */
  columns: string[];
  /** The reservoir sample asked for in `CollectOptions.sample`. */
  sample?: RowSample;
}

/** The label of a numeric value's bin: `<25`, `25–45`, `≥65`. */
export function binLabel(value: number, edges: number[]): string {
  if (value < edges[0]!) return `<${edges[0]}`;
  for (let i = 1; i < edges.length; i++) if (value < edges[i]!) return `${edges[i - 1]}–${edges[i]}`;
  return `≥${edges.at(-1)}`;
}

function text(raw: Exclude<RawValue, null>): string {
  return raw instanceof Date ? raw.toISOString() : String(raw);
}

/** Appends a batch's prediction to the outputs gathered so far, leaving out the rows `keep` marks 0. */
export function appendPrediction(
  into: ModelOutputs,
  prediction: Prediction,
  keep: Uint8Array | undefined,
  where: (row: number) => string,
): void {
  const rows = keep?.length;
  if (prediction.probabilities !== undefined) {
    const classes = prediction.classes ?? 0;
    into.classes ??= classes;
    into.probabilities ??= new GrowableFloat64();
    if (keep === undefined) into.probabilities.append(prediction.probabilities);
    else
      for (let r = 0; r < rows!; r++)
        if (keep[r]) into.probabilities.append(prediction.probabilities.subarray(r * classes, (r + 1) * classes));
  }
  if (prediction.labels !== undefined) {
    into.labelIds ??= new GrowableFloat64();
    prediction.labels.forEach((label, r) => {
      if (keep === undefined || keep[r]) into.labelIds!.push(into.labelTexts.id(label, where(r)));
    });
  }
  if (prediction.values !== undefined) {
    into.values ??= new GrowableFloat64();
    prediction.values.forEach((value, r) => {
      if (keep === undefined || keep[r]) into.values!.push(value);
    });
  }
}

/** Streams every file through every model; a UserError names the file and line of bad data. */
export async function collectPredictions(options: CollectOptions): Promise<Collected> {
  const readOptions = { ...(options.contract ? readOptionsFor(options.contract) : {}), batchSize: options.batchSize ?? 8192 };
  const outputs: ModelOutputs[] = options.models.map(() => ({ labelTexts: new TextIds() }));
  const targetTexts = new TextIds();
  const yIds = options.regression ? undefined : new GrowableFloat64();
  const yValues = options.regression ? new GrowableFloat64() : undefined;
  const sensitive = new Map<string, (string | null)[]>(options.sensitive.map((column) => [column.name, []]));
  // Errors quote a cell only as redaction shows it (pii / redact: true columns, or a detector fires).
  const redactor = redactorFor(options.contract);
  const files: Collected["files"] = [];
  const reservoir = options.sample === undefined ? undefined : new RowReservoir({ capacity: options.sample.rows, ...options.sample });
  let rows = 0;
  let skippedRows = 0;
  const dataColumns = new Set<string>();
  const wanted = [
    ...new Set([
      ...options.models.flatMap((model) => model.requiredColumns),
      options.target,
      ...options.sensitive.map((column) => column.name),
    ]),
  ];
  const aliases = new Map(
    wanted.map((name) => {
      const column = options.contract?.columns.find((candidate) => candidate.name === name);
      return [name, column === undefined ? undefined : aliasMap(column)] as const;
    }),
  );
  for (const path of options.files) {
    const source = await openTable(path, readOptions);
    // The models' inputs first (the model names its inputs in that message), then the evaluation's own columns.
    for (const model of options.models) checkColumns(model, source.columns, path);
    const missing = [options.target, ...options.sensitive.map((column) => column.name)].filter((name) => !source.columns.includes(name));
    if (missing.length > 0) {
      throw new UserError(
        `the data has no column${missing.length === 1 ? "" : "s"} ${missing.map((name) => JSON.stringify(name)).join(", ")} (${missing.includes(options.target) ? "the target" : "a sensitive column"})`,
        {
          file: path,
          line: source.headerLine,
          hint: `the file has ${source.columns.map((name) => JSON.stringify(name)).join(", ")}; set ${missing.includes(options.target) ? "--target (MODELSHIP_TARGET, the target input, or evaluate.target)" : "gates.fairness.sensitive"} to ${missing.length === 1 ? "a column" : "columns"} it has`,
        },
      );
    }
    for (const name of source.columns) dataColumns.add(name);
    const indexes = new Map(wanted.map((name) => [name, source.columns.indexOf(name)]));
    let fileRows = 0;
    for await (const batch of source.batches()) {
      const columns = new Map<string, RawValue[]>();
      for (const name of wanted) {
        const raw = batch.columns[indexes.get(name)!]!;
        const alias = aliases.get(name);
        columns.set(name, alias === undefined ? raw : raw.map((value) => applyAlias(value, alias)));
      }
      const target = columns.get(options.target)!;
      let keep: Uint8Array | undefined;
      for (let r = 0; r < batch.length; r++) {
        if (target[r] !== null) continue;
        keep ??= new Uint8Array(batch.length).fill(1);
        keep[r] = 0;
      }
      const where = (r: number) => `${path}:${batch.lines[r]}`;
      let index = rows;
      for (let r = 0; r < batch.length; r++) {
        if (keep !== undefined && !keep[r]) continue;
        reservoir?.offer(index++, columns, r);
        const raw = target[r]!;
        if (yValues !== undefined) {
          const coerced = coerceValue(raw, "number");
          if (!coerced.ok || typeof coerced.value !== "number") {
            throw new UserError(
              `target "${options.target}": ${redactor.value(options.target, showValue(raw))} ${coerced.ok ? "is not a number" : coerced.reason}`,
              {
                file: path,
                line: batch.lines[r],
                hint: "a regression target must be numeric; fix the value, or set evaluate.task if this is a classifier",
              },
            );
          }
          yValues.push(coerced.value);
        } else {
          yIds!.push(targetTexts.id(text(raw), where(r)));
        }
        for (const column of options.sensitive) {
          const value = columns.get(column.name)![r]!;
          let group: string | null = value === null ? null : text(value);
          if (column.bins !== undefined && value !== null) {
            const coerced = coerceValue(value, "number");
            if (!coerced.ok || typeof coerced.value !== "number")
              throw new UserError(
                `sensitive column "${column.name}": ${redactor.value(column.name, showValue(value))} is not a number, so it cannot be binned`,
                {
                  file: path,
                  line: batch.lines[r],
                  hint: `fix the value, or remove fairness.bins.${column.name}`,
                },
              );
            group = binLabel(coerced.value, column.bins);
          }
          sensitive.get(column.name)!.push(group);
        }
      }
      const kept = keep === undefined ? batch.length : keep.reduce((sum, flag) => sum + flag, 0);
      skippedRows += batch.length - kept;
      rows += kept;
      fileRows += kept;
      if (kept === 0) continue;
      for (const [m, model] of options.models.entries()) {
        const prediction = await model.predict({ columns, rows: batch.length, lines: batch.lines, file: path });
        appendPrediction(outputs[m]!, prediction, keep, where);
      }
    }
    const digest = source.digest();
    files.push({ path, sha256: digest?.sha256 ?? "", bytes: digest?.bytes ?? 0, rows: fileRows });
  }
  return {
    rows,
    skippedRows,
    files,
    yIds,
    targetTexts,
    yValues,
    outputs,
    sensitive,
    columns: [...dataColumns],
    ...(reservoir === undefined ? {} : { sample: reservoir.sample() }),
  };
}
