/**
 * A child process that measures the resident memory one inference session adds at its peak
 * (operational-onnx.ts forks it). In the evaluating process the figure reads low: the allocator
 * reuses what the data, the bootstrap or another session freed, so the resident set barely rises.
 * Here the process is fresh: onnxruntime is loaded, the resident set read, then the session is
 * created and run at each batch size, reading the resident set after every call and the process's
 * peak (maxRSS) at the end, which catches a spike inside a call when it rose above the earlier peak.
 *
 * Protocol (IPC with advanced serialization, so typed arrays pass as they are): one request
 * `{ path, threads?, warmup, fetches, calls: [{ name, type, dims, data }[]] }`, one reply
 * `{ peakBytes }` or `{ error }`, then the process exits.
 */
import { loadOnnxRuntime } from "../common/onnx-runtime.ts";

export interface MemoryRequest {
  path: string;
  threads?: number;
  /** Calls per prepared input (at least one). */
  warmup: number;
  fetches: string[];
  /** The inputs of one call per batch size. */
  calls: { name: string; type: string; dims: number[]; data: unknown }[][];
}

export type MemoryReply = { peakBytes: number } | { error: string };

async function measure(request: MemoryRequest): Promise<number> {
  const ort = await loadOnnxRuntime();
  const rss = () => process.memoryUsage.rss();
  const maxRss = () => process.resourceUsage().maxRSS * 1024;
  const feeds = request.calls.map((inputs) =>
    Object.fromEntries(
      inputs.map((input) => [input.name, new ort.Tensor(input.type as "float32", input.data as Float32Array, input.dims)]),
    ),
  );
  const before = rss();
  const maxBefore = maxRss();
  let peak = before;
  const session = await ort.InferenceSession.create(
    request.path,
    request.threads === undefined ? {} : { intraOpNumThreads: request.threads },
  );
  peak = Math.max(peak, rss());
  for (const inputs of feeds) {
    for (let call = 0; call < Math.max(1, request.warmup); call++) {
      await session.run(inputs, request.fetches);
      peak = Math.max(peak, rss());
    }
  }
  // The lifetime peak counts only when it rose while the session ran: before, it was Node's and onnxruntime's start.
  const maxAfter = maxRss();
  if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  await session.release();
  return Math.max(0, peak - before);
}

process.once("message", (request: MemoryRequest) => {
  measure(request).then(
    (peakBytes) => process.send!({ peakBytes } satisfies MemoryReply, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ error: error instanceof Error ? error.message : String(error) } satisfies MemoryReply, () => process.exit(0)),
  );
});
