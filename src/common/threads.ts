/**
 * How many worker threads CPU-heavy work (bootstrap replicates, training, CSV passes) may use.
 * Work is split into a fixed number of shards whatever this says, so the count changes speed, never
 * results; `MODELSHIP_THREADS=1` forces one worker (e.g. on a shared runner, or to compare timings).
 */
import { availableParallelism } from "node:os";
import { UserError } from "./errors.ts";

/** The environment variable that sets the worker-thread count. */
export const THREADS_ENV = "MODELSHIP_THREADS";

/** Largest count accepted: more threads than this is a typo, not a machine. */
const MAX_THREADS = 1024;

/**
 * `MODELSHIP_THREADS` as a positive whole number, or `availableParallelism()` when unset or empty.
 * Anything else (0, negative, fractional, not a number) is a UserError naming the variable.
 */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[THREADS_ENV];
  if (raw === undefined || raw.trim() === "") return availableParallelism();
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
    throw new UserError(`${THREADS_ENV} is ${JSON.stringify(raw)}, not a whole number of threads from 1 to ${MAX_THREADS}`, {
      hint: `set ${THREADS_ENV} to a positive whole number such as 1 (one worker) or ${availableParallelism()} (this machine's cores), or unset it to use every core`,
    });
  }
  return Number(value);
}
