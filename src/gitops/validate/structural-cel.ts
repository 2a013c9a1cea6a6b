/**
 * `x-kubernetes-validations` (CEL), evaluated with @marcbachmann/cel-js the way kube-apiserver
 * evaluates them on create (apiextensions-apiserver `pkg/apiserver/schema/cel`): `self` is the
 * node's value typed by its schema (integers as CEL ints, byte strings as bytes, date-times as
 * timestamps, declared fields only, names escaped), a false rule reports its message (or
 * messageExpression's), and transition rules (oldSelf) do not run. What the library cannot evaluate
 * is a `not-evaluated` problem, never an error and never a crash.
 */
import { Environment } from "@marcbachmann/cel-js";
import { matchesFormat } from "./structural-formats.ts";
import {
  fieldOf,
  forEachChild,
  formatValue,
  mapValueSchema,
  objectOf,
  problemAt,
  type DataPath,
  type StructuralProblem,
  type StructuralSchema,
  type ValidationRule,
} from "./structural-types.ts";

type Program = (context: { self: unknown }) => unknown;

const ENVIRONMENT = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false }).registerVariable("self", "dyn");
/** Compiled rules by source, or the reason one does not compile. */
const PROGRAMS = new Map<string, Program | Error>();

/** CEL's reserved words, escaped as `__{word}__` when they name a property. */
const RESERVED = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
]);

/** A property's name as a rule sees it, or undefined when rules cannot reach it (the apiserver's escaping rules). */
function escapeName(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replaceAll("__", "__underscores__").replaceAll(".", "__dot__").replaceAll("-", "__dash__").replaceAll("/", "__slash__");
}

function compile(source: string): Program | Error {
  let program = PROGRAMS.get(source);
  if (program === undefined) {
    try {
      program = ENVIRONMENT.parse(source) as Program;
    } catch (error) {
      program = error instanceof Error ? error : new Error(String(error));
    }
    PROGRAMS.set(source, program);
  }
  return program;
}

/** A string of a format CEL types specially: bytes, timestamps. */
function typedString(text: string, format: string | undefined): unknown {
  if (format === "byte" && matchesFormat("byte", text) === true) return new Uint8Array(Buffer.from(text, "base64"));
  if ((format === "date-time" || format === "datetime" || format === "date") && matchesFormat(format, text) === true) {
    const time = new Date(format === "date" ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(time.getTime())) return time;
  }
  return text;
}

/** A declared object: its declared fields (nulls absent, unreachable names left out), plus TypeMeta and names of a resource. */
function celObject(object: Record<string, unknown>, schema: StructuralSchema, resource: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const name = escapeName(key);
    const value = Object.hasOwn(object, key) && object[key] !== null ? toCel(object[key], property) : undefined;
    if (name !== undefined && value !== undefined) result[name] = value;
  }
  if (resource) {
    for (const key of ["apiVersion", "kind"]) if (typeof object[key] === "string") result[key] = object[key];
    const metadata = objectOf(object.metadata) ?? {};
    const names = Object.fromEntries(
      ["name", "generateName"].filter((key) => typeof metadata[key] === "string").map((key) => [key, metadata[key]]),
    );
    if (Object.keys(names).length > 0) result.metadata = names;
  }
  return result;
}

/**
 * Whether rules cannot see data of `schema` ("unknown type": no type with
 * x-kubernetes-preserve-unknown-fields, and lists and maps of it; no schema at all).
 */
function isUnknownType(schema: StructuralSchema | undefined): boolean {
  if (schema === undefined) return true;
  if (schema["x-kubernetes-int-or-string"] === true) return false;
  if (schema.type === undefined || schema.type === "") return schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (schema.type === "array") return isUnknownType(schema.items);
  const values = mapValueSchema(schema);
  return schema.type === "object" && schema.properties === undefined && values !== null && isUnknownType(values ?? undefined);
}

/** The CEL value of `value` typed by `schema`; undefined for data rules cannot see. */
function toCel(value: unknown, schema: StructuralSchema | undefined, resource = false): unknown {
  if (value === null) return null;
  if (isUnknownType(schema)) return undefined;
  const node = schema!;
  if (node["x-kubernetes-int-or-string"] === true || node.type === "integer") {
    return typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (node.type === "string" && typeof value === "string") return typedString(value, node.format);
  if (Array.isArray(value)) return value.map((item) => toCel(item, node.items));
  const object = objectOf(value);
  if (object === undefined) return value;
  const values = mapValueSchema(node);
  if (node.properties === undefined && values !== null && values !== undefined) {
    const map: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(object)) map[key] = toCel(item, values);
    return map;
  }
  return celObject(object, node, resource || node["x-kubernetes-embedded-resource"] === true);
}

/** Whether a rule reads oldSelf (outside string literals): a transition rule, which the apiserver runs only on update. */
function usesOldSelf(source: string): boolean {
  return /\boldSelf\b/.test(source.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, ""));
}

/** The path a rule's `fieldPath` names (`.spec.foo`, `.map['key']`), below `path`; `path` itself when it cannot be read. */
function rulePath(path: DataPath, fieldPath: string | undefined): DataPath {
  if (fieldPath === undefined || fieldPath === "") return path;
  const tokens = [...fieldPath.matchAll(/\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]/gy)];
  if (tokens.map((token) => token[0]).join("") !== fieldPath) return path;
  return [...path, ...tokens.map((token) => token[1] ?? token[2]!.replace(/\\(.)/g, "$1"))];
}

/** A non-empty one-line string messageExpression yields, else undefined (the apiserver then falls back to message). */
function evaluateMessage(source: string | undefined, self: unknown): string | undefined {
  if (source === undefined || source === "") return undefined;
  const program = compile(source);
  if (program instanceof Error) return undefined;
  try {
    const message = program({ self });
    return typeof message === "string" && message.trim() !== "" && !message.includes("\n") ? message.trim() : undefined;
  } catch {
    return undefined;
  }
}

function notEvaluated(path: DataPath, rule: ValidationRule, why: string, kind: "cel" | "transition" = "cel"): StructuralProblem {
  return problemAt(path, kind, `${fieldOf(path)}: rule not evaluated (${why}): ${rule.rule.trim()}`, "not-evaluated");
}

/** Evaluates one rule on the node at `path`; pushes an error when it is false, a note when it cannot run. */
function evaluateRule(rule: ValidationRule, value: unknown, self: unknown, path: DataPath, problems: StructuralProblem[]): void {
  // A CRD the apiserver accepted has a string rule; anything else is skipped rather than thrown on.
  if (typeof rule.rule !== "string" || rule.rule.trim() === "") return;
  if (usesOldSelf(rule.rule)) {
    problems.push(notEvaluated(path, rule, "a transition rule: it compares with oldSelf, which exists only on update", "transition"));
    return;
  }
  const program = compile(rule.rule);
  if (program instanceof Error) {
    problems.push(notEvaluated(path, rule, `the CEL library cannot parse it: ${program.message.split("\n")[0]}`));
    return;
  }
  let result: unknown;
  try {
    result = program({ self });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const shown = typeof value === "object" ? "" : ` ${formatValue(value)}:`;
    // A missing field is the apiserver's runtime error too ("no such key: x evaluating rule: ..."); anything else may be the library's gap.
    if (/^No such key: /.test(message)) {
      const detail = `${message.replace(/^No such key/, "no such key")} evaluating rule: ${(rule.message ?? "").trim() || rule.rule.trim()}`;
      problems.push(problemAt(path, "cel", `${fieldOf(path)}: Invalid value:${shown} ${detail}`));
    } else {
      problems.push(notEvaluated(path, rule, `the CEL library could not evaluate it: ${message}`));
    }
    return;
  }
  if (result === true) return;
  if (result !== false) {
    problems.push(notEvaluated(path, rule, "it did not evaluate to a bool"));
    return;
  }
  const detail = evaluateMessage(rule.messageExpression, self) ?? ((rule.message ?? "").trim() || `failed rule: ${rule.rule.trim()}`);
  const at = rulePath(path, rule.fieldPath);
  const shown = typeof value === "object" ? "" : ` ${formatValue(value)}:`;
  problems.push(problemAt(at, "cel", `${fieldOf(at)}: Invalid value:${shown} ${detail}`));
}

/** The rules of a node: its own and those of its allOf branches (which the apiserver also runs). */
function rulesOf(schema: StructuralSchema): ValidationRule[] {
  return [...(schema["x-kubernetes-validations"] ?? []), ...(schema.allOf ?? []).flatMap(rulesOf)];
}

/** Walks the data with its schema and evaluates every rule on every non-null node it applies to (rule 7). */
export function evaluateCelRules(
  value: unknown,
  schema: StructuralSchema | undefined,
  path: DataPath,
  problems: StructuralProblem[],
): void {
  if (schema === undefined || value === null || value === undefined) return;
  const rules = rulesOf(schema);
  if (rules.length > 0) {
    const self = toCel(value, schema, path.length === 0);
    for (const rule of rules) evaluateRule(rule, value, self, path, problems);
  }
  forEachChild(value, schema, path, (child, childSchema, childPath) => {
    evaluateCelRules(child, childSchema, childPath, problems);
  });
}

/** Whether any node of `schema` carries a rule. */
export function hasCelRules(schema: StructuralSchema | undefined): boolean {
  if (schema === undefined) return false;
  // The CRD schemas never change and are large (KServe's InferenceService): walk each node once.
  const known = HAS_RULES.get(schema);
  if (known !== undefined) return known;
  const children = [...Object.values(schema.properties ?? {}), mapValueSchema(schema) ?? undefined, schema.items];
  const found = rulesOf(schema).length > 0 || children.some((child) => hasCelRules(child));
  HAS_RULES.set(schema, found);
  return found;
}
const HAS_RULES = new WeakMap<StructuralSchema, boolean>();
