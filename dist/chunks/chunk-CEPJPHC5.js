import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/data/contract/coerce.ts
var INTEGER = /^[+-]?\d+$/;
var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
var DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
var DEFAULT_TRUE_VALUES = ["true", "True", "TRUE", "1"];
var DEFAULT_FALSE_VALUES = ["false", "False", "FALSE", "0"];
function aliasMap(column) {
  const entries = Object.entries(column.aliases);
  return entries.length === 0 ? void 0 : new Map(entries);
}
function applyAlias(raw, aliases) {
  if (aliases === void 0 || typeof raw !== "string") return raw;
  return aliases.get(raw) ?? raw;
}
function showValue(raw) {
  if (raw === null) return "null";
  const text = raw instanceof Date ? raw.toISOString() : String(raw);
  return text.length > 200 ? `${text.slice(0, 197)}\u2026` : text;
}
function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function coerceNumber(raw, integer) {
  if (typeof raw === "bigint") {
    if (raw > BigInt(Number.MAX_SAFE_INTEGER) || raw < BigInt(Number.MIN_SAFE_INTEGER))
      return { ok: false, reason: "is outside the range of exact integers (\xB12^53)" };
    return { ok: true, value: Number(raw) };
  }
  if (typeof raw === "number") {
    if (Number.isNaN(raw)) return { ok: false, reason: "is NaN, not a number" };
    if (!Number.isFinite(raw)) return { ok: false, reason: "is infinite" };
    if (integer && !Number.isInteger(raw)) return { ok: false, reason: "is not an integer" };
    if (integer && !Number.isSafeInteger(raw)) return { ok: false, reason: "is outside the range of exact integers (\xB12^53)" };
    return { ok: true, value: raw };
  }
  if (typeof raw !== "string") return { ok: false, reason: `is a ${raw instanceof Date ? "date" : typeof raw}, not a number` };
  if (integer) {
    if (!INTEGER.test(raw)) return { ok: false, reason: NUMBER.test(raw) ? "is not an integer" : "is not an integer" };
    const value2 = Number(raw);
    if (!Number.isSafeInteger(value2)) return { ok: false, reason: "is outside the range of exact integers (\xB12^53)" };
    return { ok: true, value: value2 };
  }
  if (!NUMBER.test(raw)) {
    if (/^[+-]?(nan|inf|infinity)$/i.test(raw)) return { ok: false, reason: "is not a finite number" };
    return { ok: false, reason: "is not a number" };
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, reason: "overflows a 64-bit float (largest is about 1.8e308)" };
  return { ok: true, value };
}
function coerceDate(raw, withTime) {
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? { ok: false, reason: "is an invalid date" } : { ok: true, value: raw.getTime() };
  if (typeof raw !== "string") return { ok: false, reason: `is a ${typeof raw}, not a ${withTime ? "date-time" : "date"}` };
  const match = withTime ? DATETIME.exec(raw) : DATE.exec(raw);
  if (!match)
    return {
      ok: false,
      reason: withTime ? "is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM[:SS][Z|\xB1HH:MM])" : "is not an ISO 8601 date (YYYY-MM-DD)"
    };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: "is not a calendar date" };
  if (withTime) {
    const hour = Number(match[4]);
    const minute = Number(match[5]);
    const second = Number(match[6] ?? 0);
    if (hour > 23 || minute > 59 || second > 60) return { ok: false, reason: "is not a valid time of day" };
  }
  const time = Date.parse(withTime && !match[8] ? `${raw.replace(" ", "T")}Z` : raw.replace(" ", "T"));
  if (Number.isNaN(time)) return { ok: false, reason: "is not a valid date-time" };
  return { ok: true, value: time };
}
function coerceValue(raw, type, booleans) {
  switch (type) {
    case "integer":
      return coerceNumber(raw, true);
    case "number":
      return coerceNumber(raw, false);
    case "boolean": {
      if (typeof raw === "boolean") return { ok: true, value: raw };
      const text = String(raw);
      if ((booleans?.trueValues ?? DEFAULT_TRUE_VALUES).includes(text)) return { ok: true, value: true };
      if ((booleans?.falseValues ?? DEFAULT_FALSE_VALUES).includes(text)) return { ok: true, value: false };
      return { ok: false, reason: "is not a boolean" };
    }
    case "date":
      return coerceDate(raw, false);
    case "datetime":
      return coerceDate(raw, true);
    case "string":
    case "categorical":
      return { ok: true, value: raw instanceof Date ? raw.toISOString() : String(raw) };
  }
}

export {
  DEFAULT_TRUE_VALUES,
  DEFAULT_FALSE_VALUES,
  aliasMap,
  applyAlias,
  showValue,
  coerceValue
};
