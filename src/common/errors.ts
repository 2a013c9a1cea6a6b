/**
 * The error model. A `UserError` is the user's to fix (bad input, bad config, a missing file): it is
 * reported as a plain message with where and how to fix it, never with a stack trace. Anything else
 * thrown is a bug in modelship and is reported with its stack at debug level.
 */

/** Where in a user's file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** RFC 6901 JSON pointer into a YAML/JSON document, e.g. `/columns/3/type`. */
  pointer?: string;
}

export interface UserErrorOptions extends SourceLocation {
  /** What to do about it, in one sentence. */
  hint?: string;
  cause?: unknown;
}

/** A problem the user can fix: input data, configuration, files, usage. */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
  readonly hint?: string;
  /** The bare problem, without location or hint (the message has both). */
  readonly problem: string;

  constructor(problem: string, options: UserErrorOptions = {}) {
    super(formatUserError(problem, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.problem = problem;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.pointer = options.pointer;
    this.hint = options.hint;
  }
}

/** `file:line:column: problem (at /pointer). Fix: hint` with the parts that are known. */
export function formatUserError(problem: string, where: UserErrorOptions): string {
  let location = where.file ?? "";
  if (where.file !== undefined && where.line !== undefined) {
    location += `:${where.line}`;
    if (where.column !== undefined) location += `:${where.column}`;
  }
  let message = location ? `${location}: ${problem}` : problem;
  if (where.pointer !== undefined && where.pointer !== "") message += ` (at ${where.pointer})`;
  if (where.hint) message += `\n  Fix: ${where.hint}`;
  return message;
}

/** True for a `UserError`, also one from another copy of this module (e.g. another bundle chunk). */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError || (error instanceof Error && error.name === "UserError" && "problem" in error);
}

/** The message of anything thrown: thrown strings and objects are messages too, never success. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Node's error code (`ENOENT`, `EACCES`…) of a system error, if it has one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** The 1-based line and column V8 names in a `JSON.parse` error ("… (line 3 column 7)"), when it names them. */
export function jsonErrorPosition(error: unknown): { line?: number; column?: number } {
  const match = /\(line (\d+) column (\d+)\)/.exec(getErrorMessage(error));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

/**
 * The same user error with the setting it came from in front of the problem (`--current-profile: the
 * pattern … matches no files`): where and how to fix it are kept. Anything else is rethrown as it is.
 */
export function withSetting(error: unknown, setting: string): never {
  if (!isUserError(error)) throw error;
  throw new UserError(`${setting}: ${error.problem}`, {
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
    ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    cause: error,
  });
}
