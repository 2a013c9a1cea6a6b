import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  assertValid,
  parseYamlSource
} from "./chunk-RGJ5T3QL.js";
import {
  DEFAULT_FALSE_VALUES,
  DEFAULT_TRUE_VALUES,
  coerceValue
} from "./chunk-CEPJPHC5.js";
import {
  BUILTIN_PII_DETECTORS,
  regexBacktrackingProblem
} from "./chunk-WP7KJD34.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";

// src/data/contract/load-contract.ts
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

// schemas/data-contract.schema.json
var data_contract_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/data-contract.schema.json",
  title: "modelship data contract",
  description: "What a data file must look like: its columns with types and constraints, dataset-level checks, and train/test hygiene. Checked by `modelship validate` and the validate-data action.",
  type: "object",
  additionalProperties: false,
  required: ["columns"],
  $defs: {
    policy: {
      description: "What a finding does: fail the check (error), warn, or nothing (ignore).",
      enum: ["error", "warning", "ignore"]
    },
    share: {
      description: "A share between 0 and 1.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    bound: {
      description: "A number, or an ISO 8601 date/date-time string for date and datetime columns.",
      type: ["number", "string"]
    },
    role: {
      description: "What the column is for a model.",
      enum: ["feature", "target", "prediction", "sensitive", "id", "timestamp"]
    },
    column: {
      description: "One column of the data and its constraints.",
      type: "object",
      additionalProperties: false,
      required: ["name", "type"],
      properties: {
        name: { description: "The column's name as written in the file's header (after trimming).", type: "string", minLength: 1 },
        type: {
          description: "How every non-null value must parse: integer, number (finite 64-bit float), string, boolean, date (YYYY-MM-DD), datetime (ISO 8601) or categorical (a string from a small set).",
          enum: ["integer", "number", "string", "boolean", "date", "datetime", "categorical"]
        },
        role: {
          description: "The column's role, or a list of roles (e.g. [feature, sensitive]). At most one column is the target.",
          oneOf: [
            { $ref: "#/$defs/role" },
            { type: "array", items: { $ref: "#/$defs/role" }, uniqueItems: true, minItems: 1, description: "Several roles." }
          ]
        },
        description: { description: "What the column means, for people.", type: "string" },
        required: { description: "The column must be present in the data (default true).", type: "boolean" },
        nullable: { description: "Null values are allowed at all (default true).", type: "boolean" },
        max_null_share: { $ref: "#/$defs/share", description: "Largest share of null values allowed." },
        min: { $ref: "#/$defs/bound", description: "Smallest value allowed (inclusive)." },
        max: { $ref: "#/$defs/bound", description: "Largest value allowed (inclusive)." },
        exclusive_min: { $ref: "#/$defs/bound", description: "Values must be greater than this." },
        exclusive_max: { $ref: "#/$defs/bound", description: "Values must be less than this." },
        enum: {
          description: "The allowed values (after aliases are applied).",
          type: "array",
          minItems: 1,
          items: { type: ["string", "number", "boolean"], description: "An allowed value." }
        },
        pattern: {
          description: "A JavaScript regular expression every value must match in full (it is anchored: ^(?:pattern)$).",
          type: "string"
        },
        unique: { description: "No value may appear twice (default false).", type: "boolean" },
        min_length: { description: "Fewest characters a value may have.", type: "integer", minimum: 0 },
        max_length: { description: "Most characters a value may have.", type: "integer", minimum: 0 },
        mostly: {
          description: "Share of non-null values that must satisfy the value constraints (type, range, enum, pattern, length); default 1.",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        allow_empty: { description: "Accept a column with no non-null values (by default such a column fails).", type: "boolean" },
        aliases: {
          description: 'Raw texts mapped to canonical values before any check, e.g. {"<=50K.": "<=50K"}.',
          type: "object",
          additionalProperties: { type: "string", description: "The canonical value." }
        },
        true_values: {
          description: "Texts read as true in a boolean column (default true, True, TRUE, 1).",
          type: "array",
          items: { type: "string", description: "A text meaning true." }
        },
        false_values: {
          description: "Texts read as false in a boolean column (default false, False, FALSE, 0).",
          type: "array",
          items: { type: "string", description: "A text meaning false." }
        },
        severity: { description: "Whether this column's violations are errors (default) or warnings.", enum: ["error", "warning"] },
        pii: {
          description: "Personal data in this column (docs/privacy.md#pii-detection): forbid (a value any detector fires on is a violation), hashed (every value must look like the `hashed` format) or allow (not scanned, and the values are still redacted in every output: reports, comments, annotations, drift issues, released profiles). Unset: a text or integer column is scanned anyway and a detection is a warning.",
          enum: ["forbid", "allow", "hashed"]
        },
        hashed: {
          description: "The hash format of a `pii: hashed` column (setting it implies pii: hashed; default { format: hex }).",
          type: "object",
          additionalProperties: false,
          required: ["format"],
          properties: {
            format: {
              description: "hex (a hex digest), base64 (standard or URL alphabet), or salted (a self-describing salted hash: $2b$\u2026 bcrypt, $argon2id$\u2026, $6$\u2026 sha-crypt, $scrypt$\u2026, pbkdf2_sha256$iterations$salt$hash, sha256$salt$hex).",
              enum: ["hex", "base64", "salted"]
            },
            length: {
              description: "Exact length in characters (hex: default any of 32, 40, 56, 64, 96, 128; base64: default at least 22). Not for salted.",
              type: "integer",
              minimum: 8,
              maximum: 1024
            }
          }
        },
        redact: {
          description: "Show this column's values as keyed pseudonyms in every report, comment, issue and chart (default false; docs/privacy.md#redaction).",
          type: "boolean"
        },
        forbid_patterns: {
          description: "JavaScript regular expressions no value may contain (searched anywhere in the first 1,000 characters of the value, not anchored); a match is a violation and the report never shows the value. A regex that can backtrack catastrophically (a repeated group that repeats or holds an alternation) is refused.",
          type: "array",
          items: { type: "string", minLength: 1, description: "A regex, Unicode mode." }
        }
      }
    },
    piiDetector: {
      description: "A built-in personal-data detector.",
      enum: ["email", "phone", "payment_card", "iban", "us_ssn", "ip_address"]
    }
  },
  properties: {
    version: {
      description: "Format version of this file (docs/compatibility.md). Only 1 exists; a contract without it is read as version 1.",
      const: 1
    },
    $schema: { description: "Optional link to this schema, for editors.", type: "string" },
    name: { description: "The data set's name.", type: "string" },
    description: { description: "What the data is, for people.", type: "string" },
    dialect: {
      description: "How the files are read.",
      type: "object",
      additionalProperties: false,
      properties: {
        delimiter: {
          description: "Field delimiter, one character (default `,`; `\\t` for .tsv files).",
          type: "string",
          minLength: 1,
          maxLength: 1
        },
        quote: { description: 'Quote character (default `"`).', type: "string", minLength: 1, maxLength: 1 },
        trim: { description: "Strip spaces and tabs around unquoted fields and header names (default false).", type: "boolean" },
        null_markers: {
          description: 'Texts that mean a missing value, compared after trimming (default [""]).',
          type: "array",
          items: { type: "string", description: "A text meaning null." }
        }
      }
    },
    columns: { description: "The columns, in any order.", type: "array", minItems: 1, items: { $ref: "#/$defs/column" } },
    dataset: {
      description: "Checks on the data set as a whole.",
      type: "object",
      additionalProperties: false,
      properties: {
        min_rows: { description: "Fewest rows allowed.", type: "integer", minimum: 0 },
        max_rows: { description: "Most rows allowed.", type: "integer", minimum: 0 },
        max_duplicate_share: {
          $ref: "#/$defs/share",
          description: "Largest share of rows that exactly repeat an earlier row (default 0.05)."
        },
        unknown_columns: { $ref: "#/$defs/policy", description: "Columns in the data but not in the contract (default error)." },
        missing_columns: { $ref: "#/$defs/policy", description: "Required contract columns absent from the data (default error)." },
        min_class_share: { $ref: "#/$defs/share", description: "Smallest share of rows each target class must have." },
        single_value_columns: { $ref: "#/$defs/policy", description: "Columns with one distinct non-null value (default warning)." }
      }
    },
    hygiene: {
      description: "Train/test checks, run when two data sets (train and test) are given.",
      type: "object",
      additionalProperties: false,
      properties: {
        max_test_in_train_share: {
          $ref: "#/$defs/share",
          description: "Largest share of test rows that also appear in train (default 0.05)."
        },
        conflicting_labels: {
          $ref: "#/$defs/policy",
          description: "Rows with the same features but different targets across train and test (default error)."
        },
        unseen_target_classes: {
          $ref: "#/$defs/policy",
          description: "Target classes in test that train does not have (default error)."
        },
        unseen_categories: { $ref: "#/$defs/policy", description: "Categories in test that train does not have (default warning)." }
      }
    },
    pii: {
      description: "How columns are scanned for personal data (docs/privacy.md#pii-detection). Without this block every string and categorical column without a `pii` setting is scanned with every built-in detector.",
      type: "object",
      additionalProperties: false,
      properties: {
        scan: {
          description: "Scan string and categorical columns that have no `pii` setting (default true); columns with pii: forbid or hashed are checked either way.",
          type: "boolean"
        },
        detectors: {
          description: "The built-in detectors to run (default all).",
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/$defs/piiDetector" }
        },
        patterns: {
          description: "More detectors: named regexes searched in each value (reported as detector custom with the name).",
          type: "array",
          items: {
            description: "A named regex.",
            type: "object",
            additionalProperties: false,
            required: ["name", "regex"],
            properties: {
              name: { description: "The name reports use, e.g. employee_id.", type: "string", pattern: "^[A-Za-z][A-Za-z0-9_-]*$" },
              regex: {
                description: "A JavaScript regular expression (Unicode mode), searched anywhere in the first 1,000 characters of a value; one that can backtrack catastrophically (a repeated group that repeats or holds an alternation) is refused.",
                type: "string",
                minLength: 1
              }
            }
          }
        },
        min_share: {
          $ref: "#/$defs/share",
          description: "A column without `pii` warns only when detections exceed this share of its non-null values (default 0: any detection)."
        },
        severity: { description: "Severity of a detection in a column without `pii` (default warning).", enum: ["error", "warning"] }
      }
    },
    k_anonymity: {
      description: "k-anonymity: every combination of the quasi-identifiers' values must be shared by at least k rows (docs/privacy.md#k-anonymity). The report gives the rows in smaller classes, never their values.",
      type: "object",
      additionalProperties: false,
      required: ["quasi_identifiers", "k"],
      properties: {
        quasi_identifiers: {
          description: "Contract columns that together could re-identify a person, e.g. [age, zip, sex]; at most 30.",
          type: "array",
          minItems: 1,
          maxItems: 30,
          uniqueItems: true,
          items: { type: "string", minLength: 1, description: "A contract column's name." }
        },
        k: {
          description: "Smallest allowed equivalence class (rows sharing one combination of values); at least 2.",
          type: "integer"
        },
        max_share: {
          $ref: "#/$defs/share",
          description: "Largest share of rows allowed in classes smaller than k (default 0: every row must be in a class of k or more)."
        },
        severity: { description: "Whether a violation is an error (default) or a warning.", enum: ["error", "warning"] },
        max_classes: {
          description: "Distinct classes over all quasi-identifiers counted exactly (default 1000000: at most 128 MB for 4 of them); past it rows at risk are an upper bound.",
          type: "integer",
          minimum: 1
        }
      }
    }
  }
};

// src/data/contract/contract-document.ts
function fromDocument(document, file, sha256, source = "modelship") {
  const dialect = document.dialect ?? {};
  const columns = document.columns.map((column, index) => ({
    name: column.name,
    type: column.type,
    roles: column.role === void 0 ? ["feature"] : Array.isArray(column.role) ? column.role : [column.role],
    description: column.description,
    required: column.required ?? true,
    nullable: column.nullable ?? true,
    maxNullShare: column.max_null_share,
    min: column.min,
    max: column.max,
    exclusiveMin: column.exclusive_min,
    exclusiveMax: column.exclusive_max,
    enum: column.enum,
    pattern: column.pattern,
    unique: column.unique ?? false,
    minLength: column.min_length,
    maxLength: column.max_length,
    mostly: column.mostly ?? 1,
    allowEmpty: column.allow_empty ?? false,
    aliases: column.aliases ?? {},
    trueValues: column.true_values ?? [...DEFAULT_TRUE_VALUES],
    falseValues: column.false_values ?? [...DEFAULT_FALSE_VALUES],
    severity: column.severity ?? "error",
    // `hashed:` alone means `pii: hashed`; load-contract.ts refuses it beside another pii setting.
    ...column.pii !== void 0 || column.hashed !== void 0 ? { pii: column.pii ?? "hashed" } : {},
    ...column.hashed !== void 0 || column.pii === "hashed" ? { hashed: column.hashed ?? { format: "hex" } } : {},
    redact: column.redact ?? false,
    forbidPatterns: column.forbid_patterns ?? [],
    pointer: `/columns/${index}`
  }));
  const dataset = document.dataset ?? {};
  const hygiene = document.hygiene ?? {};
  return {
    file,
    sha256,
    name: document.name,
    description: document.description,
    source,
    dialect: {
      delimiter: dialect.delimiter ?? ",",
      quote: dialect.quote ?? '"',
      trim: dialect.trim ?? false,
      nullMarkers: dialect.null_markers ?? [""]
    },
    columns,
    dataset: {
      minRows: dataset.min_rows,
      maxRows: dataset.max_rows,
      maxDuplicateShare: dataset.max_duplicate_share ?? 0.05,
      unknownColumns: dataset.unknown_columns ?? "error",
      missingColumns: dataset.missing_columns ?? "error",
      minClassShare: dataset.min_class_share,
      singleValueColumns: dataset.single_value_columns ?? "warning"
    },
    hygiene: {
      maxTestInTrainShare: hygiene.max_test_in_train_share ?? 0.05,
      conflictingLabels: hygiene.conflicting_labels ?? "error",
      unseenTargetClasses: hygiene.unseen_target_classes ?? "error",
      unseenCategories: hygiene.unseen_categories ?? "warning"
    },
    ...document.k_anonymity === void 0 ? {} : { kAnonymity: kAnonymityOf(document.k_anonymity) },
    ...document.pii === void 0 ? {} : { pii: piiScanOf(document.pii) }
  };
}
var DEFAULT_MAX_KANONYMITY_CLASSES = 1e6;
function kAnonymityOf(document) {
  return {
    quasiIdentifiers: document.quasi_identifiers,
    k: document.k,
    maxShare: document.max_share ?? 0,
    severity: document.severity ?? "error",
    maxClasses: document.max_classes ?? DEFAULT_MAX_KANONYMITY_CLASSES
  };
}
function piiScanOf(document) {
  return {
    scan: document.scan ?? true,
    detectors: document.detectors ?? [...BUILTIN_PII_DETECTORS],
    patterns: document.patterns ?? [],
    minShare: document.min_share ?? 0,
    severity: document.severity ?? "warning"
  };
}

// src/data/contract/frictionless.ts
var TYPES = {
  integer: "integer",
  number: "number",
  string: "string",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  year: "integer",
  any: "string"
};
var FORMAT_PATTERNS = {
  email: String.raw`[^@\s]+@[^@\s]+`,
  uri: String.raw`[A-Za-z][A-Za-z0-9+.-]*:\S*`,
  uuid: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  binary: "[A-Za-z0-9+/]*={0,2}"
};
var CONSTRAINTS = {
  required: { is: (value) => typeof value === "boolean", expect: "true or false" },
  unique: { is: (value) => typeof value === "boolean", expect: "true or false" },
  minLength: { is: (value) => Number.isInteger(value) && value >= 0, expect: "a non-negative integer" },
  maxLength: { is: (value) => Number.isInteger(value) && value >= 0, expect: "a non-negative integer" },
  minimum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  maximum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  exclusiveMinimum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  exclusiveMaximum: { is: isBound, expect: "a number, or an ISO 8601 date for date fields" },
  pattern: { is: (value) => typeof value === "string", expect: "a regular expression as a string" },
  enum: {
    is: (value) => Array.isArray(value) && value.length > 0 && value.every(isScalar),
    expect: "a non-empty list of strings, numbers or booleans"
  }
};
var FIELD_KEYS = {
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
  false_values: "falseValues"
};
function lookup(table, key) {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : void 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isBound(value) {
  return typeof value === "number" && Number.isFinite(value) || typeof value === "string";
}
function isScalar(value) {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
function isStringList(value) {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
function isFrictionless(data) {
  return isRecord(data) && Array.isArray(data.fields) && !("columns" in data);
}
function fieldPointer(pointer) {
  const match = /^\/columns\/(\d+)(?:\/([^/]+)(\/.*)?)?$/.exec(pointer);
  if (!match) return pointer;
  const [, index, key, rest] = match;
  const field = `/fields/${index}`;
  if (key === void 0) return field;
  const mapped = lookup(FIELD_KEYS, key);
  return mapped === void 0 ? field : `${field}/${mapped}${rest ?? ""}`;
}
function fromFrictionless(data, options) {
  const { where } = options;
  const fail = (problem, pointer, hint) => {
    throw new UserError(problem, { ...where(pointer), hint });
  };
  if (!isRecord(data) || !Array.isArray(data.fields))
    return fail(
      "a Frictionless Table Schema must be a mapping with a `fields` list",
      "",
      "see https://specs.frictionlessdata.io/table-schema/"
    );
  const fields = data.fields;
  if (fields.length === 0) fail("the Table Schema has no fields", "/fields", "list at least one field (name and type)");
  const columns = fields.map((field, index) => toColumn(field, `/fields/${index}`, fail));
  applyPrimaryKey(data.primaryKey, columns, fail);
  const document = { columns, dialect: { null_markers: missingValues(data.missingValues, fail) } };
  if (typeof data.name === "string") document.name = data.name;
  else if (typeof data.title === "string") document.name = data.title;
  if (typeof data.description === "string") document.description = data.description;
  return fromDocument(document, options.file, options.sha256, "frictionless");
}
function toColumn(field, at, fail) {
  if (!isRecord(field)) return fail("a field must be a mapping", at, "write each field as {name: ..., type: ...}");
  if (typeof field.name !== "string" || field.name === "")
    return fail("a field needs a non-empty `name`", `${at}/name`, "give the column's name as written in the file's header");
  const name = field.name;
  const frictionlessType = field.type ?? "string";
  const type = lookup(TYPES, frictionlessType);
  if (type === void 0) {
    fail(
      `field "${name}" has type ${JSON.stringify(frictionlessType)}, which modelship cannot check`,
      `${at}/type`,
      `use one of ${Object.keys(TYPES).join(", ")} (a string field with a pattern can stand in for time, yearmonth or duration)`
    );
  }
  const column = { name, type };
  const description = field.description ?? field.title;
  if (typeof description === "string") column.description = description;
  checkReading(field, frictionlessType, name, at, fail);
  if (field.missingValues !== void 0)
    fail(
      `field "${name}" has its own missingValues`,
      `${at}/missingValues`,
      "move missingValues to the schema level: modelship has one list of null markers for all columns"
    );
  for (const key of ["trueValues", "falseValues"]) {
    const values = field[key];
    if (values === void 0) continue;
    if (!isStringList(values))
      fail(
        `${key} of field "${name}" must be a list of strings`,
        `${at}/${key}`,
        `write e.g. ${key}: ["${key === "trueValues" ? "yes" : "no"}"]`
      );
    if (key === "trueValues") column.true_values = values;
    else column.false_values = values;
  }
  applyConstraints(field.constraints, column, at, fail);
  const format = field.format;
  const formatPattern = frictionlessType === "string" ? lookup(FORMAT_PATTERNS, format) : void 0;
  if (formatPattern !== void 0) {
    column.pattern = column.pattern === void 0 ? formatPattern : `(?=(?:${formatPattern})$)(?:${column.pattern})`;
  }
  return column;
}
function checkReading(field, type, name, at, fail) {
  const format = field.format;
  if (format !== void 0 && format !== "default") {
    if (type === "date" || type === "datetime")
      fail(
        `field "${name}" has format ${JSON.stringify(format)}; modelship reads ISO 8601 ${type}s only`,
        `${at}/format`,
        "remove the format and write the data as YYYY-MM-DD (dates) or YYYY-MM-DDTHH:MM:SS (date-times)"
      );
    if (type === "string" && lookup(FORMAT_PATTERNS, format) === void 0)
      fail(
        `field "${name}" has an unknown string format ${JSON.stringify(format)}`,
        `${at}/format`,
        `use one of default, ${Object.keys(FORMAT_PATTERNS).join(", ")}, or a pattern constraint`
      );
  }
  if (field.bareNumber === false)
    fail(
      `field "${name}" sets bareNumber: false, which modelship does not read`,
      `${at}/bareNumber`,
      "strip currency signs and percent marks from the data, then remove bareNumber"
    );
  if (field.groupChar !== void 0)
    fail(
      `field "${name}" sets a groupChar, which modelship does not read`,
      `${at}/groupChar`,
      "write numbers without thousands separators, then remove groupChar"
    );
  if (field.decimalChar !== void 0 && field.decimalChar !== ".")
    fail(
      `field "${name}" sets decimalChar ${JSON.stringify(field.decimalChar)}; modelship reads a decimal point only`,
      `${at}/decimalChar`,
      "write numbers with a decimal point, then remove decimalChar"
    );
}
function applyConstraints(constraints, column, at, fail) {
  if (constraints === void 0) return;
  if (!isRecord(constraints))
    fail(
      `constraints of field "${column.name}" must be a mapping`,
      `${at}/constraints`,
      "write e.g. constraints: {required: true, minimum: 0}"
    );
  for (const [key, value] of Object.entries(constraints)) {
    const pointer = `${at}/constraints/${key}`;
    if (!Object.hasOwn(CONSTRAINTS, key))
      fail(`unknown constraint "${key}" on field "${column.name}"`, pointer, `use ${Object.keys(CONSTRAINTS).join(", ")}`);
    const rule = CONSTRAINTS[key];
    if (!rule.is(value)) fail(`constraint ${key} of field "${column.name}" must be ${rule.expect}`, pointer, `fix the value of ${key}`);
    switch (key) {
      // Frictionless `required` means "no nulls"; every field must be present in the data anyway.
      case "required":
        column.nullable = !value;
        break;
      case "unique":
        column.unique = value;
        break;
      case "minLength":
        column.min_length = value;
        break;
      case "maxLength":
        column.max_length = value;
        break;
      case "minimum":
        column.min = value;
        break;
      case "maximum":
        column.max = value;
        break;
      case "exclusiveMinimum":
        column.exclusive_min = value;
        break;
      case "exclusiveMaximum":
        column.exclusive_max = value;
        break;
      case "pattern":
        column.pattern = value;
        break;
      case "enum":
        column.enum = value;
        break;
    }
  }
}
function applyPrimaryKey(primaryKey, columns, fail) {
  if (primaryKey === void 0) return;
  const names = typeof primaryKey === "string" ? [primaryKey] : primaryKey;
  if (!isStringList(names) || names.length === 0)
    return fail(
      "primaryKey must be a field name or a non-empty list of field names",
      "/primaryKey",
      'write e.g. primaryKey: "id" or primaryKey: ["id", "date"]'
    );
  for (const [position, name] of names.entries()) {
    const column = columns.find((candidate) => candidate.name === name);
    if (column === void 0)
      return fail(
        `primaryKey names "${name}", which is not a field`,
        typeof primaryKey === "string" ? "/primaryKey" : `/primaryKey/${position}`,
        "name fields declared in `fields`, spelled as there"
      );
    column.nullable = false;
    if (names.length === 1) column.unique = true;
  }
}
function missingValues(value, fail) {
  if (value === void 0) return [""];
  if (!Array.isArray(value))
    return fail("missingValues must be a list of strings", "/missingValues", 'write e.g. missingValues: ["", "NA"]');
  return value.map((item, index) => {
    if (typeof item === "string") return item;
    if (isRecord(item) && typeof item.value === "string") return item.value;
    return fail("missingValues must be a list of strings", `/missingValues/${index}`, 'write e.g. missingValues: ["", "NA"]');
  });
}

// src/data/contract/load-contract.ts
var ORDERED = ["integer", "number", "date", "datetime"];
function boundValue(column, bound) {
  const type = ORDERED.includes(column.type) ? column.type : "number";
  const coerced = coerceValue(bound, type);
  return coerced.ok && typeof coerced.value === "number" ? coerced.value : void 0;
}
function checkSemantics(contract, where) {
  const seen = /* @__PURE__ */ new Map();
  let target;
  for (const [index, column] of contract.columns.entries()) {
    const at = (key) => where(key === void 0 ? column.pointer : `${column.pointer}/${key}`);
    const earlier = seen.get(column.name);
    if (earlier !== void 0)
      throw new UserError(`column "${column.name}" is declared twice (also at ${where(contract.columns[earlier].pointer).pointer})`, {
        ...at("name"),
        hint: "merge the two declarations into one"
      });
    seen.set(column.name, index);
    if (column.roles.includes("target")) {
      if (target !== void 0)
        throw new UserError(`two target columns: "${target}" and "${column.name}"`, {
          ...at("role"),
          hint: "a contract has at most one target; use role prediction or feature for the other"
        });
      target = column.name;
    }
    if (column.pattern !== void 0) {
      try {
        new RegExp(column.pattern, "u");
      } catch (error) {
        throw new UserError(
          `pattern of column "${column.name}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
          {
            ...at("pattern"),
            hint: "fix the regex (JavaScript syntax, Unicode mode); in YAML, single-quote it so backslashes stay as written"
          }
        );
      }
    }
    const ordered = ORDERED.includes(column.type);
    for (const key of ["min", "max", "exclusiveMin", "exclusiveMax"]) {
      const bound = column[key];
      if (bound === void 0) continue;
      const yamlKey = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      if (!ordered)
        throw new UserError(`${yamlKey} does not apply to a ${column.type} column ("${column.name}")`, {
          ...at(yamlKey),
          hint: "use min_length/max_length for text, enum for categories, or change the type"
        });
      if (boundValue(column, bound) === void 0)
        throw new UserError(`${yamlKey} ${JSON.stringify(bound)} is not a valid ${column.type}`, {
          ...at(yamlKey),
          hint: column.type === "date" ? "write dates as YYYY-MM-DD" : `write a ${column.type}`
        });
    }
    const low = column.min ?? column.exclusiveMin;
    const high = column.max ?? column.exclusiveMax;
    if (low !== void 0 && high !== void 0 && ordered) {
      const lowValue = boundValue(column, low);
      const highValue = boundValue(column, high);
      if (lowValue > highValue)
        throw new UserError(`column "${column.name}": the lower bound ${String(low)} is above the upper bound ${String(high)}`, {
          ...at(column.min === void 0 ? "exclusive_min" : "min"),
          hint: "swap them, or fix the typo"
        });
    }
    if (column.minLength !== void 0 && column.maxLength !== void 0 && column.minLength > column.maxLength) {
      throw new UserError(`column "${column.name}": min_length ${column.minLength} is above max_length ${column.maxLength}`, {
        ...at("min_length"),
        hint: "swap them"
      });
    }
    if (column.enum !== void 0 && column.type !== "string" && column.type !== "categorical") {
      for (const [position, value] of column.enum.entries()) {
        const coerced = coerceValue(typeof value === "boolean" ? String(value) : value, column.type, column);
        if (!coerced.ok)
          throw new UserError(`enum value ${JSON.stringify(value)} of column "${column.name}" ${coerced.reason}`, {
            ...at(`enum/${position}`),
            hint: `list ${column.type} values only, or change the column's type`
          });
      }
    }
  }
  checkKAnonymity(contract, where);
  checkPii(contract, where);
}
function compileRegex(regex, what, located) {
  try {
    new RegExp(regex, "u");
  } catch (error) {
    throw new UserError(`${what} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, {
      ...located,
      hint: "fix the regex (JavaScript syntax, Unicode mode); in YAML, single-quote it so backslashes stay as written"
    });
  }
  const problem = regexBacktrackingProblem(regex);
  if (problem !== void 0)
    throw new UserError(`${what} can backtrack catastrophically: ${problem}, so one crafted value could stall a run for minutes`, {
      ...located,
      hint: "rewrite it without repeating a repeated or alternating group, e.g. ^[\\w\\s]+$ for ^(\\w+\\s?)+$, \\d{3}-\\d{3}-\\d{4} for (\\d{3}-){2}\\d{4}, [\\w\\d]* for (\\w|\\d)* (docs/privacy.md#pii-detection)"
    });
}
function checkPii(contract, where) {
  for (const column of contract.columns) {
    const at = (key) => where(`${column.pointer}/${key}`);
    for (const [index, regex] of column.forbidPatterns.entries())
      compileRegex(regex, `forbid_patterns[${index}] of column "${column.name}"`, at(`forbid_patterns/${index}`));
    if (column.pii === void 0) continue;
    if (column.hashed !== void 0 && column.pii !== "hashed")
      throw new UserError(`column "${column.name}" has a hashed format but pii: ${column.pii}`, {
        ...at("hashed"),
        hint: "a hash format only applies to pii: hashed; drop `hashed` or set pii: hashed"
      });
    if (column.pii === "hashed" && column.type !== "string" && column.type !== "categorical")
      throw new UserError(`column "${column.name}" is pii: hashed but of type ${column.type}; hashes are text`, {
        ...at("type"),
        hint: "declare the column as type: string"
      });
    if (column.hashed?.format === "salted" && column.hashed.length !== void 0)
      throw new UserError(`column "${column.name}": a salted hash has no fixed length`, {
        ...at("hashed/length"),
        hint: "drop hashed.length, or use format: hex or base64 for a plain digest"
      });
  }
  const seen = /* @__PURE__ */ new Set();
  for (const [index, pattern] of (contract.pii?.patterns ?? []).entries()) {
    if (seen.has(pattern.name))
      throw new UserError(`pii pattern "${pattern.name}" is declared twice`, {
        ...where(`/pii/patterns/${index}/name`),
        hint: "give each pattern its own name; reports name the pattern that fired"
      });
    seen.add(pattern.name);
    compileRegex(pattern.regex, `pii pattern "${pattern.name}"`, where(`/pii/patterns/${index}/regex`));
  }
}
function checkKAnonymity(contract, where) {
  const check = contract.kAnonymity;
  if (check === void 0) return;
  if (check.k < 2)
    throw new UserError(`k_anonymity.k is ${check.k}: every table is 1-anonymous, so k must be at least 2`, {
      ...where("/k_anonymity/k"),
      hint: "use k: 5 or more (a common choice); drop k_anonymity to turn the check off"
    });
  const names = new Set(contract.columns.map((column) => column.name));
  for (const [index, name] of check.quasiIdentifiers.entries()) {
    if (!names.has(name))
      throw new UserError(`quasi-identifier "${name}" is not a column of the contract`, {
        ...where(`/k_anonymity/quasi_identifiers/${index}`),
        hint: `declare "${name}" under columns, or list only contract columns (names are case-sensitive)`
      });
  }
}
function readOptionsFor(contract) {
  const { dialect } = contract;
  return { delimiter: dialect.delimiter, quote: dialect.quote, trim: dialect.trim, nullMarkers: dialect.nullMarkers };
}
function parseContract(text, file) {
  const sha256 = createHash("sha256").update(text).digest("hex");
  const source = parseYamlSource(text, file);
  const where = (pointer) => ({ file, pointer, ...source.locate(pointer) });
  if (isFrictionless(source.data)) {
    const contract2 = fromFrictionless(source.data, { file, sha256, where });
    checkSemantics(contract2, (pointer) => where(fieldPointer(pointer)));
    return contract2;
  }
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    throw new UserError("a data contract must be a mapping with a `columns` list", {
      file,
      line: 1,
      hint: "see examples/model-repo/data/contract.yaml, or give a Frictionless Table Schema (with `fields`)"
    });
  }
  const document = assertValid(data_contract_schema_default, source.data, { file, what: "data contract", source });
  const contract = fromDocument(document, file, sha256);
  checkSemantics(contract, where);
  return contract;
}
async function loadContract(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(
      code === "ENOENT" ? "data contract not found" : code === "EISDIR" ? "data contract is a directory, not a file" : `cannot read the data contract (${code ?? "unknown error"})`,
      {
        file: path,
        hint: "check the `contract` input, --contract, or data.contract in modelship.yaml (paths there are relative to modelship.yaml)"
      }
    );
  }
  return parseContract(text, path);
}

export {
  readOptionsFor,
  parseContract,
  loadContract
};
