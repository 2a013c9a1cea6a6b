/**
 * Reads a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) as a data
 * contract. What modelship cannot check (a `time` field, a date in a custom format, a decimal comma)
 * is refused rather than ignored, so a schema never promises more than the validation delivers.
 */
import { UserError } from "../../common/errors.ts";
import { fromDocument, type ColumnDocument, type ContractDocument } from "./contract-document.ts";
import type { ColumnType, DataContract } from "./contract-types.ts";

type Where = (pointer: string) => { file: string; line?: number; column?: number; pointer: string };

export interface FrictionlessOptions {
  file: string;
  sha256: string;
  /** Locates a JSON pointer in the source text, for error messages. */
  where: Where;
}

type Mapping = Record<string, unknown>;
type Fail = (problem: string, pointer: string, hint: string) => never;

const TYPES: Record<string, ColumnType> = {
  integer: "integer",
  number: "number",
  string: "string",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  year: "integer",
  any: "string",
};

// String formats as patterns; the spec leaves their exact grammar open, so these are lenient.
const FORMAT_PATTERNS: Record<string, string> = {
  email: String.raw`[^@\s]+@[^@\s]+`,
  uri: String.raw`[A-Za-z][A-Za-z0-9+.-]*:\S*`,
  uuid: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  binary: "[A-Za-z0-9+/]*={0,2}",
};

type Bound = number | string;
type Scalar = string | number | boolean;

// Each constraint: the contract key it becomes, what its value must be, and how to say so.
const CONSTRAINTS = {
  required: { is: (value: unknown) => typeof value === "boolean", expect: "true or false" },
  unique: { is: (value: unknown) => typeof value === "boolean", expect: "true or false" },
  minLength: { is: (value: unknown) => Number.isInteger(value) && (value as number) >= 0, expect: "a non-negative integer" },
  maxLength: { is: (value: unknown) => Number.isInteger(value) && (value as number) >= 0, expect: "a non-negative integer" },
  minimum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  maximum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  exclusiveMinimum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  exclusiveMaximum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  pattern: { is: (value: unknown) => typeof value === "string", expect: "a regular expression as a string" },
  enum: {
    is: (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(isScalar),
    expect: "a non-empty list of strings, numbers or booleans",
  },
} as const;

// Where each contract key of a column lives in a Table Schema field, for error messages.
const FIELD_KEYS: Record<string, string> = {
  name: "name",
  type: "type",
  description: "description",
  nullable: "constraints/required",
  unique: "constraints/unique",
  min: "constraints/minimum",
  max: "constraints/maximum",
  exclusive_min: "constraints/exclusiveMinimum",
  exclusive_max: "constraints/exclusiveMaximum",
  min_length: "constraints/minLength",
  max_length: "constraints/maxLength",
  pattern: "constraints/pattern",
  enum: "constraints/enum",
  true_values: "trueValues",
  false_values: "falseValues",
};

// Own keys only: a field typed "constructor" must not find Object.prototype's.
function lookup<T>(table: Record<string, T>, key: unknown): T | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
}

function isRecord(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBound(value: unknown): value is Bound {
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "string";
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** True when `data` looks like a Frictionless Table Schema: a `fields` list and no `columns`. */
export function isFrictionless(data: unknown): boolean {
  return isRecord(data) && Array.isArray(data.fields) && !("columns" in data);
}

/** Maps a column pointer of a converted contract (`/columns/3/min`) to the field it came from (`/fields/3/constraints/minimum`). */
export function fieldPointer(pointer: string): string {
  const match = /^\/columns\/(\d+)(?:\/([^/]+)(\/.*)?)?$/.exec(pointer);
  if (!match) return pointer;
  const [, index, key, rest] = match;
  const field = `/fields/${index!}`;
  if (key === undefined) return field;
  const mapped = lookup(FIELD_KEYS, key);
  // A key with no Table Schema counterpart (role, say) is best shown as the whole field.
  return mapped === undefined ? field : `${field}/${mapped}${rest ?? ""}`;
}

/** Converts a Table Schema into a contract (source "frictionless"); shape errors name the field's pointer. */
export function fromFrictionless(data: unknown, options: FrictionlessOptions): DataContract {
  const { where } = options;
  const fail: Fail = (problem, pointer, hint) => {
    throw new UserError(problem, { ...where(pointer), hint });
  };
  if (!isRecord(data) || !Array.isArray(data.fields))
    return fail(
      "a Frictionless Table Schema must be a mapping with a `fields` list",
      "",
      "see https://specs.frictionlessdata.io/table-schema/",
    );
  const fields: unknown[] = data.fields;
  if (fields.length === 0) fail("the Table Schema has no fields", "/fields", "list at least one field (name and type)");
  const columns = fields.map((field, index) => toColumn(field, `/fields/${index}`, fail));
  applyPrimaryKey(data.primaryKey, columns, fail);
  const document: ContractDocument = { columns, dialect: { null_markers: missingValues(data.missingValues, fail) } };
  if (typeof data.name === "string") document.name = data.name;
  else if (typeof data.title === "string") document.name = data.title;
  if (typeof data.description === "string") document.description = data.description;
  return fromDocument(document, options.file, options.sha256, "frictionless");
}

function toColumn(field: unknown, at: string, fail: Fail): ColumnDocument {
  if (!isRecord(field)) return fail("a field must be a mapping", at, "write each field as {name: ..., type: ...}");
  if (typeof field.name !== "string" || field.name === "")
    return fail("a field needs a non-empty `name`", `${at}/name`, "give the column's name as written in the file's header");
  const name = field.name;
  const frictionlessType = field.type ?? "string";
  const type = lookup(TYPES, frictionlessType);
  if (type === undefined) {
    fail(
      `field "${name}" has type ${JSON.stringify(frictionlessType)}, which modelship cannot check`,
      `${at}/type`,
      `use one of ${Object.keys(TYPES).join(", ")} (a string field with a pattern can stand in for time, yearmonth or duration)`,
    );
  }
  const column: ColumnDocument = { name, type };
  const description = field.description ?? field.title;
  if (typeof description === "string") column.description = description;
  checkReading(field, frictionlessType as string, name, at, fail);
  if (field.missingValues !== undefined)
    fail(
      `field "${name}" has its own missingValues`,
      `${at}/missingValues`,
      "move missingValues to the schema level: modelship has one list of null markers for all columns",
    );
  for (const key of ["trueValues", "falseValues"] as const) {
    const values = field[key];
    if (values === undefined) continue;
    if (!isStringList(values))
      fail(
        `${key} of field "${name}" must be a list of strings`,
        `${at}/${key}`,
        `write e.g. ${key}: ["${key === "trueValues" ? "yes" : "no"}"]`,
      );
    if (key === "trueValues") column.true_values = values;
    else column.false_values = values;
  }
  applyConstraints(field.constraints, column, at, fail);
  const format = field.format;
  const formatPattern = frictionlessType === "string" ? lookup(FORMAT_PATTERNS, format) : undefined;
  if (formatPattern !== undefined) {
    // Both must hold: the format as a lookahead over the whole value, then the field's own pattern.
    column.pattern = column.pattern === undefined ? formatPattern : `(?=(?:${formatPattern})$)(?:${column.pattern})`;
  }
  return column;
}

/** Refuses reading options modelship's parser does not implement, rather than misreading values. */
function checkReading(field: Mapping, type: string, name: string, at: string, fail: Fail): void {
  const format = field.format;
  if (format !== undefined && format !== "default") {
    if (type === "date" || type === "datetime")
      fail(
        `field "${name}" has format ${JSON.stringify(format)}; modelship reads ISO 8601 ${type}s only`,
        `${at}/format`,
        "remove the format and write the data as YYYY-MM-DD (dates) or YYYY-MM-DDTHH:MM:SS (date-times)",
      );
    if (type === "string" && lookup(FORMAT_PATTERNS, format) === undefined)
      fail(
        `field "${name}" has an unknown string format ${JSON.stringify(format)}`,
        `${at}/format`,
        `use one of default, ${Object.keys(FORMAT_PATTERNS).join(", ")}, or a pattern constraint`,
      );
  }
  if (field.bareNumber === false)
    fail(
      `field "${name}" sets bareNumber: false, which modelship does not read`,
      `${at}/bareNumber`,
      "strip currency signs and percent marks from the data, then remove bareNumber",
    );
  if (field.groupChar !== undefined)
    fail(
      `field "${name}" sets a groupChar, which modelship does not read`,
      `${at}/groupChar`,
      "write numbers without thousands separators, then remove groupChar",
    );
  if (field.decimalChar !== undefined && field.decimalChar !== ".")
    fail(
      `field "${name}" sets decimalChar ${JSON.stringify(field.decimalChar)}; modelship reads a decimal point only`,
      `${at}/decimalChar`,
      "write numbers with a decimal point, then remove decimalChar",
    );
}

function applyConstraints(constraints: unknown, column: ColumnDocument, at: string, fail: Fail): void {
  if (constraints === undefined) return;
  if (!isRecord(constraints))
    fail(
      `constraints of field "${column.name}" must be a mapping`,
      `${at}/constraints`,
      "write e.g. constraints: {required: true, minimum: 0}",
    );
  for (const [key, value] of Object.entries(constraints)) {
    const pointer = `${at}/constraints/${key}`;
    if (!Object.hasOwn(CONSTRAINTS, key))
      fail(`unknown constraint "${key}" on field "${column.name}"`, pointer, `use ${Object.keys(CONSTRAINTS).join(", ")}`);
    const rule = CONSTRAINTS[key as keyof typeof CONSTRAINTS];
    if (!rule.is(value)) fail(`constraint ${key} of field "${column.name}" must be ${rule.expect}`, pointer, `fix the value of ${key}`);
    switch (key) {
      // Frictionless `required` means "no nulls"; every field must be present in the data anyway.
      case "required":
        column.nullable = !(value as boolean);
        break;
      case "unique":
        column.unique = value as boolean;
        break;
      case "minLength":
        column.min_length = value as number;
        break;
      case "maxLength":
        column.max_length = value as number;
        break;
      case "minimum":
        column.min = value as Bound;
        break;
      case "maximum":
        column.max = value as Bound;
        break;
      case "exclusiveMinimum":
        column.exclusive_min = value as Bound;
        break;
      case "exclusiveMaximum":
        column.exclusive_max = value as Bound;
        break;
      case "pattern":
        column.pattern = value as string;
        break;
      case "enum":
        column.enum = value as Scalar[];
        break;
    }
  }
}

/** A primary key's fields are never null; a single-field key is also unique (a composite one cannot be checked per column). */
function applyPrimaryKey(primaryKey: unknown, columns: ColumnDocument[], fail: Fail): void {
  if (primaryKey === undefined) return;
  const names = typeof primaryKey === "string" ? [primaryKey] : primaryKey;
  if (!isStringList(names) || names.length === 0)
    return fail(
      "primaryKey must be a field name or a non-empty list of field names",
      "/primaryKey",
      'write e.g. primaryKey: "id" or primaryKey: ["id", "date"]',
    );
  for (const [position, name] of names.entries()) {
    const column = columns.find((candidate) => candidate.name === name);
    if (column === undefined)
      return fail(
        `primaryKey names "${name}", which is not a field`,
        typeof primaryKey === "string" ? "/primaryKey" : `/primaryKey/${position}`,
        "name fields declared in `fields`, spelled as there",
      );
    column.nullable = false;
    if (names.length === 1) column.unique = true;
  }
}

/** Schema-level missingValues (default [""]); v2 also allows {value, label} entries. */
function missingValues(value: unknown, fail: Fail): string[] {
  if (value === undefined) return [""];
  if (!Array.isArray(value))
    return fail("missingValues must be a list of strings", "/missingValues", 'write e.g. missingValues: ["", "NA"]');
  return value.map((item: unknown, index) => {
    if (typeof item === "string") return item;
    if (isRecord(item) && typeof item.value === "string") return item.value;
    return fail("missingValues must be a list of strings", `/missingValues/${index}`, 'write e.g. missingValues: ["", "NA"]');
  });
}
