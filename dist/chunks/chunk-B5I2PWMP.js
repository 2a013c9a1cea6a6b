import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/atomic-write.ts
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
async function writeFileAtomic(path, data) {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
var OutputSet = class {
  #files = /* @__PURE__ */ new Map();
  /** Queues a file; nothing is written before `commit()`. */
  add(path, data) {
    this.#files.set(path, data);
  }
  get paths() {
    return [...this.#files.keys()];
  }
  /** Writes every queued file atomically. */
  async commit() {
    for (const [path, data] of this.#files) await writeFileAtomic(path, data);
  }
};

export {
  writeFileAtomic,
  OutputSet
};
