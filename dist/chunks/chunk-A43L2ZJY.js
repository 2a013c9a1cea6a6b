import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  threadCount
} from "./chunk-MAHMYA47.js";
import {
  readOptionsFor
} from "./chunk-WC5L3K5J.js";
import {
  redactProfile,
  withoutValues
} from "./chunk-7VUA2BAW.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  assertValid,
  assertWritable,
  parseYamlSource,
  toPointer
} from "./chunk-RGJ5T3QL.js";
import {
  Histogram,
  PROFILE_DEFAULTS,
  ProfileBuilder,
  agreementColumns,
  columnStatsFromJSON,
  exactCapOf,
  isNumericType,
  runColumnsPass,
  sameEdges,
  schemaHash
} from "./chunk-QT3TIHE5.js";
import {
  KllSketch
} from "./chunk-5US5NQLX.js";
import {
  BATCH,
  csvDialect,
  formatFromName,
  openTable,
  readCsvHeader
} from "./chunk-WP7KJD34.js";
import {
  UserError,
  errnoCode,
  getErrorMessage,
  jsonErrorPosition
} from "./chunk-SU4BFKON.js";

// schemas/reference-profile.schema.json
var reference_profile_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/reference-profile.schema.json",
  title: "modelship reference profile",
  description: "A mergeable statistical profile of a dataset, column by column, written by `modelship profile` and used as the baseline of drift checks. Profiles of shards made with the same histogram edges merge exactly (`modelship profile merge`): counts, nulls, extremes, histogram and category counts add up; mean and M2 combine by Chan et al.'s formula; quantile sketches merge with the same error bound.",
  type: "object",
  additionalProperties: false,
  required: ["schema", "tool", "created", "contract", "schema_hash", "datasets", "rows", "settings", "columns"],
  properties: {
    schema: { description: "Format identifier and version of this document.", const: "modelship/reference-profile@1" },
    tool: {
      description: "The program that wrote the profile.",
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: { description: "Always modelship.", const: "modelship" },
        version: { description: "modelship's version.", type: "string" }
      }
    },
    created: {
      description: "When the profile was made (for a merged profile: the later of the two), RFC 3339.",
      type: "string",
      format: "date-time"
    },
    contract: {
      description: "The data contract whose columns and types the profile follows.",
      type: "object",
      additionalProperties: false,
      required: ["path", "sha256"],
      properties: {
        path: { description: "Path of the contract file as given.", type: "string" },
        sha256: { description: "sha256 (hex) of the contract file's bytes.", type: "string", pattern: "^[0-9a-f]{64}$" }
      }
    },
    schema_hash: {
      description: "sha256 (hex) of the JSON array of [name, type] pairs of the contract's columns sorted by name. Merging and drift checks refuse a profile with another schema hash.",
      type: "string",
      pattern: "^[0-9a-f]{64}$"
    },
    datasets: {
      description: "The data files profiled (several after a merge).",
      type: "array",
      items: {
        description: "One data file.",
        type: "object",
        additionalProperties: false,
        required: ["path", "sha256", "bytes", "rows"],
        properties: {
          path: { description: "Path of the file as given.", type: "string" },
          sha256: { description: "sha256 (hex) of the file's bytes as stored.", type: "string", pattern: "^[0-9a-f]{64}$" },
          bytes: { description: "Size of the file in bytes.", type: "integer", minimum: 0 },
          rows: { description: "Data rows in the file.", type: "integer", minimum: 0 }
        }
      }
    },
    rows: { description: "Total data rows over all datasets.", type: "integer", minimum: 0 },
    settings: {
      description: "Settings the profile was made with. Shards merge exactly only when made with the same edges (`--bins-from`).",
      type: "object",
      additionalProperties: false,
      required: ["bins", "top_k", "category_cap", "sketch_k", "seed"],
      properties: {
        bins: {
          description: "Bins asked for per numeric column when edges are frozen from the data (deciles for 10). Columns may have fewer after deduplication.",
          type: "integer",
          minimum: 1
        },
        top_k: {
          description: "How many categories a report shows per column. A rendering choice: the profile keeps every count up to category_cap.",
          type: "integer",
          minimum: 1
        },
        category_cap: {
          description: "Distinct values counted exactly per column; past it, new values only add to other_count (bounds memory).",
          type: "integer",
          minimum: 1
        },
        exact_cap: {
          description: "Distinct values per numeric column whose counts are kept exactly (the column's values); past it values is null (bounds memory). 0 keeps none. Profiles written before this setting lack it and are read as keeping none.",
          type: "integer",
          minimum: 0
        },
        sketch_k: {
          description: "KLL sketch accuracy parameter k. For k = 200 the normalized rank error is about 1.65 % at 99 % confidence.",
          type: "integer",
          minimum: 8
        },
        seed: { description: "Seed of the sketches' compaction coin, so a profile is reproducible.", type: "integer" }
      }
    },
    agreement: {
      description: "How often the prediction equals the target (the counts of accuracy), for delayed-label performance checks. Written when the contract has exactly one column with role target and exactly one other column with role prediction; absent otherwise, in profiles written before it, and after merging with a profile that lacks it (or names other columns).",
      type: "object",
      additionalProperties: false,
      required: ["target", "prediction", "rows", "agree"],
      properties: {
        target: { description: "Name of the target column (a key of columns).", type: "string" },
        prediction: { description: "Name of the prediction column (a key of columns).", type: "string" },
        rows: {
          $ref: "#/$defs/count",
          description: "Rows where both target and prediction are valid (non-null and coerce to their column's type)."
        },
        agree: {
          $ref: "#/$defs/count",
          description: "Of those rows, how many have equal values after coercion, compared as text; at most rows."
        }
      }
    },
    redacted: {
      description: "Columns whose values are redacted (docs/privacy.md#redaction), by name: the id of the redaction key (`MODELSHIP_REDACTION_KEY`) their categories are keyed pseudonyms under, or null when no key was set and their categories were dropped into other_count. A redacted numeric or date column keeps only count, nulls, invalid and valid: min, max, mean and variance are null, sum and m2 0, the sketch empty (n 0), histogram and values null, since each of those is or pins a data point; drift reports it as insufficient_data. Drift compares a redacted column's categories only under the same key id on both sides.",
      type: "object",
      additionalProperties: { type: ["string", "null"], pattern: "^[0-9a-f]{12}$" }
    },
    columns: {
      description: "One profile per contract column, by column name, in contract order.",
      type: "object",
      additionalProperties: { $ref: "#/$defs/column" }
    }
  },
  $defs: {
    type: {
      description: "The contract's column type.",
      enum: ["integer", "number", "string", "boolean", "date", "datetime", "categorical"]
    },
    roles: {
      description: "The column's roles in the contract.",
      type: "array",
      items: { description: "One role.", enum: ["feature", "target", "prediction", "sensitive", "id", "timestamp"] }
    },
    count: { description: "A count of rows or values.", type: "integer", minimum: 0 },
    column: {
      description: "The profile of one column: numeric (integer, number, date, datetime; dates as epoch milliseconds) or categorical (string, categorical, boolean).",
      oneOf: [{ $ref: "#/$defs/numeric" }, { $ref: "#/$defs/categorical" }]
    },
    numeric: {
      description: "Profile of an integer, number, date or datetime column (dates as epoch milliseconds).",
      type: "object",
      additionalProperties: false,
      required: [
        "kind",
        "type",
        "roles",
        "count",
        "nulls",
        "invalid",
        "valid",
        "min",
        "max",
        "sum",
        "mean",
        "m2",
        "variance",
        "sketch",
        "histogram"
      ],
      properties: {
        kind: { description: "Numeric profile.", const: "numeric" },
        type: { $ref: "#/$defs/type", description: "The contract's column type: integer, number, date or datetime." },
        roles: { $ref: "#/$defs/roles", description: "The column's roles in the contract." },
        count: { $ref: "#/$defs/count", description: "Rows seen (null, invalid and valid)." },
        nulls: { $ref: "#/$defs/count", description: "Null (missing) values, including a column absent from a file." },
        invalid: {
          $ref: "#/$defs/count",
          description: "Non-null values that do not coerce to the column's type (as in validation)."
        },
        valid: {
          $ref: "#/$defs/count",
          description: "Values that coerce: count \u2212 nulls \u2212 invalid. The statistics below are over these."
        },
        min: { description: "Smallest valid value; null when none.", type: ["number", "null"] },
        max: { description: "Largest valid value; null when none.", type: ["number", "null"] },
        sum: { description: "Sum of the valid values.", type: "number" },
        mean: { description: "Mean of the valid values (Welford); null when none.", type: ["number", "null"] },
        m2: {
          description: "Sum of squared deviations from the mean, kept so that variances merge exactly (Chan et al.).",
          type: "number",
          minimum: 0
        },
        variance: {
          description: "Variance of the valid values; null when none.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["population", "sample"],
          properties: {
            population: { description: "m2 / n (numpy's var with ddof=0).", type: "number", minimum: 0 },
            sample: { description: "m2 / (n \u2212 1) (ddof=1); null for a single value.", type: ["number", "null"], minimum: 0 }
          }
        },
        sketch: { $ref: "#/$defs/kll", description: "Quantile sketch of the valid values (see $defs/kll)." },
        histogram: {
          description: "Counts on frozen, left-closed bins [edges[i], edges[i+1]); null when the column had no valid value to take edges from.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["edges", "counts", "underflow", "overflow", "nulls"],
          properties: {
            edges: {
              description: "Strictly increasing bin edges: the data's deciles (or its distinct values, for an integer, date or datetime column with at most 2 \xD7 bins of them), the last just above the maximum; or copied from the profile given as --bins-from.",
              type: "array",
              minItems: 2,
              items: { description: "One edge.", type: "number" }
            },
            counts: { description: "Values per bin (one fewer than edges).", type: "array", items: { $ref: "#/$defs/count" } },
            underflow: { $ref: "#/$defs/count", description: "Values below the first edge." },
            overflow: { $ref: "#/$defs/count", description: "Values at or above the last edge." },
            nulls: { $ref: "#/$defs/count", description: "Null values of the column (in no bin)." }
          }
        },
        values: {
          description: "Exact counts of the valid values (dates as epoch milliseconds, -0 as 0) while the column has at most settings.exact_cap distinct values; null past it, with a cap of 0, or after merging with a side that had none. Absent in profiles written before exact_cap, read as null.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["value", "count"],
          properties: {
            value: {
              description: "The distinct valid values, strictly ascending.",
              type: "array",
              items: { description: "One distinct value.", type: "number" }
            },
            count: {
              description: "Occurrences of value[i] at index i (same length as value).",
              type: "array",
              items: { description: "Occurrences of one value.", type: "integer", minimum: 1 }
            }
          }
        }
      }
    },
    kll: {
      description: "KLL quantile sketch (Karnin, Lang, Liberty 2016) of the valid values: about 3k numbers whatever the row count; normalized rank error about 1.65 % at 99 % confidence for k = 200; deterministic for a given seed and input order.",
      type: "object",
      additionalProperties: false,
      required: ["k", "n", "min", "max", "seed", "state", "levels"],
      properties: {
        k: { description: "Accuracy parameter.", type: "integer", minimum: 8 },
        n: { $ref: "#/$defs/count", description: "Values summarised; equals the sum over levels h of 2^h \xD7 the level's item count." },
        min: { description: "Exact smallest value; null when empty.", type: ["number", "null"] },
        max: { description: "Exact largest value; null when empty.", type: ["number", "null"] },
        seed: { description: "Seed the compaction coin started from.", type: "integer" },
        state: {
          description: "The coin's PRNG state (uint32), so compaction continues deterministically.",
          type: "integer",
          minimum: 0,
          maximum: 4294967295
        },
        levels: {
          description: "levels[h] holds retained values of weight 2^h, unsorted.",
          type: "array",
          maxItems: 64,
          items: {
            description: "One level's values.",
            type: "array",
            items: { description: "A retained value.", type: "number" }
          }
        }
      }
    },
    categorical: {
      description: 'Profile of a string, categorical or boolean column (booleans counted as "true"/"false").',
      type: "object",
      additionalProperties: false,
      required: ["kind", "type", "roles", "count", "nulls", "invalid", "valid", "distinct", "capped", "counts", "other_count", "length"],
      properties: {
        kind: { description: "Categorical profile.", const: "categorical" },
        type: { $ref: "#/$defs/type", description: "The contract's column type: string, categorical or boolean." },
        roles: { $ref: "#/$defs/roles", description: "The column's roles in the contract." },
        count: { $ref: "#/$defs/count", description: "Rows seen (null, invalid and valid)." },
        nulls: { $ref: "#/$defs/count", description: "Null (missing) values, including a column absent from a file." },
        invalid: {
          $ref: "#/$defs/count",
          description: "Non-null values that do not coerce to the column's type (for booleans: not a true/false text)."
        },
        valid: { $ref: "#/$defs/count", description: "Values that coerce: count \u2212 nulls \u2212 invalid." },
        distinct: { $ref: "#/$defs/count", description: "Distinct valid values: exact unless capped, then a lower bound." },
        capped: {
          description: "More than category_cap distinct values were seen; counts then holds the first (or, after a merge, the most frequent) category_cap of them.",
          type: "boolean"
        },
        counts: {
          description: "Every counted value with its count, by count descending then value ascending (code-unit order). All are kept up to category_cap so profiles merge exactly; settings.top_k only says how many a report shows.",
          type: "array",
          items: {
            description: "One value and how often it occurs.",
            type: "object",
            additionalProperties: false,
            required: ["value", "count"],
            properties: {
              value: { description: "The value as text.", type: "string" },
              count: { description: "Occurrences.", type: "integer", minimum: 1 }
            }
          }
        },
        other_count: { $ref: "#/$defs/count", description: "Valid values not in counts (non-zero only when capped)." },
        length: {
          description: "Length in Unicode code points of the valid values; null for boolean columns or when none is valid.",
          type: ["object", "null"],
          additionalProperties: false,
          required: ["min", "max", "sum", "mean"],
          properties: {
            min: { $ref: "#/$defs/count", description: "Shortest length." },
            max: { $ref: "#/$defs/count", description: "Longest length." },
            sum: { $ref: "#/$defs/count", description: "Total length (kept so the mean merges exactly)." },
            mean: { description: "Mean length.", type: "number", minimum: 0 }
          }
        }
      }
    }
  }
};

// src/data/profile/profile-merge.ts
var HINT_SAME_EDGES = "profile every shard with `--bins-from` the same profile (e.g. one shard's profile) so their histograms share edges";
function describeEdges(column) {
  if (column.kind !== "numeric") return "none";
  return column.histogram === null ? "none" : `[${column.histogram.edges.join(", ")}]`;
}
function assertMergeable(a, b) {
  if (a.schema_hash !== b.schema_hash) {
    throw new UserError(
      `cannot merge profiles of different schemas (schema hash ${a.schema_hash.slice(0, 12)}\u2026 vs ${b.schema_hash.slice(0, 12)}\u2026)`,
      {
        pointer: "/schema_hash",
        hint: "profile every shard with the same data contract (same column names and types)"
      }
    );
  }
  if (a.settings.sketch_k !== b.settings.sketch_k) {
    throw new UserError(`cannot merge profiles made with different sketch sizes (k ${a.settings.sketch_k} vs ${b.settings.sketch_k})`, {
      pointer: "/settings/sketch_k",
      hint: "profile every shard with the same settings (use --bins-from the same profile, which also copies its settings)"
    });
  }
  for (const name of /* @__PURE__ */ new Set([...Object.keys(a.redacted ?? {}), ...Object.keys(b.redacted ?? {})])) {
    const keyA = a.redacted?.[name];
    const keyB = b.redacted?.[name];
    if (keyA !== keyB && a.columns[name]?.kind === "categorical") {
      const say = (key) => key === void 0 ? "shown" : key === null ? "dropped (no key)" : `key ${key}`;
      throw new UserError(`cannot merge profiles: the values of column "${name}" are redacted differently (${say(keyA)} vs ${say(keyB)})`, {
        pointer: toPointer(["redacted", name]),
        hint: "profile every shard with the same MODELSHIP_REDACTION_KEY (docs/privacy.md#redaction)"
      });
    }
  }
  for (const [name, column] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (other === void 0 || other.kind !== column.kind || other.type !== column.type) {
      throw new UserError(`cannot merge profiles: column "${name}" differs in kind or type`, {
        pointer: toPointer(["columns", name]),
        hint: "profile every shard with the same data contract"
      });
    }
    const redacted = a.redacted?.[name] !== void 0 || b.redacted?.[name] !== void 0;
    if (column.kind === "numeric" && other.kind === "numeric" && !redacted && !sameEdges(column.histogram?.edges, other.histogram?.edges)) {
      throw new UserError(
        `cannot merge profiles: the histograms of column "${name}" have different edges (${describeEdges(column)} vs ${describeEdges(other)})`,
        {
          pointer: toPointer(["columns", name, "histogram", "edges"]),
          hint: HINT_SAME_EDGES
        }
      );
    }
  }
}
function mergeAgreement(a, b) {
  if (a === void 0 || b === void 0 || a.target !== b.target || a.prediction !== b.prediction) return void 0;
  return { target: a.target, prediction: a.prediction, rows: a.rows + b.rows, agree: a.agree + b.agree };
}
function mergeRedacted(a, b) {
  const both = { ...b.redacted, ...a.redacted };
  return Object.fromEntries(
    Object.keys(both).sort().map((name) => [name, both[name]])
  );
}
function mergeProfiles(a, b) {
  assertMergeable(a, b);
  const cap = Math.min(a.settings.category_cap, b.settings.category_cap);
  const capsA = { categoryCap: a.settings.category_cap, exactCap: exactCapOf(a.settings) };
  const capsB = { categoryCap: b.settings.category_cap, exactCap: exactCapOf(b.settings) };
  const columns = {};
  const redacted = a.redacted === void 0 && b.redacted === void 0 ? void 0 : mergeRedacted(a, b);
  for (const [name, column] of Object.entries(a.columns)) {
    const side = b.columns[name];
    if (redacted?.[name] !== void 0 && column.kind === "numeric" && side.kind === "numeric") {
      const counts = { count: column.count + side.count, nulls: column.nulls + side.nulls, invalid: column.invalid + side.invalid };
      columns[name] = withoutValues({ ...column, ...counts, valid: counts.count - counts.nulls - counts.invalid }, a.settings);
      continue;
    }
    const merged = columnStatsFromJSON(column, capsA);
    const other = columnStatsFromJSON(b.columns[name], capsB);
    if (merged.kind === "numeric" && other.kind === "numeric") merged.merge(other);
    else if (merged.kind === "categorical" && other.kind === "categorical") merged.merge(other);
    if (merged.kind === "numeric" && !(Number.isFinite(merged.sum) && Number.isFinite(merged.m2))) {
      throw new UserError(`cannot merge profiles: the sum or M2 of column "${name}" overflows a 64-bit float`, {
        pointer: toPointer(["columns", name, "sum"]),
        hint: "rescale the column (e.g. to other units) before profiling"
      });
    }
    columns[name] = merged.toJSON();
  }
  const agreement = mergeAgreement(a.agreement, b.agreement);
  const profile = {
    schema: a.schema,
    tool: { ...a.tool },
    // The later of the two, so merging stays a pure function of its inputs.
    created: a.created >= b.created ? a.created : b.created,
    contract: { ...a.contract },
    schema_hash: a.schema_hash,
    datasets: [...a.datasets, ...b.datasets].map((dataset) => ({ ...dataset })),
    rows: a.rows + b.rows,
    settings: { ...a.settings, category_cap: cap, exact_cap: Math.min(capsA.exactCap, capsB.exactCap) },
    ...agreement === void 0 ? {} : { agreement },
    ...redacted === void 0 ? {} : { redacted },
    columns
  };
  assertWritable(reference_profile_schema_default, profile, "merged reference profile");
  return profile;
}

// src/data/profile/profile-read.ts
import { readFile } from "node:fs/promises";
var WHAT = "reference profile";
var HINT_REMAKE = "the file is damaged or was edited by hand: make it again with `modelship profile`";
async function readText(path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT")
      throw new UserError(`${WHAT} not found`, {
        file: path,
        hint: "check the path, or make one with `modelship profile DATA --contract FILE`"
      });
    if (code === "EISDIR") throw new UserError(`${WHAT} is a directory, not a file`, { file: path });
    throw new UserError(`cannot read ${WHAT}: ${code ?? getErrorMessage(error)}`, { file: path, cause: error });
  }
}
function assertAgreementConsistent(profile, file) {
  const agreement = profile.agreement;
  if (agreement === void 0) return;
  const fail = (problem, token) => {
    throw new UserError(`${WHAT} is inconsistent: agreement: ${problem}`, {
      file,
      pointer: toPointer(["agreement", token]),
      hint: HINT_REMAKE
    });
  };
  for (const side of ["target", "prediction"]) {
    const column = profile.columns[agreement[side]];
    if (column === void 0) fail(`${side} "${agreement[side]}" is not a column of the profile`, side);
    else if (agreement.rows > column.valid)
      fail(
        `${agreement.rows} rows with both values valid, more than the ${column.valid} valid values of ${side} "${agreement[side]}"`,
        "rows"
      );
  }
  if (agreement.agree > agreement.rows) fail(`agree (${agreement.agree}) exceeds rows (${agreement.rows})`, "agree");
}
function assertConsistent(profile, file) {
  assertAgreementConsistent(profile, file);
  for (const [name, column] of Object.entries(profile.columns)) {
    const fail = (problem, tokens) => {
      throw new UserError(`${WHAT} is inconsistent: column "${name}": ${problem}`, {
        file,
        pointer: toPointer(["columns", name, ...tokens]),
        hint: HINT_REMAKE
      });
    };
    if (column.valid !== column.count - column.nulls - column.invalid) fail("valid is not count \u2212 nulls \u2212 invalid", ["valid"]);
    if (column.kind !== "numeric") {
      const counted = column.counts.reduce((sum, entry) => sum + entry.count, 0) + column.other_count;
      if (counted !== column.valid) fail(`category counts add up to ${counted}, not to the ${column.valid} valid values`, ["counts"]);
      continue;
    }
    try {
      KllSketch.fromJSON(column.sketch);
    } catch (error) {
      fail(getErrorMessage(error), ["sketch"]);
    }
    const stripped = profile.redacted?.[name] !== void 0 && column.sketch.n === 0;
    if (column.sketch.n !== column.valid && !stripped)
      fail(`the sketch holds ${column.sketch.n} values, not the ${column.valid} valid ones`, ["sketch", "n"]);
    if (column.values !== void 0 && column.values !== null)
      assertValuesConsistent(column.values, column, exactCapOf(profile.settings), fail);
    if (column.histogram === null) continue;
    try {
      Histogram.fromJSON(column.histogram);
    } catch (error) {
      fail(getErrorMessage(error), ["histogram"]);
    }
  }
}
function assertValuesConsistent(values, column, cap, fail) {
  const { value, count } = values;
  if (count.length !== value.length) fail(`values has ${value.length} values but ${count.length} counts`, ["values", "count"]);
  if (value.length > cap) fail(`values holds ${value.length} distinct values, more than the profile's exact_cap of ${cap}`, ["values"]);
  for (let i = 1; i < value.length; i++)
    if (!(value[i - 1] < value[i])) fail("values are not strictly ascending", ["values", "value", String(i)]);
  const counted = count.reduce((sum, n) => sum + n, 0);
  if (counted !== column.valid) fail(`value counts add up to ${counted}, not to the ${column.valid} valid values`, ["values", "count"]);
  if (value.length > 0 && (value[0] !== column.min || value.at(-1) !== column.max))
    fail("values do not run from min to max", ["values", "value"]);
}
async function readProfile(path) {
  const text = await readText(path);
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${WHAT} is not valid JSON: ${getErrorMessage(error)}`, {
      file: path,
      ...jsonErrorPosition(error),
      hint: HINT_REMAKE
    });
  }
  let profile;
  try {
    profile = assertValid(reference_profile_schema_default, data, { file: path, what: WHAT });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    let source;
    try {
      source = parseYamlSource(text, path);
    } catch {
      throw error;
    }
    assertValid(reference_profile_schema_default, data, { file: path, what: WHAT, source });
    throw error;
  }
  assertConsistent(profile, path);
  return profile;
}

// src/data/profile/profile-fast.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var CHUNK_BYTES = 1024 * 1024;
function fastPassRefusal(contract, paths, read) {
  if (process.env.MODELSHIP_FAST_CSV === "0") return "MODELSHIP_FAST_CSV=0";
  for (const column of contract.columns) {
    if (column.type === "date" || column.type === "datetime") return `column "${column.name}" is a ${column.type}`;
    if (isNumericType(column.type) && Object.keys(column.aliases).length > 0) return `numeric column "${column.name}" has aliases`;
  }
  for (const path of paths) {
    if ((read.format ?? formatFromName(path)) !== "csv") return `${path} is not CSV`;
  }
  return void 0;
}
function threadsFor(columns) {
  return Math.max(1, Math.min(threadCount(), columns, availableParallelism() * 4));
}
async function fastProfilePass(options) {
  const { contract, builder } = options;
  const dialect = csvDialect(options.paths[0] ?? "", options.read);
  const files = [];
  for (const path of options.paths) {
    const header = await readCsvHeader(path, options.read);
    const own = csvDialect(path, options.read);
    if (header.gzip || own.delimiter !== dialect.delimiter) return void 0;
    const binding = builder.bind({ path, columns: header.columns, headerLine: header.headerLine });
    files.push({ path, indices: [...binding.indices] });
  }
  const columns = contract.columns.map((column, index) => {
    const edges = options.edges?.get(column.name);
    return {
      index,
      type: column.type,
      roles: [...column.roles],
      aliases: { ...column.aliases },
      trueValues: [...column.trueValues],
      falseValues: [...column.falseValues],
      ...options.edges === void 0 ? {} : { edges: edges === void 0 || edges === null ? null : [...edges] }
    };
  });
  const pair = agreementColumns(contract.columns);
  const threads = options.threads ?? threadsFor(columns.length);
  const taskFor = (group, hash) => {
    const local = (c) => group.indexOf(c);
    return {
      files: files.map((file) => ({ path: file.path, indices: group.map((c) => file.indices[c]) })),
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      trim: options.read.trim ?? false,
      nullMarkers: options.read.nullMarkers ?? [""],
      maxFieldBytes: dialect.maxFieldBytes,
      chunkBytes: options.read.chunkBytes ?? CHUNK_BYTES,
      columns: group.map((c) => columns[c]),
      settings: options.settings,
      twoPass: options.edges === void 0,
      ...pair !== void 0 && local(pair.target) >= 0 ? { agreement: { target: local(pair.target), prediction: local(pair.prediction) } } : {},
      hash
    };
  };
  const pipelined = options.edges !== void 0 && threads > 1 && columns.some((column) => isNumericType(column.type));
  const tasks = pipelined ? [taskFor([...columns.keys()], true)] : dealColumns(contract, threads, pair).map((group, t) => taskFor(group, t === 0));
  const results = pipelined ? [await runPipelined(tasks[0], threads - 1)] : await runTasks(tasks);
  const bad = results.find((result) => !result.ok);
  if (bad !== void 0) return options.replay();
  const ok = results;
  const first = ok[0];
  if (first.changed !== void 0) builder.fileChanged(first.changed);
  tasks.forEach((task, t) => {
    const result = ok[t];
    task.columns.forEach((column, i) => {
      builder.adoptColumn(column.index, result.columns[i], result.firstInvalid[i]);
    });
    if (result.agreement !== void 0) builder.adoptAgreement(result.agreement);
  });
  builder.adoptRows(first.rows.reduce((sum, n) => sum + n, 0));
  return { rows: first.rows, digests: first.digests ?? [] };
}
function workerUrl() {
  if (import.meta.url.endsWith(".ts")) return new URL("./profile-worker.ts", import.meta.url);
  for (const candidate of ["./profile-worker.js", "../profile-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return void 0;
}
function dealColumns(contract, threads, pair) {
  const groups = Array.from({ length: threads }, () => []);
  const load = new Array(threads).fill(0);
  const placed = /* @__PURE__ */ new Set();
  const cost = (c) => isNumericType(contract.columns[c].type) ? 3 : 1;
  const order = [...contract.columns.keys()].sort((a, b) => cost(b) - cost(a) || a - b);
  for (const c of order) {
    if (placed.has(c)) continue;
    const together = pair !== void 0 && (c === pair.target || c === pair.prediction) ? [pair.target, pair.prediction] : [c];
    let best = 0;
    for (let t = 1; t < threads; t++) if (load[t] < load[best] + (best === 0 ? 1 : 0)) best = t;
    for (const member of together) {
      groups[best].push(member);
      placed.add(member);
      load[best] += cost(member);
    }
  }
  return groups.filter((group, t) => group.length > 0 || t === 0);
}
var SCAN_COST = 0.3;
var NUMERIC_COST = 2.5;
var HASH_COST = 0.1;
function shareNumeric(task, workers) {
  const width = task.columns.length;
  const numeric = [...task.columns.keys()].filter((c) => isNumericType(task.columns[c].type));
  const paired = (c) => task.agreement !== void 0 && (c === task.agreement.target || c === task.agreement.prediction);
  const groups = Array.from({ length: Math.max(1, Math.min(workers, numeric.length)) }, () => []);
  let own = SCAN_COST * width + (width - numeric.length);
  const loads = groups.map((_, w) => w === 0 ? HASH_COST * width : 0);
  for (const c of numeric) {
    let best = 0;
    for (let w = 1; w < loads.length; w++) if (loads[w] < loads[best]) best = w;
    if (paired(c) || own < loads[best]) own += NUMERIC_COST;
    else {
      groups[best].push(c);
      loads[best] += NUMERIC_COST;
    }
  }
  return groups;
}
var SLOT_BYTES = 2 * 1024 * 1024;
var IN_FLIGHT = 4;
async function runPipelined(task, workers) {
  const url = workerUrl();
  if (url === void 0) return runColumnsPass(task);
  const groups = shareNumeric(task, workers);
  const paired = (c) => task.agreement !== void 0 && (c === task.agreement.target || c === task.agreement.prediction);
  let failure;
  let wake;
  const fail = (error) => {
    failure ??= error;
    wake?.();
  };
  const free = [];
  const takeSlot = (bytes) => {
    const i = free.findIndex((slot) => slot.byteLength >= bytes);
    return i >= 0 ? free.splice(i, 1)[0] : new SharedArrayBuffer(Math.max(bytes, SLOT_BYTES));
  };
  const feeds = groups.map((group, w) => {
    const data = {
      kind: "numeric",
      columns: group.map((c) => task.columns[c]),
      settings: task.settings,
      nullMarkers: task.nullMarkers,
      quote: task.quote,
      // The first worker hashes the files (this thread has the scan to do).
      ...w === 0 ? { hash: task.files.map((file) => file.path) } : {}
    };
    const worker = new Worker(url, { workerData: data });
    const feed = {
      worker,
      group,
      spanned: group.flatMap((c, local) => paired(c) ? [] : [{ c, local }]),
      outbox: [],
      spans: [],
      // The shared slots of the spans not posted yet, and of each posted message not acknowledged yet (oldest first).
      slots: [],
      posted: [],
      inFlight: 0,
      reply: void 0
    };
    worker.on("message", (reply) => {
      if ("ack" in reply) {
        feed.inFlight--;
        free.push(...feed.posted.shift() ?? []);
      } else feed.reply = reply;
      wake?.();
    });
    worker.once("error", fail);
    worker.once("exit", (code) => {
      if (feed.reply === void 0) fail(new Error(`a profiling worker exited with code ${code} before posting its result`));
    });
    return feed;
  });
  const post = () => {
    for (const feed of feeds) {
      if (feed.outbox.length === 0 && feed.spans.length === 0 && feed.group.length > 0) continue;
      const transfer = feed.outbox.map((batch) => batch.values.buffer);
      feed.posted.push(feed.slots);
      feed.slots = [];
      feed.worker.postMessage({ batches: feed.outbox, spans: feed.spans }, transfer);
      feed.inFlight++;
      feed.outbox = [];
      feed.spans = [];
    }
  };
  const forward = (batch, file) => {
    const rows = batch.rows;
    for (const feed of feeds) {
      if (feed.spanned.length === 0) continue;
      let lo = Infinity;
      let hi = 0;
      for (const { c } of feed.spanned) {
        const index = file.indices[c];
        if (index < 0) continue;
        const at = index * BATCH;
        lo = Math.min(lo, batch.start[at]);
        hi = Math.max(hi, batch.end[at + rows - 1]);
      }
      if (lo > hi) lo = hi = 0;
      const width = feed.spanned.length;
      const linesAt = hi - lo + 7 & ~7;
      const startAt = linesAt + 4 * rows;
      const endAt = startAt + 4 * width * rows;
      const doubledAt = endAt + 4 * width * rows;
      const slot = takeSlot(doubledAt + width * rows);
      feed.slots.push(slot);
      const buf = new Uint8Array(slot, 0, hi - lo);
      buf.set(batch.buf.subarray(lo, hi));
      const lines = new Int32Array(slot, linesAt, rows);
      lines.set(batch.lines.subarray(0, rows));
      const start = new Int32Array(slot, startAt, width * rows);
      const end = new Int32Array(slot, endAt, width * rows);
      const doubled = new Uint8Array(slot, doubledAt, width * rows);
      const columns = feed.spanned.map(({ c, local }, k) => {
        const index = file.indices[c];
        if (index >= 0) {
          const at = index * BATCH;
          const to = k * rows;
          for (let r = 0; r < rows; r++) {
            start[to + r] = batch.start[at + r] - lo;
            end[to + r] = batch.end[at + r] - lo;
          }
          doubled.set(batch.doubled.subarray(at, at + rows), to);
        }
        return { column: local, absent: index < 0 };
      });
      feed.spans.push({
        path: file.path,
        ascii: batch.ascii,
        rows,
        buf,
        lines,
        start,
        end,
        doubled,
        columns
      });
    }
  };
  const until = async (done) => {
    while (!done()) {
      if (failure !== void 0) throw failure;
      await new Promise((resolve) => {
        wake = resolve;
      });
      wake = void 0;
    }
    if (failure !== void 0) throw failure;
  };
  const sinks = task.columns.map(() => void 0);
  const forwarded = task.columns.map(() => false);
  for (const feed of feeds) {
    feed.group.forEach((c, local) => {
      if (!paired(c)) {
        forwarded[c] = true;
        return;
      }
      sinks[c] = (values, counts) => {
        feed.outbox.push({ column: local, values, ...counts });
      };
    });
  }
  try {
    const result = await runColumnsPass(
      { ...task, hash: false },
      {
        sinks,
        forwarded,
        forward,
        throttle: async () => {
          post();
          await until(() => feeds.every((feed) => feed.inFlight <= IN_FLIGHT));
        }
      }
    );
    if (!result.ok) return result;
    post();
    for (const feed of feeds) feed.worker.postMessage({ done: true });
    await until(() => feeds.every((feed) => feed.reply !== void 0));
    const bad = feeds.find((feed) => feed.reply.bad !== void 0);
    if (bad !== void 0) return { ok: false, reason: bad.reply.bad };
    const columns = [...result.columns];
    const firstInvalid = [...result.firstInvalid];
    for (const feed of feeds) {
      feed.group.forEach((c, local) => {
        columns[c] = feed.reply.columns[local];
        if (forwarded[c]) firstInvalid[c] = feed.reply.firstInvalid[local];
      });
    }
    return { ...result, columns, firstInvalid, digests: feeds[0].reply.digests ?? [] };
  } finally {
    await Promise.all(feeds.map((feed) => feed.worker.terminate()));
  }
}
async function runTasks(tasks) {
  const [own, ...others] = tasks;
  const url = others.length === 0 ? void 0 : workerUrl();
  if (url === void 0) {
    const results = [];
    for (const task of tasks) results.push(await runColumnsPass(task));
    return results;
  }
  const workers = [];
  try {
    const pending = Promise.all(
      others.map(
        (task) => new Promise((resolve, reject) => {
          const worker = new Worker(url, { workerData: task });
          workers.push(worker);
          worker.once("message", (result) => {
            resolve(result);
          });
          worker.once("error", reject);
          worker.once("exit", (code) => {
            reject(new Error(`a profiling worker exited with code ${code} before posting its result`));
          });
        })
      )
    );
    pending.catch(() => void 0);
    const mine = await runColumnsPass(own);
    return [mine, ...await pending];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

// src/data/profile/profile-sources.ts
function positiveInteger(value, name, minimum) {
  if (value === void 0) return void 0;
  if (!Number.isInteger(value) || value < minimum)
    throw new UserError(`${name} must be an integer \u2265 ${minimum}, got ${value}`, {
      hint: `set ${name} to a whole number of at least ${minimum}`
    });
  return value;
}
function resolveSettings(options) {
  const base = options.binsFrom?.settings;
  return {
    bins: base?.bins ?? positiveInteger(options.bins, "bins", 1) ?? PROFILE_DEFAULTS.bins,
    top_k: positiveInteger(options.topK, "top_k", 1) ?? base?.top_k ?? PROFILE_DEFAULTS.topK,
    category_cap: positiveInteger(options.categoryCap, "category_cap", 1) ?? base?.category_cap ?? PROFILE_DEFAULTS.categoryCap,
    exact_cap: positiveInteger(options.exactCap, "exact_cap", 0) ?? base?.exact_cap ?? PROFILE_DEFAULTS.exactCap,
    sketch_k: positiveInteger(options.sketchK, "sketch_k", 8) ?? base?.sketch_k ?? PROFILE_DEFAULTS.sketchK,
    seed: options.seed ?? base?.seed ?? PROFILE_DEFAULTS.seed
  };
}
function edgesFrom(binsFrom, contract, source = {
  what: "the profile given for --bins-from",
  hint: "take the edges from a profile of data with the same contract, or leave out --bins-from"
}) {
  if (binsFrom.schema_hash !== schemaHash(contract.columns)) {
    throw new UserError(
      `${source.what} was made from another schema (contract ${binsFrom.contract.path}): its column names or types differ from ${contract.file}`,
      { hint: source.hint }
    );
  }
  const edges = /* @__PURE__ */ new Map();
  for (const column of contract.columns) {
    if (!isNumericType(column.type)) continue;
    const profiled = binsFrom.columns[column.name];
    edges.set(column.name, profiled?.kind === "numeric" && profiled.histogram !== null ? profiled.histogram.edges : null);
  }
  return edges;
}
async function readPass(source, each) {
  let rows = 0;
  for await (const batch of source.batches()) {
    rows += batch.length;
    each(batch);
  }
  const digest = source.digest();
  if (digest === void 0) throw new Error(`reader for ${source.path} gave no digest after a full read`);
  return { rows, ...digest };
}
async function profileSources(options) {
  const { contract, logger } = options;
  if (options.paths.length === 0) throw new UserError("no data files to profile", { hint: "give at least one data file" });
  const settings = resolveSettings(options);
  const edges = options.binsFrom === void 0 ? void 0 : edgesFrom(options.binsFrom, contract, options.binsFromSource);
  const builder = new ProfileBuilder({ contract, settings, edges });
  const fast = await tryFastPass(options, settings, edges, builder);
  const datasets = fast ?? await streamPasses(options, builder);
  const profile = builder.finish({ toolVersion: options.toolVersion, created: (options.created ?? /* @__PURE__ */ new Date()).toISOString(), datasets });
  const redactor = options.redactor ?? redactorFor(contract);
  for (const [name, column] of Object.entries(profile.columns))
    if (column.kind === "categorical")
      redactor.scan(
        name,
        column.counts.map((entry) => entry.value)
      );
  for (const { column, invalid, first } of builder.invalidSummary()) {
    const shown = redactor.value(column, first.value);
    logger.warning(`column "${column}": ${invalid} value(s) do not match its type and are counted as invalid, the first "${shown}"`, {
      title: `modelship: ${column}`,
      file: first.path,
      startLine: first.line > 0 ? first.line : void 0
    });
  }
  assertWritable(reference_profile_schema_default, profile, "reference profile");
  return profile;
}
async function tryFastPass(options, settings, edges, builder) {
  const { contract, logger } = options;
  if (options.read === void 0) return void 0;
  const refusal = fastPassRefusal(contract, options.paths, options.read);
  if (refusal !== void 0) {
    logger.debug(`profile: reading through the streaming readers (${refusal})`);
    return void 0;
  }
  const fast = await fastProfilePass({
    contract,
    paths: options.paths,
    read: options.read,
    settings,
    edges,
    builder,
    // Bad input: the readers say exactly what and where, so the files are streamed through them.
    replay: async () => {
      await streamPasses(options, new ProfileBuilder({ contract, settings, edges }));
      throw new Error("the fast CSV pass rejected input that the readers accept");
    }
  });
  if (fast === void 0) {
    logger.debug("profile: reading through the streaming readers (gzip)");
    return void 0;
  }
  logger.debug(`profile: fast CSV pass, ${fast.rows.reduce((a, b) => a + b, 0)} rows`);
  return options.paths.map((path, i) => ({ path, sha256: fast.digests[i].sha256, bytes: fast.digests[i].bytes, rows: fast.rows[i] }));
}
async function streamPasses(options, builder) {
  const { logger } = options;
  const datasets = [];
  for (const path of options.paths) {
    const source = await options.open(path);
    const binding = builder.bind(source);
    const read = await readPass(source, (batch) => {
      builder.add(batch, binding);
    });
    datasets.push({ path, sha256: read.sha256, bytes: read.bytes, rows: read.rows });
    logger.debug(`profile pass 1: ${path}: ${read.rows} rows`);
  }
  if (builder.needsSecondPass) {
    builder.freezeEdges();
    for (const dataset of datasets) {
      const source = await options.open(dataset.path);
      const binding = builder.bind(source);
      const read = await readPass(source, (batch) => {
        builder.addToHistograms(batch, binding);
      });
      if (read.sha256 !== dataset.sha256) {
        throw new UserError("the data file changed while it was being profiled", {
          file: dataset.path,
          hint: "profile a file that nothing else is writing to"
        });
      }
      logger.debug(`profile pass 2 (histograms): ${dataset.path}`);
    }
  }
  return datasets;
}

// src/data/profile/profile-data.ts
async function profileData(options) {
  const read = readOptionsFor(options.contract);
  const redactor = options.redactor ?? redactorFor(options.contract);
  const profile = await profileSources({ ...options, open: (path) => openTable(path, read), read, redactor });
  return redactProfile(profile, redactor);
}

export {
  mergeProfiles,
  readProfile,
  profileData
};
