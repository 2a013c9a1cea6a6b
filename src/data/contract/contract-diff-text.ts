/**
 * A contract diff as plain text for a terminal: whether any change is breaking first, then the
 * breaking changes (and the notable ones) with their column, then how many other changes there are
 * (each one with `verbose`). contract-diff.ts renders the same diff as markdown for the PR comment.
 */
import { mark, printable } from "../../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../../common/text-style.ts";
import type { ContractChange, ContractDiff } from "./contract-diff.ts";

function changeLine(change: ContractChange, options: TextOptions): string {
  const subject = change.column === undefined ? "" : `column ${printable(change.column)}: `;
  const status = change.breaking ? "fail" : change.notable === true ? "warn" : "info";
  return `  ${mark(options, status)} ${subject}${printable(change.message)} ${paint(options, "dim", `(${printable(change.kind)})`)}`;
}

/** Breaking changes first; the rest counted, or listed with `verbose` (notable ones always, but not in `quiet`). */
export function renderContractDiffText(diff: ContractDiff, options: TextOptions): string {
  if (diff.changes.length === 0) return `${mark(options, "pass")} No changes to the data contract.`;
  const breaking = diff.changes.filter((change) => change.breaking);
  const notable = diff.changes.filter((change) => !change.breaking && change.notable === true);
  const other = diff.changes.filter((change) => !change.breaking && change.notable !== true);
  const lines =
    breaking.length > 0
      ? [
          `${mark(options, "fail")} ${paint(options, "bold", `${plural(breaking.length, "breaking change")} to the data contract`)}: data that passed the old contract may fail the new one`,
        ]
      : [
          `${mark(options, "pass")} ${paint(options, "bold", `${plural(diff.changes.length, "change")} to the data contract, none breaking`)}: data that passed the old contract still passes`,
        ];
  lines.push(...breaking.map((change) => changeLine(change, options)));
  if (options.quiet) return lines.join("\n");
  lines.push(...notable.map((change) => changeLine(change, options)));
  if (options.verbose) lines.push(...other.map((change) => changeLine(change, options)));
  else if (other.length > 0 && (breaking.length > 0 || notable.length > 0))
    lines.push(paint(options, "dim", `  ${plural(other.length, "other change")}, none breaking (-v lists them)`));
  else if (other.length > 0) lines.push(...other.slice(0, 10).map((change) => changeLine(change, options)));
  if (!options.verbose && breaking.length === 0 && notable.length === 0 && other.length > 10)
    lines.push(`  … and ${other.length - 10} more (-v lists them)`);
  return lines.join("\n");
}
