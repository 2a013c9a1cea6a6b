/**
 * The operational part of the evaluation (runEvaluation in evaluation.ts): times the model, and the
 * champion interleaved with it, in onnxruntime on the runner (evaluate/operational.ts), writes the
 * report's `operational` section with the runner's CPU, threads and onnxruntime version, and judges
 * the operational gates (gates/operational-gates.ts).
 */
import { availableParallelism, cpus } from "node:os";
import type { Logger } from "../common/logger.ts";
import { onnxRuntimeVersion } from "../common/onnx-runtime.ts";
import type { LoadedModel } from "../evaluate/onnx-model.ts";
import { onnxSubject } from "../evaluate/operational-onnx.ts";
import { measureOperational, type OperationalProbe } from "../evaluate/operational.ts";
import type { RowSample } from "../evaluate/row-reservoir.ts";
import type { GateResult, OperationalSection } from "../gates/gate-report-types.ts";
import { describeOperationalGate, evaluateOperationalGates } from "../gates/operational-gates.ts";
import type { GatePolicy } from "../gates/policy.ts";

/** Prepared calls' worth of rows the sample keeps for the timing when permutation importance keeps none. */
const OPERATIONAL_SAMPLE_CALLS = 16;

/**
 * The reservoir sample the evaluation keeps while the data streams: permutation importance's rows
 * (unchanged by the timing), else enough rows for the timing's calls; the columns every model reads.
 */
export function evaluationSample(
  policy: GatePolicy,
  models: readonly LoadedModel[],
): { rows: number; seed: number; columns: string[] } | undefined {
  const rows = policy.explain.enabled
    ? policy.explain.rows
    : policy.operational.enabled
      ? policy.operational.batch * OPERATIONAL_SAMPLE_CALLS
      : 0;
  if (rows === 0) return undefined;
  return { rows, seed: policy.bootstrap.seed, columns: [...new Set(models.flatMap((model) => model.requiredColumns))] };
}

/** The real clock and the process's resident memory. */
export const PROCESS_PROBE: OperationalProbe = {
  now: () => performance.now(),
  rss: () => process.memoryUsage.rss(),
  maxRss: () => process.resourceUsage().maxRSS * 1024,
};

export interface OperationalInputs {
  policy: GatePolicy;
  model: LoadedModel;
  champion?: LoadedModel;
  sample?: RowSample;
  probe?: OperationalProbe;
  notes: string[];
  logger: Logger;
}

/** Measures and gates; undefined when the measurement is off or there is no row to time. */
export async function measureModels(inputs: OperationalInputs): Promise<{ section: OperationalSection; gates: GateResult[] } | undefined> {
  const { policy, model, champion, sample, notes, logger } = inputs;
  const settings = policy.operational;
  if (!settings.enabled || sample === undefined || sample.rows.length === 0) return undefined;
  const sectionNotes: string[] = [];
  const models = champion === undefined ? [model] : [model, champion];
  // A graph with a fixed batch dimension pads every call to it and cannot take more rows in one call.
  const fixed = Math.min(...models.map((loaded) => loaded.fixedBatch ?? Infinity));
  let batches = [1, settings.batch];
  if (Number.isFinite(fixed)) {
    batches = batches.filter((batch) => batch <= fixed);
    const which = models
      .filter((loaded) => loaded.fixedBatch !== undefined)
      .map((loaded) => (loaded === model ? "the model" : "the champion"));
    sectionNotes.push(
      `${which.join(" and ").replace(/^the/, "The")} fix${which.length === 1 ? "es" : ""} the batch dimension at ${fixed}: every call runs ${fixed} rows (padded), and ${settings.batch > fixed ? `batch ${settings.batch} was not timed` : "the times are per padded call"}.`,
    );
  }
  const probe = inputs.probe ?? PROCESS_PROBE;
  logger.info(
    `Operational: ${settings.rounds} rounds × ${settings.calls} calls at batch ${batches.join(" and ")}${champion === undefined ? "" : ", the champion interleaved"} (after ${settings.warmup} warm-up calls).`,
  );
  const started = probe.now();
  const subjects = await Promise.all(models.map((loaded) => onnxSubject(loaded, sample.columns, batches)));
  const measured = await measureOperational(subjects[0]!, subjects[1], {
    batches,
    rounds: settings.rounds,
    calls: settings.calls,
    warmup: settings.warmup,
    maxSeconds: settings.maxSeconds,
    resamples: policy.bootstrap.resamples,
    confidence: policy.bootstrap.confidence,
    seed: policy.bootstrap.seed,
    probe,
  });
  logger.info(`Operational measurement took ${((probe.now() - started) / 1000).toFixed(1)} s.`);
  if (measured.callsPerRound < settings.calls)
    sectionNotes.push(
      `${measured.callsPerRound} calls per round instead of ${settings.calls}, to keep the timed rounds within operational.max_seconds (${settings.maxSeconds} s).`,
    );
  if (settings.rounds < 2)
    sectionNotes.push("One round of measurement: the figures have no intervals (operational.rounds ≥ 2 gives them).");
  const section: OperationalSection = {
    environment: {
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      logicalCpus: availableParallelism(),
      threads: model.threads ?? "default",
      onnxruntime: await onnxRuntimeVersion(),
      platform: `${process.platform}-${process.arch}`,
    },
    method: {
      rounds: settings.rounds,
      callsPerRound: measured.callsPerRound,
      warmup: settings.warmup,
      sampleRows: sample.rows.length,
      resamples: settings.rounds > 1 ? policy.bootstrap.resamples : 0,
      confidence: policy.bootstrap.confidence,
      seed: policy.bootstrap.seed,
      interleaved: champion !== undefined,
    },
    challenger: measured.challenger,
    ...(measured.champion === undefined ? {} : { champion: measured.champion }),
    ...(measured.ratios === undefined ? {} : { ratios: measured.ratios }),
    notes: [...sectionNotes, ...measured.notes],
  };
  const { gates, skipped } = evaluateOperationalGates({
    gates: settings.gates,
    section,
    confidence: policy.bootstrap.confidence,
    defaults: settings.defaultGates,
  });
  // Without a champion the default gate's skip is expected (before the first release): no note for it.
  for (const { gate, why } of skipped)
    if (!(settings.defaultGates && why === "no champion was measured"))
      notes.push(`The operational gate ${describeOperationalGate(gate)} was skipped: ${why}.`);
  return { section, gates };
}
