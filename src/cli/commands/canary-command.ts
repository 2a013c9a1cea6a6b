/** `modelship canary`: read each canary's health and open the next PR — step up, promote or roll back. */
import { runCanaryStage } from "../../stages/promote-stage.ts";
import { renderCanaryText } from "../../stages/report-text.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { listFlag, parseFlags, renderHelp, timeFlag, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";
import { gitOpsFlags, gitOpsInputs, pullRequestFlags } from "./promote-command.ts";

const flags = {
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "an environment to check (default: every one with health checks)",
  },
  prometheus: { type: "string", value: "URL", description: "Prometheus base URL (default health.prometheus)" },
  metrics: {
    type: "string",
    value: "FILE|URL",
    description: "a metrics document instead of Prometheus (schemas/canary-metrics.schema.json)",
  },
  now: { type: "string", value: "TIME", description: "judge the bake time as of this ISO 8601 time (default now)" },
  "dry-run": { type: "boolean", description: "decide and print, open no pull request" },
  ...gitOpsFlags,
  ...pullRequestFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const canaryCommand: Command = {
  name: "canary",
  summary: "check running canaries' health and open the step-up, promotion or rollback pull request",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "canary", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship canary [--env ENV]... [--prometheus URL | --metrics FILE|URL] [--dry-run]",
          summary:
            "Reads the rollout state from the GitOps repository, queries each check for the canary (and the stable model where a\ncheck compares), and decides: roll back when a check fails, hold while the bake time runs or data is missing, else\nstep up to the next weight or promote after the last. The PR goes to branch modelship/ENV/MODEL, as promote's do.",
          flags,
          notes: "exit status: 0 decided (a PR opened or updated, or nothing to do), 2 input error",
        }),
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
        gitops: gitOpsInputs(values, output.context),
      },
      cliStageRun(output.context, values.config),
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
        ...(result.dryRun === undefined ? {} : { dryRun: result.dryRun }),
        promotion:
          result.promotion === undefined
            ? undefined
            : {
                status: result.promotion.status,
                branch: result.promotion.branch,
                title: result.promotion.title,
                prNumber: result.promotion.prNumber,
                prUrl: result.promotion.prUrl,
                bodyPath: result.promotion.bodyPath,
              },
      })),
    });
    return ExitCode.ok;
  },
};
