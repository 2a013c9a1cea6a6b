/** Outputs are written atomically: a temp file in the same folder, then a rename. */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { errnoCode, UserError } from "./errors.ts";

/** What a file-system error while writing `path` means to the user: a place that cannot hold the file. */
const WRITE_PROBLEMS: Record<string, string> = {
  EEXIST: "a file stands where its folder should be",
  ENOTDIR: "a file stands where its folder should be",
  EISDIR: "a folder of that name is in the way",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
};

/** Writes `data` to `path` so that readers see the old file or the whole new one, never a part. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined); // ENOTDIR when a file stands where the folder should be
    const problem = WRITE_PROBLEMS[errnoCode(error) ?? ""];
    if (problem === undefined) throw error;
    throw new UserError(`cannot write ${path}: ${problem}`, {
      hint: "choose another output path, or move what is in the way",
      cause: error,
    });
  }
}

/**
 * Collects several outputs and writes them only when the whole operation succeeded, so a failed
 * run leaves no partial set of files behind.
 */
export class OutputSet {
  readonly #files = new Map<string, string | Uint8Array>();

  /** Queues a file; nothing is written before `commit()`. */
  add(path: string, data: string | Uint8Array): void {
    this.#files.set(path, data);
  }

  get paths(): string[] {
    return [...this.#files.keys()];
  }

  /** Writes every queued file atomically. */
  async commit(): Promise<void> {
    for (const [path, data] of this.#files) await writeFileAtomic(path, data);
  }
}
