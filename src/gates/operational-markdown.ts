/**
 * The operational section of the gate report as markdown: where the figures were measured, one
 * table of the challenger's (and the champion's) size, load time, memory and latency per batch size
 * with intervals, the ratios to the champion, and a small chart of the latency percentiles at batch 1.
 */
import { code, escapeMarkdown, sections, table, xyChart } from "../common/markdown.ts";
import type { LatencyFigures, MeasuredFigure, OperationalFigures, OperationalSection } from "./gate-report-types.ts";
import { formatFigure, formatMeasured } from "./operational-gates.ts";

/** "AMD EPYC, 2 logical CPUs, onnxruntime 1.30.0 (threads: its default), linux-x64". */
export function environmentLine(section: OperationalSection): string {
  const { environment } = section;
  const threads =
    environment.threads === "default"
      ? "threads: onnxruntime's default"
      : `${environment.threads} thread${environment.threads === 1 ? "" : "s"}`;
  return `${environment.cpu}, ${environment.logicalCpus} logical CPUs, onnxruntime ${environment.onnxruntime} (${threads}), ${environment.platform}`;
}

/** "10 rounds × 30 calls after 10 warm-up calls; 95% intervals: bootstrap over the rounds". */
export function methodLine(section: OperationalSection): string {
  const { method } = section;
  const intervals =
    method.resamples > 0
      ? `; ${Math.round(method.confidence * 100)}% intervals: bootstrap over the rounds${method.interleaved ? " (paired for the ratios)" : ""}`
      : method.rounds < 2
        ? "; one round, so no intervals"
        : "; no intervals (bootstrap.resamples is 0)";
  const interleaved = method.interleaved ? ", the champion timed in the same rounds in alternating order" : "";
  return `${method.rounds} rounds × ${method.callsPerRound} calls per batch size after ${method.warmup} warm-up calls${interleaved}${intervals}`;
}

const LATENCY_ROWS: [string, (latency: LatencyFigures) => MeasuredFigure][] = [
  ["latency p50 (ms)", (latency) => latency.p50Ms],
  ["latency p95 (ms)", (latency) => latency.p95Ms],
  ["latency p99 (ms)", (latency) => latency.p99Ms],
  ["throughput (rows/s)", (latency) => latency.throughputRowsPerS],
];

const RATIO_KEYS = ["p50", "p95", "p99", "throughput"] as const;

export function operationalMarkdown(section: OperationalSection | undefined): string {
  if (section === undefined) return "";
  const champion = section.champion;
  // Size, parameters, load time and memory: one measurement each, their ratio without an interval.
  const single = (label: string, pick: (figures: OperationalFigures) => number | null) => {
    const ours = pick(section.challenger);
    const theirs = champion === undefined ? null : pick(champion);
    const ratio = ours !== null && theirs !== null && theirs > 0 ? formatFigure(ours / theirs) : "—";
    return [label, formatFigure(ours), ...(champion === undefined ? [] : [formatFigure(theirs), ratio])];
  };
  const rows: string[][] = [
    single("Size (MB)", (figures) => figures.sizeMb),
    single("Parameters", (figures) => figures.parameters),
    single("Session load (ms)", (figures) => figures.loadMs),
    single("Peak memory (MB)", (figures) => figures.peakMemoryMb),
  ];
  for (const latency of section.challenger.latency) {
    const theirs = champion?.latency.find((entry) => entry.batch === latency.batch);
    const ratios = section.ratios?.find((entry) => entry.batch === latency.batch);
    LATENCY_ROWS.forEach(([label, pick], i) => {
      rows.push([
        `Batch ${latency.batch}: ${label}`,
        formatMeasured(pick(latency)),
        ...(champion === undefined ? [] : [formatMeasured(theirs && pick(theirs)), formatMeasured(ratios?.[RATIO_KEYS[i]!])]),
      ]);
    });
  }
  const headers = ["", "Challenger", ...(champion === undefined ? [] : ["Champion", "Ratio"])];
  const figures = table(headers, rows, { align: ["left", "right", ...(champion === undefined ? [] : (["right", "right"] as const))] });
  const one = section.challenger.latency.find((entry) => entry.batch === 1);
  const theirsOne = champion?.latency.find((entry) => entry.batch === 1);
  const values = (latency: LatencyFigures) => [latency.p50Ms.value ?? 0, latency.p95Ms.value ?? 0, latency.p99Ms.value ?? 0];
  // Mermaid's xychart draws bar series over each other, not side by side: the champion is a line.
  const top = Math.max(...(one === undefined ? [] : values(one)), ...(theirsOne === undefined ? [] : values(theirsOne)));
  const chart =
    one === undefined
      ? ""
      : sections(
          xyChart({
            title: "Latency per call at batch 1 (ms)",
            x: ["p50", "p95", "p99"],
            yLabel: "milliseconds",
            yRange: [0, Number((top * 1.2).toPrecision(2)) || 1],
            series: [
              { kind: "bar", values: values(one) },
              ...(theirsOne === undefined ? [] : [{ kind: "line" as const, values: values(theirsOne) }]),
            ],
          }),
          theirsOne === undefined ? "" : "_Bars: the challenger; line: the champion._",
        );
  const notes = section.notes.map((note) => `> ℹ️ ${escapeMarkdown(note)}`).join("\n");
  return sections(
    "#### Operational (onnxruntime on the runner)",
    `Measured on ${escapeMarkdown(environmentLine(section))}: ${escapeMarkdown(methodLine(section))}. ${champion === undefined ? "Absolute times move with the runner: a champion timed in the same job gives ratios, which move much less" : "Ratios are challenger ÷ champion (latency above 1: slower); absolute times move with the runner, ratios much less"}. Read memory as a floor for the serving runtime, not its figure. The figures are in ${code("gate-report.json")} under ${code("operational")}.`,
    figures,
    notes,
    chart,
  );
}
