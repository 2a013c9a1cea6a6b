/**
 * Validates documents against the JSON Schemas in `schemas/`. Every schema error is gathered into
 * one UserError that names the file, the line, the JSON pointer and what the schema expects.
 */
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { UserError } from "./errors.ts";
import { readerSchema, upgradeBySchema } from "./format-version.ts";
import { pointerTokens, type YamlSource } from "./yaml-source.ts";

// ajv and ajv-formats are CommonJS; imported from ESM, their `default` export sits one level down
// (both also set `exports.default` to themselves, so this holds in Node and in the esbuild bundle).
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

/** A schema from `schemas/`, imported as JSON. */
export type JsonSchema = Record<string, unknown> & { $id: string };

/**
 * The compiled validator for `schema`, compiled once on the shared strict ajv instance (modelship's
 * own schemas, whose `$id`s all differ).
 */
export function validatorFor(schema: JsonSchema): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}

/** Where the repository's schema files can be read: `$id`s are identifiers, not pages (modelship.dev serves nothing). */
const SCHEMA_PAGES = "https://github.com/modelship/modelship/blob/v1/schemas/";

/** The page a user can open for `schema`: its file in the repository (same name as its `$id`'s last segment). */
export function schemaLink(schema: Pick<JsonSchema, "$id">): string {
  const name = schema.$id.slice(schema.$id.lastIndexOf("/") + 1);
  return `${SCHEMA_PAGES}${name}`;
}

/** Registers schemas that others reference by `$ref`. */
export function addSchemas(...schemas: JsonSchema[]): void {
  for (const schema of schemas) if (!ajv.getSchema(schema.$id)) ajv.addSchema(schema);
}

/** One schema problem, ready to print. */
export interface SchemaProblem {
  pointer: string;
  message: string;
  line?: number;
  column?: number;
  /** The values an `enum` allows, so a fix can suggest the nearest one. */
  allowed?: unknown[];
  /** Whether the problem is the key itself (an unknown property), so its line is the key's, not its value's. */
  atKey?: boolean;
}

/** Turns ajv's errors into messages that say what is wrong and what is allowed. */
export function describeSchemaErrors(errors: ErrorObject[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  // `anyOf`/`oneOf` add a summary error after their branches' errors; the branch errors say more.
  const branchy = errors.filter((error) => error.keyword !== "anyOf" && error.keyword !== "oneOf" && error.keyword !== "if");
  for (const error of branchy.length > 0 ? branchy : errors) {
    let pointer = error.instancePath;
    let message: string;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case "additionalProperties":
        pointer = `${pointer}/${String(params.additionalProperty)}`;
        message = `unknown property "${String(params.additionalProperty)}" (remove it or check its spelling)`;
        problems.push({ pointer, message, atKey: true });
        seen.add(`${pointer}\u0000${message}`);
        continue;
      case "unevaluatedProperties":
        pointer = `${pointer}/${String(params.unevaluatedProperty)}`;
        message = `unknown property "${String(params.unevaluatedProperty)}" (remove it or check its spelling)`;
        problems.push({ pointer, message, atKey: true });
        seen.add(`${pointer}\u0000${message}`);
        continue;
      case "required":
        message = `missing required property "${String(params.missingProperty)}"`;
        break;
      case "enum":
        message = `must be one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
        problems.push({ pointer, message, allowed: params.allowedValues as unknown[] });
        seen.add(`${pointer}\u0000${message}`);
        continue;
      case "const":
        message = `must be ${JSON.stringify(params.allowedValue)}`;
        break;
      case "type":
        message = `must be ${String(params.type).replaceAll(",", " or ")}`;
        break;
      default:
        message = error.message ?? error.keyword;
    }
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ pointer, message });
  }
  return problems;
}

/**
 * Checks `data` against `schema`, after its format version (common/format-version.ts): the data is
 * returned upgraded to the current version. With a YAML source the error names lines; `what` names
 * the kind of file ("data contract", "modelship.yaml").
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type the schema guarantees
export function assertValid<T>(
  schema: JsonSchema,
  data: unknown,
  options: { file: string; what: string; source?: YamlSource; maxProblems?: number },
): T {
  // The format version first: a newer file gets "upgrade modelship", not the schema's bare "must be 1".
  data = upgradeBySchema(schema, data, options);
  const validate = validatorFor(readerSchema(schema));
  if (validate(data)) return data as T;
  const problems = describeSchemaErrors(validate.errors ?? []);
  for (const problem of problems) {
    const position = options.source?.locate(problem.pointer, problem.atKey === true ? "key" : "value");
    if (position) Object.assign(problem, position);
  }
  const max = options.maxProblems ?? 20;
  const lines = problems.slice(0, max).map((problem) => {
    const at = problem.line === undefined ? options.file : `${options.file}:${problem.line}:${problem.column ?? 1}`;
    return `  ${at}: ${problem.pointer || "/"}: ${problem.message}`;
  });
  if (problems.length > max) lines.push(`  … and ${problems.length - max} more`);
  const first = problems[0]!;
  throw new UserError(
    `${options.what} does not match its schema (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`,
    {
      file: options.file,
      line: first.line,
      column: first.column,
      hint: [suggestFix(problems, data), `see ${schemaLink(schema)} for the allowed fields and values`]
        .filter((part) => part !== undefined)
        .join("; "),
    },
  );
}

/** Edit distance between two short texts (Levenshtein). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** For a misspelt enum value (`int` for `integer`), the fix names the value meant. */
function suggestFix(problems: SchemaProblem[], data: unknown): string | undefined {
  for (const problem of problems) {
    const given = valueAt(data, problem.pointer);
    if (problem.allowed === undefined || typeof given !== "string") continue;
    const candidates = problem.allowed.filter((value): value is string => typeof value === "string");
    const scored = candidates.map((value) => ({
      value,
      score: value.toLowerCase().startsWith(given.toLowerCase()) ? 0 : editDistance(given.toLowerCase(), value.toLowerCase()),
    }));
    const best = scored.sort((a, b) => a.score - b.score)[0];
    if (best !== undefined && best.score <= Math.max(2, Math.floor(given.length / 2)))
      return `change ${JSON.stringify(given)} at ${problem.pointer} to ${JSON.stringify(best.value)}`;
    return `set ${problem.pointer} to one of ${candidates.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  return undefined;
}

/** Checks a document the toolkit is about to write: a failure here is a bug, not a user error. */
export function assertWritable(schema: JsonSchema, data: unknown, what: string): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const problems = describeSchemaErrors(validate.errors ?? []);
  throw new Error(
    `internal error: the ${what} about to be written does not match ${schemaLink(schema)}: ${problems.map((problem) => `${problem.pointer}: ${problem.message}`).join("; ")}`,
  );
}
