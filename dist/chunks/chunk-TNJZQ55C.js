import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  renderPromotionText
} from "./chunk-UXIXN7OT.js";
import {
  choiceFlag,
  commandOutput,
  integerFlag,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  printable
} from "./chunk-WW4KD5R5.js";
import {
  EnvironmentNotGivenError,
  runPromoteStage,
  runRetireEnvironmentStage
} from "./chunk-5QF4UCYZ.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/cli/commands/promote-command.ts
var gitOpsFlags = {
  remote: {
    type: "string",
    value: "URL",
    description: "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of --gitops-repo)"
  },
  base: { type: "string", value: "BRANCH", description: "the branch Argo CD or Flux deploys from (default promote.base, else main)" },
  "tag-format": {
    type: "string",
    value: "FORMAT",
    description: "release tag format (default release.tag_format, else {model}/v{version})"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" }
};
var pullRequestFlags = {
  "gitops-repo": {
    type: "string",
    value: "OWNER/REPO",
    description: "the GitOps repository on GitHub (default promote.repository); PRs are opened there"
  },
  out: {
    type: "string",
    value: "DIR",
    description: "without a GitOps repository on GitHub, where the PR body goes (default .modelship/promotion)"
  }
};
function gitOpsInputs(values, context) {
  return {
    gitopsRepo: values["gitops-repo"],
    remote: values.remote,
    base: values.base,
    gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || void 0,
    registry: values.registry,
    tagFormat: values["tag-format"],
    outDir: values.out
  };
}
var flags = {
  env: { type: "string", short: "e", value: "ENV", description: "the environment in promote.environments (default: the only one)" },
  action: {
    type: "string",
    value: "ACTION",
    choices: ["start", "step", "promote", "rollback", "direct", "retire"],
    description: "start (default for canary and blue-green), step, promote, rollback, direct (default for the direct strategy), or retire (take the model out of the environment)"
  },
  force: {
    type: "boolean",
    // MODELSHIP_FORCE is init's too: an ambient variable must not remove a serving model.
    flagOnly: true,
    description: "retire: remove the model although it still takes traffic (a replacement serves the environment); the flag only, no environment variable"
  },
  strategy: {
    type: "string",
    value: "STRATEGY",
    choices: ["canary", "blue-green", "direct"],
    description: "canary, blue-green or direct (default the environment's)"
  },
  weight: {
    type: "string",
    value: "PERCENT",
    numeric: "integer",
    description: "canary weight: for start (default the first step; 0 for blue-green) and step (required)"
  },
  label: { type: "string", multiple: true, value: "LABEL", description: "PR label (default pull_request.labels)" },
  reviewer: { type: "string", multiple: true, value: "USER", description: "ask this user to review" },
  "team-reviewer": { type: "string", multiple: true, value: "TEAM", description: "ask this team (slug) to review" },
  draft: { type: "boolean", description: "open the PR as a draft" },
  "auto-merge": {
    type: "string",
    value: "METHOD",
    choices: ["merge", "squash", "rebase", "off"],
    description: "merge, squash, rebase or off (default pull_request.auto_merge)"
  },
  supersede: {
    type: "boolean",
    description: "close the environment's other open promotion or rollback PR in favour of this one (without it, such a PR refuses the promotion)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the model registry: github:OWNER/REPO or a folder (default release.registry)"
  },
  ...gitOpsFlags,
  ...pullRequestFlags,
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var promoteCommand = {
  name: "promote",
  summary: "open the GitOps pull request that starts a canary (or steps, promotes, rolls back) a released model",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "promote", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship promote [MODEL[@VERSION]] --env ENV [--action start|step|promote|rollback|direct] [--weight N] [--supersede]\n       modelship promote [MODEL] --env ENV --action retire [--force] [--supersede]",
          summary: "Checks the release (every sha256, a passing gate verdict for these bytes), edits the environment's manifests in the\nGitOps repository in place, validates them, pushes branch modelship/ENV/MODEL with a lease and opens or updates its\npull request. Without --gitops-repo the branch is pushed and the PR body written to --out. A re-run changes nothing.",
          flags,
          notes: "tokens: MODELSHIP_GITOPS_TOKEN (else GITHUB_TOKEN) for the GitOps repository, GITHUB_TOKEN for a GitHub registry\nexit status: 0 PR opened, updated or already up to date (or nothing to change), 2 refused or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    if (context.argv.includes("--force") && values.action !== "retire")
      throw new UserError("--force is for --action retire", { hint: "leave --force out, or pass --action retire" });
    if (values.action === "retire") return retire(context, values, positionals[0], output);
    const autoMerge = choiceFlag(values["auto-merge"], "auto-merge", ["merge", "squash", "rebase", "off"]);
    const options = {
      model: positionals[0],
      environment: values.env,
      action: choiceFlag(values.action, "action", ["start", "step", "promote", "rollback", "direct"]),
      strategy: choiceFlag(values.strategy, "strategy", ["canary", "blue-green", "direct"]),
      weight: integerFlag(values.weight, "weight"),
      ...values.supersede === true ? { supersede: true } : {},
      pullRequest: {
        labels: listFlag(values.label),
        reviewers: listFlag(values.reviewer),
        teamReviewers: listFlag(values["team-reviewer"]),
        draft: values.draft,
        autoMerge: autoMerge === "off" ? false : autoMerge
      },
      gitops: gitOpsInputs(values, output.context)
    };
    let result;
    try {
      result = await runPromoteStage(options, cliStageRun(output.context, values.config));
    } catch (error) {
      if (!(error instanceof EnvironmentNotGivenError)) throw error;
      context.print(`modelship promote: ${error.message}`);
      return ExitCode.usage;
    }
    output.emit({
      failed: false,
      json: {
        status: result.status,
        branch: result.branch,
        title: result.title,
        prNumber: result.prNumber,
        prUrl: result.prUrl,
        bodyPath: result.bodyPath,
        files: result.files,
        commit: result.commit,
        closedPr: result.closedPr,
        superseded: result.superseded,
        model: result.model,
        before: result.before,
        after: result.after
      },
      text: () => renderPromotionText(result, output.text),
      reports: [result.bodyPath]
    });
    return ExitCode.ok;
  }
};
async function retire(context, values, model, output) {
  for (const flag of ["weight", "strategy", "auto-merge"])
    if (values[flag] !== void 0)
      throw new UserError(`--${flag} does not apply to --action retire`, {
        hint: `leave --${flag} out: a retire PR is reviewed, never auto-merged`
      });
  let result;
  try {
    result = await runRetireEnvironmentStage(
      {
        ...model === void 0 ? {} : { model },
        ...values.env === void 0 ? {} : { environment: values.env },
        // The flag itself, never MODELSHIP_FORCE: an ambient variable (init reads it too) must not remove a serving model.
        ...values.force === true && context.argv.includes("--force") ? { force: true } : {},
        ...values.supersede === true ? { supersede: true } : {},
        gitops: gitOpsInputs(values, output.context)
      },
      cliStageRun(output.context, values.config)
    );
  } catch (error) {
    if (!(error instanceof EnvironmentNotGivenError)) throw error;
    context.print(`modelship promote: ${error.message}`);
    return ExitCode.usage;
  }
  const where = result.prUrl ?? result.bodyPath ?? result.branch;
  output.emit({
    failed: false,
    json: {
      status: result.status,
      branch: result.branch,
      title: result.title,
      prNumber: result.prNumber,
      prUrl: result.prUrl,
      bodyPath: result.bodyPath,
      files: result.files,
      deleted: result.deleted,
      removed: result.removed,
      forced: result.forced,
      commit: result.commit,
      closedPr: result.closedPr,
      superseded: result.superseded,
      model: result.model,
      version: result.version,
      before: result.before
    },
    text: () => result.status === "no-change" ? `${printable(result.model)} is not in ${printable(result.environment.name)}'s manifests: nothing to retire.` : `${printable(result.title)}: ${result.status} (${printable(where)}); removes ${result.removed.map(printable).join(", ")}${result.forced ? " (forced: it still took traffic)" : ""}`,
    reports: [result.bodyPath]
  });
  return ExitCode.ok;
}

export {
  gitOpsFlags,
  pullRequestFlags,
  gitOpsInputs,
  promoteCommand
};
