/**
 * manifest.json and SHA256SUMS: reading them (schema-checked), writing them, and hashing files. The
 * package digest is sha256 of SHA256SUMS, which lists every file but manifest.json — so re-packaging
 * the same bytes gives the same digest although the manifest's timestamp differs.
 */
import manifestSchema from "../../schemas/model-manifest.schema.json" with { type: "json" };
import { byCodeUnit } from "../common/compare.ts";
import { getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import { upgradeBySchema } from "../common/format-version.ts";
import { assertValid, assertWritable } from "../common/schema-validation.ts";
import { parseYamlSource } from "../common/yaml-source.ts";
import type { ManifestFile, ModelManifest, ServingLayout } from "./registry-types.ts";

export const MANIFEST_NAME = "manifest.json";
export const SUMS_NAME = "SHA256SUMS";
/** The release notes' file in a local registry's version folder (on GitHub they are the release body). */
export const NOTES_NAME = "RELEASE-NOTES.md";

// The registry's modules take their hashing from here.
export { sha256File, sha256Of } from "../common/file-hash.ts";

/** The first 12 hex digits of a digest, for messages. */
export function shortDigest(sha256: string): string {
  return sha256.slice(0, 12);
}

/** SHA256SUMS text (`sha256sum -c` reads it): one `<sha256>  <name>` line per file, sorted by name. */
export function formatSha256Sums(files: readonly Pick<ManifestFile, "name" | "sha256">[]): string {
  return [...files]
    .sort((a, b) => byCodeUnit(a.name, b.name))
    .map((file) => `${file.sha256}  ${file.name}\n`)
    .join("");
}

/** Parses SHA256SUMS into name → sha256; a malformed line is a UserError naming the line. */
export function parseSha256Sums(text: string, file: string): Map<string, string> {
  const sums = new Map<string, string>();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match)
      throw new UserError(`line is not "<sha256>  <name>": ${JSON.stringify(line.slice(0, 120))}`, {
        file,
        line: index + 1,
        hint: "the checksum file must be as `sha256sum` writes it; re-release the model",
      });
    if (sums.has(match[2]!)) throw new UserError(`"${match[2]}" is listed twice`, { file, line: index + 1, hint: "re-release the model" });
    sums.set(match[2]!, match[1]!);
  });
  return sums;
}

/** Reads manifest.json text: JSON, then the schema; errors name the file and the JSON pointer. */
export function parseManifest(text: string, file: string): ModelManifest {
  let source;
  try {
    source = parseYamlSource(text, file);
  } catch (error) {
    const problem = isUserError(error) ? error.problem.split("\n")[0]! : getErrorMessage(error).split("\n")[0]!;
    throw new UserError(`is not valid JSON: ${problem}`, {
      file,
      ...(isUserError(error) ? { line: error.line, column: error.column } : {}),
      hint: "the manifest is damaged; fetch the release again or re-release the model",
      cause: error,
    });
  }
  // A release made by a newer modelship is not damaged: its message says to upgrade, outside the hint below.
  const data = upgradeBySchema(manifestSchema, source.data, { file, what: "model manifest", source });
  try {
    return assertValid<ModelManifest>(manifestSchema, data, { file, what: "model manifest", source });
  } catch (error) {
    if (!isUserError(error)) throw error;
    // Only modelship writes manifests, and it checks them first: one that does not match was damaged or tampered with.
    throw new UserError(error.problem, {
      file: error.file,
      line: error.line,
      column: error.column,
      hint: "the manifest was damaged or tampered with, so do not use this release: fetch it again, or release the model again",
      cause: error,
    });
  }
}

/** manifest.json text, checked against its schema before it is written. */
export function formatManifest(manifest: ModelManifest): string {
  assertWritable(manifestSchema, manifest, "model manifest");
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The package file each servable layout is in: the manifest's `serving` list, or for a release made
 * before it existed, its model file as `onnx-file` (the only layout such a release has).
 */
export function servingFiles(manifest: ModelManifest): Partial<Record<ServingLayout, string>> {
  const files: Partial<Record<ServingLayout, string>> = {};
  if (manifest.serving === undefined) {
    const model = manifest.files.find((file) => file.role === "model");
    if (model !== undefined) files["onnx-file"] = model.name;
    return files;
  }
  for (const asset of manifest.serving)
    if (asset.file !== undefined && manifest.files.some((file) => file.name === asset.file)) files[asset.layout] = asset.file;
  return files;
}

/** The URL of each servable layout, `urlOf` giving a package file's URL. */
export function servingUrisOf(manifest: ModelManifest, urlOf: (name: string) => string): Partial<Record<ServingLayout, string>> {
  return Object.fromEntries(Object.entries(servingFiles(manifest)).map(([layout, name]) => [layout, urlOf(name)]));
}
