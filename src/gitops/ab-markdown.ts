/**
 * The A/B comparison as the promotion pull request shows it: per metric each variant's value and
 * sample size, the difference (candidate − stable) with its interval, the p-value and the verdict;
 * then how the levels were set and that the PR waits for a reviewer.
 */
import { code, details, escapeMarkdown, formatInterval, formatNumber, formatSigned, statusIcon, table } from "../common/markdown.ts";
import { AB_FIELDS, formatP, type AbComparison, type AbVerdict } from "./ab-test.ts";

const VERDICTS: Record<AbVerdict, string> = {
  better: `${statusIcon("pass")} candidate better`,
  worse: `${statusIcon("fail")} candidate worse`,
  "no difference": `${statusIcon("info")} no significant difference`,
  "too few samples": `${statusIcon("insufficient_data")} too few samples`,
  "no data": `${statusIcon("insufficient_data")} no data`,
};

/** The sentence every A/B pull request carries. */
export const AB_REVIEW_NOTE =
  "This pull request is never merged automatically, whatever `promotion` and `auto_merge` say: an A/B test's winner is promoted only through a reviewed pull request.";

/** The comparison table and its notes (markdown). */
export function renderAbComparison(comparison: AbComparison): string {
  const level = `${formatNumber((1 - comparison.perMetricAlpha) * 100, 2)}% CI`;
  const candidate = escapeMarkdown(`candidate ${comparison.candidateVersion || "(unknown version)"}`);
  const stable = escapeMarkdown(`stable ${comparison.stableVersion || "(unknown version)"}`);
  const rows = comparison.metrics.map((metric) => [
    `${escapeMarkdown(metric.name)} (${metric.kind === "proportion" ? "rate" : "mean"}, ${metric.higherIsBetter ? "higher" : "lower"} is better)`,
    formatNumber(metric.candidate?.value ?? null),
    formatNumber(metric.candidate?.n ?? null, 0),
    formatNumber(metric.stable?.value ?? null),
    formatNumber(metric.stable?.n ?? null, 0),
    formatSigned(metric.test?.difference ?? null),
    formatInterval(metric.test?.interval),
    metric.test === undefined ? "—" : formatP(metric.test.pValue),
    VERDICTS[metric.verdict],
  ]);
  const rendered = table(["Metric", candidate, "n", stable, "n", "Difference", level, "p-value", "Verdict"], rows, {
    align: ["left", "right", "right", "right", "right", "right", "right", "right", "left"],
  });
  const m = comparison.metrics.length;
  const notes = [
    `Differences are candidate − stable. Proportions: two-proportion z-test (pooled standard error) with Newcombe's hybrid score interval; means: Welch's t-test with the Welch–Satterthwaite degrees of freedom. ${
      m > 1
        ? `Bonferroni over ${m} metrics: each is tested at α = ${formatNumber(comparison.alpha)}/${m} = ${formatNumber(comparison.perMetricAlpha)} and its interval is the ${level}.`
        : `The test is at α = ${formatNumber(comparison.alpha)}.`
    } No verdict before each variant has ${formatNumber(comparison.minSamples)} samples per metric. The candidate wins when at least one metric is significantly better and none significantly worse; the stable model wins when one is significantly worse and none better.`,
    `**${AB_REVIEW_NOTE}**`,
  ];
  const queries = comparison.metrics.flatMap((metric) =>
    metric.queries.map((query, index) => `- ${escapeMarkdown(metric.name)} (${AB_FIELDS[metric.kind][index] ?? "query"}): ${code(query)}`),
  );
  return [rendered, ...notes, ...(queries.length === 0 ? [] : [details("Candidate queries", queries.join("\n"))])].join("\n\n");
}
