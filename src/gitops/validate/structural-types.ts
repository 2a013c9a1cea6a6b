/**
 * Shapes shared by the structural-schema validator (structural-schema.ts) and its passes: the schema
 * of a CRD version as `spec.versions[].schema.openAPIV3Schema` holds it, the problems found, and the
 * paths that locate them (a JSON pointer for the caller, the apiserver's dotted field path for people).
 */
import { toPointer } from "../../common/yaml-source.ts";

/** One `x-kubernetes-validations` entry (CEL). */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
  optionalOldSelf?: boolean;
}

/** A node of a structural schema (OpenAPI v3 subset with the `x-kubernetes-*` extensions). */
export interface StructuralSchema {
  type?: string;
  properties?: Record<string, StructuralSchema>;
  /** A schema for a map's values; `true` means values of any kind whose objects keep no field (as upstream prunes them). */
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  description?: string;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: string;
  "x-kubernetes-validations"?: ValidationRule[];
}

/** Which check found a problem (docs/manifest-validation.md lists each with its upstream source). */
export type StructuralRule =
  | "unknown-field"
  | "type"
  | "int-or-string"
  | "nullable"
  | "required"
  | "enum"
  | "limit"
  | "pattern"
  | "unique-items"
  | "format"
  | "composition"
  | "embedded-resource"
  | "metadata"
  | "list-type"
  | "cel"
  /** A CEL transition rule (it reads oldSelf): the apiserver runs it only on update, against the live object. */
  | "transition";

/** One thing the apiserver would reject (`error`), or a check this validator could not run (`not-evaluated`). */
export interface StructuralProblem {
  /** RFC 6901 pointer into the data, e.g. `/spec/predictor/model/storageURI`. */
  pointer: string;
  /** The apiserver's field path, e.g. `spec.predictor.model.storageURI`, `spec.containers[0].name`. */
  field: string;
  /** The apiserver's wording where it has one, e.g. `unknown field "spec.foo"`. */
  message: string;
  rule: StructuralRule;
  severity: "error" | "not-evaluated";
}

/** A location in the data: object keys and array indexes from the root. */
export type DataPath = readonly (string | number)[];

/** The apiserver's dotted field path: `spec.containers[0].name` (the root is the empty string). */
export function fieldOf(path: DataPath): string {
  let field = "";
  for (const token of path) field += typeof token === "number" ? `[${token}]` : field === "" ? token : `.${token}`;
  return field;
}

/** A problem at `path`. */
export function problemAt(
  path: DataPath,
  rule: StructuralRule,
  message: string,
  severity: StructuralProblem["severity"] = "error",
): StructuralProblem {
  return { pointer: toPointer([...path]), field: fieldOf(path), message, rule, severity };
}

/** The plain object at `value`, if it is one. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The JSON type the apiserver's decoder gives `value`: integral numbers are `integer`. */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "bigint") return "integer";
  // Go decodes an integral number into int64; a float64 that is a JSON integer also passes as integer (go-openapi isFloatInt).
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) <= 2 ** 63 ? "integer" : "number";
  if (typeof value === "string" || typeof value === "boolean") return typeof value;
  return "object";
}

/** A value as Go's field.Error prints it: strings quoted, numbers and booleans bare, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return "null";
  return JSON.stringify(value);
}

/** The schema of a map's values (`additionalProperties`), `undefined` for `true` (no schema) and `null` when there is no map. */
export function mapValueSchema(schema: StructuralSchema | undefined): StructuralSchema | undefined | null {
  const additional = schema?.additionalProperties;
  if (additional === undefined || additional === false) return null;
  return additional === true ? undefined : additional;
}

/** The schema of field `key` of an object: its property, else the map's value schema; `null` when the field is unknown. */
export function fieldSchema(schema: StructuralSchema | undefined, key: string): StructuralSchema | undefined | null {
  const property = schema?.properties !== undefined && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
  return property ?? mapValueSchema(schema);
}

/**
 * Calls `visit` for each field of an object (with its property's schema, or the map values' schema)
 * or each item of an array (with `items`), the walk the validator's passes share.
 */
export function forEachChild(
  value: unknown,
  schema: StructuralSchema,
  path: DataPath,
  visit: (child: unknown, childSchema: StructuralSchema | undefined, childPath: DataPath) => void,
): void {
  const object = objectOf(value);
  if (object !== undefined) {
    for (const [key, child] of Object.entries(object)) visit(child, fieldSchema(schema, key) ?? undefined, [...path, key]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      visit(item, schema.items, [...path, i]);
    });
  }
}
