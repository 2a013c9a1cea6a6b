import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  checkColumns,
  loadModel
} from "./chunk-UQYGI3RK.js";
import {
  threadCount
} from "./chunk-MAHMYA47.js";
import {
  loadContract,
  readOptionsFor
} from "./chunk-WC5L3K5J.js";
import {
  modelOutputsFromConfig
} from "./chunk-HWW2H3QW.js";
import {
  loadStageConfig,
  networkPolicy
} from "./chunk-RCYMTRN5.js";
import {
  DEFAULT_MODEL_DIR
} from "./chunk-RNR6NDII.js";
import {
  resolveCurrentSources
} from "./chunk-VASYQY3D.js";
import {
  pick
} from "./chunk-YVAZ7I5R.js";
import {
  aliasMap,
  applyAlias
} from "./chunk-CEPJPHC5.js";
import {
  openTable
} from "./chunk-WP7KJD34.js";
import {
  parquetOutput
} from "./chunk-2DOXU2DG.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";
import {
  plural
} from "./chunk-U5WQZHIB.js";

// src/stages/predict-stage.ts
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
var PREDICT_FORMATS = ["csv", "jsonl", "parquet"];
function predictFormat(out, format) {
  if (format !== void 0) return format;
  const match = /\.(csv|jsonl|ndjson|parquet)$/i.exec(out)?.[1]?.toLowerCase();
  if (match === "csv" || match === "parquet") return match;
  if (match === "jsonl" || match === "ndjson") return "jsonl";
  throw new UserError("has an extension predict does not write", {
    file: out,
    hint: "end --out (the out input) in .csv, .jsonl or .parquet, or set --out-format (the out-format input) to csv, jsonl or parquet"
  });
}
function csvCell(value) {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
async function streamSink(temp, path, width, header, line) {
  const stream = createWriteStream(temp, { flags: "wx" });
  await once(stream, "open");
  const put = async (text) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  if (header !== void 0) await put(header);
  return {
    async write(batch) {
      let chunk = "";
      const cells = new Array(width);
      const { kept, labels, probabilities } = batch;
      const classes = width - kept.length - 1;
      for (let r = 0; r < batch.rows; r++) {
        for (let c = 0; c < kept.length; c++) cells[c] = kept[c][r];
        cells[kept.length] = labels[r];
        for (let c = 0; c < classes; c++) cells[kept.length + 1 + c] = probabilities[r * batch.width + c];
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
    }
  };
}
async function parquetSink(temp, path, names, numeric, threads) {
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
    }
  };
}
function columnsWithRole(contract, roles) {
  return contract?.columns.filter((column) => column.roles.some((role) => roles.includes(role))).map((column) => column.name) ?? [];
}
async function runPredictStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const evaluate = loaded.config?.evaluate;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const out = inputs.out;
  if (out === void 0 || out === "")
    throw new UserError("no output file was given", { hint: "set --out FILE (the out input), e.g. --out predictions.parquet" });
  const format = predictFormat(out, inputs.format);
  const data = inputs.data ?? [];
  if (data.length === 0)
    throw new UserError("no data to score was given", {
      hint: "name the files or https:// URLs to score, e.g. modelship predict batch.csv --out p.csv"
    });
  const contractPath = pick(inputs.contract, fromConfig(loaded.config?.data?.contract));
  const contract = contractPath === void 0 ? void 0 : await loadContract(contractPath);
  const trainOutput = fromConfig(loaded.config?.train?.output) ?? DEFAULT_MODEL_DIR;
  const modelPath = pick(inputs.model, fromConfig(evaluate?.model)) ?? join(trainOutput, "model.onnx");
  const features = inputs.features !== void 0 && inputs.features.length > 0 ? inputs.features : evaluate?.features;
  const outputs = evaluate?.outputs;
  const threadsAvailable = threadCount();
  const threads = inputs.threads ?? (format === "parquet" && threadsAvailable === 2 ? 1 : void 0);
  const model = await loadModel({
    path: modelPath,
    ...features === void 0 ? {} : { features },
    ...modelOutputsFromConfig(outputs),
    ...evaluate?.task === void 0 ? {} : { task: evaluate.task },
    ...threads === void 0 ? {} : { threads },
    setting: "--model (the model input, or evaluate.model in modelship.yaml)"
  });
  const predictionColumns = columnsWithRole(contract, ["prediction"]);
  const labelColumn = inputs.labelColumn ?? (predictionColumns.length === 1 ? predictionColumns[0] : "prediction");
  const passThrough = [.../* @__PURE__ */ new Set([...columnsWithRole(contract, ["id", "timestamp"]), ...inputs.keep ?? []])];
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString("hex")}.tmp`);
  let sink;
  let names = [];
  let classNames;
  let rows = 0;
  const resolved = [];
  try {
    for (const item of data) {
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(item);
      resolved.push(
        await resolveCurrentSources(url ? { urls: [item] } : { paths: [item] }, {
          logger: run.logger,
          network: networkPolicy(run, loaded)
        })
      );
    }
    const readOptions = { ...contract ? readOptionsFor(contract) : {}, batchSize: inputs.batchSize ?? evaluate?.batch_size ?? 8192 };
    const wanted = [.../* @__PURE__ */ new Set([...model.requiredColumns, ...passThrough])];
    const aliases = new Map(
      wanted.map((name) => {
        const column = contract?.columns.find((candidate) => candidate.name === name);
        return [name, column === void 0 ? void 0 : aliasMap(column)];
      })
    );
    for (const file of resolved.flatMap((sources) => sources.files)) {
      const source = await openTable(file, readOptions);
      checkColumns(model, source.columns, file);
      const absent = (inputs.keep ?? []).filter((name) => !source.columns.includes(name));
      if (absent.length > 0)
        throw new UserError(`the data has no column ${absent.map((name) => JSON.stringify(name)).join(", ")} to keep`, {
          file,
          hint: `remove it from --keep (the keep input); the file has ${source.columns.map((name) => JSON.stringify(name)).join(", ")}`
        });
      const kept = passThrough.filter((name) => source.columns.includes(name));
      if (sink !== void 0 && kept.join("\0") !== names.slice(0, kept.length).join("\0"))
        throw new UserError("has other id, timestamp or kept columns than the first file, so the rows cannot go into one output", {
          file,
          hint: "score the files separately (one --out each), or give files with the same columns"
        });
      const indexes = new Map(wanted.filter((name) => source.columns.includes(name)).map((name) => [name, source.columns.indexOf(name)]));
      for await (const batch of source.batches()) {
        const columns = /* @__PURE__ */ new Map();
        for (const [name, index] of indexes) {
          const raw = batch.columns[index];
          const alias = aliases.get(name);
          columns.set(name, alias === void 0 ? raw : raw.map((value) => applyAlias(value, alias)));
        }
        const prediction = await model.predict({ columns, rows: batch.length, lines: batch.lines, file });
        const width = prediction.classes ?? 0;
        if (sink === void 0) {
          classNames = classNamesOf(model.classLabels, evaluate?.classes, width);
          names = [...kept, labelColumn, ...classNames.map((name) => `proba_${name}`)];
          const clash = names.find((name, i) => names.indexOf(name) !== i);
          if (clash !== void 0)
            throw new UserError(`the output would have two columns named "${clash}"`, {
              hint: "set --label-column to a name the id, timestamp and kept columns do not use"
            });
          sink = await openSink(
            format,
            temp,
            out,
            names,
            [...kept.map(() => false), prediction.values !== void 0, ...classNames.map(() => true)],
            threadsAvailable
          );
        }
        await sink.write({
          rows: batch.length,
          kept: kept.map((name) => columns.get(name).map(cellOf)),
          labels: labelsOf(prediction, classNames, batch.length),
          probabilities: prediction.probabilities,
          width
        });
        rows += batch.length;
      }
    }
    if (sink === void 0) {
      classNames = classNamesOf(model.classLabels, evaluate?.classes, 0);
      names = [...passThrough, labelColumn, ...classNames.map((name) => `proba_${name}`)];
      sink = await openSink(
        format,
        temp,
        out,
        names,
        names.map(() => false),
        threadsAvailable
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
async function openSink(format, temp, out, names, numeric, threads) {
  try {
    await mkdir(dirname(out), { recursive: true });
    if (format === "parquet") return await parquetSink(temp, out, names, numeric, threads);
    if (format === "jsonl")
      return await streamSink(
        temp,
        out,
        names.length,
        void 0,
        (cells) => `${JSON.stringify(Object.fromEntries(names.map((name, c) => [name, cells[c]])))}
`
      );
    return await streamSink(temp, out, names.length, `${names.map(csvCell).join(",")}
`, (cells) => `${cells.map(csvCell).join(",")}
`);
  } catch (error) {
    if (errnoCode(error) === void 0) throw error;
    throw new UserError(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: "choose another --out path, or move what is in the way",
      cause: error
    });
  }
}
function cellOf(value) {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return value;
  return String(value);
}
function classNamesOf(graph, configured, width) {
  if (graph !== void 0 && graph.length === width) return graph;
  if (configured !== void 0 && configured.length === width) return configured.map(String);
  return Array.from({ length: width }, (_, c) => String(c));
}
function labelsOf(prediction, classNames, rows) {
  if (prediction.labels !== void 0) return prediction.labels;
  if (prediction.values !== void 0) return Array.from(prediction.values);
  const width = classNames.length;
  const labels = new Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (prediction.probabilities[r * width + c] > prediction.probabilities[r * width + best]) best = c;
    labels[r] = classNames[best] ?? null;
  }
  return labels;
}

export {
  PREDICT_FORMATS,
  predictFormat,
  runPredictStage
};
