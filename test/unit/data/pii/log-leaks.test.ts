/**
 * The attack: plant personal data as *invalid* values of redacted columns (and of a column where a
 * detector fires), so that the "first invalid value" warning, an annotation anyone who can read the
 * Actions run sees, or an error would quote it before the profile is redacted.
 */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../../src/common/logger.ts";
import { isUserError } from "../../../../src/common/errors.ts";
import { parseContract } from "../../../../src/data/contract/load-contract.ts";
import { profileData } from "../../../../src/data/profile/profile-data.ts";
import { loadTabular } from "../../../../src/train/tabular-data.ts";
import { luhnDigit } from "./planted.ts";

const CARD = "4111" + "2233" + "4455" + "667";
const PLANTED = {
  dob: "Jane Doe born 12/03/1980",
  ssn: "SSN-SECRET-7731",
  note: `card ${CARD}${luhnDigit(CARD)}`,
};

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "modelship-leaks-"));
}

function everything(logger: MemoryLogger, extra = ""): string {
  return JSON.stringify(logger.entries) + extra;
}

describe("no redacted value in a log line or error", () => {
  for (const key of [undefined, "leak-test-key"]) {
    test(`profiling: the first invalid value of a redacted column is not quoted (${key === undefined ? "no key" : "keyed"})`, async () => {
      const contract = parseContract(
        `name: leaks
columns:
  - { name: age, type: integer, role: feature }
  - { name: dob, type: date, role: feature, redact: true }
  - { name: ssn, type: integer, role: feature, pii: forbid }
  - { name: score, type: number, role: feature }
  - { name: label, type: categorical, role: target }
`,
        "contract.yaml",
      );
      let csv = "age,dob,ssn,score,label\n";
      for (let i = 0; i < 12; i++) csv += `${30 + i},1980-01-${String(i + 1).padStart(2, "0")},${100 + i},${i}.5,${i % 2 ? "yes" : "no"}\n`;
      // Row 14: the planted values, invalid for their types; score's text is a card number, not a number.
      csv += `31,${PLANTED.dob},${PLANTED.ssn},"${PLANTED.note}",yes\n`;
      const folder = await dir();
      await writeFile(join(folder, "data.csv"), csv);
      const logger = new MemoryLogger();
      const previous = process.env.MODELSHIP_REDACTION_KEY;
      if (key === undefined) delete process.env.MODELSHIP_REDACTION_KEY;
      else process.env.MODELSHIP_REDACTION_KEY = key;
      try {
        const profile = await profileData({ contract, paths: [join(folder, "data.csv")], logger, toolVersion: "test" });
        const warnings = logger.entries.filter((entry) => entry.level === "warning");
        // One warning per column with an invalid value, each still naming its column and line.
        assert.deepEqual(warnings.map((entry) => [entry.properties?.title, entry.properties?.startLine]).sort(), [
          ["modelship: dob", 14],
          ["modelship: score", 14],
          ["modelship: ssn", 14],
        ]);
        const text = everything(logger, JSON.stringify(profile));
        for (const planted of [...Object.values(PLANTED), CARD, "Jane Doe", "SSN-SECRET"]) assert.ok(!text.includes(planted), planted);
      } finally {
        if (previous === undefined) delete process.env.MODELSHIP_REDACTION_KEY;
        else process.env.MODELSHIP_REDACTION_KEY = previous;
      }
    });
  }

  test("profiling through the fast CSV pass (no date column): the same", async () => {
    const contract = parseContract(
      `name: leaks
columns:
  - { name: ssn, type: integer, role: feature, pii: forbid }
  - { name: score, type: number, role: feature }
  - { name: label, type: categorical, role: target }
`,
      "contract.yaml",
    );
    let csv = "ssn,score,label\n";
    for (let i = 0; i < 12; i++) csv += `${100 + i},${i}.5,${i % 2 ? "yes" : "no"}\n`;
    csv += `${PLANTED.ssn},"${PLANTED.note}",yes\n`;
    const folder = await dir();
    await writeFile(join(folder, "data.csv"), csv);
    const logger = new MemoryLogger();
    await profileData({ contract, paths: [join(folder, "data.csv")], logger, toolVersion: "test" });
    assert.ok(
      logger.entries.some((entry) => entry.message.startsWith("profile: fast CSV pass")),
      JSON.stringify(logger.entries),
    );
    assert.equal(logger.entries.filter((entry) => entry.level === "warning").length, 2);
    for (const planted of [PLANTED.ssn, PLANTED.note, CARD]) assert.ok(!everything(logger).includes(planted), planted);
  });

  test("profiling: an unrepresentable number of a redacted column is not quoted in the error", async () => {
    const contract = parseContract(
      `name: leaks
columns:
  - { name: income, type: number, role: feature, redact: true }
  - { name: label, type: categorical, role: target }
`,
      "contract.yaml",
    );
    const huge = "7".repeat(400);
    const folder = await dir();
    await writeFile(join(folder, "data.csv"), `income,label\n1.5,yes\n${huge},no\n`);
    const logger = new MemoryLogger();
    await assert.rejects(
      profileData({ contract, paths: [join(folder, "data.csv")], logger, toolVersion: "test" }),
      (error) =>
        isUserError(error) && error.line === 3 && !`${error.message} ${error.hint ?? ""}`.includes("7777") && /income/.test(error.message),
    );
    assert.ok(!everything(logger).includes("7777"));
  });

  test("training: a redacted column's non-numeric value is not quoted in the error", async () => {
    const contract = parseContract(
      `name: leaks
columns:
  - { name: income, type: number, role: feature, redact: true }
  - { name: label, type: categorical, role: target }
`,
      "contract.yaml",
    );
    const folder = await dir();
    await writeFile(join(folder, "train.csv"), `income,label\n1.5,yes\n${PLANTED.ssn},no\n2.5,no\n`);
    await assert.rejects(
      loadTabular({ path: join(folder, "train.csv"), contract, features: [{ name: "income", kind: "numeric" }], target: "label" }),
      (error) =>
        isUserError(error) && error.line === 3 && !error.message.includes("SSN-SECRET") && /\[redacted\]|anon:/.test(error.message),
    );
  });
});
