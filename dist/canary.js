import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  actionStageContext
} from "./chunks/chunk-2XCAHFPC.js";
import {
  renderHealthTable,
  runCanaryStage
} from "./chunks/chunk-ZOFYDK2H.js";
import "./chunks/chunk-PS2MCQ24.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import "./chunks/chunk-XSH5H6CH.js";
import {
  core_exports,
  getBooleanInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import "./chunks/chunk-I6K5MFCQ.js";

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
