import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  replicateRunner
} from "./chunks/chunk-XBCDKXLE.js";
import "./chunks/chunk-NP3NC7G4.js";
import "./chunks/chunk-OBDTE6IB.js";
import "./chunks/chunk-UO5NOVC6.js";
import "./chunks/chunk-QRTANFC2.js";
import "./chunks/chunk-333R3S4T.js";

// src/evaluate/bootstrap-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var port = parentPort;
var run = replicateRunner(workerData);
port.on("message", (message) => {
  const replicates = run(message.from, message.to);
  port.postMessage(
    { shard: message.shard, replicates },
    replicates.map((values) => values.buffer)
  );
});
