/** The select-best action: load the sweep's run records → rank → outputs, summary, sticky comment. */
import { basename, join, resolve } from "node:path";
import { writeFileAtomic } from "../common/atomic-write.ts";
import { readGitHubContext } from "../github/context.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { publishReport } from "../github/sticky-comment.ts";
import { loadRuns, selectBest } from "../train/select-best.ts";
import {
  ActionsLogger,
  core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getRequiredInput,
  runAction,
  TOOL_VERSION,
  writeJobSummary,
} from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
  const root = getInput("runs") ?? "runs";
  const selection = selectBest({
    runs: await loadRuns(root),
    metric: getRequiredInput("metric", "name the metric to rank by, e.g. metric: val_accuracy"),
    mode: getChoiceInput<"max" | "min">("mode", ["max", "min"], "max"),
  });
  const comparisonPath = join(root, "sweep-comparison.md");
  await writeFileAtomic(comparisonPath, `${selection.markdown}\n`);
  core.setOutput("best-dir", resolve(root, selection.best.dir));
  // The run's folder name (the artifact's name), for jobs on other runners where best-dir's path means nothing.
  core.setOutput("best-run", basename(resolve(root, selection.best.dir)));
  core.setOutput("best-value", String(selection.best.record.metrics[selection.metric]));
  core.setOutput("best-params", JSON.stringify(selection.best.record.params));
  core.setOutput("comparison-path", comparisonPath);
  logger.info(
    `Best of ${selection.ranked.length} run(s) by ${selection.metric}: ${selection.best.dir} (${selection.best.record.metrics[selection.metric]})`,
  );
  const context = readGitHubContext();
  await publishReport({
    context,
    client:
      getBooleanInput("comment", true) && token !== undefined
        ? createGitHubClient({ token, logger, userAgentVersion: TOOL_VERSION })
        : undefined,
    key: { workflow: context.workflow ?? "modelship", subject: "train:sweep" },
    markdown: selection.markdown,
    fullReport: `\`${comparisonPath}\``,
    logger,
    writeSummary: writeJobSummary,
  });
});
