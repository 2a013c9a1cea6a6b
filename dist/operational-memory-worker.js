import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  loadOnnxRuntime
} from "./chunks/chunk-DBOFCCL4.js";
import "./chunks/chunk-333R3S4T.js";

// src/evaluate/operational-memory-worker.ts
async function measure(request) {
  const ort = await loadOnnxRuntime();
  const rss = () => process.memoryUsage.rss();
  const maxRss = () => process.resourceUsage().maxRSS * 1024;
  const feeds = request.calls.map(
    (inputs) => Object.fromEntries(
      inputs.map((input) => [input.name, new ort.Tensor(input.type, input.data, input.dims)])
    )
  );
  const before = rss();
  const maxBefore = maxRss();
  let peak = before;
  const session = await ort.InferenceSession.create(
    request.path,
    request.threads === void 0 ? {} : { intraOpNumThreads: request.threads }
  );
  peak = Math.max(peak, rss());
  for (const inputs of feeds) {
    for (let call = 0; call < Math.max(1, request.warmup); call++) {
      await session.run(inputs, request.fetches);
      peak = Math.max(peak, rss());
    }
  }
  const maxAfter = maxRss();
  if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  await session.release();
  return Math.max(0, peak - before);
}
process.once("message", (request) => {
  measure(request).then(
    (peakBytes) => process.send({ peakBytes }, () => process.exit(0)),
    (error) => process.send({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(0))
  );
});
