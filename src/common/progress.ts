/**
 * Progress of long work (reading rows, bootstrap resamples, downloads), reported by the domain code
 * that does it and drawn by the face. The domain never writes to a terminal (layering): it calls
 * `reportProgress`, which goes to the sink the face installed for this run with `withProgress`, and
 * is a no-op without one (the actions, the tests, a pipe, CI). The sink lives in an
 * AsyncLocalStorage, so it follows the run through every await without threading it through each
 * stage's options.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** How far one task is: `done` of `total` (when known) `unit`s, e.g. 120,000 rows of data/train.csv. */
export interface ProgressEvent {
  /** What is being done, e.g. "reading data/train.csv", "bootstrap", "downloading model.onnx". */
  task: string;
  done: number;
  total?: number;
  /** rows, resamples, bytes. */
  unit: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

const sinks = new AsyncLocalStorage<ProgressSink>();

/** Runs `fn` with `sink` receiving every progress event reported inside it. */
export function withProgress<T>(sink: ProgressSink, fn: () => T): T {
  return sinks.run(sink, fn);
}

/** The sink of the current run, if a face installed one (capture it where a callback runs outside the run's async context). */
export function progressSink(): ProgressSink | undefined {
  return sinks.getStore();
}

/** Reports progress to the current run's sink; nothing when there is none. */
export function reportProgress(event: ProgressEvent): void {
  sinks.getStore()?.(event);
}
