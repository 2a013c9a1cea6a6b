/**
 * The select-best stage: load a sweep's run records, rank them by one metric, write the comparison
 * beside them, and publish it as the sweep's sticky PR comment.
 */
import { basename, join, resolve } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { loadRuns, selectBest, type Selection } from "../train/rank-runs.ts";
import { publishComment, type ReportRun, type ReportTarget } from "./comment-stage.ts";

export type { Selection } from "../train/rank-runs.ts";
export type { ReportRun } from "./comment-stage.ts";

/** What the select-best action gives its stage. */
export interface SelectBestStageInputs extends ReportTarget {
  /** The folder the train jobs' artifacts were downloaded into (default `runs`). */
  runs?: string;
  metric: string;
  /** max (default): higher is better; min: lower is better. */
  mode?: "max" | "min";
  /** Whether to post the comparison as a sticky PR comment (default on). */
  comment?: boolean;
}

export interface SelectBestStageResult {
  selection: Selection;
  /** The best run's folder, absolute. */
  bestDir: string;
  /** The best run's folder name (the artifact's name), for jobs on other runners where bestDir's path means nothing. */
  bestRun: string;
  comparisonPath: string;
}

/** Ranks the sweep's runs, writes `sweep-comparison.md` into the runs folder, and publishes it. */
export async function runSelectBestStage(inputs: SelectBestStageInputs, run: ReportRun): Promise<SelectBestStageResult> {
  const root = inputs.runs ?? "runs";
  const selection = selectBest({ runs: await loadRuns(root), metric: inputs.metric, mode: inputs.mode ?? "max" });
  const comparisonPath = join(root, "sweep-comparison.md");
  await writeFileAtomic(comparisonPath, `${selection.markdown}\n`);
  const bestDir = resolve(root, selection.best.dir);
  run.logger.info(
    `Best of ${selection.ranked.length} run(s) by ${selection.metric}: ${selection.best.dir} (${selection.best.record.metrics[selection.metric]})`,
  );
  await publishComment(
    {
      context: inputs.context,
      writeSummary: inputs.writeSummary,
      comment: inputs.comment ?? true,
      key: { workflow: inputs.context.workflow ?? "modelship", subject: "train:sweep" },
      markdown: selection.markdown,
      fullReport: `\`${comparisonPath}\``,
    },
    run,
  );
  return { selection, bestDir, bestRun: basename(bestDir), comparisonPath };
}
