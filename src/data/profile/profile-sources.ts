/**
 * Profiles tables streamed from any opener: pass 1 gathers every statistic and a quantile sketch
 * per numeric column, the histogram edges are frozen from the sketches, and pass 2 counts the
 * histograms exactly. With the edges of an existing profile (`binsFrom`) one pass does it all, and
 * shards profiled that way merge exactly.
 */
import { UserError } from "../../common/errors.ts";
import type { Logger } from "../../common/logger.ts";
import { assertWritable } from "../../common/schema-validation.ts";
import type { DataContract } from "../contract/contract-types.ts";
import { ProfileBuilder, schemaHash, type ColumnBinding } from "./profile-builder.ts";
import { isNumericType } from "./profile-column.ts";
import { PROFILE_DEFAULTS, type ProfiledDataset, type ProfileSettings, type ReferenceProfile } from "./profile-types.ts";
import type { ReadOptions, RecordBatch, TableSource } from "../readers/table.ts";
import { fastPassRefusal, fastProfilePass } from "./profile-fast.ts";
import { redactorFor, type Redactor } from "../pii/redact.ts";
import schema from "../../../schemas/reference-profile.schema.json" with { type: "json" };

/** What a profile is made from and how. */
export interface ProfileOptions {
  contract: DataContract;
  paths: string[];
  /** Reuse this profile's histogram edges (and, unless given here, its settings): one pass, and mergeable shards. */
  binsFrom?: ReferenceProfile;
  /** How errors name `binsFrom` and what they suggest; default the `--bins-from` flag of `modelship profile`. */
  binsFromSource?: { what: string; hint: string };
  /** Bins per numeric column when edges come from the data; default 10 (deciles). */
  bins?: number;
  /** Categories a report shows per column; default 50. */
  topK?: number;
  /** Distinct values counted exactly per column; default 10,000. */
  categoryCap?: number;
  /** Distinct values per numeric column whose counts are kept exactly (null past it); 0 keeps none; default 10,000. */
  exactCap?: number;
  /** KLL sketch k; default 200. */
  sketchK?: number;
  /** Seed of the sketches' compaction coin; default 1. */
  seed?: number;
  logger: Logger;
  toolVersion: string;
  /** The profile's creation time; default now. */
  created?: Date;
}

export interface ProfileSourcesOptions extends ProfileOptions {
  /** Opens one path for one full read; called once per pass. */
  open: (path: string) => Promise<TableSource>;
  /** How `open` reads the files: given, plain CSV files take the fast pass (profile-fast.ts) where it applies. */
  read?: ReadOptions;
  /** Hides values in log lines (a warning is an Actions annotation, readable by anyone who can see the run); default the contract's. */
  redactor?: Redactor;
}

function positiveInteger(value: number | undefined, name: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < minimum)
    throw new UserError(`${name} must be an integer ≥ ${minimum}, got ${value}`, {
      hint: `set ${name} to a whole number of at least ${minimum}`,
    });
  return value;
}

/** Explicit options win; then the settings of `binsFrom` (so shards agree); then the defaults. */
function resolveSettings(options: ProfileOptions): Required<ProfileSettings> {
  const base = options.binsFrom?.settings;
  return {
    bins: base?.bins ?? positiveInteger(options.bins, "bins", 1) ?? PROFILE_DEFAULTS.bins,
    top_k: positiveInteger(options.topK, "top_k", 1) ?? base?.top_k ?? PROFILE_DEFAULTS.topK,
    category_cap: positiveInteger(options.categoryCap, "category_cap", 1) ?? base?.category_cap ?? PROFILE_DEFAULTS.categoryCap,
    exact_cap: positiveInteger(options.exactCap, "exact_cap", 0) ?? base?.exact_cap ?? PROFILE_DEFAULTS.exactCap,
    sketch_k: positiveInteger(options.sketchK, "sketch_k", 8) ?? base?.sketch_k ?? PROFILE_DEFAULTS.sketchK,
    seed: options.seed ?? base?.seed ?? PROFILE_DEFAULTS.seed,
  };
}

// Edges per numeric column from `binsFrom`, after checking it profiles the same schema.
function edgesFrom(
  binsFrom: ReferenceProfile,
  contract: DataContract,
  source: { what: string; hint: string } = {
    what: "the profile given for --bins-from",
    hint: "take the edges from a profile of data with the same contract, or leave out --bins-from",
  },
): Map<string, readonly number[] | null> {
  if (binsFrom.schema_hash !== schemaHash(contract.columns)) {
    throw new UserError(
      `${source.what} was made from another schema (contract ${binsFrom.contract.path}): its column names or types differ from ${contract.file}`,
      { hint: source.hint },
    );
  }
  const edges = new Map<string, readonly number[] | null>();
  for (const column of contract.columns) {
    if (!isNumericType(column.type)) continue;
    const profiled = binsFrom.columns[column.name];
    edges.set(column.name, profiled?.kind === "numeric" && profiled.histogram !== null ? profiled.histogram.edges : null);
  }
  return edges;
}

async function readPass(source: TableSource, each: (batch: RecordBatch) => void): Promise<{ rows: number; sha256: string; bytes: number }> {
  let rows = 0;
  for await (const batch of source.batches()) {
    rows += batch.length;
    each(batch);
  }
  const digest = source.digest();
  if (digest === undefined) throw new Error(`reader for ${source.path} gave no digest after a full read`);
  return { rows, ...digest };
}

/** Profiles the tables `open` returns for `paths` (pass 1, frozen edges, pass 2) into a schema-checked profile. */
export async function profileSources(options: ProfileSourcesOptions): Promise<ReferenceProfile> {
  const { contract, logger } = options;
  if (options.paths.length === 0) throw new UserError("no data files to profile", { hint: "give at least one data file" });
  const settings = resolveSettings(options);
  const edges = options.binsFrom === undefined ? undefined : edgesFrom(options.binsFrom, contract, options.binsFromSource);
  const builder = new ProfileBuilder({ contract, settings, edges });
  const fast = await tryFastPass(options, settings, edges, builder);
  const datasets: ProfiledDataset[] = fast ?? (await streamPasses(options, builder));
  const profile = builder.finish({ toolVersion: options.toolVersion, created: (options.created ?? new Date()).toISOString(), datasets });
  // The first invalid value is quoted only as redaction would show it: a column declared pii/redact,
  // or where a detector fires on a kept category or on the value itself, shows its pseudonym.
  const redactor = options.redactor ?? redactorFor(contract);
  for (const [name, column] of Object.entries(profile.columns))
    if (column.kind === "categorical")
      redactor.scan(
        name,
        column.counts.map((entry) => entry.value),
      );
  for (const { column, invalid, first } of builder.invalidSummary()) {
    const shown = redactor.value(column, first.value);
    logger.warning(`column "${column}": ${invalid} value(s) do not match its type and are counted as invalid, the first "${shown}"`, {
      title: `modelship: ${column}`,
      file: first.path,
      startLine: first.line > 0 ? first.line : undefined,
    });
  }
  assertWritable(schema, profile, "reference profile");
  return profile;
}

/** The fast pass over plain CSV (profile-fast.ts) when it applies; undefined (builder untouched) when it does not. */
async function tryFastPass(
  options: ProfileSourcesOptions,
  settings: Required<ProfileSettings>,
  edges: Map<string, readonly number[] | null> | undefined,
  builder: ProfileBuilder,
): Promise<ProfiledDataset[] | undefined> {
  const { contract, logger } = options;
  if (options.read === undefined) return undefined;
  const refusal = fastPassRefusal(contract, options.paths, options.read);
  if (refusal !== undefined) {
    logger.debug(`profile: reading through the streaming readers (${refusal})`);
    return undefined;
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
    },
  });
  if (fast === undefined) {
    logger.debug("profile: reading through the streaming readers (gzip)");
    return undefined;
  }
  logger.debug(`profile: fast CSV pass, ${fast.rows.reduce((a, b) => a + b, 0)} rows`);
  return options.paths.map((path, i) => ({ path, sha256: fast.digests[i]!.sha256, bytes: fast.digests[i]!.bytes, rows: fast.rows[i]! }));
}

/** Pass 1 over every file through the readers, then (edges from the data) pass 2; the datasets read. */
async function streamPasses(options: ProfileSourcesOptions, builder: ProfileBuilder): Promise<ProfiledDataset[]> {
  const { logger } = options;
  const datasets: ProfiledDataset[] = [];
  for (const path of options.paths) {
    const source = await options.open(path);
    const binding: ColumnBinding = builder.bind(source);
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
          hint: "profile a file that nothing else is writing to",
        });
      }
      logger.debug(`profile pass 2 (histograms): ${dataset.path}`);
    }
  }
  return datasets;
}
