/**
 * A fetch as plain text for a terminal: the version fetched and verified and where it went (once),
 * the gate verdict it was released under, its build provenance, then (with `verbose`) its files.
 */
import { mark, printable, shortSha } from "../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../common/text-style.ts";
import { manifestGateLine, manifestLines } from "../registry/registry-text.ts";
import type { FetchStageResult } from "./fetch-stage.ts";
import type { ProvenanceStatement } from "./provenance-stage.ts";

/** A provenance statement's text without its markdown emphasis (it is also written to the job log). */
export function provenanceLine(provenance: ProvenanceStatement, options: TextOptions): string {
  const text = printable(provenance.text.replace(/\*\*|`/g, ""));
  return `  ${mark(options, provenance.status)} build provenance ${provenance.status === "pass" ? text : paint(options, "yellow", text)}`;
}

/** The fetch for a terminal: verdict (fetched, verified, where), gates, provenance and the model file; `verbose` adds every file. */
export function renderFetchText(result: FetchStageResult, options: TextOptions): string {
  const { manifest } = result;
  const cache = result.fromCache ? " (from the cache)" : "";
  const lines = [
    `${mark(options, "pass")} ${paint(options, "bold", `Fetched ${printable(result.model)} ${printable(result.version)}`)} into ${paint(options, "cyan", printable(result.path))}: ${plural(manifest.files.length, "file")} verified${cache}`,
  ];
  if (options.quiet) return lines.join("\n");
  if (options.verbose) lines.push(...manifestLines(manifest, options));
  else lines.push(manifestGateLine(manifest, options));
  lines.push(provenanceLine(result.provenance, options));
  lines.push(`  model: ${printable(result.modelPath)}${options.verbose ? "" : ` (digest ${shortSha(manifest.digest)})`}`);
  return lines.join("\n");
}
