/** `modelship dora`: DORA's four keys per model and environment from the GitOps repository's promotion history. */
import { renderDoraText, runDoraStage } from "../../stages/dora-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { listFlag, parseFlags, renderHelp, timeFlag, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";
import { gitOpsFlags, gitOpsInputs } from "./promote-command.ts";

const flags = {
  since: { type: "string", value: "DURATION|DATE", description: "the window: 90d, 12w, or an ISO 8601 date (default 90d)" },
  "failure-window": {
    type: "string",
    value: "DURATION",
    description: "a rollback this long after a change's first rollout fails the change (default 7d)",
  },
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "only this environment (default every one in the history)",
  },
  model: { type: "string", short: "m", multiple: true, value: "MODEL", description: "only this model (default every one in the history)" },
  now: { type: "string", value: "TIME", description: "end the window at this ISO 8601 time (default now)" },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description:
      "read the merged pull requests of this GitHub repository (default promote.repository; without one, the git history of --remote)",
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)",
  },
  out: { type: "string", value: "DIR", description: "where dora-report.json and dora-summary.md go (default .modelship/dora)" },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const doraCommand: Command = {
  name: "dora",
  summary: "DORA metrics per model and environment: deployment frequency, lead time, change failure rate, time to restore",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "dora", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship dora [--since 90d] [--failure-window 7d] [--env ENV]... [--model MODEL]... [--out DIR]",
          summary:
            "Reads the promotions modelship merged into the GitOps repository (its pull requests on GitHub, else the git history\nof the base branch) and the registry's releases, and reports per model and environment the four DORA keys with their\nlevels from the Accelerate State of DevOps Report 2023. Retired models are skipped. Writes dora-report.json and\ndora-summary.md (with Mermaid trend charts).",
          flags,
          notes: "exit status: 0 reported, 2 input error",
        }),
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const now = timeFlag(values.now, "now");
    const result = await runDoraStage(
      {
        since: values.since,
        failureWindow: values["failure-window"],
        environments: listFlag(values.env),
        models: listFlag(values.model),
        now,
        outDir: values.out,
        gitops: gitOpsInputs(values, output.context),
      },
      cliStageRun(output.context, values.config),
    );
    output.emit({
      failed: false,
      text: () => renderDoraText(result.report),
      markdown: () => result.markdown,
      reports: [result.reportPath, result.summaryPath],
      json: result.report,
    });
    return ExitCode.ok;
  },
};
