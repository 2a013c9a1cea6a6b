/**
 * Small helpers the terminal renderers share: making untrusted text safe to print, and numbers
 * short enough to read. A value from a data file, a file name or a message from a report may hold
 * control characters; printed raw, an ESC could recolour or rewrite the terminal, and a bidi
 * override (U+202E) could make `abc` read as `cba`. So every such string goes through `printable`.
 */
import { paint, type Style, type TextOptions } from "./text-style.ts";

// Controls (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width, BOM, soft
// hyphen), line and paragraph separators, and lone surrogates.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every control, format and separator character escaped as `\n`, `\t` or `\u001b` (`\u{e0001}` beyond the BMP). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const named = NAMED[char];
    if (named !== undefined) return named;
    const point = char.codePointAt(0)!;
    return point > 0xffff ? `\\u{${point.toString(16)}}` : `\\u${point.toString(16).padStart(4, "0")}`;
  });
}

/**
 * A number in `digits` significant digits (0.8223684210526315 → `0.8224`), integers in full with
 * thousands separators, tiny values with an exponent; `—` for a missing value.
 */
export function significant(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  const rounded = Number(value.toPrecision(digits));
  if (rounded !== 0 && (Math.abs(rounded) < 1e-4 || Math.abs(rounded) >= 1e15)) return rounded.toExponential();
  return rounded.toLocaleString("en-US", { maximumSignificantDigits: digits });
}

/** A share as a percentage with two decimals (`0.03%`), `<0.01%` for a share too small to show but not zero. */
export function percent(share: number): string {
  if (Number.isNaN(share)) return "—";
  if (share > 0 && share < 0.00005) return "<0.01%";
  return `${(share * 100).toFixed(2)}%`;
}

/** A size in bytes as people read it: `812 B`, `12.3 KiB`, `4.0 MiB`. */
export function bytes(count: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count.toLocaleString("en-US")} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The first 12 hex digits of a digest (as the registry's messages show it). */
export function shortSha(sha256: string): string {
  return sha256.replace(/^sha256:/, "").slice(0, 12);
}

export type Mark = "pass" | "fail" | "warn" | "skip" | "info";

const MARKS: Record<Mark, [string, Style]> = {
  pass: ["✓", "green"],
  fail: ["✗", "red"],
  warn: ["!", "yellow"],
  skip: ["-", "dim"],
  info: ["·", "dim"],
};

/** The one-character mark of an outcome (✓ ✗ ! -), coloured when colour is on. */
export function mark(options: Pick<TextOptions, "color">, status: Mark): string {
  const [symbol, style] = MARKS[status];
  return paint(options, style, symbol);
}

/** Lines past `limit` replaced by one `… and N more (see WHERE)` line; none when all fit. */
export function truncateLines(lines: readonly string[], limit: number, where: string, indent = ""): string[] {
  if (lines.length <= limit) return [...lines];
  const kept = Math.max(0, limit - 1);
  return [...lines.slice(0, kept), `${indent}… and ${lines.length - kept} more (see ${where})`];
}
