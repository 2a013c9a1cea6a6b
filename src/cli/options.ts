/**
 * Command-line options for the CLI. Every flag can also come from an environment variable
 * `MODELSHIP_<FLAG>` (upper-case, dashes as underscores), so another CI can configure the CLI the
 * way it configures everything else. A flag on the command line wins over the variable.
 */
import { parseArgs } from "node:util";
import { UserError } from "../common/errors.ts";

export interface FlagSpec {
  type: "string" | "boolean";
  /** May be given more than once (strings only). */
  multiple?: boolean;
  short?: string;
  description: string;
  /** Shown in help, e.g. `FILE`. */
  value?: string;
  /** The values a string flag takes; checked by parseFlags before any work starts. */
  choices?: readonly string[];
  /** A string flag that holds a whole number (of at least `min`, default 0) or any number; checked by parseFlags. */
  numeric?: "integer" | "number";
  min?: number;
  /**
   * The flag only: no MODELSHIP_<FLAG> stands in for it. For a flag whose variable another command
   * reads too (MODELSHIP_FORCE is init's), where an ambient value must not act (remove a serving model).
   */
  flagOnly?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type ParsedFlags<S extends FlagSpecs> = {
  [K in keyof S]: S[K]["type"] extends "boolean"
    ? boolean | undefined
    : S[K]["multiple"] extends true
      ? string[] | undefined
      : string | undefined;
};

/** The environment variable that stands in for a flag. */
export function envNameOf(flag: string): string {
  return `MODELSHIP_${flag.toUpperCase().replaceAll("-", "_")}`;
}

function fromEnv(flag: string, spec: FlagSpec, env: NodeJS.ProcessEnv): string | boolean | string[] | undefined {
  const raw = spec.flagOnly === true ? undefined : env[envNameOf(flag)];
  if (raw === undefined || raw === "") return undefined;
  if (spec.type === "boolean") {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new UserError(`environment variable ${envNameOf(flag)} must be true or false, got "${raw}"`, {
      hint: `set ${envNameOf(flag)} to true or false (or 1/0, yes/no), or unset it`,
    });
  }
  return spec.multiple
    ? raw
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean)
    : raw;
}

/** Parses argv with flags from the environment as fallback; unknown flags are usage errors (exit 2). */
export function parseFlags<S extends FlagSpecs>(
  argv: string[],
  specs: S,
  options: { command: string; env?: NodeJS.ProcessEnv; positionals?: boolean },
): { flags: ParsedFlags<S>; positionals: string[] } {
  const env = options.env ?? process.env;
  const parseOptions: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    // util.parseArgs validates `short` and `multiple` whenever the key is present, undefined or not.
    parseOptions[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: negativeValuesJoined(argv, specs),
      options: parseOptions,
      allowPositionals: options.positionals ?? true,
      strict: true,
    });
  } catch (error) {
    // run-cli.ts already prefixes `modelship <command>: `; Node's advice on `--` for positionals is left out (the hint points to --help).
    const message = (error instanceof Error ? error.message.split("\n")[0]! : String(error)).replace(
      /\. To specify a positional argument .*$/,
      "",
    );
    throw new UserError(message, { hint: `run \`modelship ${options.command} --help\`` });
  }
  const flags: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    flags[name] = given ?? fromEnv(name, spec, env);
    // Every value is checked here, before the command does any work, and the error names what the
    // user set: the flag, or the environment variable standing in for it.
    checkValue(flags[name], name, spec, given === undefined ? envNameOf(name) : `--${name}`);
  }
  return { flags: flags as ParsedFlags<S>, positionals: parsed.positionals };
}

/** A flag's declared constraint (choices, whole number, number), checked against its value from `source` (`--flag` or `MODELSHIP_FLAG`). */
function checkValue(value: unknown, name: string, spec: FlagSpec, source: string): void {
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? (value as string[]) : [];
  const fromEnv = !source.startsWith("--");
  // From the command line, the fix names the variable too (it may be set as well, in CI).
  const setting = fromEnv || spec.flagOnly === true ? source : `${source} (or ${envNameOf(name)})`;
  const fix = (what: string, example: string): string =>
    fromEnv ? `set ${source} to ${what}, or unset it` : `give ${setting} ${what}, e.g. ${source} ${example}`;
  for (const item of values) {
    if (spec.choices !== undefined && !spec.choices.includes(item))
      throw new UserError(`${source} must be one of ${spec.choices.join(", ")}, got "${item}"`, {
        hint: `set ${setting} to one of ${spec.choices.join(", ")}${fromEnv ? ", or unset it" : ""}`,
      });
    const min = spec.min ?? 0;
    if (spec.numeric === "integer" && (!/^\d+$/.test(item) || Number(item) < min))
      throw new UserError(`${source} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${item}"`, {
        hint: fix(`a whole number ≥ ${min}`, String(Math.max(min, 5))),
      });
    if (spec.numeric === "number" && (item.trim() === "" || !Number.isFinite(Number(item))))
      throw new UserError(`${source} must be a number, got "${item}"`, { hint: fix("a number", "0.5") });
  }
}

/**
 * `--flag -3` as `--flag=-3`: util.parseArgs takes a value that starts with a dash for a flag and
 * calls the argument "ambiguous"; joined, the flag's own check says what values it takes.
 */
function negativeValuesJoined(argv: string[], specs: FlagSpecs): string[] {
  const takesValue = (arg: string): boolean => {
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    if (long !== undefined) return specs[long]?.type === "string";
    const short = /^-([A-Za-z])$/.exec(arg)?.[1];
    return short !== undefined && Object.values(specs).some((spec) => spec.short === short && spec.type === "string");
  };
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--") {
      joined.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    if (next !== undefined && /^-\d/.test(next) && takesValue(arg)) {
      joined.push(arg.startsWith("--") ? `${arg}=${next}` : `${arg}${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}

/** A help text listing flags and their environment variables (none for a flag-only one). */
export function renderHelp(options: { usage: string; summary: string; flags: FlagSpecs; notes?: string }): string {
  const rows = Object.entries(options.flags).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(34)} ${spec.description}${spec.flagOnly === true ? "" : ` [${envNameOf(name)}]`}`;
  });
  return [`usage: ${options.usage}`, "", options.summary, "", "options:", ...rows, options.notes ? `\n${options.notes}` : ""]
    .join("\n")
    .trimEnd();
}

/** Parses a whole-number flag. */
export function integerFlag(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`--${name} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a whole number ≥ ${min}, e.g. --${name} ${Math.max(min, 5)}`,
    });
  return Number(value);
}

/** Checks a flag against its allowed values. */
export function choiceFlag<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw new UserError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`, {
      hint: `set --${name} (or ${envNameOf(name)}) to one of ${choices.join(", ")}`,
    });
  return value as T;
}

/** A repeatable flag's values, or undefined when it was not given (or positionals, when there are none), so a setting in modelship.yaml applies. */
export function listFlag(values: string[] | undefined): string[] | undefined {
  return values === undefined || values.length === 0 ? undefined : values;
}

/** Parses a time flag (`--now`): an ISO 8601 time, for reproducible runs. */
export function timeFlag(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (value.trim() === "" || Number.isNaN(time.getTime()))
    throw new UserError(`--${name} "${value}" is not a time`, {
      hint: `give --${name} (or ${envNameOf(name)}) an ISO 8601 time, e.g. --${name} 2026-11-23T18:00:00Z`,
    });
  return time;
}

/** Parses a number flag. */
export function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number))
    throw new UserError(`--${name} must be a number, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a number, e.g. --${name} 0.5`,
    });
  return number;
}
