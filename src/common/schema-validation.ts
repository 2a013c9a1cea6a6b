/**
 * Validates documents against the JSON Schemas in `schemas/`. Every schema error is gathered into
 * one UserError that names the file, the line, the JSON pointer and what the schema expects.
 */
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { UserError } from "./errors.ts";
import type { YamlSource } from "./yaml-source.ts";

// ajv and ajv-formats are CommonJS; imported from ESM, their `default` export sits one level down
// (both also set `exports.default` to themselves, so this holds in Node and in the esbuild bundle).
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

/** A schema from `schemas/`, imported as JSON. */
export type JsonSchema = Record<string, unknown> & { $id: string };

function compile(schema: JsonSchema): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
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
        break;
      case "unevaluatedProperties":
        pointer = `${pointer}/${String(params.unevaluatedProperty)}`;
        message = `unknown property "${String(params.unevaluatedProperty)}" (remove it or check its spelling)`;
        break;
      case "required":
        message = `missing required property "${String(params.missingProperty)}"`;
        break;
      case "enum":
        message = `must be one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
        break;
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
 * Checks `data` against `schema`. With a YAML source the error names lines; `what` names the kind
 * of file ("data contract", "modelship.yaml").
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type the schema guarantees
export function assertValid<T>(schema: JsonSchema, data: unknown, options: { file: string; what: string; source?: YamlSource; maxProblems?: number }): T {
  const validate = compile(schema);
  if (validate(data)) return data as T;
  const problems = describeSchemaErrors(validate.errors ?? []);
  for (const problem of problems) {
    const position = options.source?.locate(problem.pointer);
    if (position) Object.assign(problem, position);
  }
  const max = options.maxProblems ?? 20;
  const lines = problems.slice(0, max).map((problem) => {
    const at = problem.line === undefined ? options.file : `${options.file}:${problem.line}:${problem.column ?? 1}`;
    return `  ${at}: ${problem.pointer || "/"}: ${problem.message}`;
  });
  if (problems.length > max) lines.push(`  … and ${problems.length - max} more`);
  const first = problems[0]!;
  throw new UserError(`${options.what} does not match its schema (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${lines.join("\n")}`, {
    file: options.file,
    line: first.line,
    column: first.column,
    hint: `see ${schema.$id} for the allowed fields and values`,
  });
}

/** Checks a document the toolkit is about to write: a failure here is a bug, not a user error. */
export function assertWritable(schema: JsonSchema, data: unknown, what: string): void {
  const validate = compile(schema);
  if (validate(data)) return;
  const problems = describeSchemaErrors(validate.errors ?? []);
  throw new Error(`internal error: the ${what} about to be written does not match ${schema.$id}: ${problems.map((problem) => `${problem.pointer}: ${problem.message}`).join("; ")}`);
}
