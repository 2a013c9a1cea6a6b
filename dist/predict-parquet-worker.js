import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  parquetEncoder
} from "./chunks/chunk-2DOXU2DG.js";
import "./chunks/chunk-4RIK3LXO.js";
import "./chunks/chunk-Q5UNJRR7.js";
import {
  errnoCode
} from "./chunks/chunk-SU4BFKON.js";
import "./chunks/chunk-333R3S4T.js";

// src/stages/predict-parquet-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var port = parentPort;
var encoder = parquetEncoder(workerData);
var done = Promise.resolve();
port.on("message", (message) => {
  done = done.then(async () => {
    try {
      if (message.kind === "write") await encoder.write(message.batch);
      else await encoder.finish();
      port.postMessage({ kind: message.kind === "write" ? "written" : "finished" });
    } catch (error) {
      const code = errnoCode(error);
      port.postMessage({
        kind: "failed",
        message: error instanceof Error ? error.message : String(error),
        ...code === void 0 ? {} : { code }
      });
    }
  });
});
