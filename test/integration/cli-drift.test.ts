/**
 * `modelship drift` as a user runs it against the local registry: the release carries a reference
 * profile of the training data, `--reference latest` and `--reference production` (the stable model
 * a GitOps repository — a bare repository on disk — serves) both compare with it, and a release
 * without a profile, or an empty current batch, gets a clear answer.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { mulberry32 } from "../../src/common/seeded-random.ts";
import { hasStackTrace, runCli } from "../support/cli.ts";
import { git, pushFiles } from "../support/git.ts";
import { makeToyModel } from "../support/toy-model.ts";

let dir: string;
let gitops: string;

function rows(count: number, seed: number, shift = 0): string {
  const random = mulberry32(seed);
  const lines = ["x,group"];
  for (let i = 0; i < count; i++) lines.push(`${(random() * 10 + shift).toFixed(3)},${random() < 0.5 + shift / 20 ? "a" : "b"}`);
  return `${lines.join("\n")}\n`;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-cli-drift-"));
  makeToyModel(dir);
  gitops = join(dir, "gitops.git");
  git(dir, ["init", "--quiet", "--bare", "--initial-branch=main", gitops]);
  await writeFile(
    join(dir, "contract.yaml"),
    "name: toy-data\ncolumns:\n  - { name: x, type: number, role: feature }\n  - { name: group, type: categorical, role: feature }\n",
  );
  await writeFile(join(dir, "train.csv"), rows(2000, 1));
  await writeFile(join(dir, "clean.csv"), rows(800, 2));
  await writeFile(join(dir, "shifted.csv"), rows(800, 3, 4));
  await writeFile(join(dir, "empty.csv"), "x,group\n");
  await writeFile(
    join(dir, "modelship.yaml"),
    [
      "model: toy",
      "data: { contract: contract.yaml, train: train.csv }",
      "release: { registry: registry }",
      "promote:",
      "  remote: gitops.git",
      "  environments:",
      "    production:",
      "      strategy: direct",
      "      targets: [{ kind: yaml-path, file: values.yaml, uri_path: model.storageUri }]",
      "drift: { environment: production }",
      "",
    ].join("\n"),
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { cwd: dir });

describe("modelship drift", () => {
  test("a release made with --reference-data carries the training data's profile; drift against latest finds the shift", async () => {
    const released = cli("release", "--model", "model.onnx", "--allow-ungated", "--reference-data", "train", "--json");
    assert.equal(released.status, 0, released.stderr);
    const manifest = JSON.parse(await readFile(join(dir, "registry/toy/0.0.1/manifest.json"), "utf8")) as {
      files: { name: string; role: string }[];
    };
    assert.ok(
      manifest.files.some((file) => file.role === "reference-profile"),
      "the release lists a reference profile",
    );
    const shifted = cli("drift", "shifted.csv", "--reference", "latest", "--report-dir", "out-shifted");
    assert.equal(shifted.status, 0, shifted.stderr);
    // The text summary leads with the verdict (the markdown is in the report file).
    assert.match(shifted.stdout, /^✗ drift: 2 of 2 feature columns drifted/);
    const report = JSON.parse(await readFile(join(dir, "out-shifted/drift-report.json"), "utf8")) as {
      model: { name: string; version: string; release_url: string };
      reference: { source: string; rows: number };
      current: { rows: number };
    };
    assert.deepEqual(report.model, { name: "toy", version: "0.0.1", release_url: pathToFileURL(join(dir, "registry/toy/0.0.1")).href });
    assert.match(report.reference.source, /^release toy@0\.0\.1/);
    assert.equal(report.reference.rows, 2000);
    assert.equal(report.current.rows, 800);
    assert.match(await readFile(join(dir, "out-shifted/drift-issue.md"), "utf8"), /modelship:drift/);
  });

  test("--reference production reads the stable model from the GitOps repository", () => {
    const uri = pathToFileURL(join(dir, "registry/toy/0.0.1/model.onnx")).href;
    pushFiles(gitops, "main", { "values.yaml": `model:\n  storageUri: ${uri}\n` }, { from: null });
    const clean = cli("drift", "clean.csv", "--reference", "production", "--report-dir", "out-clean", "--json");
    assert.equal(clean.status, 0, clean.stderr);
    const report = JSON.parse(clean.stdout) as { status: string; model: { version: string }; environment: string };
    assert.equal(report.status, "ok");
    assert.equal(report.model.version, "0.0.1");
    assert.equal(report.environment, "production");
  });

  test("--reference production where the served URI names a GitHub registry and no token is set: the error says where that registry came from", () => {
    const uri = pathToFileURL(join(dir, "registry/toy/0.0.1/model.onnx")).href;
    const served = "https://github.com/acme/models/releases/download/toy%2Fv0.0.1/model.onnx";
    pushFiles(gitops, "main", { "values.yaml": `model:\n  storageUri: ${served}\n` }, { from: null });
    try {
      const run = runCli(["drift", "clean.csv", "--reference", "production", "--report-dir", "out-token"], {
        cwd: dir,
        env: { GITHUB_TOKEN: "" },
      });
      assert.equal(run.status, 2, run.stderr);
      // The registry, the environment, the URI, the GitOps file and repository, and both fixes.
      assert.match(run.stderr, /registry github:acme\/models needs a GitHub token/);
      assert.ok(run.stderr.includes(`the model production serves, ${served}`), run.stderr);
      assert.ok(run.stderr.includes(`in values.yaml of the GitOps repository ${gitops} (branch main)`), run.stderr);
      assert.match(run.stderr, /not the registry modelship\.yaml configures/);
      assert.match(run.stderr, /Fix: set GITHUB_TOKEN .*acme\/models.*, or pass --reference VERSION or --reference latest/);
      assert.ok(!hasStackTrace(run.stderr));
    } finally {
      pushFiles(gitops, "main", { "values.yaml": `model:\n  storageUri: ${uri}\n` }, { from: null });
    }
  });

  test("--fail-on drift exits 1 on drift; an empty batch is an input error naming the file, never ok", () => {
    const failing = cli("drift", "shifted.csv", "--reference", "latest", "--fail-on", "drift", "--report-dir", "out-fail");
    assert.equal(failing.status, 1);
    const empty = cli("drift", "empty.csv", "--reference", "latest", "--report-dir", "out-empty");
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /empty\.csv:1: has a header but no data rows/);
    assert.ok(!hasStackTrace(empty.stderr));
  });

  test("a release without a reference profile, and bad flags, get clear errors", () => {
    const bare = cli("release", "--model", "model.onnx", "--allow-ungated", "--version", "2.0.0");
    assert.equal(bare.status, 0, bare.stderr);
    const missing = cli("drift", "clean.csv", "--reference", "2.0.0");
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /release toy@2\.0\.0 has no reference profile/);
    const mode = cli("drift", "clean.csv", "--reference", "latest", "--mode", "fancy");
    assert.equal(mode.status, 2);
    assert.match(mode.stderr, /mode must be one of default, evidently-compat/);
    const nothing = cli("drift", "--reference", "0.0.1");
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /no current data to check/);
    for (const run of [missing, mode, nothing]) assert.ok(!hasStackTrace(run.stderr));
  });

  test("labelled current data: an accuracy drop drifts the dataset even when no feature moved", async () => {
    const labelled = join(dir, "labelled");
    await mkdir(labelled, { recursive: true });
    await writeFile(
      join(labelled, "contract.yaml"),
      "name: labelled\ncolumns:\n  - { name: x, type: number, role: feature }\n  - { name: y, type: categorical, role: target }\n  - { name: pred, type: categorical, role: prediction }\n",
    );
    await writeFile(join(labelled, "modelship.yaml"), "model: toy\ndata: { contract: contract.yaml }\n");
    // Right 9 times in 10 on the reference, 6 in 10 now; x is drawn alike on both sides.
    const table = (count: number, seed: number, rightEvery: number) => {
      const random = mulberry32(seed);
      const lines = ["x,y,pred"];
      for (let i = 0; i < count; i++) {
        const y = random() < 0.5 ? "a" : "b";
        const right = i % 10 < rightEvery;
        lines.push(`${(random() * 10).toFixed(3)},${y},${right ? y : y === "a" ? "b" : "a"}`);
      }
      return `${lines.join("\n")}\n`;
    };
    await writeFile(join(labelled, "reference.csv"), table(2000, 7, 9));
    await writeFile(join(labelled, "current.csv"), table(500, 8, 6));
    const run = runCli(["drift", "current.csv", "--reference", "reference.csv", "--json"], { cwd: labelled });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      status: string;
      drifted_columns: string[];
      performance: { status: string; reference: number; current: number; n: number };
    };
    assert.deepEqual(report.drifted_columns, []);
    assert.deepEqual((({ status, reference, current, n }) => ({ status, reference, current, n }))(report.performance), {
      status: "drift",
      reference: 0.9,
      current: 0.6,
      n: 500,
    });
    assert.equal(report.status, "drift");
  });
});
