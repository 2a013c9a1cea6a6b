/**
 * Worker thread entry of the fast profiling pass (profile-fast.ts): either one share of columns
 * scanned from the files (posts its result), or the numeric columns fed by the scanning thread
 * (acknowledges each message, posts the profiles after `done`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { runColumnsPass, type ColumnsTask } from "./profile-columns-pass.ts";
import { FileHasher, NumericColumns, type NumericMessage, type NumericReply, type NumericWorkerData } from "./profile-numeric-sink.ts";

const data = workerData as ColumnsTask | NumericWorkerData;
if ("kind" in data) {
  const columns = new NumericColumns(data);
  const hasher = data.hash === undefined ? undefined : new FileHasher(data.hash);
  parentPort?.on("message", (message: NumericMessage) => {
    if ("done" in message) {
      while (hasher?.step() === true);
      parentPort?.postMessage({
        ...columns.finish(),
        ...(hasher === undefined ? {} : { digests: hasher.digests }),
        ...(columns.bad === undefined ? {} : { bad: columns.bad }),
      } satisfies NumericReply);
      return;
    }
    columns.add(message.batches, message.spans);
    // About a chunk of the file per message: the hashing keeps pace with the scan.
    hasher?.step();
    parentPort?.postMessage({ ack: true } satisfies NumericReply);
  });
} else parentPort?.postMessage(await runColumnsPass(data));
