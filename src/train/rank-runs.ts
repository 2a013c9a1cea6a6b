/**
 * Picks the best of several training runs (a hyperparameter sweep's matrix jobs) by one named
 * metric, and renders every run side by side so a reviewer sees what the sweep tried.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import runRecordSchema from "../../schemas/run-record.schema.json" with { type: "json" };
import { errnoCode, UserError } from "../common/errors.ts";
import { assertValid } from "../common/schema-validation.ts";
import { parseYamlSource } from "../common/yaml-source.ts";
import { code, escapeMarkdown, formatNumber, sections, table } from "../common/markdown.ts";
import type { RunRecord } from "./run-record-types.ts";

export interface LoadedRun {
  /** Folder of the run's outputs (model.onnx, run-record.json), relative to the search root. */
  dir: string;
  record: RunRecord;
}

export interface Selection {
  metric: string;
  mode: "max" | "min";
  best: LoadedRun;
  /** Every run, best first; runs without the metric last. */
  ranked: LoadedRun[];
  markdown: string;
}

/** Finds every run-record.json below `root` (as download-artifact lays out one folder per artifact). */
export async function loadRuns(root: string): Promise<LoadedRun[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UserError(
      errnoCode(error) === "ENOENT"
        ? "the folder of training runs does not exist"
        : `cannot read the folder of training runs (${errnoCode(error) ?? String(error)})`,
      { file: root, hint: "download the train jobs' artifacts there first (actions/download-artifact with pattern: model-*)" },
    );
  }
  const files = entries
    .filter((entry) => entry.isFile() && entry.name === "run-record.json")
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0)
    throw new UserError("no run-record.json found", {
      file: root,
      hint: "each train job uploads its output folder (model.onnx, run-record.json) as an artifact; download them all into this folder",
    });
  return Promise.all(
    files.map(async (file) => {
      // Parsed with positions (JSON is YAML), so a damaged file is named with its line and pointer.
      const source = parseYamlSource(await readFile(file, "utf8"), file);
      const record = assertValid<RunRecord>(runRecordSchema, source.data, { file, what: "run record", source });
      return { dir: relative(root, join(file, "..")) || ".", record };
    }),
  );
}

function paramsText(params: Record<string, unknown>): string {
  const entries = Object.entries(params);
  return entries.length === 0
    ? "(defaults)"
    : entries.map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`).join(", ");
}

/** Ranks the runs by `metric` (higher is better for max) and renders the comparison. */
export function selectBest(options: { runs: LoadedRun[]; metric: string; mode: "max" | "min" }): Selection {
  const { runs, metric, mode } = options;
  const scored = runs.filter((run) => typeof run.record.metrics[metric] === "number" && Number.isFinite(run.record.metrics[metric]));
  if (scored.length === 0) {
    const available = [...new Set(runs.flatMap((run) => Object.keys(run.record.metrics)))].sort();
    throw new UserError(`no run reported the metric "${metric}"`, {
      hint: available.length === 0 ? "the runs reported no metrics: write them to metrics.json" : `choose one of: ${available.join(", ")}`,
    });
  }
  const sign = mode === "max" ? -1 : 1;
  // Ties go to the run listed first, so the choice is stable across re-runs.
  const ranked = [
    ...scored.sort((a, b) => sign * (a.record.metrics[metric]! - b.record.metrics[metric]!)),
    ...runs.filter((run) => !scored.includes(run)),
  ];
  const best = ranked[0]!;
  const others = [...new Set(runs.flatMap((run) => Object.keys(run.record.metrics)))]
    .filter((name) => name !== metric)
    .sort()
    .slice(0, 4);
  const rows = ranked.map((run, index) => [
    index === 0 ? "🏆" : String(index + 1),
    code(run.dir),
    escapeMarkdown(paramsText(run.record.params)),
    run.record.metrics[metric] === undefined ? "—" : `**${formatNumber(run.record.metrics[metric])}**`,
    ...others.map((name) => (run.record.metrics[name] === undefined ? "—" : formatNumber(run.record.metrics[name]))),
    run.record.gpu.devices.length === 0 ? "CPU" : escapeMarkdown(run.record.gpu.devices.map((device) => device.name).join(", ")),
    `${run.record.timing.wallSeconds} s`,
  ]);
  const markdown = sections(
    "### Hyperparameter sweep",
    `${runs.length} run${runs.length === 1 ? "" : "s"}; best by ${code(metric)} (${mode === "max" ? "higher is better" : "lower is better"}): ${code(best.dir)} with ${escapeMarkdown(paramsText(best.record.params))}.`,
    table(["", "run", "parameters", metric, ...others, "GPU", "time"], rows, {
      align: ["center", "left", "left", "right", ...others.map(() => "right" as const), "left", "right"],
    }),
    runs.length > scored.length ? `_${runs.length - scored.length} run(s) did not report ${code(metric)} and are listed last._` : undefined,
  );
  return { metric, mode, best, ranked, markdown };
}
