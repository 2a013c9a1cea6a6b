/**
 * Data-parallel passes of the MLP kernel (mlp-kernel.ts) on worker threads, bit for bit the same
 * whatever the thread count.
 *
 * Every pass splits its rows into SHARDS fixed parts (by the row count alone). Thread t computes the
 * shards t, t + threads, … each into its own gradient buffer and loss slot; the calling thread is
 * thread 0 and then sums the shards in shard order. So one thread or four give the same sums, in the
 * same order, and the same weights.
 *
 * Parameters, gradients and data live in SharedArrayBuffers. A pass is started by bumping a
 * generation counter and finished when a pending counter reaches 0 (Atomics: a short spin, then
 * wait/notify), which costs microseconds per batch where a postMessage round trip costs tens.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../common/worker-entry.ts";
import {
  Adam,
  Arena,
  countNonzeros,
  makeScratch,
  runRows,
  scratchBytes,
  shardRange,
  sparseRowsBytes,
  toSparseRows,
  type MlpLayout,
  type Scratch,
  type SparseRows,
} from "./mlp-kernel.ts";
import { instantiateKernel, kernelMemory, type KernelMemory, type KernelModule, type KernelOps } from "./mlp-wasm.ts";

/** Fixed shard count: it bounds the useful thread count and never depends on it. */
export const SHARDS = 4;

/** Control words (Int32Array on a SharedArrayBuffer). */
const GENERATION = 0;
const COMMAND = 1;
const DATASET = 2;
const ROWSET = 3;
const OFFSET = 4;
const LENGTH = 5;
const PENDING = 6;
const FAILED = 7;
const MASKED = 8;
/** Workers whose loop has started. */
const READY = 9;
const CONTROL_WORDS = 10;

const GRADIENT = 1;
const EVALUATE = 2;
const EXIT = 3;

/** A pass's summed loss and rows classified right. */
export interface PassResult {
  loss: number;
  correct: number;
}

/** A data set as the threads see it: sparse rows and targets, shared. */
export interface PoolDataset {
  data: SparseRows;
  y: Float32Array;
}

/** Everything a thread needs, structured-clonable (typed arrays on SharedArrayBuffers are shared, not copied). */
export interface PoolShared {
  layout: MlpLayout;
  /** The WebAssembly memory every array here lives in, and the kernel compiled for it. */
  memory: KernelMemory;
  module: KernelModule;
  /** One per thread. */
  scratches: Scratch[];
  control: Int32Array;
  params: Float64Array;
  /** [SHARDS][layout.size] per-shard gradient sums. */
  grads: Float64Array;
  /** [SHARDS][2]: loss sum, rows classified right. */
  results: Float64Array;
  masks: Float32Array;
  datasets: PoolDataset[];
  rowsets: Int32Array[];
  threads: number;
}

/** Runs thread `thread`'s shards of the pass the control words describe. */
export function runShards(shared: PoolShared, thread: number, threads: number, scratch: Scratch, ops: KernelOps): void {
  const { layout, control, params, grads, results, masks, datasets, rowsets } = shared;
  const command = control[COMMAND];
  const dataset = datasets[control[DATASET]!]!;
  const rows = rowsets[control[ROWSET]!]!;
  const offset = control[OFFSET]!;
  const length = control[LENGTH]!;
  const masked = control[MASKED] === 1;
  for (let s = thread; s < SHARDS; s += threads) {
    const [from, to] = shardRange(length, SHARDS, s);
    const grad = command === GRADIENT ? grads.subarray(s * layout.size, (s + 1) * layout.size) : undefined;
    grad?.fill(0);
    results[s * 2] = runRows({
      layout,
      params,
      data: dataset.data,
      y: dataset.y,
      rows,
      from: offset + from,
      to: offset + to,
      ...(grad ? { grad } : {}),
      ...(masked ? { masks, maskBase: offset } : {}),
      scratch,
      ops,
    });
    results[s * 2 + 1] = scratch.correct;
  }
}

/** The worker thread's loop (mlp-worker.ts): wait for a generation, run its shards, count down. */
export function workerLoop(shared: PoolShared, thread: number): void {
  const { control } = shared;
  const scratch = shared.scratches[thread]!;
  const ops = instantiateKernel(shared.module, shared.memory);
  let seen = 0;
  Atomics.add(control, READY, 1);
  for (;;) {
    const started = performance.now();
    while (Atomics.load(control, GENERATION) === seen) {
      // Spin briefly (the next batch usually follows within microseconds), then sleep.
      if (performance.now() - started > 0.2) Atomics.wait(control, GENERATION, seen, 50);
    }
    seen = Atomics.load(control, GENERATION);
    if (control[COMMAND] === EXIT) return;
    try {
      runShards(shared, thread, shared.threads, scratch, ops);
    } catch (error) {
      Atomics.store(control, FAILED, 1);
      if (Atomics.sub(control, PENDING, 1) === 1) Atomics.notify(control, PENDING);
      throw error;
    }
    if (Atomics.sub(control, PENDING, 1) === 1) Atomics.notify(control, PENDING);
  }
}

/**
 * Whether a gradient pass goes to the workers or stays on this thread. A pass is a few hundred
 * microseconds; on a busy machine a sleeping worker can take longer than that to be scheduled, so
 * spreading a pass can be slower than not. So the passes are timed: a probe runs PROBE passes each
 * way (the first of each left out: it may warm up or wake a worker) and the faster way, by mean time
 * per row, is kept until the next probe: PERIOD passes later when the workers won, twice as long as
 * last time when they lost (a probe that loses is the costly kind). A parallel probe that runs four
 * times slower than working alone ends at once. Results never depend on this choice: the shards and
 * their order are the same either way.
 */
class Scheduler {
  static readonly PERIOD = 256;
  static readonly PROBE = 6;
  private pass = 0;
  private probeAt = 0;
  private backoff = Scheduler.PERIOD;
  private best = true;
  private single = { sum: 0, count: 0 };
  private spread = { sum: 0, count: 0 };

  parallel(): boolean {
    const at = this.pass - this.probeAt;
    if (at < 0) return this.best;
    return at >= Scheduler.PROBE;
  }

  record(parallel: boolean, secondsPerRow: number): void {
    const at = this.pass - this.probeAt;
    this.pass++;
    if (at < 0) return;
    const side = parallel ? this.spread : this.single;
    if (at !== 0 && at !== Scheduler.PROBE) {
      side.sum += secondsPerRow;
      side.count++;
    }
    const singleMean = this.single.sum / this.single.count;
    if (parallel && side.count > 0 && secondsPerRow > 4 * singleMean) this.decide(false);
    else if (at === 2 * Scheduler.PROBE - 1) this.decide(this.spread.sum / this.spread.count <= singleMean);
  }

  private decide(parallel: boolean): void {
    this.best = parallel;
    this.backoff = parallel ? Scheduler.PERIOD : Math.min(2 * this.backoff, 64 * Scheduler.PERIOD);
    this.probeAt = this.pass + this.backoff;
    this.single = { sum: 0, count: 0 };
    this.spread = { sum: 0, count: 0 };
  }
}

/** A data set as the trainer hands it over: encoded rows and targets. */
export interface PoolData {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  width: number;
}

/**
 * Worker threads between pools. Starting one costs tens of milliseconds of CPU (a new isolate, the
 * kernel's modules), as much as training a small data set; so, as OpenBLAS keeps its threads
 * between calls, a closed pool's workers wait here for the next pool (a sweep, the next fit) and are
 * terminated after IDLE_MS unused. They are unref()'d: an idle worker never keeps the process alive.
 */
const IDLE_MS = 2000;
const idleWorkers: Worker[] = [];
let idleTimer: NodeJS.Timeout | undefined;

function takeWorker(): Worker {
  const idle = idleWorkers.pop();
  if (idle) return idle;
  const worker = new Worker(workerEntry("mlp-worker", import.meta.url, "the training worker"));
  worker.unref();
  // An idle worker that dies leaves the idle set (a pool's own listeners report it while in use).
  worker.on("exit", () => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
  worker.on("error", () => undefined);
  return worker;
}

function releaseWorkers(workers: Worker[]): void {
  idleWorkers.push(...workers);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    for (const worker of idleWorkers.splice(0)) void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

export class MlpPool {
  readonly shared: PoolShared;
  /** The mean gradient of the last `computeGradient` pass. */
  readonly gradient: Float64Array;
  private readonly workers: Worker[] = [];
  /** Removes this pool's listeners from its workers. */
  private readonly detach: (() => void)[] = [];
  private readonly ops: KernelOps;
  private readonly scheduler = new Scheduler();
  private readonly adam: Adam;
  /** "parallel" spreads every pass once the workers are up (tests use it); "timed" lets the Scheduler choose. */
  private readonly schedule: "timed" | "parallel";
  /** Passes run on the workers and this thread, and on this thread alone. */
  readonly passes = { parallel: 0, alone: 0 };
  private failure: Error | undefined;

  private constructor(shared: PoolShared, schedule: "timed" | "parallel", adam: Adam) {
    this.shared = shared;
    this.adam = adam;
    this.schedule = schedule;
    this.gradient = new Float64Array(shared.layout.size);
    this.ops = instantiateKernel(shared.module, shared.memory);
  }

  /**
   * Copies the data sets (the second may be the first) and row sets into kernel memory and starts
   * `threads − 1` workers (the caller's thread is the first), at most SHARDS in all.
   */
  static start(options: {
    layout: MlpLayout;
    datasets: PoolData[];
    rowsets: Int32Array[];
    batchSize: number;
    threads: number;
    /** For `step`: Adam's learning rate (its moments then live in kernel memory too). */
    learningRate?: number;
    schedule?: "timed" | "parallel";
  }): MlpPool {
    const { layout } = options;
    const threads = Math.max(1, Math.min(SHARDS, options.threads));
    const distinct = [...new Set(options.datasets)];
    const nonzeros = distinct.map((data) => countNonzeros(data.x.subarray(0, data.rows * data.width)));
    const maskLength = Math.max(1, options.batchSize * layout.maskWidth);
    const bytes =
      Arena.bytes(CONTROL_WORDS, 4) +
      Arena.bytes(layout.size, 8) * (1 + SHARDS) +
      Arena.bytes(SHARDS * 2, 8) +
      Arena.bytes(maskLength, 4) +
      distinct.reduce((sum, data, d) => sum + sparseRowsBytes(data.rows, nonzeros[d]!) + Arena.bytes(data.rows, 4), 0) +
      options.rowsets.reduce((sum, rows) => sum + Arena.bytes(rows.length, 4), 0) +
      threads * scratchBytes(layout) +
      Adam.bytes(layout.size);
    const { memory, module } = kernelMemory(bytes);
    const arena = new Arena(memory.buffer);
    const control = arena.i32(CONTROL_WORDS);
    const params = arena.f64(layout.size);
    const grads = arena.f64(SHARDS * layout.size);
    const results = arena.f64(SHARDS * 2);
    const masks = arena.f32(maskLength);
    const copies = distinct.map((data) => {
      const y = arena.f32(data.rows);
      y.set(data.y.subarray(0, data.rows));
      return { data: toSparseRows(data.x, data.rows, data.width, arena, nonzeros[distinct.indexOf(data)]), y };
    });
    const rowsets = options.rowsets.map((rows) => {
      const copy = arena.i32(rows.length);
      copy.set(rows);
      return copy;
    });
    const scratches = Array.from({ length: threads }, () => makeScratch(layout, arena));
    const adam = new Adam(layout.size, options.learningRate ?? 0.001, arena);
    const pool = new MlpPool(
      {
        layout,
        memory,
        module,
        scratches,
        control,
        params,
        grads,
        results,
        masks,
        datasets: options.datasets.map((data) => copies[distinct.indexOf(data)]!),
        rowsets,
        threads,
      },
      options.schedule ?? "timed",
      adam,
    );
    for (let thread = 1; thread < threads; thread++) {
      const worker = takeWorker();
      const onError = (error: Error) => {
        pool.failure ??= error;
      };
      const onExit = (code: number) => {
        pool.failure ??= new Error(`a training worker thread exited with code ${code}`);
      };
      worker.on("error", onError);
      worker.on("exit", onExit);
      pool.detach.push(() => {
        worker.off("error", onError);
        worker.off("exit", onExit);
      });
      worker.postMessage({ shared: pool.shared, thread });
      pool.workers.push(worker);
    }
    return pool;
  }

  /** Resolves when every worker has started (or at once without workers). */
  async ready(): Promise<void> {
    while (Atomics.load(this.shared.control, READY) < this.workers.length) {
      if (this.failure) throw this.failure;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  get threads(): number {
    return this.shared.threads;
  }

  /** Mean gradient over rows [offset, offset + length) of a row set into `this.gradient`; returns the summed loss and rows right (before the step). */
  async computeGradient(dataset: number, rowset: number, offset: number, length: number, masked: boolean): Promise<PassResult> {
    const result = await this.pass(GRADIENT, dataset, rowset, offset, length, masked);
    const { grads, layout } = this.shared;
    const size = layout.size;
    const gradient = this.gradient;
    for (let p = 0; p < size; p++) {
      let sum = grads[p]!;
      for (let s = 1; s < SHARDS; s++) sum += grads[s * size + p]!;
      gradient[p] = sum / length;
    }
    return result;
  }

  /**
   * One Adam step (the pool's learning rate) on the mean gradient over rows [offset, offset + length)
   * of a row set, summed and applied in WebAssembly; returns the summed loss and rows right before it.
   */
  async step(dataset: number, rowset: number, offset: number, length: number, masked: boolean): Promise<PassResult> {
    const result = await this.pass(GRADIENT, dataset, rowset, offset, length, masked);
    this.adam.stepShards(this.ops, this.shared.params, this.shared.grads, SHARDS, length);
    return result;
  }

  /** Summed loss and rows classified right, without dropout. */
  evaluate(dataset: number, rowset: number, offset: number, length: number): Promise<PassResult> {
    return this.pass(EVALUATE, dataset, rowset, offset, length, false);
  }

  private async pass(
    command: number,
    dataset: number,
    rowset: number,
    offset: number,
    length: number,
    masked: boolean,
  ): Promise<PassResult> {
    const { control, results } = this.shared;
    if (this.failure) throw this.failure;
    control[COMMAND] = command;
    control[DATASET] = dataset;
    control[ROWSET] = rowset;
    control[OFFSET] = offset;
    control[LENGTH] = length;
    control[MASKED] = masked ? 1 : 0;
    // Until every worker has started (tens of milliseconds), this thread works alone rather than wait.
    const ready = this.workers.length > 0 && Atomics.load(control, READY) === this.workers.length;
    const parallel = ready && (command !== GRADIENT || this.schedule === "parallel" || this.scheduler.parallel());
    this.passes[parallel ? "parallel" : "alone"]++;
    const started = performance.now();
    if (parallel) {
      Atomics.store(control, PENDING, this.workers.length);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
    }
    runShards(this.shared, 0, parallel ? this.shared.threads : 1, this.shared.scratches[0]!, this.ops);
    if (parallel) await this.waitForWorkers();
    if (command === GRADIENT && ready) this.scheduler.record(parallel, (performance.now() - started) / Math.max(1, length));
    // In shard order, so the thread count cannot change the sum.
    let loss = 0;
    let correct = 0;
    for (let s = 0; s < SHARDS; s++) {
      loss += results[s * 2]!;
      correct += results[s * 2 + 1]!;
    }
    return { loss, correct };
  }

  /** Spins, then sleeps on the pending counter; yields to the event loop when slow, so a dead worker is noticed. */
  private async waitForWorkers(): Promise<void> {
    const { control } = this.shared;
    const started = performance.now();
    for (;;) {
      const pending = Atomics.load(control, PENDING);
      if (pending === 0) break;
      if (this.failure) throw this.failure;
      const waited = performance.now() - started;
      if (waited < 0.2) continue;
      if (Atomics.wait(control, PENDING, pending, 5) === "timed-out" && waited > 20) await new Promise((resolve) => setImmediate(resolve));
    }
    if (Atomics.load(control, FAILED) === 1) {
      // The worker's 'error' event carries the reason; let it arrive.
      for (let tick = 0; tick < 100 && !this.failure; tick++) await new Promise((resolve) => setTimeout(resolve, 10));
      throw this.failure ?? new Error("a training worker thread failed");
    }
  }

  /** Stops the workers (idempotent). */
  /**
   * Ends the pass loop of the workers (idempotent). They go back to the idle set for the next pool,
   * which ends them after IDLE_MS unused; after a failure they are terminated at once.
   */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const detach of this.detach.splice(0)) detach();
    if (workers.length === 0) return;
    const { control } = this.shared;
    control[COMMAND] = EXIT;
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    if (this.failure) await Promise.all(workers.map((worker) => worker.terminate()));
    else releaseWorkers(workers);
  }
}
