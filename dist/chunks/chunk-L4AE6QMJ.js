import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/common/atomic-write.ts
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
var WRITE_PROBLEMS = {
  EEXIST: "a file stands where its folder should be",
  ENOTDIR: "a file stands where its folder should be",
  EISDIR: "a folder of that name is in the way",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full"
};
async function writeFileAtomic(path, data) {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => void 0);
    const problem = WRITE_PROBLEMS[errnoCode(error) ?? ""];
    if (problem === void 0) throw error;
    throw new UserError(`cannot write ${path}: ${problem}`, {
      hint: "choose another output path, or move what is in the way",
      cause: error
    });
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
