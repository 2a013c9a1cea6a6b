#!/usr/bin/env node
import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runTrainStage
} from "./chunks/chunk-KBAKGNHN.js";
import {
  DISTINCT_ESTIMATE_ERROR,
  Hash64,
  HashTable64,
  RepeatCounter,
  diffContracts,
  renderContractDiffMarkdown,
  runValidateStage
} from "./chunks/chunk-BKHHJABK.js";
import {
  runVerifyStage
} from "./chunks/chunk-KG645RMB.js";
import {
  DRIFT_FAIL_ON,
  DRIFT_MODES,
  driftIcon,
  runDriftStage
} from "./chunks/chunk-TX4O3PGT.js";
import {
  runEvaluateStage
} from "./chunks/chunk-SZJ4QYJZ.js";
import {
  runFetchStage
} from "./chunks/chunk-YCBOYY5R.js";
import {
  EnvironmentNotGivenError,
  runCanaryStage,
  runPromoteStage
} from "./chunks/chunk-D7FCDN2K.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-VICJCUTS.js";
import {
  runReleaseStage
} from "./chunks/chunk-UKLSOGOV.js";
import "./chunks/chunk-OHYPZJGH.js";
import "./chunks/chunk-BRWCXJMB.js";
import {
  mergeProfiles,
  profileData,
  readProfile
} from "./chunks/chunk-FYVV4NEY.js";
import {
  NULL_MARKER_CANDIDATES,
  NullMarkerEvidence,
  sniffDialect
} from "./chunks/chunk-WRCWUBJC.js";
import "./chunks/chunk-FKJ7JCSZ.js";
import "./chunks/chunk-NVKYSDFF.js";
import "./chunks/chunk-5AIFLWSX.js";
import {
  coerceValue,
  formatFromName,
  loadContract,
  openTable,
  parseContract
} from "./chunks/chunk-LC6K3RCJ.js";
import {
  runRegistryStage
} from "./chunks/chunk-SPN2YSXJ.js";
import {
  checkOutputFile
} from "./chunks/chunk-VXINPS6Q.js";
import "./chunks/chunk-FH5TOFOZ.js";
import "./chunks/chunk-DJZQNN3P.js";
import "./chunks/chunk-GKTFBMQJ.js";
import {
  writeFileAtomic
} from "./chunks/chunk-XWHTO7IV.js";
import {
  DEFAULT_LOCAL_REGISTRY
} from "./chunks/chunk-O3SQ3WKX.js";
import "./chunks/chunk-IIWHS54Y.js";
import {
  loadStageConfig
} from "./chunks/chunk-2DA7VCXQ.js";
import {
  TOOL_VERSION,
  UserError,
  __toESM,
  code,
  formatInterval,
  formatNumber,
  getErrorMessage,
  isUserError,
  pick,
  require_dist,
  table
} from "./chunks/chunk-DPAG27KB.js";

// src/common/logger.ts
function where(properties) {
  if (!properties?.file) return "";
  return properties.startLine ? `${properties.file}:${properties.startLine}: ` : `${properties.file}: `;
}
var ConsoleLogger = class {
  #verbose;
  #write;
  #writeError;
  constructor(options = {}) {
    this.#verbose = options.verbose ?? false;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}
`));
    this.#writeError = options.writeError ?? ((line) => process.stderr.write(`${line}
`));
  }
  debug(message) {
    if (this.#verbose) this.#writeError(`debug: ${message}`);
  }
  info(message) {
    this.#write(message);
  }
  warning(message, properties) {
    this.#writeError(`warning: ${where(properties)}${message}`);
  }
  error(message, properties) {
    this.#writeError(`error: ${where(properties)}${message}`);
  }
  notice(message, properties) {
    this.#writeError(`notice: ${where(properties)}${message}`);
  }
  async group(name, fn) {
    this.#write(`\u2500\u2500 ${name}`);
    return fn();
  }
};

// src/cli/command.ts
var ExitCode = { ok: 0, checksFailed: 1, usage: 2, bug: 3 };
function cliStageRun(context, config) {
  return {
    config: { file: config },
    cwd: context.cwd,
    env: context.env,
    logger: context.logger,
    toolVersion: context.version,
    token: context.env.GITHUB_TOKEN || void 0,
    repository: context.env.GITHUB_REPOSITORY || void 0,
    serverUrl: context.env.GITHUB_SERVER_URL || void 0,
    // The commit, when a CI (GitHub's or another that sets GITHUB_SHA) says which one.
    sha: context.env.GITHUB_SHA || void 0,
    defaultRegistry: DEFAULT_LOCAL_REGISTRY
  };
}

// src/cli/options.ts
import { parseArgs } from "node:util";
function envNameOf(flag) {
  return `MODELSHIP_${flag.toUpperCase().replaceAll("-", "_")}`;
}
function fromEnv(flag, spec, env) {
  const raw = env[envNameOf(flag)];
  if (raw === void 0 || raw === "") return void 0;
  if (spec.type === "boolean") {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new UserError(`environment variable ${envNameOf(flag)} must be true or false, got "${raw}"`, {
      hint: `set ${envNameOf(flag)} to true or false (or 1/0, yes/no), or unset it`
    });
  }
  return spec.multiple ? raw.split(/[\n,]/).map((item) => item.trim()).filter(Boolean) : raw;
}
function parseFlags(argv, specs, options) {
  const env = options.env ?? process.env;
  const parseOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    parseOptions[name] = { type: spec.type, ...spec.multiple ? { multiple: true } : {}, ...spec.short ? { short: spec.short } : {} };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: negativeValuesJoined(argv, specs),
      options: parseOptions,
      allowPositionals: options.positionals ?? true,
      strict: true
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UserError(`${options.command}: ${message}`, { hint: `run \`modelship ${options.command} --help\`` });
  }
  const flags11 = {};
  for (const [name, spec] of Object.entries(specs)) flags11[name] = parsed.values[name] ?? fromEnv(name, spec, env);
  return { flags: flags11, positionals: parsed.positionals };
}
function negativeValuesJoined(argv, specs) {
  const takesValue = (arg) => {
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    if (long !== void 0) return specs[long]?.type === "string";
    const short = /^-([A-Za-z])$/.exec(arg)?.[1];
    return short !== void 0 && Object.values(specs).some((spec) => spec.short === short && spec.type === "string");
  };
  const joined = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") {
      joined.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    if (next !== void 0 && /^-\d/.test(next) && takesValue(arg)) {
      joined.push(arg.startsWith("--") ? `${arg}=${next}` : `${arg}${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}
function renderHelp(options) {
  const rows = Object.entries(options.flags).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(34)} ${spec.description} [${envNameOf(name)}]`;
  });
  return [`usage: ${options.usage}`, "", options.summary, "", "options:", ...rows, options.notes ? `
${options.notes}` : ""].join("\n").trimEnd();
}
function integerFlag(value, name, min = 0) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`--${name} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a whole number \u2265 ${min}, e.g. --${name} ${Math.max(min, 5)}`
    });
  return Number(value);
}
function choiceFlag(value, name, choices) {
  if (value === void 0) return void 0;
  if (!choices.includes(value))
    throw new UserError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`, {
      hint: `set --${name} (or ${envNameOf(name)}) to one of ${choices.join(", ")}`
    });
  return value;
}
function listFlag(values) {
  return values === void 0 || values.length === 0 ? void 0 : values;
}
function numberFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number))
    throw new UserError(`--${name} must be a number, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a number, e.g. --${name} 0.5`
    });
  return number;
}

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
    description: "start (default for canary and blue-green), step, promote, rollback, or direct (default for the direct strategy)"
  },
  strategy: { type: "string", value: "STRATEGY", description: "canary, blue-green or direct (default the environment's)" },
  weight: {
    type: "string",
    value: "PERCENT",
    description: "canary weight: for start (default the first step; 0 for blue-green) and step (required)"
  },
  label: { type: "string", multiple: true, value: "LABEL", description: "PR label (default pull_request.labels)" },
  reviewer: { type: "string", multiple: true, value: "USER", description: "ask this user to review" },
  "team-reviewer": { type: "string", multiple: true, value: "TEAM", description: "ask this team (slug) to review" },
  draft: { type: "boolean", description: "open the PR as a draft" },
  "auto-merge": { type: "string", value: "METHOD", description: "merge, squash, rebase or off (default pull_request.auto_merge)" },
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
  json: { type: "boolean", description: "print the result as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var promoteCommand = {
  name: "promote",
  summary: "open the GitOps pull request that starts a canary (or steps, promotes, rolls back) a released model",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "promote", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship promote [MODEL[@VERSION]] --env ENV [--action start|step|promote|rollback|direct] [--weight N] [--supersede]",
          summary: "Checks the release (every sha256, a passing gate verdict for these bytes), edits the environment's manifests in the\nGitOps repository in place, validates them, pushes branch modelship/ENV/MODEL with a lease and opens or updates its\npull request. Without --gitops-repo the branch is pushed and the PR body written to --out. A re-run changes nothing.",
          flags,
          notes: "tokens: MODELSHIP_GITOPS_TOKEN (else GITHUB_TOKEN) for the GitOps repository, GITHUB_TOKEN for a GitHub registry\nexit status: 0 PR opened, updated or already up to date (or nothing to change), 2 refused or input error"
        })
      );
      return ExitCode.ok;
    }
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
      gitops: gitOpsInputs(values, context)
    };
    let result;
    try {
      result = await runPromoteStage(options, cliStageRun(context, values.config));
    } catch (error) {
      if (!(error instanceof EnvironmentNotGivenError)) throw error;
      context.print(`modelship promote: ${error.message}`);
      return ExitCode.usage;
    }
    if (values.json) {
      context.print(
        JSON.stringify(
          {
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
          null,
          2
        )
      );
      return ExitCode.ok;
    }
    const where2 = result.prUrl ?? (result.bodyPath === void 0 ? void 0 : `branch ${result.branch} (PR body: ${result.bodyPath})`);
    const status = { opened: "opened", updated: "updated", unchanged: "up to date", pushed: "pushed", "no-change": "nothing to change" }[result.status];
    context.print(
      `${status}: ${result.title}${where2 === void 0 ? "" : `
${where2}`}${result.files.length > 0 ? `
files: ${result.files.join(", ")}` : ""}${result.closedPr === void 0 ? "" : `
closed the obsolete PR #${result.closedPr}`}${result.superseded === void 0 ? "" : `
superseded and closed ${result.superseded.map((number) => `#${number}`).join(", ")}`}`
    );
    return ExitCode.ok;
  }
};

// src/cli/commands/canary-command.ts
var flags2 = {
  env: {
    type: "string",
    short: "e",
    multiple: true,
    value: "ENV",
    description: "an environment to check (default: every one with health checks)"
  },
  prometheus: { type: "string", value: "URL", description: "Prometheus base URL (default health.prometheus)" },
  metrics: {
    type: "string",
    value: "FILE|URL",
    description: "a metrics document instead of Prometheus (schemas/canary-metrics.schema.json)"
  },
  now: { type: "string", value: "TIME", description: "judge the bake time as of this ISO 8601 time (default now)" },
  "dry-run": { type: "boolean", description: "decide and print, open no pull request" },
  ...gitOpsFlags,
  ...pullRequestFlags,
  json: { type: "boolean", description: "print the decisions as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var canaryCommand = {
  name: "canary",
  summary: "check running canaries' health and open the step-up, promotion or rollback pull request",
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags2, { command: "canary", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship canary [--env ENV]... [--prometheus URL | --metrics FILE|URL] [--dry-run]",
          summary: "Reads the rollout state from the GitOps repository, queries each check for the canary (and the stable model where a\ncheck compares), and decides: roll back when a check fails, hold while the bake time runs or data is missing, else\nstep up to the next weight or promote after the last. The PR goes to branch modelship/ENV/MODEL, as promote's do.",
          flags: flags2,
          notes: "exit status: 0 decided (a PR opened or updated, or nothing to do), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    let now;
    if (values.now !== void 0) {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime()))
        throw new UserError(`--now "${values.now}" is not a time`, { hint: "give an ISO 8601 time, e.g. 2026-11-23T18:00:00Z" });
    }
    const results = await runCanaryStage(
      {
        environments: listFlag(values.env),
        prometheus: values.prometheus,
        metrics: values.metrics,
        now,
        dryRun: values["dry-run"] === true,
        gitops: gitOpsInputs(values, context)
      },
      cliStageRun(context, values.config)
    );
    if (values.json) {
      context.print(
        JSON.stringify(
          results.map((result) => ({
            environment: result.environment,
            decision: result.decision,
            checks: result.checks,
            lastChange: result.lastChange,
            ...result.dryRun === void 0 ? {} : { dryRun: result.dryRun },
            promotion: result.promotion === void 0 ? void 0 : {
              status: result.promotion.status,
              branch: result.promotion.branch,
              title: result.promotion.title,
              prNumber: result.promotion.prNumber,
              prUrl: result.promotion.prUrl,
              bodyPath: result.promotion.bodyPath
            }
          })),
          null,
          2
        )
      );
      return ExitCode.ok;
    }
    for (const result of results) {
      const lines = [`${result.environment}: ${result.decision.action} \u2014 ${result.decision.reason}`];
      for (const check of result.checks) lines.push(`  ${check.status.padEnd(7)} ${check.name}: ${check.detail}`);
      const promotion = result.promotion;
      if (promotion !== void 0)
        lines.push(
          `  ${promotion.status}: ${promotion.title}${promotion.prUrl === void 0 ? promotion.bodyPath === void 0 ? "" : ` (branch ${promotion.branch}, PR body: ${promotion.bodyPath})` : ` ${promotion.prUrl}`}`
        );
      if (result.dryRun !== void 0) lines.push(`  ${result.dryRun}`);
      context.print(lines.join("\n"));
    }
    return ExitCode.ok;
  }
};

// src/cli/commands/drift-command.ts
var flags3 = {
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
  mode: { type: "string", value: "MODE", description: "default or evidently-compat (default drift.mode)" },
  "fail-on": { type: "string", value: "LEVEL", description: "exit 1 on drift, on warn, or never (default drift.fail_on, else never)" },
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
  json: { type: "boolean", description: "print the drift report as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var driftCommand = {
  name: "drift",
  summary: "compare current data with the model's reference profile; write the drift report (issue + retraining on GitHub)",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags3, { command: "drift", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship drift [DATA|GLOB...] [--url URL]... [--reference SPEC] [--env ENV] [--mode MODE] [--fail-on LEVEL]\n       modelship drift DATA... --shard-output FILE        (one shard of a sharded check)\n       modelship drift --current-profile 'shards/*.json'    (merge the shards and decide)",
          summary: "Profiles the current data on the reference's frozen bins and compares each column: KS, chi-square or two-proportion z\nfor a small reference (\u2264 1000 rows), normalised Wasserstein or Jensen\u2013Shannon above, PSI on the frozen bins, null\nrates and unseen categories. The dataset drifts when the share of drifted feature columns reaches drift.share (0.5).",
          flags: flags3,
          notes: "exit status: 0 checked (whatever the verdict, unless --fail-on), 1 --fail-on matched, 2 input error"
        })
      );
      return ExitCode.ok;
    }
    const mode = choiceFlag(values.mode, "mode", DRIFT_MODES);
    const failOn = choiceFlag(values["fail-on"], "fail-on", DRIFT_FAIL_ON);
    const header = values["url-header"] ?? context.env.MODELSHIP_DRIFT_URL_HEADER;
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
        gitops: gitOpsInputs(values, context),
        urlHeader: header || void 0,
        urlHeaderSource: values["url-header"] === void 0 ? "MODELSHIP_DRIFT_URL_HEADER" : "--url-header"
      },
      cliStageRun(context, values.config)
    );
    const report = result.report;
    if (report === void 0) return ExitCode.ok;
    if (values.json) context.print(JSON.stringify(report, null, 2));
    else {
      const lines = [
        `${driftIcon(report.status)} ${report.status}: ${report.drifted_columns.length} of ${report.columns_checked} feature column(s) drifted (share ${report.share.toFixed(3)}, drift at \u2265 ${report.settings.share})`
      ];
      for (const column of report.columns)
        if (column.status !== "ok") lines.push(`  ${column.status.padEnd(17)} ${column.name}: ${column.reason}`);
      lines.push(`Report: ${result.reportPath} and ${result.markdownPath}`);
      if (result.issuePath !== void 0) lines.push(`The drift issue it would open: ${result.issuePath}`);
      context.print(lines.join("\n"));
    }
    return result.failed ? ExitCode.checksFailed : ExitCode.ok;
  }
};

// src/stages/contract-stage.ts
import { lstat } from "node:fs/promises";

// src/data/contract/infer-contract.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { isDeepStrictEqual } from "node:util";

// src/data/validate/share-bound.ts
var ROUND_SHARES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
var HEADROOM = 1.5;
function roundShareUp(share) {
  const wanted = Math.min(1, Math.max(0, share) * HEADROOM);
  return ROUND_SHARES.find((round) => round >= wanted) ?? 1;
}

// src/data/validate/duplicate-rows.ts
var EXACT_ROW_LIMIT = 1e5;
var ESTIMATE_HEADROOM = 3 * DISTINCT_ESTIMATE_ERROR;
var DATE_START = /^\d{4}-\d{2}-\d{2}/;
function hashCell(hash, raw) {
  if (raw === null) hash.missing();
  else if (typeof raw === "number") hash.number(raw);
  else if (typeof raw === "bigint") hash.number(Number(raw));
  else if (typeof raw === "boolean") hash.word(raw ? 1 : 2);
  else if (raw instanceof Date) hash.number(raw.getTime());
  else {
    const number = coerceValue(raw, "number");
    if (number.ok && typeof number.value === "number") hash.number(number.value);
    else hashText(hash, raw);
  }
}
function hashText(hash, raw) {
  if (raw.length <= 5 && (raw.toLowerCase() === "true" || raw.toLowerCase() === "false")) hash.word(raw.toLowerCase() === "true" ? 1 : 2);
  else if (DATE_START.test(raw)) {
    const date = coerceValue(raw, raw.length === 10 ? "date" : "datetime");
    if (date.ok && typeof date.value === "number") hash.number(date.value);
    else hash.text(raw);
  } else hash.text(raw);
}
var DuplicateRowCounter = class {
  #hash = new Hash64();
  #files = [];
  #path = "";
  #counter;
  /** Starts counting a new file. */
  startFile(path) {
    this.#path = path;
    this.#counter = new RepeatCounter(EXACT_ROW_LIMIT);
  }
  /** Hashes every row of a batch (all columns, in file order). */
  add(batch) {
    const hash = this.#hash;
    const counter = this.#counter;
    for (let r = 0; r < batch.length; r++) {
      hash.reset();
      for (const column of batch.columns) hashCell(hash, column[r] ?? null);
      counter.add(hash.h1, hash.h2, batch.lines[r] ?? 0);
    }
  }
  /** Ends the file and records its share. */
  endFile() {
    const counter = this.#counter;
    const rows = counter.seen;
    const file = { path: this.#path, rows, share: rows === 0 ? 0 : Math.min(1, counter.repeats / rows), exact: counter.exact };
    this.#files.push(file);
    this.#counter = void 0;
    return file;
  }
  /** Each finished file's share. */
  get files() {
    return this.#files;
  }
  /** A `max_duplicate_share` every finished file meets: the round-up rule, on estimates plus three standard errors. */
  limit() {
    return Math.max(0, ...this.#files.map((file) => roundShareUp(file.exact ? file.share : file.share + ESTIMATE_HEADROOM)));
  }
};

// src/data/contract/column-inference.ts
var UNIQUE_ROW_LIMIT = 1e5;
var MIN_UNIQUE_VALUES = 20;
var BOOLEAN_TEXTS = /* @__PURE__ */ new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);
var DAY_MS = 24 * 60 * 60 * 1e3;
var ColumnInference = class {
  name;
  #maxEnum;
  #integer = true;
  #number = true;
  #boolean = true;
  #date = true;
  #datetime = true;
  #min = Infinity;
  #max = -Infinity;
  #dates = {};
  #datetimes = {};
  /** Counts per distinct value (as text, as categorical validation compares them); undefined past maxEnum. */
  #distinct = /* @__PURE__ */ new Map();
  /** Hashes of the values seen; undefined once a value repeats or the check is given up. */
  #seen = new HashTable64();
  #hash = new Hash64();
  #rows = 0;
  #nulls = 0;
  #fileRows = 0;
  #fileNulls = 0;
  #maxFileNullShare = 0;
  #emptyInSomeFile = false;
  constructor(name, maxEnum) {
    this.name = name;
    this.#maxEnum = maxEnum;
  }
  /** Starts a new file (null shares and emptiness are per file). */
  startFile() {
    this.#fileRows = 0;
    this.#fileNulls = 0;
  }
  /** Ends the current file. */
  endFile() {
    if (this.#fileRows > 0) this.#maxFileNullShare = Math.max(this.#maxFileNullShare, this.#fileNulls / this.#fileRows);
    if (this.#fileRows === this.#fileNulls) this.#emptyInSomeFile = true;
  }
  /** Takes the first `length` values of one batch of this column. */
  add(values, length) {
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) {
        this.#nulls++;
        this.#fileNulls++;
      } else this.#addValue(raw);
    }
    this.#rows += length;
    this.#fileRows += length;
    if (this.#rows > UNIQUE_ROW_LIMIT) this.#seen = void 0;
  }
  #addValue(raw) {
    if (this.#integer || this.#number) this.#addNumber(raw);
    if (this.#boolean) this.#boolean = typeof raw === "boolean" || typeof raw === "string" && BOOLEAN_TEXTS.has(raw);
    if (this.#date) this.#date = addInstant(this.#dates, raw, "date");
    if (this.#datetime) this.#datetime = addInstant(this.#datetimes, raw, "datetime");
    if (this.#distinct !== void 0) {
      const key = raw instanceof Date ? raw.toISOString() : String(raw);
      this.#distinct.set(key, (this.#distinct.get(key) ?? 0) + 1);
      if (this.#distinct.size > this.#maxEnum) this.#distinct = void 0;
    }
    if (this.#seen !== void 0) this.#addSeen(raw);
  }
  #addNumber(raw) {
    let coerced = this.#integer ? coerceValue(raw, "integer") : void 0;
    if (coerced !== void 0 && !coerced.ok) this.#integer = false;
    if (coerced === void 0 || !coerced.ok) coerced = this.#number ? coerceValue(raw, "number") : void 0;
    if (coerced === void 0 || !coerced.ok || typeof coerced.value !== "number") {
      this.#number = false;
      return;
    }
    if (coerced.value < this.#min) this.#min = coerced.value;
    if (coerced.value > this.#max) this.#max = coerced.value;
  }
  #addSeen(raw) {
    if (!this.#integer && (this.#number || this.#boolean || this.#date || this.#datetime)) {
      this.#seen = void 0;
      return;
    }
    const hash = this.#hash;
    hash.reset();
    hashCell(hash, raw);
    if (this.#seen.setIfAbsent(hash.h1, hash.h2, 1) !== void 0) this.#seen = void 0;
  }
  /** The column's facts once every file is read. */
  facts() {
    const nonNull = this.#rows - this.#nulls;
    const facts = {
      name: this.name,
      type: "string",
      rows: this.#rows,
      nulls: this.#nulls,
      maxFileNullShare: this.#maxFileNullShare,
      emptyInSomeFile: this.#emptyInSomeFile,
      unique: false
    };
    if (nonNull === 0) return facts;
    facts.type = this.#type();
    if (facts.type === "integer" || facts.type === "number") {
      facts.min = this.#min;
      facts.max = this.#max;
    } else if (facts.type === "date" || facts.type === "datetime") {
      const extremes = facts.type === "date" ? this.#dates : this.#datetimes;
      facts.min = extremes.min?.text;
      facts.max = extremes.max?.text;
    } else if (facts.type === "categorical") {
      facts.enum = [...this.#distinct.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0)).map(([value]) => value);
    }
    facts.unique = (facts.type === "integer" || facts.type === "string") && this.#seen !== void 0 && nonNull >= MIN_UNIQUE_VALUES;
    return facts;
  }
  #type() {
    if (this.#integer) return "integer";
    if (this.#number) return "number";
    if (this.#boolean) return "boolean";
    if (this.#date) return "date";
    if (this.#datetime) return "datetime";
    return this.#distinct === void 0 ? "string" : "categorical";
  }
};
function addInstant(extremes, raw, type) {
  let instant;
  if (raw instanceof Date) {
    const time = raw.getTime();
    if (Number.isNaN(time)) return false;
    if (type === "date" && time % DAY_MS !== 0) return false;
    instant = { time, text: type === "date" ? raw.toISOString().slice(0, 10) : raw.toISOString() };
  } else {
    const coerced = coerceValue(raw, type);
    if (!coerced.ok || typeof coerced.value !== "number") return false;
    instant = { time: coerced.value, text: String(raw) };
  }
  if (extremes.min === void 0 || instant.time < extremes.min.time) extremes.min = instant;
  if (extremes.max === void 0 || instant.time > extremes.max.time) extremes.max = instant;
  return true;
}

// src/data/contract/contract-yaml.ts
var import_yaml = __toESM(require_dist(), 1);
function renderContractYaml(options) {
  const doc = new import_yaml.Document(options.document);
  doc.commentBefore = options.header.map((line) => ` ${line}`).join("\n");
  const setFlow = (path) => {
    const node = doc.getIn(path, true);
    if ((0, import_yaml.isSeq)(node)) node.flow = true;
  };
  setFlow(["dialect", "null_markers"]);
  options.document.columns.forEach((column, index) => {
    if (column.enum !== void 0) setFlow(["columns", index, "enum"]);
    if (Array.isArray(column.role)) setFlow(["columns", index, "role"]);
  });
  for (const comment of options.comments ?? []) {
    const node = doc.getIn(comment.path, true);
    if ((0, import_yaml.isScalar)(node)) node.comment = ` ${comment.text}`;
  }
  if ((0, import_yaml.isMap)(doc.contents)) {
    doc.contents.items.forEach((pair, index) => {
      if (index > 0 && (0, import_yaml.isScalar)(pair.key)) pair.key.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

// src/data/contract/infer-contract.ts
var DEFAULT_MAX_ENUM = 20;
async function inferContract(options) {
  const { paths, logger } = options;
  if (paths.length === 0)
    throw new UserError("no data files to draft a contract from", { hint: "pass one or more data files, e.g. data/train.csv" });
  const maxEnum = options.maxEnum ?? DEFAULT_MAX_ENUM;
  if (!Number.isSafeInteger(maxEnum) || maxEnum < 0)
    throw new UserError(`max-enum must be a whole number \u2265 0, got ${maxEnum}`, {
      hint: `leave it out for the default (${DEFAULT_MAX_ENUM})`
    });
  const readOptions = options.readOptions ?? {};
  const formats = paths.map((path) => readOptions.format ?? formatFromName(path));
  const dialect = await sniffFiles(
    paths.filter((_, index) => formats[index] === "csv"),
    readOptions,
    logger
  );
  const read = (collectMarkers) => readFiles({ paths, formats, dialect, readOptions, maxEnum, target: options.target, collectMarkers, logger });
  let pass = await read(dialect !== void 0 && readOptions.nullMarkers === void 0);
  if (dialect !== void 0) {
    const late = pass.markers.filter((marker) => !dialect.nullMarkers.includes(marker));
    if (late.length > 0) {
      dialect.nullMarkers = [
        "",
        ...NULL_MARKER_CANDIDATES.filter((marker) => dialect.nullMarkers.includes(marker) || late.includes(marker))
      ];
      logger.info(
        `Found the null marker(s) ${late.map((marker) => JSON.stringify(marker)).join(", ")} past the first 64 KiB; reading the data again with them.`
      );
      pass = await read(false);
    }
  }
  const { document, comments } = buildDocument({ pass, dialect, target: options.target, quoteGiven: readOptions.quote !== void 0 });
  const rows = pass.rowsPerFile.reduce((sum, count) => sum + count, 0);
  const files = paths.map((path, index) => `${path} (${pass.rowsPerFile[index].toLocaleString("en-US")} rows)`).join(", ");
  const yaml = renderContractYaml({
    document,
    header: [
      `Drafted by \`modelship contract infer\` from ${files} on ${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10)}.`,
      "Review before committing: it describes the data you have, not the data you want.",
      "Types, ranges and enums are what these rows hold; widen them where new data may differ.",
      "Format: schemas/data-contract.schema.json"
    ],
    comments
  });
  checkLoadable(yaml, document);
  return { yaml, document, rows };
}
async function sniffFiles(paths, given, logger) {
  let merged;
  let first = "";
  for (const path of paths) {
    const dialect = await sniffDialect(path, given);
    logger.debug(
      `${path}: delimiter ${JSON.stringify(dialect.delimiter)}, trim ${dialect.trim}, null markers ${JSON.stringify(dialect.nullMarkers)}`
    );
    if (merged === void 0) {
      merged = dialect;
      first = path;
      continue;
    }
    if (dialect.delimiter !== merged.delimiter) {
      throw new UserError(`looks delimited by ${JSON.stringify(dialect.delimiter)}, but ${first} by ${JSON.stringify(merged.delimiter)}`, {
        file: path,
        hint: "a contract has one dialect: pass --delimiter, or draft a contract per kind of file"
      });
    }
    merged.trim ||= dialect.trim;
    merged.nullMarkers = [
      "",
      ...NULL_MARKER_CANDIDATES.filter((marker) => merged.nullMarkers.includes(marker) || dialect.nullMarkers.includes(marker))
    ];
  }
  if (merged !== void 0) {
    if (given.nullMarkers !== void 0) merged.nullMarkers = [...given.nullMarkers];
    logger.info(
      `CSV dialect: delimiter ${JSON.stringify(merged.delimiter)}${merged.trim ? ", spaces after delimiters trimmed" : ""}, null markers ${merged.nullMarkers.map((marker) => JSON.stringify(marker)).join(", ")}`
    );
  }
  return merged;
}
async function readFiles(options) {
  const { paths, formats, dialect, readOptions } = options;
  let names;
  let columns = [];
  let evidence;
  const duplicates = new DuplicateRowCounter();
  const rowsPerFile = [];
  for (const [index, path] of paths.entries()) {
    const csv = formats[index] === "csv" && dialect !== void 0;
    const table2 = await openTable(
      path,
      csv ? {
        ...readOptions,
        format: "csv",
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        trim: dialect.trim,
        nullMarkers: dialect.nullMarkers
      } : readOptions
    );
    if (names === void 0) {
      checkHeader(path, table2.columns, table2.headerLine);
      checkTarget(path, table2.columns, options.target);
      names = table2.columns;
      columns = names.map((name) => new ColumnInference(name, options.maxEnum));
      if (options.collectMarkers) evidence = new NullMarkerEvidence(names.length);
    } else {
      checkSameColumns(path, table2.columns, paths[0], names);
    }
    const positions = names.map((name) => table2.columns.indexOf(name));
    for (const column of columns) column.startFile();
    duplicates.startFile(path);
    for await (const batch of table2.batches()) {
      columns.forEach((column, c) => {
        const values = batch.columns[positions[c]];
        column.add(values, batch.length);
        if (csv) evidence?.add(c, values, batch.length);
      });
      duplicates.add(batch);
    }
    for (const column of columns) column.endFile();
    const rows = duplicates.endFile().rows;
    rowsPerFile.push(rows);
    options.logger.info(`${path}: ${rows.toLocaleString("en-US")} rows, ${names.length} columns read`);
  }
  return { columns: columns.map((column) => column.facts()), rowsPerFile, duplicates, markers: evidence?.chosen() ?? [] };
}
function checkHeader(path, columns, line) {
  const seen = /* @__PURE__ */ new Set();
  for (const [index, name] of columns.entries()) {
    if (name === "")
      throw new UserError(`column ${index + 1} has no name in the header`, {
        file: path,
        line,
        hint: "name every column in the header line"
      });
    if (seen.has(name))
      throw new UserError(`the header names column "${name}" twice`, {
        file: path,
        line,
        hint: "rename one of them: a contract tells columns apart by name"
      });
    seen.add(name);
  }
}
function checkTarget(path, columns, target) {
  if (target === void 0 || columns.includes(target)) return;
  throw new UserError(`--target "${target}" is not a column of the data`, { file: path, hint: `use one of: ${columns.join(", ")}` });
}
function checkSameColumns(path, columns, firstPath, expected) {
  const missing = expected.filter((name) => !columns.includes(name));
  const extra = columns.filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0 && columns.length === expected.length) return;
  const parts = [
    missing.length > 0 ? `lacks ${missing.map((name) => `"${name}"`).join(", ")}` : "",
    extra.length > 0 ? `has ${extra.map((name) => `"${name}"`).join(", ")} in addition` : ""
  ];
  throw new UserError(`has other columns than ${firstPath}: it ${parts.filter(Boolean).join(" and ") || "repeats a column"}`, {
    file: path,
    hint: "draft a contract from files that share one header, or one contract per kind of file"
  });
}
function percent(share) {
  return `${(share * 100).toFixed(2)}%`;
}
function buildDocument(options) {
  const { pass, dialect } = options;
  const comments = [];
  const columns = pass.columns.map((facts, index) => {
    const { column, nullComment } = columnDocument(facts, facts.name === options.target);
    if (nullComment !== void 0) comments.push({ path: ["columns", index, "max_null_share"], text: nullComment });
    return column;
  });
  const document = dialect === void 0 ? { columns } : { dialect: dialectDocument(dialect, options.quoteGiven), columns };
  const smallest = Math.min(...pass.rowsPerFile);
  const duplicateShare = Math.max(0, ...pass.duplicates.files.map((file) => file.share));
  const estimated = pass.duplicates.files.some((file) => !file.exact);
  document.dataset = {
    min_rows: smallest > 0 ? Math.max(1, Math.floor(smallest / 2)) : 0,
    max_duplicate_share: pass.duplicates.limit(),
    unknown_columns: "error"
  };
  comments.push({
    path: ["dataset", "min_rows"],
    text: `half the ${smallest.toLocaleString("en-US")} rows of the ${pass.rowsPerFile.length > 1 ? "smallest file" : "data"}`
  });
  comments.push({
    path: ["dataset", "max_duplicate_share"],
    text: `${percent(duplicateShare)} of rows repeat an earlier row${estimated ? " (estimated)" : ""}`
  });
  return { document, comments };
}
function dialectDocument(dialect, quoteGiven) {
  const section = { delimiter: dialect.delimiter };
  if (quoteGiven || dialect.quote !== '"') section.quote = dialect.quote;
  section.trim = dialect.trim;
  section.null_markers = dialect.nullMarkers;
  return section;
}
function columnDocument(facts, isTarget) {
  const column = { name: facts.name, type: facts.type, role: isTarget ? "target" : "feature" };
  let nullComment;
  if (facts.nulls === 0) column.nullable = false;
  else {
    const limit = roundShareUp(facts.maxFileNullShare);
    if (limit < 1) {
      column.max_null_share = limit;
      nullComment = `${percent(facts.maxFileNullShare)} missing`;
    }
  }
  if (facts.min !== void 0) column.min = facts.min;
  if (facts.max !== void 0) column.max = facts.max;
  if (facts.enum !== void 0) column.enum = facts.enum;
  if (facts.unique) column.unique = true;
  if (facts.emptyInSomeFile) column.allow_empty = true;
  return { column, nullComment };
}
function checkLoadable(yaml, document) {
  try {
    parseContract(yaml, "drafted contract");
  } catch (error) {
    throw new Error(`the drafted contract does not load: ${getErrorMessage(error)}`, { cause: error });
  }
  if (!isDeepStrictEqual((0, import_yaml2.parse)(yaml), JSON.parse(JSON.stringify(document)))) {
    throw new Error("the drafted contract's YAML does not read back as the document it was written from");
  }
}

// src/stages/contract-stage.ts
async function runContractInferStage(inputs, run) {
  if (inputs.data.length === 0)
    throw new UserError("contract infer needs a data file", {
      hint: "modelship contract infer data/train.csv --target label --output contract.yaml"
    });
  const output = inputs.output;
  if (output !== void 0) {
    await checkOutputFile(output, "--output");
    if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  }
  const result = await inferContract({
    paths: inputs.data,
    target: inputs.target,
    maxEnum: inputs.maxEnum,
    readOptions: inputs.delimiter === void 0 ? void 0 : { delimiter: inputs.delimiter },
    logger: run.logger
  });
  if (output === void 0) return { yaml: result.yaml };
  if (inputs.force !== true && await exists(output)) throw alreadyThere(output);
  await writeFileAtomic(output, result.yaml);
  return { yaml: result.yaml, output };
}
function alreadyThere(output) {
  return new UserError(`${output} already exists`, { file: output, hint: "pass --force to overwrite it, or choose another --output" });
}
async function exists(path) {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
async function runContractDiffStage(inputs) {
  const [old, next] = inputs.contracts;
  if (inputs.contracts.length !== 2 || old === void 0 || next === void 0)
    throw new UserError("contract diff needs two contracts: OLD NEW", { hint: "modelship contract diff base/contract.yaml contract.yaml" });
  const diff2 = diffContracts(await loadContract(old), await loadContract(next));
  return { diff: diff2, markdown: renderContractDiffMarkdown(diff2) };
}

// src/cli/commands/contract-command.ts
var inferFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: "write the contract here instead of stdout (refuses to overwrite without --force)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (role: target)" },
  "max-enum": { type: "string", value: "N", description: "string columns with at most N distinct values become enums (default 20)" },
  delimiter: { type: "string", value: "CHAR", description: "CSV delimiter (default: from the extension)" },
  force: { type: "boolean", description: "overwrite --output if it exists" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var diffFlags = {
  json: { type: "boolean", description: "print the diff as JSON" },
  "fail-on-breaking": { type: "boolean", description: "exit 1 when a change is breaking" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function infer(context, argv) {
  const { flags: flags11, positionals } = parseFlags(argv, inferFlags, { command: "contract infer", env: context.env });
  if (flags11.help) {
    context.print(
      renderHelp({
        usage: "modelship contract infer DATA... [--target COLUMN] [--output FILE]",
        summary: "Drafts a data contract (types, ranges, enums, null markers) that the given data satisfies.\nReview it: it describes the data you have, not the data you want.",
        flags: inferFlags
      })
    );
    return ExitCode.ok;
  }
  const result = await runContractInferStage(
    {
      data: positionals,
      target: flags11.target,
      maxEnum: integerFlag(flags11["max-enum"], "max-enum"),
      delimiter: flags11.delimiter,
      output: flags11.output,
      force: flags11.force
    },
    cliStageRun(context, void 0)
  );
  if (result.output === void 0) {
    context.print(result.yaml.trimEnd());
    return ExitCode.ok;
  }
  context.logger.info(`Wrote a draft contract to ${result.output}: review it before you commit it.`);
  return ExitCode.ok;
}
async function diff(context, argv) {
  const { flags: flags11, positionals } = parseFlags(argv, diffFlags, { command: "contract diff", env: context.env });
  if (flags11.help) {
    context.print(
      renderHelp({
        usage: "modelship contract diff OLD NEW",
        summary: "Lists what changed between two versions of a contract, and which changes are breaking\n(removed column, narrowed type, tightened constraint, removed enum value\u2026).",
        flags: diffFlags
      })
    );
    return ExitCode.ok;
  }
  const { diff: result, markdown } = await runContractDiffStage({ contracts: positionals });
  context.print(flags11.json ? JSON.stringify(result, null, 2) : markdown);
  return flags11["fail-on-breaking"] && result.breaking ? ExitCode.checksFailed : ExitCode.ok;
}
var contractCommand = {
  name: "contract",
  summary: "`contract infer DATA` drafts a contract; `contract diff OLD NEW` classifies changes",
  async run(context) {
    const [sub, ...rest] = context.argv;
    if (sub === "infer") return infer(context, rest);
    if (sub === "diff") return diff(context, rest);
    if (sub === "--help" || sub === "-h" || sub === "help") {
      context.print(
        [
          "usage: modelship contract infer DATA... [--target COLUMN] [--output FILE]",
          "       modelship contract diff OLD NEW",
          "",
          "  infer  drafts a data contract that the given data satisfies",
          "  diff   lists what changed between two contracts, and which changes are breaking",
          "",
          "modelship contract infer --help and modelship contract diff --help list their options."
        ].join("\n")
      );
      return ExitCode.ok;
    }
    throw new UserError(sub === void 0 ? "contract needs a subcommand" : `unknown subcommand "contract ${sub}"`, {
      hint: "use `modelship contract infer DATA` or `modelship contract diff OLD NEW`"
    });
  }
};

// src/cli/commands/evaluate-command.ts
var flags4 = {
  model: {
    type: "string",
    short: "m",
    value: "FILE",
    description: "the ONNX model (default model.onnx in train.output, else .modelship/model)"
  },
  contract: {
    type: "string",
    short: "c",
    value: "FILE",
    description: "data contract: dialect, aliases, target and sensitive columns (default data.contract)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (default the contract's target)" },
  feature: { type: "string", multiple: true, value: "COLUMN", description: "feature columns in order, for a model with one [N, F] input" },
  policy: { type: "string", value: "FILE", description: "gate policy file (default the gates section of modelship.yaml)" },
  champion: {
    type: "string",
    value: "FILE",
    description: "the model to beat, compared on the same rows (a file; gates.champion.release: VERSION|latest takes it from the registry)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the registry a released champion comes from (default release.registry, else .modelship/registry)"
  },
  threshold: { type: "string", value: "P", description: "decision threshold on the positive class's probability (default 0.5)" },
  "positive-label": { type: "string", value: "LABEL", description: "the positive class of a binary classifier (default the second class)" },
  resamples: {
    type: "string",
    value: "N",
    description: "bootstrap resamples of the metric and champion intervals (default 2000; 0 turns them off; fairness has gates.fairness.resamples)"
  },
  seed: { type: "string", value: "N", description: "bootstrap seed (default 0)" },
  threads: { type: "string", value: "N", description: "onnxruntime intra-op threads" },
  "fail-on": { type: "string", value: "LEVEL", description: "fail (default), warn or never" },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where gate-report.json and gate-report.md go (default .modelship/evaluation)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the JSON gate report instead of markdown" },
  quiet: { type: "boolean", short: "q", description: "print nothing but errors" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var evaluateCommand = {
  name: "evaluate",
  summary: "evaluate an ONNX model: metrics with CIs, fairness, champion comparison, gates",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags4, { command: "evaluate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship evaluate [DATA...] [--model model.onnx] [--policy gates.yaml] [--champion prod.onnx]",
          summary: "Runs the model over the test data in onnxruntime, computes metrics with bootstrap intervals, fairness per\nsensitive group and the paired comparison with a champion, applies the gate policy, and writes gate-report.json\nand gate-report.md (the PR comment).",
          flags: flags4,
          notes: "exit status: 0 passed, 1 a gate failed (under --fail-on), 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const result = await runEvaluateStage(
      {
        model: values.model,
        data: listFlag(positionals),
        contract: values.contract,
        target: values.target,
        features: listFlag(values.feature),
        policy: values.policy,
        champion: values.champion,
        registry: values.registry,
        threshold: numberFlag(values.threshold, "threshold"),
        positiveLabel: values["positive-label"],
        resamples: integerFlag(values.resamples, "resamples"),
        seed: integerFlag(values.seed, "seed"),
        threads: integerFlag(values.threads, "threads", 1),
        failOn: choiceFlag(values["fail-on"], "fail-on", ["fail", "warn", "never"]),
        reportDir: values["report-dir"]
      },
      cliStageRun(context, values.config)
    );
    if (values.json) context.print(JSON.stringify(result.report, null, 2));
    else if (!values.quiet) context.print(result.markdown);
    context.logger.info(`Reports: ${result.reportPath}, ${result.markdownPath}`);
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/cli/commands/fetch-command.ts
var flags5 = {
  dir: { type: "string", short: "d", value: "DIR", description: "where the files go (default .modelship/fetched/MODEL)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  cache: { type: "string", value: "DIR", description: "keep verified packages here by digest, and reuse them" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the manifest as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var fetchCommand = {
  name: "fetch",
  summary: "download a released model and verify every file against its manifest and SHA256SUMS",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags5, { command: "fetch", env: context.env });
    if (!values.help && positionals.length === 0)
      throw new UserError("fetch needs the model to fetch: MODEL, MODEL@VERSION or MODEL@latest", {
        hint: "e.g. modelship fetch adult-income@1.2.0 (modelship fetch --help lists the options)"
      });
    if (positionals.length > 1)
      throw new UserError(`fetch takes one model, got ${positionals.length}: ${positionals.join(" ")}`, {
        hint: "fetch one MODEL[@VERSION] at a time"
      });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship fetch MODEL[@VERSION|@latest] [--dir DIR] [--registry SPEC] [--cache DIR]",
          summary: "Downloads a model version and checks every file's sha256 and size against manifest.json and SHA256SUMS before\nanything uses it; a mismatch names the file and nothing is left in --dir.",
          flags: flags5,
          notes: "exit status: 0 fetched and verified, 2 input error or verification failed"
        })
      );
      return ExitCode.ok;
    }
    const fetched = await runFetchStage(
      { ref: positionals[0], dir: values.dir, registry: values.registry, tagFormat: values["tag-format"], cacheDir: values.cache },
      cliStageRun(context, values.config)
    );
    if (values.json) context.print(JSON.stringify(fetched.manifest, null, 2));
    else
      context.print(
        `fetched ${fetched.model} ${fetched.version} into ${fetched.path}${fetched.fromCache ? " (from the cache)" : ""}: ${fetched.manifest.files.length} files verified (digest ${fetched.manifest.digest.slice(0, 12)})
model: ${fetched.modelPath}`
      );
    return ExitCode.ok;
  }
};

// src/cli/commands/registry-command.ts
var flags6 = {
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var registryCommand = {
  name: "registry",
  summary: "list a model's released versions, or show one version's manifest",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags6, { command: "registry", env: context.env });
    const [action, ref, ...extra] = positionals;
    const usage2 = "use: modelship registry list MODEL, or modelship registry show MODEL[@VERSION]";
    if (!values.help && action === void 0) throw new UserError("registry needs a subcommand: list or show", { hint: usage2 });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship registry list MODEL | modelship registry show MODEL[@VERSION]",
          summary: "Lists the released versions of a model (newest first), or shows one version: files, gate verdict, metrics, lineage.",
          flags: flags6
        })
      );
      return ExitCode.ok;
    }
    if (action !== "list" && action !== "show") throw new UserError(`unknown subcommand "registry ${action}"`, { hint: usage2 });
    if (ref === void 0) throw new UserError(`registry ${action} needs a MODEL${action === "show" ? "[@VERSION]" : ""}`, { hint: usage2 });
    if (extra.length > 0) throw new UserError(`registry ${action} takes one model, got also ${extra.join(" ")}`, { hint: usage2 });
    const answer = await runRegistryStage(
      { action, ref, registry: values.registry, tagFormat: values["tag-format"] },
      cliStageRun(context, values.config)
    );
    if (answer.action === "list") {
      const { model, versions } = answer;
      if (values.json) context.print(JSON.stringify(versions, null, 2));
      else
        context.print(
          versions.length === 0 ? `no versions of ${model} in ${answer.where}` : table(
            ["Version", "Tag", "Released", "Where"],
            versions.map((entry) => [entry.version, code(entry.tag), entry.created ?? "\u2014", entry.url])
          )
        );
      return ExitCode.ok;
    }
    const { manifest } = answer;
    if (values.json) {
      context.print(JSON.stringify(manifest, null, 2));
      return ExitCode.ok;
    }
    context.print(
      [
        `${manifest.name} ${manifest.version} (${manifest.tag}), released ${manifest.created}, digest ${manifest.digest}`,
        `gate verdict: ${manifest.gate.verdict}${manifest.gate.allowUngated ? ` \u2014 released ungated: ${manifest.gate.reason ?? ""}` : ""}`,
        "",
        table(
          ["File", "Role", "Bytes", "sha256"],
          manifest.files.map((file) => [file.name, file.role, formatNumber(file.bytes), code(file.sha256)])
        ),
        "",
        table(
          ["Metric", "Value", "CI"],
          Object.entries(manifest.metrics).map(([name, metric]) => [name, formatNumber(metric.value), formatInterval(metric.ci)])
        ),
        "",
        `lineage: git ${manifest.lineage.gitSha ?? "\u2014"}, run ${manifest.lineage.runUrl ?? "\u2014"}${manifest.lineage.previousVersion === void 0 ? "" : `, after ${manifest.lineage.previousVersion}`}`
      ].join("\n")
    );
    return ExitCode.ok;
  }
};

// src/cli/commands/release-command.ts
var flags7 = {
  model: { type: "string", short: "m", value: "FILE", description: "the model file (default model.onnx in train.output)" },
  "model-name": { type: "string", value: "NAME", description: "the model's name (default `model:` in modelship.yaml)" },
  version: { type: "string", short: "v", value: "X.Y.Z", description: "the version to release (default: bump the newest release)" },
  bump: { type: "string", value: "PART", description: "patch (default), minor or major" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "gate-report": { type: "string", value: "FILE", description: "the gate report (default .modelship/evaluation/gate-report.json)" },
  "reference-profile": { type: "string", value: "FILE", description: "the reference profile for drift checks (default profile.output)" },
  "reference-data": {
    type: "string",
    multiple: true,
    value: "FILE|train",
    description: "when no profile file exists, profile this data (train: data.train) as the drift reference"
  },
  "run-record": { type: "string", value: "FILE", description: "the run record (default run-record.json beside the model)" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  "allow-ungated": { type: "boolean", description: "release although the gate report is missing, failed or for other bytes (recorded)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the result as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var releaseCommand = {
  name: "release",
  summary: "package the gated model (manifest, SHA256SUMS, model card) and publish an immutable version",
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags7, { command: "release", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship release [--version X.Y.Z | --bump patch] [--registry SPEC] [--allow-ungated]",
          summary: "Packages model.onnx with its gate report, reference profile, run record and a model card, writes manifest.json\nand SHA256SUMS, and publishes the version: a GitHub Release (draft, every asset, then published) or a local folder.\nA model whose gate report is missing, failed or made for other bytes is refused unless --allow-ungated.",
          flags: flags7,
          notes: "exit status: 0 released (or already released with the same bytes), 2 refused or input error"
        })
      );
      return ExitCode.ok;
    }
    const result = await runReleaseStage(
      {
        model: values["model-name"],
        modelPath: values.model,
        version: values.version,
        bump: choiceFlag(values.bump, "bump", ["patch", "minor", "major"]),
        registry: values.registry,
        tagFormat: values["tag-format"],
        gateReport: values["gate-report"],
        referenceProfile: values["reference-profile"],
        runRecord: values["run-record"],
        allowUngated: values["allow-ungated"],
        referenceData: listFlag(values["reference-data"])
      },
      cliStageRun(context, values.config)
    );
    if (values.json) context.print(JSON.stringify(result, null, 2));
    else
      context.print(
        `${result.action === "unchanged" ? "already released" : result.action}: ${result.model} ${result.version} (${result.tag})
url: ${result.url}
model: ${result.modelUri}
digest: ${result.digest}`
      );
    return ExitCode.ok;
  }
};

// src/stages/profile-stage.ts
var DEFAULT_PROFILE_OUTPUT = ".modelship/reference-profile.json";
async function runProfileStage(inputs, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const config = loaded.config;
  const contractPath = pick(inputs.contract, config?.data?.contract === void 0 ? void 0 : loaded.resolvePath(config.data.contract));
  if (contractPath === void 0)
    throw new UserError("no contract given", { hint: "pass --contract FILE or set data.contract in modelship.yaml" });
  const paths = inputs.data ?? (config?.data?.train === void 0 ? [] : [loaded.resolvePath(config.data.train)]);
  if (paths.length === 0) throw new UserError("no data files given", { hint: "modelship profile data.csv --contract contract.yaml" });
  const output = pick(inputs.output, config?.profile?.output === void 0 ? void 0 : loaded.resolvePath(config.profile.output)) ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output (profile.output)");
  const contract = await loadContract(contractPath);
  const binsFrom = inputs.binsFrom === void 0 ? void 0 : await readProfile(inputs.binsFrom);
  const profile = await profileData({
    contract,
    paths,
    binsFrom,
    bins: pick(inputs.bins, config?.profile?.bins),
    topK: pick(inputs.topK, config?.profile?.top_k),
    logger: run.logger,
    toolVersion: run.toolVersion
  });
  await writeFileAtomic(output, `${JSON.stringify(profile, null, 2)}
`);
  return { profile, output };
}
async function runProfileMergeStage(inputs) {
  const [first, ...rest] = inputs.profiles;
  if (first === void 0 || rest.length === 0)
    throw new UserError("profile merge needs at least two profiles", {
      hint: "modelship profile merge shard-1.json shard-2.json --output whole.json"
    });
  const output = inputs.output ?? DEFAULT_PROFILE_OUTPUT;
  await checkOutputFile(output, "--output");
  let merged = await readProfile(first);
  for (const path of rest) merged = mergeProfiles(merged, await readProfile(path));
  await writeFileAtomic(output, `${JSON.stringify(merged, null, 2)}
`);
  return { profile: merged, output };
}

// src/cli/commands/profile-command.ts
var profileFlags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract the columns and types come from" },
  output: { type: "string", short: "o", value: "FILE", description: `where the profile is written (default ${DEFAULT_PROFILE_OUTPUT})` },
  "bins-from": {
    type: "string",
    value: "PROFILE",
    description: "reuse the histogram edges of this profile (shards must share edges to merge)"
  },
  bins: { type: "string", value: "N", description: "histogram bins per numeric column (default 10)" },
  "top-k": { type: "string", value: "N", description: "categories listed per column (default 50)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var mergeFlags = {
  output: {
    type: "string",
    short: "o",
    value: "FILE",
    description: `where the merged profile is written (default ${DEFAULT_PROFILE_OUTPUT})`
  },
  help: { type: "boolean", short: "h", description: "show this help" }
};
async function merge(context, argv) {
  const { flags: flags11, positionals } = parseFlags(argv, mergeFlags, { command: "profile merge", env: context.env });
  if (flags11.help) {
    context.print(
      renderHelp({
        usage: "modelship profile merge PROFILE PROFILE... [--output FILE]",
        summary: "Merges the profiles of shards (made with the same --bins-from) into the profile of the whole.",
        flags: mergeFlags
      })
    );
    return ExitCode.ok;
  }
  const { profile, output } = await runProfileMergeStage({ profiles: positionals, output: flags11.output });
  context.logger.info(`Merged ${positionals.length} profiles (${profile.rows} rows) into ${output}`);
  return ExitCode.ok;
}
var profileCommand = {
  name: "profile",
  summary: "write a mergeable reference profile of data (drift baseline); `profile merge` merges shards",
  async run(context) {
    if (context.argv[0] === "merge") return merge(context, context.argv.slice(1));
    const { flags: flags11, positionals } = parseFlags(context.argv, profileFlags, { command: "profile", env: context.env });
    if (flags11.help) {
      context.print(
        renderHelp({
          usage: "modelship profile DATA... --contract FILE [--output FILE] [--bins-from PROFILE]\n       modelship profile merge PROFILE PROFILE... [--output FILE]",
          summary: "Profiles data files column by column: counts, nulls, min/max, mean/variance, a quantile sketch,\na histogram on frozen bins with overflow bins, and category counts. Profiles of shards merge exactly.",
          flags: profileFlags
        })
      );
      return ExitCode.ok;
    }
    const { profile, output } = await runProfileStage(
      {
        contract: flags11.contract,
        data: listFlag(positionals),
        output: flags11.output,
        binsFrom: flags11["bins-from"],
        bins: integerFlag(flags11.bins, "bins"),
        topK: integerFlag(flags11["top-k"], "top-k")
      },
      cliStageRun(context, flags11.config)
    );
    context.logger.info(`Profiled ${profile.rows} rows \xD7 ${Object.keys(profile.columns).length} columns into ${output}`);
    return ExitCode.ok;
  }
};

// src/cli/commands/train-command.ts
var flags8 = {
  command: {
    type: "string",
    value: "CMD",
    description: "the training command; it writes model.onnx (and metrics.json) into $MODELSHIP_OUTPUT_DIR"
  },
  "train-config": {
    type: "string",
    value: "FILE",
    description: "train.yaml for the built-in TensorFlow.js trainer (instead of --command)"
  },
  output: {
    type: "string",
    short: "o",
    value: "DIR",
    description: "folder for model.onnx, metrics.json, run-record.json (default .modelship/model)"
  },
  "require-gpu": { type: "string", value: "WHEN", description: "true (fail without a GPU), auto (default) or false" },
  param: {
    type: "string",
    multiple: true,
    value: "NAME=VALUE",
    description: "a hyperparameter for the command (MODELSHIP_PARAM_<NAME>, MODELSHIP_PARAMS)"
  },
  seed: { type: "string", value: "N", description: "random seed for the command (MODELSHIP_SEED)" },
  "runner-labels": {
    type: "string",
    value: "JSON",
    description: "the runner labels the job asked for (recorded; named when no GPU is found)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the run record as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var trainCommand = {
  name: "train",
  summary: "train (your command or the built-in trainer), check model.onnx, write the run record",
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags8, { command: "train", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: 'modelship train [--command "python train.py" | --train-config train.yaml] [--output DIR] [--require-gpu auto] [--param NAME=VALUE]...',
          summary: "Runs training, checks that model.onnx loads in onnxruntime, and writes run-record.json: params, metrics,\ndata fingerprints, git SHA, runner, GPUs and their utilization, timings.",
          flags: flags8
        })
      );
      return ExitCode.ok;
    }
    const result = await runTrainStage(
      {
        command: values.command,
        trainConfig: values["train-config"],
        output: values.output,
        requireGpu: choiceFlag(values["require-gpu"], "require-gpu", ["true", "false", "auto"]),
        seed: integerFlag(values.seed, "seed"),
        params: listFlag(values.param),
        runnerLabels: values["runner-labels"]
      },
      cliStageRun(context, values.config)
    );
    if (values.json) context.print(JSON.stringify(result.record, null, 2));
    else
      context.print(`model: ${result.modelPath}
run record: ${result.runRecordPath}
metrics: ${JSON.stringify(result.record.metrics)}`);
    return ExitCode.ok;
  }
};

// src/cli/commands/validate-command.ts
var flags9 = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract (modelship YAML or Frictionless Table Schema)" },
  train: { type: "string", value: "FILE", description: "training data (with --test: train/test hygiene checks)" },
  test: { type: "string", value: "FILE", description: "test data" },
  "base-contract": { type: "string", value: "FILE", description: "previous contract to diff against" },
  "fail-on": { type: "string", value: "LEVEL", description: "error (default), warning or never" },
  "max-examples": { type: "string", value: "N", description: "failing values listed per check (default 5)" },
  "report-dir": { type: "string", value: "DIR", description: "where the JSON and markdown reports go (default .modelship/reports)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the JSON report instead of markdown" },
  quiet: { type: "boolean", short: "q", description: "print nothing but errors" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var validateCommand = {
  name: "validate",
  summary: "check data files against a data contract",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags9, { command: "validate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship validate [DATA...] [--contract FILE] [--train FILE --test FILE]",
          summary: "Checks data files (CSV, CSV.gz, JSON Lines, Parquet) against a data contract and writes a validation report.\nOne file is checked alone; with two (or --train/--test) the train/test hygiene checks run too.",
          flags: flags9,
          notes: "exit status: 0 passed, 1 checks failed, 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const result = await runValidateStage(
      {
        contract: values.contract,
        data: listFlag(positionals),
        train: values.train,
        test: values.test,
        baseContract: values["base-contract"],
        failOn: choiceFlag(values["fail-on"], "fail-on", ["error", "warning", "never"]),
        maxExamples: integerFlag(values["max-examples"], "max-examples"),
        // Annotations are workflow commands: a terminal gets the report instead.
        maxAnnotations: 0,
        reportDir: values["report-dir"]
      },
      cliStageRun(context, values.config)
    );
    if (values.json) context.print(JSON.stringify(result.report, null, 2));
    else if (!values.quiet) context.print(result.markdown);
    context.logger.info(`Reports: ${result.reportPath}, ${result.markdownPath}`);
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/cli/commands/verify-promotion-command.ts
var flags10 = {
  head: { type: "string", value: "REF", description: "the change to check: a branch or refs/pull/N/head" },
  remote: {
    type: "string",
    value: "URL",
    description: "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of promote.repository, else the git repository the command runs in)"
  },
  base: { type: "string", value: "BRANCH", description: "the branch the change would merge into (default promote.base, else main)" },
  rules: {
    type: "string",
    value: "PATH",
    description: "modelship.yaml's path in the GitOps repository, read at the base branch (default modelship.yaml)"
  },
  report: { type: "string", value: "FILE", description: "also write the markdown report here" },
  config: {
    type: "string",
    value: "FILE",
    description: "the local modelship.yaml that names the GitOps repository (default: ./modelship.yaml)"
  },
  json: { type: "boolean", description: "print the result as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
var verifyPromotionCommand = {
  name: "verify-promotion",
  summary: "check a GitOps change by its base branch's rules: every model URI it deploys is released, intact, gated and attested",
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags10, { command: "verify-promotion", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship verify-promotion --head REF [--base BRANCH] [--remote URL] [--rules PATH]",
          summary: "Diffs REF against the base branch of the GitOps repository and judges it by the rules the base branch has (its\nmodelship.yaml: verify.registries, verify.rules_changes, promote.environments' targets). Every model URI the change\nbrings in must be exactly the model file of a release in a trusted registry: every file matches its sha256, its gate\nverdict passed for those bytes, and its build provenance verifies. Changed manifests must validate; a change to the\nrules or .github/ fails unless the rules leave it to the code owners.",
          flags: flags10,
          notes: "exit status: 0 every check passed, 1 a check failed (do not merge), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    if (values.head === void 0)
      throw new UserError("no change to check: --head is missing", {
        hint: "pass --head BRANCH or --head refs/pull/N/head (or set MODELSHIP_HEAD); `modelship verify-promotion --help` shows every flag"
      });
    if (values.report !== void 0) await checkOutputFile(values.report, "--report");
    const result = await runVerifyStage(
      {
        head: values.head,
        remote: values.remote,
        base: values.base,
        rulesFile: values.rules,
        gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || void 0
      },
      cliStageRun(context, values.config)
    );
    if (values.report !== void 0) await writeFileAtomic(values.report, `${result.markdown}
`);
    context.print(
      values.json ? JSON.stringify(
        {
          ok: result.ok,
          files: result.files,
          uris: result.uris,
          problems: result.problems,
          rulesChanges: result.rulesChanges,
          warnings: result.warnings
        },
        null,
        2
      ) : result.markdown
    );
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  }
};

// src/cli/run-cli.ts
var COMMANDS = [
  validateCommand,
  profileCommand,
  contractCommand,
  trainCommand,
  evaluateCommand,
  releaseCommand,
  fetchCommand,
  registryCommand,
  promoteCommand,
  canaryCommand,
  verifyPromotionCommand,
  driftCommand
];
function usage(version) {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `modelship ${version}: take an ML model from a pull request to production through GitOps`,
    "",
    "usage: modelship <command> [options]   (modelship <command> --help for details)",
    "",
    "commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Every --flag can also be set as an environment variable MODELSHIP_<FLAG> (e.g. MODELSHIP_FAIL_ON=warning).",
    "exit status: 0 ok, 1 checks failed, 2 usage or input error"
  ].join("\n");
}
async function runCli(argv, options) {
  const io = options.io ?? { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  const env = options.env ?? process.env;
  const verbose = argv.includes("--verbose") || /^(1|true)$/i.test(env.MODELSHIP_VERBOSE ?? "");
  const args = argv.filter((arg) => arg !== "--verbose");
  const logger = new ConsoleLogger({
    verbose,
    write: (line) => {
      io.stderr(`${line}
`);
    },
    writeError: (line) => {
      io.stderr(`${line}
`);
    }
  });
  const [name, ...rest] = args;
  if (name === void 0 || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${usage(options.version)}
`);
    return name === void 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "--version" || name === "version") {
    io.stdout(`${options.version}
`);
    return ExitCode.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const near = COMMANDS.map((candidate) => candidate.name).find((candidate) => candidate.startsWith(name.slice(0, 3)));
    const fix = near !== void 0 && name.length >= 3 ? `did you mean \`modelship ${near}\`? ` : "";
    io.stderr(
      `modelship: unknown command "${name}"
  Fix: ${fix}run \`modelship --help\` for the commands

${usage(options.version)}
`
    );
    return ExitCode.usage;
  }
  const context = {
    argv: rest,
    env,
    cwd: options.cwd ?? process.cwd(),
    logger,
    print: (text) => {
      io.stdout(`${text}
`);
    },
    version: options.version
  };
  try {
    return await command.run(context);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`modelship ${command.name}: ${error.message}
`);
      return ExitCode.usage;
    }
    io.stderr(`modelship ${command.name}: internal error, please report it: ${getErrorMessage(error)}
`);
    if (error instanceof Error && error.stack) io.stderr(`${error.stack}
`);
    return ExitCode.bug;
  }
}

// src/cli/index.ts
process.exitCode = await runCli(process.argv.slice(2), { version: TOOL_VERSION });
