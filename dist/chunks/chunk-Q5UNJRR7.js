import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/worker-entry.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
function workerEntry(name, from, what) {
  const candidates = [`./${name}.ts`, `./${name}.js`, `../${name}.js`].map((path) => new URL(path, from));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`${what} (${name}) is missing beside ${fileURLToPath(from)}`);
  return found;
}

export {
  workerEntry
};
