/**
 * Operational gates: the policy's defaults and the gates it refuses, each gate judging the figure it
 * names (the interval's bound with on: ci), ratio gates skipped without a champion, and the section
 * in the PR comment and at the terminal.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OperationalSection } from "../../../src/gates/gate-report-types.ts";
import { renderGateReport } from "../../../src/gates/gate-markdown.ts";
import { operationalMarkdown } from "../../../src/gates/operational-markdown.ts";
import { evaluateOperationalGates } from "../../../src/gates/operational-gates.ts";
import { checkGateBounds, resolvePolicy, type GatePolicyDocument } from "../../../src/gates/policy.ts";
import { UserError } from "../../../src/common/errors.ts";

const figure = (value: number, ci?: [number, number]) => ({ value, ...(ci === undefined ? {} : { ci }) });

function section(withChampion = true): OperationalSection {
  const latency = (scale: number) => [
    {
      batch: 1,
      p50Ms: figure(0.4 * scale, [0.38 * scale, 0.43 * scale]),
      p95Ms: figure(0.9 * scale, [0.8 * scale, 1.1 * scale]),
      p99Ms: figure(1.5 * scale, [1.2 * scale, 2 * scale]),
      throughputRowsPerS: figure(2200 / scale, [2000 / scale, 2400 / scale]),
      calls: 300,
    },
    {
      batch: 64,
      p50Ms: figure(3 * scale, [2.9 * scale, 3.2 * scale]),
      p95Ms: figure(4 * scale, [3.8 * scale, 4.5 * scale]),
      p99Ms: figure(5 * scale, [4.5 * scale, 6 * scale]),
      throughputRowsPerS: figure(20000 / scale, [19000 / scale, 21000 / scale]),
      calls: 300,
    },
  ];
  return {
    environment: { cpu: "Test CPU @ 2.0GHz", logicalCpus: 4, threads: 2, onnxruntime: "1.30.0", platform: "linux-x64" },
    method: {
      rounds: 10,
      callsPerRound: 30,
      warmup: 10,
      sampleRows: 500,
      resamples: 2000,
      confidence: 0.95,
      seed: 0,
      interleaved: withChampion,
    },
    challenger: { bytes: 31_400_000, sizeMb: 31.4, parameters: 7_800_000, loadMs: 120, peakMemoryMb: 88.5, latency: latency(1) },
    ...(withChampion
      ? {
          champion: { bytes: 20_000_000, sizeMb: 20, parameters: 5_000_000, loadMs: 90, peakMemoryMb: 60, latency: latency(0.8) },
          ratios: [
            {
              batch: 1,
              p50: figure(1.25, [1.1, 1.35]),
              p95: figure(1.2, [0.9, 1.6]),
              p99: figure(1.3, [0.8, 2]),
              throughput: figure(0.8, [0.74, 0.9]),
            },
            {
              batch: 64,
              p50: figure(1.25, [1.2, 1.3]),
              p95: figure(1.25, [1.1, 1.4]),
              p99: figure(1.25, [1, 1.6]),
              throughput: figure(0.8, [0.77, 0.83]),
            },
          ],
        }
      : {}),
    notes: [],
  };
}

const gatesOf = (document: GatePolicyDocument["operational"]) => resolvePolicy({ operational: document }).operational.gates;

describe("operational policy", () => {
  it("measures by default, with one warning gate: the median latency's ratio to the champion at batch 1, failing only when shown above 1.2", () => {
    const policy = resolvePolicy({}).operational;
    assert.equal(policy.enabled, true);
    assert.equal(policy.batch, 64);
    assert.deepEqual(policy.gates, [
      { metric: "latency_ratio_vs_champion", max: 1.2, batch: 1, percentile: 50, on: "not_worse", severity: "warn" },
    ]);
    assert.equal(resolvePolicy({ operational: false }).operational.enabled, false);
  });

  it("fills a written gate's batch: 1 for latency, the policy's batch for throughput, none for size", () => {
    const gates = gatesOf({
      batch: 32,
      gates: [
        { metric: "latency_p95_ms", max: 5 },
        { metric: "throughput_rows_per_s", min: 1000 },
        { metric: "model_size_mb", max: 50 },
      ],
    });
    assert.deepEqual(
      gates.map((gate) => gate.batch),
      [1, 32, undefined],
    );
    assert.ok(gates.every((gate) => gate.on === "point" && gate.severity === "fail"));
  });

  const refuses = (operational: GatePolicyDocument["operational"], pointer: string, message: RegExp) => {
    let caught: unknown;
    try {
      checkGateBounds({ operational }, { file: "modelship.yaml", prefix: "/gates" });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof UserError, "a UserError");
    assert.match(caught.message, message);
    assert.equal(caught.pointer, pointer);
    assert.ok(caught.hint !== undefined && caught.hint.length > 0);
  };

  it("refuses gates that can never be judged, naming the pointer and the fix", () => {
    refuses(
      { gates: [{ metric: "latency_p95_ms", max: 5, batch: 16 }] },
      "/gates/operational/gates/0/batch",
      /batch 16, which is not timed/,
    );
    refuses({ gates: [{ metric: "model_size_mb", max: 50, on: "ci" }] }, "/gates/operational/gates/0/on", /measured once/);
    refuses(
      { gates: [{ metric: "peak_memory_mb", max: 50, batch: 1 }] },
      "/gates/operational/gates/0/batch",
      /does not depend on the batch/,
    );
    refuses(
      { gates: [{ metric: "latency_p95_ms", max: 5, percentile: 99 }] },
      "/gates/operational/gates/0/percentile",
      /percentile applies/,
    );
    refuses({ gates: [{ metric: "latency_p50_ms" }] }, "/gates/operational/gates/0", /no threshold/);
    refuses({ gates: [{ metric: "load_time_ms", min: 10, max: 5 }] }, "/gates/operational/gates/0/min", /can never pass/);
    refuses({ gates: [{ metric: "model_size_mb", max: -1 }] }, "/gates/operational/gates/0/max", /never below 0/);
    refuses({ enabled: false, gates: [{ metric: "model_size_mb", max: 1 }] }, "/gates/operational/enabled", /not measured/);
    refuses(
      { rounds: 1, gates: [{ metric: "latency_p95_ms", max: 5, on: "ci" }] },
      "/gates/operational/gates/0/on",
      /one round gives none/,
    );
    refuses({ gates: [{ metric: "peak_memory_mb", max: 5, on: "not_worse" }] }, "/gates/operational/gates/0/on", /measured once/);
    // The policy's own batch is timed, so a gate on it is fine.
    checkGateBounds({ operational: { batch: 16, gates: [{ metric: "latency_p95_ms", max: 5, batch: 16 }] } }, {});
  });
});

describe("evaluateOperationalGates", () => {
  const judge = (document: GatePolicyDocument["operational"], withChampion = true) =>
    evaluateOperationalGates({ gates: gatesOf(document), section: section(withChampion), confidence: 0.95 });

  it("judges each figure it names: the value on: point, the interval's bound on: ci", () => {
    const { gates } = judge({
      gates: [
        { metric: "latency_p95_ms", max: 1 }, // 0.9 passes
        { metric: "latency_p95_ms", max: 1, on: "ci" }, // its upper bound 1.1 fails
        { metric: "throughput_rows_per_s", min: 19500, on: "ci" }, // batch 64's lower bound 19,000 fails
        { metric: "model_size_mb", max: 50, severity: "warn" },
        { metric: "parameters", max: 1_000_000, severity: "warn" },
        { metric: "peak_memory_mb", max: 100 },
        { metric: "load_time_ms", max: 100 },
      ],
    });
    assert.deepEqual(
      gates.map((gate) => [gate.id, gate.status, gate.observed]),
      [
        ["operational:latency_p95_ms:batch1", "pass", 0.9],
        ["operational:latency_p95_ms:batch1", "fail", 1.1],
        ["operational:throughput_rows_per_s:batch64", "fail", 19000],
        ["operational:model_size_mb", "pass", 31.4],
        ["operational:parameters", "warn", 7_800_000],
        ["operational:peak_memory_mb", "pass", 88.5],
        ["operational:load_time_ms", "fail", 120],
      ],
    );
    assert.ok(gates.every((gate) => gate.kind === "operational"));
    assert.equal(gates[0]!.n, 300);
    assert.match(gates[1]!.name, /Latency p95 \(ms\) at batch 1 ≤ 1 \(upper 95% CI bound\)/);
  });

  it("judges a ratio to the champion on the bound of its paired interval, for the percentile asked", () => {
    const { gates } = judge({
      gates: [
        { metric: "latency_ratio_vs_champion", max: 1.2 }, // point 1.25 fails
        { metric: "latency_ratio_vs_champion", max: 1.4, on: "ci" }, // upper bound 1.35 passes
        { metric: "latency_ratio_vs_champion", max: 1.4, on: "ci", percentile: 95 }, // p95's upper bound 1.6 fails
        { metric: "throughput_ratio_vs_champion", min: 0.75, on: "ci" }, // batch 64's lower bound 0.77 passes
      ],
    });
    assert.deepEqual(
      gates.map((gate) => [gate.id, gate.status, gate.observed]),
      [
        ["operational:latency_ratio_vs_champion:p50:batch1", "fail", 1.25],
        ["operational:latency_ratio_vs_champion:p50:batch1", "pass", 1.35],
        ["operational:latency_ratio_vs_champion:p95:batch1", "fail", 1.6],
        ["operational:throughput_ratio_vs_champion:batch64", "pass", 0.77],
      ],
    );
  });

  it("not_worse fails only when the whole interval is past the threshold: a shown regression", () => {
    const { gates } = judge({
      gates: [
        { metric: "latency_ratio_vs_champion", max: 1.2, on: "not_worse" }, // [1.1, 1.35] reaches below 1.2: passes
        { metric: "latency_ratio_vs_champion", max: 1.05, on: "not_worse" }, // the whole [1.1, 1.35] is above 1.05: fails
        { metric: "throughput_ratio_vs_champion", min: 0.95, on: "not_worse" }, // the whole [0.77, 0.83] is below 0.95: fails
        { metric: "latency_p95_ms", max: 1, on: "not_worse" }, // [0.8, 1.1] reaches below 1: passes
      ],
    });
    assert.deepEqual(
      gates.map((gate) => [gate.status, gate.observed]),
      [
        ["pass", 1.1],
        ["fail", 1.1],
        ["fail", 0.83],
        ["pass", 0.8],
      ],
    );
    assert.match(gates[1]!.reason, /lower 95% CI bound 1\.1 > 1\.05/);
    assert.match(gates[0]!.name, /≤ 1\.2 \(fails only when the whole 95% CI is past it\)/);
  });

  it("skips the default gate, with the reason, when its figure has no interval (bootstrap.resamples 0); a written one is insufficient_data", () => {
    const bare: OperationalSection = {
      ...section(),
      method: { ...section().method, resamples: 0 },
      ratios: section().ratios!.map((entry) => ({ ...entry, p50: figure(entry.p50.value!) })),
    };
    const defaults = evaluateOperationalGates({
      gates: resolvePolicy({}).operational.gates,
      section: bare,
      confidence: 0.95,
      defaults: true,
    });
    assert.deepEqual(defaults.gates, []);
    assert.match(defaults.skipped[0]!.why, /bootstrap\.resamples is 0/);
    const written = evaluateOperationalGates({
      gates: gatesOf({ gates: [{ metric: "latency_ratio_vs_champion", max: 1.2, on: "ci" }] }),
      section: bare,
      confidence: 0.95,
    });
    assert.equal(written.gates[0]!.status, "insufficient_data");
    assert.match(written.gates[0]!.reason, /bootstrap\.resamples is 0/);
  });

  it("skips ratio gates without a champion (for a note), and keeps the others", () => {
    const { gates, skipped } = judge(
      {
        gates: [
          { metric: "latency_ratio_vs_champion", max: 1.2 },
          { metric: "model_size_mb", max: 50 },
        ],
      },
      false,
    );
    assert.deepEqual(
      gates.map((gate) => gate.id),
      ["operational:model_size_mb"],
    );
    assert.deepEqual(
      skipped.map((entry) => entry.gate.metric),
      ["latency_ratio_vs_champion"],
    );
  });

  it("is insufficient_data, never a pass, where the figure is missing or has no interval to judge", () => {
    const noBatch: OperationalSection = {
      ...section(),
      challenger: { ...section().challenger, latency: [section().challenger.latency[0]!], parameters: null },
    };
    const result = evaluateOperationalGates({
      gates: gatesOf({
        gates: [
          { metric: "throughput_rows_per_s", min: 1 },
          { metric: "parameters", max: 10 },
        ],
      }),
      section: noBatch,
      confidence: 0.95,
    });
    assert.deepEqual(
      result.gates.map((gate) => gate.status),
      ["insufficient_data", "insufficient_data"],
    );
    const oneRound: OperationalSection = {
      ...section(false),
      method: { ...section(false).method, rounds: 1, resamples: 0 },
      challenger: {
        ...section(false).challenger,
        latency: section(false).challenger.latency.map((entry) => ({ ...entry, p95Ms: figure(0.9) })),
      },
    };
    const [gate] = evaluateOperationalGates({
      gates: gatesOf({ gates: [{ metric: "latency_p95_ms", max: 5, on: "ci" }] }),
      section: oneRound,
      confidence: 0.95,
    }).gates;
    assert.equal(gate!.status, "insufficient_data");
    assert.match(gate!.reason, /operational\.rounds ≥ 2/);
  });
});

describe("the operational section in the PR comment", () => {
  it("names where it was measured, shows every figure with its interval and the ratios, and charts batch 1", () => {
    const markdown = operationalMarkdown(section());
    assert.match(markdown, /Measured on Test CPU @ 2\.0GHz, 4 logical CPUs, onnxruntime 1\.30\.0 \(2 threads\), linux-x64/);
    assert.match(markdown, /10 rounds × 30 calls per batch size after 10 warm-up calls, the champion timed in the same rounds/);
    assert.match(markdown, /\| Batch 1: latency p95 \(ms\) \| 0\.9 \[0\.8, 1\.1\] \| 0\.72 \[0\.64, 0\.88\] \| 1\.2 \[0\.9, 1\.6\] \|/);
    assert.match(
      markdown,
      /\| Batch 64: throughput \(rows\/s\) \| 20,000 \[19,000, 21,000\] \| 25,000 \[23,750, 26,250\] \| 0\.8 \[0\.77, 0\.83\] \|/,
    );
    assert.match(markdown, /\| Parameters \| 7,800,000 \| 5,000,000 \| 1\.56 \|/);
    assert.match(markdown, /xychart-beta\n {4}title "Latency per call at batch 1 \(ms\)"\n {4}x-axis \["p50", "p95", "p99"\]/);
    // Mermaid draws bar series over each other, so the champion is a line; the axis starts at 0.
    assert.match(markdown, /y-axis "milliseconds" 0 --> 1\.8\n {4}bar \[0\.4, 0\.9, 1\.5\]\n {4}line \[0\.32, 0\.72, 1\.2\]/);
    assert.match(markdown, /_Bars: the challenger; line: the champion\._/);
    assert.match(markdown, /Read memory as a floor/);
    const alone = operationalMarkdown(section(false));
    assert.doesNotMatch(alone, /Champion|Ratio|line: the champion/);
    assert.equal(operationalMarkdown(undefined), "");
  });

  it("sits in the gate report after the explanations", () => {
    const report = {
      schema: "modelship/gate-report@1",
      tool: { name: "modelship", version: "test" },
      created: "",
      verdict: "pass",
      passed: true,
      summary: { pass: 0, warn: 0, fail: 0, insufficient_data: 0 },
      model: { path: "m.onnx", sha256: "0".repeat(64), bytes: 1, format: "onnx", task: "regression", outputs: {}, inputs: [] },
      data: { files: [], rows: 1, target: "y", skippedRows: 0 },
      policy: { sha256: "0".repeat(64) },
      randomness: { bootstrapSeed: 0, resamples: 0, confidence: 0.95, method: "percentile", stratifiedBy: "none", fairnessResamples: 0 },
      environment: { node: "v24", onnxruntime: "1.30.0", platform: "linux-x64" },
      metrics: {},
      fairness: [],
      notes: [],
      operational: section(),
      gates: [],
    } as const;
    assert.match(renderGateReport(structuredClone(report) as never), /#### Operational \(onnxruntime on the runner\)/);
  });
});
