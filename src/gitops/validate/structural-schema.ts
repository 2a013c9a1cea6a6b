/**
 * Validates a custom resource against its CRD version's structural schema the way kube-apiserver
 * does with fieldValidation=Strict (`kubectl apply --validate=strict`): unknown fields are errors,
 * nulls of non-nullable fields are pruned, defaults are applied, and then the value validations,
 * ObjectMeta, embedded resources, list-type uniqueness and CEL rules run on the result.
 * docs/manifest-validation.md names each rule, its upstream source and its test.
 */
import { evaluateCelRules, hasCelRules } from "./structural-cel.ts";
import { coerceMetadata, validateMetadata } from "./structural-metadata.ts";
import { applyDefaults, pruneNulls, pruneUnknownFields } from "./structural-pruning.ts";
import {
  fieldOf,
  formatValue,
  forEachChild,
  objectOf,
  problemAt,
  type DataPath,
  type StructuralProblem,
  type StructuralSchema,
} from "./structural-types.ts";
import { validateValue } from "./structural-values.ts";

export type { StructuralProblem, StructuralRule, StructuralSchema, ValidationRule } from "./structural-types.ts";

/** Whether a problem makes the apiserver skip CEL rules (`hasBlockingErr`: Required, NotSupported, TooLong, TooMany, TypeInvalid). */
function isBlocking(problem: StructuralProblem): boolean {
  if (problem.severity !== "error") return false;
  return (
    ["type", "int-or-string", "nullable"].includes(problem.rule) ||
    /: (Required value|Unsupported value|Too long|Too many)\b/.test(problem.message)
  );
}

/** `x-kubernetes-list-type: set` and `map`: the second appearance of a value (or of a key) is a duplicate. */
function duplicateIndexes(keys: unknown[]): number[] {
  const seen = new Map<string, number>();
  const duplicates: number[] = [];
  keys.forEach((key, i) => {
    const text = JSON.stringify(key) ?? "undefined";
    const times = seen.get(text) ?? 0;
    if (times === 1) duplicates.push(i);
    seen.set(text, times + 1);
  });
  return duplicates;
}

function validateListType(items: unknown[], schema: StructuralSchema, path: DataPath, problems: StructuralProblem[]): void {
  const listType = schema["x-kubernetes-list-type"];
  if (listType === "set") {
    for (const i of duplicateIndexes(items))
      problems.push(problemAt([...path, i], "list-type", `${fieldOf([...path, i])}: Duplicate value: ${formatValue(items[i])}`));
  } else if (listType === "map") {
    const notObject = items.findIndex((item) => item !== null && objectOf(item) === undefined);
    if (notObject >= 0) {
      const at = [...path, notObject];
      problems.push(
        problemAt(
          at,
          "list-type",
          `${fieldOf(at)}: Invalid value: ${formatValue(items[notObject])}: must be an object for an array of list-type map`,
        ),
      );
      return;
    }
    const keyFields = schema["x-kubernetes-list-map-keys"] ?? [];
    const keys = items.map((item) =>
      Object.fromEntries(keyFields.filter((key) => objectOf(item)?.[key] !== undefined).map((key) => [key, objectOf(item)![key]])),
    );
    for (const i of duplicateIndexes(keys))
      problems.push(problemAt([...path, i], "list-type", `${fieldOf([...path, i])}: Duplicate value: ${JSON.stringify(keys[i])}`));
  }
}

/** Walks the data for arrays whose schema sets a list type (upstream `listtype.ValidateListSetsAndMaps`). */
function validateListTypes(value: unknown, schema: StructuralSchema | undefined, path: DataPath, problems: StructuralProblem[]): void {
  if (schema === undefined) return;
  if (Array.isArray(value)) validateListType(value, schema, path, problems);
  forEachChild(value, schema, path, (child, childSchema, childPath) => {
    validateListTypes(child, childSchema, childPath, problems);
  });
}

/**
 * Every problem kube-apiserver would report for `data` (a parsed manifest) against `schema` (a CRD
 * version's `openAPIV3Schema`), each located by JSON pointer and field path. Unlike the apiserver,
 * which stops at the first stage that fails (unknown fields, then decoding, then validation), all
 * stages run, each on the data as the earlier ones left it. Never throws; `data` is not modified.
 */
export function validateStructural(schema: StructuralSchema, data: unknown): StructuralProblem[] {
  const root = objectOf(data);
  if (root === undefined) return [problemAt([], "type", `Invalid value: ${formatValue(data)}: a resource must be an object`)];
  const copy = structuredClone(root);
  const problems: StructuralProblem[] = [];
  // Decoding: pruning with unknown-field tracking, nulls, TypeMeta/ObjectMeta coercion, then defaulting.
  pruneUnknownFields(copy, schema, [], problems, true);
  pruneNulls(copy, schema);
  coerceMetadata(copy, schema, problems);
  applyDefaults(copy, schema);
  // Validation: the schema, ObjectMeta and embedded resources, list types, then CEL unless something blocks it.
  validateValue(copy, schema, [], problems);
  problems.push(...validateMetadata(copy, schema));
  validateListTypes(copy, schema, [], problems);
  if (hasCelRules(schema)) {
    if (problems.some(isBlocking)) {
      const detail =
        "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";
      problems.push(problemAt([], "cel", detail, "not-evaluated"));
    } else {
      evaluateCelRules(copy, schema, [], problems);
    }
  }
  return problems;
}

/** The `openAPIV3Schema` of version `version` of a parsed CustomResourceDefinition, if it has one. */
export function crdVersionSchema(crd: unknown, version: string): StructuralSchema | undefined {
  const versions = objectOf(objectOf(crd)?.spec)?.versions;
  if (!Array.isArray(versions)) return undefined;
  const entry = versions.map(objectOf).find((candidate) => candidate?.name === version);
  return objectOf(objectOf(entry?.schema)?.openAPIV3Schema);
}
