/** MODELSHIP_THREADS (common/threads.ts): the default is the core count; a bad value is a UserError naming the variable. */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { threadCount } from "../../../src/common/threads.ts";

describe("threadCount", () => {
  test("unset or empty gives availableParallelism()", () => {
    assert.equal(threadCount({}), availableParallelism());
    assert.equal(threadCount({ MODELSHIP_THREADS: "" }), availableParallelism());
    assert.equal(threadCount({ MODELSHIP_THREADS: "  " }), availableParallelism());
  });

  test("a positive whole number is taken as is, also above the core count", () => {
    assert.equal(threadCount({ MODELSHIP_THREADS: "1" }), 1);
    assert.equal(threadCount({ MODELSHIP_THREADS: " 3 " }), 3);
    assert.equal(threadCount({ MODELSHIP_THREADS: "64" }), 64);
  });

  for (const bad of ["0", "-2", "1.5", "two", "4x", "1e2", "0x4", "100000"]) {
    test(`${JSON.stringify(bad)} is a UserError naming MODELSHIP_THREADS and the fix`, () => {
      assert.throws(
        () => threadCount({ MODELSHIP_THREADS: bad }),
        (error: unknown) =>
          isUserError(error) &&
          error.problem.includes("MODELSHIP_THREADS") &&
          error.problem.includes(JSON.stringify(bad)) &&
          (error.hint ?? "").includes("MODELSHIP_THREADS"),
      );
    });
  }

  test("reads process.env by default", () => {
    const saved = process.env.MODELSHIP_THREADS;
    try {
      process.env.MODELSHIP_THREADS = "2";
      assert.equal(threadCount(), 2);
    } finally {
      if (saved === undefined) delete process.env.MODELSHIP_THREADS;
      else process.env.MODELSHIP_THREADS = saved;
    }
  });
});
