/**
 * The title, commit message and body of a promotion pull request: what serves now and what will,
 * with links to both releases, the new version's gate verdict and metric deltas, the rollout plan
 * and how to roll back. A reviewer decides from this page alone.
 */
import type { EnvironmentSettings } from "./rollout-settings.ts";
import { METRIC_LABELS } from "../gates/evaluate-gates.ts";
import { shortDigest } from "../registry/manifest.ts";
import type { ModelManifest } from "../registry/registry-types.ts";
import {
  code,
  escapeMarkdown,
  fitCommentBody,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table,
} from "../common/markdown.ts";
import type { DeployedModel, ModelRef, RolloutAction, RolloutState } from "./targets/target-dispatch.ts";
import type { Deployer, DeployerReport } from "./deployers.ts";
import { MB, MIB, type MemoryChange, type MemoryFloor } from "./targets/memory-floor.ts";

/** A release shown in the body: its page and manifest, when the registry has them. */
export interface ReleaseView {
  version: string;
  url?: string;
  manifest?: ModelManifest;
  /** Whether the model file's build provenance verified, or why it was not checked (a warning). */
  provenance?: { status: "pass" | "warn"; text: string };
}

export interface PromotionView {
  environment: EnvironmentSettings;
  action: RolloutAction;
  /** The model the action is about (the canary's model for step, promote and rollback). */
  model: ModelRef;
  release: ReleaseView;
  /** The state the files hold before the change. */
  before: RolloutState;
  /** The state after it. */
  after: RolloutState;
  /** The model serving by default before the change, with its release when known. */
  previous?: ReleaseView;
  /** Files the change touches, with their target kinds. */
  files: { file: string; kind: string }[];
  /** Who deploys each changed file (deployers.ts), from the GitOps repository's own manifests; absent: not looked up. */
  deployers?: DeployerReport;
  /** Why the canary job opened this PR, and the health table it read. */
  reason?: string;
  health?: string;
  /** strategy ab: the comparison of the variants (ab-markdown.ts); such a PR is never auto-merged. */
  comparison?: string;
  /** A link to the workflow run that opened the PR. */
  runUrl?: string;
  /** The command that rolls back, for the body. */
  rollbackCommand: string;
  /** Open promotion PRs of the environment this one replaces (closed once it is open). */
  supersedes?: { number: number; title: string; url: string }[];
  /** Blue-green: what the cut-over does to the old version, one line per file (targets/blue-green.ts cutOverNote). */
  cutOver?: string[];
  /** resources.memory_floor: the floor derived from the release's measured peak, and what it did to each request. */
  memory?: { floor?: MemoryFloor; changes: MemoryChange[] };
}

/** The hidden marker that identifies modelship's promotion PRs: which environment, model, action and version. */
function promotionMarker(environment: string, model: string, action: RolloutAction["kind"], version: string): string {
  return `<!-- modelship:promotion environment=${environment} model=${model} action=${action} version=${version} -->`;
}

/** What a promotion PR's marker says (action and version are absent from PRs older modelship opened). */
export interface PromotionMark {
  environment: string;
  model: string;
  action?: string;
  version?: string;
}

/** Reads the marker of a PR body, if modelship opened it. */
export function readPromotionMark(body: string): PromotionMark | undefined {
  const match = /<!-- modelship:promotion environment=(\S+) model=(\S+)(?: action=(\S+))?(?: version=(\S*))? -->/.exec(body);
  if (match === null) return undefined;
  return {
    environment: match[1]!,
    model: match[2]!,
    ...(match[3] === undefined ? {} : { action: match[3] }),
    ...(match[4] === undefined ? {} : { version: match[4] }),
  };
}

/** The deterministic branch of one (environment, model): every run for them updates the same PR. */
export function promotionBranch(environment: string, model: string): string {
  return `modelship/${environment}/${model}`;
}

/** One line saying what the PR does, e.g. `adult-income 0.0.2 → production: canary 10%`. */
export function promotionTitle(view: Pick<PromotionView, "environment" | "action" | "model" | "before">): string {
  const { environment, action, model, before } = view;
  const name = `${model.name} ${model.version}`;
  switch (action.kind) {
    case "start":
      if (environment.strategy === "ab") return `${name} → ${environment.name}: A/B test against the stable model`;
      return action.weight === 0
        ? `${name} → ${environment.name}: preview (no live traffic)`
        : `${name} → ${environment.name}: canary ${action.weight}%`;
    case "step":
      return `${name} → ${environment.name}: canary ${before.canary?.weight ?? "?"}% → ${action.weight}%`;
    case "promote":
      return environment.strategy === "blue-green"
        ? `${model.name} → ${environment.name}: blue-green cut-over, switch to ${model.version}`
        : `${name} → ${environment.name}: promote to 100%`;
    case "rollback":
      return `${model.name} in ${environment.name}: roll back ${model.version} to ${versionLabel(before.stable)}`;
    case "direct":
      return `${name} → ${environment.name}`;
  }
}

/** The commit message: the title, then the facts a `git log` reader needs. */
export function promotionCommitMessage(view: PromotionView): string {
  const lines = [
    promotionTitle(view),
    "",
    `Model: ${view.model.name} ${view.model.version}`,
    `URI: ${view.model.uri}`,
    `Digest: ${view.model.digest}`,
    `Environment: ${view.environment.name}`,
    `Action: ${describeAction(view.action)}`,
  ];
  if (view.reason) lines.push(`Reason: ${view.reason}`);
  for (const { file, kind } of view.files) lines.push(`Changed: ${file} (${kind})`);
  return `${lines.join("\n")}\n`;
}

/** The PR body (markdown), kept under GitHub's limit. */
export function promotionBody(view: PromotionView): string {
  const { environment, action, model } = view;
  const fromLabel = versionLabel(view.before.canary ?? view.before.stable);
  const heading = `## ${statusIcon(action.kind === "rollback" ? "warn" : "info")} ${escapeMarkdown(promotionTitle(view))}`;
  const body = sections(
    promotionMarker(environment.name, model.name, action.kind, model.version),
    heading,
    view.reason === undefined ? undefined : `**Why:** ${escapeMarkdown(view.reason)}`,
    supersedesNote(view),
    versionsTable(view, fromLabel),
    view.health === undefined
      ? undefined
      : `### ${environment.strategy === "ab" ? "Guardrails (health checks)" : "Canary health"}\n\n${view.health}`,
    view.comparison === undefined ? undefined : `### A/B comparison\n\n${view.comparison}`,
    gateSection(view),
    memorySection(view),
    `### Rollout plan\n\n${rolloutPlan(view)}`,
    filesSection(view),
    `### How to roll back\n\n${rollbackHelp(view)}`,
    view.runUrl === undefined ? "_Opened by modelship._" : `_Opened by modelship in [this workflow run](${view.runUrl})._`,
  );
  return fitCommentBody(body);
}

function supersedesNote(view: PromotionView): string | undefined {
  const replaced = view.supersedes ?? [];
  if (replaced.length === 0) return undefined;
  const list = replaced.map((pull) => `[#${pull.number}](${pull.url}) (${escapeMarkdown(pull.title)})`).join(", ");
  return `${statusIcon("warn")} **Supersedes** ${list}: it was open for ${escapeMarkdown(view.environment.name)} when this promotion ran with \`--supersede\`, and modelship closed it in favour of this pull request.`;
}

/** The changed files, each with the Argo CD or Flux object that deploys it, or a warning that none does. */
function filesSection(view: PromotionView): string {
  const report = view.deployers;
  const lines = view.files.map(({ file, kind }) => {
    const line = `- ${code(file)} (${kind})`;
    const deployers = report?.files.get(file);
    if (deployers === undefined) return line;
    if (deployers.length === 0)
      return `${line} — ${statusIcon("warn")} no Argo CD Application or Flux Kustomization/HelmRelease in this repository deploys it; merging changes nothing in a cluster unless something outside this repository syncs it`;
    return `${line} — deployed by ${deployers.map(describeDeployer).join("; ")}`;
  });
  for (const note of report?.notes ?? []) lines.push("", `_${escapeMarkdown(`Deployers: ${note}.`)}_`);
  return `### Files\n\n${lines.join("\n")}`;
}

function describeDeployer(deployer: Deployer): string {
  const extras = [deployer.via, deployer.assumption].filter((text) => text !== undefined).map(escapeMarkdown);
  const declared = `declared in ${code(deployer.declaredIn)}`;
  return `${deployer.engine} ${deployer.kind} ${code(deployer.name)} (${[...extras, declared].join("; ")})`;
}

function versionsTable(view: PromotionView, fromLabel: string): string {
  const before = view.before.canary ?? view.before.stable;
  const after = view.after.canary ?? view.after.stable;
  const link = (label: string, url: string | undefined) =>
    url === undefined ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${url})`;
  const previousUrl =
    view.previous?.version === before?.version ? view.previous?.url : before?.version === view.model.version ? view.release.url : undefined;
  const newUrl =
    after?.version === view.model.version ? view.release.url : after?.version === view.previous?.version ? view.previous?.url : undefined;
  const rows = [
    ["version", link(fromLabel, previousUrl), link(versionLabel(after), newUrl)],
    ["traffic", trafficOf(view.before), trafficOf(view.after)],
    ["model URI", before === undefined ? "—" : code(before.uri), after === undefined ? "—" : code(after.uri)],
    [
      "digest",
      before?.digest === undefined ? "—" : code(shortDigest(before.digest)),
      after?.digest === undefined ? "—" : code(shortDigest(after.digest)),
    ],
  ];
  return table(["", "now", "after this PR"], rows);
}

function trafficOf(state: RolloutState): string {
  if (state.canary === undefined) return state.stable === undefined ? "—" : `${versionLabel(state.stable)}: 100%`;
  const canary = `${versionLabel(state.canary)}: ${state.canary.weight}%`;
  return state.stable === undefined ? canary : `${versionLabel(state.stable)}: ${100 - state.canary.weight}%, ${canary}`;
}

function gateSection(view: PromotionView): string | undefined {
  const manifest = view.release.manifest;
  if (manifest === undefined) return undefined;
  const previous = view.previous?.manifest;
  const names = Object.keys(manifest.metrics);
  const verdict = manifest.gate.verdict;
  const status = verdict === "pass" ? "pass" : verdict === "warn" ? "warn" : "fail";
  const lines = [
    `### Gates of ${escapeMarkdown(manifest.version)}`,
    `${statusIcon(status)} Gate verdict **${verdict}** for exactly these model bytes (digest ${code(shortDigest(manifest.digest))}).`,
  ];
  const provenance = view.release.provenance;
  if (provenance !== undefined) lines.push(`${statusIcon(provenance.status)} Build provenance ${provenance.text}`);
  if (names.length > 0) {
    const header =
      previous === undefined ? ["metric", manifest.version, "95% CI"] : ["metric", previous.version, manifest.version, "95% CI", "Δ"];
    const rows = names.map((name) => {
      const now = manifest.metrics[name]!;
      const label = escapeMarkdown(METRIC_LABELS[name] ?? name);
      if (previous === undefined) return [label, formatNumber(now.value), formatInterval(now.ci)];
      const before = previous.metrics[name];
      const delta = now.value !== null && before?.value !== null && before?.value !== undefined ? now.value - before.value : null;
      return [label, formatNumber(before?.value), formatNumber(now.value), formatInterval(now.ci), formatSigned(delta)];
    });
    lines.push(table(header, rows, { align: header.map((_, index) => (index === 0 ? "left" : "right")) }));
  }
  return lines.join("\n\n");
}

/**
 * The memory floor's derivation, spelled out with its units (MB = 10^6 bytes as evaluate measures,
 * Mi = 2^20 bytes as the request is written), and what it did to each request.
 */
function memorySection(view: PromotionView): string | undefined {
  const memory = view.memory;
  if (memory === undefined) return undefined;
  const lines = ["### Memory request"];
  const floor = memory.floor;
  if (floor !== undefined) {
    const base = floor.basis === "peak" ? floor.peakMb : floor.sizeMb;
    const mb = (base * floor.margin).toFixed(2);
    const mib = ((base * MB * floor.margin) / MIB).toFixed(2);
    const what = floor.basis === "peak" ? "measured peak" : "model size";
    lines.push(
      `Memory request floor **${floor.mi}Mi** = ceil(${formatNumber(base, 2)} MB ${what} × ${floor.margin} = ${Number(mb)} MB = ${Number(mib)} MiB). A floor, not a size: the peak was measured in onnxruntime on the CI runner (${escapeMarkdown(floor.runner)}), not in the serving runtime, which may need more.`,
    );
    if (floor.basis === "size")
      lines.push(
        `${statusIcon("warn")} The measured peak (${formatNumber(floor.peakMb, 2)} MB) is below the model's size (${formatNumber(floor.sizeMb, 2)} MB), which the session must hold: the runner under-read it, so the floor is derived from the size.`,
      );
  }
  const items = memory.changes.map(
    (change) => `- ${code(change.file)}, ${escapeMarkdown(change.resource)}, ${code(change.field)}: ${memoryOutcome(change)}`,
  );
  if (items.length > 0) lines.push(items.join("\n"));
  return lines.join("\n\n");
}

function memoryOutcome(change: MemoryChange): string {
  const before = change.before === undefined ? "" : code(change.before);
  const after = change.after === undefined ? "" : code(change.after);
  switch (change.outcome) {
    case "set":
      return change.inheritedFrom === undefined
        ? `set to ${after} (there was none)`
        : `set to ${after}: the new container starts from ${code(change.inheritedFrom)} (the stable model's memory request and limit), raised to the floor where it was below`;
    case "raised":
      return `raised from ${before} to ${after}`;
    case "kept":
      return `kept at ${before}: it is at least the floor, and modelship never lowers a request`;
    case "limit":
      return "no request: Kubernetes takes the memory limit as the request, and the limit is above the floor, so nothing is written";
    case "restored":
      return change.after === undefined
        ? `removed (${before}): the stable model had no request before the canary raised it`
        : `restored to ${after} (from ${before}): the stable model's request before the canary raised it`;
  }
}

/** A rollout plan as a numbered list, the step this PR takes in bold. */
function planLines(plan: readonly { text: string; current: boolean }[]): string[] {
  return plan.map((step, index) => `${index + 1}. ${step.current ? `**${step.text} ← this PR**` : step.text}`);
}

function rolloutPlan(view: PromotionView): string {
  const { environment, action } = view;
  const bake = `bake at least ${environment.bake}`;
  const promoteStep = `promote to 100% (${environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge"})`;
  if (action.kind === "direct")
    return `1. **${environment.name} serves ${escapeMarkdown(view.model.version)} at 100% once this PR is merged** (no canary: strategy ${environment.strategy}).`;
  if (action.kind === "rollback")
    return `1. **All traffic returns to ${escapeMarkdown(versionLabel(view.after.stable))} once this PR is merged**; the ${environment.strategy === "blue-green" ? "preview" : "canary"} of ${escapeMarkdown(view.model.version)} is removed.`;
  if (environment.strategy === "blue-green") return blueGreenPlan(view);
  if (environment.strategy === "ab") return abPlan(view);
  const plan: { text: string; current: boolean }[] = [];
  const current = action.kind === "promote" ? Number.POSITIVE_INFINITY : action.weight;
  if (action.kind !== "promote" && action.weight === 0) {
    plan.push({ text: "preview: the new model runs beside the stable one with no live traffic", current: current === 0 });
  } else {
    const weights = [...new Set([...environment.steps, ...(action.kind === "promote" ? [] : [action.weight])])].sort((a, b) => a - b);
    for (const weight of weights) plan.push({ text: `canary ${weight}% (${bake})`, current: weight === current });
  }
  plan.push({ text: promoteStep, current: action.kind === "promote" });
  const lines = planLines(plan);
  lines.push(
    "",
    `The scheduled canary job reads the health checks after each merge and opens the next pull request: the next step when every check passes and the bake time is over, a rollback when any check fails.`,
  );
  return lines.join("\n");
}

/** An A/B test's plan: both variants serve until the comparison names a winner, promoted only by a reviewed PR (docs/ab-testing.md). */
function abPlan(view: PromotionView): string {
  const { environment, action } = view;
  const ab = environment.ab;
  const match = ab?.match;
  const routing = [
    match === undefined
      ? undefined
      : "header" in match
        ? `requests with header ${code(`${match.header}: ${match.value}`)} (flagger)`
        : `requests with cookie ${code(`${match.cookie}=${match.value}`)} (flagger)`,
    environment.targets.some((target) => target.kind === "seldon-v2") ? `${ab?.weight ?? 50}% of requests (Seldon Experiment)` : undefined,
  ].filter((text) => text !== undefined);
  const plan = [
    {
      text: `A/B test: ${escapeMarkdown(view.model.version)} serves ${routing.join(" and ") || "its share of requests"} beside the stable model (at least ${environment.bake}, and ${ab === undefined ? "enough" : formatNumber(ab.minSamples)} samples per variant and metric)`,
      current: action.kind !== "promote",
    },
    {
      text: "the winner: promote the candidate, or roll back to the stable model, by a reviewed pull request",
      current: action.kind === "promote",
    },
  ];
  const lines = planLines(plan);
  lines.push(
    "",
    "The scheduled canary job compares the variants on the A/B metrics after each run (health checks stay guardrails: a failing one rolls back). A/B pull requests are never merged automatically.",
  );
  return lines.join("\n");
}

/** Blue-green's plan: preview → cut-over → old version scaled down; no steps (docs/blue-green.md). */
function blueGreenPlan(view: PromotionView): string {
  const { environment, action } = view;
  const version = escapeMarkdown(view.model.version);
  const merge = environment.promotion === "auto" ? "merged automatically when healthy" : "needs a reviewer's merge";
  const scaleDown =
    view.cutOver === undefined || view.cutOver.length === 0
      ? "old version scaled down: the stable model's pods are removed once nothing routes to them"
      : `old version scaled down:\n${view.cutOver.map((note) => `   - ${escapeMarkdown(note)}`).join("\n")}`;
  const plan = [
    {
      text: `preview: ${version} runs beside the stable model with no live traffic (bake at least ${environment.bake}; every health check must pass)`,
      current: action.kind !== "promote",
    },
    { text: `cut-over: all live traffic switches to ${version} at once (${merge})`, current: action.kind === "promote" },
    { text: scaleDown, current: false },
  ];
  const lines = planLines(plan);
  lines.push(
    "",
    "The scheduled canary job reads the health checks once the preview's pull request is merged: it opens the cut-over when every check passes and the bake time is over, and a rollback (the preview is removed; live traffic never left the stable model) when any check fails. Blue-green never steps traffic.",
  );
  return lines.join("\n");
}

function rollbackHelp(view: PromotionView): string {
  const stable = view.action.kind === "rollback" ? view.after.stable : (view.before.stable ?? view.after.stable);
  const lines = [
    "- Before merging: close this pull request; nothing has changed in the cluster.",
    `- After merging: run ${code(view.rollbackCommand)} (or the canary workflow, which opens a rollback PR when a health check fails), or revert the merge commit.`,
    `- The model to return to is recorded in git (annotations ${code("modelship.dev/stable-*")}): ${stable === undefined ? "none yet" : stable.version === "" ? `${code(stable.uri)} (version unknown: modelship did not release it)` : `${escapeMarkdown(stable.version)} (${code(stable.uri)})`}, so a rollback needs nothing from the cluster.`,
  ];
  return lines.join("\n");
}

function describeAction(action: RolloutAction): string {
  switch (action.kind) {
    case "start":
    case "step":
      return `${action.kind} ${action.weight}%`;
    default:
      return action.kind;
  }
}

/** A deployed model for people: its version, or for one without (a model modelship did not release) its URI. */
function versionLabel(model: DeployedModel | undefined): string {
  if (model === undefined) return "—";
  return model.version === "" ? `unknown version (${model.uri})` : model.version;
}
