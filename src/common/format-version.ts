/**
 * Format versions of the files modelship reads (docs/compatibility.md). A file a user writes carries
 * `version: <n>` (absent means 1); a file modelship writes carries `schema: "modelship/<kind>@<n>"`.
 * The version is checked before the schema is, so a file from a newer modelship is answered with
 * "upgrade modelship" rather than a schema's bare "must be 1", and an older version still read is
 * upgraded to the current one first. Each format's key and current version come from its JSON
 * Schema (the `const` of its `version` or `schema` property), so the schema stays the one source.
 */
import { UserError } from "./errors.ts";
import { TOOL_VERSION } from "./tool-version.ts";
import type { YamlSource } from "./yaml-source.ts";

type Document = Record<string, unknown>;

/** Turns a document of one format version into the next version's (its version key set too). */
export type FormatUpgrade = (document: Document) => Document;

/** How one format names its version, and how older versions are read. */
export interface FileFormat {
  /** `version` (user-written files: a number, absent means 1) or `schema` (written by modelship: `modelship/<kind>@<n>`, required). */
  key: "version" | "schema";
  /** The version this modelship writes and reads. */
  current: number;
  /** For `schema` formats, the identifier without its version, e.g. `modelship/gate-report`. */
  id?: string;
  /** Upgrades by the version they upgrade from; a version with an upgrade chain to `current` is still read. */
  upgrades?: Readonly<Record<number, FormatUpgrade>>;
}

/**
 * Upgrades of older format versions still read, by schema `$id`. None yet: every format is at its
 * version 1. A version 2 that renames or removes a field adds `{ 1: (document) => … }` here for as
 * long as docs/compatibility.md promises to read version 1.
 */
const UPGRADES: Readonly<Record<string, Readonly<Record<number, FormatUpgrade>>>> = {};

const SCHEMA_ID = /^(modelship\/[a-z][a-z0-9-]*)@(0|[1-9]\d*)$/;

/** The schema's definition of a top-level property, following one local `$ref` (`#/$defs/…`). */
function propertyOf(schema: Document, name: string): Document | undefined {
  const properties = schema.properties as Record<string, Document | undefined> | undefined;
  let property = properties?.[name];
  const ref = property?.$ref;
  if (typeof ref === "string" && ref.startsWith("#/$defs/"))
    property = (schema.$defs as Record<string, Document> | undefined)?.[ref.slice(8)];
  return property;
}

/** The format a schema describes, from the `const` of its `schema` or `version` property; undefined for an unversioned schema. */
export function formatOfSchema(schema: Document & { $id?: string }): FileFormat | undefined {
  const upgrades = schema.$id === undefined ? undefined : UPGRADES[schema.$id];
  const schemaConst = propertyOf(schema, "schema")?.const;
  const match = typeof schemaConst === "string" ? SCHEMA_ID.exec(schemaConst) : null;
  if (match) return { key: "schema", id: match[1]!, current: Number(match[2]), ...(upgrades ? { upgrades } : {}) };
  const versionConst = propertyOf(schema, "version")?.const;
  if (typeof versionConst === "number") return { key: "version", current: versionConst, ...(upgrades ? { upgrades } : {}) };
  return undefined;
}

export interface FormatCheckOptions {
  /** The file as the user knows it (a path, or a release asset's URL). */
  file: string;
  /** What the file is, in messages: "gate policy", "model manifest". */
  what: string;
  /** The parsed file, so errors name the line. */
  source?: Pick<YamlSource, "locate">;
}

function isDocument(data: unknown): data is Document {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

/**
 * `data` in the current version of `format`: returned as it is when it is current (or, for a
 * `version` format, has no version: version 1), upgraded when it is an older version still read;
 * a newer, retired, foreign or garbled version is a UserError naming the file, the pointer and the
 * fix. Anything but a mapping is left for the schema to refuse.
 */
export function upgradeFormat<T>(data: T, format: FileFormat, options: FormatCheckOptions): T {
  if (!isDocument(data)) return data;
  const pointer = `/${format.key}`;
  const raw = data[format.key];
  if (raw === undefined) return data; // `version`: absent is 1; `schema`: required, the schema says so.
  const at = { file: options.file, pointer, ...options.source?.locate(pointer) };
  const expected = format.key === "schema" ? `"${format.id!}@${format.current}"` : String(format.current);
  let version: number | undefined;
  if (format.key === "version") {
    if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 1) version = raw;
  } else if (typeof raw === "string") {
    const match = SCHEMA_ID.exec(raw);
    if (match && match[1] !== format.id)
      throw new UserError(`is a ${match[1]!.slice("modelship/".length).replaceAll("-", " ")} (schema: "${raw}"), not a ${options.what}`, {
        ...at,
        hint: `give the ${options.what} here (its /schema is ${expected}); check which file the path or input names`,
      });
    if (match && Number(match[2]) >= 1) version = Number(match[2]);
  }
  if (version === undefined)
    throw new UserError(
      `${pointer} is ${JSON.stringify(raw)}, which is not a format version of the ${options.what} (this modelship writes ${expected})`,
      {
        ...at,
        hint:
          format.key === "version"
            ? `write \`version: ${format.current}\`, or remove the key (a file without it is read as version 1); see docs/compatibility.md`
            : `this file was not written by modelship as a ${options.what}, or was damaged: make it again with modelship`,
      },
    );
  if (version === format.current) return data;
  if (version > format.current)
    throw new UserError(
      `was written for format version ${version} of the ${options.what}; this modelship (${TOOL_VERSION}) reads version ${format.current}`,
      {
        ...at,
        hint:
          `upgrade modelship (npm install --save-dev modelship@latest, and a newer modelship action ref in your workflows; docs/compatibility.md)` +
          (format.key === "version"
            ? `, or write the file for version ${format.current}: set ${pointer} to ${format.current} and use only the fields docs/configuration.md lists`
            : ", or make the file again with this modelship"),
      },
    );
  let upgraded: Document = data;
  for (let from = version; from < format.current; from++) {
    const upgrade = format.upgrades?.[from];
    if (upgrade === undefined)
      throw new UserError(
        `was written for format version ${version} of the ${options.what}, which this modelship (${TOOL_VERSION}) no longer reads (it reads version ${format.current})`,
        {
          ...at,
          hint:
            format.key === "version"
              ? `rewrite the file for version ${format.current} (docs/compatibility.md says what changed), then set ${pointer} to ${format.current}`
              : "make the file again with this modelship, or read it with the older modelship that wrote it",
        },
      );
    upgraded = upgrade(upgraded);
  }
  return upgraded as T;
}

/** Every object schema under `node` without `additionalProperties: false`. */
function withoutClosedObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutClosedObjects);
  if (!isDocument(node)) return node;
  const copy: Document = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    // A property *named* additionalProperties with the schema `false` would go too; no schema here has one.
    copy[key] = withoutClosedObjects(value);
  }
  return copy;
}

const readerSchemas = new WeakMap<object, Document & { $id: string }>();

/**
 * The schema a reader checks `schema`'s documents with. For a format modelship writes, fields a
 * newer minor release added (within the same `@N`) are ignored rather than refused: the same schema
 * without `additionalProperties: false` (writers still check the closed one, so modelship's own
 * output never carries an unlisted field). A file users write keeps the closed schema, where an
 * unknown key is a typo to report.
 */
export function readerSchema<S extends Document & { $id: string }>(schema: S): S {
  if (formatOfSchema(schema)?.key !== "schema") return schema;
  let open = readerSchemas.get(schema);
  if (open === undefined) {
    open = { ...(withoutClosedObjects(schema) as Document), $id: schema.$id.replace(/\.schema\.json$/, ".read.schema.json") };
    readerSchemas.set(schema, open);
  }
  return open as S;
}

/** `upgradeFormat` by the format `schema` describes; data of an unversioned schema is returned as it is. */
export function upgradeBySchema<T>(schema: Document & { $id?: string }, data: T, options: FormatCheckOptions): T {
  const format = formatOfSchema(schema);
  return format === undefined ? data : upgradeFormat(data, format, options);
}
