/**
 * Where `modelship init` may read and write: regular files inside the repository, reached without
 * following a symbolic link. A cloned template or a checked-out pull request can carry links
 * (`.gitignore -> ~/.aws/credentials`, `policies -> /some/dir`): following one would copy a file
 * from outside into a file the next steps say to commit, or write outside the repository.
 *
 * Also what init prints of the data: column names and class values are the data's text, so they
 * are quoted where they could hold a line break (a `::warning::` workflow command in an Actions
 * log) or a terminal escape.
 */
import { constants } from "node:fs";
import { lstat, open, realpath, rm, rmdir } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import { printable } from "../common/printable-text.ts";

/** An output's place, checked before anything is written. */
export interface OutputPlace {
  /** Relative to the root, `/`-separated. */
  path: string;
  /** A regular file is there now. */
  exists: boolean;
  /** The folders writing it creates (relative, outermost first): none exist now. */
  creates: string[];
}

/**
 * Checks every component of `path` from `root` down with lstat: no symbolic link, every folder a
 * folder (or missing, then writing creates it), the file itself a regular file or missing.
 */
export async function checkOutputPath(root: string, path: string): Promise<OutputPlace> {
  const parts = path.split("/");
  for (let index = 0; index < parts.length; index++) {
    const sub = parts.slice(0, index + 1).join("/");
    const last = index === parts.length - 1;
    const info = await lstat(join(root, sub)).catch((error: unknown) => {
      if (errnoCode(error) === "ENOENT") return undefined;
      throw error;
    });
    if (info === undefined)
      return { path, exists: false, creates: parts.slice(index, -1).map((_, at) => parts.slice(0, index + at + 1).join("/")) };
    if (info.isSymbolicLink())
      throw new UserError(
        `${sub} is a symbolic link${last ? "" : ` (init writes ${path} inside it)`}: init does not read or write through links, which could lead out of the repository`,
        {
          file: sub,
          hint: `replace the link by a regular ${last ? "file" : "folder"} (or remove it), then run init again`,
        },
      );
    if (!last && !info.isDirectory())
      throw new UserError(`${sub} is not a folder, and init writes ${path} inside it; nothing was written`, {
        file: sub,
        hint: `move ${sub} away, then run init again`,
      });
    if (last && !info.isFile())
      throw new UserError(
        `${path} is not a regular file (${info.isDirectory() ? "a folder" : "a device, socket or pipe"}); nothing was written`,
        {
          file: path,
          hint: `move ${path} away, then run init again`,
        },
      );
  }
  return { path, exists: true, creates: [] };
}

/** The bytes of a file checked by checkOutputPath, opened without following a link put there since. */
export async function readOutput(root: string, path: string): Promise<Uint8Array> {
  const handle = await open(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile())
      throw new UserError(`${path} is not a regular file`, { file: path, hint: `move ${path} away, then run init again` });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Writes every file in order; when one fails, removes what this run created (files that were not
 * there, then the folders it made, deepest first, if empty) and rethrows. Files that existed are never touched again.
 */
export async function writeOutputs(
  root: string,
  files: { place: OutputPlace; bytes: Uint8Array }[],
  write: (path: string, bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const written: OutputPlace[] = [];
  try {
    for (const file of files) {
      await write(join(root, file.place.path), file.bytes);
      written.push(file.place);
    }
  } catch (error) {
    for (const place of written) if (!place.exists) await rm(join(root, place.path), { force: true }).catch(() => undefined);
    const folders = [...new Set(files.flatMap((file) => file.place.creates))].sort((a, b) => b.split("/").length - a.split("/").length);
    for (const folder of folders) await rmdir(join(root, folder)).catch(() => undefined); // ENOENT, or ENOTEMPTY: not only ours
    throw error;
  }
}

/** `--data`/`--test` (or the CSV found) with its links resolved must still be inside the repository. */
export async function assertInside(root: string, path: string, flag: string): Promise<void> {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(join(root, path))]);
  const inside = relative(realRoot, real);
  if (inside === ".." || inside.startsWith(`..${sep}`) || inside === "" || isAbsolute(inside))
    throw new UserError(`${flag} ${path} leads out of this repository through a symbolic link (to ${real})`, {
      file: path,
      hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`,
    });
}

/** Letters, digits and `_.+/-` print as they are; anything else (spaces, quotes, line breaks, escapes) is quoted. */
const PLAIN = /^[\p{L}\p{M}\p{N}_.+/-]+$/u;

/** A value from the data as init prints it: as is when plain, else quoted(). */
export function shown(value: string): string {
  return PLAIN.test(value) ? value : quoted(value);
}

/** JSON-quoted, then printable(): JSON.stringify escapes C0 controls and lone surrogates but leaves C1, U+202E and other format characters as they are. */
export function quoted(value: string): string {
  return printable(JSON.stringify(value));
}
