/** `modelship drift`: compare current data with a model's reference profile; write the drift report. */
import { DRIFT_FAIL_ON, DRIFT_MODES } from "../../stages/drift-settings.ts";
import { renderDriftText } from "../../stages/report-text.ts";
import { runDriftStage } from "../../stages/drift-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { choiceFlag, listFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";
import { gitOpsFlags, gitOpsInputs } from "./promote-command.ts";

const flags = {
  reference: {
    type: "string",
    value: "SPEC",
    description:
      "production (what the GitOps repo serves), latest, VERSION, MODEL@VERSION, a profile .json, or data files (default drift.reference)",
  },
  env: {
    type: "string",
    short: "e",
    value: "ENV",
    description: "the environment watched: which one `production` reads, and the issue's key (default drift.environment, else production)",
  },
  url: {
    type: "string",
    multiple: true,
    value: "URL",
    description: "HTTPS URL of current data (CSV, JSONL, Parquet); downloaded with retries",
  },
  "url-header": {
    type: "string",
    value: "NAME: VALUE",
    description: "header sent with --url downloads, e.g. an Authorization (default $MODELSHIP_DRIFT_URL_HEADER)",
  },
  "current-profile": {
    type: "string",
    multiple: true,
    value: "FILE|GLOB",
    description: "merge these shard profiles (made with --shard-output) instead of reading data",
  },
  "shard-output": {
    type: "string",
    value: "FILE",
    description: "only profile this shard of the current data on the reference's bins, into FILE",
  },
  mode: { type: "string", value: "MODE", choices: DRIFT_MODES, description: "default or evidently-compat (default drift.mode)" },
  "fail-on": {
    type: "string",
    value: "LEVEL",
    choices: DRIFT_FAIL_ON,
    description: "exit 1 on drift, on warn, or never (default drift.fail_on, else never)",
  },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where drift-report.json/.md go (default drift.report_dir, else .modelship/drift)",
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the model registry: github:OWNER/REPO or a folder (default release.registry, else .modelship/registry)",
  },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "the GitOps repository on GitHub, for --reference production (default promote.repository)",
  },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const driftCommand: Command = {
  name: "drift",
  summary: "compare current data with the model's reference profile; write the drift report (issue + retraining on GitHub)",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "drift", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage:
            "modelship drift [DATA|GLOB...] [--url URL]... [--reference SPEC] [--env ENV] [--mode MODE] [--fail-on LEVEL]\n       modelship drift DATA... --shard-output FILE        (one shard of a sharded check)\n       modelship drift --current-profile 'shards/*.json'    (merge the shards and decide)",
          summary:
            "Profiles the current data on the reference's frozen bins and compares each column: it drifts when its change is real\n(KS, the ℓ2 test of homogeneity or a z test on the null share, Benjamini–Hochberg across all tests) and at least its\nmargin (drift.margin: 0.1σ Wasserstein, 0.05 total variation, Cohen's h 0.2). The dataset drifts when the share of\ndrifted feature columns reaches drift.share (0.5).",
          flags,
          notes: "exit status: 0 checked (whatever the verdict, unless --fail-on), 1 --fail-on matched, 2 input error",
        }),
      );
      return ExitCode.ok;
    }
    const mode = choiceFlag(values.mode, "mode", DRIFT_MODES);
    const failOn = choiceFlag(values["fail-on"], "fail-on", DRIFT_FAIL_ON);
    const header = values["url-header"] ?? context.env.MODELSHIP_DRIFT_URL_HEADER;
    const output = commandOutput(context, values);
    const result = await runDriftStage(
      {
        reference: values.reference,
        environment: values.env,
        current: listFlag(positionals),
        currentUrls: listFlag(values.url),
        currentProfiles: listFlag(values["current-profile"]),
        shardOutput: values["shard-output"],
        mode,
        failOn,
        reportDir: values["report-dir"],
        gitops: gitOpsInputs(values, output.context),
        urlHeader: header || undefined,
        urlHeaderSource: values["url-header"] === undefined ? "MODELSHIP_DRIFT_URL_HEADER" : "--url-header",
      },
      cliStageRun(output.context, values.config),
    );
    const report = result.report;
    if (report === undefined) return ExitCode.ok;
    output.emit({
      json: report,
      markdown: () => result.markdown,
      text: () => {
        const text = renderDriftText(report, output.text);
        return result.issuePath === undefined ? text : `${text}\nThe drift issue it would open: ${result.issuePath}`;
      },
      reports: [result.reportPath, result.markdownPath],
      failed: result.failed,
    });
    return result.failed ? ExitCode.checksFailed : ExitCode.ok;
  },
};
