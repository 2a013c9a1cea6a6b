/**
 * A reference profile as plain text for a terminal: how many rows and columns of which files were
 * profiled and where the profile was written, the columns with values that are not of their type,
 * and (with `verbose`) one line per column. The profile itself is JSON for drift to read.
 */
import { mark, percent, printable, significant } from "../../common/printable-text.ts";
import { paint, plural, type TextOptions } from "../../common/text-style.ts";
import type { ColumnProfile, ReferenceProfile } from "./profile-types.ts";

function sources(profile: ReferenceProfile): string {
  const paths = profile.datasets.map((dataset) => printable(dataset.path));
  return paths.length <= 2 ? paths.join(" and ") : plural(paths.length, "file");
}

function columnLine(name: string, column: ColumnProfile, options: TextOptions): string {
  const nulls =
    column.nulls > 0 ? `, ${column.nulls.toLocaleString("en-US")} null (${percent(column.nulls / Math.max(1, column.count))})` : "";
  const invalid = column.invalid > 0 ? `, ${column.invalid.toLocaleString("en-US")} invalid` : "";
  let detail: string;
  if (column.kind === "numeric") {
    detail =
      column.mean === null
        ? "no valid value"
        : `min ${significant(column.min)}, mean ${significant(column.mean)}, max ${significant(column.max)}`;
  } else {
    const top = column.counts[0];
    const share = top === undefined || column.valid === 0 ? "" : ` (${percent(top.count / column.valid)})`;
    detail = `${plural(column.distinct, "distinct value")}${column.capped ? "+" : ""}${top === undefined ? "" : `, most often ${printable(JSON.stringify(top.value))}${share}`}`;
  }
  return `  ${paint(options, "bold", printable(name))} ${paint(options, "dim", column.type)}: ${detail}${nulls}${invalid}`;
}

/**
 * The profile for a terminal: the verdict line names the rows, columns and the file written (`output`,
 * once: the face adds no report path for it), then the columns with invalid values.
 */
export function renderProfileText(result: { profile: ReferenceProfile; output?: string }, options: TextOptions): string {
  const { profile } = result;
  const columns = Object.entries(profile.columns);
  const numeric = columns.filter(([, column]) => column.kind === "numeric").length;
  const written = result.output === undefined ? "" : ` → ${paint(options, "cyan", printable(result.output))}`;
  const lines = [
    `${mark(options, "pass")} ${paint(options, "bold", `Profiled ${plural(profile.rows, "row")}`)} of ${sources(profile)}: ${plural(columns.length, "column")} (${numeric} numeric, ${columns.length - numeric} categorical)${written}`,
  ];
  if (options.quiet) return lines.join("\n");
  const invalid = columns.filter(([, column]) => column.invalid > 0);
  if (invalid.length > 0) {
    const named = invalid.slice(0, 5).map(([name, column]) => `${printable(name)} (${column.invalid.toLocaleString("en-US")})`);
    const more = invalid.length > 5 ? ` and ${invalid.length - 5} more` : "";
    lines.push(`${mark(options, "warn")} ${plural(invalid.length, "column")} with values not of their type: ${named.join(", ")}${more}`);
  }
  if (profile.agreement !== undefined) {
    const { target, prediction, rows, agree } = profile.agreement;
    lines.push(
      `  ${printable(prediction)} agrees with ${printable(target)} on ${agree.toLocaleString("en-US")} of ${plural(rows, "row")}${rows > 0 ? ` (${percent(agree / rows)})` : ""}`,
    );
  }
  if (options.verbose) lines.push(...columns.map(([name, column]) => columnLine(name, column, options)));
  return lines.join("\n");
}
