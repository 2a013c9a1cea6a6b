import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsFlags,
  gitOpsInputs,
  pullRequestFlags
} from "./chunk-TNJZQ55C.js";
import {
  renderCanaryText
} from "./chunk-UXIXN7OT.js";
import "./chunk-WYWBGQTR.js";
import {
  commandOutput,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp,
  timeFlag
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import "./chunk-Z64YVPXU.js";
import "./chunk-WW4KD5R5.js";
import {
  runCanaryStage
} from "./chunk-5QF4UCYZ.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import "./chunk-WMANSC4W.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-IBGUEDEO.js";
import "./chunk-XYL5FBBP.js";
import "./chunk-VVREGJ63.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-DPH7L46L.js";
import "./chunk-OXQJNLJL.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-NR5AHLJJ.js";
import "./chunk-JUOJYRD4.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/canary-command.ts
var flags = {
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "an environment to check (default: every one with health checks)"
  },
  prometheus: { type: "string", value: "URL", description: "Prometheus base URL (default health.prometheus)" },
  metrics: {
    type: "string",
    value: "FILE|URL",
    description: "a metrics document instead of Prometheus (schemas/canary-metrics.schema.json)"
  },
  now: { type: "string", value: "TIME", description: "judge the bake time as of this ISO 8601 time (default now)" },
  "dry-run": { type: "boolean", description: "decide and print, open no pull request" },
  ...gitOpsFlags,
  ...pullRequestFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var canaryCommand = {
  name: "canary",
  summary: "check running canaries' health and open the step-up, promotion or rollback pull request",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "canary", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship canary [--env ENV]... [--prometheus URL | --metrics FILE|URL] [--dry-run]",
          summary: "Reads the rollout state from the GitOps repository, queries each check for the canary (and the stable model where a\ncheck compares), and decides: roll back when a check fails, hold while the bake time runs or data is missing, else\nstep up to the next weight or promote after the last. The PR goes to branch modelship/ENV/MODEL, as promote's do.",
          flags,
          notes: "exit status: 0 decided (a PR opened or updated, or nothing to do), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const now = timeFlag(values.now, "now");
    const results = await runCanaryStage(
      {
        environments: listFlag(values.env),
        prometheus: values.prometheus,
        metrics: values.metrics,
        now,
        dryRun: values["dry-run"] === true,
        gitops: gitOpsInputs(values, output.context)
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      failed: false,
      text: () => renderCanaryText(results, output.text),
      reports: results.map((result) => result.promotion?.bodyPath),
      json: results.map((result) => ({
        environment: result.environment,
        decision: result.decision,
        checks: result.checks,
        lastChange: result.lastChange,
        ...result.dryRun === void 0 ? {} : { dryRun: result.dryRun },
        promotion: result.promotion === void 0 ? void 0 : {
          status: result.promotion.status,
          branch: result.promotion.branch,
          title: result.promotion.title,
          prNumber: result.promotion.prNumber,
          prUrl: result.promotion.prUrl,
          bodyPath: result.promotion.bodyPath
        }
      }))
    });
    return ExitCode.ok;
  }
};
export {
  canaryCommand
};
