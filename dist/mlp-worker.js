import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  workerLoop
} from "./chunks/chunk-4XVZLVA3.js";
import "./chunks/chunk-Q5UNJRR7.js";
import "./chunks/chunk-333R3S4T.js";

// src/train/mlp-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", (message) => {
  workerLoop(message.shared, message.thread);
});
