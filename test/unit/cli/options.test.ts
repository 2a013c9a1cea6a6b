import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { envNameOf, parseFlags, renderHelp, timeFlag, type FlagSpecs } from "../../../src/cli/options.ts";

const specs = {
  "fail-on": { type: "string", description: "level" },
  quiet: { type: "boolean", description: "quiet" },
  data: { type: "string", multiple: true, description: "files" },
} satisfies FlagSpecs;

describe("CLI flags", () => {
  it("name their environment variables MODELSHIP_<FLAG>", () => {
    assert.equal(envNameOf("fail-on"), "MODELSHIP_FAIL_ON");
  });

  it("fall back to environment variables", () => {
    const { flags } = parseFlags([], specs, {
      command: "t",
      env: { MODELSHIP_FAIL_ON: "warning", MODELSHIP_QUIET: "true", MODELSHIP_DATA: "a.csv,b.csv" },
    });
    assert.equal(flags["fail-on"], "warning");
    assert.equal(flags.quiet, true);
    assert.deepEqual(flags.data, ["a.csv", "b.csv"]);
  });

  it("read no environment variable for a flag-only flag, and show none in help", () => {
    const only = { force: { type: "boolean", flagOnly: true, description: "the flag only" }, ...specs } satisfies FlagSpecs;
    const env = { MODELSHIP_FORCE: "true", MODELSHIP_QUIET: "true" };
    assert.equal(parseFlags([], only, { command: "t", env }).flags.force, undefined, "MODELSHIP_FORCE does not stand in for --force");
    assert.equal(parseFlags([], only, { command: "t", env }).flags.quiet, true, "other flags still read theirs");
    assert.equal(parseFlags(["--force"], only, { command: "t", env }).flags.force, true);
    const help = renderHelp({ usage: "t", summary: "s", flags: only });
    assert.doesNotMatch(help, /MODELSHIP_FORCE/);
    assert.match(help, /\[MODELSHIP_QUIET\]/);
  });

  it("prefer the command line over the environment", () => {
    const { flags, positionals } = parseFlags(["--fail-on", "never", "x.csv"], specs, {
      command: "t",
      env: { MODELSHIP_FAIL_ON: "warning" },
    });
    assert.equal(flags["fail-on"], "never");
    assert.deepEqual(positionals, ["x.csv"]);
  });

  it("turn an unknown flag into a usage error with a hint", () => {
    assert.throws(
      () => parseFlags(["--nope"], specs, { command: "validate", env: {} }),
      (error: unknown) =>
        isUserError(error) && /^Unknown option '--nope'$/.test(error.problem) && /modelship validate --help/.test(error.message),
    );
  });

  it("reject a boolean environment variable that is not a boolean", () => {
    assert.throws(
      () => parseFlags([], specs, { command: "t", env: { MODELSHIP_QUIET: "maybe" } }),
      /MODELSHIP_QUIET must be true or false/,
    );
  });

  it("list every flag with its variable in the help", () => {
    const help = renderHelp({ usage: "u", summary: "s", flags: specs });
    for (const name of Object.keys(specs)) assert.match(help, new RegExp(`--${name}.*\\[${envNameOf(name)}\\]`));
  });
});

describe("timeFlag (--now of canary and dora)", () => {
  it("reads an ISO 8601 time, and leaves an absent flag undefined", () => {
    assert.equal(timeFlag("2026-11-23T18:00:00Z", "now")?.getTime(), Date.UTC(2026, 10, 23, 18, 0, 0));
    assert.equal(timeFlag(undefined, "now"), undefined);
  });

  it("names the flag, its environment variable and an example for a value that is no time", () => {
    for (const value of ["yesterday", ""])
      assert.throws(
        () => timeFlag(value, "now"),
        (error: unknown) =>
          isUserError(error) &&
          error.problem === `--now "${value}" is not a time` &&
          /MODELSHIP_NOW/.test(error.message) &&
          /2026-11-23T18:00:00Z/.test(error.message),
      );
  });
});
