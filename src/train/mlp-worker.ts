/**
 * A training worker thread (mlp-pool.ts): for each pool that takes it, runs its shards of every pass
 * until that pool closes, then waits for the next pool.
 */
import { parentPort } from "node:worker_threads";
import { workerLoop, type PoolShared } from "./mlp-pool.ts";

parentPort?.on("message", (message: { shared: PoolShared; thread: number }) => {
  workerLoop(message.shared, message.thread);
});
