/**
 * `modelship validate` (dist/cli.js) on a table with planted personal data: it fails on `pii: forbid`,
 * warns on the scanned columns, and neither its terminal output nor the reports it writes (JSON,
 * markdown) contain a planted value; a bad regex in the contract is a UserError with file, line and
 * pointer, never a stack trace. `contract infer` proposes pii: forbid without writing the values.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { plantedValues } from "../unit/data/pii/planted.ts";

const planted = plantedValues(31);
const secrets = planted.filter((value) => value.truth !== undefined || value.expect !== undefined).map((value) => value.text);
const cards = planted.filter((value) => value.expect === "payment_card").map((value) => value.text);

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-pii-"));
  const rows = planted.map((value, i) => [String(i), csvField(value.text), i % 5 === 0 ? cards[i % cards.length]! : "n/a"].join(","));
  await writeFile(join(dir, "data.csv"), `id,contact,card\n${rows.join("\n")}\n`);
  await writeFile(
    join(dir, "contract.yaml"),
    "columns:\n  - {name: id, type: integer}\n  - {name: contact, type: string}\n  - {name: card, type: string, pii: forbid}\n",
  );
  await writeFile(
    join(dir, "bad.yaml"),
    "columns:\n  - {name: id, type: integer}\n  - name: contact\n    type: string\n    forbid_patterns: ['(unclosed']\n",
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("modelship validate with planted personal data", () => {
  test("fails on pii: forbid, warns on the scanned column, and prints and writes no planted value", async () => {
    const run = runCli(["validate", "data.csv", "--contract", "contract.yaml", "--report-dir", "reports", "--verbose"], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const json = await readFile(join(dir, "reports/validation-report.json"), "utf8");
    const markdown = await readFile(join(dir, "reports/validation-report.md"), "utf8");
    const report = JSON.parse(json) as {
      checks: { id: string; status: string; failing: number; pii?: { findings: { detector: string }[] } }[];
    };
    const forbid = report.checks.find((check) => check.id === "column.card.pii");
    assert.equal(forbid?.status, "fail");
    assert.equal(forbid.failing, planted.filter((_, i) => i % 5 === 0).length);
    const scan = report.checks.find((check) => check.id === "column.contact.pii_scan");
    assert.equal(scan?.status, "warn");
    assert.equal(scan.failing, planted.filter((value) => value.expect !== undefined).length);
    assert.deepEqual(scan.pii?.findings.map((finding) => finding.detector).sort(), [
      "email",
      "iban",
      "ip_address",
      "payment_card",
      "phone",
      "us_ssn",
    ]);
    for (const [name, output] of Object.entries({ stdout: run.stdout, stderr: run.stderr, json, markdown })) {
      const leaked = secrets.filter((secret) => output.includes(secret));
      assert.deepEqual(leaked, [], `${name} leaks planted values`);
    }
    assert.match(run.stdout, /column contact pii_scan/);
  });

  test("a forbidden pattern that does not compile is a UserError naming file, line and pointer (exit 2)", () => {
    const run = runCli(["validate", "data.csv", "--contract", "bad.yaml", "--report-dir", "reports-bad"], { cwd: dir });
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stderr, /bad\.yaml:5.*forbid_patterns\[0\] of column "contact" is not a valid regular expression/);
    assert.match(run.stderr, /\/columns\/1\/forbid_patterns\/0/);
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
  });

  test("a pii pattern that backtracks catastrophically is refused when the contract loads, before any cell is read (exit 2)", async () => {
    // The attack: ^(\w+\s?)+$ on a cell of 28 letters and "!" takes V8 about 16 s; with a few such cells, minutes.
    await writeFile(
      join(dir, "redos.csv"),
      `id,contact\n${Array.from({ length: 20 }, (_, i) => `${i},${"a".repeat(28 + i)}!`).join("\n")}\n`,
    );
    await writeFile(
      join(dir, "redos.yaml"),
      "pii:\n  patterns:\n    - name: words\n      regex: '^(\\w+\\s?)+$'\ncolumns:\n  - {name: id, type: integer}\n  - {name: contact, type: string}\n",
    );
    const start = performance.now();
    const run = runCli(["validate", "redos.csv", "--contract", "redos.yaml", "--report-dir", "reports-redos"], { cwd: dir });
    assert.ok(performance.now() - start < 10_000, "refused before it ran");
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stderr, /redos\.yaml:4.*pii pattern "words" can backtrack catastrophically/);
    assert.match(run.stderr, /\/pii\/patterns\/0\/regex/);
    assert.match(run.stderr, /\^\[\\w\\s\]\+\$/, "the fix is named");
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
  });

  test("contract infer proposes pii: forbid and writes none of the values", async () => {
    const run = runCli(["contract", "infer", "data.csv", "--output", "inferred.yaml"], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const yaml = await readFile(join(dir, "inferred.yaml"), "utf8");
    // Every detector that fired, most values first, from what was planted (each value counts for the detector documented to fire on it).
    const counts = new Map<string, number>();
    for (const value of planted) if (value.expect !== undefined) counts.set(value.expect, (counts.get(value.expect) ?? 0) + 1);
    const each = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([detector, count]) => `${detector} ${count}`);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const comment = `detectors fired on ${total} of ${planted.length} values (${((total / planted.length) * 100).toFixed(2)}%: ${each.join(", ")})`;
    assert.ok(counts.size >= 6, [...counts.keys()].join(", "));
    assert.ok(yaml.includes(`pii: forbid # ${comment}`), `${comment}\n${yaml}`);
    const cardCount = planted.filter((_, i) => i % 5 === 0).length;
    assert.match(
      yaml,
      new RegExp(
        `name: card\\n(\\s+.*\\n)*?\\s+pii: forbid # detectors fired on ${cardCount} of ${planted.length} values \\([0-9.]+%: payment_card ${cardCount}\\)`,
      ),
    );
    assert.deepEqual(
      secrets.filter((secret) => yaml.includes(secret)),
      [],
    );
  });
});
