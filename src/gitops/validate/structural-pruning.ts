/**
 * What kube-apiserver does to a custom resource before it validates it: prune unknown fields
 * (apiextensions-apiserver `pkg/apiserver/schema/pruning`; under fieldValidation=Strict each pruned
 * field is an `unknown field "<path>"` error), prune nulls of non-nullable fields without a default,
 * and apply defaults (`pkg/apiserver/schema/defaulting`). Each works in place on a copy of the data.
 */
import {
  fieldOf,
  fieldSchema,
  mapValueSchema,
  objectOf,
  problemAt,
  type DataPath,
  type StructuralProblem,
  type StructuralSchema,
} from "./structural-types.ts";

/** Fields an embedded resource (and the root) keeps without a schema: TypeMeta and ObjectMeta. */
const META_FIELDS = new Set(["apiVersion", "kind", "metadata"]);

function unknownField(path: DataPath): StructuralProblem {
  return problemAt(path, "unknown-field", `unknown field "${fieldOf(path)}"`);
}

/** Inside `x-kubernetes-preserve-unknown-fields`: unknown fields stay, specified ones are pruned again (upstream skipPrune). */
function pruneSpecifiedOnly(value: unknown, schema: StructuralSchema | undefined, path: DataPath, problems: StructuralProblem[]): void {
  if (schema === undefined) return;
  const object = objectOf(value);
  if (object !== undefined) {
    const embedded = schema["x-kubernetes-embedded-resource"] === true;
    for (const key of Object.keys(object)) {
      if (embedded && META_FIELDS.has(key)) continue;
      const child = fieldSchema(schema, key);
      if (child !== null) pruneUnknownFields(object[key], child, [...path, key], problems);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      pruneSpecifiedOnly(item, schema.items, [...path, i], problems);
    });
  }
}

/**
 * Removes the fields `schema` does not specify, recording each as an `unknown-field` problem
 * (rule 2). `root` treats the node as a resource, whose apiVersion, kind and metadata are kept here
 * and checked by structural-metadata.ts. An undefined schema specifies nothing.
 */
export function pruneUnknownFields(
  value: unknown,
  schema: StructuralSchema | undefined,
  path: DataPath,
  problems: StructuralProblem[],
  root = false,
): void {
  if (schema?.["x-kubernetes-preserve-unknown-fields"] === true) {
    pruneSpecifiedOnly(value, schema, path, problems);
    return;
  }
  const object = objectOf(value);
  if (object !== undefined) {
    const embedded = root || schema?.["x-kubernetes-embedded-resource"] === true;
    for (const key of Object.keys(object)) {
      if (embedded && META_FIELDS.has(key)) continue;
      const child = fieldSchema(schema, key);
      if (child !== null) {
        pruneUnknownFields(object[key], child, [...path, key], problems);
      } else {
        problems.push(unknownField([...path, key]));
        Reflect.deleteProperty(object, key);
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      pruneUnknownFields(item, schema?.items, [...path, i], problems);
    });
  }
}

/** A default the apiserver would apply (`default: null` is no default). */
function defaultOf(schema: StructuralSchema | undefined | null): unknown {
  return schema?.default ?? undefined;
}

/**
 * Drops object fields whose value is null when their schema is neither nullable nor defaulted
 * ("null values for fields that either don't specify the nullable flag, or give it a false value,
 * will be pruned before defaulting happens"). Nulls in arrays stay, and fail the type check.
 */
export function pruneNulls(value: unknown, schema: StructuralSchema | undefined): void {
  const object = objectOf(value);
  if (object !== undefined) {
    for (const key of Object.keys(object)) {
      const child = fieldSchema(schema, key) ?? undefined;
      if (object[key] === null && child !== undefined && child.nullable !== true && defaultOf(child) === undefined)
        Reflect.deleteProperty(object, key);
      else pruneNulls(object[key], child);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) pruneNulls(item, schema?.items);
  }
}

function isNonNullableNull(value: unknown, schema: StructuralSchema | undefined | null): boolean {
  return value === null && schema !== undefined && schema !== null && schema.nullable !== true;
}

/** Applies `default`s as the apiserver does on a request: to absent fields and to non-nullable nulls (rule 6). */
export function applyDefaults(value: unknown, schema: StructuralSchema | undefined): void {
  if (schema === undefined) return;
  const object = objectOf(value);
  if (object !== undefined) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const fallback = defaultOf(property);
      if (fallback !== undefined && (!Object.hasOwn(object, key) || isNonNullableNull(object[key], property)))
        object[key] = structuredClone(fallback);
    }
    const values = mapValueSchema(schema);
    for (const key of Object.keys(object)) {
      const property = schema.properties !== undefined && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (property !== undefined) {
        applyDefaults(object[key], property);
      } else if (values !== null) {
        if (isNonNullableNull(object[key], values) && defaultOf(values) !== undefined) object[key] = structuredClone(defaultOf(values));
        applyDefaults(object[key], values);
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isNonNullableNull(item, schema.items) && defaultOf(schema.items) !== undefined)
        value[i] = structuredClone(defaultOf(schema.items));
      applyDefaults(value[i], schema.items);
    });
  }
}
