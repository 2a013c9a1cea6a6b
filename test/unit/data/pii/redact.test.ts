import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isRedacted, pseudonym, REDACTED, redactionKeyFromEnv, Redactor, redactorFor } from "../../../../src/data/pii/redact.ts";
import { contractColumn as column, contractOf } from "../../../support/contracts.ts";
import { python } from "../../../support/python.ts";

const KEY = "s3cret-redaction-key";

const CONTRACT = contractOf([
  column("email", "string", { pii: "allow" }),
  column("name", "string", { redact: true }),
  column("notes", "string"),
  column("sex", "categorical", { roles: ["sensitive"] }),
  column("race", "categorical", { roles: ["sensitive"], redact: true }),
  column("ticket", "string", { roles: ["feature"] }),
]);

describe("pseudonyms", () => {
  test("are anon: and the first 12 hex digits of HMAC-SHA256(key, value), as Python's hmac computes it", () => {
    const values = ["alice@example.com", "Ünïcødé 名前", "", "94110"];
    const expected = python<string[]>(
      `import hmac, hashlib
emit(["anon:" + hmac.new(data["key"].encode(), v.encode(), hashlib.sha256).hexdigest()[:12] for v in data["values"]])`,
      { key: KEY, values },
    );
    assert.deepEqual(
      values.map((value) => pseudonym(value, KEY)),
      expected,
    );
  });

  test("differ with the key and are no unkeyed hash of the value", () => {
    const a = pseudonym("94110", KEY);
    const b = pseudonym("94110", "another key");
    assert.notEqual(a, b);
    const unkeyed = python<string>(`import hashlib\nemit(hashlib.sha256(b"94110").hexdigest()[:12])`);
    assert.notEqual(a.slice(5), unkeyed);
    assert.ok(isRedacted(a) && isRedacted(REDACTED) && !isRedacted("anon:xyz") && !isRedacted("94110"));
  });

  test("the key comes from MODELSHIP_REDACTION_KEY; empty means none", () => {
    assert.equal(redactionKeyFromEnv({ MODELSHIP_REDACTION_KEY: KEY }), KEY);
    assert.equal(redactionKeyFromEnv({ MODELSHIP_REDACTION_KEY: "" }), undefined);
    assert.equal(redactionKeyFromEnv({}), undefined);
    assert.equal(redactorFor(CONTRACT, { key: undefined }).keyed, redactionKeyFromEnv() !== undefined);
  });
});

describe("Redactor", () => {
  test("redacts pii and redact columns, keeps protected attributes' group names unless redact: true", () => {
    const redactor = new Redactor(CONTRACT.columns, { key: KEY });
    assert.equal(redactor.value("email", "alice@example.com"), pseudonym("alice@example.com", KEY));
    assert.equal(redactor.value("name", "Alice Martin"), pseudonym("Alice Martin", KEY));
    assert.equal(redactor.value("notes", "plain words"), "plain words");
    assert.equal(redactor.value("sex", "Female"), "Female");
    assert.equal(redactor.value("race", "Black"), pseudonym("Black", KEY));
    assert.deepEqual(redactor.columns(), ["email", "name", "race"]);
    assert.equal(redactor.reason("email"), "pii");
    assert.equal(redactor.reason("name"), "redact");
    assert.equal(redactor.reason("notes"), undefined);
  });

  test("without a key every redacted value reads [redacted]", () => {
    const redactor = new Redactor(CONTRACT.columns);
    assert.equal(redactor.keyed, false);
    assert.equal(redactor.value("name", "Alice Martin"), REDACTED);
    assert.equal(redactor.value("email", "bob@example.org"), REDACTED);
  });

  test("a detector firing on a shown value redacts it and, from then on, its whole column", () => {
    const redactor = new Redactor(CONTRACT.columns, { key: KEY });
    assert.equal(redactor.value("ticket", "T-1"), "T-1");
    assert.equal(redactor.value("ticket", "carol@example.net"), pseudonym("carol@example.net", KEY));
    assert.equal(redactor.reason("ticket"), "detector");
    assert.equal(redactor.value("ticket", "T-2"), pseudonym("T-2", KEY));
    // A value without a column is checked by the detectors alone.
    assert.equal(redactor.value(undefined, "dave@example.com"), pseudonym("dave@example.com", KEY));
    assert.equal(redactor.value(undefined, "hello"), "hello");
  });

  test("scan marks a column before any of its values is shown; protected attributes are never marked", () => {
    const redactor = new Redactor(CONTRACT.columns, { key: KEY });
    assert.equal(redactor.scan("notes", ["a", "b", "erin@example.com"]), "email");
    assert.equal(redactor.redacts("notes"), true);
    assert.equal(redactor.scan("sex", ["frank@example.com"]), undefined);
    assert.equal(redactor.value("sex", "frank@example.com"), "frank@example.com");
    assert.equal(redactor.scan("other", ["x", "y"]), undefined);
    assert.equal(redactor.redacts("other"), false);
  });

  test("columns where validation's detectors fired are redacted from the start", () => {
    const redactor = new Redactor(CONTRACT.columns, { key: KEY, detectedColumns: ["notes", "sex"] });
    assert.equal(redactor.value("notes", "anything"), pseudonym("anything", KEY));
    assert.equal(redactor.value("sex", "Male"), "Male");
  });

  test("the contract's own pii patterns fire too", () => {
    const contract = contractOf([column("code", "string")], {
      pii: { scan: true, detectors: [], patterns: [{ name: "employee", regex: "^EMP-\\d{6}$" }], minShare: 0, severity: "warning" },
    });
    const redactor = redactorFor(contract, { key: KEY });
    assert.equal(redactor.value("code", "EMP-123456"), pseudonym("EMP-123456", KEY));
    assert.equal(redactor.redacts("code"), true);
  });

  test("redacting twice changes nothing", () => {
    const redactor = new Redactor(CONTRACT.columns, { key: KEY });
    const once = redactor.value("name", "Alice Martin");
    assert.equal(redactor.value("name", once), once);
    assert.equal(new Redactor(CONTRACT.columns).value("name", REDACTED), REDACTED);
  });
});

describe("Redactor.labels", () => {
  test("keeps fairness groups apart: pseudonyms under a key, numbered [redacted N] in sorted order without one", () => {
    const values = ["Osprey", "Kestrel", "Osprey", "Heron"];
    const keyed = new Redactor(CONTRACT.columns, { key: KEY }).labels("race", values);
    assert.deepEqual(
      [...keyed],
      ["Heron", "Kestrel", "Osprey"].map((value) => [value, pseudonym(value, KEY)]),
    );
    const unkeyed = new Redactor(CONTRACT.columns).labels("race", values);
    assert.deepEqual(
      [...unkeyed],
      [
        ["Heron", "[redacted 1]"],
        ["Kestrel", "[redacted 2]"],
        ["Osprey", "[redacted 3]"],
      ],
    );
    assert.ok(isRedacted("[redacted 2]"));
    assert.deepEqual(
      [...new Redactor(CONTRACT.columns).labels("sex", ["Male", "Female"])],
      [
        ["Female", "Female"],
        ["Male", "Male"],
      ],
    );
  });
});
