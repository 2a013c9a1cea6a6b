/**
 * Worker thread entry of the fast validation path (validate-fast.ts `ColumnWorkers`): scans the
 * file for its share of the columns, posts each batch's cell words (waiting for an acknowledgement
 * once `WORDS_IN_FLIGHT` are unread), then the columns' results.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  runValidateWorker,
  WORDS_IN_FLIGHT,
  type CellWords,
  type ValidateWorkerData,
  type ValidateWorkerMessage,
  type ValidateWorkerReply,
} from "./validate-fast.ts";

let inFlight = 0;
let wake: (() => void) | undefined;
const pool: CellWords[] = [];
parentPort?.on("message", (message: ValidateWorkerMessage) => {
  inFlight--;
  if (message.returned !== undefined) pool.push(message.returned);
  wake?.();
});
await runValidateWorker(
  workerData as ValidateWorkerData,
  (reply: ValidateWorkerReply, transfer?: ArrayBuffer[]) => {
    if ("rows" in reply) inFlight++;
    parentPort?.postMessage(reply, transfer ?? []);
  },
  async () => {
    while (inFlight >= WORDS_IN_FLIGHT)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    wake = undefined;
  },
  pool,
);
// The acknowledgements would keep the thread alive.
parentPort?.removeAllListeners("message");
parentPort?.unref();
