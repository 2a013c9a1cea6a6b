/**
 * A released version's manifest as plain text for a terminal (`registry show`, `fetch`): the gate
 * verdict it was released under, headline metrics, its files with short digests, and its lineage.
 * The stages' renderers (src/stages/*-text.ts) put a verdict line of their own above these lines.
 */
import { bytes, mark, printable, shortSha, significant, type Mark } from "../common/printable-text.ts";
import { paint, type TextOptions } from "../common/text-style.ts";
import type { ModelManifest } from "./registry-types.ts";

/** Metrics named by default; `verbose` names them all, with their 95% intervals. */
export const TEXT_MANIFEST_METRICS = 6;

/** Characters of an ungated release's reason shown by default. */
export const REASON_CHARACTERS = 100;

/** How a gate verdict reads on a release, and its mark: anything but pass was released ungated or with warnings. */
export function gateVerdictText(verdict: string, allowUngated: boolean): { mark: Mark; text: string } {
  switch (verdict) {
    case "pass":
      return { mark: "pass", text: "gates pass" };
    case "warn":
      return { mark: "warn", text: "gates pass with warnings" };
    case "missing":
      return { mark: "warn", text: `no gate report${allowUngated ? " (released ungated)" : ""}` };
    default:
      return {
        mark: verdict === "fail" ? "fail" : "warn",
        text: `gates ${printable(verdict)}${allowUngated ? " (released ungated)" : ""}`,
      };
  }
}

/** The gate line of a manifest: the verdict, whether the report was for these model bytes, and why it was released ungated. */
export function manifestGateLine(manifest: ModelManifest, options: TextOptions): string {
  const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
  const parts = [paint(options, gate.mark === "pass" ? "green" : gate.mark === "fail" ? "red" : "yellow", gate.text)];
  if (!manifest.gate.modelMatches && manifest.gate.verdict !== "missing") parts.push("the gate report is for other model bytes");
  const reason = manifest.gate.reason;
  // The reason names the failed gates, which can be many: `registry show -v` or the gate report has them all.
  if (reason !== undefined)
    parts.push(printable(options.verbose || reason.length <= REASON_CHARACTERS ? reason : `${reason.slice(0, REASON_CHARACTERS - 1)}…`));
  return `  ${mark(options, manifest.gate.modelMatches || manifest.gate.verdict === "missing" ? gate.mark : "warn")} ${parts.join("; ")}`;
}

/** The manifest's lines below a verdict: gates, metrics, files (name, role, size, short sha256), lineage. Indented two spaces. */
export function manifestLines(manifest: ModelManifest, options: TextOptions): string[] {
  const lines = [manifestGateLine(manifest, options)];
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    const shown = options.verbose ? metrics : metrics.slice(0, TEXT_MANIFEST_METRICS);
    const more = metrics.length - shown.length;
    const text = shown.map(
      ([name, metric]) =>
        `${printable(name)} ${paint(options, "bold", significant(metric.value))}${metric.ci === undefined || !options.verbose ? "" : ` [${significant(metric.ci[0])}, ${significant(metric.ci[1])}]`}`,
    );
    lines.push(`  metrics: ${text.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  const width = Math.max(0, ...manifest.files.map((file) => printable(file.name).length));
  const roleWidth = Math.max(0, ...manifest.files.map((file) => file.role.length));
  const sizeWidth = Math.max(0, ...manifest.files.map((file) => bytes(file.bytes).length));
  lines.push(`  files (digest ${options.verbose ? printable(manifest.digest) : shortSha(manifest.digest)}):`);
  for (const file of manifest.files)
    lines.push(
      `    ${printable(file.name).padEnd(width)}  ${paint(options, "dim", file.role.padEnd(roleWidth))}  ${bytes(file.bytes).padStart(sizeWidth)}  ${options.verbose ? printable(file.sha256) : shortSha(file.sha256)}`,
    );
  const lineage = [
    manifest.lineage.gitSha === undefined ? undefined : `commit ${printable(manifest.lineage.gitSha.slice(0, 12))}`,
    manifest.lineage.previousVersion === undefined ? undefined : `after ${printable(manifest.lineage.previousVersion)}`,
    manifest.lineage.runUrl === undefined ? undefined : printable(manifest.lineage.runUrl),
  ].filter((part) => part !== undefined);
  if (lineage.length > 0) lines.push(`  lineage: ${lineage.join(", ")}`);
  return lines;
}
