import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ProgressBar
} from "./chunk-I3SDEOJT.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";
import {
  colorWanted
} from "./chunk-U5WQZHIB.js";

// src/cli/options.ts
import { parseArgs } from "node:util";
function envNameOf(flag) {
  return `MODELSHIP_${flag.toUpperCase().replaceAll("-", "_")}`;
}
function fromEnv(flag, spec, env) {
  const raw = spec.flagOnly === true ? void 0 : env[envNameOf(flag)];
  if (raw === void 0 || raw === "") return void 0;
  if (spec.type === "boolean") {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new UserError(`environment variable ${envNameOf(flag)} must be true or false, got "${raw}"`, {
      hint: `set ${envNameOf(flag)} to true or false (or 1/0, yes/no), or unset it`
    });
  }
  return spec.multiple ? raw.split(/[\n,]/).map((item) => item.trim()).filter(Boolean) : raw;
}
function parseFlags(argv, specs, options) {
  const env = options.env ?? process.env;
  const parseOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    parseOptions[name] = { type: spec.type, ...spec.multiple ? { multiple: true } : {}, ...spec.short ? { short: spec.short } : {} };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: negativeValuesJoined(argv, specs),
      options: parseOptions,
      allowPositionals: options.positionals ?? true,
      strict: true
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message.split("\n")[0] : String(error)).replace(
      /\. To specify a positional argument .*$/,
      ""
    );
    throw new UserError(message, { hint: `run \`modelship ${options.command} --help\`` });
  }
  const flags = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = parsed.values[name];
    flags[name] = given ?? fromEnv(name, spec, env);
    checkValue(flags[name], name, spec, given === void 0 ? envNameOf(name) : `--${name}`);
  }
  return { flags, positionals: parsed.positionals };
}
function checkValue(value, name, spec, source) {
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const fromEnv2 = !source.startsWith("--");
  const setting = fromEnv2 || spec.flagOnly === true ? source : `${source} (or ${envNameOf(name)})`;
  const fix = (what, example) => fromEnv2 ? `set ${source} to ${what}, or unset it` : `give ${setting} ${what}, e.g. ${source} ${example}`;
  for (const item of values) {
    if (spec.choices !== void 0 && !spec.choices.includes(item))
      throw new UserError(`${source} must be one of ${spec.choices.join(", ")}, got "${item}"`, {
        hint: `set ${setting} to one of ${spec.choices.join(", ")}${fromEnv2 ? ", or unset it" : ""}`
      });
    const min = spec.min ?? 0;
    if (spec.numeric === "integer" && (!/^\d+$/.test(item) || Number(item) < min))
      throw new UserError(`${source} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${item}"`, {
        hint: fix(`a whole number \u2265 ${min}`, String(Math.max(min, 5)))
      });
    if (spec.numeric === "number" && (item.trim() === "" || !Number.isFinite(Number(item))))
      throw new UserError(`${source} must be a number, got "${item}"`, { hint: fix("a number", "0.5") });
  }
}
function negativeValuesJoined(argv, specs) {
  const takesValue = (arg) => {
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    if (long !== void 0) return specs[long]?.type === "string";
    const short = /^-([A-Za-z])$/.exec(arg)?.[1];
    return short !== void 0 && Object.values(specs).some((spec) => spec.short === short && spec.type === "string");
  };
  const joined = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") {
      joined.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    if (next !== void 0 && /^-\d/.test(next) && takesValue(arg)) {
      joined.push(arg.startsWith("--") ? `${arg}=${next}` : `${arg}${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}
function renderHelp(options) {
  const rows = Object.entries(options.flags).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(34)} ${spec.description}${spec.flagOnly === true ? "" : ` [${envNameOf(name)}]`}`;
  });
  return [`usage: ${options.usage}`, "", options.summary, "", "options:", ...rows, options.notes ? `
${options.notes}` : ""].join("\n").trimEnd();
}
function integerFlag(value, name, min = 0) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`--${name} must be a whole number${min === 0 ? "" : ` of at least ${min}`}, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a whole number \u2265 ${min}, e.g. --${name} ${Math.max(min, 5)}`
    });
  return Number(value);
}
function choiceFlag(value, name, choices) {
  if (value === void 0) return void 0;
  if (!choices.includes(value))
    throw new UserError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`, {
      hint: `set --${name} (or ${envNameOf(name)}) to one of ${choices.join(", ")}`
    });
  return value;
}
function listFlag(values) {
  return values === void 0 || values.length === 0 ? void 0 : values;
}
function timeFlag(value, name) {
  if (value === void 0) return void 0;
  const time = new Date(value);
  if (value.trim() === "" || Number.isNaN(time.getTime()))
    throw new UserError(`--${name} "${value}" is not a time`, {
      hint: `give --${name} (or ${envNameOf(name)}) an ISO 8601 time, e.g. --${name} 2026-11-23T18:00:00Z`
    });
  return time;
}
function numberFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number))
    throw new UserError(`--${name} must be a number, got "${value}"`, {
      hint: `give --${name} (or ${envNameOf(name)}) a number, e.g. --${name} 0.5`
    });
  return number;
}

// src/cli/output.ts
var OUTPUT_FORMATS = ["text", "markdown", "json"];
var levelFlags = {
  quiet: { type: "boolean", short: "q", description: "only failures and errors; nothing on success (the exit status says it)" },
  verbose: { type: "boolean", short: "v", description: "also list what passed, and print debug logs" }
};
var outputFlags = {
  format: {
    type: "string",
    value: "FORMAT",
    choices: OUTPUT_FORMATS,
    description: "text (default: a summary for people), markdown (the PR comment) or json (the report)"
  },
  json: { type: "boolean", description: "the same as --format json" },
  ...levelFlags
};
function commandOutput(context, values) {
  const format = values.json ? "json" : values.format ?? "text";
  const quiet = values.quiet === true;
  const verbose = !quiet && (values.verbose === true || context.verbose === true);
  const text = { color: colorWanted(context.stdout ?? {}, context.env), verbose, quiet };
  const progress = context.progress ?? new ProgressBar({ isTTY: false, write: () => true }, context.env);
  if (quiet) progress.mute();
  const level = quiet ? "error" : verbose ? "debug" : format === "text" ? "warning" : "info";
  const logger = leveled(progress.around(context.logger), level);
  const emit = (result) => {
    const paths = (result.reports ?? []).filter((path) => path !== void 0);
    const reports = paths.length > 0 ? `Reports: ${paths.join(", ")}` : void 0;
    progress.clear();
    if (format === "json") {
      context.print(JSON.stringify(result.json, null, 2));
      if (reports && !quiet) logger.info(reports);
      return;
    }
    if (quiet && !result.failed) return;
    if (format === "markdown") {
      context.print(result.markdown?.() ?? result.text());
      if (reports && !quiet) logger.info(reports);
      return;
    }
    const summary = result.text();
    const unnamed = paths.filter((path) => !summary.includes(path));
    context.print(unnamed.length > 0 && !quiet ? `${summary}
Reports: ${unnamed.join(", ")}` : summary);
  };
  return { format, text, context: { ...context, logger }, emit };
}
function leveled(logger, level) {
  if (level === "debug") return logger;
  const info = level === "info";
  const warnings = level !== "error";
  return {
    debug: () => void 0,
    info: (message) => {
      if (info) logger.info(message);
    },
    warning: (message, properties) => {
      if (warnings) logger.warning(message, properties);
    },
    error: (message, properties) => {
      logger.error(message, properties);
    },
    notice: (message, properties) => {
      if (warnings) logger.notice(message, properties);
    },
    group: (name, fn) => info ? logger.group(name, fn) : fn()
  };
}

export {
  parseFlags,
  renderHelp,
  integerFlag,
  choiceFlag,
  listFlag,
  timeFlag,
  numberFlag,
  levelFlags,
  outputFlags,
  commandOutput
};
