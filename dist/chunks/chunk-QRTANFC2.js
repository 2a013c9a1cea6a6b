import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/progress.ts
import { AsyncLocalStorage } from "node:async_hooks";
var sinks = new AsyncLocalStorage();
function withProgress(sink, fn) {
  return sinks.run(sink, fn);
}
function progressSink() {
  return sinks.getStore();
}
function reportProgress(event) {
  sinks.getStore()?.(event);
}

export {
  withProgress,
  progressSink,
  reportProgress
};
