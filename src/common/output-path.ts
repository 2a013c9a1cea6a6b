/**
 * Output locations are checked before any work is done, so a report folder that is a file, or an
 * output path under a file, is a clear error at once, not a crash after minutes of profiling.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { errnoCode, UserError } from "./errors.ts";

/** What is at `path`: a folder, a file (or anything else that is not a folder), or nothing. */
async function kindOf(path: string): Promise<"dir" | "file" | "none"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (error) {
    const code = errnoCode(error);
    // ENOTDIR: a file stands somewhere above; nearestFolder names it.
    if (code === "ENOENT" || code === "ENOTDIR") return "none";
    throw error;
  }
}

/** The nearest folder at or above `path` that exists; UserError when a file stands in the way. */
async function nearestFolder(path: string, setting: string): Promise<string> {
  for (let current = dirname(path); ; current = dirname(current)) {
    const kind = await kindOf(current);
    if (kind === "dir") return current;
    if (kind === "file")
      throw new UserError(`${setting}: ${path} cannot be created because ${current} is a file, not a folder`, {
        hint: `choose another path for ${setting}, or move the file ${current} away`,
      });
    if (dirname(current) === current) return current;
  }
}

async function checkWritable(folder: string, path: string, setting: string): Promise<void> {
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UserError(`${setting}: cannot write ${path}: the folder ${folder} is not writable`, {
      hint: `choose a writable path for ${setting}, or fix the folder's permissions`,
    });
  }
}

/** Checks that `dir` is a folder or can be made one, and that it is writable. `setting` names the flag or key, e.g. `--report-dir`. */
export async function checkOutputFolder(dir: string, setting: string): Promise<void> {
  const path = resolve(dir);
  const kind = await kindOf(path);
  if (kind === "file")
    throw new UserError(`${setting}: ${dir} is a file, not a folder`, {
      hint: `give ${setting} a folder path (it is created when missing), or move the file away`,
    });
  await checkWritable(kind === "dir" ? path : await nearestFolder(path, setting), dir, setting);
}

/** Checks that the file `file` can be written: not a folder, not under a file, in a writable folder. */
export async function checkOutputFile(file: string, setting: string): Promise<void> {
  const path = resolve(file);
  if ((await kindOf(path)) === "dir")
    throw new UserError(`${setting}: ${file} is a folder, not a file`, { hint: `give ${setting} a file path, e.g. ${file}/out.json` });
  await checkWritable(await nearestFolder(path, setting), file, setting);
}
