/**
 * The output flags every command shares (--format, --json, -q, -v), and the up-front check of every
 * flag's value, walked over every command's flag sets: an invalid value from the environment is
 * refused before any work, naming the variable that was set.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { unstyled } from "../../../src/common/text-style.ts";
import type { CommandContext } from "../../../src/cli/command.ts";
import { envNameOf, type FlagSpec } from "../../../src/cli/options.ts";
import { commandOutput, leveled } from "../../../src/cli/output.ts";
import { COMMAND_NAMES, loadCommands, runCli } from "../../../src/cli/run-cli.ts";

/** Runs the CLI in-process in `cwd` with exactly `env`, capturing stdout and stderr. */
async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, {
    env,
    cwd,
    version: "0.0.0-test",
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** Every (command, subcommand, flags) the CLI parses. */
const COMMANDS = await loadCommands();
const FLAG_SETS = COMMANDS.flatMap((command) =>
  (command.flagSets ?? []).map((set) => ({ argv: set.sub === undefined ? [command.name] : [command.name, set.sub], flags: set.flags })),
);
const label = (argv: string[]) => `modelship ${argv.join(" ")}`;

let empty: string;
before(async () => {
  empty = await mkdtemp(join(tmpdir(), "modelship-output-"));
});
after(async () => {
  await rm(empty, { recursive: true, force: true });
});

describe("every command's output flags", () => {
  it("every command declares its flag sets", () => {
    const without = COMMANDS.filter((command) => command.flagSets === undefined).map((command) => command.name);
    assert.deepEqual(without, []);
    // The lazy index names each command as its module does.
    assert.deepEqual(
      COMMANDS.map((command) => command.name),
      COMMAND_NAMES,
    );
    // 16 commands, profile and contract with two sets each.
    assert.equal(FLAG_SETS.length, 18);
  });

  for (const { argv, flags } of FLAG_SETS) {
    it(`${label(argv)} --help lists -q, -v and (where it reports) --format`, async () => {
      const { status, stdout } = await cli([...argv, "--help"], empty);
      assert.equal(status, 0);
      assert.match(stdout, /-q, --quiet/);
      assert.match(stdout, /-v, --verbose/);
      assert.match(stdout, /\[MODELSHIP_QUIET\]/);
      // contract infer prints the drafted YAML itself: no report to format.
      if (argv.join(" ") === "contract infer") assert.doesNotMatch(stdout, /--format/);
      else {
        assert.match(stdout, /--format FORMAT +text \(default[^\n]*markdown[^\n]*json/);
        assert.ok("format" in flags && "json" in flags, "--json stays an alias");
      }
    });
  }
});

describe("flag values are checked before any work", () => {
  const choiceFlags = FLAG_SETS.flatMap(({ argv, flags }) =>
    Object.entries(flags as Record<string, FlagSpec>)
      .filter(([, spec]) => spec.choices !== undefined)
      .map(([name, spec]) => ({ argv, name, choices: spec.choices! })),
  );

  it("the table covers every choice flag there is (fail-on, format, mode, bump, action, strategy, auto-merge, require-gpu, out-format)", () => {
    const names = new Set(choiceFlags.map((flag) => flag.name));
    assert.deepEqual([...names].sort(), [
      "action",
      "auto-merge",
      "bump",
      "fail-on",
      "format",
      "mode",
      "out-format",
      "require-gpu",
      "strategy",
    ]);
    // --format on every set but contract infer; fail-on on validate, evaluate and drift.
    assert.equal(choiceFlags.filter((flag) => flag.name === "format").length, FLAG_SETS.length - 1);
    assert.deepEqual(
      choiceFlags.filter((flag) => flag.name === "fail-on").map((flag) => flag.argv[0]),
      ["validate", "evaluate", "drift"],
    );
  });

  for (const { argv, name, choices } of choiceFlags) {
    const variable = envNameOf(name);
    it(`${label(argv)}: ${variable}=bogus is refused, naming ${variable}`, async () => {
      // In an empty folder: had any work started, the error would be about missing files instead.
      const { status, stdout, stderr } = await cli(argv, empty, { [variable]: "bogus" });
      assert.equal(status, 2, stderr);
      assert.equal(stdout, "");
      assert.equal(
        stderr,
        `modelship ${argv[0]}: ${variable} must be one of ${choices.join(", ")}, got "bogus"\n  Fix: set ${variable} to one of ${choices.join(", ")}, or unset it\n`,
      );
    });
  }

  it("the same value on the command line names the flag", async () => {
    const { status, stderr } = await cli(["validate", "--fail-on", "warnings"], empty);
    assert.equal(status, 2);
    assert.match(
      stderr,
      /^modelship validate: --fail-on must be one of error, warning, never, got "warnings"\n {2}Fix: set --fail-on \(or MODELSHIP_FAIL_ON\) to one of/,
    );
  });

  it("a flag on the command line wins over its variable (which is then not checked)", async () => {
    // --help stops before any work: a run that got past the check prints the help.
    const { status, stdout } = await cli(["validate", "--format", "json", "--help"], empty, { MODELSHIP_FORMAT: "yaml" });
    assert.equal(status, 0);
    assert.match(stdout, /^usage: modelship validate/);
  });

  const numeric = FLAG_SETS.flatMap(({ argv, flags }) =>
    Object.entries(flags as Record<string, FlagSpec>)
      .filter(([, spec]) => spec.numeric !== undefined)
      .map(([name, spec]) => ({ argv, name, spec })),
  );
  it("the table covers the number flags (resamples, seed, threads, threshold, bins, top-k, max-enum, max-examples, weight, test-share, batch-size)", () => {
    assert.deepEqual([...new Set(numeric.map((flag) => flag.name))].sort(), [
      "batch-size",
      "bins",
      "max-enum",
      "max-examples",
      "resamples",
      "seed",
      "test-share",
      "threads",
      "threshold",
      "top-k",
      "weight",
    ]);
  });
  for (const { argv, name, spec } of numeric) {
    const variable = envNameOf(name);
    const bad = spec.numeric === "number" ? "half" : spec.min === 1 ? "0" : "1.5";
    it(`${label(argv)}: ${variable}=${bad} is refused, naming ${variable}`, async () => {
      const { status, stderr } = await cli(argv, empty, { [variable]: bad });
      assert.equal(status, 2, stderr);
      const what = spec.numeric === "number" ? "a number" : `a whole number${(spec.min ?? 0) === 0 ? "" : ` of at least ${spec.min}`}`;
      assert.ok(stderr.startsWith(`modelship ${argv[0]}: ${variable} must be ${what}, got "${bad}"\n  Fix: set ${variable} to `), stderr);
    });
  }

  it("MODELSHIP_VERBOSE and MODELSHIP_QUIET take true or false, named when wrong", async () => {
    for (const variable of ["MODELSHIP_VERBOSE", "MODELSHIP_QUIET"]) {
      const { status, stderr } = await cli(["drift"], empty, { [variable]: "loud" });
      assert.equal(status, 2);
      assert.match(stderr, new RegExp(`environment variable ${variable} must be true or false, got "loud"`));
    }
  });
});

describe("the log level of each output mode", () => {
  function logged(level: Parameters<typeof leveled>[1]): string[] {
    const memory = new MemoryLogger();
    const logger = leveled(memory, level);
    logger.debug("d");
    logger.info("i");
    logger.notice("n");
    logger.warning("w", { file: "data/x.csv", startLine: 3 });
    logger.error("e");
    return memory.entries.map((entry) => `${entry.level}:${entry.message}`);
  }

  it("-q keeps only errors; the text default drops info; markdown/json keep info; -v keeps all", () => {
    assert.deepEqual(logged("error"), ["error:e"]);
    assert.deepEqual(logged("warning"), ["notice:n", "warning:w", "error:e"]);
    assert.deepEqual(logged("info"), ["info:i", "notice:n", "warning:w", "error:e"]);
    assert.deepEqual(logged("debug"), ["debug:d", "info:i", "notice:n", "warning:w", "error:e"]);
  });
});

describe("commandOutput", () => {
  function context(env: NodeJS.ProcessEnv = {}, isTTY = false): { context: CommandContext; printed: string[]; logs: MemoryLogger } {
    const printed: string[] = [];
    const logs = new MemoryLogger();
    return {
      printed,
      logs,
      context: { argv: [], env, cwd: "/", logger: logs, print: (text) => printed.push(text), version: "0", stdout: { isTTY } },
    };
  }
  const result = (failed: boolean) => ({
    json: { verdict: failed ? "fail" : "pass" },
    text: () => (failed ? "✗ 1 check failed\n  data/x.csv:3  bad" : "✓ 3 checks passed"),
    markdown: () => "| check | status |\n| --- | --- |",
    reports: ["r.json", undefined, "r.md"],
    failed,
  });

  it("text: the summary, then one Reports line", () => {
    const { context: given, printed } = context();
    commandOutput(given, {}).emit(result(true));
    assert.deepEqual(printed, ["✗ 1 check failed\n  data/x.csv:3  bad\nReports: r.json, r.md"]);
  });

  it("text: a report the summary already names is not listed again", () => {
    const { context: given, printed } = context();
    commandOutput(given, {}).emit({ ...result(false), text: () => "✓ Wrote r.md (3 pages)" });
    assert.deepEqual(printed, ["✓ Wrote r.md (3 pages)\nReports: r.json"]);
    const all = context();
    commandOutput(all.context, {}).emit({ ...result(false), text: () => "✓ Wrote r.md and r.json" });
    assert.deepEqual(all.printed, ["✓ Wrote r.md and r.json"]);
  });

  it("-q: nothing on success; on failure the failures without the Reports line", () => {
    const passing = context();
    commandOutput(passing.context, { quiet: true }).emit(result(false));
    assert.deepEqual(passing.printed, []);
    const failing = context();
    commandOutput(failing.context, { quiet: true }).emit(result(true));
    assert.deepEqual(failing.printed, ["✗ 1 check failed\n  data/x.csv:3  bad"]);
  });

  it("json (and --json): the JSON alone on stdout, the report paths to the log", () => {
    for (const values of [{ format: "json" }, { json: true }]) {
      const { context: given, printed, logs } = context();
      commandOutput(given, values).emit(result(false));
      assert.deepEqual(printed, [JSON.stringify({ verdict: "pass" }, null, 2)]);
      assert.deepEqual(logs.entries, [{ level: "info", message: "Reports: r.json, r.md" }]);
    }
  });

  it("markdown: the markdown alone on stdout", () => {
    const { context: given, printed } = context();
    commandOutput(given, { format: "markdown" }).emit(result(true));
    assert.deepEqual(printed, ["| check | status |\n| --- | --- |"]);
  });

  it("colour only on a TTY, never with NO_COLOR, and -v/-q reach the renderer", () => {
    assert.equal(commandOutput(context({}, true).context, {}).text.color, true);
    assert.equal(commandOutput(context({ NO_COLOR: "1" }, true).context, {}).text.color, false);
    assert.equal(commandOutput(context({}, false).context, {}).text.color, false);
    assert.equal(commandOutput(context({ TERM: "dumb" }, true).context, {}).text.color, false);
    assert.deepEqual(commandOutput(context().context, { verbose: true }).text, { color: false, verbose: true, quiet: false });
    // -q wins over -v: only failures.
    assert.deepEqual(commandOutput(context().context, { verbose: true, quiet: true }).text, { color: false, verbose: false, quiet: true });
    assert.equal(unstyled("\u001b[31m✗\u001b[39m"), "✗");
  });
});
