/**
 * The site stage's redaction of fairness groups (a gate report whose redacted column's groups are raw,
 * as one from before redaction or another tool would hold them) and its reading of drift inputs.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { pseudonym, Redactor } from "../../../src/data/pii/redact.ts";
import { readDriftInputs, redactFairness, replaceGroupNames } from "../../../src/stages/site-stage.ts";
import { renderModelCard } from "../../../src/registry/model-card.ts";

const COLUMNS = [
  { name: "race", roles: ["feature", "sensitive"], redact: true },
  { name: "sex", roles: ["feature", "sensitive"] },
];

const section = (grouping: string, columns: string[], labels: string[], privileged?: string) => ({
  grouping,
  columns,
  ...(privileged === undefined ? {} : { privileged }),
  groups: labels.map((label) => ({ label, count: 40, small: false, rates: { selection_rate: 0.2 }, ci: { selection_rate: [0.1, 0.3] } })),
  overall: {},
  metrics: { demographic_parity_difference: { value: 0.1, ci: [0.05, 0.15], groups: labels, excluded: [], worst: labels[0] } },
});

describe("redactFairness", () => {
  test("a redacted column's raw groups become [redacted N] in sorted order without a key, keyed pseudonyms with one", () => {
    const raw = section("race", ["race"], ["White", "Black", "Asian-Pac-Islander"], "White");
    const plain = redactFairness(raw, new Redactor(COLUMNS));
    // Sorted: Asian-Pac-Islander 1, Black 2, White 3.
    assert.deepEqual(
      plain.groups.map((group) => group.label),
      ["[redacted 3]", "[redacted 2]", "[redacted 1]"],
    );
    assert.equal(plain.privileged, "[redacted 3]");
    assert.equal(plain.metrics[0]!.worst, "[redacted 3]");
    assert.equal(plain.redacted, true);
    const keyed = redactFairness(raw, new Redactor(COLUMNS, { key: "secret" }));
    assert.deepEqual(
      keyed.groups.map((group) => group.label),
      ["White", "Black", "Asian-Pac-Islander"].map((label) => pseudonym(label, "secret")),
    );
    assert.ok(!JSON.stringify([plain, keyed]).includes("Black"));
  });

  test("an intersection with a redacted column is hidden whole; a sensitive column that is not redacted keeps its names", () => {
    const both = redactFairness(section("sex & race", ["sex", "race"], ["Female & Black", "Male & White"]), new Redactor(COLUMNS));
    assert.deepEqual(
      both.groups.map((group) => group.label),
      ["[redacted 1]", "[redacted 2]"],
    );
    const sex = redactFairness(section("sex", ["sex"], ["Female", "Male"], "Male"), new Redactor(COLUMNS));
    assert.deepEqual(
      sex.groups.map((group) => group.label),
      ["Female", "Male"],
    );
    assert.equal(sex.redacted, false);
  });

  test("labels already redacted stay as they are", () => {
    const done = redactFairness(section("race", ["race"], ["[redacted 1]", "anon:0123456789ab"]), new Redactor(COLUMNS));
    assert.deepEqual(
      done.groups.map((group) => group.label),
      ["[redacted 1]", "anon:0123456789ab"],
    );
  });
});

describe("replaceGroupNames", () => {
  test("hides a redacted group in a model card that escaped it as markdown, and only whole names", () => {
    // The example gate report with race groups whose names markdown escapes (`_`, `*`), as a card from
    // before the column was redacted holds them.
    const text = readFileSync(new URL("../../../docs/examples/gate-report.json", import.meta.url), "utf8")
      .replaceAll("Asian-Pac-Islander", "Asian_Pac_Islander")
      .replaceAll("Amer-Indian-Eskimo", "Amer_Indian*Eskimo");
    const report = JSON.parse(text) as Record<string, unknown>;
    const card = renderModelCard({ model: "adult-income", version: "1.3.0", gateReport: report as never, allowUngated: false });
    assert.match(card, /Asian\\_Pac\\_Islander/, "the card escapes the name (else this test proves nothing)");
    const shown = replaceGroupNames(`${card}\nBlackwell and Otherwise stay.`, undefined, report, new Redactor(COLUMNS));
    for (const raw of ["Asian", "Amer", "Eskimo", "Black ", "Black,", "Black\\"]) assert.ok(!shown.includes(raw), raw);
    assert.match(shown, /Blackwell and Otherwise stay\./);
    assert.match(shown, /\[redacted \d\]/);
  });
});

describe("readDriftInputs", () => {
  // The example report, valid against the schema.
  const BASE = JSON.parse(readFileSync(new URL("../../../docs/examples/drift-report.json", import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;
  const report = (created: string, environment: string) => ({
    ...BASE,
    created,
    environment,
  });

  test("points from files and folders, deduplicated by model, environment and created; sorted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "site-drift-"));
    try {
      writeFileSync(join(dir, "a.json"), JSON.stringify(report("2026-10-02T00:00:00.000Z", "production")));
      writeFileSync(join(dir, "drift-report.json"), JSON.stringify(report("2026-10-01T00:00:00.000Z", "production")));
      const warnings: string[] = [];
      const points = await readDriftInputs([join(dir, "a.json"), dir, join(dir, "drift-report.json")], undefined, (text) =>
        warnings.push(text),
      );
      assert.deepEqual(
        points.map((point) => [point.model, point.environment, point.created]),
        [
          ["adult-income", "production", "2026-10-01T00:00:00.000Z"],
          ["adult-income", "production", "2026-10-02T00:00:00.000Z"],
        ],
      );
      assert.equal(points[0]!.threshold, (BASE.settings as { share: number }).share);
      assert.deepEqual(warnings, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a history hidden in a folder of reports is left out; a report wins over a history's point; bad model names are skipped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "site-drift-"));
    try {
      const point = (model: string, created: string, share: number) => ({
        model,
        environment: "production",
        created,
        status: "ok",
        share,
        threshold: 0.5,
        driftedColumns: [],
        columnsChecked: 14,
      });
      const history = (points: unknown[]) => JSON.stringify({ schema: "modelship/drift-history@1", points });
      // An artifact folder: one real report, and a "drift-report.json" that is a history rewriting every trend.
      mkdirSync(join(dir, "artifacts", "run-1"), { recursive: true });
      mkdirSync(join(dir, "artifacts", "run-2"), { recursive: true });
      writeFileSync(join(dir, "artifacts", "run-1", "drift-report.json"), JSON.stringify(report("2026-10-01T00:00:00.000Z", "production")));
      writeFileSync(
        join(dir, "artifacts", "run-2", "drift-report.json"),
        history([point("adult-income", "2026-10-01T00:00:00.000Z", 0), point("payments-fraud", "2026-10-01T00:00:00.000Z", 0)]),
      );
      const warnings: string[] = [];
      const fromFolder = await readDriftInputs([join(dir, "artifacts")], undefined, (text) => warnings.push(text));
      assert.deepEqual(
        fromFolder.map((each) => each.model),
        ["adult-income"],
      );
      assert.equal(fromFolder[0]!.share, BASE.share);
      assert.match(warnings.join("\n"), /run-2.drift-report\.json holds a drift history, not a drift report: left out/);
      // Named as a file, a history counts; on the same key the report wins, whatever the order; offsets are normalised.
      writeFileSync(
        join(dir, "history.json"),
        history([
          point("adult-income", "2026-10-01T02:00:00.000+02:00", 0.99),
          point("adult-income", "2026-09-01T00:00:00.000Z", 0.1),
          point("../../evil", "2026-09-01T00:00:00.000Z", 0.1),
        ]),
      );
      const notes: string[] = [];
      const merged = await readDriftInputs([join(dir, "artifacts", "run-1"), join(dir, "history.json")], undefined, (text) =>
        notes.push(text),
      );
      assert.deepEqual(
        merged.map((each) => [each.created, each.share]),
        [
          ["2026-09-01T00:00:00.000Z", 0.1],
          ["2026-10-01T00:00:00.000Z", BASE.share],
        ],
      );
      assert.match(notes.join("\n"), /"\.\.\/\.\.\/evil" is not a valid model name: its drift point is left out/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
