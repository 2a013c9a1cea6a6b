/**
 * Turns raw cells into typed values by the contract's column type. Validation, profiling and
 * schema inference all use these rules, so "an integer" means the same thing everywhere.
 */
import type { ColumnType } from "./contract-types.ts";
import type { RawValue } from "../readers/table.ts";

/** A typed value: numbers for integer/number, epoch milliseconds for date/datetime. */
export type TypedValue = number | string | boolean;

export type Coerced = { ok: true; value: TypedValue } | { ok: false; reason: string };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 / ISO 8601 date-time: date, T or space, time with optional fraction and zone.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export const DEFAULT_TRUE_VALUES = ["true", "True", "TRUE", "1"];
export const DEFAULT_FALSE_VALUES = ["false", "False", "FALSE", "0"];

/** A column's aliases as a Map, or undefined when it has none (the common case, kept off hot paths). */
export function aliasMap(column: { aliases: Record<string, string> }): Map<string, string> | undefined {
  const entries = Object.entries(column.aliases);
  return entries.length === 0 ? undefined : new Map(entries);
}

/** The contract's aliases map raw texts to canonical values before any check (only texts are aliased). */
export function applyAlias<T extends RawValue>(raw: T, aliases: Map<string, string> | undefined): T | string {
  if (aliases === undefined || typeof raw !== "string") return raw;
  return aliases.get(raw) ?? raw;
}

/** Shortens a value for messages. */
export function showValue(raw: RawValue): string {
  if (raw === null) return "null";
  const text = raw instanceof Date ? raw.toISOString() : String(raw);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function coerceNumber(raw: RawValue, integer: boolean): Coerced {
  if (typeof raw === "bigint") {
    if (raw > BigInt(Number.MAX_SAFE_INTEGER) || raw < BigInt(Number.MIN_SAFE_INTEGER))
      return { ok: false, reason: "is outside the range of exact integers (±2^53)" };
    return { ok: true, value: Number(raw) };
  }
  if (typeof raw === "number") {
    if (Number.isNaN(raw)) return { ok: false, reason: "is NaN, not a number" };
    if (!Number.isFinite(raw)) return { ok: false, reason: "is infinite" };
    if (integer && !Number.isInteger(raw)) return { ok: false, reason: "is not an integer" };
    if (integer && !Number.isSafeInteger(raw)) return { ok: false, reason: "is outside the range of exact integers (±2^53)" };
    return { ok: true, value: raw };
  }
  if (typeof raw !== "string") return { ok: false, reason: `is a ${raw instanceof Date ? "date" : typeof raw}, not a number` };
  if (integer) {
    if (!INTEGER.test(raw)) return { ok: false, reason: NUMBER.test(raw) ? "is not an integer" : "is not an integer" };
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) return { ok: false, reason: "is outside the range of exact integers (±2^53)" };
    return { ok: true, value };
  }
  if (!NUMBER.test(raw)) {
    if (/^[+-]?(nan|inf|infinity)$/i.test(raw)) return { ok: false, reason: "is not a finite number" };
    return { ok: false, reason: "is not a number" };
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) return { ok: false, reason: "overflows a 64-bit float (largest is about 1.8e308)" };
  return { ok: true, value };
}

function coerceDate(raw: RawValue, withTime: boolean): Coerced {
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? { ok: false, reason: "is an invalid date" } : { ok: true, value: raw.getTime() };
  if (typeof raw !== "string") return { ok: false, reason: `is a ${typeof raw}, not a ${withTime ? "date-time" : "date"}` };
  const match = withTime ? DATETIME.exec(raw) : DATE.exec(raw);
  if (!match)
    return {
      ok: false,
      reason: withTime ? "is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])" : "is not an ISO 8601 date (YYYY-MM-DD)",
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

/** Parses one non-null raw cell as `type`; the reason completes a sentence starting with the value. */
export function coerceValue(
  raw: Exclude<RawValue, null>,
  type: ColumnType,
  booleans?: { trueValues: string[]; falseValues: string[] },
): Coerced {
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
