/**
 * Bad input gets a clear error: for each mistake a user can make, `modelship validate` exits 2,
 * names the file and the line (or JSON pointer) and the fix, shows no stack trace, and writes no
 * report (no partial files).
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { hasStackTrace, runCli } from "../support/cli.ts";

const CONTRACT = ["columns:", "  - name: id", "    type: integer", "  - name: name", "    type: string", ""].join("\n");

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-bad-input-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

let caseNumber = 0;
/** Writes a contract and a data file into a fresh folder and runs validate on them. */
async function validate(data: string | Buffer, options: { contract?: string; dataName?: string } = {}) {
  const caseDir = join(dir, `case-${++caseNumber}`);
  await rm(caseDir, { recursive: true, force: true });
  await mkdir(caseDir);
  const contractPath = join(caseDir, "contract.yaml");
  const dataPath = join(caseDir, options.dataName ?? "data.csv");
  await writeFile(contractPath, options.contract ?? CONTRACT);
  await writeFile(dataPath, data);
  const reportDir = join(caseDir, "reports");
  const run = runCli(["validate", dataPath, "--contract", contractPath, "--report-dir", reportDir], { cwd: caseDir });
  return { run, contractPath, dataPath, reportDir };
}

/** The common promise of every bad-input case: exit 2, message with where, no stack, no files. */
async function assertInputError(result: Awaited<ReturnType<typeof validate>>, where: string, mention?: RegExp) {
  const { run, reportDir } = result;
  assert.equal(run.status, 2, `exit status 2 expected, got ${run.status}; stderr:\n${run.stderr}`);
  assert.ok(run.stderr.includes(where), `stderr should name ${where}:\n${run.stderr}`);
  if (mention) assert.match(run.stderr, mention);
  assert.ok(!hasStackTrace(run.stderr), `no stack trace for a user mistake:\n${run.stderr}`);
  const written = await readdir(reportDir).catch(() => []);
  assert.deepEqual(written, [], "no report files are written when the input is bad");
}

describe("modelship validate on bad input", () => {
  test("a ragged row names the file and its line", async () => {
    const result = await validate("id,name\n1,a\n2,b,c\n3,d\n");
    await assertInputError(result, `${result.dataPath}:3`, /3 fields.*2|2.*3 fields/);
  });

  test("an unterminated quote names the line where the quoted field opened", async () => {
    const result = await validate('id,name\n1,a\n2,"open\n3,d\n');
    await assertInputError(result, `${result.dataPath}:3`, /quote/i);
  });

  test("an empty file is reported as empty", async () => {
    const result = await validate("");
    await assertInputError(result, result.dataPath, /empty/i);
  });

  test("a header without data rows is an error", async () => {
    const result = await validate("id,name\n");
    await assertInputError(result, result.dataPath, /no data rows/i);
  });

  test("duplicate header names are named", async () => {
    const result = await validate("id,name,id\n1,a,2\n");
    await assertInputError(result, `${result.dataPath}:1`, /duplicate.*id|id.*duplicate/i);
  });

  test("a NUL byte names its line", async () => {
    const result = await validate(Buffer.from("id,name\n1,a\n2,b\u0000c\n"));
    await assertInputError(result, `${result.dataPath}:3`, /NUL/i);
  });

  test("invalid UTF-8 names its line", async () => {
    const bytes = Buffer.concat([Buffer.from("id,name\n1,a\n2,b\n3,"), Buffer.from([0xc3, 0x28]), Buffer.from("x\n")]);
    const result = await validate(bytes);
    await assertInputError(result, `${result.dataPath}:4`, /UTF-8/i);
  });

  test("a 50 MB single field is refused without buffering it (peak RSS stays bounded)", async () => {
    const caseDir = join(dir, "huge-field");
    await mkdir(caseDir);
    const dataPath = join(caseDir, "huge.csv");
    const contractPath = join(caseDir, "contract.yaml");
    await writeFile(contractPath, CONTRACT);
    const out = createWriteStream(dataPath);
    out.write('id,name\n1,"');
    const chunk = "x".repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) if (!out.write(chunk)) await once(out, "drain");
    out.end('"\n');
    await once(out, "finish");
    const reportDir = join(caseDir, "reports");
    const run = runCli(["validate", dataPath, "--contract", contractPath, "--report-dir", reportDir], { cwd: caseDir, measureRss: true });
    await assertInputError({ run, reportDir, contractPath, dataPath }, `${dataPath}:2`, /field/i);
    assert.ok(run.maxRssKiB !== undefined, "GNU time reported the peak RSS");
    // Node itself takes ~50-70 MB; holding the 50 MB field (as a Buffer plus a string) would add 100+ MB.
    assert.ok(
      run.maxRssKiB < 140 * 1024,
      `peak RSS ${Math.round(run.maxRssKiB / 1024)} MB should stay well below what buffering 50 MB would take`,
    );
  });

  test("a missing data file names the path", async () => {
    const caseDir = join(dir, "missing");
    await mkdir(caseDir);
    const contractPath = join(caseDir, "contract.yaml");
    await writeFile(contractPath, CONTRACT);
    const missing = join(caseDir, "nope.csv");
    const reportDir = join(caseDir, "reports");
    const run = runCli(["validate", missing, "--contract", contractPath, "--report-dir", reportDir], { cwd: caseDir });
    await assertInputError({ run, reportDir, contractPath, dataPath: missing }, missing, /not found|no such|does not exist/i);
  });

  test("a missing contract names the path", async () => {
    const result = await validate("id,name\n1,a\n", { contract: CONTRACT });
    const missing = join(dir, "absent-contract.yaml");
    // A fresh report folder: the valid run above wrote its reports into result.reportDir.
    const reportDir = join(dir, "reports-absent-contract");
    const run = runCli(["validate", result.dataPath, "--contract", missing, "--report-dir", reportDir], { cwd: dir });
    await assertInputError({ ...result, run, reportDir }, missing);
  });

  test("a contract with a YAML syntax error names its line and column", async () => {
    const contract = ["columns:", "  - name: id", "    type: [integer", "  - name: name", "    type: string", ""].join("\n");
    const result = await validate("id,name\n1,a\n", { contract });
    await assertInputError(result, `${result.contractPath}:`, /:\d+:\d+/);
    const [, line] = /contract\.yaml:(\d+):\d+/.exec(result.run.stderr) ?? [];
    assert.ok(Number(line) >= 3 && Number(line) <= 6, `the error points into the broken flow sequence (line ${line})`);
  });

  test("a contract violating its schema names the JSON pointer, the line and the fix", async () => {
    const contract = ["columns:", "  - name: id", "    type: int", "  - name: name", "    type: string", ""].join("\n");
    const result = await validate("id,name\n1,a\n", { contract });
    await assertInputError(result, `${result.contractPath}:3`, /\/columns\/0\/type/);
    assert.match(result.run.stderr, /Fix:.*integer/);
  });

  test("an invalid regex in pattern names the JSON pointer", async () => {
    const contract = ["columns:", "  - name: id", "    type: integer", "  - name: name", "    type: string", '    pattern: "[a-"', ""].join(
      "\n",
    );
    const result = await validate("id,name\n1,a\n", { contract });
    await assertInputError(result, `${result.contractPath}:6`, /\/columns\/1\/pattern/);
  });
});

describe("values a float cannot hold", () => {
  // In `validate` such a value is a failing check at its line (exit 1), like any value of the wrong
  // type, so one bad value does not hide the rest of the report; where no check can absorb it
  // (`profile`), it is an input error (exit 2).
  for (const value of ["1e309", "NaN"]) {
    test(`${value} in a number column fails validation at its line`, async () => {
      const contract = ["columns:", "  - name: id", "    type: integer", "  - name: x", "    type: number", ""].join("\n");
      const result = await validate(`id,x\n1,0.5\n2,${value}\n3,1.5\n`, { contract });
      assert.equal(result.run.status, 1, result.run.stderr);
      assert.ok(!hasStackTrace(result.run.stderr));
      assert.match(result.run.stdout, new RegExp(`line 3\\b|:3\\b`));
      assert.ok(result.run.stdout.includes(value), "the report quotes the offending value");
    });

    test(`${value} in a number column makes profile exit 2 with the line`, async () => {
      const contract = ["columns:", "  - name: id", "    type: integer", "  - name: x", "    type: number", ""].join("\n");
      const result = await validate(`id,x\n1,0.5\n2,${value}\n3,1.5\n`, { contract });
      const output = join(dir, `profile-${value}.json`);
      const run = runCli(["profile", result.dataPath, "--contract", result.contractPath, "--output", output], { cwd: dir });
      assert.equal(run.status, 2, run.stderr);
      assert.ok(run.stderr.includes(`${result.dataPath}:3`), run.stderr);
      assert.ok(!hasStackTrace(run.stderr));
      await assert.rejects(readdir(output));
    });
  }
});
