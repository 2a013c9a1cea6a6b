/**
 * The bad-input corpus: table-driven cases, each one mistake a user (or an attacker holding a file,
 * a flag or a URL) can make, run through the built CLI or an action in a fresh copy of a small
 * working project. Every case promises the same:
 *
 * - the exit status is 2 (an input error), or 1 where checks ran and failed with a report (an
 *   action fails with 1, as the runner expects);
 * - the message names what `says` lists (the flag, the environment variable, the file, the line or
 *   JSON pointer) and carries a `Fix:` (the hint), for an input error;
 * - nothing looks like a stack trace and nothing says "internal error" or "bug";
 * - nothing is left behind: the working tree and the process's own TMPDIR hold exactly what they
 *   held before (plus the report paths a case names in `leaves`).
 */
import assert from "node:assert/strict";
import { cp, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI_PATH, hasStackTrace } from "./cli.ts";
import { git } from "./git.ts";
import { runProcess, runAction } from "./runner.ts";
import { makeToyModel, toyGateReport } from "./toy-model.ts";

/** A file a case writes into its working folder: text, bytes, a symbolic link, or a folder. */
export type CaseFile = string | Buffer | { link: string } | { folder: true };

export interface BadInputCase {
  name: string;
  /** Files written over the kit in the case's working folder (paths relative to it). */
  files?: Record<string, CaseFile>;
  /** Paths of the kit removed from the case's working folder. */
  remove?: string[];
  /** More preparation in the working folder (a bare git repository, say). */
  setup?: (work: string) => Promise<void> | void;
  /** `modelship ARGS…`, run in the working folder. `{work}` in an argument becomes its absolute path. */
  cli?: string[];
  /** Or a JavaScript action (`actions/<name>`) with its inputs (`{work}` replaced too). */
  action?: { name: string; inputs?: Record<string, string> };
  /** Extra environment (`{work}` replaced too). */
  env?: Record<string, string>;
  /** 2: an input error (the default for the CLI); 1: checks ran and failed with a report. Actions fail with 1. */
  exit?: 1 | 2;
  /** What the output must say: the flag or variable, the file, line or pointer, words of the fix. */
  says: (string | RegExp)[];
  /** Paths (relative to the working folder) the case may leave: the report of a failed check. */
  leaves?: string[];
}

/**
 * The kit every case starts from: the toy classifier (`model.onnx`, `other.onnx`), its data
 * (`test.csv`, also as `train.csv`), a contract, `modelship.yaml`, a gate report for `model.onnx` in
 * `.modelship/evaluation/`, a reference profile `profile.json`, and a local registry `registry/`
 * holding toy 1.0.0.
 */
export const KIT_CONTRACT = [
  "# The toy classifier's data.",
  "columns:",
  "  - { name: age, type: integer, min: 0, max: 130 }",
  "  - { name: hours, type: integer, min: 0, max: 168 }",
  "  - { name: sex, type: string, enum: [F, M] }",
  "  - { name: label, type: string, role: target, enum: [no, yes] }",
  "",
].join("\n");

export const KIT_CONFIG = [
  "version: 1",
  "model: toy",
  "data:",
  "  contract: contract.yaml",
  "  train: train.csv",
  "  test: test.csv",
  "evaluate:",
  "  model: model.onnx",
  "  features: [age, hours]",
  "  positive_label: 'yes'",
  "release:",
  "  registry: registry",
  "",
].join("\n");

/** Builds the kit in a fresh temp folder; the caller removes it. */
export async function buildKit(): Promise<string> {
  const kit = await mkdtemp(join(tmpdir(), "modelship-corpus-kit-"));
  try {
    makeToyModel(kit);
    await cp(join(kit, "test.csv"), join(kit, "train.csv"));
    await writeFile(join(kit, "contract.yaml"), KIT_CONTRACT);
    await writeFile(join(kit, "modelship.yaml"), KIT_CONFIG);
    await toyGateReport(kit, { policy: { quality: [{ metric: "roc_auc", min: 0.5 }] }, reportDir: join(kit, ".modelship/evaluation") });
    for (const args of [
      ["profile", "train.csv", "--contract", "contract.yaml", "--output", "profile.json"],
      ["release", "--model", "model.onnx", "--version", "1.0.0"],
    ]) {
      const run = await runProcess(process.execPath, [CLI_PATH, ...args], { cwd: kit, env: childEnv(kit), timeoutMs: 120_000 });
      assert.equal(run.exitCode, 0, `kit: modelship ${args.join(" ")}\n${run.stderr}`);
    }
  } catch (error) {
    await rm(kit, { recursive: true, force: true });
    throw error;
  }
  return kit;
}

/** The environment of a case's child process: TMPDIR is `temp`, and nothing of MODELSHIP_*, GITHUB_* or RUNNER_* leaks in. */
export function childEnv(temp: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // The case's own settings only: no MODELSHIP_* or GitHub variables leak in from the test's environment.
    if (value === undefined || name.startsWith("MODELSHIP_") || name.startsWith("GITHUB_") || name.startsWith("RUNNER_")) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: "1", TMPDIR: temp, MODELSHIP_RETRY_BASE_MS: "1", ...extra };
}

/** Runs `modelship ARGS…` in `work` to prepare a case (before its tree is listed); fails the test when it fails. */
export async function modelshipIn(work: string, args: string[]): Promise<void> {
  const run = await runProcess(process.execPath, [CLI_PATH, ...args], { cwd: work, env: childEnv(work), timeoutMs: 120_000 });
  assert.equal(run.exitCode, 0, `setup: modelship ${args.join(" ")}\n${run.stderr}`);
}

/** Every path under `root` (folders end in `/`, links in `@`), sorted. */
export async function listTree(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const shown = relative(root, path);
      if (entry.isSymbolicLink()) found.push(`${shown}@`);
      else if (entry.isDirectory()) {
        found.push(`${shown}/`);
        await walk(path);
      } else found.push(shown);
    }
  }
  await walk(root);
  return found.sort();
}

async function writeCaseFile(work: string, name: string, content: CaseFile): Promise<void> {
  const path = join(work, name);
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { recursive: true, force: true });
  if (typeof content === "string" || Buffer.isBuffer(content)) await writeFile(path, content);
  else if ("link" in content) await symlink(content.link, path);
  else await mkdir(path, { recursive: true });
}

const fill = (text: string, work: string) => text.replaceAll("{work}", work);

export interface CaseRun {
  status: number;
  output: string;
}

/** Runs one case in a fresh copy of the kit and checks every promise; returns what it printed. */
export async function runCase(kit: string, item: BadInputCase): Promise<CaseRun> {
  const root = await mkdtemp(join(tmpdir(), "modelship-corpus-case-"));
  try {
    const work = join(root, "work");
    const temp = join(root, "tmp");
    await cp(kit, work, { recursive: true, verbatimSymlinks: true });
    await mkdir(temp);
    for (const path of item.remove ?? []) await rm(join(work, path), { recursive: true, force: true });
    for (const [name, content] of Object.entries(item.files ?? {})) await writeCaseFile(work, name, content);
    await item.setup?.(work);
    const env = Object.fromEntries(Object.entries(item.env ?? {}).map(([name, value]) => [name, fill(value, work)]));
    const treeBefore = await listTree(work);

    let status: number;
    let output: string;
    if (item.cli !== undefined) {
      const args = item.cli.map((arg) => fill(arg, work));
      const run = await runProcess(process.execPath, [CLI_PATH, ...args], { cwd: work, env: childEnv(temp, env), timeoutMs: 120_000 });
      status = run.exitCode;
      output = `${run.stderr}\n${run.stdout}`;
    } else if (item.action !== undefined) {
      const inputs = Object.fromEntries(Object.entries(item.action.inputs ?? {}).map(([name, value]) => [name, fill(value, work)]));
      const run = await runAction({
        action: `actions/${item.action.name}`,
        inputs,
        cwd: work,
        env: { TMPDIR: temp, RUNNER_TEMP: temp, MODELSHIP_RETRY_BASE_MS: "1", ...env },
      });
      status = run.exitCode;
      output = `${run.stderr}\n${run.stdout}`;
    } else throw new Error(`case "${item.name}" has neither cli nor action`);

    const expected = item.exit ?? (item.action !== undefined ? 1 : 2);
    assert.equal(status, expected, `exit status ${expected} expected, got ${status}:\n${output}`);
    assert.ok(!hasStackTrace(output), `no stack trace for a user mistake:\n${output}`);
    assert.doesNotMatch(output, /internal error|this is a bug|please report it/i, `no "internal error":\n${output}`);
    if (status === 2 || item.action !== undefined) assert.match(output, /Fix: \S/, `an input error says how to fix it:\n${output}`);
    for (const expectation of item.says) {
      if (typeof expectation === "string")
        assert.ok(output.includes(fill(expectation, work)), `output should say ${expectation}:\n${output}`);
      else assert.match(output, expectation);
    }
    const allowed = new Set(item.leaves ?? []);
    const added = (await listTree(work)).filter(
      (path) =>
        !treeBefore.includes(path) && ![...allowed].some((leave) => path === `${leave}/` || path.startsWith(`${leave}/`) || path === leave),
    );
    assert.deepEqual(added, [], `nothing is left in the working tree:\n${output}`);
    const lost: string[] = [];
    for (const path of treeBefore) if (!path.endsWith("/") && (await lstatMissing(work, path))) lost.push(path);
    assert.deepEqual(lost, [], `no file of the working tree is lost:\n${output}`);
    assert.deepEqual(await listTree(temp), [], `nothing is left in TMPDIR:\n${output}`);
    return { status, output };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function lstatMissing(work: string, shown: string): Promise<boolean> {
  const path = join(work, shown.endsWith("@") ? shown.slice(0, -1) : shown);
  return lstat(path).then(
    () => false,
    () => true,
  );
}

/** Registers one test per case (a few at a time), with the kit built once for the file. */
export function describeCorpus(title: string, cases: readonly BadInputCase[]): void {
  describe(title, { concurrency: 3 }, () => {
    let kit: string;
    before(async () => {
      kit = await buildKit();
    });
    after(async () => {
      await rm(kit, { recursive: true, force: true });
    });
    for (const item of cases) {
      test(item.name, async () => {
        await runCase(kit, item);
      });
    }
  });
}

/** A bare git repository at `work/name` with `files` on its main branch (a GitOps repository). */
export async function bareRepository(work: string, name: string, files: Record<string, string>): Promise<string> {
  const bare = join(work, name);
  const seed = await mkdtemp(join(tmpdir(), "modelship-corpus-seed-"));
  try {
    git(seed, ["init", "-q", "-b", "main"]);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(seed, path)), { recursive: true });
      await writeFile(join(seed, path), content);
    }
    git(seed, ["add", "-A"]);
    git(seed, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "seed"]);
    git(work, ["clone", "-q", "--bare", seed, bare]);
  } finally {
    await rm(seed, { recursive: true, force: true });
  }
  return bare;
}

/**
 * A YAML "billion laughs": `levels` anchors of nine aliases each to the one before (9^levels copies
 * from a few lines), each line prefixed with `indent`.
 */
export function aliasBomb(levels: number, indent = ""): string {
  const names = "abcdefghij".slice(0, levels).split("");
  const lines = names.map((name, index) =>
    index === 0
      ? `${name}: &${name} [${Array(9).fill('"x"').join(",")}]`
      : `${name}: &${name} [${Array(9)
          .fill(`*${names[index - 1]!}`)
          .join(",")}]`,
  );
  return lines.map((line) => `${indent}${line}\n`).join("");
}
