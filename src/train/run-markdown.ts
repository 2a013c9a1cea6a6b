/** Renders a run record as markdown for the job summary and the PR comment. */
import type { RunRecord } from "./run-record-types.ts";
import { backendLabel } from "./run-record-text.ts";
import { code, details, escapeMarkdown, formatNumber, sections, table, xyChart } from "../common/markdown.ts";

function signatureRows(values: RunRecord["model"]["inputs"]): string[][] {
  return values.map((value) => [code(value.name), value.type, value.shape === undefined ? "" : `[${value.shape.join(", ")}]`]);
}

/** Loss (and validation loss) per epoch as a line chart, when the run has a history. */
function historyChart(record: RunRecord): string | undefined {
  const history = record.history.filter((entry) => typeof entry.loss === "number");
  if (history.length < 2) return undefined;
  const series = [{ kind: "line" as const, values: history.map((entry) => entry.loss!) }];
  if (history.every((entry) => typeof entry.val_loss === "number"))
    series.push({ kind: "line", values: history.map((entry) => entry.val_loss!) });
  return xyChart({
    title: series.length > 1 ? "loss and val_loss per epoch" : "loss per epoch",
    x: history.map((entry, index) => String(entry.epoch ?? entry.step ?? index + 1)),
    yLabel: "loss",
    series,
  });
}

/** The run: what ran where, its metrics, the model's signature, GPUs, data fingerprints. */
export function renderRunSummary(record: RunRecord, options: { headingLevel?: number } = {}): string {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const what =
    record.mode === "command"
      ? `command ${code(record.command ?? "")}`
      : `the built-in trainer (${code(record.config?.path ?? "")}, ${record.backend === undefined ? "unknown backend" : escapeMarkdown(backendLabel(record.backend))})`;
  const gpu =
    record.gpu.devices.length === 0
      ? `No GPU (${escapeMarkdown(record.gpu.reason ?? "none found")}).`
      : table(
          ["GPU", "memory", "mean util.", "peak util.", "peak memory"],
          record.gpu.devices.map((device) => {
            const usage = record.gpu.utilization.find((entry) => entry.index === device.index);
            return [
              `${device.index}: ${escapeMarkdown(device.name)}`,
              `${formatNumber(device.memoryTotalMiB, 0)} MiB`,
              usage === undefined ? "" : `${usage.meanUtilizationPercent}%`,
              usage === undefined ? "" : `${usage.maxUtilizationPercent}%`,
              usage === undefined ? "" : `${formatNumber(usage.maxMemoryUsedMiB, 0)} MiB`,
            ];
          }),
        );
  const metrics =
    Object.keys(record.metrics).length === 0
      ? "_The run reported no metrics._"
      : table(
          ["metric", "value"],
          Object.entries(record.metrics).map(([name, value]) => [code(name), formatNumber(value)]),
          { align: ["left", "right"] },
        );
  const params =
    Object.keys(record.params).length === 0
      ? undefined
      : details(
          "Parameters",
          table(
            ["parameter", "value"],
            Object.entries(record.params).map(([name, value]) => [code(name), escapeMarkdown(JSON.stringify(value))]),
          ),
        );
  const signature = details(
    "Model signature",
    sections(
      table(["input", "type", "shape"], signatureRows(record.model.inputs)),
      table(["output", "type", "shape"], signatureRows(record.model.outputs)),
    ),
  );
  const data = details(
    "Data fingerprints",
    table(
      ["file", "sha256", "bytes"],
      [...record.data.files, ...(record.data.contract === undefined ? [] : [record.data.contract])].map((file) => [
        code(file.path),
        code(file.sha256.slice(0, 12)),
        formatNumber(file.bytes, 0),
      ]),
    ),
  );
  const footer = [
    `${record.timing.wallSeconds} s`,
    record.git.sha === undefined ? undefined : `commit ${code(record.git.sha.slice(0, 7))}${record.git.dirty === true ? " (dirty)" : ""}`,
    record.run?.url === undefined ? undefined : `[workflow run](${record.run.url})`,
    `${escapeMarkdown(record.runner.os)}, ${record.runner.cpus} CPUs`,
    record.container === undefined ? undefined : `container ${code(record.container.image)}`,
    record.gpu.cudaToolkit === undefined ? undefined : `CUDA ${escapeMarkdown(record.gpu.cudaToolkit.version)}`,
    `modelship ${record.tool.version}`,
  ]
    .filter((part) => part !== undefined)
    .join(" · ");
  return sections(
    `${hashes} Training run`,
    `Trained with ${what}; model ${code(record.model.file.sha256.slice(0, 12))} (${formatNumber(record.model.file.bytes, 0)} bytes).`,
    metrics,
    historyChart(record),
    gpu,
    params,
    signature,
    data,
    `<sub>${footer}</sub>`,
  );
}
