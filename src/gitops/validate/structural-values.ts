/**
 * The value validations of a structural schema, as kube-openapi's SchemaValidator runs them on a
 * custom resource after pruning and defaulting (`pkg/validation/validate`), with the messages that
 * apiextensions-apiserver turns its results into (`kubeOpenAPIResultToFieldErrors`).
 */
import { isDeepStrictEqual } from "node:util";
import { matchesFormat } from "./structural-formats.ts";
import {
  fieldOf,
  formatValue,
  jsonTypeOf,
  fieldSchema,
  objectOf,
  problemAt,
  type DataPath,
  type StructuralProblem,
  type StructuralRule,
  type StructuralSchema,
} from "./structural-types.ts";

/** `<field>: Invalid value: <value>: <detail>`, objects and arrays named by their type as CEL errors do. */
function invalid(path: DataPath, rule: StructuralRule, value: unknown, detail: string): StructuralProblem {
  const shown = typeof value === "object" && value !== null ? JSON.stringify(jsonTypeOf(value)) : formatValue(value);
  return problemAt(path, rule, `${fieldOf(path)}: Invalid value: ${shown}: ${detail}`);
}

/** go-openapi's `<path> in body ...` detail. */
function inBody(path: DataPath, text: string): string {
  return `${fieldOf(path)} in body ${text}`;
}

/** The types a node accepts: `x-kubernetes-int-or-string` is `integer,string` (ConvertJSONSchemaProps). */
function expectedTypes(schema: StructuralSchema): string[] {
  if (schema["x-kubernetes-int-or-string"] === true) return ["integer", "string"];
  return schema.type === undefined || schema.type === "" ? [] : [schema.type];
}

/** Checks the type, returning false (and a problem) when it is wrong, so no keyword runs on a mistyped value. */
function checkType(value: unknown, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): boolean {
  const expected = expectedTypes(schema);
  if (expected.length === 0) return true;
  const actual = jsonTypeOf(value);
  // An integer passes `type: number` (isIntFloat); a float with an integral value passes `type: integer` (isFloatInt).
  if (expected.includes(actual) || (actual === "integer" && expected.includes("number"))) return true;
  const rule: StructuralRule = value === null ? "nullable" : schema["x-kubernetes-int-or-string"] === true ? "int-or-string" : "type";
  problems.push(invalid(path, rule, actual, `${inBody(path, `must be of type ${expected.join(",")}`)}: ${JSON.stringify(actual)}`));
  return false;
}

function checkString(text: string, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  // Go counts runes (utf8.RuneCountInString): code points, as Array.from splits them.
  const length = Array.from(text).length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    problems.push(problemAt(path, "limit", `${fieldOf(path)}: Too long: may not be more than ${schema.maxLength} bytes`));
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    problems.push(invalid(path, "limit", text, inBody(path, `should be at least ${schema.minLength} chars long`)));
  }
  if (schema.pattern !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, "u");
    } catch {
      // Go's RE2 syntax is mostly JavaScript's; a pattern JavaScript cannot compile is left unchecked, and said so.
      const detail = `pattern ${JSON.stringify(schema.pattern)} not evaluated: JavaScript cannot compile this RE2 pattern`;
      problems.push(problemAt(path, "pattern", `${fieldOf(path)}: ${detail}`, "not-evaluated"));
    }
    if (pattern !== undefined && !pattern.test(text))
      problems.push(invalid(path, "pattern", text, inBody(path, `should match '${schema.pattern}'`)));
  }
  if (schema.format !== undefined && schema.type !== "integer" && schema.type !== "number") {
    if (matchesFormat(schema.format, text) === false) {
      problems.push(invalid(path, "format", text, `${inBody(path, `must be of type ${schema.format}`)}: ${JSON.stringify(text)}`));
    }
  }
}

function checkNumber(value: number, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  const { minimum, maximum, multipleOf } = schema;
  if (maximum !== undefined && (schema.exclusiveMaximum === true ? value >= maximum : value > maximum)) {
    const relation = schema.exclusiveMaximum === true ? "less than" : "less than or equal to";
    problems.push(invalid(path, "limit", value, inBody(path, `should be ${relation} ${maximum}`)));
  }
  if (minimum !== undefined && (schema.exclusiveMinimum === true ? value <= minimum : value < minimum)) {
    const relation = schema.exclusiveMinimum === true ? "greater than" : "greater than or equal to";
    problems.push(invalid(path, "limit", value, inBody(path, `should be ${relation} ${minimum}`)));
  }
  if (multipleOf !== undefined && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
    problems.push(invalid(path, "limit", value, inBody(path, `should be a multiple of ${multipleOf}`)));
  }
}

function checkArray(items: unknown[], schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  if (schema.maxItems !== undefined && items.length > schema.maxItems) {
    const noun = schema.maxItems === 1 ? "item" : "items";
    problems.push(problemAt(path, "limit", `${fieldOf(path)}: Too many: ${items.length}: must have at most ${schema.maxItems} ${noun}`));
  }
  if (schema.minItems !== undefined && items.length < schema.minItems) {
    problems.push(invalid(path, "limit", items, inBody(path, `should have at least ${schema.minItems} items`)));
  }
  if (schema.uniqueItems === true && items.some((item, i) => items.findIndex((other) => isDeepStrictEqual(other, item)) !== i)) {
    problems.push(invalid(path, "unique-items", items, inBody(path, "shouldn't contain duplicates")));
  }
  const itemSchema = schema.items;
  if (itemSchema !== undefined) {
    items.forEach((item, i) => {
      validateValue(item, itemSchema, [...path, i], problems);
    });
  }
}

function checkObject(object: Record<string, unknown>, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  const count = Object.keys(object).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    const noun = schema.maxProperties === 1 ? "item" : "items";
    problems.push(problemAt(path, "limit", `${fieldOf(path)}: Too many: ${count}: must have at most ${schema.maxProperties} ${noun}`));
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    problems.push(invalid(path, "limit", object, inBody(path, `should have at least ${schema.minProperties} properties`)));
  }
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(object, key)) problems.push(problemAt([...path, key], "required", `${fieldOf([...path, key])}: Required value`));
  }
  for (const [key, value] of Object.entries(object)) {
    const child = fieldSchema(schema, key);
    if (child !== undefined && child !== null) validateValue(value, child, [...path, key], problems);
  }
}

/** Runs `schemas` on `value` one by one, each into its own list. */
function branches(value: unknown, schemas: StructuralSchema[], path: DataPath): StructuralProblem[][] {
  return schemas.map((schema) => {
    const found: StructuralProblem[] = [];
    validateValue(value, schema, path, found);
    return found.filter((problem) => problem.severity === "error");
  });
}

/** The failures of the branch that came closest (fewest errors), as go-openapi reports its best failures. */
function closest(results: StructuralProblem[][]): StructuralProblem[] {
  return (
    results.reduce<StructuralProblem[] | undefined>(
      (best, next) => (best === undefined || next.length < best.length ? next : best),
      undefined,
    ) ?? []
  );
}

/** allOf, anyOf, oneOf and not, as value validations (structural schemas keep types out of them). */
function checkComposition(value: unknown, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  const name = JSON.stringify(fieldOf(path));
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const results = branches(value, schema.anyOf, path);
    if (results.every((found) => found.length > 0)) {
      problems.push(invalid(path, "composition", "", `${name} must validate at least one schema (anyOf)`), ...closest(results));
    }
  }
  if (schema.oneOf !== undefined && schema.oneOf.length > 0) {
    const results = branches(value, schema.oneOf, path);
    const valid = results.filter((found) => found.length === 0).length;
    if (valid !== 1) {
      const detail = valid === 0 ? "Found none valid" : `Found ${valid} valid alternatives`;
      problems.push(invalid(path, "composition", "", `${name} must validate one and only one schema (oneOf). ${detail}`));
      if (valid === 0) problems.push(...closest(results));
    }
  }
  if (schema.allOf !== undefined && schema.allOf.length > 0) {
    const results = branches(value, schema.allOf, path);
    const failed = results.filter((found) => found.length > 0);
    if (failed.length > 0) {
      const detail = failed.length === results.length ? ". None validated" : "";
      problems.push(...failed.flat(), invalid(path, "composition", "", `${name} must validate all the schemas (allOf)${detail}`));
    }
  }
  if (schema.not !== undefined && branches(value, [schema.not], path)[0]!.length === 0) {
    problems.push(invalid(path, "composition", "", `${name} must not validate the schema (not)`));
  }
}

/**
 * Validates `value` against `schema` and its subtree (rule 1 of docs/manifest-validation.md, with
 * int-or-string and nullable): types, enum, bounds, lengths, pattern, format, items, required,
 * additionalProperties and the logical junctors. Unknown fields are the pruning pass's business.
 */
export function validateValue(value: unknown, schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  // A null passes a nullable node and an untyped one; kube-openapi's type validator rejects it elsewhere.
  if (value === null && (schema.nullable === true || expectedTypes(schema).length === 0)) return;
  if (!checkType(value, schema, path, problems)) return;
  if (schema.enum !== undefined && !schema.enum.some((allowed) => isDeepStrictEqual(allowed, value))) {
    const supported = schema.enum
      .map((allowed) => JSON.stringify(typeof allowed === "string" ? allowed : JSON.stringify(allowed)))
      .join(", ");
    problems.push(problemAt(path, "enum", `${fieldOf(path)}: Unsupported value: ${formatValue(value)}: supported values: ${supported}`));
  }
  if (typeof value === "string") checkString(value, schema, path, problems);
  else if (typeof value === "number") checkNumber(value, schema, path, problems);
  else if (Array.isArray(value)) checkArray(value, schema, path, problems);
  else if (objectOf(value) !== undefined) checkObject(objectOf(value)!, schema, path, problems);
  checkComposition(value, schema, path, problems);
}
