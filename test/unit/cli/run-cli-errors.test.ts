/**
 * What the CLI prints for a usage mistake: the command's name once (`modelship init: Unknown option`,
 * not `modelship init: init: …`), and, where validate, train or evaluate find nothing to work on in a
 * folder without modelship.yaml, the step that writes one.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCli } from "../../../src/cli/run-cli.ts";

let empty: string;
before(async () => {
  empty = await mkdtemp(join(tmpdir(), "modelship-cli-errors-"));
});
after(async () => {
  await rm(empty, { recursive: true, force: true });
});

async function cli(cwd: string, ...argv: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = "";
  const status = await runCli(argv, {
    cwd,
    env: {},
    version: "0.0.0-test",
    io: { stdout: () => undefined, stderr: (text) => (stderr += text) },
  });
  return { status, stderr };
}

describe("CLI usage errors", () => {
  test("an unknown flag names the command once, for every command", async () => {
    for (const command of ["init", "validate", "train", "evaluate", "release"]) {
      const run = await cli(empty, command, "--frobnicate");
      assert.equal(run.status, 2);
      assert.equal(run.stderr.split("\n")[0], `modelship ${command}: Unknown option '--frobnicate'`);
      assert.match(run.stderr, new RegExp(`Fix: run \`modelship ${command} --help\``));
    }
  });

  test("validate, train and evaluate in a folder without modelship.yaml say to run init first; with one, they do not", async () => {
    for (const command of ["validate", "train", "evaluate"]) {
      const run = await cli(empty, command);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /No modelship\.yaml here: run `npx modelship init` first/, `${command}: ${run.stderr}`);
    }
    const configured = await mkdtemp(join(tmpdir(), "modelship-cli-configured-"));
    try {
      await writeFile(join(configured, "modelship.yaml"), "version: 1\nmodel: m\n");
      for (const command of ["validate", "train", "evaluate"]) {
        const run = await cli(configured, command);
        assert.equal(run.status, 2, run.stderr);
        assert.doesNotMatch(run.stderr, /npx modelship init/, `${command}: ${run.stderr}`);
      }
    } finally {
      await rm(configured, { recursive: true, force: true });
    }
  });
});
