import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsActionInputs
} from "./chunks/chunk-YRSISFRD.js";
import {
  renderHealthTable,
  runCanaryStage
} from "./chunks/chunk-KVTPN4CS.js";
import "./chunks/chunk-P7BFEAK3.js";
import "./chunks/chunk-PU2NKIVK.js";
import "./chunks/chunk-HAXYAQPI.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-6X4GN6NZ.js";
import "./chunks/chunk-TXDK3HM6.js";
import "./chunks/chunk-OLVC4NSS.js";
import "./chunks/chunk-2J5Z4KCR.js";
import {
  core_exports,
  getBooleanInput,
  getInput,
  getOptionalListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-ZC5XNF6T.js";
import "./chunks/chunk-EA62S6YL.js";

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
