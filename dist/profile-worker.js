import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  NullMarkers,
  NumericHandler,
  runColumnsPass
} from "./chunks/chunk-QT3TIHE5.js";
import "./chunks/chunk-ROYMXGRN.js";
import "./chunks/chunk-CEPJPHC5.js";
import "./chunks/chunk-5US5NQLX.js";
import {
  BadCsvInput
} from "./chunks/chunk-WP7KJD34.js";
import "./chunks/chunk-R4CRXXNC.js";
import "./chunks/chunk-UO5NOVC6.js";
import "./chunks/chunk-QRTANFC2.js";
import "./chunks/chunk-4RIK3LXO.js";
import "./chunks/chunk-SU4BFKON.js";
import "./chunks/chunk-333R3S4T.js";

// src/data/profile/profile-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/data/profile/profile-numeric-sink.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
var HASH_STEP = 1024 * 1024;
var FileHasher = class {
  #paths;
  #buffer = Buffer.allocUnsafe(HASH_STEP);
  digests = [];
  #file = 0;
  #fd;
  #hash;
  #bytes = 0;
  constructor(paths) {
    this.#paths = paths;
  }
  /** Hashes the next step; false once every file is done. */
  step() {
    if (this.#file >= this.#paths.length) return false;
    this.#fd ??= openSync(this.#paths[this.#file], "r");
    this.#hash ??= createHash("sha256");
    const read = readSync(this.#fd, this.#buffer, 0, HASH_STEP, this.#bytes);
    if (read > 0) {
      this.#hash.update(this.#buffer.subarray(0, read));
      this.#bytes += read;
      return true;
    }
    closeSync(this.#fd);
    this.digests.push({ sha256: this.#hash.digest("hex"), bytes: this.#bytes });
    this.#fd = void 0;
    this.#hash = void 0;
    this.#bytes = 0;
    this.#file++;
    return this.#file < this.#paths.length;
  }
};
var NumericColumns = class {
  #handlers;
  /** Why a span was rejected, once one was. */
  bad;
  constructor(data2) {
    const nulls = new NullMarkers(data2.nullMarkers);
    this.#handlers = data2.columns.map((column) => new NumericHandler(column, data2.settings, nulls, data2.quote));
  }
  /** Folds in one message's parsed values and raw spans, each in order. */
  add(batches, spans) {
    for (const batch of batches) {
      const stats = this.#handlers[batch.column].stats;
      stats.count += batch.rows;
      stats.nulls += batch.nulls;
      stats.invalid += batch.invalid;
      stats.addMany(batch.values, batch.values.length);
    }
    if (this.bad !== void 0) return;
    for (const span of spans) {
      const buf = Buffer.from(span.buf.buffer, span.buf.byteOffset, span.buf.byteLength);
      const batch = {
        buf,
        ascii: span.ascii,
        rows: span.rows,
        start: span.start,
        end: span.end,
        doubled: span.doubled,
        lines: span.lines
      };
      for (const [k, column] of span.columns.entries()) {
        const handler = this.#handlers[column.column];
        handler.path = span.path;
        try {
          handler.rows(batch, column.absent ? -1 : k * span.rows);
        } catch (error) {
          if (!(error instanceof BadCsvInput)) throw error;
          this.bad = error.message;
          return;
        }
      }
    }
  }
  /** The columns as stored in a profile, and each one's first invalid value. */
  finish() {
    return {
      columns: this.#handlers.map((handler) => handler.stats.toJSON()),
      firstInvalid: this.#handlers.map((handler) => handler.firstInvalid)
    };
  }
};

// src/data/profile/profile-worker.ts
var data = workerData;
if ("kind" in data) {
  const columns = new NumericColumns(data);
  const hasher = data.hash === void 0 ? void 0 : new FileHasher(data.hash);
  parentPort?.on("message", (message) => {
    if ("done" in message) {
      while (hasher?.step() === true) ;
      parentPort?.postMessage({
        ...columns.finish(),
        ...hasher === void 0 ? {} : { digests: hasher.digests },
        ...columns.bad === void 0 ? {} : { bad: columns.bad }
      });
      return;
    }
    columns.add(message.batches, message.spans);
    hasher?.step();
    parentPort?.postMessage({ ack: true });
  });
} else parentPort?.postMessage(await runColumnsPass(data));
