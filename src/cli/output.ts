/**
 * The output flags every command takes (`--format`, `--json`, `-q`, `-v`) and what they do: which
 * form of the report goes to stdout, how much the stage logs, and whether the text is coloured. The
 * stages below log through a Logger and the renderers return strings; only this face decides what a
 * person at the terminal sees.
 */
import type { AnnotationProperties, Logger } from "../common/logger.ts";
import { ProgressBar } from "../common/progress-bar.ts";
import { colorWanted, type TextOptions } from "../common/text-style.ts";
import type { CommandContext } from "./command.ts";
import type { FlagSpecs } from "./options.ts";

export const OUTPUT_FORMATS = ["text", "markdown", "json"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** -q and -v alone, for a command whose stdout is a document rather than a report (`contract infer` prints YAML). */
export const levelFlags = {
  quiet: { type: "boolean", short: "q", description: "only failures and errors; nothing on success (the exit status says it)" },
  verbose: { type: "boolean", short: "v", description: "also list what passed, and print debug logs" },
} satisfies FlagSpecs;

/** Spread into every command's flags, so each parses, documents and env-validates them the same way. */
export const outputFlags = {
  format: {
    type: "string",
    value: "FORMAT",
    choices: OUTPUT_FORMATS,
    description: "text (default: a summary for people), markdown (the PR comment) or json (the report)",
  },
  json: { type: "boolean", description: "the same as --format json" },
  ...levelFlags,
} satisfies FlagSpecs;

/** What the output flags parsed to (the `outputFlags` part of a command's flags). */
export interface OutputValues {
  format?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export interface CommandOutput {
  format: OutputFormat;
  text: TextOptions;
  /** The command's context with its logger at the chosen level (and erasing the progress bar before each line). */
  context: CommandContext;
  /**
   * Prints the result: `--format json` the JSON, `markdown` the markdown, `text` the text summary
   * then `Reports: PATHS` (those the summary does not name already). Under -q a passing run prints nothing (its exit status says it). With
   * json or markdown on stdout, the report paths go to the log (stderr), so stdout stays one document.
   */
  emit(result: {
    json: unknown;
    text: () => string;
    /** The markdown; without one (or when it returns undefined), --format markdown prints the text. */
    markdown?: () => string | undefined;
    reports?: readonly (string | undefined)[];
    failed: boolean;
  }): void;
}

/** Resolves the output flags of one command run (already validated by parseFlags). */
export function commandOutput(context: CommandContext, values: OutputValues): CommandOutput {
  const format: OutputFormat = values.json ? "json" : ((values.format as OutputFormat | undefined) ?? "text");
  const quiet = values.quiet === true;
  const verbose = !quiet && (values.verbose === true || context.verbose === true);
  const text: TextOptions = { color: colorWanted(context.stdout ?? {}, context.env), verbose, quiet };
  const progress = context.progress ?? new ProgressBar({ isTTY: false, write: () => true }, context.env);
  if (quiet) progress.mute();
  // The text summary says what the stage's info lines said (files read, where things went), so by
  // default only warnings and errors are logged beside it; -v brings the info lines back, and
  // markdown or json (what scripts and CI read) keep today's logs.
  const level: Level = quiet ? "error" : verbose ? "debug" : format === "text" ? "warning" : "info";
  // Filtered first, so a dropped line does not erase the bar.
  const logger = leveled(progress.around(context.logger), level);
  const emit: CommandOutput["emit"] = (result) => {
    const paths = (result.reports ?? []).filter((path): path is string => path !== undefined);
    const reports = paths.length > 0 ? `Reports: ${paths.join(", ")}` : undefined;
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
    // A path the summary already names (`Site written: DIR/index.html`) is not listed again.
    const unnamed = paths.filter((path) => !summary.includes(path));
    context.print(unnamed.length > 0 && !quiet ? `${summary}\nReports: ${unnamed.join(", ")}` : summary);
  };
  return { format, text, context: { ...context, logger }, emit };
}

export type Level = "debug" | "info" | "warning" | "error";

/**
 * The logger at a level: `error` (-q) keeps errors only, as the issue asks ("only failures and
 * errors": warnings are in the report, which -q prints when the run fails); `warning` adds warnings
 * and notices (the text default); `info` adds info lines and group headers; `debug` (-v) everything.
 * Debug lines need the inner logger to be verbose too (run-cli makes it so for -v and MODELSHIP_VERBOSE).
 */
export function leveled(logger: Logger, level: Level): Logger {
  if (level === "debug") return logger;
  const info = level === "info";
  const warnings = level !== "error";
  return {
    debug: () => undefined,
    info: (message: string) => {
      if (info) logger.info(message);
    },
    warning: (message: string, properties?: AnnotationProperties) => {
      if (warnings) logger.warning(message, properties);
    },
    error: (message: string, properties?: AnnotationProperties) => {
      logger.error(message, properties);
    },
    notice: (message: string, properties?: AnnotationProperties) => {
      if (warnings) logger.notice(message, properties);
    },
    group: (name, fn) => (info ? logger.group(name, fn) : fn()),
  };
}
