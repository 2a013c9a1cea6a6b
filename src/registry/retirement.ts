/**
 * Retirement marks: a retired version keeps its bytes (releases are immutable, and a rollback or an
 * audit may still need them), but fetch, promote and verify-promotion refuse it and drift checks skip
 * it. The mark lives beside the release, never in it:
 *
 * - GitHub Releases: a hidden marker at the end of the release notes. On a repository with immutable
 *   releases the assets and the tag can no longer change, but "only release title and notes can be
 *   modified" (GitHub's banner on an immutable release), so the notes are the one place beside the
 *   release that needs no second store, no extra branch and no permission beyond the one releasing
 *   already takes (`contents: write`). Every reader already fetches the release by tag, so reading the
 *   mark costs no extra request. The notes modelship publishes never hold a marker (publish neutralizes
 *   any in the model card's text), so a mark can only come from an edit by someone with contents: write.
 * - Local folder: `<root>/<model>/<version>.retired.json` beside the version folder (the folder itself
 *   never changes once published, and fetch copies all of it), created with a hard link from a complete
 *   temporary file, so it appears whole and a second retire never overwrites the first mark.
 *
 * Readers (fetch, promote, verify-promotion) take the mark from the registry the trusted configuration
 * names — for verify-promotion the base repository's — never from a pull request's files, so a PR can
 * neither un-retire a version nor forge a retirement.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, UserError } from "../common/errors.ts";
import { checkModelName, compareVersions, normalizeVersion, parseVersion } from "./model-version.ts";
import type { RetirementMark, RetireResult } from "./registry-types.ts";

/** The hidden marker's opening, on a line of its own at the end of the release notes. */
const MARKER = "<!-- modelship:retired ";
const MARKER_LINE = /^<!-- modelship:retired (\{.*\}) -->$/;
/** The longest reason kept: a sentence or two, not a document. */
export const MAX_REASON_LENGTH = 500;

/** The file that marks `version` retired in a local registry's model folder. */
export function localMarkName(version: string): string {
  return `${normalizeVersion(version)}.retired.json`;
}

/** A reason as given on the command line, checked: one line of text, at most MAX_REASON_LENGTH characters. */
export function checkReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const trimmed = reason.trim();
  if (trimmed === "") return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    throw new UserError("the retirement reason has a line break or a control character", {
      hint: "give --reason one line of plain text",
    });
  if (trimmed.length > MAX_REASON_LENGTH)
    throw new UserError(`the retirement reason is ${trimmed.length} characters long; at most ${MAX_REASON_LENGTH} are kept`, {
      hint: "give --reason a sentence and link the details (an issue URL)",
    });
  return trimmed;
}

/** A new mark for `model@version`. */
export function newMark(model: string, version: string, options: { reason?: string; by?: string; now?: Date }): RetirementMark {
  const reason = checkReason(options.reason);
  const by = options.by?.trim() === "" ? undefined : options.by?.trim();
  return {
    model: checkModelName(model),
    version: normalizeVersion(version),
    retiredAt: (options.now ?? new Date()).toISOString(),
    ...(reason === undefined ? {} : { reason }),
    ...(by === undefined ? {} : { by }),
  };
}

/** The mark's stored fields, as JSON that cannot close an HTML comment (`<`, `>` and `&` escaped). */
function markJson(mark: RetirementMark): string {
  const { model, version, retiredAt, reason, by } = mark;
  return JSON.stringify({ model, version, retiredAt, reason, by }).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A mark read back from stored JSON, or undefined when it is not one for `model@version`. */
function markFrom(value: unknown, model: string, version: string): RetirementMark | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.model !== model || record.version !== version) return undefined;
  if (typeof record.retiredAt !== "string" || Number.isNaN(Date.parse(record.retiredAt))) return undefined;
  const text = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const reason = text("reason");
  const by = text("by");
  return { model, version, retiredAt: record.retiredAt, ...(reason === undefined ? {} : { reason }), ...(by === undefined ? {} : { by }) };
}

/**
 * The mark in release notes, or undefined: only a marker on the last non-blank line counts, and only
 * one for this model and version (a marker copied from another release's notes does not retire this one).
 */
export function markInNotes(body: string | null | undefined, model: string, version: string): RetirementMark | undefined {
  const lines = (body ?? "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const match = MARKER_LINE.exec(lines.at(-1)?.trim() ?? "");
  if (match === null) return undefined;
  try {
    return markFrom(JSON.parse(match[1]!), model, normalizeVersion(version));
  } catch {
    return undefined;
  }
}

/** Release notes with the retirement appended: a line people read, and the hidden marker modelship reads. */
export function notesWithMark(body: string | null | undefined, mark: RetirementMark): string {
  const visible = `> **Retired** on ${mark.retiredAt}${mark.by === undefined ? "" : ` by ${mark.by}`}${
    mark.reason === undefined ? "" : `: ${mark.reason.replace(/[<>]/g, "")}`
  }. modelship fetch, promote and verify-promotion refuse this version; promote a newer one.`;
  return `${(body ?? "").trimEnd()}\n\n---\n\n${visible}\n\n${MARKER}${markJson(mark)} -->\n`;
}

/**
 * Notes to publish with any retirement marker defused: the notes carry text from the model card and the
 * configuration, and a marker hidden there would publish a version born retired (blocking promotions).
 */
export function neutralizeMarks(notes: string): string {
  return notes.split("<!-- modelship:retired").join("<!-- modelship:retired (quoted)");
}

/** The mark of a local registry's `model@version`, or undefined. A damaged mark file is the user's to fix. */
export async function readLocalMark(modelDir: string, model: string, version: string): Promise<RetirementMark | undefined> {
  const path = join(modelDir, localMarkName(version));
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    value = undefined;
  }
  const mark = markFrom(value, model, normalizeVersion(version));
  if (mark === undefined)
    throw new UserError(`is not a retirement mark for ${model}@${normalizeVersion(version)}`, {
      file: path,
      hint: `delete it and run modelship registry retire ${model}@${normalizeVersion(version)} again`,
    });
  return mark;
}

/** Every retirement mark in a local registry's model folder, newest version first. */
export async function readLocalMarks(modelDir: string, model: string): Promise<RetirementMark[]> {
  let names: string[];
  try {
    names = await readdir(modelDir);
  } catch (error) {
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
    throw error;
  }
  const marks: RetirementMark[] = [];
  for (const name of names) {
    const version = name.endsWith(".retired.json") ? name.slice(0, -".retired.json".length) : undefined;
    if (version === undefined || version.startsWith("v") || parseVersion(version) === undefined) continue;
    const mark = await readLocalMark(modelDir, model, version);
    if (mark !== undefined) marks.push(mark);
  }
  return marks.sort((a, b) => compareVersions(b.version, a.version));
}

/**
 * Writes a local mark atomically and without overwriting: a complete temporary file is hard-linked to
 * the mark's name, which fails when a mark is already there (a re-run or a concurrent retire): then
 * the mark already stored stands.
 */
export async function writeLocalMark(modelDir: string, mark: RetirementMark): Promise<RetireResult> {
  const path = join(modelDir, localMarkName(mark.version));
  const existing = await readLocalMark(modelDir, mark.model, mark.version);
  if (existing !== undefined) return { mark: existing, action: "unchanged" };
  await mkdir(modelDir, { recursive: true });
  const temp = join(modelDir, `.${localMarkName(mark.version)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const { model, version, retiredAt, reason, by } = mark;
    await writeFile(temp, `${JSON.stringify({ model, version, retiredAt, reason, by }, null, 2)}\n`);
    try {
      await link(temp, path);
    } catch (error) {
      if (errnoCode(error) !== "EEXIST") throw error;
      const there = await readLocalMark(modelDir, mark.model, mark.version);
      if (there !== undefined) return { mark: there, action: "unchanged" };
      throw error;
    }
  } finally {
    await rm(temp, { force: true });
  }
  return { mark, action: "created" };
}

/** `when (by who): why` for messages. */
export function describeMark(mark: RetirementMark): string {
  return `on ${mark.retiredAt}${mark.by === undefined ? "" : ` by ${mark.by}`}${mark.reason === undefined ? " (no reason given)" : `: ${mark.reason}`}`;
}

/**
 * The refusal for a retired version: says which version, when and why it was retired, and the fix.
 * `doing` is what was refused, e.g. "fetch", "promote to production", "deploy".
 */
export function retiredRefusal(mark: RetirementMark, doing: string, where?: { file?: string; pointer?: string }): UserError {
  return new UserError(`cannot ${doing} ${mark.model}@${mark.version}: it was retired ${describeMark(mark)}`, {
    ...where,
    hint: `promote a newer version of ${mark.model} (list them with modelship registry list ${mark.model}); a retired version stays retired`,
  });
}

/** Splits `MODEL@VERSION` (the registry retire argument). */
export function parseModelAtVersion(text: string, setting: string): { model: string; version: string } {
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1)
    throw new UserError(`"${text}" is not MODEL@VERSION`, {
      hint: `write ${setting} as the model's name, '@' and the version, e.g. adult-income@1.4.0`,
    });
  return { model: checkModelName(text.slice(0, at), setting), version: normalizeVersion(text.slice(at + 1), setting) };
}
