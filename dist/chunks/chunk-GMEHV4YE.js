import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  openRunRegistry
} from "./chunk-FGAOEPT5.js";
import {
  resolveGitOps
} from "./chunk-XYL5FBBP.js";
import {
  promotionBranch,
  readPromotionMark,
  withClone
} from "./chunk-VVREGJ63.js";
import {
  gitOutput
} from "./chunk-FBLJ2B7Y.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  assertWritable
} from "./chunk-RGJ5T3QL.js";
import {
  createGitHubClient
} from "./chunk-LTT6RTNS.js";
import {
  code,
  escapeMarkdown,
  fitCommentBody,
  formatNumber,
  formatPercent,
  sections,
  table,
  xyChart
} from "./chunk-HFKEWQQZ.js";
import {
  parseRepository
} from "./chunk-GJTNEUV4.js";
import {
  UserError,
  getErrorMessage
} from "./chunk-SU4BFKON.js";

// src/stages/dora-stage.ts
import { join } from "node:path";

// src/gitops/dora.ts
var DORA_BANDS_SOURCE = {
  report: "Accelerate State of DevOps Report 2023 (DORA, Google Cloud)",
  url: "https://dora.dev/research/2023/dora-report/"
};
var DAY_MS = 864e5;
var HOUR_MS = 36e5;
var NOT_IN_REGISTRY = "release not in the registry";
var NO_VERSION = "the promotion names no version";
var DEPLOY_ACTIONS = /* @__PURE__ */ new Set(["promote", "direct"]);
var ROLLOUT_ACTIONS = /* @__PURE__ */ new Set(["start", "direct", "promote"]);
function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function deploymentFrequencyBand(count, windowMs) {
  if (count * DAY_MS >= windowMs) return "elite";
  if (count * 7 * DAY_MS >= windowMs) return "high";
  if (count * 30 * DAY_MS >= windowMs) return "medium";
  return "low";
}
function leadTimeBand(milliseconds) {
  if (milliseconds < DAY_MS) return "elite";
  if (milliseconds <= 7 * DAY_MS) return "high";
  if (milliseconds <= 30 * DAY_MS) return "medium";
  return "low";
}
function changeFailureBand(failed, changes) {
  if (failed * 100 <= 5 * changes) return "elite";
  if (failed * 100 <= 10 * changes) return "high";
  if (failed * 100 <= 15 * changes) return "medium";
  return "low";
}
function restoreBand(milliseconds) {
  if (milliseconds < HOUR_MS) return "elite";
  if (milliseconds < DAY_MS) return "high";
  if (milliseconds <= 7 * DAY_MS) return "medium";
  return "low";
}
function time(text) {
  return Date.parse(text);
}
function hours(milliseconds) {
  return milliseconds / HOUR_MS;
}
function retirementOf(events, options) {
  const before = events.filter((event) => time(event.mergedAt) < options.until.getTime());
  const last = before.filter((event) => DEPLOY_ACTIONS.has(event.action)).at(-1);
  const retire = before.filter((event) => event.action === "retire").at(-1);
  if (retire !== void 0 && (last === void 0 || time(retire.mergedAt) >= time(last.mergedAt)))
    return `removed from the environment by ${retire.ref} (${retire.mergedAt})`;
  if (last !== void 0 && last.version !== "" && options.retired(last.model, last.version))
    return `${last.version}, the version it last deployed, is retired in the registry`;
  return void 0;
}
function computeDora(events, options) {
  const groups = /* @__PURE__ */ new Map();
  for (const event of events) {
    const key = JSON.stringify([event.model, event.environment]);
    const list = groups.get(key) ?? [];
    list.push(event);
    groups.set(key, list);
  }
  const figures = [];
  const skipped = [];
  const keys = [...groups.keys()].sort();
  for (const key of keys) {
    const list = groups.get(key).sort((a, b) => time(a.mergedAt) - time(b.mergedAt) || a.ref.localeCompare(b.ref));
    const { model, environment } = list[0];
    const reason = retirementOf(list, options);
    if (reason !== void 0) {
      skipped.push({ model, environment, reason });
      continue;
    }
    figures.push(figuresOf(model, environment, list, options));
  }
  return { figures, skipped };
}
function unmeasuredOf(deployments) {
  const counts = /* @__PURE__ */ new Map();
  for (const { leadTimeUnmeasured: reason } of deployments) if (reason !== void 0) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts].map(([reason, count]) => ({ reason, count }));
  reasons.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { count: reasons.reduce((sum, { count }) => sum + count, 0), reasons };
}
function figuresOf(model, environment, events, options) {
  const since = options.since.getTime();
  const until = options.until.getTime();
  const inWindow = (event) => time(event.mergedAt) >= since && time(event.mergedAt) < until;
  const deployments = events.filter((event) => DEPLOY_ACTIONS.has(event.action) && inWindow(event)).map((event) => {
    const start = event.version === "" ? void 0 : options.changeTime(model, event.version);
    return {
      version: event.version,
      mergedAt: event.mergedAt,
      ref: event.ref,
      ...event.url === void 0 ? {} : { url: event.url },
      ...start === void 0 ? {
        leadTimeUnmeasured: event.version === "" ? NO_VERSION : options.unmeasuredReason?.(model, event.version) ?? NOT_IN_REGISTRY
      } : { leadTimeHours: hours(time(event.mergedAt) - time(start.at)), leadTimeFrom: start.from }
    };
  });
  const leadTimes = deployments.flatMap((deployment) => {
    const start = deployment.version === "" ? void 0 : options.changeTime(model, deployment.version);
    return start === void 0 ? [] : [time(deployment.mergedAt) - time(start.at)];
  });
  const medianLead = median(leadTimes);
  const firstRollout = /* @__PURE__ */ new Map();
  for (const event of events)
    if (ROLLOUT_ACTIONS.has(event.action) && event.version !== "" && !firstRollout.has(event.version))
      firstRollout.set(event.version, event);
  const changes = [...firstRollout.values()].filter(inWindow).map((rollout) => {
    const rollback = events.find(
      (event) => event.action === "rollback" && event.version === rollout.version && time(event.mergedAt) >= time(rollout.mergedAt) && time(event.mergedAt) - time(rollout.mergedAt) <= options.failureWindowMs
    );
    return {
      version: rollout.version,
      mergedAt: rollout.mergedAt,
      ref: rollout.ref,
      ...rollback === void 0 ? {} : { rolledBackBy: rollback.ref }
    };
  });
  const failed = changes.filter((change) => change.rolledBackBy !== void 0).length;
  const restores = events.filter((event) => event.action === "rollback" && inWindow(event)).map((event) => ({
    version: event.version,
    openedAt: event.openedAt,
    mergedAt: event.mergedAt,
    hours: hours(time(event.mergedAt) - time(event.openedAt)),
    ref: event.ref,
    ...event.url === void 0 ? {} : { url: event.url }
  }));
  const medianRestore = median(restores.map((restore) => time(restore.mergedAt) - time(restore.openedAt)));
  const windowMs = until - since;
  const weekly = [];
  for (let start = since; start < until; start += 7 * DAY_MS) {
    const end = Math.min(start + 7 * DAY_MS, until);
    const week = deployments.filter((deployment) => time(deployment.mergedAt) >= start && time(deployment.mergedAt) < end);
    weekly.push({
      start: new Date(start).toISOString(),
      deployments: week.length,
      medianLeadTimeHours: median(week.flatMap((deployment) => deployment.leadTimeHours === void 0 ? [] : [deployment.leadTimeHours]))
    });
  }
  return {
    model,
    environment,
    deploymentFrequency: {
      count: deployments.length,
      perWeek: windowMs <= 0 ? 0 : deployments.length * 7 * DAY_MS / windowMs,
      band: deploymentFrequencyBand(deployments.length, windowMs)
    },
    leadTime: {
      count: leadTimes.length,
      medianHours: medianLead === null ? null : hours(medianLead),
      band: medianLead === null ? null : leadTimeBand(medianLead),
      fromRelease: deployments.filter((deployment) => deployment.leadTimeFrom === "release").length,
      unmeasured: unmeasuredOf(deployments)
    },
    changeFailureRate: {
      changes: changes.length,
      failed,
      rate: changes.length === 0 ? null : failed / changes.length,
      band: changes.length === 0 ? null : changeFailureBand(failed, changes.length)
    },
    timeToRestore: {
      count: restores.length,
      medianHours: medianRestore === null ? null : hours(medianRestore),
      band: medianRestore === null ? null : restoreBand(medianRestore)
    },
    weekly,
    deployments,
    changes,
    restores
  };
}

// src/gitops/dora-history.ts
var FACT_LINE = /^[A-Z][A-Za-z-]*: /;
function readPromotionCommit(message) {
  const paragraphs = message.replace(/\r\n/g, "\n").trim().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return void 0;
  const title = paragraphs[0].split("\n")[0];
  const lines = paragraphs.at(-1).split("\n");
  if (!lines.every((line) => FACT_LINE.test(line))) return void 0;
  const one = (key) => {
    const found = lines.filter((line) => line.startsWith(`${key}: `));
    return found.length === 1 ? found[0].slice(key.length + 2) : void 0;
  };
  const model = /^(\S+) (\S*)$/.exec(one("Model") ?? "");
  const environment = /^(\S+)$/.exec(one("Environment") ?? "");
  const action = /^(\S+)/.exec(one("Action") ?? "");
  if (model === null || environment === null || action === null || !title.startsWith(`${model[1]} `)) return void 0;
  return { environment: environment[1], model: model[1], version: model[2], action: action[1] };
}
function mergedBranch(message) {
  const first = message.split("\n")[0].trim();
  const pull = /^Merge pull request #\d+ from [^\s/]+\/(\S+)$/.exec(first);
  if (pull !== null) return pull[1];
  const branch = /^Merge (?:remote-tracking )?branch '(?:origin\/)?([^']+)'(?: into \S+)?$/.exec(first);
  return branch?.[1];
}
var FIELD = "";
var RECORD = "";
async function logCommits(workspace, args) {
  const run = await workspace.git(["log", `--format=%H${FIELD}%P${FIELD}%aI${FIELD}%cI${FIELD}%B${RECORD}`, ...args]);
  return run.stdout.toString("utf8").split(RECORD).map((record) => record.replace(/^\n/, "")).filter((record) => record.trim() !== "").map((record) => {
    const [sha = "", parents = "", authored = "", committed = "", ...message] = record.split(FIELD);
    return { sha, parents: parents.split(" ").filter((parent) => parent !== ""), authored, committed, message: message.join(FIELD) };
  });
}
function iso(text) {
  return new Date(text).toISOString();
}
async function readGitHistory(workspace) {
  const shallow = (await workspace.git(["rev-parse", "--is-shallow-repository"])).stdout.toString("utf8").trim() === "true";
  if (shallow)
    await workspace.git([
      "fetch",
      "--no-tags",
      "--unshallow",
      "origin",
      `+refs/heads/${workspace.base}:refs/remotes/origin/${workspace.base}`
    ]);
  const base = `refs/remotes/origin/${workspace.base}`;
  const all = new Map((await logCommits(workspace, [base])).map((commit) => [commit.sha, commit]));
  const mainline = await logCommits(workspace, ["--first-parent", base]);
  const onMainline = new Set(mainline.map((commit) => commit.sha));
  const events = [];
  for (const commit of mainline) {
    if (commit.parents.length >= 2) {
      const branch = mergedBranch(commit.message);
      if (branch === void 0 || !branch.startsWith("modelship/")) continue;
      let cursor = all.get(commit.parents[1]);
      for (let steps = 0; cursor !== void 0 && !onMainline.has(cursor.sha) && steps < 100; steps += 1) {
        const facts2 = readPromotionCommit(cursor.message);
        if (facts2 !== void 0 && promotionBranch(facts2.environment, facts2.model) === branch) {
          events.push({ ...facts2, openedAt: iso(cursor.committed), mergedAt: iso(commit.committed), ref: commit.sha.slice(0, 12) });
          break;
        }
        cursor = cursor.parents[0] === void 0 ? void 0 : all.get(cursor.parents[0]);
      }
      continue;
    }
    const facts = readPromotionCommit(commit.message);
    if (facts !== void 0)
      events.push({ ...facts, openedAt: iso(commit.authored), mergedAt: iso(commit.committed), ref: commit.sha.slice(0, 12) });
  }
  return events;
}
async function readPullRequestHistory(client, options) {
  const where = parseRepository(options.repository);
  if (where === void 0)
    throw new UserError(`"${options.repository}" is not a GitHub repository name`, {
      hint: "give the GitOps repository as owner/name (--gitops-repo, promote.repository), e.g. octo-org/gitops"
    });
  const since = options.since.getTime();
  const rollbackLabel = (options.rollbackLabel ?? "rollback").toLowerCase();
  const events = [];
  const pages = client.paginate.iterator(client.rest.pulls.list, {
    owner: where.owner,
    repo: where.repo,
    state: "closed",
    base: options.base,
    sort: "updated",
    direction: "desc",
    per_page: 100
  });
  for await (const page of pages) {
    const pulls = page.data;
    for (const pull of pulls) {
      if (pull.merged_at === null || Date.parse(pull.merged_at) < since) continue;
      const mark = readPromotionMark(pull.body ?? "");
      if (mark === void 0 || pull.head.ref !== promotionBranch(mark.environment, mark.model) || pull.head.repo?.full_name.toLowerCase() !== options.repository.toLowerCase())
        continue;
      const action = mark.action ?? (pull.labels.some((label) => label.name?.toLowerCase() === rollbackLabel) ? "rollback" : void 0);
      if (action === void 0) continue;
      events.push({
        environment: mark.environment,
        model: mark.model,
        version: mark.version ?? "",
        action,
        openedAt: iso(pull.created_at),
        mergedAt: iso(pull.merged_at),
        ref: `#${pull.number}`,
        url: pull.html_url
      });
    }
    const oldest = pulls.at(-1);
    if (oldest === void 0 || Date.parse(oldest.updated_at) < since) break;
  }
  return events;
}

// src/gitops/dora-report.ts
function emptyReason(report, surface) {
  const { environments, models, found } = report.selection;
  const filters = [];
  const holds = [];
  if (environments !== null) {
    filters.push(surface === "cli" ? environments.map((name) => `--env ${name}`).join(" ") : `environments ${environments.join(", ")}`);
    holds.push(`${models === null ? "" : "environments "}${found.environments.join(", ")}`);
  }
  if (models !== null) {
    filters.push(surface === "cli" ? models.map((name) => `--model ${name}`).join(" ") : `models ${models.join(", ")}`);
    holds.push(`${environments === null ? "" : "models "}${found.models.join(", ")}`);
  }
  if (filters.length === 0 || found.environments.length === 0) return "no promotion by modelship was merged in this history";
  return `no promotion by modelship for ${filters.join(surface === "cli" ? " " : " and ")} (found: ${holds.join("; ")})`;
}
var BAND_LABEL = { elite: "\u{1F7E2} elite", high: "\u{1F535} high", medium: "\u{1F7E1} medium", low: "\u{1F534} low" };
function band(value) {
  return value === null ? "\u2014" : BAND_LABEL[value];
}
function formatDuration(hours2) {
  if (hours2 === null) return "\u2014";
  if (hours2 < 1) return `${formatNumber(hours2 * 60, 1)} min`;
  if (hours2 < 48) return `${formatNumber(hours2, 1)} h`;
  return `${formatNumber(hours2 / 24, 1)} d`;
}
function unmeasuredText(reasons) {
  return reasons.map(({ reason, count }) => {
    const what = reason === NOT_IN_REGISTRY ? `${reason}; try --registry / input registry with the one releases go to` : reason;
    return reasons.length === 1 ? what : `${count}: ${what}`;
  }).join("; ");
}
function figureRows(figures) {
  const { deploymentFrequency: df, leadTime: lt, changeFailureRate: cfr, timeToRestore: ttr } = figures;
  const fromRelease = lt.fromRelease > 0 ? ` (${lt.fromRelease} from the release time: commit not found)` : "";
  const measured = lt.unmeasured.count === 0 ? `${lt.count} deployments` : `${lt.count} of ${lt.count + lt.unmeasured.count} measured (${unmeasuredText(lt.unmeasured.reasons)})`;
  return [
    ["deployment frequency", `${formatNumber(df.perWeek, 2)} / week`, `${df.count} promoted to 100%`, band(df.band)],
    ["lead time for changes (median)", formatDuration(lt.medianHours), `${measured}${fromRelease}`, band(lt.band)],
    [
      "change failure rate",
      cfr.rate === null ? "\u2014" : formatPercent(cfr.rate),
      `${cfr.failed} of ${cfr.changes} changes rolled back`,
      band(cfr.band)
    ],
    ["time to restore (median)", formatDuration(ttr.medianHours), `${ttr.count} rollbacks`, band(ttr.band)]
  ];
}
function chartName(text) {
  return text.replace(/[^\w.@/-]/g, "_");
}
function trend(figures) {
  if (figures.deploymentFrequency.count === 0) return void 0;
  const x = figures.weekly.map((week) => week.start.slice(5, 10));
  const name = `${chartName(figures.model)} in ${chartName(figures.environment)}`;
  const deployments = xyChart({
    title: `${name}: deployments per week`,
    x,
    yLabel: "deployments",
    series: [{ kind: "bar", values: figures.weekly.map((week) => week.deployments) }]
  });
  const measured = figures.weekly.filter((week) => week.medianLeadTimeHours !== null);
  if (measured.length === 0) return deployments;
  const lead = xyChart({
    title: `${name}: median lead time per week (hours; weeks with a measured deployment)`,
    x: measured.map((week) => week.start.slice(5, 10)),
    yLabel: "hours",
    series: [{ kind: "line", values: measured.map((week) => week.medianLeadTimeHours) }]
  });
  return `${deployments}

${lead}`;
}
function capitalize(text) {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
function renderDoraMarkdown(report) {
  const where = report.source.kind === "github" ? `pull requests into ${code(report.source.base)} of ${code(report.source.repository)}` : `the git history of ${code(report.source.base)} in ${code(report.source.remote)}`;
  const intro = `From ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)} (${formatNumber(report.window.days, 1)} days), read from ${where}. Times are medians; a change fails when a rollback of its version is merged within ${formatNumber(report.failureWindowDays, 1)} days of its first rollout. Performance levels: [${escapeMarkdown(report.bands.report)}](${report.bands.url}).`;
  const models = report.models.map(
    (figures) => sections(
      `### ${escapeMarkdown(figures.model)} in ${escapeMarkdown(figures.environment)}`,
      table(["metric", "value", "from", "DORA level"], figureRows(figures)),
      trend(figures)
    )
  );
  const skipped = report.skipped.length === 0 ? void 0 : `### Skipped (retired)

${report.skipped.map((skip) => `- ${escapeMarkdown(skip.model)} in ${escapeMarkdown(skip.environment)}: ${escapeMarkdown(skip.reason)}`).join("\n")}`;
  const empty = report.models.length === 0 && report.skipped.length === 0 ? `_${escapeMarkdown(capitalize(emptyReason(report, "summary")))}._` : void 0;
  return fitCommentBody(sections("## modelship DORA metrics", intro, empty, ...models, skipped));
}

// schemas/dora-report.schema.json
var dora_report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/dora-report.schema.json",
  title: "modelship DORA report",
  description: "What `modelship dora` and the dora action found in a GitOps repository's promotion history: per model and environment DORA's four keys (deployment frequency, lead time for changes, change failure rate, time to restore) over a window, each with its performance level from the Accelerate State of DevOps Report 2023, the weekly trend, and the records each figure was computed from; retired models are listed as skipped. Written as dora-report.json.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema",
    "tool",
    "created",
    "window",
    "failureWindowDays",
    "source",
    "bands",
    "statistic",
    "models",
    "skipped",
    "selection"
  ],
  properties: {
    schema: {
      const: "modelship/dora-report@1",
      description: "The report format and its version."
    },
    tool: {
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: {
          const: "modelship",
          description: "Always modelship."
        },
        version: {
          type: "string",
          description: "The version: of modelship (tool), or of the model release (records)."
        }
      },
      description: "The modelship that wrote the report."
    },
    created: {
      type: "string",
      format: "date-time",
      description: "When the report was made (ISO 8601); the end of the window."
    },
    window: {
      description: "The figures count what was merged from `since` (inclusive) to `until` (exclusive).",
      type: "object",
      additionalProperties: false,
      required: ["since", "until", "days"],
      properties: {
        since: {
          type: "string",
          format: "date-time",
          description: "The window's first instant (ISO 8601)."
        },
        until: {
          type: "string",
          format: "date-time",
          description: "The window's end (ISO 8601), not included."
        },
        days: {
          type: "number",
          exclusiveMinimum: 0,
          description: "The window's length in days."
        }
      }
    },
    failureWindowDays: {
      description: "A rollback of a version merged within this many days of its first rollout makes that change a failed one.",
      type: "number",
      exclusiveMinimum: 0
    },
    source: {
      description: "Where the history was read: GitHub pull requests (with modelship's hidden promotion marker), or the git history of the base branch.",
      oneOf: [
        {
          type: "object",
          additionalProperties: false,
          required: ["kind", "repository", "base"],
          properties: {
            kind: {
              const: "github",
              description: "github: merged pull requests; git: the base branch's history."
            },
            repository: {
              type: "string",
              description: "OWNER/REPO of the GitOps repository on GitHub."
            },
            base: {
              type: "string",
              description: "The branch promotions are merged into."
            }
          }
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["kind", "remote", "base"],
          properties: {
            kind: {
              const: "git",
              description: "github: merged pull requests; git: the base branch's history."
            },
            remote: {
              type: "string",
              description: "The git URL or path of the GitOps repository (credentials removed)."
            },
            base: {
              type: "string",
              description: "The branch promotions are merged into."
            }
          }
        }
      ]
    },
    bands: {
      description: "The report whose performance clusters give the levels.",
      type: "object",
      additionalProperties: false,
      required: ["report", "url"],
      properties: {
        report: {
          type: "string",
          description: "The report's name and year."
        },
        url: {
          type: "string",
          description: "A link: the report, or the pull request."
        }
      }
    },
    statistic: {
      description: "How times are summarised: the median (the mean of the two middle values for an even count).",
      const: "median"
    },
    models: {
      type: "array",
      items: {
        $ref: "#/$defs/figures"
      },
      description: "The figures per model and environment that had promotions and is not retired."
    },
    skipped: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["model", "environment", "reason"],
        properties: {
          model: {
            type: "string",
            description: "The model's name."
          },
          environment: {
            type: "string",
            description: "The environment in promote.environments."
          },
          reason: {
            type: "string",
            description: "Why the model is left out."
          }
        }
      },
      description: "Models left out of the figures: retired in the environment (the version it last deployed carries a retirement mark, or a retirement PR was merged after it)."
    },
    selection: {
      description: "Which environments and models were asked for (--env / input environments, --model), and which the history holds: an empty report says what there was instead.",
      type: "object",
      additionalProperties: false,
      required: ["environments", "models", "found"],
      properties: {
        environments: {
          type: ["array", "null"],
          items: { type: "string" },
          description: "Only these environments; null: every one."
        },
        models: {
          type: ["array", "null"],
          items: { type: "string" },
          description: "Only these models; null: every one."
        },
        found: {
          description: "What the history read holds, whatever was asked for.",
          type: "object",
          additionalProperties: false,
          required: ["environments", "models"],
          properties: {
            environments: {
              type: "array",
              items: { type: "string" },
              description: "The environments with promotions in the history read, sorted."
            },
            models: {
              type: "array",
              items: { type: "string" },
              description: "The models with promotions in the history read, sorted."
            }
          }
        }
      }
    }
  },
  $defs: {
    band: {
      enum: ["elite", "high", "medium", "low"]
    },
    bandOrNull: {
      oneOf: [
        {
          $ref: "#/$defs/band"
        },
        {
          type: "null"
        }
      ]
    },
    hoursOrNull: {
      oneOf: [
        {
          type: "number"
        },
        {
          type: "null"
        }
      ]
    },
    count: {
      type: "integer",
      minimum: 0
    },
    figures: {
      type: "object",
      additionalProperties: false,
      required: [
        "model",
        "environment",
        "deploymentFrequency",
        "leadTime",
        "changeFailureRate",
        "timeToRestore",
        "weekly",
        "deployments",
        "changes",
        "restores"
      ],
      properties: {
        model: {
          type: "string",
          description: "The model's name."
        },
        environment: {
          type: "string",
          description: "The environment in promote.environments."
        },
        deploymentFrequency: {
          description: "Promotions merged to 100% (`promote` or `direct`) in the window.",
          type: "object",
          additionalProperties: false,
          required: ["count", "perWeek", "band"],
          properties: {
            count: {
              $ref: "#/$defs/count",
              description: "How many there were in the window."
            },
            perWeek: {
              type: "number",
              minimum: 0,
              description: "Deployments per 7 days over the window."
            },
            band: {
              $ref: "#/$defs/band",
              description: "The DORA performance level (elite, high, medium, low); null when there is nothing to measure."
            }
          }
        },
        leadTime: {
          description: "Median hours from the model-repository commit a release was built from (else the release's creation) to the merge that put it at 100%.",
          type: "object",
          additionalProperties: false,
          required: ["count", "medianHours", "band", "fromRelease", "unmeasured"],
          properties: {
            count: {
              $ref: "#/$defs/count",
              description: "How many there were in the window."
            },
            medianHours: {
              $ref: "#/$defs/hoursOrNull",
              description: "The median in hours; null when there is none."
            },
            band: {
              $ref: "#/$defs/bandOrNull",
              description: "The DORA performance level (elite, high, medium, low); null when there is nothing to measure."
            },
            fromRelease: {
              description: "Deployments whose start is the release's time (the commit was not found).",
              $ref: "#/$defs/count"
            },
            unmeasured: {
              description: "Deployments in the window without a lead time (count counts only the measured ones), and why.",
              type: "object",
              additionalProperties: false,
              required: ["count", "reasons"],
              properties: {
                count: {
                  $ref: "#/$defs/count",
                  description: "How many deployments have no lead time."
                },
                reasons: {
                  type: "array",
                  description: "Each reason once, with how many deployments it left unmeasured, most first.",
                  items: {
                    type: "object",
                    additionalProperties: false,
                    required: ["reason", "count"],
                    properties: {
                      reason: {
                        type: "string",
                        description: "Why: release not in the registry (the registry read is not the one the release went to: --registry / input registry), the registry's manifest could not be read, or the promotion names no version."
                      },
                      count: {
                        $ref: "#/$defs/count",
                        description: "How many deployments it left unmeasured."
                      }
                    }
                  }
                }
              }
            }
          }
        },
        changeFailureRate: {
          description: "Changes (a version's first rollout in the window) followed by a merged rollback of that version within failureWindowDays.",
          type: "object",
          additionalProperties: false,
          required: ["changes", "failed", "rate", "band"],
          properties: {
            changes: {
              $ref: "#/$defs/count",
              description: "Versions whose first rollout (start, direct or promote) was merged in the window."
            },
            failed: {
              $ref: "#/$defs/count",
              description: "Of those, the ones a merged rollback of the same version followed within failureWindowDays."
            },
            rate: {
              oneOf: [
                {
                  type: "number",
                  minimum: 0,
                  maximum: 1
                },
                {
                  type: "null"
                }
              ],
              description: "failed / changes; null without changes."
            },
            band: {
              $ref: "#/$defs/bandOrNull",
              description: "The DORA performance level (elite, high, medium, low); null when there is nothing to measure."
            }
          }
        },
        timeToRestore: {
          description: "Median hours from a rollback PR's opening (the canary job's unhealthy detection) to its merge, for rollbacks merged in the window.",
          type: "object",
          additionalProperties: false,
          required: ["count", "medianHours", "band"],
          properties: {
            count: {
              $ref: "#/$defs/count",
              description: "How many there were in the window."
            },
            medianHours: {
              $ref: "#/$defs/hoursOrNull",
              description: "The median in hours; null when there is none."
            },
            band: {
              $ref: "#/$defs/bandOrNull",
              description: "The DORA performance level (elite, high, medium, low); null when there is nothing to measure."
            }
          }
        },
        weekly: {
          description: "Seven-day buckets from the window's start (the last may be shorter).",
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["start", "deployments", "medianLeadTimeHours"],
            properties: {
              start: {
                type: "string",
                format: "date-time",
                description: "The week's first instant (ISO 8601)."
              },
              deployments: {
                $ref: "#/$defs/count",
                description: "Promotions merged to 100% that week."
              },
              medianLeadTimeHours: {
                $ref: "#/$defs/hoursOrNull",
                description: "The median lead time of that week's deployments in hours; null without deployments."
              }
            }
          }
        },
        deployments: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["version", "mergedAt", "ref"],
            properties: {
              version: {
                type: "string",
                description: "The version: of modelship (tool), or of the model release (records)."
              },
              mergedAt: {
                type: "string",
                format: "date-time",
                description: "When the pull request (or promotion commit) was merged into the base (ISO 8601)."
              },
              ref: {
                description: "`#N` for a pull request, a short commit sha from git history.",
                type: "string"
              },
              url: {
                type: "string",
                description: "A link: the report, or the pull request."
              },
              leadTimeHours: {
                type: "number",
                description: "Hours from the change's start to this merge."
              },
              leadTimeFrom: {
                enum: ["commit", "release"],
                description: "commit: the model-repository commit the release names; release: the release's creation (the commit was not found)."
              },
              leadTimeUnmeasured: {
                type: "string",
                description: "Why this deployment has no lead time (then leadTimeHours is absent), e.g. release not in the registry."
              }
            }
          },
          description: "Promotions merged to 100% in the window (promote or direct), oldest first."
        },
        changes: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["version", "mergedAt", "ref"],
            properties: {
              version: {
                type: "string",
                description: "The version: of modelship (tool), or of the model release (records)."
              },
              mergedAt: {
                type: "string",
                format: "date-time",
                description: "When the pull request (or promotion commit) was merged into the base (ISO 8601)."
              },
              ref: {
                type: "string",
                description: "#N for a pull request, a short commit sha from git history."
              },
              rolledBackBy: {
                type: "string",
                description: "The rollback that failed this change."
              }
            }
          },
          description: "Changes (a version's first rollout) in the window, and whether a rollback failed each."
        },
        restores: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["version", "openedAt", "mergedAt", "hours", "ref"],
            properties: {
              version: {
                type: "string",
                description: "The version: of modelship (tool), or of the model release (records)."
              },
              openedAt: {
                type: "string",
                format: "date-time",
                description: "When the rollback was opened: the PR's creation, or the promotion commit's author time in git history (the canary job opens it when a health check fails)."
              },
              mergedAt: {
                type: "string",
                format: "date-time",
                description: "When the pull request (or promotion commit) was merged into the base (ISO 8601)."
              },
              hours: {
                type: "number",
                description: "Hours from opening to merge."
              },
              ref: {
                type: "string",
                description: "#N for a pull request, a short commit sha from git history."
              },
              url: {
                type: "string",
                description: "A link: the report, or the pull request."
              }
            }
          },
          description: "Rollbacks merged in the window, oldest first."
        }
      }
    }
  }
};

// src/gitops/dora-text.ts
function renderDoraText(report) {
  const lines = [
    `DORA metrics ${report.window.since.slice(0, 10)} \u2192 ${report.window.until.slice(0, 10)} (medians; levels: ${report.bands.report})`
  ];
  if (report.models.length === 0 && report.skipped.length === 0) lines.push(emptyReason(report, "cli"));
  for (const figures of report.models) {
    lines.push("", `${figures.model} in ${figures.environment}`);
    for (const [metric, value, from, level] of figureRows(figures))
      lines.push(`  ${metric.padEnd(31)} ${value.padEnd(10)} ${level.replace(/^\S+ /, "").padEnd(7)} ${from}`);
  }
  for (const skip of report.skipped) lines.push("", `skipped ${skip.model} in ${skip.environment}: ${skip.reason}`);
  return lines.join("\n");
}

// src/stages/dora-stage.ts
var DEFAULT_DORA_OUT = ".modelship/dora";
var DEFAULT_WINDOW = "90d";
var DEFAULT_FAILURE_WINDOW = "7d";
function parseWindow(text, setting) {
  const match = /^(\d+)(h|d|w)$/.exec(text.trim());
  if (match === null || Number(match[1]) === 0)
    throw new UserError(`${setting}: "${text}" is not a duration`, {
      hint: "write a positive whole number and a unit: 36h, 90d or 12w"
    });
  return Number(match[1]) * { h: 36e5, d: DAY_MS, w: 7 * DAY_MS }[match[2]];
}
function sinceOf(text, now) {
  if (/^\d+(h|d|w)$/.test(text.trim())) return new Date(now.getTime() - parseWindow(text, "--since / input since"));
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(date.getTime()))
    throw new UserError(`--since / input since: "${text}" is neither a duration nor a date`, {
      hint: "give a duration such as 90d or 12w, or an ISO 8601 date such as 2026-09-01"
    });
  if (date.getTime() >= now.getTime())
    throw new UserError(`--since / input since: ${text} is not before the end of the window (${now.toISOString()})`, {
      hint: "give an earlier date, or a duration such as 90d"
    });
  return date;
}
async function changeTimes(store, wanted, cwd, warn) {
  const times = /* @__PURE__ */ new Map();
  const unmeasured = /* @__PURE__ */ new Map();
  for (const { model, version } of wanted) {
    const key = `${model}@${version}`;
    if (times.has(key) || version === "") continue;
    let manifest;
    try {
      manifest = await store.readManifest(model, version);
    } catch (error) {
      warn(`${key}: the registry's manifest could not be read (${getErrorMessage(error)}); its lead time is left out`);
      unmeasured.set(key, "the registry's manifest could not be read");
      continue;
    }
    if (manifest === void 0) {
      warn(`${key} is not in ${store.description}; its lead time is left out (--registry / input registry names the one releases go to)`);
      unmeasured.set(key, NOT_IN_REGISTRY);
      continue;
    }
    const sha = manifest.lineage.gitSha;
    if (sha !== void 0 && /^[0-9a-f]{7,64}$/i.test(sha)) {
      try {
        const committed = (await gitOutput(["show", "-s", "--format=%cI", `${sha}^{commit}`, "--"], { cwd })).trim();
        if (committed !== "") {
          times.set(key, { at: new Date(committed).toISOString(), from: "commit" });
          continue;
        }
      } catch {
      }
    }
    times.set(key, { at: new Date(manifest.created).toISOString(), from: "release" });
  }
  return { times, unmeasured };
}
async function retiredVersions(store, models) {
  const retired = /* @__PURE__ */ new Set();
  for (const model of models) for (const mark of await store.retirements(model)) retired.add(`${mark.model}@${mark.version}`);
  return retired;
}
async function runDoraStage(options, run) {
  const loaded = await loadStageConfig(run.config, run.cwd);
  const now = options.now ?? /* @__PURE__ */ new Date();
  const since = sinceOf(options.since ?? DEFAULT_WINDOW, now);
  const failureWindowMs = parseWindow(options.failureWindow ?? DEFAULT_FAILURE_WINDOW, "--failure-window / input failure-window");
  const gitops = resolveGitOps(
    { repository: options.gitops.gitopsRepo, remote: options.gitops.remote, base: options.gitops.base, serverUrl: run.serverUrl },
    loaded
  );
  const token = options.gitops.gitopsToken ?? run.token;
  const readSince = new Date(since.getTime() - (now.getTime() - since.getTime()) - failureWindowMs);
  let events;
  let source;
  const readRemote = options.gitops.remote !== void 0 && options.gitops.gitopsRepo === void 0;
  if (gitops.repository !== void 0 && !readRemote) {
    if (token === void 0 || token === "")
      throw new UserError(`reading the pull requests of ${gitops.repository} needs a token`, {
        hint: "pass a token with pull-requests: read on the GitOps repository (input gitops-token; for the CLI MODELSHIP_GITOPS_TOKEN or GITHUB_TOKEN), or --remote / input remote with a git URL or path to read the git history instead"
      });
    const client = createGitHubClient({ token, logger: run.logger, userAgentVersion: run.toolVersion });
    events = await readPullRequestHistory(client, { repository: gitops.repository, base: gitops.base, since: readSince });
    source = { kind: "github", repository: gitops.repository, base: gitops.base };
  } else {
    const clone = { remote: gitops.remote, base: gitops.base, depth: 1, ...token === void 0 ? {} : { token }, logger: run.logger };
    events = await withClone(clone, (workspace) => readGitHistory(workspace));
    source = { kind: "git", remote: redactRemote(gitops.remote), base: gitops.base };
  }
  const found = {
    environments: [...new Set(events.map((event) => event.environment))].sort(),
    models: [...new Set(events.map((event) => event.model))].sort()
  };
  const environments = options.environments === void 0 ? void 0 : new Set(options.environments);
  const models = options.models === void 0 ? void 0 : new Set(options.models);
  events = events.filter(
    (event) => (environments === void 0 || environments.has(event.environment)) && (models === void 0 || models.has(event.model))
  );
  const store = openRunRegistry(run, loaded, { registry: options.gitops.registry, tagFormat: options.gitops.tagFormat });
  const modelNames = [...new Set(events.map((event) => event.model))].sort();
  const retired = await retiredVersions(store, modelNames);
  const deployed = events.filter((event) => event.action === "promote" || event.action === "direct");
  const { times, unmeasured } = await changeTimes(store, deployed, run.cwd, (message) => {
    run.logger.warning(message);
  });
  const computed = computeDora(events, {
    since,
    until: now,
    failureWindowMs,
    changeTime: (model, version) => times.get(`${model}@${version}`),
    retired: (model, version) => retired.has(`${model}@${version}`),
    unmeasuredReason: (model, version) => unmeasured.get(`${model}@${version}`)
  });
  const report = {
    schema: "modelship/dora-report@1",
    tool: { name: "modelship", version: run.toolVersion },
    created: now.toISOString(),
    window: { since: since.toISOString(), until: now.toISOString(), days: (now.getTime() - since.getTime()) / DAY_MS },
    failureWindowDays: failureWindowMs / DAY_MS,
    source,
    bands: { report: DORA_BANDS_SOURCE.report, url: DORA_BANDS_SOURCE.url },
    statistic: "median",
    models: computed.figures,
    skipped: computed.skipped,
    selection: { environments: options.environments ?? null, models: options.models ?? null, found }
  };
  assertWritable(dora_report_schema_default, report, "DORA report");
  const markdown = renderDoraMarkdown(report);
  const outDir = options.outDir ?? DEFAULT_DORA_OUT;
  const reportPath = join(outDir, "dora-report.json");
  const summaryPath = join(outDir, "dora-summary.md");
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}
`);
  await writeFileAtomic(summaryPath, markdown);
  return { report, markdown, reportPath, summaryPath };
}
function redactRemote(remote) {
  try {
    const url = new URL(remote);
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return remote;
  }
}

export {
  readGitHistory,
  readPullRequestHistory,
  renderDoraMarkdown,
  dora_report_schema_default,
  renderDoraText,
  DEFAULT_DORA_OUT,
  parseWindow,
  runDoraStage,
  redactRemote
};
