/**
 * The CLI at a terminal: the built CLI (dist/cli.js) on a real pseudo-terminal (util-linux's
 * `script`, Debian's bsdutils) and in a pipe, on the example model repository. Colour and progress
 * only on the TTY (never with NO_COLOR, never in CI), -q/-v/--format on real runs, and each default
 * summary on one screen.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { PLANTED_ERRORS, plantErrors } from "../../scripts/lib/broken-copy.ts";
import { CLI_PATH, cleanEnv } from "../support/cli.ts";

const EXAMPLE = new URL("../../examples/model-repo", import.meta.url).pathname;
const ESC = String.fromCharCode(27);
/** An SGR colour escape. */
const COLOUR = new RegExp(`${ESC}\\[\\d+(;\\d+)*m`);
/** The bar's redraws and erasures (`\r…ESC[K`). */
const BAR = new RegExp(`\r[^\n\r]*${ESC}\\[K`, "g");

/** What a person sees once the bar is gone: the text without its redraws. */
const visible = (output: string) => output.replaceAll(BAR, "");

/** The environment of a person at a terminal: no NO_COLOR, no CI, a real TERM. */
function terminalEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = cleanEnv();
  delete env.NO_COLOR;
  delete env.CI;
  delete env.FORCE_COLOR;
  return { ...env, TERM: "xterm-256color", ...extra };
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** Runs `modelship ARGS` on a pseudo-terminal; stdout and stderr both arrive as the terminal's bytes. */
function onPty(cwd: string, args: string[], env: Record<string, string>): { status: number; output: string } {
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(" ");
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, output: result.stdout.replaceAll("\r\n", "\n") };
}

/** Runs `modelship ARGS` with stdout and stderr as pipes. */
function inPipe(cwd: string, args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string) => text.trimEnd().split("\n").length;

let repo: string;
before(async () => {
  assert.equal(spawnSync("script", ["--version"]).status, 0, "util-linux `script` is needed (Debian: bsdutils; .ci/run installs it)");
  repo = await mkdtemp(join(tmpdir(), "modelship-terminal-"));
  await cp(EXAMPLE, repo, { recursive: true });
  await writeFile(join(repo, "data/train-broken.csv"), plantErrors(await readFile(join(repo, "data/train.csv"), "utf8")));
});
after(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("colour and progress on a terminal", () => {
  const broken = ["validate", "data/train-broken.csv", "--report-dir", ".modelship/broken"];

  test("a TTY gets colour, and the failures with file:line", () => {
    const run = onPty(repo, broken, terminalEnv());
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, COLOUR);
    assert.ok(run.output.includes(`${ESC}[31m✗`), "a failure is red");
    for (const planted of PLANTED_ERRORS) assert.ok(run.output.includes(`data/train-broken.csv:${planted.line}`), `${planted.line}`);
  });

  test("NO_COLOR on a TTY, and a pipe, get none", () => {
    const noColor = onPty(repo, broken, terminalEnv({ NO_COLOR: "1" }));
    assert.equal(noColor.status, 1);
    assert.doesNotMatch(noColor.output, COLOUR);
    assert.match(visible(noColor.output), /^✗ Data validation failed/);
    const piped = inPipe(repo, broken, terminalEnv());
    assert.equal(piped.status, 1);
    assert.doesNotMatch(piped.stdout + piped.stderr, COLOUR);
  });

  test("progress (rows read) is drawn on a TTY, and not in CI or in a pipe", () => {
    const drawn = onPty(repo, ["validate", "-q"], terminalEnv({ NO_COLOR: "1" }));
    // -q mutes the bar too: nothing at all on success.
    assert.equal(drawn.status, 0);
    assert.equal(drawn.output, "");
    const tty = onPty(repo, ["validate"], terminalEnv({ NO_COLOR: "1" }));
    assert.equal(tty.status, 0);
    assert.match(tty.output, new RegExp(`\\rreading data/train\\.csv: [\\d,]+ rows${ESC}\\[K`));
    assert.ok(tty.output.includes(`\r${ESC}[K`), "the bar is erased before the summary");
    const ci = onPty(repo, ["validate"], terminalEnv({ NO_COLOR: "1", CI: "true" }));
    assert.equal(ci.status, 0);
    assert.doesNotMatch(ci.output, /reading data\//);
    assert.equal(ci.output, visible(tty.output), "in CI the same text, without the bar");
    const piped = inPipe(repo, ["validate"], terminalEnv());
    assert.doesNotMatch(piped.stderr, /reading data\//);
  });

  test("training draws its epochs on a TTY (the trainer reports, the CLI draws), and not in CI", () => {
    const tty = onPty(repo, ["train", "--output", ".modelship/pty-model"], terminalEnv({ NO_COLOR: "1" }));
    assert.equal(tty.status, 0, tty.output);
    assert.match(tty.output, /\] +\d+% epoch 1\/\d+: [\d,]+ rows of [\d,]+ rows/);
    assert.match(visible(tty.output), /^✓ Trained/);
    const ci = onPty(repo, ["train", "--output", ".modelship/ci-model"], terminalEnv({ NO_COLOR: "1", CI: "true" }));
    assert.equal(ci.status, 0, ci.output);
    assert.doesNotMatch(ci.output, /epoch \d+\/\d+: /);
  });
});

describe("-q, -v and --format on real runs", () => {
  test("-q: nothing on success (exit 0); on failure only the failures, with file:line", () => {
    const passing = inPipe(repo, ["validate", "-q"], cleanEnv());
    assert.deepEqual([passing.status, passing.stdout, passing.stderr], [0, "", ""]);
    const failing = inPipe(repo, ["validate", "data/train-broken.csv", "--report-dir", ".modelship/q", "-q"], cleanEnv());
    assert.equal(failing.status, 1);
    assert.equal(failing.stderr, "");
    assert.match(failing.stdout, /^✗ Data validation failed: 5 of \d+ checks failed in data\/train-broken\.csv/);
    assert.match(failing.stdout, /data\/train-broken\.csv:12 {2}"abc" is not an integer/);
    assert.doesNotMatch(failing.stdout, /passed|Reports:/);
  });

  test("the default: the verdict first, then what failed, then one Reports line, on one screen", () => {
    const run = inPipe(repo, ["validate", "data/train-broken.csv", "--report-dir", ".modelship/default"], cleanEnv());
    assert.equal(run.status, 1);
    const out = run.stdout.trimEnd().split("\n");
    assert.match(out[0]!, /^✗ Data validation failed/);
    assert.equal(out.at(-1), "Reports: .modelship/default/validation-report.json, .modelship/default/validation-report.md");
    assert.ok(out.length <= 25, `${out.length} lines`);
    // No markdown, Mermaid or HTML in the terminal.
    assert.doesNotMatch(run.stdout, /<sub>|&lt;|```|\|\s*---/);
    // The stage's info lines (── group, per-file lines) are for -v: stderr stays empty.
    assert.equal(run.stderr, "");
  });

  test("-v lists the passing checks and the stage's logs; MODELSHIP_VERBOSE does the same", () => {
    const base = inPipe(repo, ["validate"], cleanEnv());
    const verbose = inPipe(repo, ["validate", "-v"], cleanEnv());
    const fromEnv = inPipe(repo, ["validate"], cleanEnv({ MODELSHIP_VERBOSE: "true" }));
    assert.equal(verbose.status, 0);
    assert.ok(lines(verbose.stdout) > lines(base.stdout) + 10, `${lines(verbose.stdout)} vs ${lines(base.stdout)}`);
    assert.match(verbose.stderr, /── Validate data against the contract/);
    assert.equal(fromEnv.stdout, verbose.stdout);
  });

  test("--format json and markdown (and MODELSHIP_FORMAT, and --json) print the report alone", async () => {
    const json = inPipe(repo, ["validate", "--format", "json"], cleanEnv());
    const written = JSON.parse(await readFile(join(repo, ".modelship/reports/validation-report.json"), "utf8")) as unknown;
    assert.deepEqual(JSON.parse(json.stdout), written);
    assert.match(json.stderr, /^Reports: /m, "paths go to stderr, stdout stays one JSON document");
    // The same report (but for the time it was made) from --json and from MODELSHIP_FORMAT=json.
    const undated = (text: string) => ({ ...(JSON.parse(text) as object), created: undefined });
    assert.deepEqual(undated(inPipe(repo, ["validate", "--json"], cleanEnv()).stdout), undated(json.stdout));
    assert.deepEqual(undated(inPipe(repo, ["validate"], cleanEnv({ MODELSHIP_FORMAT: "json" })).stdout), undated(json.stdout));
    const markdown = inPipe(repo, ["validate", "--format", "markdown"], cleanEnv());
    assert.equal(markdown.stdout.trimEnd(), (await readFile(join(repo, ".modelship/reports/validation-report.md"), "utf8")).trimEnd());
  });

  test("an invalid MODELSHIP_FAIL_ON is refused before the run, naming the variable", () => {
    const run = inPipe(
      repo,
      ["validate", "data/train-broken.csv", "--report-dir", ".modelship/never"],
      cleanEnv({ MODELSHIP_FAIL_ON: "warnings" }),
    );
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^modelship validate: MODELSHIP_FAIL_ON must be one of error, warning, never, got "warnings"/);
    assert.equal(spawnSync("test", ["-e", join(repo, ".modelship/never")]).status, 1, "no report was written: nothing ran");
  });
});

describe("each command's default output on the example data fits one screen", () => {
  test("profile, contract diff, train, evaluate", () => {
    const counts: Record<string, number> = {};
    const run = (name: string, args: string[], expect: number) => {
      const result = inPipe(repo, args, cleanEnv());
      assert.equal(result.status, expect, `${name}: ${result.stdout}${result.stderr}`);
      counts[name] = lines(result.stdout + result.stderr);
      assert.doesNotMatch(result.stdout, /<sub>|&lt;|```mermaid/, name);
      return result;
    };
    run("profile", ["profile"], 0);
    run("contract diff", ["contract", "diff", "data/contract.yaml", "data/contract.yaml"], 0);
    run("train", ["train", "--output", ".modelship/model"], 0);
    const evaluate = run("evaluate", ["evaluate"], 1);
    assert.match(evaluate.stdout, /^✗ .* fails \d+ of \d+ gates/);
    for (const [name, count] of Object.entries(counts)) assert.ok(count <= 30, `${name}: ${count} lines`);
    const quiet = inPipe(repo, ["evaluate", "-q"], cleanEnv());
    assert.equal(quiet.status, 1);
    assert.match(quiet.stdout, /Demographic parity difference \(sex\)/, "-q names the failing gates");
    assert.doesNotMatch(quiet.stdout, /passed|Reports:/);
  });
});
