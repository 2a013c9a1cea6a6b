/** A bootstrap worker thread (bootstrap-pool.ts): prepares the job once, then computes each replicate range it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { replicateRunner, type ReplicateJob } from "./bootstrap-replicates.ts";

const port = parentPort!;
const run = replicateRunner(workerData as ReplicateJob);
port.on("message", (message: { shard: number; from: number; to: number }) => {
  const replicates = run(message.from, message.to);
  port.postMessage(
    { shard: message.shard, replicates },
    replicates.map((values) => values.buffer as ArrayBuffer),
  );
});
