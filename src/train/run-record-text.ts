/**
 * A run record as plain text for a terminal: what trained and how (the trainer, TensorFlow.js
 * backend, epochs, time), the final metrics in four significant digits, whether a GPU was used, and
 * the model's path, once. run-markdown.ts renders the same record for the job summary and the PR.
 */
import { bytes, mark, printable, shortSha, significant } from "../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../common/text-style.ts";
import type { RunRecord } from "./run-record-types.ts";

/** Metrics named on the metrics line by default; `verbose` names them all. */
export const TEXT_METRICS = 8;

/** The built-in trainer's backend in words: "modelship-js backend, 2 threads" or "TensorFlow.js wasm backend". */
export function backendLabel(backend: NonNullable<RunRecord["backend"]>): string {
  if (backend.name === "modelship-js")
    return `modelship-js backend${backend.threads === undefined ? "" : `, ${backend.threads} thread${backend.threads === 1 ? "" : "s"}`}`;
  return `TensorFlow.js ${backend.name} backend`;
}

function trainer(record: RunRecord): string {
  if (record.mode === "command") return `command ${printable(JSON.stringify(record.command ?? ""))}`;
  const config = record.config?.path === undefined ? "" : ` (${printable(record.config.path)})`;
  const backend = record.backend === undefined ? "" : `, ${printable(backendLabel(record.backend))}`;
  return `the built-in trainer${config}${backend}`;
}

function epochs(record: RunRecord): string | undefined {
  const ran = record.history.length;
  if (ran === 0) return undefined;
  const planned = record.params.epochs;
  const best = record.params.best_epoch;
  const parts = [typeof planned === "number" && planned > ran ? `${ran} of ${planned} epochs (stopped early)` : plural(ran, "epoch")];
  if (typeof best === "number" && best !== ran) parts.push(`best ${best}`);
  return parts.length === 1 ? parts[0] : `${parts[0]}, ${parts[1]}`;
}

function seconds(value: number): string {
  return value < 60 ? `${significant(value, 3)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

function gpuLines(record: RunRecord, options: TextOptions): string[] {
  const { gpu } = record;
  if (gpu.devices.length === 0) return [`  GPU: none${gpu.reason === undefined ? "" : ` (${printable(gpu.reason)})`}`];
  return gpu.devices.map((device) => {
    const usage = gpu.utilization.find((entry) => entry.index === device.index);
    const used =
      usage === undefined
        ? ""
        : `: ${usage.meanUtilizationPercent}% mean, ${usage.maxUtilizationPercent}% peak utilization, ${usage.maxMemoryUsedMiB.toLocaleString("en-US")} of ${device.memoryTotalMiB.toLocaleString("en-US")} MiB peak`;
    return `  GPU ${device.index}: ${paint(options, "bold", printable(device.name))}${used}`;
  });
}

/**
 * The run for a terminal: the verdict (trained) with the trainer, backend, epochs and time, the
 * metrics, the GPU, and the model file (`modelPath` when given, else the record's name for it).
 * A run that failed never gets here: the stage throws a UserError that says why.
 */
export function renderRunRecordText(result: { record: RunRecord; modelPath?: string }, options: TextOptions): string {
  const { record } = result;
  const how = [trainer(record), epochs(record), `in ${seconds(record.timing.wallSeconds)}`].filter((part) => part !== undefined);
  const lines = [`${mark(options, "pass")} ${paint(options, "bold", "Trained")} with ${how.join(", ")}`];
  if (options.quiet) return lines.join("\n");
  const metrics = Object.entries(record.metrics);
  if (metrics.length === 0) lines.push(`  ${mark(options, "warn")} the run reported no metrics`);
  else {
    const shown = options.verbose ? metrics : metrics.slice(0, TEXT_METRICS);
    const more = metrics.length - shown.length;
    lines.push(
      `  metrics: ${shown.map(([name, value]) => `${printable(name)} ${paint(options, "bold", significant(value))}`).join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
    );
  }
  lines.push(...gpuLines(record, options));
  const file = record.model.file;
  lines.push(
    `  model: ${paint(options, "cyan", printable(result.modelPath ?? file.path))} (sha256 ${shortSha(file.sha256)}, ${bytes(file.bytes)}; ${plural(record.model.inputs.length, "input")}, ${plural(record.model.outputs.length, "output")})`,
  );
  if (options.verbose) {
    const params = Object.entries(record.params);
    if (params.length > 0)
      lines.push(
        `  params: ${params.map(([name, value]) => `${printable(name)}=${printable(JSON.stringify(value) ?? "null")}`).join(", ")}`,
      );
    if (record.seed !== undefined) lines.push(`  seed: ${record.seed}`);
    for (const data of [...record.data.files, ...(record.data.contract === undefined ? [] : [record.data.contract])])
      lines.push(`  data: ${printable(data.path)} (sha256 ${shortSha(data.sha256)}, ${bytes(data.bytes)})`);
    if (record.git.sha !== undefined)
      lines.push(`  commit: ${printable(record.git.sha.slice(0, 12))}${record.git.dirty === true ? " (dirty)" : ""}`);
  }
  return lines.join("\n");
}
