/**
 * `registry list` and `registry show` as plain text for a terminal: a model's versions one per line
 * (newest first), or one version's gate verdict, metrics, files with short digests and lineage.
 */
import { mark, printable } from "../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../common/text-style.ts";
import { gateVerdictText, manifestLines } from "../registry/registry-text.ts";
import { describeMark } from "../registry/retirement.ts";
import type { RegistryAnswer } from "./registry-stage.ts";

/** Versions listed by default; `verbose` lists them all. */
export const TEXT_VERSIONS = 10;

/** The registry's answer for a terminal. */
export function renderRegistryText(answer: RegistryAnswer, options: TextOptions): string {
  if (answer.action === "show") {
    const { manifest } = answer;
    const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
    const retired =
      answer.retired === undefined ? "" : `; ${paint(options, "yellow", `retired ${printable(describeMark(answer.retired))}`)}`;
    const head = `${mark(options, gate.mark)} ${paint(options, "bold", `${printable(manifest.name)} ${printable(manifest.version)}`)} (tag ${printable(manifest.tag)}), released ${printable(manifest.created)}${retired}`;
    return (options.quiet ? [head] : [head, ...manifestLines(manifest, options)]).join("\n");
  }
  const { model, versions, where } = answer;
  if (versions.length === 0) return `${mark(options, "info")} No versions of ${printable(model)} in ${printable(where)}`;
  const lines = [
    `${paint(options, "bold", printable(model))}: ${plural(versions.length, "version")} in ${printable(where)}, newest ${printable(versions[0]!.version)}`,
  ];
  if (options.quiet) return lines.join("\n");
  const shown = options.verbose ? versions : versions.slice(0, TEXT_VERSIONS);
  const width = Math.max(...shown.map((entry) => printable(entry.version).length));
  const tagWidth = Math.max(...shown.map((entry) => printable(entry.tag).length));
  const retired = new Set((answer.retired ?? []).map((entry) => entry.version));
  for (const entry of shown)
    lines.push(
      `  ${paint(options, "bold", printable(entry.version).padEnd(width))}  ${printable(entry.tag).padEnd(tagWidth)}  ${entry.created === undefined ? "—" : printable(entry.created.slice(0, 10))}  ${paint(options, "cyan", printable(entry.url))}${retired.has(entry.version) ? `  ${paint(options, "yellow", "retired")}` : ""}`,
    );
  if (shown.length < versions.length) lines.push(`  … and ${versions.length - shown.length} more (-v lists them all)`);
  return lines.join("\n");
}
