/** The Parquet writer's worker thread (predict-parquet.ts): encodes each batch it is sent, in order, and says when it is written. */
import { parentPort, workerData } from "node:worker_threads";
import { errnoCode } from "../common/errors.ts";
import { parquetEncoder, type FromWorker, type ParquetLayout, type ToWorker } from "./predict-parquet.ts";

const port = parentPort!;
const encoder = parquetEncoder(workerData as ParquetLayout);
let done = Promise.resolve();
port.on("message", (message: ToWorker) => {
  done = done.then(async () => {
    try {
      if (message.kind === "write") await encoder.write(message.batch);
      else await encoder.finish();
      port.postMessage({ kind: message.kind === "write" ? "written" : "finished" } satisfies FromWorker);
    } catch (error) {
      const code = errnoCode(error);
      port.postMessage({
        kind: "failed",
        message: error instanceof Error ? error.message : String(error),
        ...(code === undefined ? {} : { code }),
      } satisfies FromWorker);
    }
  });
});
