/** Outputs are written atomically: a temp file in the same folder, then a rename. */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

/** Writes `data` to `path` so that readers see the old file or the whole new one, never a part. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
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
