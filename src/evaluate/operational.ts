/**
 * What a model costs to serve, measured on the runner: session load time, the resident memory the
 * session adds, and latency per call at batch 1 and a configured batch (p50, p95, p99 and throughput)
 * over rounds of timed calls after an untimed warm-up. With a champion every round times both models
 * in alternating order (ABBA…), so a runner that slows down for a while slows both, and each ratio
 * (challenger ÷ champion) gets an interval from a paired bootstrap over the rounds.
 *
 * Time and memory come through a seam (`OperationalProbe`): the stage passes the real clock and the
 * process's resident set, tests pass scripted ones, so no test asserts on real time.
 */
import { mulberry32, streamSeed } from "../common/seeded-random.ts";
import { percentileInterval, quantileOfSorted } from "./bootstrap.ts";

/** A measured figure with its interval over the measurement rounds (absent for a single measurement). */
export interface MeasuredFigure {
  value: number | null;
  ci?: [number, number];
}

/** Latency and throughput of one model at one batch size, over the warm measured window. */
export interface LatencyFigures {
  /** Rows per call. */
  batch: number;
  /** Milliseconds per call: the percentiles of every timed call, pooled over the rounds. */
  p50Ms: MeasuredFigure;
  p95Ms: MeasuredFigure;
  p99Ms: MeasuredFigure;
  /** Rows per second: rows scored over the time the timed calls took. */
  throughputRowsPerS: MeasuredFigure;
  /** Timed calls in all (rounds × calls per round); warm-up calls are not counted. */
  calls: number;
}

/** What one model costs to serve, measured in onnxruntime on the runner (docs/gates.md#operational-gates). */
export interface OperationalFigures {
  /** The model file and its external data, in bytes and in MB (10^6 bytes). */
  bytes: number;
  sizeMb: number;
  /** Elements of the graph's initializers (its weights); null when the graph could not be read. */
  parameters: number | null;
  /** Milliseconds to create the inference session from the file: the faster of two loads (ABBA with a champion). */
  loadMs: number;
  /** Resident memory the session added at its peak (MB), measured in a process of its own where the subject can (peakMemory). */
  peakMemoryMb: number;
  latency: LatencyFigures[];
}

/** Challenger ÷ champion at one batch size, with intervals from the paired rounds. */
export interface OperationalRatios {
  batch: number;
  p50: MeasuredFigure;
  p95: MeasuredFigure;
  p99: MeasuredFigure;
  throughput: MeasuredFigure;
}

/** A session ready to run: one call scores `rows` rows (its inputs prepared before the timer starts). */
export interface TimedSession {
  run(rows: number, call: number): Promise<void>;
  release(): Promise<void>;
}

/** A model to measure: its size on disk and weights, and how to open a session of it (the load that is timed). */
export interface OperationalSubject {
  bytes: number;
  parameters: number | null;
  open(): Promise<TimedSession>;
  /**
   * The resident memory a session of the model adds at its peak, in bytes, measured in a process of
   * its own (operational-memory-worker.ts). Without it, or when the probe says not to, the
   * measurement reads the evaluating process, which can read low (its allocator reuses freed memory).
   */
  peakMemory?(): Promise<number>;
}

/** The clock and memory readings the measurement takes. */
export interface OperationalProbe {
  /** Milliseconds from an arbitrary origin, monotonic (performance.now()). */
  now(): number;
  /** The process's resident set in bytes (process.memoryUsage.rss()). */
  rss(): number;
  /** The process's peak resident set so far in bytes (process.resourceUsage().maxRSS × 1024), when known. */
  maxRss?(): number;
  /** Whether to measure memory in a process of its own where the subject can (default true; tests that script memory say false). */
  isolateMemory?: boolean;
}

export interface OperationalOptions {
  /** Batch sizes to time, e.g. [1, 64]. */
  batches: number[];
  /** Rounds of timed calls; the interval is a bootstrap over them. */
  rounds: number;
  /** Timed calls per model, batch size and round (fewer when the time budget asks for it, never fewer than MIN_CALLS). */
  calls: number;
  /** Untimed calls per model and batch size before the first round. */
  warmup: number;
  /** The time the rounds may take in all (seconds), judged from the warm-up's pace. */
  maxSeconds: number;
  resamples: number;
  confidence: number;
  seed: number;
  probe: OperationalProbe;
}

export interface OperationalMeasurement {
  challenger: OperationalFigures;
  champion?: OperationalFigures;
  ratios?: OperationalRatios[];
  /** Timed calls per round actually made (fewer than asked when the time budget said so). */
  callsPerRound: number;
  /** What people should know to read the figures (a memory figure read in-process). */
  notes: string[];
}

/** The stream of the user's seed the rounds' bootstrap draws from (apart from the metrics' bootstrap). */
export const OPERATIONAL_STREAM = 0x0be7a7;
/** Fewest timed calls per round the time budget may leave: below this a round's percentiles say little. */
export const MIN_CALLS = 5;
const MB = 1e6;

/** Per-call latencies of one model at one batch size, one array per round. */
type Rounds = Float64Array[];

interface Pooled {
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
}

/** The percentiles and throughput of the rounds `picks` (indices, repeats allowed) pooled. */
function pooled(rounds: Rounds, picks: ArrayLike<number>, batch: number): Pooled {
  let size = 0;
  for (let i = 0; i < picks.length; i++) size += rounds[picks[i]!]!.length;
  const all = new Float64Array(size);
  let offset = 0;
  let total = 0;
  for (let i = 0; i < picks.length; i++) {
    const round = rounds[picks[i]!]!;
    all.set(round, offset);
    offset += round.length;
    for (const value of round) total += value;
  }
  all.sort();
  return {
    p50: quantileOfSorted(all, 0.5),
    p95: quantileOfSorted(all, 0.95),
    p99: quantileOfSorted(all, 0.99),
    throughput: total > 0 ? (batch * size * 1000) / total : Number.NaN,
  };
}

const FIGURES = ["p50", "p95", "p99", "throughput"] as const;

function figure(value: number, ci: [number, number] | undefined): MeasuredFigure {
  return { value: Number.isFinite(value) ? value : null, ...(ci === undefined ? {} : { ci }) };
}

/**
 * Bootstrap over the rounds: each replicate draws `rounds` round indices with replacement and pools
 * their calls. With a champion the same draw serves both models (the rounds are paired), so the
 * ratio's interval keeps what the two share (a runner slowed for a round slows both).
 */
function summarize(
  timed: Rounds[][],
  batches: number[],
  options: Pick<OperationalOptions, "resamples" | "confidence" | "seed">,
): { latency: LatencyFigures[][]; ratios?: OperationalRatios[] } {
  const rounds = timed[0]![0]!.length;
  const models = timed.length;
  const random = mulberry32(streamSeed(options.seed, OPERATIONAL_STREAM));
  const replicates = rounds > 1 ? options.resamples : 0;
  // [model][batch][figure] → replicates; ratios: [batch][figure].
  const draws = timed.map(() => batches.map(() => FIGURES.map(() => new Float64Array(replicates))));
  const ratioDraws = batches.map(() => FIGURES.map(() => new Float64Array(replicates)));
  const picks = new Int32Array(rounds);
  for (let b = 0; b < replicates; b++) {
    for (let i = 0; i < rounds; i++) picks[i] = Math.floor(random() * rounds);
    batches.forEach((batch, k) => {
      const values = timed.map((model) => pooled(model[k]!, picks, batch));
      values.forEach((value, m) => {
        FIGURES.forEach((name, f) => (draws[m]![k]![f]![b] = value[name]));
      });
      if (models === 2) FIGURES.forEach((name, f) => (ratioDraws[k]![f]![b] = values[0]![name] / values[1]![name]));
    });
  }
  const all = Int32Array.from({ length: rounds }, (_, i) => i);
  const points = timed.map((model) => batches.map((batch, k) => pooled(model[k]!, all, batch)));
  const latency = timed.map((model, m) =>
    batches.map((batch, k): LatencyFigures => {
      const point = points[m]![k]!;
      const ci = (f: number) => (replicates > 0 ? percentileInterval(draws[m]![k]![f]!, options.confidence) : undefined);
      return {
        batch,
        p50Ms: figure(point.p50, ci(0)),
        p95Ms: figure(point.p95, ci(1)),
        p99Ms: figure(point.p99, ci(2)),
        throughputRowsPerS: figure(point.throughput, ci(3)),
        calls: model[k]!.reduce((sum, round) => sum + round.length, 0),
      };
    }),
  );
  if (models < 2) return { latency };
  const ratios = batches.map((batch, k): OperationalRatios => {
    const ci = (f: number) => (replicates > 0 ? percentileInterval(ratioDraws[k]![f]!, options.confidence) : undefined);
    const ratio = (name: (typeof FIGURES)[number]) => points[0]![k]![name] / points[1]![k]![name];
    return {
      batch,
      p50: figure(ratio("p50"), ci(0)),
      p95: figure(ratio("p95"), ci(1)),
      p99: figure(ratio("p99"), ci(2)),
      throughput: figure(ratio("throughput"), ci(3)),
    };
  });
  return { latency, ratios };
}

interface Opened {
  session: TimedSession;
  loadMs: number;
  peakBytes: number;
  /** Mean milliseconds per warm-up call at each batch size, for the time budget. */
  pace: number[];
}

/**
 * Opens one model's session (timed) and warms it up at each batch size, reading the resident set
 * after every call: onnxruntime grows its arenas on the first runs of each shape, so the peak the
 * session adds shows here. The process's peak (maxRSS) catches a spike inside a call, when it rose.
 */
async function openAndWarm(subject: OperationalSubject, options: OperationalOptions): Promise<Opened> {
  const { probe } = options;
  const before = probe.rss();
  const maxBefore = probe.maxRss?.();
  let peak = before;
  const started = probe.now();
  const session = await subject.open();
  const loadMs = probe.now() - started;
  peak = Math.max(peak, probe.rss());
  const pace: number[] = [];
  try {
    for (const batch of options.batches) {
      const start = probe.now();
      for (let call = 0; call < options.warmup; call++) {
        await session.run(batch, call);
        peak = Math.max(peak, probe.rss());
      }
      pace.push(options.warmup > 0 ? (probe.now() - start) / options.warmup : 0);
    }
  } catch (error) {
    await session.release();
    throw error;
  }
  const maxAfter = probe.maxRss?.();
  if (maxBefore !== undefined && maxAfter !== undefined && maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  return { session, loadMs, peakBytes: Math.max(0, peak - before), pace };
}

/**
 * Calls per round that fit the time budget, judged from the warm-up's pace: at most `calls`, at
 * least MIN_CALLS. Without a warm-up (or an instant one) the asked number.
 */
export function callsWithinBudget(pace: number[], options: Pick<OperationalOptions, "calls" | "rounds" | "maxSeconds">): number {
  const perCall = pace.reduce((sum, ms) => sum + ms, 0);
  if (!(perCall > 0)) return options.calls;
  const fits = Math.floor((options.maxSeconds * 1000) / (options.rounds * perCall));
  return Math.max(MIN_CALLS, Math.min(options.calls, fits));
}

/**
 * Measures the challenger (and the champion, interleaved). Sessions are opened one after the other,
 * so each one's memory is what it adds to the process; both stay open through the rounds.
 */
export async function measureOperational(
  challenger: OperationalSubject,
  champion: OperationalSubject | undefined,
  options: OperationalOptions,
): Promise<OperationalMeasurement> {
  const { probe, batches } = options;
  if (options.rounds < 1 || options.calls < 1 || batches.length === 0) throw new RangeError("rounds, calls and batches must be at least 1");
  const subjects = champion === undefined ? [challenger] : [challenger, champion];
  const notes: string[] = [];
  // Memory first, each model in a process of its own where it can be; the in-process reading stands in otherwise.
  const isolated: (number | undefined)[] = [];
  for (const [m, subject] of subjects.entries()) {
    if (probe.isolateMemory === false || subject.peakMemory === undefined) {
      isolated.push(undefined);
      continue;
    }
    try {
      isolated.push(await subject.peakMemory());
    } catch (error) {
      isolated.push(undefined);
      notes.push(
        `The ${m === 0 ? "model's" : "champion's"} peak memory was read in the evaluating process, where it can read low (its own measurement failed: ${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
  const opened: Opened[] = [];
  try {
    for (const subject of subjects) opened.push(await openAndWarm(subject, options));
    // A second load of each, in the reverse order (ABBA), and the faster of the two kept: the first
    // session created pays one-time costs (thread pools, the file's first read) the other would not.
    for (const m of subjects.map((_, i) => i).reverse()) {
      const started = probe.now();
      const again = await subjects[m]!.open();
      const loadMs = probe.now() - started;
      await again.release();
      opened[m]!.loadMs = Math.min(opened[m]!.loadMs, loadMs);
    }
    const calls = callsWithinBudget(
      opened.flatMap((model) => model.pace),
      options,
    );
    // timed[model][batch][round] = per-call milliseconds.
    const timed: Rounds[][] = subjects.map(() => batches.map(() => []));
    for (let round = 0; round < options.rounds; round++) {
      // ABBA: the order alternates, so neither model always runs first (caches, turbo, a neighbour's load).
      const order = subjects.map((_, m) => m);
      if (round % 2 === 1) order.reverse();
      for (const m of order) {
        for (let k = 0; k < batches.length; k++) {
          const times = new Float64Array(calls);
          for (let call = 0; call < calls; call++) {
            const start = probe.now();
            await opened[m]!.session.run(batches[k]!, round * calls + call);
            times[call] = probe.now() - start;
          }
          timed[m]![k]!.push(times);
        }
      }
    }
    const { latency, ratios } = summarize(timed, batches, options);
    const figures = subjects.map((subject, m): OperationalFigures => ({
      bytes: subject.bytes,
      sizeMb: subject.bytes / MB,
      parameters: subject.parameters,
      loadMs: opened[m]!.loadMs,
      peakMemoryMb: (isolated[m] ?? opened[m]!.peakBytes) / MB,
      latency: latency[m]!,
    }));
    return {
      challenger: figures[0]!,
      ...(figures[1] === undefined ? {} : { champion: figures[1] }),
      ...(ratios === undefined ? {} : { ratios }),
      callsPerRound: calls,
      notes,
    };
  } finally {
    for (const model of opened) await model.session.release();
  }
}
