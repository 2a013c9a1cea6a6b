import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  paint
} from "./chunk-U5WQZHIB.js";

// src/common/printable-text.ts
var UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
var NAMED = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function printable(text) {
  return text.replace(UNPRINTABLE, (char) => {
    const named = NAMED[char];
    if (named !== void 0) return named;
    const point = char.codePointAt(0);
    return point > 65535 ? `\\u{${point.toString(16)}}` : `\\u${point.toString(16).padStart(4, "0")}`;
  });
}
function significant(value, digits = 4) {
  if (value === null || value === void 0 || Number.isNaN(value)) return "\u2014";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "-\u221E";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  const rounded = Number(value.toPrecision(digits));
  if (rounded !== 0 && (Math.abs(rounded) < 1e-4 || Math.abs(rounded) >= 1e15)) return rounded.toExponential();
  return rounded.toLocaleString("en-US", { maximumSignificantDigits: digits });
}
function percent(share) {
  if (Number.isNaN(share)) return "\u2014";
  if (share > 0 && share < 5e-5) return "<0.01%";
  return `${(share * 100).toFixed(2)}%`;
}
function bytes(count) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${count.toLocaleString("en-US")} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function shortSha(sha256) {
  return sha256.replace(/^sha256:/, "").slice(0, 12);
}
var MARKS = {
  pass: ["\u2713", "green"],
  fail: ["\u2717", "red"],
  warn: ["!", "yellow"],
  skip: ["-", "dim"],
  info: ["\xB7", "dim"]
};
function mark(options, status) {
  const [symbol, style] = MARKS[status];
  return paint(options, style, symbol);
}

export {
  printable,
  significant,
  percent,
  bytes,
  shortSha,
  mark
};
