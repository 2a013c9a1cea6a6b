/**
 * Renders the reference docs that scripts/generate.ts writes: docs/configuration.md from the JSON
 * Schemas in schemas/, and docs/actions.md from actions/*\/action.yml, the root action.yml and the
 * reusable workflows' `on.workflow_call`. Pure functions of their inputs, so the output is
 * deterministic (source order throughout) and `node scripts/check-generated.ts` can fail on stale docs.
 */
import { table as markdownTable } from "../../src/common/markdown.ts";

/** A JSON Schema node (draft 2020-12); only the keywords the docs show are read. */
export type Schema = Record<string, unknown>;

/** One schema file: where it lives in the repository (e.g. `schemas/modelship.schema.json`) and its parsed JSON. */
export interface SchemaFile {
  file: string;
  schema: Schema;
}

/** One user-written file documented in configuration.md. */
export interface ConfigDocument {
  /** The schema's repository path, e.g. `schemas/modelship.schema.json`. */
  file: string;
  /** The section heading, e.g. `modelship.yaml`. */
  heading: string;
  /** Render only the top-level table and say that nested keys are documented under this section path (e.g. `gates`). */
  nestedUnder?: string;
}

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: unknown;
}
export interface ActionManifest {
  name?: string;
  description?: string;
  inputs?: Record<string, ActionInput | null> | null;
  outputs?: Record<string, { description?: string } | null> | null;
  runs?: { using?: string };
}
/** An action under actions/<dir>/action.yml. */
export interface ActionSource {
  dir: string;
  manifest: ActionManifest;
}
interface WorkflowCallInput {
  description?: string;
  type?: string;
  required?: boolean;
  default?: unknown;
}
export interface WorkflowCall {
  inputs?: Record<string, WorkflowCallInput | null> | null;
  secrets?: Record<string, { description?: string; required?: boolean } | null> | null;
  outputs?: Record<string, { description?: string } | null> | null;
}
/** A reusable workflow: its file name (e.g. `model-ci.yml`) and parsed YAML. */
export interface WorkflowSource {
  file: string;
  workflow: { name?: string; on?: unknown };
}

export interface ActionsReference {
  actions: ActionSource[];
  /** The generated root action.yml, documented after the actions. */
  rootAction?: ActionManifest;
  workflows: WorkflowSource[];
  /** `owner/repo` the docs tell users to reference (default modelship/modelship). */
  repository?: string;
  /** The ref in `uses:` lines (default v1). */
  ref?: string;
}

const SCRIPT = "scripts/generate.ts";

/** The first line of every generated doc. */
function generatedNotice(sources: string): string {
  return `<!-- GENERATED from ${sources} by ${SCRIPT} — do not edit by hand; edit the source and run \`npm run build\`. -->`;
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

/** Text for one table cell: trimmed, `|` escaped, line breaks as <br>. */
export function mdCell(text: string): string {
  return text.trim().replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A code span that survives any backticks inside it (CommonMark: a longer fence, padded when needed). Newlines become spaces. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A GFM table (src/common/markdown.ts's); every cell, header included, is passed through mdCell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return markdownTable(
    header.map(mdCell),
    rows.map((row) => row.map(mdCell)),
  );
}

/** GitHub's heading anchor: lowercase, punctuation other than `-` and `_` dropped, spaces to dashes. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/** A YAML-ish literal for a value: strings as they are (the empty string as `""`), other values as JSON. */
function literal(value: unknown): string {
  if (value === "") return '""';
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** An enum or const value as the YAML a user writes: strings that YAML would read as another type are quoted. */
function enumValue(value: unknown): string {
  if (typeof value === "string" && (/^(true|false|null|~|yes|no|on|off)$/i.test(value) || value === "" || !Number.isNaN(Number(value))))
    return codeSpan(JSON.stringify(value));
  return codeSpan(literal(value));
}

// ---------------------------------------------------------------------------------------------
// Schemas

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function text(schema: Schema, key: string): string | undefined {
  const value = schema[key];
  return typeof value === "string" ? value : undefined;
}
function schemaList(value: unknown): Schema[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

/** A schema node together with the $id of the document it sits in (the base its local $refs resolve against). */
interface Located {
  schema: Schema;
  base: string;
}

class SchemaSet {
  readonly #byId = new Map<string, SchemaFile>();

  constructor(files: readonly SchemaFile[]) {
    for (const file of files) {
      const id = text(file.schema, "$id") ?? `file:///${file.file}`;
      this.#byId.set(id, file);
    }
  }

  /** The file and $id of a schema path. */
  document(file: string): Located & { file: string } {
    for (const [id, entry] of this.#byId) if (entry.file === file) return { schema: entry.schema, base: id, file };
    throw new Error(`no schema ${file}`);
  }

  /** The repository path of the document with this $id. */
  fileOf(base: string): string | undefined {
    return this.#byId.get(base)?.file;
  }

  /**
   * Follows $ref (repeatedly) and returns the target, with the referencing node's own keywords laid over
   * it (so a description next to a $ref wins over the target's).
   */
  resolve(node: Located, seen: ReadonlySet<string> = new Set()): Located {
    const ref = text(node.schema, "$ref");
    if (ref === undefined) return node;
    const url = new URL(ref, node.base);
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ""));
    url.hash = "";
    const base = url.href;
    const key = `${base}#${fragment}`;
    if (seen.has(key)) throw new Error(`circular $ref ${ref}`);
    const document = this.#byId.get(base);
    if (!document) throw new Error(`$ref to an unknown schema: ${ref} (from ${node.base})`);
    let target: unknown = document.schema;
    for (const token of fragment.split("/").slice(1)) {
      const name = token.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isSchema(target) ? target[name] : Array.isArray(target) ? (target as unknown[])[Number(name)] : undefined;
    }
    if (!isSchema(target)) throw new Error(`$ref ${ref} points at nothing`);
    const resolved = this.resolve({ schema: target, base }, new Set([...seen, key]));
    const own = { ...node.schema };
    delete own.$ref;
    return { schema: { ...resolved.schema, ...own }, base: resolved.base };
  }
}

/** The type a user writes, e.g. `integer`, `array of string`, `map of number`, `string or boolean`. */
function typeLabel(set: SchemaSet, node: Located): string {
  const { schema, base } = set.resolve(node);
  const types = Array.isArray(schema.type)
    ? schema.type.filter((type): type is string => typeof type === "string")
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  const label = (type: string): string => {
    if (type === "array") {
      const items = schema.items;
      return isSchema(items) ? `array of ${grouped(typeLabel(set, { schema: items, base }))}` : "array";
    }
    if (type === "object" && schema.properties === undefined && isSchema(schema.additionalProperties))
      return `map of ${grouped(typeLabel(set, { schema: schema.additionalProperties, base }))}`;
    return type;
  };
  if (types.length > 0) return unique(types.map(label)).join(" or ");
  if ("const" in schema) return jsonType(schema.const);
  if (Array.isArray(schema.enum)) return unique(schema.enum.map(jsonType)).join(" or ");
  const alternatives = [...schemaList(schema.oneOf), ...schemaList(schema.anyOf)];
  if (alternatives.length > 0)
    return unique(alternatives.map((alternative) => typeLabel(set, { schema: alternative, base })).flatMap(unionParts)).join(" or ");
  if (isSchema(schema.properties)) return "object";
  return "any";
}

/** The members of a union label, split at the top level only: `string or array of (string or number)` has two. */
function unionParts(label: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < label.length; index++) {
    const char = label[index];
    if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (depth === 0 && label.startsWith(" or ", index)) {
      parts.push(label.slice(start, index));
      start = index + 4;
    }
  }
  parts.push(label.slice(start));
  return parts;
}

/** `(string or object)` for a union inside `array of` / `map of`, so it does not read as a union of arrays. */
function grouped(label: string): string {
  return label.includes(" or ") ? `(${label})` : label;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The values an enum/const allows (for arrays: what each item allows; for oneOf/anyOf: only when every alternative is an enum). */
function allowedValues(set: SchemaSet, node: Located): unknown[] | undefined {
  const { schema, base } = set.resolve(node);
  if ("const" in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum as unknown[];
  if (schema.type === "array" && isSchema(schema.items)) return allowedValues(set, { schema: schema.items, base });
  const alternatives = [...schemaList(schema.oneOf), ...schemaList(schema.anyOf)];
  if (alternatives.length === 0) return undefined;
  const values: unknown[] = [];
  for (const alternative of alternatives) {
    const own = allowedValues(set, { schema: alternative, base });
    if (own === undefined) return undefined;
    for (const value of own) if (!values.some((known) => JSON.stringify(known) === JSON.stringify(value))) values.push(value);
  }
  return values;
}

/** Numeric, length, pattern and size limits, e.g. `≥ 0`, `≤ 1000`, `matches ^https?://`. */
function constraints(set: SchemaSet, node: Located, nested = false): string[] {
  const { schema, base } = set.resolve(node);
  const out: string[] = [];
  const num = (key: string, sign: string) => {
    if (typeof schema[key] === "number") out.push(`${sign} ${schema[key]}`);
  };
  num("minimum", "≥");
  num("exclusiveMinimum", ">");
  num("maximum", "≤");
  num("exclusiveMaximum", "<");
  if (typeof schema.minLength === "number") out.push(schema.minLength === 1 ? "not empty" : `at least ${schema.minLength} characters`);
  if (typeof schema.maxLength === "number") out.push(`at most ${schema.maxLength} character${schema.maxLength === 1 ? "" : "s"}`);
  if (typeof schema.pattern === "string") out.push(`matches ${codeSpan(schema.pattern)}`);
  if (typeof schema.minItems === "number") out.push(`at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
  if (typeof schema.maxItems === "number") out.push(`at most ${schema.maxItems} item${schema.maxItems === 1 ? "" : "s"}`);
  if (schema.uniqueItems === true) out.push("no duplicates");
  if (typeof schema.minProperties === "number")
    out.push(`at least ${schema.minProperties} entr${schema.minProperties === 1 ? "y" : "ies"}`);
  if (isSchema(schema.propertyNames) && typeof schema.propertyNames.pattern === "string")
    out.push(`keys match ${codeSpan(schema.propertyNames.pattern)}`);
  if (!nested) {
    // Limits on what an array or map holds, when the values are plain (objects get sections of their own).
    const inner = schema.type === "array" ? schema.items : schema.properties === undefined ? schema.additionalProperties : undefined;
    if (isSchema(inner) && allowedValues(set, { schema: inner, base }) === undefined) {
      const own = constraints(set, { schema: inner, base }, true);
      if (own.length > 0) out.push(`${schema.type === "array" ? "each item" : "each value"}: ${own.join(", ")}`);
    }
  }
  return out;
}

/**
 * The default a property's description states, word for word, or undefined. Recognised forms:
 * "(default X)", "(default X; …)", "(default: X)", "X (default)", "X (…; the default)" (X must then be
 * one of the allowed values), and a clause starting "default X." / "Default: X." / "defaults to X.".
 */
export function defaultFromDescription(description: string, allowed?: readonly unknown[]): string | undefined {
  if (allowed !== undefined) {
    const marked = /(`[^`]+`|[\w.-]+) \((?:[^()]*; )?(?:the )?default[);:]/.exec(description);
    const word = marked?.[1]?.replace(/^`|`$/g, "");
    if (word !== undefined && allowed.some((value) => literal(value) === word)) return word;
  }
  const inParens = /\((?:[^()]*?; )?defaults?:? ([^;()]+?)\s*[;)]/.exec(description);
  if (inParens) return inParens[1]!.trim();
  const clause = /(?:^|[.;,] )[Dd]efaults?:? (?:to )?(.+?)(?:\.(?=\s|$)|;|$)/.exec(description);
  if (!clause) return undefined;
  const value = clause[1]!.trim();
  // A clause inside parentheses ends at the closing one.
  return (value.match(/\)/g) ?? []).length > (value.match(/\(/g) ?? []).length ? value.slice(0, value.lastIndexOf(")")).trim() : value;
}

/** The Default cell: the schema's `default` keyword, else what the description states (not for objects, whose descriptions describe them). */
function defaultCell(schema: Schema, allowed: readonly unknown[] | undefined, type: string): string {
  if ("default" in schema) return codeSpan(literal(schema.default));
  if (type === "object") return "";
  const description = text(schema, "description");
  const stated = description === undefined ? undefined : defaultFromDescription(description, allowed);
  if (stated === undefined) return "";
  return /^[^\s`]+$/.test(stated) || /^\[[^`]*\]$/.test(stated) ? codeSpan(stated) : stated;
}

/** What lies under a property that deserves a section of its own: an object with properties, reached directly, through array items, a map's values or a oneOf/anyOf alternative. */
function objectShapes(set: SchemaSet, node: Located, path: string): { path: string; node: Located; description: string | undefined }[] {
  const resolved = set.resolve(node);
  const { schema, base } = resolved;
  if (isSchema(schema.properties)) return [{ path, node: resolved, description: text(schema, "description") }];
  const out: { path: string; node: Located; description: string | undefined }[] = [];
  if (isSchema(schema.items)) {
    for (const shape of objectShapes(set, { schema: schema.items, base }, `${path}[]`))
      out.push({ ...shape, description: shape.description ?? text(schema, "description") });
  }
  if (isSchema(schema.additionalProperties)) {
    for (const shape of objectShapes(set, { schema: schema.additionalProperties, base }, `${path}.<name>`))
      out.push({ ...shape, description: shape.description ?? text(schema, "description") });
  }
  const alternatives = [...schemaList(schema.oneOf), ...schemaList(schema.anyOf)];
  for (const alternative of alternatives) {
    const shapes = objectShapes(set, { schema: alternative, base }, path);
    // Two object alternatives under one path would clash; number them.
    for (const shape of shapes) out.push(shape);
  }
  return out;
}

/** "At least one of `min`, `max`." for an object whose anyOf/oneOf alternatives each require one key. */
function alternativeRequirements(schema: Schema): string | undefined {
  for (const [keyword, words] of [
    ["anyOf", "At least one of"],
    ["oneOf", "Exactly one of"],
  ] as const) {
    const alternatives = schemaList(schema[keyword]);
    if (alternatives.length === 0) continue;
    const keys = alternatives.map((alternative) =>
      Array.isArray(alternative.required) && alternative.required.length === 1 ? String(alternative.required[0]) : undefined,
    );
    if (keys.every((key) => key !== undefined)) return `${words} ${keys.map((key) => codeSpan(key)).join(", ")} must be set.`;
  }
  return undefined;
}

interface Section {
  path: string;
  node: Located;
  description: string | undefined;
}

/** The property table of one object, plus the sections for the objects under it (depth first, in source order). */
function renderObject(
  set: SchemaSet,
  section: Section,
  out: string[],
  heading: string | undefined,
  fromFile: string,
  nestedUnder: string | undefined,
): void {
  const { schema, base } = section.node;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const prefix = section.path === "" ? "" : `${section.path}.`;
  const file = set.fileOf(base) ?? fromFile;
  if (heading !== undefined) {
    out.push(heading, "");
    if (section.description !== undefined) out.push(section.description, "");
    if (file !== fromFile) out.push(`Schema: [\`${file}\`](../${file}).`, "");
  }
  const rows: string[][] = [];
  const children: Section[] = [];
  for (const [name, value] of Object.entries(properties)) {
    if (!isSchema(value)) continue;
    const node = set.resolve({ schema: value, base });
    const type = typeLabel(set, node);
    const allowed = allowedValues(set, node);
    const values = [...(allowed === undefined ? [] : [allowed.map(enumValue).join(", ")]), ...constraints(set, node)].join("; ");
    rows.push([
      codeSpan(prefix + name),
      type,
      required.has(name) ? "yes" : "",
      values,
      defaultCell(node.schema, allowed, type),
      text(node.schema, "description") ?? "",
    ]);
    if (nestedUnder === undefined) children.push(...objectShapes(set, { schema: value, base }, prefix + name));
  }
  if (rows.length > 0) out.push(table(["Key", "Type", "Required", "Allowed values", "Default", "Description"], rows), "");
  const note = alternativeRequirements(schema);
  if (note !== undefined) out.push(note, "");
  if (isSchema(schema.additionalProperties) && schema.properties !== undefined) out.push("Other keys are allowed.", "");
  for (const child of children) renderObject(set, child, out, `### ${codeSpan(child.path)}`, file, undefined);
}

/** docs/configuration.md: one `##` section per document, one `###` section per nested object (dotted paths). */
export function renderConfigurationReference(files: readonly SchemaFile[], documents: readonly ConfigDocument[]): string {
  const set = new SchemaSet(files);
  const out: string[] = [
    generatedNotice(documents.map((document) => document.file).join(", ")),
    "",
    "# Configuration reference",
    "",
    `Generated from the JSON Schemas in \`schemas/\` by \`${SCRIPT}\`; do not edit by hand. Keys are shown as dotted paths: \`drift.margin.nulls\` is \`nulls\` inside \`margin\` inside \`drift\`; \`[]\` stands for each item of a list and \`<name>\` for any key of a map. A default is the schema's \`default\` or, word for word, what its description says.`,
    "",
    documents.map((document) => `- [${document.heading}](#${anchor(document.heading)}) (\`${document.file}\`)`).join("\n"),
    "",
  ];
  for (const document of documents) {
    const located = set.document(document.file);
    const { schema } = located;
    out.push(`## ${document.heading}`, "");
    const title = text(schema, "title");
    const description = text(schema, "description");
    out.push(`${title !== undefined && title !== document.heading ? `**${title}.** ` : ""}${description ?? ""}`.trim(), "");
    out.push(`Schema: [\`${document.file}\`](../${document.file}).`, "");
    if (document.nestedUnder !== undefined)
      out.push(
        `The same keys as the [\`${document.nestedUnder}\`](#${anchor(document.nestedUnder)}) section of modelship.yaml, where the nested keys are listed (\`${document.nestedUnder}.\` + the path below).`,
        "",
      );
    renderObject(set, { path: "", node: located, description }, out, undefined, document.file, document.nestedUnder);
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------
// Actions and reusable workflows

function entries<T>(record: Record<string, T | null> | null | undefined): [string, T | Record<string, never>][] {
  return Object.entries(record ?? {}).map(([name, value]) => [name, value ?? {}]);
}

function defaultText(value: unknown): string {
  return value === undefined ? "" : codeSpan(literal(value));
}

function renderAction(out: string[], heading: string, uses: string, manifest: ActionManifest, withCommand?: string): void {
  out.push(heading, "");
  const name = manifest.name ?? "";
  const description = manifest.description ?? "";
  out.push(`${name === "" ? "" : `**${name}**: `}${description}`.trim(), "");
  out.push("```yaml", `- uses: ${uses}`, ...(withCommand === undefined ? [] : ["  with:", `    command: ${withCommand}`]), "```", "");
  if (manifest.runs?.using !== undefined)
    out.push(`Runs: \`${manifest.runs.using}\`${manifest.runs.using === "composite" ? " (steps)" : ""}.`, "");
  const inputs = entries(manifest.inputs);
  if (inputs.length > 0) {
    out.push(
      "**Inputs**",
      "",
      table(
        ["Input", "Required", "Default", "Description"],
        inputs.map(([input, spec]) => [
          codeSpan(input),
          spec.required === true ? "yes" : "no",
          defaultText(spec.default),
          spec.description ?? "",
        ]),
      ),
      "",
    );
  }
  const outputs = entries(manifest.outputs);
  if (outputs.length > 0)
    out.push(
      "**Outputs**",
      "",
      table(
        ["Output", "Description"],
        outputs.map(([output, spec]) => [codeSpan(output), spec.description ?? ""]),
      ),
      "",
    );
}

/**
 * A parsed workflow's `on.workflow_call` (`{}` when it declares nothing, or `on:` is the string or list
 * form), or undefined when the workflow is not reusable.
 */
export function workflowCallOf(workflow: unknown): WorkflowCall | undefined {
  const on = isSchema(workflow) ? workflow.on : undefined;
  if (on === "workflow_call" || (Array.isArray(on) && on.includes("workflow_call"))) return {};
  if (!isSchema(on) || !("workflow_call" in on)) return undefined;
  const call = on.workflow_call;
  return isSchema(call) ? call : {};
}

/** docs/actions.md: one section per action, the root action, one section per reusable workflow. */
export function renderActionsReference(reference: ActionsReference): string {
  const repository = reference.repository ?? "modelship/modelship";
  const ref = reference.ref ?? "v1";
  const workflows = reference.workflows
    .map((source) => ({ ...source, call: workflowCallOf(source.workflow) }))
    .filter((source) => source.call !== undefined);
  const sources = ["actions/*/action.yml", ...(reference.rootAction ? ["action.yml"] : []), "reusable-workflows/*.yml"].join(", ");
  const out: string[] = [
    generatedNotice(sources),
    "",
    "# Actions and reusable workflows",
    "",
    `Generated from ${sources
      .split(", ")
      .map((source) => `\`${source}\``)
      .join(", ")} by \`${SCRIPT}\`; do not edit by hand. An empty Default means none (the action falls back as its description says).`,
    "",
    "## Actions",
    "",
    reference.actions.map((action) => `- [\`${action.dir}\`](#${anchor(action.dir)}): ${action.manifest.name ?? action.dir}`).join("\n"),
    ...(reference.rootAction
      ? [`- [\`${repository}@${ref}\` (root action)](#${anchor(`${repository.split("/")[1] ?? repository} (root action)`)})`]
      : []),
    "",
  ];
  for (const action of reference.actions)
    renderAction(out, `### ${codeSpan(action.dir)}`, `${repository}/actions/${action.dir}@${ref}`, action.manifest);
  if (reference.rootAction) {
    const first = reference.actions.find((action) => action.manifest.runs?.using?.startsWith("node") === true)?.dir ?? "NAME";
    renderAction(
      out,
      `### ${codeSpan(repository.split("/")[1] ?? repository)} (root action)`,
      `${repository}@${ref}`,
      reference.rootAction,
      first,
    );
  }
  out.push(
    "## Reusable workflows",
    "",
    workflows
      .map((workflow) => `- [\`${workflow.file}\`](#${anchor(workflow.file)}): ${workflow.workflow.name ?? workflow.file}`)
      .join("\n"),
    "",
  );
  for (const { file, workflow, call } of workflows) {
    out.push(`### ${codeSpan(file)}`, "");
    if (workflow.name !== undefined) out.push(`**${workflow.name}**`, "");
    out.push(
      "```yaml",
      "jobs:",
      `  ${file.replace(/\.ya?ml$/, "").replace(/[^A-Za-z0-9_-]/g, "-")}:`,
      `    uses: ${repository}/.github/workflows/${file}@${ref}`,
      "```",
      "",
    );
    const inputs = entries(call?.inputs);
    if (inputs.length > 0) {
      out.push(
        "**Inputs**",
        "",
        table(
          ["Input", "Type", "Required", "Default", "Description"],
          inputs.map(([input, spec]) => [
            codeSpan(input),
            spec.type ?? "",
            spec.required === true ? "yes" : "no",
            defaultText(spec.default),
            spec.description ?? "",
          ]),
        ),
        "",
      );
    }
    const secrets = entries(call?.secrets);
    if (secrets.length > 0)
      out.push(
        "**Secrets**",
        "",
        table(
          ["Secret", "Required", "Description"],
          secrets.map(([secret, spec]) => [codeSpan(secret), spec.required === true ? "yes" : "no", spec.description ?? ""]),
        ),
        "",
      );
    const outputs = entries(call?.outputs);
    if (outputs.length > 0)
      out.push(
        "**Outputs**",
        "",
        table(
          ["Output", "Description"],
          outputs.map(([output, spec]) => [codeSpan(output), spec.description ?? ""]),
        ),
        "",
      );
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
