import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// src/common/errors.ts
var UserError = class extends Error {
  name = "UserError";
  file;
  line;
  column;
  pointer;
  hint;
  /** The bare problem, without location or hint (the message has both). */
  problem;
  constructor(problem, options = {}) {
    super(formatUserError(problem, options), options.cause === void 0 ? void 0 : { cause: options.cause });
    this.problem = problem;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.pointer = options.pointer;
    this.hint = options.hint;
  }
};
function formatUserError(problem, where) {
  let location = where.file ?? "";
  if (where.file !== void 0 && where.line !== void 0) {
    location += `:${where.line}`;
    if (where.column !== void 0) location += `:${where.column}`;
  }
  let message = location ? `${location}: ${problem}` : problem;
  if (where.pointer !== void 0 && where.pointer !== "") message += ` (at ${where.pointer})`;
  if (where.hint) message += `
  Fix: ${where.hint}`;
  return message;
}
function isUserError(error) {
  return error instanceof UserError || error instanceof Error && error.name === "UserError" && "problem" in error;
}
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
function errnoCode(error) {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : void 0;
}
function jsonErrorPosition(error) {
  const match = /\(line (\d+) column (\d+)\)/.exec(getErrorMessage(error));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}
function withSetting(error, setting) {
  if (!isUserError(error)) throw error;
  throw new UserError(`${setting}: ${error.problem}`, {
    ...error.file === void 0 ? {} : { file: error.file },
    ...error.line === void 0 ? {} : { line: error.line },
    ...error.column === void 0 ? {} : { column: error.column },
    ...error.pointer === void 0 ? {} : { pointer: error.pointer },
    ...error.hint === void 0 ? {} : { hint: error.hint },
    cause: error
  });
}

export {
  UserError,
  formatUserError,
  isUserError,
  getErrorMessage,
  errnoCode,
  jsonErrorPosition,
  withSetting
};
