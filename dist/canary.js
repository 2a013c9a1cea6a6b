import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsActionInputs
} from "./chunks/chunk-S75NK6NR.js";
import {
  renderHealthTable,
  runCanaryStage
} from "./chunks/chunk-WPZZ3R7D.js";
import "./chunks/chunk-BUYS7TDU.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-TU67Z6CI.js";
import "./chunks/chunk-C4RNAJ2Z.js";
import "./chunks/chunk-WFFBTO2P.js";
import {
  core_exports,
  getBooleanInput,
  getInput,
  getOptionalListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-ZRBTEC3G.js";
import "./chunks/chunk-K5RVHLOP.js";

// src/actions/canary.ts
await runAction(async () => {
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), outDir: getInput("out") });
  const results = await runCanaryStage(
    {
      environments: getOptionalListInput("environments"),
      prometheus: getInput("prometheus"),
      metrics: getInput("metrics"),
      dryRun: getBooleanInput("dry-run", false),
      gitops
    },
    run
  );
  core_exports.setOutput(
    "decisions",
    JSON.stringify(
      results.map((result) => ({
        environment: result.environment,
        action: result.decision.action,
        reason: result.decision.reason,
        pr_number: result.promotion?.prNumber ?? null,
        pr_url: result.promotion?.prUrl ?? null
      }))
    )
  );
  const first = results.find((result) => result.promotion?.prUrl !== void 0);
  core_exports.setOutput("pr-url", first?.promotion?.prUrl ?? "");
  core_exports.setOutput("pr-number", first?.promotion?.prNumber === void 0 ? "" : String(first.promotion.prNumber));
  const parts = results.map((result) => {
    const promotion = result.promotion;
    const pr = promotion === void 0 ? "" : `

${promotion.prUrl === void 0 ? promotion.status : `[${promotion.title}](${promotion.prUrl}) (${promotion.status})`}`;
    return `### ${result.environment}: ${result.decision.action}

${result.decision.reason}${result.checks.length > 0 ? `

${renderHealthTable(result.checks)}` : ""}${pr}`;
  });
  await writeJobSummary(`## modelship canary

${parts.join("\n\n")}`);
});
