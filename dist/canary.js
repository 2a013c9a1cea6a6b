import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageContext
} from "./chunks/chunk-SBU5LXAN.js";
import {
  renderHealthTable,
  runCanaryStage
} from "./chunks/chunk-YF36TLQY.js";
import "./chunks/chunk-V36GUW3J.js";
import "./chunks/chunk-HVKBUQ7P.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-WD2F546Y.js";
import "./chunks/chunk-OJJK5JVX.js";
import "./chunks/chunk-H7PDXF43.js";
import "./chunks/chunk-7S2M77GZ.js";
import "./chunks/chunk-MDZOKATS.js";
import {
  core_exports,
  getBooleanInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-XGJMHXZG.js";
import "./chunks/chunk-CU22JUSQ.js";

// src/actions/canary.ts
await runAction(async () => {
  const gitopsRepo = getInput("gitops-repo");
  const outDir = getInput("out");
  const stage = await actionStageContext({
    ...gitopsRepo === void 0 ? {} : { gitopsRepo },
    ...outDir === void 0 ? {} : { outDir }
  });
  const environments = getListInput("environments");
  const prometheus = getInput("prometheus");
  const metrics = getInput("metrics");
  const results = await runCanaryStage(
    {
      ...environments.length === 0 ? {} : { environments },
      ...prometheus === void 0 ? {} : { prometheus },
      ...metrics === void 0 ? {} : { metrics },
      dryRun: getBooleanInput("dry-run", false)
    },
    stage
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
