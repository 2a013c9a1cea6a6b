import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

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

// src/common/version.ts
var TOOL_VERSION = true ? "0.1.0" : "0.1.0-dev";

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  UserError,
  isUserError,
  getErrorMessage,
  errnoCode,
  TOOL_VERSION
};
