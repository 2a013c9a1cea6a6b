/** `modelship verify-promotion`: check that every model a GitOps change deploys is released, intact and gated. */
import { writeFileAtomic } from "../../common/atomic-write.ts";
import { runVerifyStage } from "../../stages/promote-stage.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { gitOpsFlags, gitOpsInputs } from "./promote-command.ts";

const flags = {
  head: { type: "string", value: "REF", description: "the change to check: a branch or refs/pull/N/head" },
  report: { type: "string", value: "FILE", description: "also write the markdown report here" },
  ...gitOpsFlags,
  json: { type: "boolean", description: "print the result as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const verifyPromotionCommand: Command = {
  name: "verify-promotion",
  summary: "check a GitOps change: every model URI it deploys is a released, intact, gated model",
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "verify-promotion", env: context.env, positionals: false });
    if (values.help || values.head === undefined) {
      context.print(
        renderHelp({
          usage: "modelship verify-promotion --head REF [--base BRANCH] [--remote URL]",
          summary:
            "Diffs REF against the base branch of the GitOps repository, validates every changed manifest, and checks each model\nURI the change brings in: the release exists, every file matches its sha256, and its gate verdict passed for those bytes.",
          flags,
          notes: "exit status: 0 every check passed, 1 a check failed (do not merge), 2 input error",
        }),
      );
      return values.help ? ExitCode.ok : ExitCode.usage;
    }
    const result = await runVerifyStage({ head: values.head, gitops: gitOpsInputs(values, context) }, cliStageRun(context, values.config));
    if (values.report !== undefined) await writeFileAtomic(values.report, `${result.markdown}\n`);
    context.print(
      values.json
        ? JSON.stringify({ ok: result.ok, files: result.files, uris: result.uris, problems: result.problems }, null, 2)
        : result.markdown,
    );
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  },
};
