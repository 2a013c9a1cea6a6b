/**
 * Where a worker thread's entry file is, from the module that starts it: `NAME.ts` beside it when run
 * from source, `dist/NAME.js` from the bundle (the caller sits in dist/ or in dist/chunks/).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The entry of worker `name` (e.g. "mlp-worker") for the module at `from` (its import.meta.url); `what` names it in the error. */
export function workerEntry(name: string, from: string, what: string): URL {
  const candidates = [`./${name}.ts`, `./${name}.js`, `../${name}.js`].map((path) => new URL(path, from));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`${what} (${name}) is missing beside ${fileURLToPath(from)}`);
  return found;
}
