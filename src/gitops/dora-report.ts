/**
 * The DORA report (schemas/dora-report.schema.json) and its markdown: one table of the four keys
 * per model and environment with their performance levels, and per model a Mermaid trend of weekly
 * deployments and median lead time. The job summary and dora-summary.md are this markdown.
 */
import { code, escapeMarkdown, fitCommentBody, formatNumber, formatPercent, sections, table, xyChart } from "../common/markdown.ts";
import { NOT_IN_REGISTRY, type DoraBand, type DoraFigures, type SkippedModel } from "./dora.ts";

export interface DoraReport {
  schema: "modelship/dora-report@1";
  tool: { name: "modelship"; version: string };
  created: string;
  window: { since: string; until: string; days: number };
  failureWindowDays: number;
  source: { kind: "github"; repository: string; base: string } | { kind: "git"; remote: string; base: string };
  /** The report the performance levels come from. */
  bands: { report: string; url: string };
  /** How times are summarised. */
  statistic: "median";
  models: DoraFigures[];
  skipped: SkippedModel[];
  /** The --env / --model filters (null: every one), and the environments and models the history holds. */
  selection: {
    environments: string[] | null;
    models: string[] | null;
    found: { environments: string[]; models: string[] };
  };
}

/**
 * Why a report has no model, for a terminal (`cli`: flags) or the job summary (inputs): nothing
 * merged at all, or nothing for the filters, with what the history holds.
 */
export function emptyReason(report: DoraReport, surface: "cli" | "summary"): string {
  const { environments, models, found } = report.selection;
  const filters: string[] = [];
  const holds: string[] = [];
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

const BAND_LABEL: Record<DoraBand, string> = { elite: "🟢 elite", high: "🔵 high", medium: "🟡 medium", low: "🔴 low" };

function band(value: DoraBand | null): string {
  return value === null ? "—" : BAND_LABEL[value];
}

/** Hours for people: minutes under an hour, days over two. */
export function formatDuration(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1) return `${formatNumber(hours * 60, 1)} min`;
  if (hours < 48) return `${formatNumber(hours, 1)} h`;
  return `${formatNumber(hours / 24, 1)} d`;
}

/** Why deployments have no lead time, with what to try; each reason's count when there are several. */
function unmeasuredText(reasons: DoraFigures["leadTime"]["unmeasured"]["reasons"]): string {
  return reasons
    .map(({ reason, count }) => {
      const what = reason === NOT_IN_REGISTRY ? `${reason}; try --registry / input registry with the one releases go to` : reason;
      return reasons.length === 1 ? what : `${count}: ${what}`;
    })
    .join("; ");
}

/** One row per key: its name, value, what it was computed from, and its level. */
export function figureRows(figures: DoraFigures): [string, string, string, string][] {
  const { deploymentFrequency: df, leadTime: lt, changeFailureRate: cfr, timeToRestore: ttr } = figures;
  const fromRelease = lt.fromRelease > 0 ? ` (${lt.fromRelease} from the release time: commit not found)` : "";
  const measured =
    lt.unmeasured.count === 0
      ? `${lt.count} deployments`
      : `${lt.count} of ${lt.count + lt.unmeasured.count} measured (${unmeasuredText(lt.unmeasured.reasons)})`;
  return [
    ["deployment frequency", `${formatNumber(df.perWeek, 2)} / week`, `${df.count} promoted to 100%`, band(df.band)],
    ["lead time for changes (median)", formatDuration(lt.medianHours), `${measured}${fromRelease}`, band(lt.band)],
    [
      "change failure rate",
      cfr.rate === null ? "—" : formatPercent(cfr.rate),
      `${cfr.failed} of ${cfr.changes} changes rolled back`,
      band(cfr.band),
    ],
    ["time to restore (median)", formatDuration(ttr.medianHours), `${ttr.count} rollbacks`, band(ttr.band)],
  ];
}

/** A name for a chart title: Mermaid renders the title itself, so only plain name characters go in. */
function chartName(text: string): string {
  return text.replace(/[^\w.@/-]/g, "_");
}

function trend(figures: DoraFigures): string | undefined {
  if (figures.deploymentFrequency.count === 0) return undefined;
  const x = figures.weekly.map((week) => week.start.slice(5, 10));
  const name = `${chartName(figures.model)} in ${chartName(figures.environment)}`;
  const deployments = xyChart({
    title: `${name}: deployments per week`,
    x,
    yLabel: "deployments",
    series: [{ kind: "bar", values: figures.weekly.map((week) => week.deployments) }],
  });
  // Only the weeks with a measured lead time: a week without one has no value to plot, not 0 h.
  const measured = figures.weekly.filter((week) => week.medianLeadTimeHours !== null);
  if (measured.length === 0) return deployments;
  const lead = xyChart({
    title: `${name}: median lead time per week (hours; weeks with a measured deployment)`,
    x: measured.map((week) => week.start.slice(5, 10)),
    yLabel: "hours",
    series: [{ kind: "line", values: measured.map((week) => week.medianLeadTimeHours!) }],
  });
  return `${deployments}\n\n${lead}`;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The report as markdown: the job summary, and dora-summary.md. */
export function renderDoraMarkdown(report: DoraReport): string {
  const where =
    report.source.kind === "github"
      ? `pull requests into ${code(report.source.base)} of ${code(report.source.repository)}`
      : `the git history of ${code(report.source.base)} in ${code(report.source.remote)}`;
  const intro =
    `From ${report.window.since.slice(0, 10)} to ${report.window.until.slice(0, 10)} (${formatNumber(report.window.days, 1)} days), read from ${where}. ` +
    `Times are medians; a change fails when a rollback of its version is merged within ${formatNumber(report.failureWindowDays, 1)} days of its first rollout. ` +
    `Performance levels: [${escapeMarkdown(report.bands.report)}](${report.bands.url}).`;
  const models = report.models.map((figures) =>
    sections(
      `### ${escapeMarkdown(figures.model)} in ${escapeMarkdown(figures.environment)}`,
      table(["metric", "value", "from", "DORA level"], figureRows(figures)),
      trend(figures),
    ),
  );
  const skipped =
    report.skipped.length === 0
      ? undefined
      : `### Skipped (retired)\n\n${report.skipped.map((skip) => `- ${escapeMarkdown(skip.model)} in ${escapeMarkdown(skip.environment)}: ${escapeMarkdown(skip.reason)}`).join("\n")}`;
  const empty =
    report.models.length === 0 && report.skipped.length === 0
      ? `_${escapeMarkdown(capitalize(emptyReason(report, "summary")))}._`
      : undefined;
  return fitCommentBody(sections("## modelship DORA metrics", intro, empty, ...models, skipped));
}
