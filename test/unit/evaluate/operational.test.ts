/**
 * The operational measurement through its clock seam: scripted sessions advance a scripted clock by
 * the latency each call is given, so every figure is known in advance — percentiles from numpy, the
 * rest derived here. No test reads real time.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  callsWithinBudget,
  measureOperational,
  MIN_CALLS,
  type OperationalOptions,
  type OperationalProbe,
  type OperationalSubject,
} from "../../../src/evaluate/operational.ts";
import { python } from "../../support/python.ts";

/** A scripted world: one clock, one resident set, and a log of the calls made. */
function world() {
  const state = { t: 0, rss: 100e6, maxRss: 100e6, log: [] as string[] };
  const probe: OperationalProbe = { now: () => state.t, rss: () => state.rss, maxRss: () => state.maxRss };
  /** A subject whose call `call` at batch `rows` takes `latency(rows, call)` ms; opening takes `loadMs` and adds `memory` bytes. */
  const subject = (
    name: string,
    latency: (rows: number, call: number) => number,
    options: { loadMs?: number; memory?: number; warmMemory?: number; bytes?: number; parameters?: number | null } = {},
  ): OperationalSubject => ({
    bytes: options.bytes ?? 2_500_000,
    parameters: options.parameters === undefined ? 1234 : options.parameters,
    open() {
      state.t += options.loadMs ?? 7;
      state.rss += options.memory ?? 0;
      let warm = options.warmMemory ?? 0;
      return Promise.resolve({
        run(rows: number, call: number) {
          state.log.push(`${name}:${rows}`);
          state.rss += warm; // the first call grows the arena once
          warm = 0;
          state.t += latency(rows, call);
          return Promise.resolve();
        },
        release() {
          state.log.push(`${name}:released`);
          return Promise.resolve();
        },
      });
    },
  });
  return { state, probe, subject };
}

const base = (probe: OperationalProbe): OperationalOptions => ({
  batches: [1, 8],
  rounds: 4,
  calls: 10,
  warmup: 0,
  maxSeconds: 1e9,
  resamples: 500,
  confidence: 0.95,
  seed: 3,
  probe,
});

describe("measureOperational", () => {
  it("pools every timed call of every round: the percentiles are numpy's of the scripted latencies, throughput is rows over time", async () => {
    const { probe, subject } = world();
    // Latency varies per call (a fixed, irregular pattern), and batch 8 costs 3× more.
    const pattern = (call: number) => 0.5 + ((call * 37) % 23) / 10;
    const measured = await measureOperational(
      subject("a", (rows, call) => pattern(call) * (rows === 1 ? 1 : 3)),
      undefined,
      base(probe),
    );
    const all = Array.from({ length: 40 }, (_, call) => pattern(call));
    const [p50, p95, p99] = python<number[]>("import numpy as np\nemit([float(np.percentile(data, q)) for q in (50, 95, 99)])", all);
    const one = measured.challenger.latency[0]!;
    assert.equal(one.batch, 1);
    assert.equal(one.calls, 40);
    assert.ok(Math.abs(one.p50Ms.value! - p50!) < 1e-12);
    assert.ok(Math.abs(one.p95Ms.value! - p95!) < 1e-12);
    assert.ok(Math.abs(one.p99Ms.value! - p99!) < 1e-12);
    const total = all.reduce((sum, ms) => sum + ms, 0);
    assert.ok(Math.abs(one.throughputRowsPerS.value! - (40 * 1000) / total) < 1e-9);
    const eight = measured.challenger.latency[1]!;
    assert.ok(Math.abs(eight.p50Ms.value! - 3 * p50!) < 1e-12);
    assert.ok(Math.abs(eight.throughputRowsPerS.value! - (8 * 40 * 1000) / (3 * total)) < 1e-9);
    // Every interval is a spread of pooled percentiles, so it lies within the range of the data (the
    // scripted clock's sums round in the last bits).
    for (const figure of [one.p50Ms, one.p95Ms, one.p99Ms]) {
      assert.ok(figure.ci![0] >= Math.min(...all) - 1e-9 && figure.ci![1] <= Math.max(...all) + 1e-9, JSON.stringify(figure));
      assert.ok(figure.ci![0] < figure.ci![1]);
    }
    assert.equal(measured.ratios, undefined);
  });

  it("interleaves the champion in alternating order, round by round (ABBA)", async () => {
    const { state, probe, subject } = world();
    await measureOperational(
      subject("a", () => 1),
      subject("b", () => 1),
      { ...base(probe), rounds: 3, calls: 1, batches: [1] },
    );
    // The second loads (B then A, released at once), then the rounds: A B, B A, A B.
    assert.deepEqual(state.log, ["b:released", "a:released", "a:1", "b:1", "b:1", "a:1", "a:1", "b:1", "a:released", "b:released"]);
  });

  it("gives the ratio of the pooled figures, and a paired interval that a runner slowing both models does not widen", async () => {
    const { probe, subject } = world();
    // Rounds alternate between a quiet and a busy runner (3× slower for both); the challenger is 2× the champion.
    const options = { ...base(probe), rounds: 6, calls: 5, batches: [1] };
    const slow = (call: number) => (Math.floor(call / options.calls) % 2 === 1 ? 3 : 1);
    const measured = await measureOperational(
      subject("a", (_, call) => 2 * slow(call)),
      subject("b", (_, call) => 1 * slow(call)),
      options,
    );
    const ratio = measured.ratios![0]!;
    assert.equal(ratio.p50.value, 2);
    assert.deepEqual(ratio.p50.ci, [2, 2]);
    assert.deepEqual(ratio.throughput.ci, [0.5, 0.5]);
    // Absolute latency is wide: the busy rounds and the quiet ones.
    const ci = measured.challenger.latency[0]!.p50Ms.ci!;
    assert.equal(ci[0], 2);
    assert.equal(ci[1], 6);
  });

  it("takes the interval from the rounds: two rounds of 1 ms and 3 ms give the median's interval [1, 3] (derived)", async () => {
    const { probe, subject } = world();
    // Pooling two draws: {r0, r0} → 1, {r1, r1} → 3, mixed → the median of n ones and n threes, (1 + 3) / 2.
    // Each pure draw has probability 1/4, so the 2.5% and 97.5% percentiles are 1 and 3, and the point is 2.
    const options = { ...base(probe), rounds: 2, calls: 4, batches: [1], resamples: 2000 };
    const measured = await measureOperational(
      subject("a", (_, call) => (call < 4 ? 1 : 3)),
      undefined,
      options,
    );
    const p50 = measured.challenger.latency[0]!.p50Ms;
    assert.equal(p50.value, 2);
    assert.deepEqual(p50.ci, [1, 3]);
  });

  it("gives no interval from one round", async () => {
    const { probe, subject } = world();
    const measured = await measureOperational(
      subject("a", () => 1),
      subject("b", () => 2),
      { ...base(probe), rounds: 1 },
    );
    assert.equal(measured.challenger.latency[0]!.p50Ms.ci, undefined);
    assert.equal(measured.ratios![0]!.p50.value, 0.5);
    assert.equal(measured.ratios![0]!.p50.ci, undefined);
  });

  it("times the load, and counts the memory each session adds (the arena's growth on warm-up, and a peak inside a call)", async () => {
    const { state, probe, subject } = world();
    const measured = await measureOperational(
      subject("a", () => 1, { loadMs: 42, memory: 30e6, warmMemory: 20e6, bytes: 12_345_678, parameters: 999 }),
      subject(
        "b",
        () => {
          state.maxRss = Math.max(state.maxRss, state.rss + 25e6); // a transient spike the sampling cannot see
          return 1;
        },
        { loadMs: 5, memory: 10e6 },
      ),
      { ...base(probe), warmup: 3 },
    );
    assert.equal(measured.challenger.loadMs, 42);
    assert.equal(measured.challenger.peakMemoryMb, 50); // 30 MB on open + 20 MB on the first call
    assert.equal(measured.challenger.sizeMb, 12.345678);
    assert.equal(measured.challenger.bytes, 12_345_678);
    assert.equal(measured.challenger.parameters, 999);
    assert.equal(measured.champion!.loadMs, 5);
    // The champion's session: 10 MB on open, and the spike to 25 MB above the resident set at its peak.
    assert.equal(measured.champion!.peakMemoryMb, 35);
  });

  it("keeps the faster of two loads, taken in ABBA order: the first session created pays one-time costs", async () => {
    const { state, probe } = world();
    const order: string[] = [];
    const loads = { a: [30, 12], b: [9, 11] };
    const subject = (name: "a" | "b"): OperationalSubject => ({
      bytes: 1,
      parameters: 1,
      open() {
        order.push(name);
        state.t += loads[name].shift()!;
        return Promise.resolve({ run: () => Promise.resolve(), release: () => Promise.resolve() });
      },
    });
    const measured = await measureOperational(subject("a"), subject("b"), { ...base(probe), rounds: 1, calls: 1 });
    assert.deepEqual(order, ["a", "b", "b", "a"]);
    assert.equal(measured.challenger.loadMs, 12);
    assert.equal(measured.champion!.loadMs, 9);
  });

  it("takes the memory from the subject's own measurement (a process of its own) unless the probe says not to", async () => {
    const { probe, subject } = world();
    const isolated = { ...subject("a", () => 1, { memory: 30e6 }), peakMemory: () => Promise.resolve(77e6) };
    assert.equal((await measureOperational(isolated, undefined, base(probe))).challenger.peakMemoryMb, 77);
    assert.equal((await measureOperational(isolated, undefined, base({ ...probe, isolateMemory: false }))).challenger.peakMemoryMb, 30);
    // When its own measurement fails, the in-process reading stands in, and a note says it may read low.
    const failing = { ...subject("a", () => 1, { memory: 30e6 }), peakMemory: () => Promise.reject(new Error("no fork here")) };
    const measured = await measureOperational(failing, undefined, base(probe));
    assert.equal(measured.challenger.peakMemoryMb, 30);
    assert.match(
      measured.notes.join(" "),
      /read in the evaluating process, where it can read low \(its own measurement failed: no fork here\)/,
    );
  });

  it("shortens the rounds to the time budget, judged from the warm-up's pace, never below the minimum", async () => {
    assert.equal(callsWithinBudget([10, 30], { calls: 100, rounds: 5, maxSeconds: 10 }), 50); // 10 s / (5 × 40 ms)
    assert.equal(callsWithinBudget([1000], { calls: 100, rounds: 10, maxSeconds: 1 }), MIN_CALLS);
    assert.equal(callsWithinBudget([0.01], { calls: 30, rounds: 10, maxSeconds: 60 }), 30);
    assert.equal(callsWithinBudget([0], { calls: 30, rounds: 10, maxSeconds: 60 }), 30);
    const { probe, subject } = world();
    const measured = await measureOperational(
      subject("a", () => 100),
      undefined,
      { ...base(probe), batches: [1], warmup: 2, rounds: 2, calls: 30, maxSeconds: 2 },
    );
    assert.equal(measured.callsPerRound, 10); // 2 s / (2 rounds × 100 ms)
    assert.equal(measured.challenger.latency[0]!.calls, 20);
  });

  it("releases every session it opened when a call fails", async () => {
    const { state, probe, subject } = world();
    const failing: OperationalSubject = {
      bytes: 1,
      parameters: null,
      open() {
        return Promise.resolve({
          run: () => Promise.reject(new Error("boom")),
          release() {
            state.log.push("failing:released");
            return Promise.resolve();
          },
        });
      },
    };
    await assert.rejects(
      measureOperational(
        subject("a", () => 1),
        failing,
        base(probe),
      ),
      /boom/,
    );
    assert.ok(state.log.includes("a:released"));
    assert.ok(state.log.includes("failing:released"));
  });
});
