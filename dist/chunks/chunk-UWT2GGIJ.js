import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  bytes,
  mark,
  printable,
  shortSha,
  significant
} from "./chunk-WW4KD5R5.js";
import {
  paint
} from "./chunk-U5WQZHIB.js";

// src/registry/registry-text.ts
var TEXT_MANIFEST_METRICS = 6;
var REASON_CHARACTERS = 100;
function gateVerdictText(verdict, allowUngated) {
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
        text: `gates ${printable(verdict)}${allowUngated ? " (released ungated)" : ""}`
      };
  }
}
function manifestGateLine(manifest, options) {
  const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
  const parts = [paint(options, gate.mark === "pass" ? "green" : gate.mark === "fail" ? "red" : "yellow", gate.text)];
  if (!manifest.gate.modelMatches && manifest.gate.verdict !== "missing") parts.push("the gate report is for other model bytes");
  const reason = manifest.gate.reason;
  if (reason !== void 0)
    parts.push(printable(options.verbose || reason.length <= REASON_CHARACTERS ? reason : `${reason.slice(0, REASON_CHARACTERS - 1)}\u2026`));
  return `  ${mark(options, manifest.gate.modelMatches || manifest.gate.verdict === "missing" ? gate.mark : "warn")} ${parts.join("; ")}`;
}
function manifestLines(manifest, options) {
  const lines = [manifestGateLine(manifest, options)];
  const metrics = Object.entries(manifest.metrics);
  if (metrics.length > 0) {
    const shown = options.verbose ? metrics : metrics.slice(0, TEXT_MANIFEST_METRICS);
    const more = metrics.length - shown.length;
    const text = shown.map(
      ([name, metric]) => `${printable(name)} ${paint(options, "bold", significant(metric.value))}${metric.ci === void 0 || !options.verbose ? "" : ` [${significant(metric.ci[0])}, ${significant(metric.ci[1])}]`}`
    );
    lines.push(`  metrics: ${text.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  const width = Math.max(0, ...manifest.files.map((file) => printable(file.name).length));
  const roleWidth = Math.max(0, ...manifest.files.map((file) => file.role.length));
  const sizeWidth = Math.max(0, ...manifest.files.map((file) => bytes(file.bytes).length));
  lines.push(`  files (digest ${options.verbose ? printable(manifest.digest) : shortSha(manifest.digest)}):`);
  for (const file of manifest.files)
    lines.push(
      `    ${printable(file.name).padEnd(width)}  ${paint(options, "dim", file.role.padEnd(roleWidth))}  ${bytes(file.bytes).padStart(sizeWidth)}  ${options.verbose ? printable(file.sha256) : shortSha(file.sha256)}`
    );
  const lineage = [
    manifest.lineage.gitSha === void 0 ? void 0 : `commit ${printable(manifest.lineage.gitSha.slice(0, 12))}`,
    manifest.lineage.previousVersion === void 0 ? void 0 : `after ${printable(manifest.lineage.previousVersion)}`,
    manifest.lineage.runUrl === void 0 ? void 0 : printable(manifest.lineage.runUrl)
  ].filter((part) => part !== void 0);
  if (lineage.length > 0) lines.push(`  lineage: ${lineage.join(", ")}`);
  return lines;
}

export {
  gateVerdictText,
  manifestGateLine,
  manifestLines
};
