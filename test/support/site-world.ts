/**
 * A realistic world for `modelship site` (the stage's tests, the headless-browser test, the
 * screenshots): a model repository whose modelship.yaml names a contract (race marked `redact: true`),
 * a local registry holding three releases of adult-income (1.0.0 retired) each with a gate report
 * (docs/examples/gate-report.json, moved per version; 1.2.0 with permutation importances), a model card
 * and a reference profile; a bare GitOps repository whose history holds modelship's promotion merges
 * (a canary, steps, promotions, a rollback) into staging and production, ending with staging on 1.2.0
 * and production on 1.1.0 with 1.2.0 as a 10% canary; six drift reports over time; and a DORA report
 * made by the dora stage from that history. Every date is fixed, so a site made with `--now` is the
 * same bytes each time.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryLogger } from "../../src/common/logger.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { runDoraStage } from "../../src/stages/dora-stage.ts";
import { git, seedBareRemote } from "./git.ts";
import { registryUri, writeTestPackage } from "./registry-package.ts";

export const SITE_WORLD_MODEL = "adult-income";
/** The time to pass as --now. */
export const SITE_WORLD_NOW = "2026-10-10T00:00:00.000Z";
/** Raw group names of race (redacted in the world's contract) that the gate reports hold unredacted and the cards quote: the site must never show them. */
export const SITE_WORLD_RAW_VALUES = ["Amer-Indian-Eskimo", "Asian-Pac-Islander"];

const EXAMPLE_GATE_REPORT = new URL("../../docs/examples/gate-report.json", import.meta.url);
const EXAMPLE_DRIFT_REPORT = new URL("../../docs/examples/drift-report.json", import.meta.url);
const EXAMPLE_CONTRACT = new URL("../../examples/model-repo/data/contract.yaml", import.meta.url);

interface Release {
  version: string;
  created: string;
  /** Added to every metric value and interval of the example gate report. */
  shift: number;
  explanations?: boolean;
}

const RELEASES: Release[] = [
  { version: "1.0.0", created: "2026-09-01T09:00:00.000Z", shift: -0.03 },
  { version: "1.1.0", created: "2026-09-15T09:00:00.000Z", shift: -0.01 },
  { version: "1.2.0", created: "2026-10-01T09:00:00.000Z", shift: 0, explanations: true },
];

type Json = Record<string, unknown>;

function shifted(estimate: Json, shift: number): Json {
  const value = estimate.value;
  const ci = estimate.ci as [number, number] | undefined;
  return {
    ...estimate,
    value: typeof value === "number" ? Number((value + shift).toFixed(6)) : value,
    ...(ci === undefined ? {} : { ci: ci.map((end) => Number((end + shift).toFixed(6))) }),
  };
}

/** The example gate report as `release` would have it: its metrics moved, its model and time its own. */
function gateReport(release: Release): string {
  const report = JSON.parse(readFileSync(EXAMPLE_GATE_REPORT, "utf8")) as Json;
  report.created = release.created;
  // The example fails fairness gates; a released model's did not: they warn here, so the verdict is warn.
  const gates = (report.gates as Json[]).map((gate) => (gate.status === "fail" ? { ...gate, severity: "warn", status: "warn" } : gate));
  const count = (status: string) => gates.filter((gate) => gate.status === status).length;
  report.gates = gates;
  report.summary = { pass: count("pass"), warn: count("warn"), fail: count("fail"), insufficient_data: count("insufficient_data") };
  report.verdict = count("warn") > 0 ? "warn" : "pass";
  report.passed = true;
  report.metrics = Object.fromEntries(
    Object.entries(report.metrics as Record<string, Json>).map(([name, estimate]) => [name, shifted(estimate, release.shift)]),
  );
  if (release.explanations === true)
    report.explanations = {
      method: "permutation_importance",
      metric: "roc_auc",
      baseline: 0.9005,
      rows: 2000,
      population: 1500,
      repeats: 5,
      resamples: 200,
      confidence: 0.95,
      seed: 7,
      features: [
        { feature: "capital_gain", importance: 0.081, std: 0.004, ci: [0.072, 0.09] },
        { feature: "relationship", importance: 0.052, std: 0.003, ci: [0.046, 0.058] },
        { feature: "education_num", importance: 0.031, std: 0.002, ci: [0.027, 0.035] },
        { feature: "age", importance: 0.024, std: 0.002, ci: [0.02, 0.028] },
        { feature: "hours_per_week", importance: 0.012, std: 0.001, ci: [0.01, 0.014] },
        { feature: "sex", importance: 0.004, std: 0.001, ci: [0.002, 0.006], sensitive: true },
        { feature: "race", importance: 0.001, std: 0.0005, ci: [0, 0.002], sensitive: true },
      ],
    };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function modelCard(release: Release): string {
  return `# adult-income ${release.version}\n\nPredicts whether a person's income exceeds $50K a year from census attributes.\n\n## Intended use\n\nRanking applications for a manual review; not for automated decisions.\n\n## Evaluation\n\nROC AUC and accuracy with 95% bootstrap intervals on the held-out test set (1500 rows); fairness by sex, race and age (race groups such as ${SITE_WORLD_RAW_VALUES[0]!} had fewer than 30 rows).\n\n## Limitations\n\nTrained on the 1994 US census; groups with fewer than 30 rows are not judged.\n`;
}

/** A reference profile whose race counts hold the raw names (the site never reads a profile: it must not show them either way). */
function referenceProfile(): string {
  return `${JSON.stringify({ note: "stand-in profile", race: { values: SITE_WORLD_RAW_VALUES, count: [13, 40] } })}\n`;
}

interface EnvironmentState {
  stable: string;
  canary?: { version: string; weight: number };
}

function valuesFile(registry: string, state: EnvironmentState): string {
  const uri = (version: string) => registryUri(registry, SITE_WORLD_MODEL, version);
  const newest = state.canary?.version ?? state.stable;
  const lines = ["# Helm values of the adult-income model server", "model:", `  storageUri: ${uri(newest)}`];
  if (state.canary !== undefined) lines.push(`  canaryWeight: ${state.canary.weight}`);
  lines.push("modelship:", `  modelship.dev/stable-version: ${state.stable}`, `  modelship.dev/stable-uri: ${uri(state.stable)}`);
  if (state.canary !== undefined)
    lines.push(`  modelship.dev/canary-version: ${state.canary.version}`, `  modelship.dev/canary-uri: ${uri(state.canary.version)}`);
  return `${lines.join("\n")}\n`;
}

function promotionMessage(version: string, environment: string, action: string, registry: string): string {
  return `${SITE_WORLD_MODEL} ${version} → ${environment}\n\nModel: ${SITE_WORLD_MODEL} ${version}\nURI: ${registryUri(registry, SITE_WORLD_MODEL, version)}\nEnvironment: ${environment}\nAction: ${action}\n`;
}

const dated = (iso: string) => ({ GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso });

/** The promotions, in order: environment, version, action as the commit says it, the state after, when merged. */
const PROMOTIONS: { environment: string; version: string; action: string; state: EnvironmentState; merged: string }[] = [
  { environment: "staging", version: "1.0.0", action: "direct", state: { stable: "1.0.0" }, merged: "2026-09-02T10:00:00.000Z" },
  { environment: "production", version: "1.0.0", action: "direct", state: { stable: "1.0.0" }, merged: "2026-09-03T10:00:00.000Z" },
  {
    environment: "staging",
    version: "1.1.0",
    action: "start 10%",
    state: { stable: "1.0.0", canary: { version: "1.1.0", weight: 10 } },
    merged: "2026-09-16T10:00:00.000Z",
  },
  { environment: "staging", version: "1.1.0", action: "promote", state: { stable: "1.1.0" }, merged: "2026-09-17T10:00:00.000Z" },
  {
    environment: "production",
    version: "1.1.0",
    action: "start 10%",
    state: { stable: "1.0.0", canary: { version: "1.1.0", weight: 10 } },
    merged: "2026-09-18T10:00:00.000Z",
  },
  {
    environment: "production",
    version: "1.1.0",
    action: "step 50%",
    state: { stable: "1.0.0", canary: { version: "1.1.0", weight: 50 } },
    merged: "2026-09-19T10:00:00.000Z",
  },
  { environment: "production", version: "1.1.0", action: "promote", state: { stable: "1.1.0" }, merged: "2026-09-20T10:00:00.000Z" },
  {
    environment: "staging",
    version: "1.2.0",
    action: "start 25%",
    state: { stable: "1.1.0", canary: { version: "1.2.0", weight: 25 } },
    merged: "2026-10-02T10:00:00.000Z",
  },
  { environment: "staging", version: "1.2.0", action: "promote", state: { stable: "1.2.0" }, merged: "2026-10-03T10:00:00.000Z" },
  {
    environment: "production",
    version: "1.2.0",
    action: "start 10%",
    state: { stable: "1.1.0", canary: { version: "1.2.0", weight: 10 } },
    merged: "2026-10-04T10:00:00.000Z",
  },
  { environment: "production", version: "1.2.0", action: "rollback", state: { stable: "1.1.0" }, merged: "2026-10-04T12:00:00.000Z" },
  {
    environment: "production",
    version: "1.2.0",
    action: "start 10%",
    state: { stable: "1.1.0", canary: { version: "1.2.0", weight: 10 } },
    merged: "2026-10-05T10:00:00.000Z",
  },
];

/** The state the world's GitOps repository ends in, per environment. */
export const SITE_WORLD_STATE: Record<string, EnvironmentState> = {
  staging: { stable: "1.2.0" },
  production: { stable: "1.1.0", canary: { version: "1.2.0", weight: 10 } },
};

/** The drift reports: environment, created, share, drifted columns. */
const DRIFT: { environment: string; created: string; share: number; drifted: string[]; accuracy?: number }[] = [
  { environment: "production", created: "2026-10-06T06:00:00.000Z", share: 0, drifted: [], accuracy: 0.84 },
  { environment: "production", created: "2026-10-07T06:00:00.000Z", share: 0.0769, drifted: ["hours_per_week"], accuracy: 0.83 },
  {
    environment: "production",
    created: "2026-10-08T06:00:00.000Z",
    share: 0.2308,
    drifted: ["hours_per_week", "age", "capital_gain"],
    accuracy: 0.81,
  },
  {
    environment: "production",
    created: "2026-10-09T06:00:00.000Z",
    share: 0.5385,
    drifted: ["hours_per_week", "age", "capital_gain", "education_num", "occupation", "workclass", "relationship"],
    accuracy: 0.77,
  },
  { environment: "staging", created: "2026-10-08T06:00:00.000Z", share: 0, drifted: [] },
  { environment: "staging", created: "2026-10-09T06:00:00.000Z", share: 0.0769, drifted: ["age"] },
];

function driftReport(entry: (typeof DRIFT)[number], version: string): string {
  const report = JSON.parse(readFileSync(EXAMPLE_DRIFT_REPORT, "utf8")) as Json;
  const threshold = (report.settings as { share: number }).share;
  const status = entry.share >= threshold ? "drift" : entry.share > 0 ? "warn" : "ok";
  report.created = entry.created;
  report.environment = entry.environment;
  report.model = { name: SITE_WORLD_MODEL, version };
  report.share = entry.share;
  report.status = status;
  report.drifted = status === "drift";
  report.drifted_columns = entry.drifted;
  if (entry.accuracy === undefined) delete report.performance;
  else
    report.performance = {
      metric: "accuracy",
      reference: 0.8447,
      current: entry.accuracy,
      n: 800,
      status: entry.accuracy < 0.8 ? "drift" : "ok",
      reason: "accuracy on labelled rows",
    };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Builds the world in `dir` (which exists); returns the argv of `modelship site` (without "site",
 * run from anywhere: every path in it is absolute) that writes the site to `dir`/site, and the path
 * of 1.2.0's page relative to the site.
 */
export async function buildSiteWorld(dir: string): Promise<{ argv: string[]; versionPage: string }> {
  const registry = join(dir, "registry");
  const store = new LocalStore({ root: registry });
  for (const release of RELEASES) {
    const pkg = await writeTestPackage({
      dir: join(dir, "packages", release.version),
      model: SITE_WORLD_MODEL,
      version: release.version,
      created: release.created,
      files: {
        "model.onnx": new Uint8Array(Buffer.from(`onnx-bytes-of-${SITE_WORLD_MODEL}-${release.version}`)),
        "gate-report.json": gateReport(release),
        "model-card.md": modelCard(release),
        "reference-profile.json": referenceProfile(),
      },
      gate: { verdict: "warn" },
      metrics: { roc_auc: shifted({ value: 0.9005, ci: [0.8847, 0.9162] }, release.shift) as { value: number; ci: [number, number] } },
      lineage: {
        gitSha: "3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c",
        runUrl: "https://github.com/octo-org/adult-income/actions/runs/123456789",
        data: [
          { path: "data/train.csv", sha256: "a".repeat(64), bytes: 3_145_728 },
          { path: "data/test.csv", sha256: "b".repeat(64), bytes: 786_432 },
        ],
        trainConfigSha256: "c".repeat(64),
        ...(release.version === "1.0.0" ? {} : { previousVersion: RELEASES[RELEASES.indexOf(release) - 1]!.version }),
      },
    });
    await store.publish(pkg);
  }
  await store.retire(SITE_WORLD_MODEL, "1.0.0", { reason: "superseded by 1.1.0", by: "pat", now: new Date("2026-10-06T00:00:00Z") });

  // The GitOps repository: the seed, then each promotion as modelship's branch merged into main.
  const bare = seedBareRemote(
    dir,
    {
      "apps/adult-income/staging/values.yaml": valuesFile(registry, { stable: "1.0.0" }),
      "apps/adult-income/production/values.yaml": valuesFile(registry, { stable: "1.0.0" }),
    },
    { date: new Date("2026-08-30T00:00:00Z") },
  );
  const work = join(dir, "gitops-work");
  git(dir, ["clone", "--quiet", bare, work]);
  for (const promotion of PROMOTIONS) {
    const branch = `modelship/${promotion.environment}/${SITE_WORLD_MODEL}`;
    git(work, ["checkout", "--quiet", "-B", branch, "main"]);
    writeFileSync(join(work, `apps/adult-income/${promotion.environment}/values.yaml`), valuesFile(registry, promotion.state));
    git(work, ["add", "--all"]);
    const opened = new Date(Date.parse(promotion.merged) - 3_600_000).toISOString();
    git(
      work,
      [
        "-c",
        "commit.gpgSign=false",
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        promotionMessage(promotion.version, promotion.environment, promotion.action, registry),
      ],
      dated(opened),
    );
    git(work, ["checkout", "--quiet", "main"]);
    git(
      work,
      ["-c", "commit.gpgSign=false", "merge", "--quiet", "--no-ff", "-m", `Merge branch '${branch}'`, branch],
      dated(promotion.merged),
    );
  }
  git(work, ["push", "--quiet", "origin", "main:main"]);

  // The model repository: modelship.yaml and the contract, race redacted.
  const repo = join(dir, "model-repo");
  mkdirSync(join(repo, "data"), { recursive: true });
  const contract = readFileSync(EXAMPLE_CONTRACT, "utf8").replace(
    /( {2}- name: race\n(?: {4}.*\n)*?)( {4}role: \[feature, sensitive\]\n)/,
    "$1$2    redact: true\n",
  );
  if (!/name: race\n(?: {4}.*\n)*? {4}redact: true/.test(contract))
    throw new Error("site-world: could not mark race redact: true in the example contract");
  writeFileSync(join(repo, "data", "contract.yaml"), contract);
  const target = (environment: string) =>
    `[{ kind: yaml-path, file: apps/adult-income/${environment}/values.yaml, uri_path: model.storageUri, weight_path: model.canaryWeight }]`;
  writeFileSync(
    join(repo, "modelship.yaml"),
    [
      "version: 1",
      `model: ${SITE_WORLD_MODEL}`,
      "data:",
      "  contract: data/contract.yaml",
      "release:",
      `  registry: ${registry}`,
      "promote:",
      `  remote: ${bare}`,
      "  base: main",
      "  environments:",
      "    staging:",
      "      strategy: canary",
      `      targets: ${target("staging")}`,
      "    production:",
      "      strategy: canary",
      "      steps: [10, 50]",
      `      targets: ${target("production")}`,
      "",
    ].join("\n"),
  );

  // Drift reports, one folder per run as the drift workflow's artifacts hold them.
  const driftDir = join(dir, "drift-reports");
  for (const entry of DRIFT) {
    const folder = join(driftDir, `${entry.environment}-${entry.created.slice(0, 10)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "drift-report.json"), driftReport(entry, SITE_WORLD_STATE[entry.environment]!.stable));
  }

  // The DORA report, by the dora stage over the same history.
  const doraDir = join(dir, "dora");
  await runDoraStage(
    { since: "2026-09-01", now: new Date(SITE_WORLD_NOW), outDir: doraDir, gitops: { remote: bare, registry } },
    {
      config: { file: join(repo, "modelship.yaml") },
      cwd: repo,
      env: {},
      logger: new MemoryLogger(),
      toolVersion: "0.0.0-test",
      defaultRegistry: registry,
    },
  );

  return {
    argv: [
      "--config",
      join(repo, "modelship.yaml"),
      "--out",
      join(dir, "site"),
      "--drift",
      driftDir,
      "--dora",
      join(doraDir, "dora-report.json"),
      "--title",
      "Adult income models",
      "--now",
      SITE_WORLD_NOW,
    ],
    versionPage: "models/adult-income/1.2.0.html",
  };
}
