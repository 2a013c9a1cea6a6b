/** `modelship verify-promotion`: check a GitOps change by its base branch's rules: every model it deploys is released, intact, gated and attested. */
import { writeFileAtomic } from "../../common/atomic-write.ts";
import { UserError } from "../../common/errors.ts";
import { checkOutputFile } from "../../common/output-path.ts";
import { renderVerifyText } from "../../stages/report-text.ts";
import { runVerifyStage } from "../../stages/verify-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  head: { type: "string", value: "REF", description: "the change to check: a branch or refs/pull/N/head" },
  remote: {
    type: "string",
    value: "URL",
    description:
      "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of promote.repository, else the git repository the command runs in)",
  },
  base: { type: "string", value: "BRANCH", description: "the branch the change would merge into (default promote.base, else main)" },
  rules: {
    type: "string",
    value: "PATH",
    description: "modelship.yaml's path in the GitOps repository, read at the base branch (default modelship.yaml)",
  },
  report: { type: "string", value: "FILE", description: "also write the markdown report here" },
  config: {
    type: "string",
    value: "FILE",
    description: "the local modelship.yaml that names the GitOps repository (default: ./modelship.yaml)",
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const verifyPromotionCommand: Command = {
  name: "verify-promotion",
  summary: "check a GitOps change by its base branch's rules: every model URI it deploys is released, intact, gated and attested",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "verify-promotion", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship verify-promotion --head REF [--base BRANCH] [--remote URL] [--rules PATH]",
          summary:
            "Diffs REF against the base branch of the GitOps repository and judges it by the rules the base branch has (its\nmodelship.yaml: verify.registries, verify.rules_changes, promote.environments' targets). Every model URI the change\nbrings in must be exactly the model file of a release in a trusted registry: every file matches its sha256, its gate\nverdict passed for those bytes, and its build provenance verifies. Changed manifests must validate; a change to the\nrules or .github/ fails unless the rules leave it to the code owners.",
          flags,
          notes: "exit status: 0 every check passed, 1 a check failed (do not merge), 2 input error",
        }),
      );
      return ExitCode.ok;
    }
    if (values.head === undefined)
      throw new UserError("no change to check: --head is missing", {
        hint: "pass --head BRANCH or --head refs/pull/N/head (or set MODELSHIP_HEAD); `modelship verify-promotion --help` shows every flag",
      });
    const output = commandOutput(context, values);
    // The report's path is checked before the repository is cloned, not after the whole check ran.
    if (values.report !== undefined) await checkOutputFile(values.report, "--report");
    const result = await runVerifyStage(
      {
        head: values.head,
        remote: values.remote,
        base: values.base,
        rulesFile: values.rules,
        gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || undefined,
      },
      cliStageRun(output.context, values.config),
    );
    if (values.report !== undefined) await writeFileAtomic(values.report, `${result.markdown}\n`);
    output.emit({
      failed: !result.ok,
      markdown: () => result.markdown,
      text: () => renderVerifyText(result, output.text),
      reports: [values.report],
      json: {
        ok: result.ok,
        files: result.files,
        deleted: result.deleted,
        uris: result.uris,
        problems: result.problems,
        rulesChanges: result.rulesChanges,
        warnings: result.warnings,
      },
    });
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  },
};
