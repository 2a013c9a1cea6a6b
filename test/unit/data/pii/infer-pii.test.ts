/**
 * `contract infer` on columns with personal data: it proposes `pii: forbid` with a comment naming
 * the detector, and never writes such a column's values into an enum (or anywhere in the YAML).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { MemoryLogger } from "../../../../src/common/logger.ts";
import { inferContract } from "../../../../src/data/contract/infer-contract.ts";
import { makeTempDir } from "../readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});

describe("contract infer and personal data", () => {
  it("proposes pii: forbid for detected columns and keeps their values out of the YAML", async () => {
    // Five e-mail addresses and three phone numbers: few enough distinct values for an enum.
    const emails = ["ann@example.org", "bob@example.net", "cy@mail.example.com", "di@example.de", "ed@example.io"];
    const phones = ["+44 20 7946 0958", "(415) 555-0134", "06 12 34 56 78"];
    const rows = Array.from({ length: 40 }, (_, i) =>
      [String(i), emails[i % emails.length], i % 4 === 0 ? phones[i % phones.length] : "none", i % 2 === 0 ? "red" : "blue"].join(","),
    );
    const path = temp.file("people.csv", `id,email,phone,colour\n${rows.join("\n")}\n`);
    const result = await inferContract({ paths: [path], logger: new MemoryLogger() });
    const byName = Object.fromEntries(result.document.columns.map((column) => [column.name, column]));
    assert.deepEqual([byName.email!.type, byName.email!.pii, byName.email!.enum], ["string", "forbid", undefined]);
    assert.deepEqual([byName.phone!.type, byName.phone!.pii, byName.phone!.enum], ["string", "forbid", undefined]);
    // A clean categorical column keeps its enum and gets no pii.
    assert.deepEqual([byName.colour!.type, byName.colour!.pii, byName.colour!.enum], ["categorical", undefined, ["blue", "red"]]);
    assert.equal(byName.id!.pii, undefined);
    // The comments name the detector and how often it fired (40 of 40 e-mails; 10 of 40 phones).
    assert.match(result.yaml, /pii: forbid # detectors fired on 40 of 40 values \(100\.00%: email 40\)/);
    assert.match(result.yaml, /pii: forbid # detectors fired on 10 of 40 values \(25\.00%: phone 10\)/);
    for (const value of [...emails, ...phones]) assert.ok(!result.yaml.includes(value), `${value} is in the drafted YAML`);
    assert.deepEqual(parseYaml(result.yaml), JSON.parse(JSON.stringify(result.document)));
  });

  it("cards written as plain digits: a string with pii: forbid, no min, max or enum from the values", async () => {
    // Luhn-valid Visa and Mastercard numbers (checked by hand: 4111111111111111 is the textbook test card).
    const cards = ["4111111111111111", "5555555555554444", "4012888888881881"];
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${cards[i % cards.length]},${1000 + i}`);
    const path = temp.file("cards.csv", `id,card,amount\n${rows.join("\n")}\n`);
    const result = await inferContract({ paths: [path], logger: new MemoryLogger() });
    const byName = Object.fromEntries(result.document.columns.map((column) => [column.name, column]));
    const card = byName.card!;
    assert.deepEqual([card.type, card.pii, card.min, card.max, card.enum], ["string", "forbid", undefined, undefined, undefined]);
    assert.match(result.yaml, /pii: forbid # detectors fired on 30 of 30 values \(100\.00%: payment_card 30\)/);
    // An ordinary integer column keeps its type and range.
    assert.deepEqual([byName.amount!.type, byName.amount!.min, byName.amount!.max, byName.amount!.pii], ["integer", 1000, 1029, undefined]);
    for (const value of cards) assert.ok(!result.yaml.includes(value), `${value} is in the drafted YAML`);
  });

  it("names every detector that fired and the share of values any fired on", async () => {
    // Six distinct values, four of them personal data of four kinds (as validate counts them).
    const values = ["ann@example.org", "078-05-1120", "192.168.10.20", "DE89370400440532013000", "plain text", "another"];
    const rows = Array.from({ length: 6 }, (_, i) => `${i},${values[i]}`);
    const path = temp.file("mixed.csv", `id,contact\n${rows.join("\n")}\n`);
    const result = await inferContract({ paths: [path], logger: new MemoryLogger() });
    // 4 of 6 = 66.67%; detectors tied at one value each are listed by name.
    assert.match(result.yaml, /pii: forbid # detectors fired on 4 of 6 values \(66\.67%: email 1, iban 1, ip_address 1, us_ssn 1\)/);
  });
});
