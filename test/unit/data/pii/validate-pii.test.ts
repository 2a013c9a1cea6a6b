/**
 * The PII checks in validate on a planted table: `pii: forbid`, `pii: hashed`, `forbid_patterns`
 * and the scan of columns without `pii`, with counts, shares and lines derived from what was
 * planted; the fast CSV path (1–3 threads) gives the readers' report; and no planted value reaches
 * the JSON report, the markdown or the terminal text.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, describe, test } from "node:test";
import { MemoryLogger } from "../../../../src/common/logger.ts";
import { parseContract } from "../../../../src/data/contract/load-contract.ts";
import { validateData } from "../../../../src/data/validate/validate-datasets.ts";
import { renderValidationMarkdown } from "../../../../src/data/validate/validation-markdown.ts";
import { renderValidationText } from "../../../../src/data/validate/validation-text.ts";
import type { CheckResult, ValidationReport } from "../../../../src/data/validate/validation-report-types.ts";
import { makeTempDir } from "../readers-helpers.ts";
import { luhnDigit, plantedValues } from "./planted.ts";

const planted = plantedValues(7);
const rows = planted.length;
const cards = plantedValues(8).filter((value) => value.expect === "payment_card");
const emails = plantedValues(9).filter((value) => value.expect === "email");
const decoys = plantedValues(10).filter((value) => value.truth === undefined && value.expect === undefined);

/** Row i of each column; `line(i)` is its line in the file (header on line 1). */
const line = (i: number) => i + 2;
const column = {
  contact: (i: number) => planted[i]!.text,
  card: (i: number) => (i % 4 === 0 ? cards[(i / 4) % cards.length]!.text : decoys[i % decoys.length]!.text),
  token: (i: number) => (i % 10 === 3 ? emails[i % emails.length]!.text : createHash("sha256").update(String(i)).digest("hex")),
  note: (i: number) => (i % 7 === 0 ? `badge E${100000 + i}` : `note ${i}`),
  mail: (i: number) => emails[i % emails.length]!.text,
  city: (i: number) => (i % 2 === 0 ? "Paris" : "Lyon"),
};
const names = Object.keys(column) as (keyof typeof column)[];

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});
const dataPath = temp.file(
  "data.csv",
  `${names.join(",")}\n${Array.from({ length: rows }, (_, i) => names.map((name) => csvField(column[name](i))).join(",")).join("\n")}\n`,
);

const CONTRACT = `
columns:
  - { name: contact, type: string }
  - { name: card, type: string, pii: forbid }
  - { name: token, type: string, hashed: { format: hex, length: 64 }, severity: warning }
  - { name: note, type: string, forbid_patterns: ['E\\d{6}'] }
  - { name: mail, type: string, pii: allow }
  - { name: city, type: categorical, enum: [Paris, Lyon] }
`;

async function validate(contractText: string, env: { fast?: string; threads?: string } = {}): Promise<ValidationReport> {
  const saved = { fast: process.env.MODELSHIP_FAST_CSV, threads: process.env.MODELSHIP_THREADS };
  const set = (key: "MODELSHIP_FAST_CSV" | "MODELSHIP_THREADS", value: string | undefined) => {
    if (value !== undefined) process.env[key] = value;
    else if (key === "MODELSHIP_FAST_CSV") delete process.env.MODELSHIP_FAST_CSV;
    else delete process.env.MODELSHIP_THREADS;
  };
  try {
    set("MODELSHIP_FAST_CSV", env.fast);
    set("MODELSHIP_THREADS", env.threads);
    return await validateData({
      contract: parseContract(contractText, "contract.yaml"),
      datasets: [{ label: "data", path: dataPath }],
      maxExamples: 3,
      logger: new MemoryLogger(),
      toolVersion: "test",
      created: new Date(0),
    });
  } finally {
    set("MODELSHIP_FAST_CSV", saved.fast);
    set("MODELSHIP_THREADS", saved.threads);
  }
}

const check = (report: ValidationReport, id: string): CheckResult | undefined => report.checks.find((result) => result.id === id);
const indices = (predicate: (i: number) => boolean) => Array.from({ length: rows }, (_, i) => i).filter(predicate);

describe("PII checks in validate", () => {
  test("a column without pii warns, naming each detector with its count, share and first lines", async () => {
    const report = await validate(CONTRACT, { fast: "0" });
    const scan = check(report, "column.contact.pii_scan");
    assert.ok(scan !== undefined);
    const hits = indices((i) => planted[i]!.expect !== undefined);
    assert.equal(scan.status, "warn");
    assert.equal(scan.severity, "warning");
    assert.equal(scan.failing, hits.length);
    assert.equal(scan.total, rows);
    assert.ok(scan.message.includes(`(${((hits.length / rows) * 100).toFixed(2)}%)`), scan.message);
    // Per detector, in order of first detection: count, share of the column's values, first 10 lines.
    const order = [...new Set(hits.map((i) => planted[i]!.expect!))];
    assert.deepEqual(
      scan.pii?.findings,
      order.map((detector) => {
        const rowsOf = indices((i) => planted[i]!.expect === detector);
        return { detector, count: rowsOf.length, share: rowsOf.length / rows, lines: rowsOf.slice(0, 10).map(line) };
      }),
    );
    for (const detector of order) assert.ok(scan.message.includes(detector), `${detector} named in ${scan.message}`);
    assert.deepEqual(
      scan.examples.map((example) => example.line),
      hits.slice(0, 3).map(line),
    );
  });

  test("pii: forbid fails on each detected value, hashed on each non-hash, forbid_patterns on each match", async () => {
    const report = await validate(CONTRACT, { fast: "0" });
    const forbid = check(report, "column.card.pii")!;
    assert.equal(forbid.status, "fail");
    assert.equal(forbid.failing, indices((i) => i % 4 === 0).length);
    assert.deepEqual(
      forbid.pii?.findings.map((finding) => finding.detector),
      ["payment_card"],
    );
    const hashed = check(report, "column.token.hashed")!;
    assert.equal(hashed.status, "warn", "severity warning on this column");
    assert.equal(hashed.failing, indices((i) => i % 10 === 3).length);
    assert.equal(hashed.threshold, "hex, 64 characters");
    const patterns = check(report, "column.note.forbid_patterns")!;
    assert.equal(patterns.status, "fail");
    assert.equal(patterns.failing, indices((i) => i % 7 === 0).length);
    assert.deepEqual(
      patterns.pii?.findings[0]?.lines,
      indices((i) => i % 7 === 0)
        .slice(0, 10)
        .map(line),
    );
    // pii: allow is not scanned; a clean categorical column gets no scan result; hashed columns are not scanned.
    for (const id of ["column.mail.pii_scan", "column.mail.pii", "column.city.pii_scan", "column.token.pii_scan"])
      assert.equal(check(report, id), undefined, id);
    assert.equal(report.passed, false);
  });

  test("the fast CSV path with 1, 2 and 3 threads gives the readers' report", async () => {
    const expected = await validate(CONTRACT, { fast: "0" });
    for (const threads of ["1", "2", "3"])
      assert.deepEqual(await validate(CONTRACT, { threads }), expected, `MODELSHIP_THREADS=${threads}`);
  });

  test("no planted value reaches the JSON report, the markdown or the text", async () => {
    const report = await validate(CONTRACT);
    const outputs = {
      json: JSON.stringify(report),
      markdown: renderValidationMarkdown(report),
      text: renderValidationText(report, { color: false, verbose: true, quiet: false }),
    };
    const secrets = [
      ...planted.filter((value) => value.truth !== undefined || value.expect !== undefined).map((value) => value.text),
      ...cards.map((value) => value.text),
      ...emails.map((value) => value.text),
      ...indices((i) => i % 7 === 0).map((i) => column.note(i)),
    ];
    assert.ok(secrets.length > 300);
    for (const [name, output] of Object.entries(outputs)) {
      const leaked = secrets.filter((secret) => output.includes(secret));
      assert.deepEqual(leaked, [], `${name} leaks planted values`);
    }
    // The outputs do carry the findings: detectors and lines.
    assert.match(outputs.markdown, /Personal data found/);
    assert.match(outputs.markdown, /`payment_card`/);
    assert.match(outputs.text, /column contact pii_scan/);
    assert.match(outputs.text, new RegExp(`payment_card: ${indices((i) => i % 4 === 0).length} values`));
    for (const result of report.checks.filter((result) => ["pii", "pii_scan", "hashed", "forbid_patterns"].includes(result.check)))
      for (const example of result.examples) assert.equal(example.value, undefined, result.id);
  });

  test("the contract's pii block: detectors, patterns, min_share, scan and severity", async () => {
    const only = await validate(`pii: { detectors: [email], patterns: [{ name: badge, regex: 'E\\d{6}' }] }\n${CONTRACT}`);
    const scan = check(only, "column.contact.pii_scan")!;
    // Only e-mail runs among the built-ins; the badge pattern also matches some planted values
    // (a GB IBAN whose bank code ends in E), counted where e-mail did not fire first.
    const email = indices((i) => planted[i]!.expect === "email");
    const badges = indices((i) => planted[i]!.expect !== "email" && /E\d{6}/u.test(planted[i]!.text));
    assert.ok(badges.length > 0);
    const findings = [
      ["email", undefined, email.length],
      ["custom", "badge", badges.length],
    ];
    if (badges[0]! < email[0]!) findings.reverse(); // findings come in order of first detection
    assert.deepEqual(
      scan.pii?.findings.map((finding) => [finding.detector, finding.pattern, finding.count]),
      findings,
    );
    assert.equal(scan.failing, email.length + badges.length);
    const forbid = check(only, "column.card.pii")!;
    // Cards pass; the badge pattern still fires on lookalike IBANs among the decoys.
    assert.equal(forbid.failing, indices((i) => /E\d{6}/u.test(column.card(i))).length, "only e-mail and the pattern run");
    const badge = check(only, "column.note.pii_scan")!;
    assert.deepEqual(badge.pii?.findings, [
      {
        detector: "custom",
        pattern: "badge",
        count: indices((i) => i % 7 === 0).length,
        share: indices((i) => i % 7 === 0).length / rows,
        lines: indices((i) => i % 7 === 0)
          .slice(0, 10)
          .map(line),
      },
    ]);

    const share = indices((i) => planted[i]!.expect !== undefined).length / rows;
    const above = await validate(`pii: { min_share: ${share} }\n${CONTRACT}`);
    assert.equal(check(above, "column.contact.pii_scan"), undefined, "at the limit: no warning");
    const below = await validate(`pii: { min_share: ${share - 0.001} }\n${CONTRACT}`);
    assert.equal(check(below, "column.contact.pii_scan")?.status, "warn");

    const off = await validate(`pii: { scan: false }\n${CONTRACT}`);
    assert.equal(check(off, "column.contact.pii_scan"), undefined);
    assert.equal(check(off, "column.card.pii")?.status, "fail", "pii: forbid is checked with the scan off");

    const strict = await validate(`pii: { severity: error }\n${CONTRACT}`);
    assert.equal(check(strict, "column.contact.pii_scan")?.status, "fail");
  });

  test("an integer column is scanned for identifiers of 9 or more digits (a card written as digits), on both paths", async () => {
    // Card numbers as plain digits, Luhn check digits computed in planted.ts: every 5th row; the rest are amounts and long order numbers that are no card.
    const card = (i: number) => {
      const payload = `4${String(10_000_000_000_000 + i * 7919).padStart(14, "0")}`;
      return payload + luhnDigit(payload);
    };
    const order = (i: number) => String(900_000_000 + i); // 9 digits, no detector fires
    const values = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? card(i) : i % 5 === 1 ? order(i) : String(100 + i)));
    const path = temp.file("integers.csv", `amount\n${values.join("\n")}\n`);
    const contract = "columns:\n  - { name: amount, type: integer }\n";
    const reports: ValidationReport[] = [];
    for (const fast of ["0", "1"]) {
      const saved = process.env.MODELSHIP_FAST_CSV;
      process.env.MODELSHIP_FAST_CSV = fast;
      try {
        reports.push(
          await validateData({
            contract: parseContract(contract, "contract.yaml"),
            datasets: [{ label: "data", path }],
            maxExamples: 3,
            logger: new MemoryLogger(),
            toolVersion: "test",
            created: new Date(0),
          }),
        );
      } finally {
        if (saved === undefined) delete process.env.MODELSHIP_FAST_CSV;
        else process.env.MODELSHIP_FAST_CSV = saved;
      }
    }
    assert.deepEqual(reports[1], reports[0], "the fast path gives the readers' report");
    const scan = check(reports[0]!, "column.amount.pii_scan")!;
    const hits = values.flatMap((_, i) => (i % 5 === 0 ? [line(i)] : []));
    assert.deepEqual(scan.pii?.findings, [{ detector: "payment_card", count: 10, share: 10 / 50, lines: hits }]);
    const text = JSON.stringify(reports[0]);
    for (const [i, value] of values.entries()) if (i % 5 === 0) assert.ok(!text.includes(value), value);
    // pii: allow turns the scan off; scan: false too.
    for (const off of ["columns:\n  - { name: amount, type: integer, pii: allow }\n", `pii: { scan: false }\n${contract}`]) {
      const report = await validateData({
        contract: parseContract(off, "contract.yaml"),
        datasets: [{ label: "data", path }],
        maxExamples: 3,
        logger: new MemoryLogger(),
        toolVersion: "test",
        created: new Date(0),
      });
      assert.equal(check(report, "column.amount.pii_scan"), undefined, off);
    }
  });
});
