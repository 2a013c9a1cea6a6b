/**
 * DORA's four keys from a constructed history whose figures are worked out by hand below, the
 * performance levels at each threshold's edge (Accelerate State of DevOps Report 2023), an empty
 * history, and retired models left out.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  changeFailureBand,
  NOT_IN_REGISTRY,
  computeDora,
  DAY_MS,
  deploymentFrequencyBand,
  leadTimeBand,
  median,
  restoreBand,
  type ChangeTime,
  type DoraOptions,
  type PromotionEvent,
} from "../../../src/gitops/dora.ts";
import { renderDoraMarkdown, type DoraReport } from "../../../src/gitops/dora-report.ts";
import { renderDoraText } from "../../../src/gitops/dora-text.ts";
import { validatorFor } from "../../../src/common/schema-validation.ts";
import schema from "../../../schemas/dora-report.schema.json" with { type: "json" };

const HOUR_MS = 3_600_000;

let counter = 0;
/** One merged promotion PR of adult-income in production (opened an hour before its merge unless said). */
function event(action: string, version: string, merged: string, opened?: string, extra: Partial<PromotionEvent> = {}): PromotionEvent {
  counter += 1;
  return {
    environment: "production",
    model: "adult-income",
    version,
    action,
    openedAt: new Date(opened ?? Date.parse(merged) - HOUR_MS).toISOString(),
    mergedAt: new Date(merged).toISOString(),
    ref: `#${counter}`,
    ...extra,
  };
}

// The window: 2026-09-01 to 2026-09-29, exactly 28 days (four weeks); failure window 7 days.
const SINCE = new Date("2026-09-01T00:00:00Z");
const UNTIL = new Date("2026-09-29T00:00:00Z");

const HISTORY: PromotionEvent[] = [
  // v0.9.0: entirely before the window: counts nowhere.
  event("start", "0.9.0", "2026-08-20T00:00:00Z"),
  event("promote", "0.9.0", "2026-08-22T00:00:00Z"),
  // v1.5.0 (a hotfix line): first rollout before the window (not a change in it), promoted inside it.
  event("start", "1.5.0", "2026-08-30T00:00:00Z"),
  event("promote", "1.5.0", "2026-09-01T12:00:00Z"),
  // v1.0.0: canary 09-02, a step, promoted 09-03 10:00.
  event("start", "1.0.0", "2026-09-02T10:00:00Z"),
  event("step", "1.0.0", "2026-09-02T20:00:00Z"),
  event("promote", "1.0.0", "2026-09-03T10:00:00Z"),
  // v1.1.0: canary 09-08 12:00, rolled back: opened 14:00, merged 14:30.
  event("start", "1.1.0", "2026-09-08T12:00:00Z"),
  event("rollback", "1.1.0", "2026-09-08T14:30:00Z", "2026-09-08T14:00:00Z"),
  // v1.2.0: canary 09-10, promoted 09-12.
  event("start", "1.2.0", "2026-09-10T00:00:00Z"),
  event("promote", "1.2.0", "2026-09-12T00:00:00Z"),
  // v1.3.0: direct (no canary) 09-20 06:00: a change and a deployment at once.
  event("direct", "1.3.0", "2026-09-20T06:00:00Z"),
  // v1.4.0: canary 09-21, rolled back four days later: opened 09-25 00:00, merged 10:00.
  event("start", "1.4.0", "2026-09-21T00:00:00Z"),
  event("rollback", "1.4.0", "2026-09-25T10:00:00Z", "2026-09-25T00:00:00Z"),
  // v1.6.0: canary 09-26, rolled back 09-29 00:00 exactly: after the window (until is exclusive), so
  // not a restore in it; but the change (09-26) is in the window and its rollback within 7 days.
  event("start", "1.6.0", "2026-09-26T00:00:00Z"),
  event("rollback", "1.6.0", "2026-09-29T00:00:00Z", "2026-09-28T00:00:00Z"),
];

// When each deployed version's change began (the model-repository commit, or the release for 1.3.0).
const CHANGES: Record<string, ChangeTime> = {
  "1.5.0": { at: "2026-08-29T12:00:00.000Z", from: "commit" }, // → 09-01 12:00: 3 d = 72 h
  "1.0.0": { at: "2026-09-02T10:00:00.000Z", from: "commit" }, // → 09-03 10:00: 24 h
  "1.2.0": { at: "2026-09-09T00:00:00.000Z", from: "commit" }, // → 09-12 00:00: 72 h
  "1.3.0": { at: "2026-09-20T00:00:00.000Z", from: "release" }, // → 09-20 06:00: 6 h
};

function options(extra: Partial<DoraOptions> = {}): DoraOptions {
  return {
    since: SINCE,
    until: UNTIL,
    failureWindowMs: 7 * DAY_MS,
    changeTime: (_model, version) => CHANGES[version],
    retired: () => false,
    ...extra,
  };
}

describe("computeDora on a constructed history", () => {
  const { figures, skipped } = computeDora(HISTORY, options());

  test("one model and environment, nothing skipped", () => {
    assert.deepEqual(skipped, []);
    assert.equal(figures.length, 1);
  });

  test("deployment frequency: 4 promotions to 100% in 28 days = 1 per week, exactly high's edge", () => {
    const df = figures[0]!.deploymentFrequency;
    // promote 1.5.0 (09-01), promote 1.0.0 (09-03), promote 1.2.0 (09-12), direct 1.3.0 (09-20).
    assert.equal(df.count, 4);
    // 4 × 7 / 28 = 1.
    assert.equal(df.perWeek, 1);
    // Elite needs 28 (one a day); high needs 4 × 7 ≥ 28: exactly met.
    assert.equal(df.band, "high");
    assert.deepEqual(
      figures[0]!.deployments.map((deployment) => deployment.version),
      ["1.5.0", "1.0.0", "1.2.0", "1.3.0"],
    );
  });

  test("lead time: median of 72, 24, 72 and 6 hours is 48 hours (high)", () => {
    const lt = figures[0]!.leadTime;
    assert.equal(lt.count, 4);
    // Sorted 6, 24, 72, 72: an even count, so the mean of the middle two: (24 + 72) / 2 = 48.
    assert.equal(lt.medianHours, 48);
    // 48 h is over a day and within a week.
    assert.equal(lt.band, "high");
    // 1.3.0's start is its release's time.
    assert.equal(lt.fromRelease, 1);
  });

  test("change failure rate: 3 of 6 changes rolled back within 7 days = 50% (low)", () => {
    const cfr = figures[0]!.changeFailureRate;
    // First rollouts in the window: 1.0.0 (09-02), 1.1.0 (09-08), 1.2.0 (09-10), 1.3.0 (09-20),
    // 1.4.0 (09-21), 1.6.0 (09-26): 6. 0.9.0 and 1.5.0 first rolled out before 09-01.
    assert.equal(cfr.changes, 6);
    // Rolled back: 1.1.0 after 2.5 h, 1.4.0 after 4 d 10 h, 1.6.0 after 3 d: 3.
    assert.equal(cfr.failed, 3);
    assert.equal(cfr.rate, 0.5);
    // 50% > 15%.
    assert.equal(cfr.band, "low");
  });

  test("time to restore: median of 0.5 and 10 hours is 5.25 hours (high)", () => {
    const ttr = figures[0]!.timeToRestore;
    // Rollbacks merged in the window: 1.1.0 (14:00 → 14:30: 0.5 h), 1.4.0 (00:00 → 10:00: 10 h);
    // 1.6.0's merged at 09-29 00:00, the window's exclusive end.
    assert.equal(ttr.count, 2);
    assert.equal(ttr.medianHours, (0.5 + 10) / 2);
    // Over an hour, under a day.
    assert.equal(ttr.band, "high");
  });

  test("weekly trend: 2, 1, 1, 0 deployments with median lead times 48, 72, 6 and none", () => {
    assert.deepEqual(figures[0]!.weekly, [
      // 1.5.0 (72 h) and 1.0.0 (24 h): (72 + 24) / 2 = 48.
      { start: "2026-09-01T00:00:00.000Z", deployments: 2, medianLeadTimeHours: 48 },
      { start: "2026-09-08T00:00:00.000Z", deployments: 1, medianLeadTimeHours: 72 },
      { start: "2026-09-15T00:00:00.000Z", deployments: 1, medianLeadTimeHours: 6 },
      { start: "2026-09-22T00:00:00.000Z", deployments: 0, medianLeadTimeHours: null },
    ]);
  });

  test("a rollback later than the failure window does not fail the change", () => {
    // With a 3-day window 1.4.0's rollback (4 d 10 h after its canary) no longer counts; 1.6.0's (3 d exactly) still does.
    const narrow = computeDora(HISTORY, options({ failureWindowMs: 3 * DAY_MS })).figures[0]!.changeFailureRate;
    assert.deepEqual([narrow.failed, narrow.changes], [2, 6]);
    assert.deepEqual(
      computeDora(HISTORY, options({ failureWindowMs: 3 * DAY_MS }))
        .figures[0]!.changes.filter((change) => change.rolledBackBy !== undefined)
        .map((change) => change.version),
      ["1.1.0", "1.6.0"],
    );
  });

  test("the report built from it matches schemas/dora-report.schema.json, and its markdown has the charts", () => {
    const report: DoraReport = {
      schema: "modelship/dora-report@1",
      tool: { name: "modelship", version: "test" },
      created: UNTIL.toISOString(),
      window: { since: SINCE.toISOString(), until: UNTIL.toISOString(), days: 28 },
      failureWindowDays: 7,
      source: { kind: "git", remote: "/srv/gitops.git", base: "main" },
      bands: { report: "Accelerate State of DevOps Report 2023 (DORA, Google Cloud)", url: "https://dora.dev/research/2023/dora-report/" },
      statistic: "median",
      models: figures,
      skipped,
      selection: { environments: null, models: null, found: { environments: ["production"], models: ["adult-income"] } },
    };
    const validate = validatorFor(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const markdown = renderDoraMarkdown(report);
    assert.match(markdown, /```mermaid\nxychart-beta\n {4}title "adult-income in production: deployments per week"/);
    assert.match(markdown, /bar \[2, 1, 1, 0\]/);
    // Lead time is plotted for the three weeks with a deployment only: the fourth had none, not 0 h.
    assert.match(markdown, /x-axis \["09-01", "09-08", "09-15"\]\n {4}y-axis "hours"\n {4}line \[48, 72, 6\]/);
    assert.match(markdown, /\| change failure rate \| 50\.0% \| 3 of 6 changes rolled back \| 🔴 low \|/);
    assert.match(markdown, /Accelerate State of DevOps Report 2023/);
    assert.match(renderDoraText(report), /lead time for changes \(median\)\s+2 d\s+high/);
    // A report missing a key is refused by the schema.
    assert.equal(validate({ ...report, skipped: undefined }), false);
  });
});

describe("empty history", () => {
  test("no figures, nothing skipped, and the markdown says so", () => {
    const result = computeDora([], options());
    assert.deepEqual(result, { figures: [], skipped: [] });
  });

  test("a model with only canary steps in the window: zero deployments (low), no lead time, restore or rate", () => {
    const { figures } = computeDora([event("step", "2.0.0", "2026-09-05T00:00:00Z")], options());
    const only = figures[0]!;
    assert.deepEqual(only.deploymentFrequency, { count: 0, perWeek: 0, band: "low" });
    assert.deepEqual(only.leadTime, { count: 0, medianHours: null, band: null, fromRelease: 0, unmeasured: { count: 0, reasons: [] } });
    assert.deepEqual(only.changeFailureRate, { changes: 0, failed: 0, rate: null, band: null });
    assert.deepEqual(only.timeToRestore, { count: 0, medianHours: null, band: null });
  });
});

describe("retired models", () => {
  const churn = (action: string, version: string, merged: string, environment = "production") =>
    event(action, version, merged, undefined, { model: "churn", environment });

  test("a model whose last deployed version is retired is skipped, with the reason; others stay", () => {
    const history = [...HISTORY, churn("direct", "3.0.0", "2026-09-02T00:00:00Z"), churn("direct", "3.1.0", "2026-09-04T00:00:00Z")];
    const { figures, skipped } = computeDora(history, options({ retired: (model, version) => model === "churn" && version === "3.1.0" }));
    assert.deepEqual(
      figures.map((figure) => figure.model),
      ["adult-income"],
    );
    assert.deepEqual(skipped, [
      { model: "churn", environment: "production", reason: "3.1.0, the version it last deployed, is retired in the registry" },
    ]);
  });

  test("an older retired version does not skip a model that deployed a newer one", () => {
    const history = [churn("direct", "3.0.0", "2026-09-02T00:00:00Z"), churn("direct", "3.1.0", "2026-09-04T00:00:00Z")];
    const { figures, skipped } = computeDora(history, options({ retired: (_model, version) => version === "3.0.0" }));
    assert.equal(skipped.length, 0);
    assert.equal(figures[0]!.deploymentFrequency.count, 2);
  });

  test("a retirement PR merged after the last deployment skips the model in that environment only", () => {
    const history = [
      churn("direct", "3.0.0", "2026-09-02T00:00:00Z", "staging"),
      { ...churn("retire", "3.0.0", "2026-09-03T00:00:00Z", "staging"), ref: "#77" },
      churn("direct", "3.0.0", "2026-09-02T00:00:00Z", "production"),
    ];
    const { figures, skipped } = computeDora(history, options());
    assert.deepEqual(
      figures.map((figure) => `${figure.model}/${figure.environment}`),
      ["churn/production"],
    );
    assert.deepEqual(skipped, [
      { model: "churn", environment: "staging", reason: "removed from the environment by #77 (2026-09-03T00:00:00.000Z)" },
    ]);
  });
});

describe("performance levels at the edges (Accelerate State of DevOps Report 2023)", () => {
  test("deployment frequency: one a day elite, one a week high, one per 30 days medium", () => {
    const days = (n: number) => n * DAY_MS;
    assert.equal(deploymentFrequencyBand(90, days(90)), "elite"); // 1 per day
    assert.equal(deploymentFrequencyBand(89, days(90)), "high");
    assert.equal(deploymentFrequencyBand(13, days(91)), "high"); // 13 in 13 weeks: 1 per week exactly
    assert.equal(deploymentFrequencyBand(12, days(91)), "medium");
    assert.equal(deploymentFrequencyBand(3, days(90)), "medium"); // 1 per 30 days exactly
    assert.equal(deploymentFrequencyBand(2, days(90)), "low");
    assert.equal(deploymentFrequencyBand(0, days(90)), "low");
  });

  test("lead time: under a day elite, up to a week high, up to 30 days medium", () => {
    assert.equal(leadTimeBand(DAY_MS - 1), "elite");
    assert.equal(leadTimeBand(DAY_MS), "high");
    assert.equal(leadTimeBand(7 * DAY_MS), "high");
    assert.equal(leadTimeBand(7 * DAY_MS + 1), "medium");
    assert.equal(leadTimeBand(30 * DAY_MS), "medium");
    assert.equal(leadTimeBand(30 * DAY_MS + 1), "low");
  });

  test("change failure rate: 5% elite, 10% high, 15% medium, above low", () => {
    assert.equal(changeFailureBand(0, 1), "elite");
    assert.equal(changeFailureBand(1, 20), "elite"); // 5% exactly
    assert.equal(changeFailureBand(1, 19), "high"); // 5.26%
    assert.equal(changeFailureBand(2, 20), "high"); // 10%
    assert.equal(changeFailureBand(3, 29), "medium"); // 10.3%
    assert.equal(changeFailureBand(3, 20), "medium"); // 15%
    assert.equal(changeFailureBand(4, 26), "low"); // 15.4%
  });

  test("time to restore: under an hour elite, under a day high, up to a week medium", () => {
    assert.equal(restoreBand(HOUR_MS - 1), "elite");
    assert.equal(restoreBand(HOUR_MS), "high");
    assert.equal(restoreBand(DAY_MS - 1), "high");
    assert.equal(restoreBand(DAY_MS), "medium");
    assert.equal(restoreBand(7 * DAY_MS), "medium");
    assert.equal(restoreBand(7 * DAY_MS + 1), "low");
  });

  test("the median is numpy's: the middle value, or the mean of the middle two", () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});

describe("names from a PR's marker in the summary", () => {
  test("a model name with HTML, a link or a quote adds no markup to the job summary or its charts", () => {
    const hostile = '<img/src=x/onerror=alert(1)>[click](https://evil.example)"';
    const { figures, skipped } = computeDora([event("direct", "1.0.0", "2026-09-05T00:00:00Z", undefined, { model: hostile })], options());
    const markdown = renderDoraMarkdown({
      schema: "modelship/dora-report@1",
      tool: { name: "modelship", version: "test" },
      created: UNTIL.toISOString(),
      window: { since: SINCE.toISOString(), until: UNTIL.toISOString(), days: 28 },
      failureWindowDays: 7,
      source: { kind: "github", repository: "octo/gitops", base: "main" },
      bands: { report: "Accelerate State of DevOps Report 2023 (DORA, Google Cloud)", url: "https://dora.dev/research/2023/dora-report/" },
      statistic: "median",
      models: figures,
      skipped,
      selection: { environments: null, models: null, found: { environments: ["production"], models: [hostile] } },
    });
    assert.doesNotMatch(markdown, /<img/);
    assert.doesNotMatch(markdown, /\[click\]\(https:\/\/evil/);
    // In the chart titles, which Mermaid renders itself, only plain name characters remain.
    assert.equal(
      /^ {4}title (.*)$/m.exec(markdown)![1]!,
      '"_img/src_x/onerror_alert_1___click__https_//evil.example__ in production: deployments per week"',
    );
  });
});

/** A report around computed figures, as dora-stage.ts builds it. */
function reportOf(computed: ReturnType<typeof computeDora>, selection: DoraReport["selection"]): DoraReport {
  return {
    schema: "modelship/dora-report@1",
    tool: { name: "modelship", version: "test" },
    created: UNTIL.toISOString(),
    window: { since: SINCE.toISOString(), until: UNTIL.toISOString(), days: 28 },
    failureWindowDays: 7,
    source: { kind: "git", remote: "/srv/gitops.git", base: "main" },
    bands: { report: "Accelerate State of DevOps Report 2023 (DORA, Google Cloud)", url: "https://dora.dev/research/2023/dora-report/" },
    statistic: "median",
    models: computed.figures,
    skipped: computed.skipped,
    selection,
  };
}

describe("deployments whose release is not in the registry", () => {
  const everything = { environments: null, models: null, found: { environments: ["production"], models: ["adult-income"] } };

  test("counted as unmeasured with the reason, and the table says how many of how many were measured", () => {
    const history = [event("direct", "2.0.0", "2026-09-02T00:00:00Z"), event("direct", "2.1.0", "2026-09-09T00:00:00Z")];
    const computed = computeDora(history, options({ changeTime: () => undefined }));
    const only = computed.figures[0]!;
    assert.equal(only.deploymentFrequency.count, 2);
    assert.deepEqual(only.leadTime, {
      count: 0,
      medianHours: null,
      band: null,
      fromRelease: 0,
      unmeasured: { count: 2, reasons: [{ reason: "release not in the registry", count: 2 }] },
    });
    assert.deepEqual(
      only.deployments.map((deployment) => deployment.leadTimeUnmeasured),
      [NOT_IN_REGISTRY, NOT_IN_REGISTRY],
    );
    const report = reportOf(computed, everything);
    const validate = validatorFor(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const markdown = renderDoraMarkdown(report);
    assert.match(markdown, /\| lead time for changes \(median\) \| — \| 0 of 2 measured \(release not in the registry; try --registry/);
    assert.match(renderDoraText(report), /0 of 2 measured \(release not in the registry; try --registry/);
    // No lead-time chart at all: there is no week to plot (not two weeks at 0 h).
    assert.match(markdown, /deployments per week/);
    assert.doesNotMatch(markdown, /lead time per week/);
  });

  test("with one measured week and one not, the chart plots the measured week alone; each reason is counted", () => {
    const history = [
      event("direct", "2.0.0", "2026-09-02T00:00:00Z"),
      event("direct", "2.1.0", "2026-09-09T00:00:00Z"),
      event("direct", "", "2026-09-10T00:00:00Z"),
    ];
    // 2.0.0's commit a day before its merge: 24 h.
    const computed = computeDora(
      history,
      options({
        changeTime: (_model, version) => (version === "2.0.0" ? { at: "2026-09-01T00:00:00.000Z", from: "commit" } : undefined),
        unmeasuredReason: (_model, version) => (version === "2.1.0" ? "the registry's manifest could not be read" : undefined),
      }),
    );
    const lead = computed.figures[0]!.leadTime;
    assert.equal(lead.count, 1);
    assert.equal(lead.medianHours, 24);
    assert.deepEqual(lead.unmeasured, {
      count: 2,
      reasons: [
        { reason: "the promotion names no version", count: 1 },
        { reason: "the registry's manifest could not be read", count: 1 },
      ],
    });
    const markdown = renderDoraMarkdown(reportOf(computed, everything));
    assert.match(markdown, /1 of 3 measured \(1: the promotion names no version; 1: the registry's manifest could not be read\)/);
    assert.match(markdown, /x-axis \["09-01"\]\n {4}y-axis "hours"\n {4}line \[24\]/);
  });
});

describe("an empty report says what the history holds", () => {
  test("--env staging when only production has promotions", () => {
    const report = reportOf(
      { figures: [], skipped: [] },
      { environments: ["staging"], models: null, found: { environments: ["production"], models: ["adult-income"] } },
    );
    assert.match(renderDoraText(report), /^no promotion by modelship for --env staging \(found: production\)$/m);
    assert.match(renderDoraMarkdown(report), /_No promotion by modelship for environments staging \(found: production\)\._/);
    const both = reportOf(
      { figures: [], skipped: [] },
      { environments: ["staging"], models: ["churn"], found: { environments: ["production"], models: ["adult-income"] } },
    );
    assert.match(
      renderDoraText(both),
      /^no promotion by modelship for --env staging --model churn \(found: environments production; models adult-income\)$/m,
    );
  });

  test("an empty history, filtered or not, says nothing was merged", () => {
    const report = reportOf(
      { figures: [], skipped: [] },
      { environments: ["staging"], models: null, found: { environments: [], models: [] } },
    );
    assert.match(renderDoraText(report), /^no promotion by modelship was merged in this history$/m);
  });
});
