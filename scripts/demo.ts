/**
 * `npm run demo`: the modelship lifecycle on the example model repository, run the way a user runs
 * it — through the `modelship` CLI (dist/cli.js). Each step prints the command, paste-ready, then
 * its text summary (the CLI's default output); the markdown a PR would show stays in the report
 * files, listed at the end. Under 200 lines in all (test/unit/demo-output.test.ts checks it).
 * Everything it writes goes to out/demo/.
 */
import { spawn, spawnSync } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseDocument } from "yaml";
import { PLANTED_ERRORS, plantErrors } from "./lib/broken-copy.ts";
import { modelshipCommandLine, shellLine } from "./lib/shell-words.ts";
import { ociRegistrySkip, startTestRegistry } from "../test/support/oci-registry.ts";

const root = join(import.meta.dirname, "..");
const example = join(root, "examples/model-repo");
const out = join(root, "out/demo");
const cli = join(root, "dist/cli.js");
const reports: { what: string; path: string }[] = [];

function banner(title: string): void {
  console.log(`\u001b[1m━━ ${title}\u001b[0m`);
}

interface ModelshipOptions {
  cwd: string;
  expect: number;
  env?: Record<string, string>;
}

/** Runs `modelship …` in `cwd`, echoing the command; returns what it printed. */
function modelship(args: string[], options: ModelshipOptions): string {
  echoCommand(args, options);
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return reportRun(args, options, result);
}

/** modelship() without blocking this process, for a step whose servers (the registry's token issuer) run in it. */
async function modelshipAsync(args: string[], options: ModelshipOptions): Promise<string> {
  echoCommand(args, options);
  const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: "1", ...options.env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return reportRun(args, options, { stdout, stderr, status });
}

/** Paste-ready from the repository root: every word quoted as the shell needs it. */
function echoCommand(args: string[], options: ModelshipOptions): void {
  console.log(`\u001b[2m$ ${modelshipCommandLine(relative(root, options.cwd), args)}\u001b[0m`);
}

/** Prints a run's output and exit status, ending the demo when the status is not the one expected. */
function reportRun(args: string[], options: ModelshipOptions, result: { stdout: string; stderr: string; status: number | null }): string {
  const output = `${result.stdout}${result.stderr}`.trimEnd();
  if (output !== "") console.log(output);
  // Silence is success, as on a terminal: only a non-zero exit status is shown.
  if (result.status !== 0) console.log(`\u001b[2m→ exit ${result.status}\u001b[0m`);
  if (result.status !== options.expect) {
    console.error(`demo: expected exit ${options.expect} from \`${shellLine(["modelship", ...args])}\`, got ${result.status}`);
    process.exit(1);
  }
  return output;
}

/** Where docker-registry keeps the blob `digest` under its storage root. */
function blobPath(storage: string, digest: string): string {
  const hex = digest.slice("sha256:".length);
  return join(storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
}

/** Runs git, failing the demo on error; returns stdout. */
function git(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): string {
  const result = spawnSync("git", args, {
    cwd: options.cwd ?? root,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "platform team",
      GIT_AUTHOR_EMAIL: "platform@example.com",
      GIT_COMMITTER_NAME: "platform team",
      GIT_COMMITTER_EMAIL: "platform@example.com",
      ...options.env,
    },
  });
  if (result.status !== 0) {
    console.error(`demo: git ${args.join(" ")} failed: ${result.stderr}`);
    process.exit(1);
  }
  return result.stdout;
}

/**
 * A bare GitOps repository seeded from examples/gitops-repo, its model URLs pointing at 0.0.1 in the
 * demo's folder registry (`versionUri` + the asset: the InferenceService, on kserve-tritonserver, holds
 * the Triton model repository archive, the others model.onnx), its rules (modelship.yaml) trusting that
 * registry instead of OWNER/models on GitHub.
 */
async function seedGitOps(bare: string, versionUri: string, registry: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "modelship-demo-gitops-"));
  await cp(join(root, "examples/gitops-repo"), work, { recursive: true });
  const rules = parseDocument(await readFile(join(work, "modelship.yaml"), "utf8"));
  // A folder on this machine has no attestations: provenance is off, and verify-promotion says so.
  rules.setIn(["verify", "registries"], rules.createNode([{ registry, provenance: "off" }]));
  await writeFile(join(work, "modelship.yaml"), rules.toString());
  for (const file of ["inferenceservice.yaml", "rollout.yaml", "values.yaml", "flagger.yaml", "seldon.yaml"]) {
    const path = join(work, "apps/adult-income", file);
    await writeFile(
      path,
      (await readFile(path, "utf8")).replaceAll(
        /https:\/\/github\.com\/OWNER\/models\/releases\/download\/adult-income%2Fv0\.0\.1\/(model\.onnx|triton-model-repository\.tar\.gz)/g,
        (_, asset: string) => `${versionUri}/${asset}`,
      ),
    );
  }
  git(["init", "--quiet", "--initial-branch=main"], { cwd: work });
  git(["add", "."], { cwd: work });
  git(["commit", "--quiet", "-m", "adult-income serves 0.0.1"], { cwd: work, env: { GIT_COMMITTER_DATE: hoursAgo(3) } });
  git(["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  git(["push", "--quiet", bare, "main"], { cwd: work });
  await rm(work, { recursive: true, force: true });
}

function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}

/** A reviewer merges the promotion branch (fast-forward), `hours` ago so that the bake time has passed. */
function mergeBranch(bare: string, branch: string, hours: number): void {
  const work = mkdtempSync(join(tmpdir(), "modelship-demo-merge-"));
  git(["clone", "--quiet", bare, work]);
  git(["merge", "--quiet", "--no-ff", "-m", `Merge ${branch}`, `origin/${branch}`], {
    cwd: work,
    env: { GIT_COMMITTER_DATE: hoursAgo(hours), GIT_AUTHOR_DATE: hoursAgo(hours) },
  });
  git(["push", "--quiet", "origin", "main"], { cwd: work });
  console.log(`(a reviewer merged ${branch} into main ${hours} h ago)`);
}

/** Pushes `branch` with a hand edit of `file` on top of main. */
function handEdit(bare: string, branch: string, file: string, edit: (text: string) => string): void {
  const work = mkdtempSync(join(tmpdir(), "modelship-demo-edit-"));
  git(["clone", "--quiet", bare, work]);
  const path = join(work, file);
  writeFileSync(path, edit(readFileSync(path, "utf8")));
  git(["commit", "--quiet", "-am", "deploy by hand"], { cwd: work });
  git(["push", "--quiet", "origin", `HEAD:refs/heads/${branch}`], { cwd: work });
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const repo = join(out, "model-repo");
await cp(example, repo, { recursive: true });

banner("1. Validate the example data (UCI Adult sample) against its contract");
modelship(["validate"], { cwd: repo, expect: 0 });
reports.push({ what: "validation report (passing)", path: join(repo, ".modelship/reports/validation-report.md") });

banner("2. Profile the training data: the reference profile drift checks compare against");
modelship(["profile"], { cwd: repo, expect: 0 });

banner("3. Draft a contract from data with `contract infer`, and check the data against it");
modelship(["contract", "infer", "data/train.csv", "--target", "Y", "--output", "inferred-contract.yaml"], { cwd: repo, expect: 0 });
modelship(["validate", "data/train.csv", "--contract", "inferred-contract.yaml", "--report-dir", ".modelship/inferred", "-q"], {
  cwd: repo,
  expect: 0,
});

banner("4. A deliberately broken copy: errors planted at known lines");
await writeFile(join(repo, "data/train-broken.csv"), plantErrors(await readFile(join(repo, "data/train.csv"), "utf8")));
console.log(`planted: ${PLANTED_ERRORS.map((error) => `line ${error.line} ${error.column}=${error.value} (${error.why})`).join(", ")}`);
modelship(["validate", "data/train-broken.csv", "--report-dir", ".modelship/broken"], { cwd: repo, expect: 1 });
reports.push({ what: "validation report (failing)", path: join(repo, ".modelship/broken/validation-report.md") });

banner("5. A contract change, classified: what would break consumers of this data?");
const contract = await readFile(join(repo, "data/contract.yaml"), "utf8");
await writeFile(
  join(repo, "data/contract-next.yaml"),
  contract
    .replace("    max: 100\n", "    max: 90\n")
    .replace("enum: [Female, Male]", "enum: [Female, Male, Non-binary]")
    .replace(/ {2}- name: fnlwgt\n( {4}.*\n)+/, ""),
);
modelship(["contract", "diff", "data/contract.yaml", "data/contract-next.yaml"], { cwd: repo, expect: 0 });

banner("6. Train the Adult model with the built-in trainer (ONNX out, preprocessing inside)");
modelship(["train", "--train-config", "train/train.yaml", "--output", ".modelship/model"], { cwd: repo, expect: 0 });
reports.push({ what: "trained model and run record", path: join(repo, ".modelship/model") });

banner("7. Or train with your own script: the example's Python, run and recorded the same way");
// The example's script is a user's Python (numpy + onnx); the demo runs it when this machine has them.
// MODELSHIP_DEMO_PYTHON, else the first python3 on PATH that has numpy and onnx (a pyenv or venv
// python3 ahead of the system's may lack them): printed by its path when it is not the first.
const hasNumpyOnnx = (candidate: string) => spawnSync(candidate, ["-c", "import numpy, onnx"], { encoding: "utf8" }).status === 0;
const pythons = process.env.MODELSHIP_DEMO_PYTHON
  ? [process.env.MODELSHIP_DEMO_PYTHON]
  : [
      "python3",
      ...(process.env.PATH ?? "")
        .split(delimiter)
        .filter((dir) => dir !== "")
        .map((dir) => join(dir, "python3")),
    ];
const python = pythons.find((candidate) => (candidate === "python3" || existsSync(candidate)) && hasNumpyOnnx(candidate));
if (python !== undefined) {
  modelship(
    ["train", "--command", shellLine([python, "train/train.py"]), "--param", "epochs=20", "--output", ".modelship/model-script", "-q"],
    {
      cwd: repo,
      expect: 0,
    },
  );
  reports.push({ what: "run record (your script)", path: join(repo, ".modelship/model-script/run-record.json") });
} else {
  console.log(
    `skipped: the example's training script needs ${pythons[0]!} (on PATH, or set MODELSHIP_DEMO_PYTHON) with numpy and onnx (Debian: apt-get install python3-numpy python3-onnx).`,
  );
}

banner("8. Gate the model: quality with confidence intervals, fairness on sex, race and age, against a champion");
// The champion stands in for the model in production: a smaller model on five columns.
modelship(["train", "--train-config", "train/baseline.yaml", "--output", ".modelship/champion", "-q"], { cwd: repo, expect: 0 });
// The Adult model clears the quality gates but fails the fairness ones (its selection rate differs by sex and
// race by more than 0.10): the verdict is fail and the exit status 1, as a PR check would show it.
modelship(["evaluate", "--champion", ".modelship/champion/model.onnx"], { cwd: repo, expect: 1 });
reports.push({ what: "gate report (PR comment, +.json)", path: join(repo, ".modelship/evaluation/gate-report.md") });

banner("9. Release it into the local registry, and fetch it back verified");
// The fairness gates failed, so the release is refused…
modelship(["release"], { cwd: repo, expect: 2 });
// …unless it is released on purpose with allow-ungated, which the manifest and the notes record.
modelship(["release", "--allow-ungated"], { cwd: repo, expect: 0 });
// A re-run is a no-op: the same bytes are already released, no new version (-q: nothing to say on success).
modelship(["release", "--allow-ungated", "-q"], { cwd: repo, expect: 0 });
modelship(["fetch", "adult-income@latest", "--dir", ".modelship/fetched"], { cwd: repo, expect: 0 });
// Someone changes a byte of the stored model: fetching refuses it and names the file.
const stored = join(repo, ".modelship/registry/adult-income/0.0.1/model.onnx");
const bytes = await readFile(stored);
bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
await writeFile(stored, bytes);
modelship(["fetch", "adult-income@0.0.1", "--dir", ".modelship/fetched-tampered"], { cwd: repo, expect: 2 });
bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
await writeFile(stored, bytes);

banner("10. Promotion is for gated models only; a second model passes after a fairness review");
// The GitOps repository (examples/gitops-repo) as a bare repository on disk, serving 0.0.1 — the state the
// platform team set up. The demo's modelship.yaml points at it instead of OWNER/gitops on GitHub.
const gitops = join(out, "gitops.git");
const v1Uri = pathToFileURL(join(repo, ".modelship/registry/adult-income/0.0.1")).href;
await seedGitOps(gitops, v1Uri, join(repo, ".modelship/registry"));
await writeFile(
  join(repo, "modelship.yaml"),
  (await readFile(join(repo, "modelship.yaml"), "utf8")).replace(
    /^ {2}repository: OWNER\/gitops .*$/m,
    "  remote: ../gitops.git          # the demo's GitOps repository: a bare repository on disk",
  ),
);
// 0.0.1 was released with --allow-ungated: promotion refuses it and says why.
modelship(["promote", "adult-income@0.0.1", "--env", "production"], { cwd: repo, expect: 2 });
// A retrained model, gated by the reviewed policy (fairness findings are warnings, still shown everywhere).
modelship(["train", "--train-config", "train/train.yaml", "--seed", "7", "--output", ".modelship/model-v2", "-q"], {
  cwd: repo,
  expect: 0,
});
// -q: nothing to print when the gates pass (its verdict is warn: the fairness findings are warnings under the reviewed policy).
modelship(
  [
    "evaluate",
    "--model",
    ".modelship/model-v2/model.onnx",
    "--policy",
    "policies/fairness-reviewed.yaml",
    "--report-dir",
    ".modelship/evaluation-v2",
    "-q",
  ],
  { cwd: repo, expect: 0 },
);
modelship(["release", "--model", ".modelship/model-v2/model.onnx", "--gate-report", ".modelship/evaluation-v2/gate-report.json"], {
  cwd: repo,
  expect: 0,
});
reports.push({ what: "gate report 0.0.2 (verdict warn)", path: join(repo, ".modelship/evaluation-v2/gate-report.md") });
reports.push({ what: "releases 0.0.1 (ungated), 0.0.2", path: join(repo, ".modelship/registry/adult-income") });

banner("11. Open the canary pull request against the GitOps repository");
modelship(["promote", "adult-income@0.0.2", "--env", "production"], { cwd: repo, expect: 0 });
const branch = "modelship/production/adult-income";
const startBody = await readFile(join(repo, ".modelship/promotion/production-adult-income.md"), "utf8");
// The canary and rollback steps rewrite the same file (one PR per environment): keep this one.
await writeFile(join(out, "promotion-pr-canary-start.md"), startBody);
reports.push({ what: "promotion PR body (canary 10%)", path: join(out, "promotion-pr-canary-start.md") });
// A re-run changes nothing: same branch, same commit, same PR.
modelship(["promote", "adult-income@0.0.2", "--env", "production", "-q"], { cwd: repo, expect: 0 });
// The GitOps repository's required check on this PR, by the rules of its main branch: 0.0.2 is released
// from the trusted registry, intact and gated (provenance is off for a folder registry: a warning).
modelship(["verify-promotion", "--head", branch], { cwd: repo, expect: 0 });

banner("12. The canary job: healthy metrics after the bake time → step up to 50%");
mergeBranch(gitops, branch, 2);
await writeFile(
  join(repo, "canary-healthy.json"),
  JSON.stringify(
    {
      versions: {
        "0.0.2": { "error-rate": 0.002, "p95-latency-seconds": 0.08, "positive-rate-shift": 0.21 },
        "0.0.1": { "error-rate": 0.003, "p95-latency-seconds": 0.09, "positive-rate-shift": 0.2 },
      },
    },
    null,
    2,
  ),
);
modelship(["canary", "--env", "production", "--metrics", "canary-healthy.json"], { cwd: repo, expect: 0 });
await writeFile(
  join(out, "promotion-pr-canary-50.md"),
  await readFile(join(repo, ".modelship/promotion/production-adult-income.md"), "utf8"),
);
reports.push({ what: "promotion PR body (step to 50%)", path: join(out, "promotion-pr-canary-50.md") });

banner("13. …and unhealthy metrics → a rollback pull request, written from git alone");
mergeBranch(gitops, branch, 1);
await writeFile(
  join(repo, "canary-unhealthy.json"),
  JSON.stringify(
    {
      versions: {
        "0.0.2": { "error-rate": 0.07, "p95-latency-seconds": 0.4, "positive-rate-shift": 0.35 },
        "0.0.1": { "error-rate": 0.003, "p95-latency-seconds": 0.09, "positive-rate-shift": 0.2 },
      },
    },
    null,
    2,
  ),
);
modelship(["canary", "--env", "production", "--metrics", "canary-unhealthy.json"], { cwd: repo, expect: 0 });
reports.push({ what: "promotion PR body (rollback)", path: join(repo, ".modelship/promotion/production-adult-income.md") });

banner("14. verify-promotion catches a hand edit that bypasses the gates");
// Someone edits a manifest by hand to serve a model that was never released: the check fails.
handEdit(gitops, "hand-edit", "apps/adult-income/values.yaml", (text) =>
  text.replace(/storageUri: .*/, "storageUri: s3://models/adult-income/latest/model.onnx"),
);
modelship(["verify-promotion", "--head", "hand-edit"], { cwd: repo, expect: 1 });

banner("15. Drift: the production model's reference profile against a shifted and a clean sample");
// Inference logs where the population got older (people of 45 and over only), and a sample like the training data.
const [testHeader, ...testRows] = (await readFile(join(repo, "data/test.csv"), "utf8")).split("\n").filter((line) => line.trim() !== "");
await mkdir(join(repo, "logs"), { recursive: true });
const older = testRows.filter((line) => Number(line.split(",")[0]) >= 45);
await writeFile(join(repo, "logs/shifted.csv"), `${[testHeader, ...older].join("\n")}\n`);
await writeFile(join(repo, "logs/clean.csv"), `${[testHeader, ...testRows].join("\n")}\n`);
console.log(`(logs/shifted.csv: ${older.length} rows aged 45+; logs/clean.csv: ${testRows.length} rows like the training data)`);
// The reference is what production serves (0.0.1, read from the GitOps repository), and its release's profile.
modelship(["drift", "logs/shifted.csv", "--report-dir", ".modelship/drift-shifted"], { cwd: repo, expect: 0 });
// The same check sharded: two matrix jobs profile half each on the reference's bins; the merge decides the same.
const half = Math.ceil(older.length / 2);
await writeFile(join(repo, "logs/shifted-a.csv"), `${[testHeader, ...older.slice(0, half)].join("\n")}\n`);
await writeFile(join(repo, "logs/shifted-b.csv"), `${[testHeader, ...older.slice(half)].join("\n")}\n`);
modelship(["drift", "logs/shifted-a.csv", "--shard-output", ".modelship/drift-shards/a.json", "-q"], { cwd: repo, expect: 0 });
modelship(["drift", "logs/shifted-b.csv", "--shard-output", ".modelship/drift-shards/b.json", "-q"], { cwd: repo, expect: 0 });
modelship(["drift", "--current-profile", ".modelship/drift-shards/*.json", "--report-dir", ".modelship/drift-sharded", "-q"], {
  cwd: repo,
  expect: 0,
});
const decision = async (dir: string) => {
  const report = JSON.parse(await readFile(join(repo, dir, "drift-report.json"), "utf8")) as { status: string; drifted_columns: string[] };
  return `${report.status}: ${report.drifted_columns.join(", ")}`;
};
const [whole, sharded] = [await decision(".modelship/drift-shifted"), await decision(".modelship/drift-sharded")];
if (whole !== sharded) throw new Error(`the sharded check decided otherwise: ${sharded} (one pass: ${whole})`);
console.log(`(the sharded check decides the same — ${sharded})`);
// A clean sample: no drift, so nothing to open (on GitHub an open drift issue would be closed with a note).
modelship(["drift", "logs/clean.csv", "--report-dir", ".modelship/drift-clean"], { cwd: repo, expect: 0 });
reports.push({ what: "drift report (shifted)", path: join(repo, ".modelship/drift-shifted") });
reports.push({ what: "drift report (sharded)", path: join(repo, ".modelship/drift-sharded/drift-report.md") });

banner("16. Score a batch with the production model (0.0.1, fetched verified in step 9)");
// Label and one probability per class; --keep passes columns through (the contract's id and timestamp columns always are).
modelship(
  ["predict", "logs/clean.csv", "--model", ".modelship/fetched/model.onnx", "--keep", "Y", "--out", ".modelship/predictions/clean.csv"],
  {
    cwd: repo,
    expect: 0,
  },
);
reports.push({ what: "predictions (batch scoring)", path: join(repo, ".modelship/predictions/clean.csv") });

banner("17. The dashboard: every model and environment, gates, drift trends and promotions as a static site");
modelship(["site", "--drift", ".modelship", "--out", ".modelship/site"], { cwd: repo, expect: 0 });
reports.push({ what: "dashboard (open it in a browser)", path: join(repo, ".modelship/site/index.html") });

banner("18. The same release as a KServe modelcar image in an OCI registry, fetched back by its digest");
// A registry on loopback (Debian's docker-registry, with TLS and token auth as GHCR has): 0.0.2 is released
// already, so the release pushes only its image (the model under /models on a static busybox) and package.
const ociSkipped = ociRegistrySkip("this step") || (existsSync("/bin/busybox") ? false : "busybox-static is not installed");
if (ociSkipped !== false) console.log(`skipped: ${ociSkipped} (apt-get install docker-registry busybox-static openssl)`);
else {
  const registry = await startTestRegistry();
  try {
    const env = {
      NODE_EXTRA_CA_CERTS: registry.caFile,
      MODELSHIP_ALLOW_INTERNAL: `${registry.registry},${registry.issuer}`,
      MODELSHIP_OCI_USERNAME: registry.username,
      MODELSHIP_OCI_PASSWORD: registry.password,
      MODELSHIP_OCI_REGISTRY: registry.registry,
    };
    const v2 = ["--model", ".modelship/model-v2/model.onnx", "--gate-report", ".modelship/evaluation-v2/gate-report.json"];
    const pushed = await modelshipAsync(["release", ...v2, "--oci", `${registry.registry}/demo/models`], { cwd: repo, expect: 0, env });
    const image = /image: (oci:\S+)/.exec(pushed)![1]!;
    await modelshipAsync(["fetch", image, "--dir", ".modelship/fetched-oci", "-q"], { cwd: repo, expect: 0, env });
    // Someone with write access to the registry's storage flips a byte of the model layer: the fetch refuses it.
    const layers = (
      JSON.parse(await readFile(blobPath(registry.storage, image.split("@")[1]!), "utf8")) as { layers: { digest: string }[] }
    ).layers;
    const layer = blobPath(registry.storage, layers[1]!.digest);
    const original = await readFile(layer);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 64] = tampered[tampered.length - 64]! ^ 0xff;
    await writeFile(layer, tampered);
    await modelshipAsync(["fetch", image, "--dir", ".modelship/fetched-oci-tampered"], { cwd: repo, expect: 2, env });
  } finally {
    await registry.stop();
  }
}

banner("Where the reports are");
for (const report of reports) console.log(`  ${report.what.padEnd(34)} ${relative(root, report.path)}`);
console.log(
  "The .md reports are the PR comments and job summaries the actions post; any command prints its markdown with --format markdown.",
);
