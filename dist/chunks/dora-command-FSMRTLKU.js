import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gitOpsFlags,
  gitOpsInputs
} from "./chunk-TNJZQ55C.js";
import "./chunk-UXIXN7OT.js";
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
import "./chunk-5QF4UCYZ.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import {
  renderDoraText,
  runDoraStage
} from "./chunk-GMEHV4YE.js";
import "./chunk-FGAOEPT5.js";
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

// src/cli/commands/dora-command.ts
var flags = {
  since: { type: "string", value: "DURATION|DATE", description: "the window: 90d, 12w, or an ISO 8601 date (default 90d)" },
  "failure-window": {
    type: "string",
    value: "DURATION",
    description: "a rollback this long after a change's first rollout fails the change (default 7d)"
  },
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "only this environment (default every one in the history)"
  },
  model: { type: "string", short: "m", multiple: true, value: "MODEL", description: "only this model (default every one in the history)" },
  now: { type: "string", value: "TIME", description: "end the window at this ISO 8601 time (default now)" },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "read the merged pull requests of this GitHub repository (default promote.repository; without one, the git history of --remote)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  out: { type: "string", value: "DIR", description: "where dora-report.json and dora-summary.md go (default .modelship/dora)" },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var doraCommand = {
  name: "dora",
  summary: "DORA metrics per model and environment: deployment frequency, lead time, change failure rate, time to restore",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "dora", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship dora [--since 90d] [--failure-window 7d] [--env ENV]... [--model MODEL]... [--out DIR]",
          summary: "Reads the promotions modelship merged into the GitOps repository (its pull requests on GitHub, else the git history\nof the base branch) and the registry's releases, and reports per model and environment the four DORA keys with their\nlevels from the Accelerate State of DevOps Report 2023. Retired models are skipped. Writes dora-report.json and\ndora-summary.md (with Mermaid trend charts).",
          flags,
          notes: "exit status: 0 reported, 2 input error"
        })
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
        gitops: gitOpsInputs(values, output.context)
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      failed: false,
      text: () => renderDoraText(result.report),
      markdown: () => result.markdown,
      reports: [result.reportPath, result.summaryPath],
      json: result.report
    });
    return ExitCode.ok;
  }
};
export {
  doraCommand
};
