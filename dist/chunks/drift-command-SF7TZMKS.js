import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsFlags,
  gitOpsInputs
} from "./chunk-TNJZQ55C.js";
import {
  renderDriftText
} from "./chunk-UXIXN7OT.js";
import "./chunk-WYWBGQTR.js";
import {
  choiceFlag,
  commandOutput,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import "./chunk-Z64YVPXU.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-5QF4UCYZ.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import {
  runDriftStage
} from "./chunk-GS5SC4LV.js";
import "./chunk-CHXJDKKN.js";
import "./chunk-2TKCLNYM.js";
import "./chunk-A43L2ZJY.js";
import "./chunk-52YBHNOW.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
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
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES
} from "./chunk-X5QA5Q6K.js";
import "./chunk-NR5AHLJJ.js";
import "./chunk-7VUA2BAW.js";
import "./chunk-VASYQY3D.js";
import "./chunk-GKGV24WD.js";
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
import "./chunk-JXPNSGRB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-QT3TIHE5.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-5US5NQLX.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/drift-command.ts
var flags = {
  reference: {
    type: "string",
    value: "SPEC",
    description: "production (what the GitOps repo serves), latest, VERSION, MODEL@VERSION, a profile .json, or data files (default drift.reference)"
  },
  env: {
    type: "string",
    short: "e",
    value: "ENV",
    description: "the environment watched: which one `production` reads, and the issue's key (default drift.environment, else production)"
  },
  url: {
    type: "string",
    multiple: true,
    value: "URL",
    description: "HTTPS URL of current data (CSV, JSONL, Parquet); downloaded with retries"
  },
  "url-header": {
    type: "string",
    value: "NAME: VALUE",
    description: "header sent with --url downloads, e.g. an Authorization (default $MODELSHIP_DRIFT_URL_HEADER)"
  },
  "current-profile": {
    type: "string",
    multiple: true,
    value: "FILE|GLOB",
    description: "merge these shard profiles (made with --shard-output) instead of reading data"
  },
  "shard-output": {
    type: "string",
    value: "FILE",
    description: "only profile this shard of the current data on the reference's bins, into FILE"
  },
  mode: { type: "string", value: "MODE", choices: DRIFT_MODES, description: "default or evidently-compat (default drift.mode)" },
  "fail-on": {
    type: "string",
    value: "LEVEL",
    choices: DRIFT_FAIL_ON,
    description: "exit 1 on drift, on warn, or never (default drift.fail_on, else never)"
  },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where drift-report.json/.md go (default drift.report_dir, else .modelship/drift)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the model registry: github:OWNER/REPO or a folder (default release.registry, else .modelship/registry)"
  },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "the GitOps repository on GitHub, for --reference production (default promote.repository)"
  },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var driftCommand = {
  name: "drift",
  summary: "compare current data with the model's reference profile; write the drift report (issue + retraining on GitHub)",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "drift", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship drift [DATA|GLOB...] [--url URL]... [--reference SPEC] [--env ENV] [--mode MODE] [--fail-on LEVEL]\n       modelship drift DATA... --shard-output FILE        (one shard of a sharded check)\n       modelship drift --current-profile 'shards/*.json'    (merge the shards and decide)",
          summary: "Profiles the current data on the reference's frozen bins and compares each column: it drifts when its change is real\n(KS, the \u21132 test of homogeneity or a z test on the null share, Benjamini\u2013Hochberg across all tests) and at least its\nmargin (drift.margin: 0.1\u03C3 Wasserstein, 0.05 total variation, Cohen's h 0.2). The dataset drifts when the share of\ndrifted feature columns reaches drift.share (0.5).",
          flags,
          notes: "exit status: 0 checked (whatever the verdict, unless --fail-on), 1 --fail-on matched, 2 input error"
        })
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
        urlHeader: header || void 0,
        urlHeaderSource: values["url-header"] === void 0 ? "MODELSHIP_DRIFT_URL_HEADER" : "--url-header"
      },
      cliStageRun(output.context, values.config)
    );
    const report = result.report;
    if (report === void 0) return ExitCode.ok;
    output.emit({
      json: report,
      markdown: () => result.markdown,
      text: () => {
        const text = renderDriftText(report, output.text);
        return result.issuePath === void 0 ? text : `${text}
The drift issue it would open: ${result.issuePath}`;
      },
      reports: [result.reportPath, result.markdownPath],
      failed: result.failed
    });
    return result.failed ? ExitCode.checksFailed : ExitCode.ok;
  }
};
export {
  driftCommand
};
