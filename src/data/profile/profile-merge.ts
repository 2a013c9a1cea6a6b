/**
 * Merges reference profiles of shards into the profile of the whole. Counts, extremes, histogram,
 * category and exact value counts add up exactly (value counts while the union stays within the
 * smaller exact_cap); mean and M2 combine by Chan et al.'s formula; sketches merge with the same
 * error bound. Profiles of different contracts, or histograms on different edges, cannot be
 * combined honestly, so they are refused.
 */
import { UserError } from "../../common/errors.ts";
import { assertWritable } from "../../common/schema-validation.ts";
import { toPointer } from "../../common/yaml-source.ts";
import { columnStatsFromJSON } from "./profile-column.ts";
import { sameEdges } from "./profile-histogram.ts";
import { withoutValues } from "../pii/redact-reports.ts";
import { exactCapOf, type ColumnProfile, type LabelAgreement, type ReferenceProfile } from "./profile-types.ts";
import schema from "../../../schemas/reference-profile.schema.json" with { type: "json" };

const HINT_SAME_EDGES =
  "profile every shard with `--bins-from` the same profile (e.g. one shard's profile) so their histograms share edges";

function describeEdges(column: ColumnProfile): string {
  if (column.kind !== "numeric") return "none";
  return column.histogram === null ? "none" : `[${column.histogram.edges.join(", ")}]`;
}

/** Refuses two profiles that cannot merge exactly, saying why and how to fix it. */
function assertMergeable(a: ReferenceProfile, b: ReferenceProfile): void {
  if (a.schema_hash !== b.schema_hash) {
    throw new UserError(
      `cannot merge profiles of different schemas (schema hash ${a.schema_hash.slice(0, 12)}… vs ${b.schema_hash.slice(0, 12)}…)`,
      {
        pointer: "/schema_hash",
        hint: "profile every shard with the same data contract (same column names and types)",
      },
    );
  }
  if (a.settings.sketch_k !== b.settings.sketch_k) {
    throw new UserError(`cannot merge profiles made with different sketch sizes (k ${a.settings.sketch_k} vs ${b.settings.sketch_k})`, {
      pointer: "/settings/sketch_k",
      hint: "profile every shard with the same settings (use --bins-from the same profile, which also copies its settings)",
    });
  }
  for (const name of new Set([...Object.keys(a.redacted ?? {}), ...Object.keys(b.redacted ?? {})])) {
    const keyA = a.redacted?.[name];
    const keyB = b.redacted?.[name];
    if (keyA !== keyB && a.columns[name]?.kind === "categorical") {
      const say = (key: string | null | undefined) => (key === undefined ? "shown" : key === null ? "dropped (no key)" : `key ${key}`);
      throw new UserError(`cannot merge profiles: the values of column "${name}" are redacted differently (${say(keyA)} vs ${say(keyB)})`, {
        pointer: toPointer(["redacted", name]),
        hint: "profile every shard with the same MODELSHIP_REDACTION_KEY (docs/privacy.md#redaction)",
      });
    }
  }
  for (const [name, column] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (other === undefined || other.kind !== column.kind || other.type !== column.type) {
      throw new UserError(`cannot merge profiles: column "${name}" differs in kind or type`, {
        pointer: toPointer(["columns", name]),
        hint: "profile every shard with the same data contract",
      });
    }
    const redacted = a.redacted?.[name] !== undefined || b.redacted?.[name] !== undefined;
    if (column.kind === "numeric" && other.kind === "numeric" && !redacted && !sameEdges(column.histogram?.edges, other.histogram?.edges)) {
      throw new UserError(
        `cannot merge profiles: the histograms of column "${name}" have different edges (${describeEdges(column)} vs ${describeEdges(other)})`,
        {
          pointer: toPointer(["columns", name, "histogram", "edges"]),
          hint: HINT_SAME_EDGES,
        },
      );
    }
  }
}

/**
 * Target/prediction agreement of the union: the sums when both sides counted the same two columns;
 * undefined when either lacks it (an older profile, or a contract without the roles) or they name
 * other columns, since the whole's counts are then unknown.
 */
function mergeAgreement(a: LabelAgreement | undefined, b: LabelAgreement | undefined): LabelAgreement | undefined {
  if (a === undefined || b === undefined || a.target !== b.target || a.prediction !== b.prediction) return undefined;
  return { target: a.target, prediction: a.prediction, rows: a.rows + b.rows, agree: a.agree + b.agree };
}

/** Both sides' redacted columns, sorted by name (numeric ones may differ: neither keeps exact values then). */
function mergeRedacted(a: ReferenceProfile, b: ReferenceProfile): Record<string, string | null> {
  const both = { ...b.redacted, ...a.redacted };
  return Object.fromEntries(
    Object.keys(both)
      .sort()
      .map((name) => [name, both[name]!] as const),
  );
}

/** The profile of the union of two shards' data; refuses (UserError) different schema hashes or histogram edges. */
export function mergeProfiles(a: ReferenceProfile, b: ReferenceProfile): ReferenceProfile {
  assertMergeable(a, b);
  const cap = Math.min(a.settings.category_cap, b.settings.category_cap);
  // A profile without exact_cap (older) kept no values: its cap reads as 0, and so is the merge's.
  const capsA = { categoryCap: a.settings.category_cap, exactCap: exactCapOf(a.settings) };
  const capsB = { categoryCap: b.settings.category_cap, exactCap: exactCapOf(b.settings) };
  const columns: Record<string, ColumnProfile> = {};
  const redacted = a.redacted === undefined && b.redacted === undefined ? undefined : mergeRedacted(a, b);
  for (const [name, column] of Object.entries(a.columns)) {
    const side = b.columns[name]!;
    if (redacted?.[name] !== undefined && column.kind === "numeric" && side.kind === "numeric") {
      // Redacted on either side: counts only, never a sketch, extremes or edges (redact-reports.ts `withoutValues`).
      const counts = { count: column.count + side.count, nulls: column.nulls + side.nulls, invalid: column.invalid + side.invalid };
      columns[name] = withoutValues({ ...column, ...counts, valid: counts.count - counts.nulls - counts.invalid }, a.settings);
      continue;
    }
    const merged = columnStatsFromJSON(column, capsA);
    const other = columnStatsFromJSON(b.columns[name]!, capsB);
    // Kinds were checked equal above; these tests only narrow the types.
    if (merged.kind === "numeric" && other.kind === "numeric") merged.merge(other);
    else if (merged.kind === "categorical" && other.kind === "categorical") merged.merge(other);
    if (merged.kind === "numeric" && !(Number.isFinite(merged.sum) && Number.isFinite(merged.m2))) {
      throw new UserError(`cannot merge profiles: the sum or M2 of column "${name}" overflows a 64-bit float`, {
        pointer: toPointer(["columns", name, "sum"]),
        hint: "rescale the column (e.g. to other units) before profiling",
      });
    }
    columns[name] = merged.toJSON();
  }
  const agreement = mergeAgreement(a.agreement, b.agreement);
  const profile: ReferenceProfile = {
    schema: a.schema,
    tool: { ...a.tool },
    // The later of the two, so merging stays a pure function of its inputs.
    created: a.created >= b.created ? a.created : b.created,
    contract: { ...a.contract },
    schema_hash: a.schema_hash,
    datasets: [...a.datasets, ...b.datasets].map((dataset) => ({ ...dataset })),
    rows: a.rows + b.rows,
    settings: { ...a.settings, category_cap: cap, exact_cap: Math.min(capsA.exactCap, capsB.exactCap) },
    ...(agreement === undefined ? {} : { agreement }),
    ...(redacted === undefined ? {} : { redacted }),
    columns,
  };
  assertWritable(schema, profile, "merged reference profile");
  return profile;
}
