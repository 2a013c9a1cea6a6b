import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsFlags,
  gitOpsInputs
} from "./chunk-2DVOO3WD.js";
import {
  renderDriftText
} from "./chunk-2A3LPTY3.js";
import {
  choiceFlag,
  commandOutput,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-BYATJ253.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-7CN3U7CQ.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-CHFKDX2P.js";
import "./chunk-MUMSFTMM.js";
import "./chunk-Z5WAKSMX.js";
import {
  runDriftStage
} from "./chunk-GYCR7XKF.js";
import "./chunk-MAL7UI2B.js";
import "./chunk-TVD4MJAG.js";
import "./chunk-AMFQ7F3X.js";
import "./chunk-3EHYNTOY.js";
import "./chunk-2Z3H6ZSU.js";
import "./chunk-HKTFK7CE.js";
import "./chunk-FBLJ2B7Y.js";
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES
} from "./chunk-QDI47AFZ.js";
import "./chunk-ANBRMARH.js";
import "./chunk-3M3QZONP.js";
import "./chunk-DDKABFC4.js";
import "./chunk-BHTRKUOV.js";
import "./chunk-MAHMYA47.js";
import "./chunk-EQSA3C3T.js";
import "./chunk-DPH7L46L.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-YWZEETUK.js";
import "./chunk-KJFOXIEN.js";
import "./chunk-B73FKF6B.js";
import "./chunk-6O67RCUK.js";
import "./chunk-XJCHVVFT.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-TYVJT2QX.js";
import "./chunk-2YPCBZAD.js";
import "./chunk-33UZ5W44.js";
import "./chunk-OYVKLLSL.js";
import "./chunk-JK3HMNVC.js";
import "./chunk-TQQPERQT.js";
import "./chunk-4LQGMG53.js";
import "./chunk-KEGNWSO6.js";
import "./chunk-GED6FQKO.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-KCXJURDR.js";
import "./chunk-HYZWQTPO.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-DGHMJPZO.js";
import "./chunk-OHTX7XGX.js";
import "./chunk-WTEUU4MQ.js";
import "./chunk-5US5NQLX.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-GFHMG7IO.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-PTI6XKG7.js";
import "./chunk-MOYN7ERY.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-HFKEWQQZ.js";
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
          summary: "Profiles the current data on the reference's frozen bins and compares each column: KS, chi-square or two-proportion z\nfor a small reference (\u2264 1000 rows), normalised Wasserstein or Jensen\u2013Shannon above, PSI on the frozen bins, null\nrates and unseen categories. The dataset drifts when the share of drifted feature columns reaches drift.share (0.5).",
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
