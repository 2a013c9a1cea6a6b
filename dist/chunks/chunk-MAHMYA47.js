import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/common/threads.ts
import { availableParallelism } from "node:os";
var THREADS_ENV = "MODELSHIP_THREADS";
var MAX_THREADS = 1024;
function threadCount(env = process.env) {
  const raw = env[THREADS_ENV];
  if (raw === void 0 || raw.trim() === "") return availableParallelism();
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
    throw new UserError(`${THREADS_ENV} is ${JSON.stringify(raw)}, not a whole number of threads from 1 to ${MAX_THREADS}`, {
      hint: `set ${THREADS_ENV} to a positive whole number such as 1 (one worker) or ${availableParallelism()} (this machine's cores), or unset it to use every core`
    });
  }
  return Number(value);
}

export {
  threadCount
};
