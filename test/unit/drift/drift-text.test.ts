/** The drift report's terminal text: golden text written here from the report's numbers, colour, -q and -v, and the real example. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DRIFT_LINES, renderDriftText } from "../../../src/drift/drift-text.ts";
import type { ColumnDrift, DriftReport, DriftSettings, DriftStatus } from "../../../src/drift/report-types.ts";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";

const SETTINGS: DriftSettings = {
  mode: "default",
  small_sample_rows: 1000,
  p_value: 0.05,
  margin: { numeric: 0.1, categorical: 0.05, nulls: 0.2 },
  wasserstein: 0.1,
  jensenshannon: 0.1,
  epsilon: 1e-4,
  min_samples: 30,
  correction: "none",
  share: 0.5,
  unseen: 0.05,
  weights: {},
  ignore: [],
};

function column(name: string, status: DriftStatus, reason: string, extra: Partial<ColumnDrift> = {}): ColumnDrift {
  return {
    name,
    kind: "numeric",
    type: "number",
    roles: ["feature"],
    counted: true,
    weight: 1,
    status,
    reason,
    reference: { rows: 500, valid: 500, nulls: 0 },
    current: { rows: 200, valid: 200, nulls: 0 },
    statistics: {},
    null_rate: { reference: 0, current: 0, p_value: 1, status: "ok" },
    ...extra,
  };
}

function report(columns: ColumnDrift[], overrides: Partial<DriftReport> = {}): DriftReport {
  const counted = columns.filter((entry) => entry.counted);
  const drifted = counted.filter((entry) => entry.status === "drift").map((entry) => entry.name);
  const share = drifted.length / counted.length;
  const status: DriftStatus = share >= SETTINGS.share ? "drift" : columns.some((entry) => entry.status !== "ok") ? "warn" : "ok";
  return {
    schema: "modelship/drift-report@1",
    tool: { name: "modelship", version: "0.0.0" },
    created: "2026-01-01T00:00:00.000Z",
    mode: "default",
    model: { name: "toy", version: "1.2.0" },
    environment: "prod",
    reference: { source: "release toy@1.2.0", rows: 500, schema_hash: "e".repeat(64) },
    current: { sources: ["logs/today.csv"], rows: 200 },
    settings: SETTINGS,
    status,
    drifted: status === "drift",
    share,
    drifted_columns: drifted,
    columns_checked: counted.length,
    columns,
    ...overrides,
  };
}

// Four features: age moved by a Wasserstein distance of 0.42 (≥ 0.1; its PSI 0.31 ≥ 0.25), income's KS
// p-value 0.001 < 0.05, city only in the warn band (p 0.07 < 0.1), height held (0.03 < 0.1); the target
// moved too but is not counted. Two of four drifted: share 50% ≥ 50%.
const columns = [
  column("height", "ok", "wasserstein 0.03 < 0.1", { statistics: { wasserstein_norm: 0.03 } }),
  column("city", "warn", "chisquare p 0.07 < 0.1 (warn band)", {
    kind: "categorical",
    method: { method: "chisquare", statistic: 5.3, p_value: 0.07, threshold: 0.05, approximate: false },
  }),
  column("income", "drift", "ks p 0.001 < 0.05", {
    method: { method: "ks", statistic: 0.2, p_value: 0.001, threshold: 0.05, approximate: false },
    statistics: { ks_d: 0.2 },
  }),
  column("age", "drift", "wasserstein 0.42 ≥ 0.1; PSI 0.31 ≥ 0.25", {
    method: { method: "wasserstein", statistic: 0.42, threshold: 0.1, approximate: false },
    statistics: { wasserstein_norm: 0.42, psi: 0.31 },
  }),
  column("label", "drift", "jensenshannon 0.2 ≥ 0.1", { roles: ["target"], counted: false, statistics: { jensenshannon: 0.2 } }),
];
const drifting = report(columns);

const DEFAULT_TEXT = [
  "✗ drift: 2 of 4 feature columns drifted (share 50%; the dataset drifts at ≥ 50%) — toy@1.2.0 in prod",
  // Drift before warn; within drift the largest distance first: age 0.42, then income (KS D 0.2) and label (JS 0.2) tied, by name.
  "  ✗ age: wasserstein 0.42 ≥ 0.1; PSI 0.31 ≥ 0.25",
  "  ✗ income: ks p 0.001 < 0.05",
  "  ✗ label (target): jensenshannon 0.2 ≥ 0.1",
  "  ! city: chisquare p 0.07 < 0.1 (warn band)",
  "5 columns checked: 3 drift, 1 warn, 1 ok (-v lists the ok ones); 200 current rows (logs/today.csv) vs 500 reference rows (release toy@1.2.0)",
].join("\n");

describe("the drift report as text", () => {
  it("leads with the verdict and share, lists drifted then warned columns with statistic, value, threshold and p, then counts", () => {
    assert.equal(renderDriftText(drifting, PLAIN), DEFAULT_TEXT);
  });

  it("with -q keeps the verdict and the drifted columns", () => {
    assert.equal(renderDriftText(drifting, { ...PLAIN, quiet: true }), DEFAULT_TEXT.split("\n").slice(0, 4).join("\n"));
  });

  it("with -v lists the columns that held too", () => {
    const text = renderDriftText(drifting, { ...PLAIN, verbose: true });
    assert.ok(
      text.includes(
        "  ! city: chisquare p 0.07 < 0.1 (warn band)\n  ✓ height: wasserstein 0.03 < 0.1\n5 columns checked: 3 drift, 1 warn, 1 ok; ",
      ),
      text,
    );
  });

  it("colours through ANSI escapes only", () => {
    const coloured = renderDriftText(drifting, { ...PLAIN, color: true });
    assert.ok(coloured.startsWith("\u001b[31m✗\u001b[39m \u001b[1mdrift\u001b[22m: "));
    assert.equal(unstyled(coloured), DEFAULT_TEXT);
  });

  it("says no drift, weighted shares, labelled performance and an empty current file in words", () => {
    const calm = report([column("height", "ok", "wasserstein 0.03 < 0.1"), column("age", "ok", "wasserstein 0.05 < 0.1", { weight: 0.5 })]);
    assert.equal(
      renderDriftText(calm, PLAIN),
      [
        "✓ no drift: 0 of 2 feature columns drifted (weighted share 0%; the dataset drifts at ≥ 50%) — toy@1.2.0 in prod",
        "2 columns checked: 2 ok (-v lists the ok ones); 200 current rows (logs/today.csv) vs 500 reference rows (release toy@1.2.0)",
      ].join("\n"),
    );
    // 180 of 200 labelled rows right: accuracy 0.9 against 0.95 at release.
    const performance = {
      metric: "accuracy" as const,
      reference: 0.95,
      current: 0.9,
      n: 200,
      p_value: 0.004,
      status: "drift" as const,
      reason: "p 0.004 < 0.05",
    };
    assert.equal(
      renderDriftText({ ...calm, performance }, { ...PLAIN, quiet: true }).split("\n")[1],
      "  ✗ accuracy on 200 labelled rows: 0.9 (reference 0.95): p 0.004 < 0.05",
    );
    const empty = report([column("height", "insufficient_data", "no values in the current data")], {
      status: "insufficient_data",
      current: { sources: ["logs/empty.csv"], rows: 0 },
    });
    assert.deepEqual(renderDriftText(empty, PLAIN).split("\n").slice(0, 3), [
      "? not enough data to judge drift: 0 of 1 feature column drifted (share 0%; the dataset drifts at ≥ 50%) — toy@1.2.0 in prod",
      "  The current data has no rows: nothing was compared, and this is not a pass.",
      "  ? height: no values in the current data",
    ]);
  });

  it("folds columns past the limit into '… and N more'", () => {
    const extra = 3;
    const many = Array.from({ length: DRIFT_LINES + extra }, (_, i) =>
      column(`c${String(i).padStart(2, "0")}`, "drift", `ks p 0.00${i} < 0.05`),
    );
    const lines = renderDriftText(report(many), PLAIN).split("\n");
    assert.equal(lines.filter((line) => line.startsWith("  ✗ ")).length, DRIFT_LINES);
    assert.ok(lines.includes(`  … and ${extra} more (see drift-report.json)`));
  });

  it("escapes control characters in column names, reasons and sources (they come from the data)", () => {
    const evil = report(
      [
        column(
          "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007",
          "drift",
          "5.0% of values in categories the reference never had: \u001b[2J",
        ),
        column("ok", "ok", "wasserstein 0.01 < 0.1"),
      ],
      { current: { sources: ["logs/\u202etxt.csv"], rows: 200 } },
    );
    const text = renderDriftText(evil, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- these escapes are what must not reach the terminal
    assert.ok(!/\u001b\]|\u001b\[2J|\u0007|\u202e/u.test(text), JSON.stringify(text));
    assert.ok(text.includes("\\u001b]8;;https://evil.example\\u0007click"), text);
    assert.ok(text.includes("logs/\\u202etxt.csv"), text);
  });

  it("fits the real example on one screen and names every drifted column", () => {
    const example = JSON.parse(readFileSync(new URL("../../../docs/examples/drift-report.json", import.meta.url), "utf8")) as DriftReport;
    const text = renderDriftText(example, PLAIN);
    const lines = text.split("\n");
    assert.ok(lines.length <= 25, text);
    assert.ok(
      lines[0]!.startsWith(
        `${example.status === "drift" ? "✗ drift" : "! some columns moved, below the dataset threshold"}: ${example.drifted_columns.length} of ${example.columns_checked} feature columns drifted (weighted share ${(example.share * 100).toFixed(1)}%`,
      ),
      lines[0],
    );
    for (const name of example.drifted_columns)
      assert.ok(
        lines.some((line) => line.startsWith(`  ✗ ${name}: `)),
        `${name} missing:\n${text}`,
      );
    assert.ok(lines.at(-1)!.startsWith(`${example.columns.length} columns checked: `));
    assert.ok(!/&lt;|<\w|```|\|\s*---/.test(text));
  });
});
