import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  WORDS_IN_FLIGHT,
  runValidateWorker
} from "./chunks/chunk-TRMWJGGS.js";
import "./chunks/chunk-FBC54HEI.js";
import "./chunks/chunk-JXPNSGRB.js";
import "./chunks/chunk-HFKEWQQZ.js";
import "./chunks/chunk-QT3TIHE5.js";
import "./chunks/chunk-ROYMXGRN.js";
import "./chunks/chunk-CEPJPHC5.js";
import "./chunks/chunk-5US5NQLX.js";
import "./chunks/chunk-WP7KJD34.js";
import "./chunks/chunk-R4CRXXNC.js";
import "./chunks/chunk-UO5NOVC6.js";
import "./chunks/chunk-QRTANFC2.js";
import "./chunks/chunk-4RIK3LXO.js";
import "./chunks/chunk-SU4BFKON.js";
import "./chunks/chunk-333R3S4T.js";

// src/data/validate/validate-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var inFlight = 0;
var wake;
var pool = [];
parentPort?.on("message", (message) => {
  inFlight--;
  if (message.returned !== void 0) pool.push(message.returned);
  wake?.();
});
await runValidateWorker(
  workerData,
  (reply, transfer) => {
    if ("rows" in reply) inFlight++;
    parentPort?.postMessage(reply, transfer ?? []);
  },
  async () => {
    while (inFlight >= WORDS_IN_FLIGHT)
      await new Promise((resolve) => {
        wake = resolve;
      });
    wake = void 0;
  },
  pool
);
parentPort?.removeAllListeners("message");
parentPort?.unref();
