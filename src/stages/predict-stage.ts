/**
 * Batch scoring (`modelship predict`): streams data files (or HTTPS downloads) through an ONNX model
 * batch by batch and writes, as they come, the id and timestamp columns the contract marks, the
 * predicted label and one `proba_<class>` column per class. Inputs are bound and features mapped by
 * the very code `evaluate` uses (loadModel, the contract's aliases), so both score a row alike; no
 * target is needed. Parquet is encoded on a worker thread while the next batch is read and scored
 * (predict-parquet.ts). The output goes to a temp file beside `--out` and is renamed into place only
 * once every row is written, so a failed run leaves neither a partial file nor a temp behind.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import { threadCount } from "../common/threads.ts";
import { aliasMap, applyAlias } from "../data/contract/coerce.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { loadContract, readOptionsFor } from "../data/contract/load-contract.ts";
import { openTable } from "../data/readers/open-table.ts";
import type { RawValue } from "../data/readers/table.ts";
import { resolveCurrentSources, type ResolvedSources } from "../drift/sources.ts";
import { checkColumns } from "../evaluate/onnx-input-binding.ts";
import { loadModel } from "../evaluate/onnx-model.ts";
import type { Prediction } from "../evaluate/onnx-output-reading.ts";
import { pick } from "../config/modelship-config.ts";
import { loadStageConfig, networkPolicy, type StageRun } from "./stage-run.ts";
import { DEFAULT_MODEL_DIR } from "./train-settings.ts";
import { modelOutputsFromConfig } from "./evaluate-settings.ts";
import { plural } from "../common/text-style.ts";
import { parquetOutput, type Cell, type OutputBatch } from "./predict-parquet.ts";

export const PREDICT_FORMATS = ["csv", "jsonl", "parquet"] as const;
export type PredictFormat = (typeof PREDICT_FORMATS)[number];

/** Explicit inputs or flags; what is unset comes from modelship.yaml (evaluate.model, evaluate.features, data.contract). */
export interface PredictStageInputs {
  model?: string;
  /** Files or https:// URLs. */
  data?: string[];
  contract?: string;
  features?: string[];
  out?: string;
  format?: PredictFormat;
  /** The label column's name; default the contract's `prediction` column, else `prediction`. */
  labelColumn?: string;
  /** Further input columns passed through beside the id and timestamp ones. */
  keep?: string[];
  /** onnxruntime's intra-op threads; default its own choice, but 1 when Parquet is encoded on a worker and two threads may be used in all. */
  threads?: number;
  batchSize?: number;
}

export interface PredictResult {
  out: string;
  format: PredictFormat;
  rows: number;
  columns: string[];
  model: { path: string; sha256: string };
}

/** The output format from `--format`, else from the extension of `--out`. */
export function predictFormat(out: string, format: PredictFormat | undefined): PredictFormat {
  if (format !== undefined) return format;
  const match = /\.(csv|jsonl|ndjson|parquet)$/i.exec(out)?.[1]?.toLowerCase();
  if (match === "csv" || match === "parquet") return match;
  if (match === "jsonl" || match === "ndjson") return "jsonl";
  throw new UserError("has an extension predict does not write", {
    file: out,
    hint: "end --out (the out input) in .csv, .jsonl or .parquet, or set --out-format (the out-format input) to csv, jsonl or parquet",
  });
}

/** Writes rows as they come to a temp file; `commit()` renames it to the final path, `abort()` removes it. */
interface RowSink {
  write(batch: OutputBatch): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

function csvCell(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

async function streamSink(
  temp: string,
  path: string,
  width: number,
  header: string | undefined,
  line: (cells: Cell[]) => string,
): Promise<RowSink> {
  const stream: WriteStream = createWriteStream(temp, { flags: "wx" });
  await once(stream, "open");
  const put = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  if (header !== undefined) await put(header);
  return {
    async write(batch) {
      let chunk = "";
      const cells: Cell[] = new Array<Cell>(width);
      const { kept, labels, probabilities } = batch;
      const classes = width - kept.length - 1;
      for (let r = 0; r < batch.rows; r++) {
        for (let c = 0; c < kept.length; c++) cells[c] = kept[c]![r]!;
        cells[kept.length] = labels[r]!;
        for (let c = 0; c < classes; c++) cells[kept.length + 1 + c] = probabilities![r * batch.width + c]!;
        chunk += line(cells);
      }
      await put(chunk);
    },
    async commit() {
      stream.end();
      await once(stream, "finish");
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}

/** Parquet (predict-parquet.ts): each batch a row group of the temp file, encoded on a worker thread while the next batch is scored. */
async function parquetSink(temp: string, path: string, names: string[], numeric: boolean[], threads: number): Promise<RowSink> {
  // Created here, so a path that cannot be written is reported before any row is scored.
  await writeFile(temp, "", { flag: "wx" });
  const output = parquetOutput({ temp, names, numeric }, threads);
  return {
    write: (batch) => output.write(batch),
    async commit() {
      await output.finish();
      await output.close();
      await rename(temp, path);
    },
    async abort() {
      await output.close();
      await rm(temp, { force: true });
    },
  };
}

/** The contract's columns with a role, in contract order. */
function columnsWithRole(contract: DataContract | undefined, roles: readonly string[]): string[] {
  return contract?.columns.filter((column) => column.roles.some((role) => roles.includes(role))).map((column) => column.name) ?? [];
}

/** Runs the model over every file and writes the predictions to `--out`. */
export async function runPredictStage(inputs: PredictStageInputs, run: StageRun): Promise<PredictResult> {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const evaluate = loaded.config?.evaluate;
  const fromConfig = (path: string | undefined) => (path === undefined ? undefined : loaded.resolvePath(path));
  const out = inputs.out;
  if (out === undefined || out === "")
    throw new UserError("no output file was given", { hint: "set --out FILE (the out input), e.g. --out predictions.parquet" });
  const format = predictFormat(out, inputs.format);
  const data = inputs.data ?? [];
  if (data.length === 0)
    throw new UserError("no data to score was given", {
      hint: "name the files or https:// URLs to score, e.g. modelship predict batch.csv --out p.csv",
    });
  const contractPath = pick(inputs.contract, fromConfig(loaded.config?.data?.contract));
  const contract = contractPath === undefined ? undefined : await loadContract(contractPath);
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const modelPath = pick(inputs.model, fromConfig(evaluate?.model)) ?? join(trainOutput, "model.onnx");
  const features = inputs.features !== undefined && inputs.features.length > 0 ? inputs.features : evaluate?.features;
  const outputs = evaluate?.outputs;
  // Parquet is encoded on a worker thread when more than one thread may be used (predict-parquet.ts). With
  // exactly two, onnxruntime's second intra-op thread would contend with it for the other core (the pool
  // spins between runs); a model like the bench's scores as fast on one (12 ms per 8,192 rows either way) at half the CPU.
  const threadsAvailable = threadCount();
  const threads = inputs.threads ?? (format === "parquet" && threadsAvailable === 2 ? 1 : undefined);
  const model = await loadModel({
    path: modelPath,
    ...(features === undefined ? {} : { features }),
    ...modelOutputsFromConfig(outputs),
    ...(evaluate?.task === undefined ? {} : { task: evaluate.task }),
    ...(threads === undefined ? {} : { threads }),
    setting: "--model (the model input, or evaluate.model in modelship.yaml)",
  });
  const predictionColumns = columnsWithRole(contract, ["prediction"]);
  const labelColumn = inputs.labelColumn ?? (predictionColumns.length === 1 ? predictionColumns[0]! : "prediction");
  const passThrough = [...new Set([...columnsWithRole(contract, ["id", "timestamp"]), ...(inputs.keep ?? [])])];
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString("hex")}.tmp`);
  let sink: RowSink | undefined;
  let names: string[] = [];
  let classNames: string[] | undefined;
  let rows = 0;
  const resolved: ResolvedSources[] = [];
  try {
    // Each argument in the order given (a glob's matches sorted), so rows come out in the order they went in.
    for (const item of data) {
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(item);
      resolved.push(
        await resolveCurrentSources(url ? { urls: [item] } : { paths: [item] }, {
          logger: run.logger,
          network: networkPolicy(run, loaded),
        }),
      );
    }
    const readOptions = { ...(contract ? readOptionsFor(contract) : {}), batchSize: inputs.batchSize ?? evaluate?.batch_size ?? 8192 };
    const wanted = [...new Set([...model.requiredColumns, ...passThrough])];
    const aliases = new Map(
      wanted.map((name) => {
        const column = contract?.columns.find((candidate) => candidate.name === name);
        return [name, column === undefined ? undefined : aliasMap(column)] as const;
      }),
    );
    for (const file of resolved.flatMap((sources) => sources.files)) {
      const source = await openTable(file, readOptions);
      checkColumns(model, source.columns, file);
      const absent = (inputs.keep ?? []).filter((name) => !source.columns.includes(name));
      if (absent.length > 0)
        throw new UserError(`the data has no column ${absent.map((name) => JSON.stringify(name)).join(", ")} to keep`, {
          file,
          hint: `remove it from --keep (the keep input); the file has ${source.columns.map((name) => JSON.stringify(name)).join(", ")}`,
        });
      // Id and timestamp columns the contract marks are passed through when the file has them.
      const kept = passThrough.filter((name) => source.columns.includes(name));
      if (sink !== undefined && kept.join("\0") !== names.slice(0, kept.length).join("\0"))
        throw new UserError("has other id, timestamp or kept columns than the first file, so the rows cannot go into one output", {
          file,
          hint: "score the files separately (one --out each), or give files with the same columns",
        });
      const indexes = new Map(wanted.filter((name) => source.columns.includes(name)).map((name) => [name, source.columns.indexOf(name)]));
      for await (const batch of source.batches()) {
        const columns = new Map<string, RawValue[]>();
        for (const [name, index] of indexes) {
          const raw = batch.columns[index]!;
          const alias = aliases.get(name);
          columns.set(name, alias === undefined ? raw : raw.map((value) => applyAlias(value, alias)));
        }
        const prediction = await model.predict({ columns, rows: batch.length, lines: batch.lines, file });
        const width = prediction.classes ?? 0;
        if (sink === undefined) {
          classNames = classNamesOf(model.classLabels, evaluate?.classes, width);
          names = [...kept, labelColumn, ...classNames.map((name) => `proba_${name}`)];
          const clash = names.find((name, i) => names.indexOf(name) !== i);
          if (clash !== undefined)
            throw new UserError(`the output would have two columns named "${clash}"`, {
              hint: "set --label-column to a name the id, timestamp and kept columns do not use",
            });
          sink = await openSink(
            format,
            temp,
            out,
            names,
            [...kept.map(() => false), prediction.values !== undefined, ...classNames.map(() => true)],
            threadsAvailable,
          );
        }
        await sink.write({
          rows: batch.length,
          kept: kept.map((name) => columns.get(name)!.map(cellOf)),
          labels: labelsOf(prediction, classNames!, batch.length),
          probabilities: prediction.probabilities,
          width,
        });
        rows += batch.length;
      }
    }
    if (sink === undefined) {
      // No rows at all: still an output with the header, so a pipeline sees an empty batch, not a missing file.
      classNames = classNamesOf(model.classLabels, evaluate?.classes, 0);
      names = [...passThrough, labelColumn, ...classNames.map((name) => `proba_${name}`)];
      sink = await openSink(
        format,
        temp,
        out,
        names,
        names.map(() => false),
        threadsAvailable,
      );
    }
    await sink.commit();
    run.logger.info(`Wrote ${plural(rows, "prediction")} to ${out}.`);
    return { out, format, rows, columns: names, model: { path: model.path, sha256: model.sha256 } };
  } catch (error) {
    await sink?.abort();
    await rm(temp, { force: true });
    throw error;
  } finally {
    for (const sources of resolved) await sources.cleanup();
    await model.release();
  }
}

async function openSink(
  format: PredictFormat,
  temp: string,
  out: string,
  names: string[],
  numeric: boolean[],
  threads: number,
): Promise<RowSink> {
  try {
    await mkdir(dirname(out), { recursive: true });
    if (format === "parquet") return await parquetSink(temp, out, names, numeric, threads);
    if (format === "jsonl")
      return await streamSink(
        temp,
        out,
        names.length,
        undefined,
        (cells) => `${JSON.stringify(Object.fromEntries(names.map((name, c) => [name, cells[c]])))}\n`,
      );
    return await streamSink(temp, out, names.length, `${names.map(csvCell).join(",")}\n`, (cells) => `${cells.map(csvCell).join(",")}\n`);
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
    throw new UserError(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: "choose another --out path, or move what is in the way",
      cause: error,
    });
  }
}

function cellOf(value: RawValue): Cell {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return value;
  return String(value);
}

/** The class names of the probability columns: the graph's labels, else evaluate.classes, else 0, 1, …. */
function classNamesOf(graph: string[] | undefined, configured: (string | number)[] | undefined, width: number): string[] {
  if (graph !== undefined && graph.length === width) return graph;
  if (configured !== undefined && configured.length === width) return configured.map(String);
  return Array.from({ length: width }, (_, c) => String(c));
}

/** The label output when the model has one; else the class of the highest probability; a regressor's value. */
function labelsOf(prediction: Prediction, classNames: string[], rows: number): Cell[] {
  if (prediction.labels !== undefined) return prediction.labels;
  if (prediction.values !== undefined) return Array.from(prediction.values);
  const width = classNames.length;
  const labels = new Array<Cell>(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (prediction.probabilities![r * width + c]! > prediction.probabilities![r * width + best]!) best = c;
    labels[r] = classNames[best] ?? null;
  }
  return labels;
}
