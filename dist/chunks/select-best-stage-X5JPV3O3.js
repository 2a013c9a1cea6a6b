import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  run_record_schema_default
} from "./chunk-E5B55GBZ.js";
import {
  publishComment
} from "./chunk-YIWHVYTV.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import "./chunk-JUOJYRD4.js";
import {
  assertValid,
  parseYamlSource
} from "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import {
  code,
  escapeMarkdown,
  formatNumber,
  sections,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/stages/select-best-stage.ts
import { basename, join as join2, resolve } from "node:path";

// src/train/rank-runs.ts
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
async function loadRuns(root) {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UserError(
      errnoCode(error) === "ENOENT" ? "the folder of training runs does not exist" : `cannot read the folder of training runs (${errnoCode(error) ?? String(error)})`,
      { file: root, hint: "download the train jobs' artifacts there first (actions/download-artifact with pattern: model-*)" }
    );
  }
  const files = entries.filter((entry) => entry.isFile() && entry.name === "run-record.json").map((entry) => join(entry.parentPath, entry.name)).sort();
  if (files.length === 0)
    throw new UserError("no run-record.json found", {
      file: root,
      hint: "each train job uploads its output folder (model.onnx, run-record.json) as an artifact; download them all into this folder"
    });
  return Promise.all(
    files.map(async (file) => {
      const source = parseYamlSource(await readFile(file, "utf8"), file);
      const record = assertValid(run_record_schema_default, source.data, { file, what: "run record", source });
      return { dir: relative(root, join(file, "..")) || ".", record };
    })
  );
}
function paramsText(params) {
  const entries = Object.entries(params);
  return entries.length === 0 ? "(defaults)" : entries.map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`).join(", ");
}
function selectBest(options) {
  const { runs, metric, mode } = options;
  const scored = runs.filter((run) => typeof run.record.metrics[metric] === "number" && Number.isFinite(run.record.metrics[metric]));
  if (scored.length === 0) {
    const available = [...new Set(runs.flatMap((run) => Object.keys(run.record.metrics)))].sort();
    throw new UserError(`no run reported the metric "${metric}"`, {
      hint: available.length === 0 ? "the runs reported no metrics: write them to metrics.json" : `choose one of: ${available.join(", ")}`
    });
  }
  const sign = mode === "max" ? -1 : 1;
  const ranked = [
    ...scored.sort((a, b) => sign * (a.record.metrics[metric] - b.record.metrics[metric])),
    ...runs.filter((run) => !scored.includes(run))
  ];
  const best = ranked[0];
  const others = [...new Set(runs.flatMap((run) => Object.keys(run.record.metrics)))].filter((name) => name !== metric).sort().slice(0, 4);
  const rows = ranked.map((run, index) => [
    index === 0 ? "\u{1F3C6}" : String(index + 1),
    code(run.dir),
    escapeMarkdown(paramsText(run.record.params)),
    run.record.metrics[metric] === void 0 ? "\u2014" : `**${formatNumber(run.record.metrics[metric])}**`,
    ...others.map((name) => run.record.metrics[name] === void 0 ? "\u2014" : formatNumber(run.record.metrics[name])),
    run.record.gpu.devices.length === 0 ? "CPU" : escapeMarkdown(run.record.gpu.devices.map((device) => device.name).join(", ")),
    `${run.record.timing.wallSeconds} s`
  ]);
  const markdown = sections(
    "### Hyperparameter sweep",
    `${runs.length} run${runs.length === 1 ? "" : "s"}; best by ${code(metric)} (${mode === "max" ? "higher is better" : "lower is better"}): ${code(best.dir)} with ${escapeMarkdown(paramsText(best.record.params))}.`,
    table(["", "run", "parameters", metric, ...others, "GPU", "time"], rows, {
      align: ["center", "left", "left", "right", ...others.map(() => "right"), "left", "right"]
    }),
    runs.length > scored.length ? `_${runs.length - scored.length} run(s) did not report ${code(metric)} and are listed last._` : void 0
  );
  return { metric, mode, best, ranked, markdown };
}

// src/stages/select-best-stage.ts
async function runSelectBestStage(inputs, run) {
  const root = inputs.runs ?? "runs";
  const selection = selectBest({ runs: await loadRuns(root), metric: inputs.metric, mode: inputs.mode ?? "max" });
  const comparisonPath = join2(root, "sweep-comparison.md");
  await writeFileAtomic(comparisonPath, `${selection.markdown}
`);
  const bestDir = resolve(root, selection.best.dir);
  run.logger.info(
    `Best of ${selection.ranked.length} run(s) by ${selection.metric}: ${selection.best.dir} (${selection.best.record.metrics[selection.metric]})`
  );
  await publishComment(
    {
      context: inputs.context,
      writeSummary: inputs.writeSummary,
      comment: inputs.comment ?? true,
      key: { workflow: inputs.context.workflow ?? "modelship", subject: "train:sweep" },
      markdown: selection.markdown,
      fullReport: `\`${comparisonPath}\``
    },
    run
  );
  return { selection, bestDir, bestRun: basename(bestDir), comparisonPath };
}
export {
  runSelectBestStage
};
