/**
 * Redaction end to end (docs/privacy.md#redaction): raw personal data planted in a small dataset —
 * e-mails in a `pii: allow` column, names in a `redact: true` column, e-mails in a column only the
 * detectors catch, one value of each detector's kind (cards grouped and as plain digits in an
 * integer column, IBANs, SSNs, IPv4/IPv6 addresses, phone numbers) in columns the contract does not
 * mark, group names of a protected attribute also marked `redact: true` — goes through
 * validate, profile, evaluate (fairness and the gate report), release (model card and the released
 * reference profile, local registry) and drift (report and the drift issue's body) with the built
 * CLI. Every file written and every stdout/stderr is searched for each planted value: none may
 * appear, while the group names of the plain protected attribute must. Pseudonyms are checked
 * against Python's hmac: the same under the same key in two runs, different under another key, and
 * `[redacted]` without a key.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { runAction, type ActionRun } from "../support/runner.ts";
import { python } from "../support/python.ts";
import { PY_SCORE_MODEL } from "../support/toy-model.ts";

const KEY = "integration-redaction-key";
const OTHER_KEY = "another-redaction-key";

/** The planted values, by the column they are in; none may appear in any output. */
const EMAILS = ["alice.planted@example.com", "bob.planted@example.org", "carol.planted@example.net"];
const NAMES = ["Zelda Quixote", "Yannick Marchetti", "Wilhelmina Osei"];
const DETECTED = ["only.detector1@example.net", "only.detector2@example.com"];
const GROUPS = ["Kestrel-Clan", "Osprey-Clan"];

/** The Luhn check digit of `payload` (textbook: double every second digit from the right of the full number). */
function luhn(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return payload + String((10 - (sum % 10)) % 10);
}
/** Cards written as plain digits in an integer column (Visa, 16 digits, below 2^53 so JSON would print them as written). */
const DIGIT_CARDS = ["4532015112830", "4716108999716", "4929123456789"].map((prefix) => luhn(`${prefix}12`));
/** One value of each detector's kind, in free text of an unmarked column (the IBANs' check digits are the published examples'). */
const KINDS = [
  "card 4111 1111 1111 1111 on file",
  "iban DE89 3704 0044 0532 0130 00",
  "iban GB82WEST12345698765432",
  "ssn 078-05-1120",
  "from 203.0.113.77",
  "from 2001:db8:85a3::8a2e:370:7334",
  "call +44 20 7946 0958",
  "call (415) 555-0134",
];
/** The identifiers inside KINDS: none of these may show either, not even without its surrounding text. */
const IDENTIFIERS = [
  "4111 1111 1111 1111",
  "DE89 3704 0044 0532 0130 00",
  "GB82WEST12345698765432",
  "078-05-1120",
  "203.0.113.77",
  "2001:db8:85a3::8a2e:370:7334",
  "+44 20 7946 0958",
  "(415) 555-0134",
];
const PLANTED = [...EMAILS, ...NAMES, ...DETECTED, ...GROUPS, ...DIGIT_CARDS, ...KINDS, ...IDENTIFIERS];
/** The protected attribute's group names: fairness needs them, so they must appear. */
const SHOWN = ["Female", "Male"];

const CONTRACT = `name: people
columns:
  - { name: age, type: integer, role: feature }
  - { name: hours, type: integer, role: feature }
  - { name: email, type: string, role: feature, pii: allow, max_length: 12 }
  - { name: full_name, type: string, role: feature, redact: true, max_length: 4 }
  - { name: contact, type: string, role: feature, pattern: '^C-[0-9]+$' }
  - { name: sex, type: categorical, role: sensitive, enum: [Female] }
  - { name: ethnicity, type: categorical, role: sensitive, redact: true }
  - { name: account, type: integer, role: feature, max: 1000 }
  - { name: notes, type: string, role: feature, max_length: 8 }
  - { name: label, type: categorical, role: target }
`;

const CONFIG = `model: people
data: { contract: contract.yaml, train: train.csv, test: test.csv }
evaluate: { positive_label: "yes", threshold: 0.5, report_dir: out/evaluation }
release: { registry: registry }
drift: { share: 0.25 }   # age and hours shift; the other columns do not
gates:
  bootstrap: { resamples: 50, seed: 1 }
  quality:
    - { metric: roc_auc, min: 0.0 }
  fairness:
    sensitive: [sex, ethnicity]
    privileged: { sex: Male, ethnicity: Kestrel-Clan }
    min_group_size: 5
    resamples: 50
    gates:
      - { metric: demographic_parity_difference, max: 1.0 }
`;

/** Rows with the planted values spread over them; `shift` moves age and hours (drift). */
function rows(count: number, seed: number, shift = 0): string {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const lines = ["age,hours,email,full_name,contact,sex,ethnicity,account,notes,label"];
  for (let i = 0; i < count; i++) {
    const age = Math.floor(18 + random() * 60 + shift);
    const hours = Math.floor(10 + random() * 50 + shift);
    const contact = i % 7 === 3 ? pick(DETECTED) : `C-${i}`;
    const label = random() < (age + hours) / 200 ? "yes" : "no";
    // Cards and the detectors' kinds on some rows (each kind in every file), short clean values on the others.
    const account = i % 6 === 0 ? DIGIT_CARDS[(i / 6) % DIGIT_CARDS.length]! : String(100 + (i % 50));
    const notes = i % 3 === 0 ? KINDS[(i / 3) % KINDS.length]! : `ok ${i % 4}`;
    lines.push([age, hours, pick(EMAILS), pick(NAMES), contact, pick(SHOWN), pick(GROUPS), account, notes, label].join(","));
  }
  return `${lines.join("\n")}\n`;
}

const INPUTS = new Set(["contract.yaml", "modelship.yaml", "train.csv", "test.csv", "shifted.csv", "model.onnx"]);

let template: string;

before(async () => {
  template = await mkdtemp(join(tmpdir(), "modelship-redaction-template-"));
  await writeFile(join(template, "contract.yaml"), CONTRACT);
  await writeFile(join(template, "modelship.yaml"), CONFIG);
  await writeFile(join(template, "train.csv"), rows(300, 1));
  await writeFile(join(template, "test.csv"), rows(200, 2));
  await writeFile(join(template, "shifted.csv"), rows(200, 3, 25));
  python(`${PY_SCORE_MODEL}\nscore_model(data["dir"] + "/model.onnx", [1.0, 1.0], 256.0)\nemit(True)`, { dir: template });
});
after(async () => {
  await rm(template, { recursive: true, force: true });
});

interface Run {
  dir: string;
  /** Every output file (relative path → text), inputs left out. */
  files: Map<string, string>;
  /** stdout and stderr of every command. */
  console: string[];
}

async function walk(root: string, dir = root, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, path, out);
    else if (entry.isFile() && !(dir === root && INPUTS.has(entry.name)))
      // Planted values are ASCII, so they show in a binary file read as UTF-8 too.
      out.set(relative(root, path), await readFile(path, "utf8"));
  }
  return out;
}

/** The whole pipeline through the CLI in a fresh copy of the template, with `key` as MODELSHIP_REDACTION_KEY (none when undefined). */
async function pipeline(key: string | undefined): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), "modelship-redaction-"));
  await cp(template, dir, { recursive: true });
  const env: Record<string, string> = key === undefined ? {} : { MODELSHIP_REDACTION_KEY: key };
  const console: string[] = [];
  const cli = (expect: number[], ...args: string[]) => {
    const run = runCli(args, { cwd: dir, env });
    assert.ok(expect.includes(run.status), `modelship ${args.join(" ")} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    assert.ok(!hasStackTrace(run.stderr), run.stderr);
    console.push(run.stdout, run.stderr);
    return run;
  };
  // Validation fails on purpose (too-long values, a pattern, an enum): its examples are where values show.
  cli([1], "validate", "train.csv", "test.csv", "--contract", "contract.yaml", "--report-dir", "out/validate", "--max-examples", "20");
  cli([1], "validate", "train.csv", "--contract", "contract.yaml", "--report-dir", "out/validate-md", "--format", "markdown");
  cli([1], "validate", "train.csv", "--contract", "contract.yaml", "--report-dir", "out/validate-json", "--json", "-v");
  cli([0], "profile", "train.csv", "--contract", "contract.yaml", "--output", "out/profile.json");
  cli([0], "profile", "train.csv", "--contract", "contract.yaml", "--output", "out/profile-text.json", "--format", "markdown");
  const evaluate = ["evaluate", "--model", "model.onnx", "--feature", "age", "--feature", "hours", "test.csv"];
  cli([0, 1], ...evaluate);
  cli([0, 1], ...evaluate, "--format", "markdown");
  cli(
    [0],
    "release",
    "--model",
    "model.onnx",
    "--gate-report",
    "out/evaluation/gate-report.json",
    "--reference-data",
    "train",
    "--allow-ungated",
  );
  cli([0, 1], "registry", "show", "people@0.0.1");
  cli([0, 1], "drift", "shifted.csv", "--reference", "latest", "--report-dir", "out/drift");
  cli([0, 1], "drift", "shifted.csv", "--reference", "out/profile.json", "--report-dir", "out/drift-profile", "--format", "markdown");
  return { dir, files: await walk(dir), console };
}

/** Where a planted value shows: file names, or `console`. */
function leaks(run: Run, values: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const [path, text] of run.files) if (text.includes(value)) found.push(`${value} in ${path}`);
    if (run.console.some((text) => text.includes(value))) found.push(`${value} on the console`);
  }
  return found;
}

function hmacPseudonyms(key: string, values: readonly string[]): string[] {
  return python<string[]>(
    `import hmac, hashlib
emit(["anon:" + hmac.new(data["key"].encode(), v.encode(), hashlib.sha256).hexdigest()[:12] for v in data["values"]])`,
    { key, values },
  );
}

describe("redaction in every output", { timeout: 600_000 }, () => {
  let keyed: Run;
  let again: Run;
  let unkeyed: Run;
  let other: Run;
  before(async () => {
    keyed = await pipeline(KEY);
    again = await pipeline(KEY);
    unkeyed = await pipeline(undefined);
    other = await pipeline(OTHER_KEY);
  });
  after(async () => {
    for (const run of [keyed, again, unkeyed, other]) if (run !== undefined) await rm(run.dir, { recursive: true, force: true });
  });

  test("the pipeline wrote the outputs searched", () => {
    for (const path of [
      "out/validate/validation-report.json",
      "out/validate/validation-report.md",
      "out/profile.json",
      "out/evaluation/gate-report.json",
      "out/evaluation/gate-report.md",
      "registry/people/0.0.1/model-card.md",
      "registry/people/0.0.1/reference-profile.json",
      "out/drift/drift-report.json",
      "out/drift/drift-report.md",
      "out/drift/drift-issue.md",
    ])
      assert.ok(keyed.files.has(path), `${path} missing; written: ${[...keyed.files.keys()].join(", ")}`);
  });

  test("no planted value appears in any file or on the console, with a key, without one, or under another key", () => {
    for (const run of [keyed, again, unkeyed, other]) assert.deepEqual(leaks(run, PLANTED), []);
  });

  test("the plain protected attribute keeps its group names in the gate report and the model card", () => {
    for (const path of ["out/evaluation/gate-report.json", "out/evaluation/gate-report.md", "registry/people/0.0.1/model-card.md"])
      for (const name of SHOWN) assert.ok(keyed.files.get(path)!.includes(name), `${name} missing from ${path}`);
  });

  test("redacted values are Python-hmac pseudonyms, the same in two runs under one key, others under another key", () => {
    const pseudonyms = hmacPseudonyms(KEY, [...EMAILS, ...NAMES, ...DETECTED, ...GROUPS]);
    const shownIn = (run: Run, path: string) => pseudonyms.filter((pseudonym) => run.files.get(path)!.includes(pseudonym));
    // The validation examples show e-mails, names and detected contacts; the gate report and card the redacted groups.
    const validation = shownIn(keyed, "out/validate/validation-report.json");
    assert.ok(validation.length >= EMAILS.length + NAMES.length, validation.join(", "));
    assert.deepEqual(shownIn(again, "out/validate/validation-report.json"), validation);
    const groups = hmacPseudonyms(KEY, GROUPS);
    for (const path of ["out/evaluation/gate-report.md", "registry/people/0.0.1/model-card.md"])
      for (const pseudonym of groups) assert.ok(keyed.files.get(path)!.includes(pseudonym), `${pseudonym} missing from ${path}`);
    const otherPseudonyms = hmacPseudonyms(OTHER_KEY, [...EMAILS, ...NAMES]);
    const otherText = other.files.get("out/validate/validation-report.json")!;
    assert.ok(otherPseudonyms.some((pseudonym) => otherText.includes(pseudonym)));
    assert.ok(!pseudonyms.some((pseudonym) => otherText.includes(pseudonym)));
  });

  test("without a key values read [redacted], and drift says it cannot compare the redacted categories", () => {
    const report = unkeyed.files.get("out/validate/validation-report.json")!;
    assert.ok(report.includes('"[redacted]'), report.slice(0, 2000));
    // Fairness groups stay apart without a key: numbered in the sorted order of the two planted names.
    const gates = unkeyed.files.get("out/evaluation/gate-report.json")!;
    for (const label of ["[redacted 1]", "[redacted 2]"]) assert.ok(gates.includes(label), `${label} missing from the gate report`);
    assert.ok(!/anon:[0-9a-f]{12}/.test([...unkeyed.files.values()].join("\n")));
    const drift = JSON.parse(unkeyed.files.get("out/drift/drift-report.json")!) as {
      columns: { name: string; reason: string }[];
    };
    assert.match(drift.columns.find((column) => column.name === "full_name")!.reason, /without a key/);
    // Under a key the pseudonyms are compared like any category.
    const keyedDrift = JSON.parse(keyed.files.get("out/drift/drift-report.json")!) as {
      columns: { name: string; reason: string; method?: unknown }[];
    };
    assert.ok(keyedDrift.columns.find((column) => column.name === "full_name")!.method !== undefined);
  });
});

describe("the actions with a redaction-key, against the GitHub fake", { timeout: 300_000 }, () => {
  const REPOSITORY = "octo-org/people-model";
  const TOKEN = "ghs_redactionTestWriteToken000000000000000";
  const PR = 7;
  let github: FakeGitHub;
  let dir: string;
  let validate: ActionRun;
  let drift: ActionRun;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-redaction-actions-"));
    await cp(template, dir, { recursive: true });
    // The reference profile made under the same key (no GitHub call: the synchronous CLI is safe here).
    const profiled = runCli(["profile", "train.csv", "--contract", "contract.yaml", "--output", "reference.json"], {
      cwd: dir,
      env: { MODELSHIP_REDACTION_KEY: KEY },
    });
    assert.equal(profiled.status, 0, profiled.stderr);
    github = await FakeGitHub.start();
    github.addRepo(REPOSITORY);
    github.addToken(TOKEN, "write");
    github.addPullRequest(REPOSITORY, { number: PR });
    const repository = { full_name: REPOSITORY, name: "people-model", owner: { login: "octo-org" } };
    const common = { cwd: dir, repository: REPOSITORY, apiUrl: github.url, token: TOKEN, env: { MODELSHIP_RETRY_BASE_MS: "1" } };
    validate = await runAction({
      ...common,
      action: "actions/validate-data",
      event: {
        name: "pull_request",
        payload: {
          action: "synchronize",
          number: PR,
          repository,
          pull_request: {
            number: PR,
            head: { sha: "1".repeat(40), ref: "feature", repo: { full_name: REPOSITORY } },
            base: { sha: "2".repeat(40), ref: "main", repo: { full_name: REPOSITORY } },
          },
        },
      },
      inputs: { token: TOKEN, data: "train.csv\ntest.csv", "redaction-key": KEY, "report-dir": "out/validate", "fail-on": "never" },
    });
    drift = await runAction({
      ...common,
      action: "actions/drift",
      event: { name: "schedule", payload: { schedule: "0 6 * * *" } },
      inputs: { token: TOKEN, reference: "reference.json", current: "shifted.csv", "redaction-key": KEY, "report-dir": "out/drift" },
    });
  });
  after(async () => {
    github.assertNoSpecViolations();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("the sticky comment, the drift issue, summaries, annotations and logs show no planted value", () => {
    assert.equal(validate.exitCode, 0, validate.stdout + validate.stderr);
    assert.equal(drift.exitCode, 0, drift.stdout + drift.stderr);
    assert.equal(drift.outputs.status, "drift", drift.stdout);
    const comments = github.issueComments(REPOSITORY, PR).map((comment) => comment.body);
    assert.equal(comments.length, 1);
    const issues = github.issues(REPOSITORY);
    assert.equal(issues.length, 1);
    const texts = [
      ...comments,
      ...issues.flatMap((issue) => [issue.title, issue.body ?? "", ...issue.comments.map((comment) => comment.body)]),
      ...[validate, drift].flatMap((run) => [
        run.stdout,
        run.stderr,
        run.summary,
        JSON.stringify(run.annotations),
        JSON.stringify(run.outputs),
      ]),
    ];
    for (const value of PLANTED) assert.ok(!texts.some((text) => text.includes(value)), `${value} leaked`);
    // The comment shows the examples' pseudonyms, as Python's hmac computes them.
    const pseudonyms = hmacPseudonyms(KEY, EMAILS);
    assert.ok(
      pseudonyms.some((pseudonym) => comments[0]!.includes(pseudonym)),
      comments[0],
    );
  });

  test("the key is masked before anything is logged and appears nowhere else", () => {
    for (const run of [validate, drift]) {
      assert.ok(run.secretsMasked.includes(KEY), run.secretsMasked.join(", "));
      const unmasked = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => line.includes(KEY) && !line.startsWith("::add-mask::"));
      assert.deepEqual(unmasked, []);
    }
    const issue = github.issues(REPOSITORY)[0]!;
    assert.ok(!(issue.body ?? "").includes(KEY));
  });
});
