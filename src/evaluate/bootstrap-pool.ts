/**
 * Runs `metricIntervals`' bootstrap replicates on worker threads. The replicates are cut into shards
 * of a fixed size that does not depend on the thread count; each worker takes the next shard when it
 * is free and the results are put back by replicate index, so the intervals are the same whatever the
 * number of threads (`MODELSHIP_THREADS`, common/threads.ts) — the replicates' draws depend only on
 * (seed, replicate). Workers are terminated at the end and on any error.
 */
import { Worker } from "node:worker_threads";
import { workerEntry } from "../common/worker-entry.ts";
import { progressSink } from "../common/progress.ts";
import { replicateRunner, statisticCount, type ReplicateJob } from "./bootstrap-replicates.ts";

/** Replicates per shard: small enough to balance two to sixteen threads, large enough that messages cost nothing. */
export const SHARD_REPLICATES = 25;

/** Below this many row draws (rows × resamples) the work is done on the calling thread: starting workers would cost more. */
const MIN_PARALLEL_DRAWS = 4_000_000;

/**
 * Every replicate of `job`, one Float64Array per statistic. `threads` is the most threads to use
 * (`forceThreads`: use workers even for small work, as the tests do); one thread runs in the caller.
 */
export async function runReplicates(
  job: ReplicateJob,
  options: { resamples: number; rows: number; threads: number; forceThreads?: boolean },
): Promise<Float64Array[]> {
  const { resamples } = options;
  const statistics = statisticCount(job);
  const replicates = Array.from({ length: statistics }, () => new Float64Array(resamples));
  const shards = Math.ceil(resamples / SHARD_REPLICATES);
  const threads = Math.max(1, Math.min(options.threads, shards));
  const progress = progressSink();
  const parallel = threads > 1 && (options.forceThreads === true || options.rows * resamples >= MIN_PARALLEL_DRAWS);
  if (!parallel) {
    const run = replicateRunner(job);
    for (let shard = 0; shard < shards; shard++) {
      const from = shard * SHARD_REPLICATES;
      const to = Math.min(resamples, from + SHARD_REPLICATES);
      run(from, to).forEach((values, s) => {
        replicates[s]!.set(values, from);
      });
      progress?.({ task: "bootstrap", done: to, total: resamples, unit: "resamples" });
    }
    return replicates;
  }

  const entry = workerEntry("bootstrap-worker", import.meta.url, "the bootstrap worker");
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let done = 0;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const send = (worker: Worker) => {
        // A worker left without a shard idles until the end, when all are terminated.
        if (next >= shards) return;
        const shard = next++;
        const from = shard * SHARD_REPLICATES;
        worker.postMessage({ shard, from, to: Math.min(resamples, from + SHARD_REPLICATES) });
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(entry, { workerData: job });
        workers.push(worker);
        worker.on("message", (message: { shard: number; replicates: Float64Array[] }) => {
          const from = message.shard * SHARD_REPLICATES;
          message.replicates.forEach((values, s) => {
            replicates[s]!.set(values, from);
          });
          done += message.replicates[0]?.length ?? Math.min(SHARD_REPLICATES, resamples - from);
          finished++;
          progress?.({ task: "bootstrap", done, total: resamples, unit: "resamples" });
          if (finished === shards) resolve();
          else send(worker);
        });
        worker.on("error", fail);
        worker.on("exit", (code) => {
          if (finished < shards) fail(new Error(`a bootstrap worker thread exited with code ${code} before its shards were done`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return replicates;
}
