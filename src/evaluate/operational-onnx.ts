/**
 * The operational measurement's subject for an ONNX model in onnxruntime-node: a fresh inference
 * session created from the file with the evaluation's threads (the load that is timed), fed with
 * inputs built from the evaluation's sample of the test data before any timer starts, so a timed
 * call is `session.run` alone.
 */
import { fork } from "node:child_process";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { workerEntry } from "../common/worker-entry.ts";
import { dirname, join } from "node:path";
import { loadOnnxRuntime } from "../common/onnx-runtime.ts";
import type { RawValue } from "../data/readers/table.ts";
import { buildFeeds } from "./onnx-input-feeds.ts";
import type { OrtTensor } from "./onnx-metadata.ts";
import type { LoadedModel } from "./onnx-model.ts";
import type { OperationalSubject } from "./operational.ts";
import type { MemoryReply, MemoryRequest } from "./operational-memory-worker.ts";

/** Distinct prepared inputs per batch size: calls cycle through them, so not every call scores the same rows. */
const PREPARED_CALLS = 16;
/** Calls per batch size in the memory measurement's process: onnxruntime sizes its arenas on the first runs of a shape. */
const MEMORY_WARMUP = 3;

/** The model file's bytes plus its external data files' (what a server has to load). */
async function modelBytes(model: LoadedModel): Promise<number> {
  let bytes = model.bytes;
  for (const location of model.externalData) {
    try {
      bytes += (await stat(join(dirname(model.path), location))).size;
    } catch {
      // onnxruntime loaded the model, so its external data was found; a file that vanished since adds nothing.
    }
  }
  return bytes;
}

/**
 * A subject measuring `model` on rows of `sample` (the columns the model reads, at least one row).
 * Rows repeat, in order, where a call needs more than the sample holds.
 */
export async function onnxSubject(
  model: LoadedModel,
  sample: ReadonlyMap<string, readonly RawValue[]>,
  batches: readonly number[],
): Promise<OperationalSubject> {
  const rows = sample.values().next().value?.length ?? 0;
  if (rows === 0) throw new RangeError("the operational sample has no rows");
  const bytes = await modelBytes(model);
  /**
   * PREPARED_CALLS inputs per batch size, the rows running on through the sample (and round again):
   * built once, for the memory measurement and both loads of the session.
   */
  let prepared: Promise<Map<number, Record<string, OrtTensor>[]>> | undefined;
  const prepare = () =>
    (prepared ??= (async () => {
      const ort = await loadOnnxRuntime();
      const byBatch = new Map<number, Record<string, OrtTensor>[]>();
      for (const batch of batches) {
        const size = Math.max(batch, model.fixedBatch ?? 0);
        const feeds: Record<string, OrtTensor>[] = [];
        for (let call = 0; call < PREPARED_CALLS; call++) {
          const first = (call * batch) % rows;
          const picked = Array.from({ length: batch }, (_, i) => (first + i) % rows);
          const columns = new Map(model.requiredColumns.map((name) => [name, picked.map((r) => sample.get(name)![r]!)]));
          feeds.push(buildFeeds(ort, model.inputs, { columns, rows: batch }, 0, batch, size));
        }
        byBatch.set(batch, feeds);
      }
      return byBatch;
    })());
  return {
    bytes,
    parameters: model.parameters,
    async peakMemory() {
      const byBatch = await prepare();
      return measureInChild({
        path: model.path,
        ...(model.threads === undefined ? {} : { threads: model.threads }),
        warmup: MEMORY_WARMUP,
        fetches: model.fetches,
        calls: [...byBatch.values()].map((feeds) =>
          Object.entries(feeds[0]!).map(([name, tensor]) => ({ name, type: tensor.type, dims: [...tensor.dims], data: tensor.data })),
        ),
      });
    },
    async open() {
      const byBatch = await prepare();
      const ort = await loadOnnxRuntime();
      const session = await ort.InferenceSession.create(
        model.path,
        model.threads === undefined ? {} : { intraOpNumThreads: model.threads },
      );
      return {
        async run(batch, call) {
          const feeds = byBatch.get(batch)!;
          await session.run(feeds[call % feeds.length]!, model.fetches);
        },
        async release() {
          await session.release();
        },
      };
    },
  };
}

/** How long the memory measurement may take before its process is stopped. */
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

/** Forks operational-memory-worker.ts, sends the request and waits for its one reply. */
function measureInChild(request: MemoryRequest): Promise<number> {
  const entry = fileURLToPath(workerEntry("operational-memory-worker", import.meta.url, "the memory measurement"));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { serialization: "advanced", stdio: ["ignore", "ignore", "pipe", "ipc"], execArgv: [] });
    let stderr = "";
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      child.kill();
      settle(() => {
        reject(new Error(`it took longer than ${CHILD_TIMEOUT_MS / 60_000} minutes`));
      });
    }, CHILD_TIMEOUT_MS);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    child.on("message", (reply: MemoryReply) => {
      settle(() => {
        if ("peakBytes" in reply) resolve(reply.peakBytes);
        else reject(new Error(reply.error));
      });
    });
    child.on("error", (error) => {
      settle(() => {
        reject(error);
      });
    });
    child.on("exit", (code, signal) => {
      settle(() => {
        reject(
          new Error(`its process ended (${signal ?? `exit ${code}`}) without a reply${stderr.trim() === "" ? "" : `: ${stderr.trim()}`}`),
        );
      });
    });
    child.send(request);
  });
}
