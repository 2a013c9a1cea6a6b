import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/common/output-path.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
async function kindOf(path) {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return "none";
    throw error;
  }
}
async function nearestFolder(path, setting) {
  for (let current = dirname(path); ; current = dirname(current)) {
    const kind = await kindOf(current);
    if (kind === "dir") return current;
    if (kind === "file")
      throw new UserError(`${setting}: ${path} cannot be created because ${current} is a file, not a folder`, {
        hint: `choose another path for ${setting}, or move the file ${current} away`
      });
    if (dirname(current) === current) return current;
  }
}
async function checkWritable(folder, path, setting) {
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UserError(`${setting}: cannot write ${path}: the folder ${folder} is not writable`, {
      hint: `choose a writable path for ${setting}, or fix the folder's permissions`
    });
  }
}
async function checkOutputFolder(dir, setting) {
  const path = resolve(dir);
  const kind = await kindOf(path);
  if (kind === "file")
    throw new UserError(`${setting}: ${dir} is a file, not a folder`, {
      hint: `give ${setting} a folder path (it is created when missing), or move the file away`
    });
  await checkWritable(kind === "dir" ? path : await nearestFolder(path, setting), dir, setting);
}
async function checkOutputFile(file, setting) {
  const path = resolve(file);
  if (await kindOf(path) === "dir")
    throw new UserError(`${setting}: ${file} is a folder, not a file`, { hint: `give ${setting} a file path, e.g. ${file}/out.json` });
  await checkWritable(await nearestFolder(path, setting), file, setting);
}

export {
  checkOutputFolder,
  checkOutputFile
};
