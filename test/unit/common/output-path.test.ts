/** Output paths are checked before any work: a file where a folder must be, a folder where a file must be, a read-only folder. */
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { checkOutputFile, checkOutputFolder } from "../../../src/common/output-path.ts";
import { writeFileAtomic } from "../../../src/common/atomic-write.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-output-path-"));
  await writeFile(join(dir, "file"), "x");
  await mkdir(join(dir, "folder"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `a UserError, not ${String(error)}`);
    assert.ok(error.hint, "with a fix");
    return error.message;
  }
  assert.fail("expected a refusal");
}

describe("checkOutputFolder", () => {
  it("accepts a folder that exists and one that can be made (parents too)", async () => {
    await checkOutputFolder(join(dir, "folder"), "--report-dir");
    await checkOutputFolder(join(dir, "new/deeper"), "--report-dir");
  });

  it("refuses a file, naming the setting", async () => {
    assert.match(await refusal(checkOutputFolder(join(dir, "file"), "--report-dir")), /^--report-dir: .*file is a file, not a folder/);
  });

  it("refuses a path under a file, naming the file in the way", async () => {
    assert.match(await refusal(checkOutputFolder(join(dir, "file/reports"), "--report-dir")), /because .*\/file is a file, not a folder/);
  });

  it("refuses a folder it cannot write to", { skip: process.getuid?.() === 0 ? "root writes anywhere" : false }, async () => {
    const locked = join(dir, "locked");
    await mkdir(locked);
    await chmod(locked, 0o500);
    try {
      assert.match(await refusal(checkOutputFolder(join(locked, "reports"), "--report-dir")), /not writable/);
    } finally {
      await chmod(locked, 0o700);
    }
  });
});

describe("checkOutputFile", () => {
  it("accepts a new file and an existing one", async () => {
    await checkOutputFile(join(dir, "folder/out.json"), "--output");
    await checkOutputFile(join(dir, "file"), "--output");
  });

  it("refuses a folder and a path under a file", async () => {
    assert.match(await refusal(checkOutputFile(join(dir, "folder"), "--output")), /is a folder, not a file/);
    assert.match(await refusal(checkOutputFile(join(dir, "file/out.json"), "--output")), /is a file, not a folder/);
  });
});

describe("writeFileAtomic", () => {
  it("turns a file in the way of the folder into a UserError and leaves no temp file", async () => {
    assert.match(
      await refusal(writeFileAtomic(join(dir, "file/out.json"), "{}")),
      /cannot write .*out\.json: a file stands where its folder should be/,
    );
  });
});
