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
import {
  runSiteStage
} from "./chunk-7QX6OKYH.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-5QF4UCYZ.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import "./chunk-GMEHV4YE.js";
import "./chunk-FGAOEPT5.js";
import "./chunk-CHXJDKKN.js";
import "./chunk-2TKCLNYM.js";
import "./chunk-A43L2ZJY.js";
import "./chunk-52YBHNOW.js";
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

// src/cli/commands/site-command.ts
var flags = {
  out: { type: "string", value: "DIR", description: "the site's folder, replaced whole (default .modelship/site)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  drift: {
    type: "string",
    multiple: true,
    value: "PATH",
    description: "a drift-report.json, a folder searched for drift-report.json files, or a previous site's data/drift-history.json"
  },
  dora: { type: "string", value: "PATH", description: "a dora-report.json (modelship dora), shown on the promotion history page" },
  title: { type: "string", value: "TEXT", description: "the site's title (default Model dashboard)" },
  model: { type: "string", short: "m", multiple: true, value: "MODEL", description: "only this model (default every model found)" },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "read the merged pull requests of this GitHub repository for the history (default promote.repository; without one or a token, the git history of --remote)"
  },
  now: { type: "string", value: "TIME", description: "the time the site says it was written, ISO 8601 (default now)" },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var siteCommand = {
  name: "site",
  summary: "write a static HTML dashboard: models \xD7 environments, each version's gates and card, drift trends, promotions",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "site", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship site [--out DIR] [--registry SPEC] [--drift PATH]... [--dora PATH] [--title TEXT] [--remote URL]",
          summary: "Writes a static HTML dashboard (no script, no CDN) from the registry's releases, what each environment of the\nGitOps repository serves and its promotion history, drift reports and a DORA report: index.html, a page per model\nversion, a drift page per model and environment, promotions.html, site.css, data/site.json and data/drift-history.json.",
          flags,
          notes: "exit status: 0 written, 2 input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runSiteStage(
      {
        outDir: values.out,
        drift: listFlag(values.drift),
        dora: values.dora,
        title: values.title,
        models: listFlag(values.model),
        now: timeFlag(values.now, "now"),
        gitops: gitOpsInputs(values, output.context)
      },
      cliStageRun(output.context, values.config)
    );
    const line = `Site written: ${result.indexPath} (${result.pages} pages)`;
    output.emit({
      failed: false,
      text: () => line,
      markdown: () => `${line}
`,
      reports: [result.indexPath],
      json: { index: result.indexPath, pages: result.pages, data: result.data }
    });
    return ExitCode.ok;
  }
};
export {
  siteCommand
};
