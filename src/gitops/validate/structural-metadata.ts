/**
 * TypeMeta and ObjectMeta, which the apiserver handles itself rather than by the CRD's schema, at
 * the root and in every `x-kubernetes-embedded-resource` (apiextensions-apiserver
 * `pkg/apiserver/schema/objectmeta`, `pkg/registry/customresource/validator.go`): apiVersion and
 * kind are strings, metadata decodes strictly into ObjectMeta (an unknown metadata field is an
 * `unknown field`), names are DNS-1123 subdomains, labels and annotations are string maps with
 * qualified-name keys.
 */
import { pruneUnknownFields } from "./structural-pruning.ts";
import { validateValue } from "./structural-values.ts";
import {
  fieldOf,
  forEachChild,
  formatValue,
  objectOf,
  problemAt,
  type DataPath,
  type StructuralProblem,
  type StructuralRule,
  type StructuralSchema,
} from "./structural-types.ts";

const STRING: StructuralSchema = { type: "string", nullable: true };
const INTEGER: StructuralSchema = { type: "integer", nullable: true };
const BOOLEAN: StructuralSchema = { type: "boolean", nullable: true };
const STRING_MAP: StructuralSchema = { type: "object", nullable: true, additionalProperties: STRING };
const stringFields = (...names: string[]): Record<string, StructuralSchema> => Object.fromEntries(names.map((name) => [name, STRING]));

/** metav1.ObjectMeta as Go's strict JSON decoder sees it (null decodes to the zero value everywhere). */
const OBJECT_META: StructuralSchema = {
  type: "object",
  properties: {
    ...stringFields("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp"),
    generation: INTEGER,
    deletionGracePeriodSeconds: INTEGER,
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: { type: "array", nullable: true, items: STRING },
    ownerReferences: {
      type: "array",
      nullable: true,
      items: {
        type: "object",
        properties: { ...stringFields("apiVersion", "kind", "name", "uid"), controller: BOOLEAN, blockOwnerDeletion: BOOLEAN },
      },
    },
    managedFields: {
      type: "array",
      nullable: true,
      items: {
        type: "object",
        properties: {
          ...stringFields("manager", "operation", "apiVersion", "time", "fieldsType", "subresource"),
          fieldsV1: { type: "object", nullable: true, "x-kubernetes-preserve-unknown-fields": true },
        },
      },
    },
  },
};

const DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS_SUBDOMAIN = `${DNS_LABEL}(\\.${DNS_LABEL})*`;
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const DNS_1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const matches = (regex: string, text: string): boolean => new RegExp(`^(?:${regex})$`).test(text);

/** IsDNS1123Subdomain's messages. */
function subdomainErrors(text: string): string[] {
  const errors = text.length > 253 ? ["must be no more than 253 characters"] : [];
  if (!matches(DNS_SUBDOMAIN, text)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an " +
        `alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS_SUBDOMAIN}')`,
    );
  }
  return errors;
}

/** IsQualifiedName's messages (label and annotation keys). */
function qualifiedNameErrors(text: string): string[] {
  const parts = text.split("/");
  if (parts.length > 2)
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.' with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  const name = parts.at(-1)!;
  const errors: string[] = [];
  if (parts.length === 2) {
    if (parts[0] === "") errors.push("prefix part must be non-empty");
    else errors.push(...subdomainErrors(parts[0]!).map((error) => `prefix part ${error}`));
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push("name part must be no more than 63 characters");
  if (name !== "" && !matches(QUALIFIED_NAME, name)) {
    errors.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (regex used for validation is '${QUALIFIED_NAME}')`,
    );
  }
  return errors;
}

function labelValueErrors(text: string): string[] {
  const errors = text.length > 63 ? ["must be no more than 63 characters"] : [];
  if (!matches(LABEL_VALUE, text)) {
    errors.push(
      `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (regex used for validation is '${LABEL_VALUE}')`,
    );
  }
  return errors;
}

/** `<field>: Invalid value: <value>: <detail>` at `at`, reported against `field` as the apiserver does for map entries. */
function invalidAt(at: DataPath, field: DataPath, rule: StructuralRule, value: unknown, details: string[]): StructuralProblem[] {
  return details.map((detail) => ({
    ...problemAt(at, rule, `${fieldOf(field)}: Invalid value: ${formatValue(value)}: ${detail}`),
    field: fieldOf(field),
  }));
}

/** ValidateObjectMeta, for what a manifest sets: names, namespace, labels and annotations. */
function validateObjectMeta(
  metadata: Record<string, unknown>,
  path: DataPath,
  rule: StructuralRule,
  nameRequired: boolean,
): StructuralProblem[] {
  const problems: StructuralProblem[] = [];
  const { name, generateName, namespace } = metadata;
  const at = (key: string): DataPath => [...path, key];
  if (typeof name === "string" && name !== "") problems.push(...invalidAt(at("name"), at("name"), rule, name, subdomainErrors(name)));
  else if (nameRequired && (typeof generateName !== "string" || generateName === "")) {
    problems.push(problemAt(at("name"), rule, `${fieldOf(at("name"))}: Required value: name or generateName is required`));
  }
  if (typeof generateName === "string" && generateName !== "") {
    // A generateName is a prefix: its trailing dash is masked before the check (maskTrailingDash).
    problems.push(
      ...invalidAt(at("generateName"), at("generateName"), rule, generateName, subdomainErrors(generateName.replace(/-$/, "a"))),
    );
  }
  if (typeof namespace === "string" && namespace !== "" && !(namespace.length <= 63 && matches(DNS_LABEL, namespace))) {
    const detail = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (regex used for validation is '${DNS_LABEL}')`;
    problems.push(...invalidAt(at("namespace"), at("namespace"), rule, namespace, [detail]));
  }
  for (const [key, value] of Object.entries(objectOf(metadata.labels) ?? {})) {
    problems.push(...invalidAt([...at("labels"), key], at("labels"), rule, key, qualifiedNameErrors(key)));
    if (typeof value === "string") problems.push(...invalidAt([...at("labels"), key], at("labels"), rule, value, labelValueErrors(value)));
  }
  const annotations = objectOf(metadata.annotations) ?? {};
  for (const key of Object.keys(annotations))
    problems.push(...invalidAt([...at("annotations"), key], at("annotations"), rule, key, qualifiedNameErrors(key.toLowerCase())));
  const size = Object.entries(annotations).reduce(
    (total, [key, value]) => total + Buffer.byteLength(key) + Buffer.byteLength(typeof value === "string" ? value : ""),
    0,
  );
  if (size > ANNOTATIONS_MAX_BYTES)
    problems.push(
      problemAt(at("annotations"), rule, `${fieldOf(at("annotations"))}: Too long: may not be more than ${ANNOTATIONS_MAX_BYTES} bytes`),
    );
  return problems;
}

/** Coerces one resource node: apiVersion and kind are strings, metadata decodes into ObjectMeta (unknown fields pruned). */
function coerceResource(object: Record<string, unknown>, path: DataPath, rule: StructuralRule, problems: StructuralProblem[]): void {
  for (const key of ["apiVersion", "kind"]) {
    const value = object[key];
    if (Object.hasOwn(object, key) && typeof value !== "string")
      problems.push(problemAt([...path, key], rule, `${fieldOf([...path, key])}: Invalid value: ${formatValue(value)}: must be a string`));
  }
  if (!Object.hasOwn(object, "metadata") || object.metadata === null) return;
  const metaPath = [...path, "metadata"];
  pruneUnknownFields(object.metadata, OBJECT_META, metaPath, problems);
  const typeProblems: StructuralProblem[] = [];
  validateValue(object.metadata, OBJECT_META, metaPath, typeProblems);
  problems.push(...typeProblems.map((problem) => ({ ...problem, rule })));
}

/** Checks an embedded resource's TypeMeta and ObjectMeta (validateEmbeddedResource). */
function validateEmbedded(object: Record<string, unknown>, path: DataPath): StructuralProblem[] {
  const problems: StructuralProblem[] = [];
  const rule = "embedded-resource";
  for (const key of ["apiVersion", "kind"]) {
    if (!Object.hasOwn(object, key)) problems.push(problemAt([...path, key], rule, `${fieldOf([...path, key])}: Required value`));
  }
  const { apiVersion, kind } = object;
  if (apiVersion === "" || kind === "") {
    const key = apiVersion === "" ? "apiVersion" : "kind";
    problems.push(problemAt([...path, key], rule, `${fieldOf([...path, key])}: Invalid value: "": must not be empty`));
  }
  if (typeof apiVersion === "string" && apiVersion.split("/").length > 2) {
    problems.push(
      problemAt(
        [...path, "apiVersion"],
        rule,
        `${fieldOf([...path, "apiVersion"])}: Invalid value: ${formatValue(apiVersion)}: unexpected GroupVersion string: ${apiVersion}`,
      ),
    );
  }
  if (typeof kind === "string" && kind !== "" && !(kind.length <= 63 && matches(DNS_1035, kind.toLowerCase()))) {
    const detail = `may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (regex used for validation is '${DNS_1035}')`;
    problems.push(problemAt([...path, "kind"], rule, `${fieldOf([...path, "kind"])}: Invalid value: ${formatValue(kind)}: ${detail}`));
  }
  const metadata = objectOf(object.metadata);
  if (metadata !== undefined) problems.push(...validateObjectMeta(metadata, [...path, "metadata"], rule, false));
  return problems;
}

/** Calls `visit` on every object the schema marks `x-kubernetes-embedded-resource`, below the root. */
function forEachEmbedded(
  value: unknown,
  schema: StructuralSchema | undefined,
  path: DataPath,
  visit: (object: Record<string, unknown>, path: DataPath) => void,
): void {
  if (schema === undefined) return;
  const object = objectOf(value);
  if (object !== undefined && schema["x-kubernetes-embedded-resource"] === true && path.length > 0) visit(object, path);
  forEachChild(value, schema, path, (child, childSchema, childPath) => {
    forEachEmbedded(child, childSchema, childPath, visit);
  });
}

/** Decoding-time checks of TypeMeta and ObjectMeta at the root and in embedded resources (strict: unknown metadata fields are pruned and reported). */
export function coerceMetadata(root: Record<string, unknown>, schema: StructuralSchema, problems: StructuralProblem[]): void {
  coerceResource(root, [], "metadata", problems);
  forEachEmbedded(root, schema, [], (object, path) => {
    coerceResource(object, path, "embedded-resource", problems);
  });
}

/** Validation of ObjectMeta at the root (rule 8) and of embedded resources (rule 5). */
export function validateMetadata(root: Record<string, unknown>, schema: StructuralSchema): StructuralProblem[] {
  const problems = validateObjectMeta(objectOf(root.metadata) ?? {}, ["metadata"], "metadata", true);
  forEachEmbedded(root, schema, [], (object, path) => problems.push(...validateEmbedded(object, path)));
  return problems;
}
