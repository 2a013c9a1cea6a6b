/**
 * Builds a reference profile from record batches. Cells are coerced with the same rules as
 * validation (`coerceValue`, after the contract's aliases), so "invalid" means what a failing type
 * check means. Memory is bounded per column (a sketch of about 3k numbers, a histogram, at most
 * `category_cap` category counts or `exact_cap` value counts), whatever the number of rows.
 */
import { createHash } from "node:crypto";
import { checkHeaderDelimiter } from "../readers/sniff-dialect.ts";
import { UserError } from "../../common/errors.ts";
import { aliasMap, applyAlias, coerceValue, showValue, type TypedValue } from "../contract/coerce.ts";
import type { ColumnContract, DataContract } from "../contract/contract-types.ts";
import { detectPii } from "../pii/pii-detectors.ts";
import { CategoryStats, columnStatsFromJSON, isNumericType, NumericStats, type ColumnStats } from "./profile-column.ts";
import {
  REFERENCE_PROFILE_SCHEMA,
  type ColumnProfile,
  type LabelAgreement,
  type ProfiledDataset,
  type ProfileSettings,
  type ReferenceProfile,
} from "./profile-types.ts";
import type { RawValue, RecordBatch } from "../readers/table.ts";

/** sha256 of the sorted column names and types: two profiles compare only when it matches. */
export function schemaHash(columns: readonly { name: string; type: string }[]): string {
  const pairs = columns.map((column) => [column.name, column.type]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(pairs)).digest("hex");
}

export interface ProfileBuilderOptions {
  contract: DataContract;
  /** With `exact_cap` always set (`profileSources` resolves it; only an older profile lacks it). */
  settings: Required<ProfileSettings>;
  /**
   * Frozen histogram edges by column (from an existing profile); histograms are then counted in the
   * same pass and a column with `null` gets none. Without it, edges are frozen from the data by
   * `freezeEdges()` and counted in a second pass (`addToHistograms`).
   */
  edges?: ReadonlyMap<string, readonly number[] | null>;
}

/** Where each contract column sits in one file's columns (-1: absent, read as null). */
export interface ColumnBinding {
  path: string;
  indices: Int32Array;
}

/** What a finished profile says about its inputs. */
export interface ProfileHeader {
  toolVersion: string;
  created: string;
  datasets: ProfiledDataset[];
}

/**
 * The target and prediction columns' indices in the contract, when it has exactly one column with
 * role `target` and exactly one (another) with role `prediction`; otherwise undefined.
 */
export function agreementColumns(columns: readonly ColumnContract[]): { target: number; prediction: number } | undefined {
  const withRole = (role: "target" | "prediction"): number[] => columns.flatMap((column, c) => (column.roles.includes(role) ? [c] : []));
  const targets = withRole("target");
  const predictions = withRole("prediction");
  if (targets.length !== 1 || predictions.length !== 1 || targets[0] === predictions[0]) return undefined;
  return { target: targets[0]!, prediction: predictions[0]! };
}

// Numerals that parse but that no double holds: counting them as merely "invalid" would hide a
// broken export, and no check in a profile can absorb them, so they stop the profile.
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const NUMERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A numeral no double holds (nan, inf, or too large): a profile stops on it rather than count it invalid. */
export function isUnrepresentableNumber(raw: Exclude<RawValue, null>): boolean {
  if (typeof raw === "number") return !Number.isFinite(raw);
  if (typeof raw !== "string") return false;
  return NON_FINITE.test(raw) || (NUMERAL.test(raw) && !Number.isFinite(Number(raw)));
}

/** Accumulates batches into a profile; `finish()` gives the JSON document. */
export class ProfileBuilder {
  readonly #contract: DataContract;
  readonly #settings: Required<ProfileSettings>;
  readonly #stats: ColumnStats[];
  readonly #twoPass: boolean;
  // Per contract column: its aliases as a Map, or undefined when it has none (the common case, kept off the hot path).
  readonly #aliases: (Map<string, string> | undefined)[];
  // Target and prediction column indices with their running agreement counts (see `agreementColumns`).
  readonly #agreement: { target: number; prediction: number; rows: number; agree: number } | undefined;
  // The current batch's coerced target and prediction values (undefined: null or invalid), kept by
  // `add`'s column loop for `#addAgreement`; reused from batch to batch.
  readonly #targetValues: (TypedValue | undefined)[] = [];
  readonly #predictionValues: (TypedValue | undefined)[] = [];
  #rows = 0;
  readonly #invalidLines = new Map<string, { path: string; line: number; value: string }>();

  constructor(options: ProfileBuilderOptions) {
    this.#contract = options.contract;
    this.#settings = options.settings;
    this.#twoPass = options.edges === undefined;
    this.#aliases = options.contract.columns.map(aliasMap);
    const pair = agreementColumns(options.contract.columns);
    this.#agreement = pair === undefined ? undefined : { ...pair, rows: 0, agree: 0 };
    this.#stats = options.contract.columns.map((column) => {
      if (!isNumericType(column.type))
        return new CategoryStats({ type: column.type, roles: column.roles, cap: options.settings.category_cap });
      const edges = options.edges?.get(column.name);
      return new NumericStats({
        type: column.type,
        roles: column.roles,
        sketchK: options.settings.sketch_k,
        seed: options.settings.seed,
        bins: options.settings.bins,
        edges: edges ?? undefined,
        exactCap: options.settings.exact_cap,
      });
    });
  }

  /** Whether histograms need a second pass over the data (edges frozen from this data). */
  get needsSecondPass(): boolean {
    return this.#twoPass && this.#stats.some((stats) => stats.kind === "numeric");
  }

  /** Maps a file's columns to the contract's; a required contract column missing from the file is a UserError. */
  bind(source: { path: string; columns: readonly string[]; headerLine?: number }): ColumnBinding {
    checkHeaderDelimiter(
      { columns: source.columns, file: source.path, line: source.headerLine },
      {
        file: this.#contract.file,
        names: this.#contract.columns.map((column) => column.name),
        delimiter: this.#contract.dialect.delimiter,
      },
    );
    const positions = new Map<string, number>();
    source.columns.forEach((name, index) => {
      if (!positions.has(name)) positions.set(name, index);
    });
    const indices = new Int32Array(this.#contract.columns.length);
    this.#contract.columns.forEach((column, c) => {
      const index = positions.get(column.name);
      if (index === undefined && column.required) {
        throw new UserError(`required column "${column.name}" is not in the data`, {
          file: source.path,
          hint: `add the column, or mark it "required: false" in ${this.#contract.file} (run \`modelship validate\` for every problem at once)`,
        });
      }
      indices[c] = index ?? -1;
    });
    return { path: source.path, indices };
  }

  /** Pass 1 (or the only pass with frozen edges): every statistic of every column. */
  add(batch: RecordBatch, binding: ColumnBinding): void {
    this.#rows += batch.length;
    const agreement = this.#agreement;
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c]!;
      // Where this column's coerced values go for the agreement counts, if it is one of its two columns.
      const kept =
        agreement === undefined
          ? undefined
          : c === agreement.target
            ? this.#targetValues
            : c === agreement.prediction
              ? this.#predictionValues
              : undefined;
      if (kept !== undefined) kept.length = batch.length;
      stats.count += batch.length;
      const values = batch.columns[binding.indices[c]!];
      if (values === undefined) {
        stats.nulls += batch.length;
        kept?.fill(undefined);
        return;
      }
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) {
          stats.nulls++;
          if (kept !== undefined) kept[r] = undefined;
          continue;
        }
        const value = this.#coerce(applyAlias(raw, this.#aliases[c]), column, stats, { batch, row: r, path: binding.path });
        if (kept !== undefined) kept[r] = value;
        if (value === undefined) continue;
        if (stats.kind === "numeric") stats.add(value as number);
        else stats.add(value);
      }
    });
    if (agreement !== undefined) this.#addAgreement(agreement, batch.length);
  }

  // Rows where target and prediction both coerced, and of those, where they are equal as text,
  // from the values the column loop in `add` kept (nulls and invalid values are undefined there).
  #addAgreement(agreement: { rows: number; agree: number }, rows: number): void {
    const targets = this.#targetValues;
    const predictions = this.#predictionValues;
    for (let r = 0; r < rows; r++) {
      const t = targets[r];
      const p = predictions[r];
      if (t === undefined || p === undefined) continue;
      agreement.rows++;
      if (String(t) === String(p)) agreement.agree++;
    }
  }

  /** Freezes histogram edges from pass 1; call once, between the passes. */
  freezeEdges(): void {
    for (const stats of this.#stats) if (stats.kind === "numeric") stats.freeze();
  }

  /** Pass 2: counts the numeric columns into their frozen histograms. */
  addToHistograms(batch: RecordBatch, binding: ColumnBinding): void {
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c]!;
      const values = batch.columns[binding.indices[c]!];
      if (stats.kind !== "numeric" || stats.histogram === undefined || values === undefined) return;
      for (let r = 0; r < batch.length; r++) {
        const raw = values[r] ?? null;
        if (raw === null) continue;
        const coerced = coerceValue(applyAlias(raw, this.#aliases[c]), column.type, column);
        if (coerced.ok) stats.addToHistogram(coerced.value as number);
      }
    });
  }

  /**
   * Takes column `c`'s finished accumulator from the fast pass (profile-fast.ts), which profiled it
   * with this builder's settings and edges, in file order.
   */
  adoptColumn(c: number, json: ColumnProfile, firstInvalid: { path: string; line: number; value: string } | undefined): void {
    this.#stats[c] = columnStatsFromJSON(json, { categoryCap: this.#settings.category_cap, exactCap: this.#settings.exact_cap });
    const name = this.#contract.columns[c]!.name;
    if (firstInvalid !== undefined && !this.#invalidLines.has(name)) this.#invalidLines.set(name, firstInvalid);
  }

  /** The fast pass's target/prediction agreement counts. */
  adoptAgreement(counts: { rows: number; agree: number }): void {
    if (this.#agreement === undefined) return;
    this.#agreement.rows += counts.rows;
    this.#agreement.agree += counts.agree;
  }

  /** The fast pass's row count. */
  adoptRows(rows: number): void {
    this.#rows += rows;
  }

  /** The error for a file whose bytes differ between the two passes. */
  fileChanged(path: string): never {
    throw new UserError("the data file changed while it was being profiled", {
      file: path,
      hint: "profile a file that nothing else is writing to",
    });
  }

  /** Columns with values that did not coerce: name → count and the first such value with its line. */
  invalidSummary(): { column: string; invalid: number; first: { path: string; line: number; value: string } }[] {
    return this.#contract.columns.flatMap((column, c) => {
      const first = this.#invalidLines.get(column.name);
      return first === undefined ? [] : [{ column: column.name, invalid: this.#stats[c]!.invalid, first }];
    });
  }

  /** The profile document (not yet schema-checked; `profileData` does that). */
  finish(header: ProfileHeader): ReferenceProfile {
    const columns: Record<string, ColumnProfile> = {};
    this.#contract.columns.forEach((column, c) => {
      const stats = this.#stats[c]!;
      // Values near the largest double can overflow a sum or M2; JSON cannot hold the Infinity.
      if (stats.kind === "numeric" && !(Number.isFinite(stats.sum) && Number.isFinite(stats.m2))) {
        throw new UserError(
          `column "${column.name}": its values are too large to sum or square in 64-bit floats (largest magnitude ${Math.max(Math.abs(stats.min), Math.abs(stats.max))})`,
          {
            file: this.#contract.file,
            pointer: column.pointer,
            hint: "rescale the column (e.g. to other units) before profiling",
          },
        );
      }
      columns[column.name] = stats.toJSON();
    });
    const agreement: LabelAgreement | undefined =
      this.#agreement === undefined
        ? undefined
        : {
            target: this.#contract.columns[this.#agreement.target]!.name,
            prediction: this.#contract.columns[this.#agreement.prediction]!.name,
            rows: this.#agreement.rows,
            agree: this.#agreement.agree,
          };
    return {
      schema: REFERENCE_PROFILE_SCHEMA,
      tool: { name: "modelship", version: header.toolVersion },
      created: header.created,
      contract: { path: this.#contract.file, sha256: this.#contract.sha256 },
      schema_hash: schemaHash(this.#contract.columns),
      datasets: header.datasets.map((dataset) => ({ ...dataset })),
      rows: this.#rows,
      settings: { ...this.#settings },
      ...(agreement === undefined ? {} : { agreement }),
      columns,
    };
  }

  // The typed value, or undefined after counting an invalid one.
  #coerce(
    value: Exclude<RawValue, null>,
    column: ColumnContract,
    stats: ColumnStats,
    at: { batch: RecordBatch; row: number; path: string },
  ): TypedValue | undefined {
    const coerced = coerceValue(value, column.type, column);
    if (coerced.ok) return coerced.value;
    const line = at.batch.lines[at.row] ?? 0;
    if (column.type === "number" && isUnrepresentableNumber(value)) {
      // A redacted column's value never reaches an error (it is printed, and may be an annotation): the line says where.
      const hidden = column.pii !== undefined || column.redact || detectPii(showValue(value)) !== undefined;
      throw new UserError(
        `column "${column.name}": ${hidden ? "a value" : `"${showValue(value)}"`} ${coerced.reason} (contract ${this.#contract.file}, column ${column.name})`,
        {
          file: at.path,
          line: line > 0 ? line : undefined,
          hint: "a profile needs finite numbers: replace the value, or list its text among the contract's null markers if it means missing",
        },
      );
    }
    stats.invalid++;
    if (!this.#invalidLines.has(column.name)) this.#invalidLines.set(column.name, { path: at.path, line, value: showValue(value) });
    return undefined;
  }
}
