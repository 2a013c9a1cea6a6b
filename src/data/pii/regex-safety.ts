/**
 * Guards for the regexes a contract configures (`pii.patterns`, `forbid_patterns`): they run with
 * V8's backtracking engine on every distinct cell, and cells are whatever the data holds, so a
 * pattern like `^(\w+\s?)+$` takes 16 s on 28 letters and a `!` (and Node 22 has no linear engine).
 * A pattern that can backtrack exponentially is refused when the contract loads, and the text a
 * configured regex sees is capped, which bounds the polynomial cases the checks let through.
 */
import safeRegex from "safe-regex2";

/** The characters of a value a configured regex sees: its first 1,000 (the built-in detectors see all of it). */
export const CONFIGURED_REGEX_MAX_CHARS = 1000;

/** The part of a value a configured regex is tested on. */
export function configuredRegexText(text: string): string {
  return text.length > CONFIGURED_REGEX_MAX_CHARS ? text.slice(0, CONFIGURED_REGEX_MAX_CHARS) : text;
}

/**
 * Why a pattern could backtrack catastrophically, or undefined when it looks safe. Two rules:
 * safe-regex2 (star height above 1, i.e. a repeated group that itself repeats, or more than 25
 * repetitions), and a repeated group holding an alternation (`(\w|\d)*` is exponential, and
 * safe-regex2 does not see it, since whether two branches overlap is not decidable by a glance).
 */
export function regexBacktrackingProblem(source: string): string | undefined {
  if (!safeRegex(source)) return "it repeats a group that itself repeats, or has more than 25 repetitions";
  if (repeatsAlternation(source)) return "it repeats a group that holds an alternation (`|`)";
  return undefined;
}

/** True when a group containing `|` (directly or nested) is followed by `*`, `+` or `{n,}`/`{n,m}` with m > 1. */
function repeatsAlternation(source: string): boolean {
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") groups.push(false);
    else if (char === "|" && groups.length > 0) groups[groups.length - 1] = true;
    else if (char === ")") {
      const alternates = groups.pop() ?? false;
      if (alternates && repeatsMany(source, i + 1)) return true;
      // An enclosing group holds this alternation too.
      if (alternates && groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** True when a quantifier allowing more than one repetition starts at `at`. */
function repeatsMany(source: string, at: number): boolean {
  const next = source[at];
  if (next === "*" || next === "+") return true;
  if (next !== "{") return false;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (bounds === null) return false;
  const max = bounds[2] === undefined ? Number(bounds[1]) : bounds[3] === "" ? Infinity : Number(bounds[3]);
  return max > 1;
}
