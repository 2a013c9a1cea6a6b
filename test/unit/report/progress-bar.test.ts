import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { ProgressBar } from "../../../src/common/progress-bar.ts";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 60, write: (text: string) => written.push(text), written };
}

describe("progress bar", () => {
  test("draws in place on a terminal and erases itself for a log line", () => {
    const out = stream(true);
    const bar = new ProgressBar(out, {});
    bar.update(0.5, "epoch 1/2");
    bar.update(1, "epoch 1/2");
    assert.match(out.written[0]!, /^\r\[#+\.+\] {2}50% epoch 1\/2/);
    assert.match(out.written[1]!, /^\r\[#+\] 100% /);
    bar.clear();
    assert.equal(out.written.at(-1), "\r\u001b[K");
  });

  test("draws nothing on a pipe or in CI, where one log line per epoch is the progress", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { GITHUB_ACTIONS: "true" }],
      [true, { CI: "true" }],
    ] as const) {
      const out = stream(isTTY);
      const bar = new ProgressBar(out, env);
      bar.update(1, "epoch 1/1");
      bar.clear();
      assert.deepEqual(out.written, []);
    }
  });

  test("a logger wrapped around the bar erases it before each line", () => {
    const out = stream(true);
    const bar = new ProgressBar(out, {});
    const logger = new MemoryLogger();
    bar.update(0.5, "epoch 1/2");
    bar.around(logger).info("epoch 1/2: loss 0.5");
    assert.equal(out.written.at(-1), "\r\u001b[K", "the bar was erased");
    assert.deepEqual(
      logger.entries.map((entry) => entry.message),
      ["epoch 1/2: loss 0.5"],
    );
  });
});
