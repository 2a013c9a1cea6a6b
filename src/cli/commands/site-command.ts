/** `modelship site`: a static HTML dashboard from the registry, the GitOps repository, and drift and DORA reports. */
import { runSiteStage } from "../../stages/site-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { listFlag, parseFlags, renderHelp, timeFlag, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";
import { gitOpsFlags, gitOpsInputs } from "./promote-command.ts";

const flags = {
  out: { type: "string", value: "DIR", description: "the site's folder, replaced whole (default .modelship/site)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)",
  },
  drift: {
    type: "string",
    multiple: true,
    value: "PATH",
    description: "a drift-report.json, a folder searched for drift-report.json files, or a previous site's data/drift-history.json",
  },
  dora: { type: "string", value: "PATH", description: "a dora-report.json (modelship dora), shown on the promotion history page" },
  title: { type: "string", value: "TEXT", description: "the site's title (default Model dashboard)" },
  model: { type: "string", short: "m", multiple: true, value: "MODEL", description: "only this model (default every model found)" },
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description:
      "read the merged pull requests of this GitHub repository for the history (default promote.repository; without one or a token, the git history of --remote)",
  },
  now: { type: "string", value: "TIME", description: "the time the site says it was written, ISO 8601 (default now)" },
  ...gitOpsFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const siteCommand: Command = {
  name: "site",
  summary: "write a static HTML dashboard: models × environments, each version's gates and card, drift trends, promotions",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "site", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship site [--out DIR] [--registry SPEC] [--drift PATH]... [--dora PATH] [--title TEXT] [--remote URL]",
          summary:
            "Writes a static HTML dashboard (no script, no CDN) from the registry's releases, what each environment of the\nGitOps repository serves and its promotion history, drift reports and a DORA report: index.html, a page per model\nversion, a drift page per model and environment, promotions.html, site.css, data/site.json and data/drift-history.json.",
          flags,
          notes: "exit status: 0 written, 2 input error",
        }),
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
        gitops: gitOpsInputs(values, output.context),
      },
      cliStageRun(output.context, values.config),
    );
    const line = `Site written: ${result.indexPath} (${result.pages} pages)`;
    output.emit({
      failed: false,
      text: () => line,
      markdown: () => `${line}\n`,
      reports: [result.indexPath],
      json: { index: result.indexPath, pages: result.pages, data: result.data },
    });
    return ExitCode.ok;
  },
};
