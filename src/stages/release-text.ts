/**
 * A release as plain text for a terminal: what happened to the version (released, already there,
 * completed), the gate verdict it carries, then where it is (page, model URI) and its digest, once.
 */
import { mark, printable, shortSha, type Mark } from "../common/printable-text.ts";
import { gateVerdictText } from "../registry/registry-text.ts";
import { paint, type TextOptions } from "../common/text-style.ts";
import type { ReleaseResult } from "./release-stage.ts";

/** The release for a terminal: the verdict line (version, tag, gates), then the release's page, model URI and digest. */
export function renderReleaseText(result: ReleaseResult, options: TextOptions): string {
  const gate = gateVerdictText(result.verdict, result.allowUngated);
  const name = `${printable(result.model)} ${printable(result.version)}`;
  const tag = `tag ${printable(result.tag)}`;
  const what =
    result.action === "unchanged"
      ? `${paint(options, "bold", `${name} was already released`)} with these bytes (${tag}): nothing changed`
      : result.action === "resumed"
        ? `${paint(options, "bold", `Released ${name}`)} (${tag}), completing an interrupted release`
        : `${paint(options, "bold", `Released ${name}`)} (${tag})`;
  // A release under a failed or missing gate report is a warning of the release, not its failure.
  const verdictMark: Mark = gate.mark === "pass" ? "pass" : "warn";
  const lines = [`${mark(options, verdictMark)} ${what}; ${paint(options, gate.mark === "pass" ? "green" : "yellow", gate.text)}`];
  if (options.quiet) return lines.join("\n");
  lines.push(`  ${paint(options, "cyan", printable(result.url))}`);
  lines.push(`  model: ${printable(result.modelUri)}`);
  if (result.oci !== undefined)
    lines.push(`  image: ${printable(result.oci.uri)}${result.oci.action === "unchanged" ? " (already pushed)" : ""}`);
  lines.push(`  digest: ${options.verbose ? printable(result.digest) : shortSha(result.digest)}`);
  if (options.verbose) {
    lines.push(`  manifest: ${printable(result.manifestUrl)}`);
    for (const [layout, uri] of Object.entries(result.servingUris))
      if (uri !== undefined && uri !== result.modelUri) lines.push(`  ${printable(layout)}: ${printable(uri)}`);
  }
  return lines.join("\n");
}
