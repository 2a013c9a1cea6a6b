/**
 * Validates one data file against the contract in one streamed pass: the column checks
 * (`ColumnValidator`), then the row-level ones — required and unknown columns, row count,
 * duplicate rows, target class shares, single-value columns. For a training file it keeps what
 * the train/test hygiene checks need (`TrainState`); for a test file it feeds them.
 */
import type { ColumnContract, DataContract, Severity } from "../contract/contract-types.ts";
import { Hash64, HashTable64, TextHashCache } from "./hash-table.ts";
import { MAX_EXACT_DISTINCT, RepeatCounter } from "./repeat-counter.ts";
import type { TrainState, HygieneValidator } from "./validate-hygiene.ts";
import { checkResult, policySeverity, ColumnValidator, Tally, type CanonicalValue, type CheckSpec } from "./validate-column.ts";
import type { TableSource } from "../readers/table.ts";
import { checkHeaderDelimiter } from "../readers/sniff-dialect.ts";
import { ColumnWorkers, FastColumnFeed, isFastCsvSource, mixWords, WorkerBadInput, wordsOf, type ColumnChecks } from "./validate-fast.ts";
import { threadCount } from "../../common/threads.ts";
import { BATCH } from "../readers/csv-columns.ts";
import { formatPercent } from "../../common/markdown.ts";
import type { CheckResult, DatasetSummary } from "./validation-report-types.ts";
import { KAnonymityCounter, kAnonymityMessage } from "./k-anonymity.ts";

/** Target classes counted before the class checks give up (a regression target has thousands). */
export const MAX_CLASSES = 1000;
/** Distinct categories per column kept from train for the unseen-category check. */
export const MAX_TRAIN_CATEGORIES = 10_000;

export interface DatasetValidationOptions {
  contract: DataContract;
  label: string;
  source: TableSource;
  maxExamples: number;
  /** Keep the state the hygiene checks need (this is the training file). */
  keepTrainState?: boolean;
  /** Run the hygiene checks against this training state (this is the test file). */
  hygiene?: HygieneValidator;
}

export interface DatasetValidation {
  summary: DatasetSummary;
  checks: CheckResult[];
  truncated: boolean;
  train?: TrainState;
}

/** Key of a target value for class counting: the canonical value as text. */
export function classKey(value: CanonicalValue): string | undefined {
  return value === null ? undefined : String(value);
}

/** Mixes one canonical value into a hash (texts through the column's cache). */
export function hashValue(hash: Hash64, value: CanonicalValue, cache: TextHashCache): void {
  if (value === null) hash.missing();
  else if (typeof value === "number") hash.number(value);
  else if (typeof value === "boolean") hash.word(value ? 1 : 2);
  else hash.cachedText(value, cache);
}

/** Columns that take part in row equality: all but ids (which make every row distinct by design). */
export function rowColumns(columns: readonly ColumnContract[]): number[] {
  return columns.flatMap((column, index) => (column.roles.includes("id") ? [] : [index]));
}

/** Columns whose equality makes two rows "the same example": features, or else all but target, id, prediction and timestamp. */
export function featureColumns(columns: readonly ColumnContract[]): number[] {
  const features = columns.flatMap((column, index) => (column.roles.includes("feature") ? [index] : []));
  if (features.length > 0) return features;
  const excluded = new Set(["target", "id", "prediction", "timestamp"]);
  return columns.flatMap((column, index) => (column.roles.some((role) => excluded.has(role)) ? [] : [index]));
}

/** Rows' running hashes (Hash64's two lanes), a batch at a time. */
interface RowLanes {
  high: Int32Array;
  low: Int32Array;
  reset(rows: number): void;
}
type Lanes = { row: RowLanes; feature: RowLanes };

function newLanes(): RowLanes {
  const seed = new Hash64();
  return {
    high: new Int32Array(BATCH),
    low: new Int32Array(BATCH),
    reset(rows) {
      this.high.fill(seed.high, 0, rows);
      this.low.fill(seed.low, 0, rows);
    },
  };
}

/** Streams one file through every check; returns its summary and results. */
export async function validateDataset(options: DatasetValidationOptions): Promise<DatasetValidation> {
  const { contract, label, source, maxExamples } = options;
  const path = source.path;
  const checks: CheckResult[] = [];
  const spec = (id: string, check: string, severity: Severity, extra: Partial<CheckSpec> = {}): CheckSpec => ({
    id,
    scope: "dataset",
    dataset: label,
    check,
    severity,
    ...extra,
  });

  checkHeaderDelimiter(
    { columns: source.columns, file: path, line: source.headerLine },
    { file: contract.file, names: contract.columns.map((column) => column.name), delimiter: contract.dialect.delimiter },
  );
  // Bind contract columns to file columns.
  const positions = new Map<string, number>();
  source.columns.forEach((name, index) => {
    if (!positions.has(name)) positions.set(name, index);
  });
  const indices = contract.columns.map((column) => positions.get(column.name) ?? -1);
  const missingSeverity = policySeverity(contract.dataset.missingColumns);
  contract.columns.forEach((column, c) => {
    if (!column.required) return;
    const present = indices[c]! >= 0;
    const severity = missingSeverity ?? "warning";
    const tally = { failing: present ? 0 : 1, total: 1, examples: [] };
    const status = !present && missingSeverity === undefined ? "skip" : undefined;
    checks.push(
      checkResult(
        { ...spec(`column.${column.name}.required`, "required", severity), scope: "column", column: column.name },
        tally,
        !present,
        present
          ? "present"
          : `column "${column.name}" is not in the data (header${source.headerLine === undefined ? "" : ` at line ${source.headerLine}`})`,
        status,
      ),
    );
  });
  const known = new Set(contract.columns.map((column) => column.name));
  const unknown = source.columns.filter((name) => !known.has(name));
  const unknownSeverity = policySeverity(contract.dataset.unknownColumns);
  if (unknownSeverity !== undefined) {
    const message =
      unknown.length === 0
        ? "every column is in the contract"
        : `not in the contract: ${unknown.map((name) => `"${name}"`).join(", ")}; add them to ${contract.file} or drop them`;
    checks.push(
      checkResult(
        spec("dataset.unknown_columns", "unknown_columns", unknownSeverity, { threshold: "none" }),
        {
          failing: unknown.length,
          total: source.columns.length,
          examples:
            source.headerLine === undefined || unknown.length === 0
              ? []
              : [{ file: path, line: source.headerLine, message: `unknown column(s) ${unknown.join(", ")}` }],
        },
        unknown.length > 0,
        message,
      ),
    );
  }

  const columnValidators = contract.columns.map((column, c) =>
    indices[c]! >= 0 ? new ColumnValidator({ column, path, dataset: label, maxExamples, pii: contract.pii }) : undefined,
  );
  // Columns checked in a worker thread get their results from it at the end.
  const validators: (ColumnChecks | undefined)[] = [...columnValidators];
  // Each row's canonical values, column by column, of the batch the row checks are on.
  let canonical: CanonicalValue[][] = contract.columns.map(() => []);
  const hashed = rowColumns(contract.columns);
  const caches = contract.columns.map(() => new TextHashCache());
  const features = featureColumns(contract.columns);
  const targetIndex = contract.columns.findIndex((column) => column.roles.includes("target"));
  const hygiene = options.hygiene;
  // Its table doubles as the train rows the test file is checked against.
  const repeats = new RepeatCounter();
  const train: TrainState | undefined = options.keepTrainState
    ? {
        path,
        rows: repeats.table,
        features: new HashTable64({ maxSize: MAX_EXACT_DISTINCT }),
        classIds: new Map(),
        classNames: [],
        categories: new Map(),
      }
    : undefined;
  if (train !== undefined) {
    contract.columns.forEach((column, c) => {
      if (column.type === "categorical" && !column.roles.includes("target") && indices[c]! >= 0) train.categories.set(c, new Set());
    });
  }

  // k-anonymity: the QIs' contract columns, in the order the contract lists the QIs.
  const kCheck = contract.kAnonymity;
  const kColumns = kCheck?.quasiIdentifiers.map((name) => contract.columns.findIndex((column) => column.name === name)) ?? [];
  const kCounter = kCheck === undefined ? undefined : new KAnonymityCounter(kCheck.quasiIdentifiers, kCheck.maxClasses);

  const duplicates = new Tally(maxExamples);
  const classes = new Map<string, number>();
  let classOverflow = false;
  const rowHash = new Hash64();
  const featureHash = new Hash64();
  let rows = 0;

  // The row-level checks on a batch whose canonical values the column validators wrote.
  // `lanes`: the rows' hashes, mixed column by column already (the fast path).
  const checkRows = (length: number, lines: ArrayLike<number>, lanes?: Lanes): void => {
    rows += length;
    for (let r = 0; r < length; r++) {
      const line = lines[r] ?? 0;
      if (lanes === undefined) {
        rowHash.reset();
        for (const c of hashed) hashValue(rowHash, canonical[c]![r]!, caches[c]!);
      } else {
        rowHash.high = lanes.row.high[r]!;
        rowHash.low = lanes.row.low[r]!;
      }
      const h1 = rowHash.h1;
      const h2 = rowHash.h2;
      duplicates.total++;
      const earlier = repeats.add(h1, h2, line);
      // Past the examples kept only the count matters (no message made for each of a million repeats).
      if (earlier !== undefined) {
        if (duplicates.examples.length < maxExamples)
          duplicates.fail(() => ({ file: path, line, message: `repeats line ${earlier} exactly` }));
        else duplicates.failing++;
      }
      const target = targetIndex < 0 ? undefined : classKey(canonical[targetIndex]![r]!);
      if (target !== undefined && !classOverflow) {
        classes.set(target, (classes.get(target) ?? 0) + 1);
        if (classes.size > MAX_CLASSES) classOverflow = true;
      }
      if (train === undefined && hygiene === undefined) continue;
      if (lanes === undefined) {
        featureHash.reset();
        for (const c of features) hashValue(featureHash, canonical[c]![r]!, caches[c]!);
      } else {
        featureHash.high = lanes.feature.high[r]!;
        featureHash.low = lanes.feature.low[r]!;
      }
      if (train !== undefined) {
        if (target !== undefined) {
          let id = train.classIds.get(target);
          if (id === undefined) {
            id = train.classNames.length;
            train.classIds.set(target, id);
            train.classNames.push(target);
          }
          const seen = train.features.setIfAbsent(featureHash.h1, featureHash.h2, id);
          // -2: train itself has these features with several labels.
          if (seen !== undefined && seen !== id && seen !== -2) train.features.set(featureHash.h1, featureHash.h2, -2);
        }
        for (const [c, set] of train.categories) {
          const value = canonical[c]![r]!;
          if (set === null || value === null) continue;
          set.add(value);
          if (set.size > MAX_TRAIN_CATEGORIES) train.categories.set(c, null);
        }
      }
      hygiene?.row({
        rowH1: h1,
        rowH2: h2,
        featureH1: featureHash.h1,
        featureH2: featureHash.h2,
        target,
        line,
        values: canonical,
        index: r,
      });
    }
  };

  if (isFastCsvSource(source)) {
    // This thread keeps the columns whose values the row checks read (the target; categories for
    // the train/test checks); worker threads may check the others.
    const keepsValues = (column: ColumnContract) =>
      column.roles.includes("target") || ((train !== undefined || hygiene !== undefined) && column.type === "categorical");
    const workers = ColumnWorkers.start({
      columns: contract.columns.flatMap((column, c) =>
        indices[c]! >= 0 && !keepsValues(column) ? [{ c, index: indices[c]!, contract: column }] : [],
      ),
      threads: threadCount(),
      data: { path, dataset: label, maxExamples, nullMarkers: [...source.nullMarkers], scan: source.settings, pii: contract.pii },
    });
    const remote = new Set(workers?.columns ?? []);
    const feeds = contract.columns.map((column, c) => {
      const validator = columnValidators[c];
      return validator === undefined || remote.has(c) ? undefined : new FastColumnFeed(validator, column, source.nullMarkers, source.quote);
    });
    const widest = Math.max(0, ...indices) + 1;
    const lanes = { row: newLanes(), feature: newLanes() };
    const inRow = new Set(hashed);
    const inFeatures = new Set(train === undefined && hygiene === undefined ? [] : features);
    // Two batches in flight when worker threads help: this thread scans and checks its columns of
    // batch k while the workers check theirs, then finishes batch k − 1 (its row checks need every
    // column's words).
    const slots = [0, 1].map(() => ({
      canonical: contract.columns.map((): CanonicalValue[] => []),
      words: feeds.map((feed) => (feed === undefined ? undefined : wordsOf(BATCH))),
      lines: new Int32Array(BATCH),
      length: 0,
    }));
    let pending: (typeof slots)[number] | undefined;
    const finishBatch = async (slot: (typeof slots)[number]): Promise<void> => {
      const length = slot.length;
      const received = workers === undefined ? undefined : await workers.receive(length).catch(badInput);
      lanes.row.reset(length);
      lanes.feature.reset(length);
      // Contract order: the order hashValue mixes the columns in.
      for (let c = 0; c < feeds.length; c++) {
        const words = slot.words[c] ?? received?.get(c);
        if (inRow.has(c)) mixWords(lanes.row.high, lanes.row.low, words, length);
        if (inFeatures.has(c)) mixWords(lanes.feature.high, lanes.feature.low, words, length);
      }
      canonical = slot.canonical;
      kCounter?.addWords(
        kColumns.map((c) => slot.words[c] ?? received?.get(c)),
        length,
      );
      checkRows(length, slot.lines, lanes);
    };
    let batches = 0;
    // A worker's scan met input the readers reject: they throw their error for it.
    const badInput = (error: unknown): never => {
      if (error instanceof WorkerBadInput) return source.replay(error) as never;
      throw error;
    };
    try {
      await source.scan(
        widest,
        async (batch) => {
          const length = batch.rows;
          const slot = slots[batches++ % 2]!;
          slot.length = length;
          slot.lines.set(batch.lines.subarray(0, length));
          for (let c = 0; c < feeds.length; c++) {
            const feed = feeds[c];
            const values = slot.canonical[c]!;
            if (feed !== undefined) feed.rows(batch, indices[c]!, values, slot.words[c]);
            else if (!remote.has(c)) for (let r = 0; r < length; r++) values[r] = null;
          }
          if (workers === undefined) await finishBatch(slot);
          else {
            if (pending !== undefined) await finishBatch(pending);
            pending = slot;
          }
          // The first worker hashes the file, when there are workers.
        },
        workers === undefined,
      );
      if (pending !== undefined) await finishBatch(pending);
      if (workers !== undefined) {
        const { results, digest } = await workers.finish().catch(badInput);
        for (const [c, result] of results) validators[c] = { column: contract.columns[c]!, ...result, finish: () => result.checks };
        source.adoptDigest(digest);
      }
    } finally {
      await workers?.close();
    }
  } else {
    for await (const batch of source.batches()) {
      const { length, lines } = batch;
      for (let c = 0; c < validators.length; c++) {
        const values = canonical[c]!;
        const validator = columnValidators[c];
        if (validator === undefined) for (let r = 0; r < length; r++) values[r] = null;
        else validator.add(batch.columns[indices[c]!], lines, length, values);
      }
      kCounter?.addValues(
        kColumns.map((c) => canonical[c]),
        length,
      );
      checkRows(length, lines);
    }
  }

  const digest = source.digest();
  if (digest === undefined) throw new Error(`reader for ${path} gave no digest after a full read`);

  const { minRows, maxRows } = contract.dataset;
  if (minRows !== undefined || maxRows !== undefined) {
    const low = minRows !== undefined && rows < minRows;
    const high = maxRows !== undefined && rows > maxRows;
    const threshold = [minRows === undefined ? undefined : `≥ ${minRows}`, maxRows === undefined ? undefined : `≤ ${maxRows}`]
      .filter(Boolean)
      .join(", ");
    const message = low ? `${rows} rows, fewer than ${minRows}` : high ? `${rows} rows, more than ${maxRows}` : `${rows} rows`;
    checks.push(
      checkResult(
        spec("dataset.row_count", "row_count", "error", { threshold }),
        { failing: low || high ? 1 : 0, total: 0, examples: [] },
        low || high,
        message,
      ),
    );
  }

  for (const validator of validators) if (validator !== undefined) checks.push(...validator.finish());

  const maxDuplicateShare = contract.dataset.maxDuplicateShare ?? 0.05;
  duplicates.failing = repeats.repeats;
  const duplicateShare = rows === 0 ? 0 : duplicates.failing / rows;
  const estimated = repeats.exact
    ? ""
    : `; estimated (more than ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct rows), ± ${repeats.standardError.toLocaleString("en-US")} rows`;
  checks.push(
    checkResult(
      spec("dataset.duplicates", "duplicates", "error", { threshold: `≤ ${maxDuplicateShare}` }),
      duplicates,
      duplicateShare > maxDuplicateShare,
      `${duplicates.failing.toLocaleString("en-US")} row(s) repeat an earlier row (${formatPercent(duplicateShare, 2)})${hashed.length < contract.columns.length ? "; id columns are not compared" : ""}${estimated}`,
    ),
  );

  const minClassShare = contract.dataset.minClassShare;
  if (minClassShare !== undefined && targetIndex >= 0)
    checks.push(classBalance({ contract, targetIndex, classes, overflow: classOverflow, minClassShare, spec }));

  if (kCheck !== undefined && kCounter !== undefined) {
    const detail = kCounter.detail(kCheck.k, kCheck.maxShare);
    const result = checkResult(
      spec("dataset.k_anonymity", "k_anonymity", kCheck.severity, {
        threshold: `k ≥ ${kCheck.k}; share of rows in smaller classes ≤ ${kCheck.maxShare}`,
      }),
      { failing: detail.rowsAtRisk, total: rows, examples: [] },
      detail.shareAtRisk > kCheck.maxShare,
      kAnonymityMessage(
        detail,
        kCheck,
        kColumns.flatMap((c, i) => ((indices[c] ?? -1) < 0 ? [kCheck.quasiIdentifiers[i]!] : [])),
      ),
    );
    result.kAnonymity = detail;
    checks.push(result);
  }

  const singleSeverity = policySeverity(contract.dataset.singleValueColumns);
  if (singleSeverity !== undefined) {
    const present = validators.filter((validator) => validator !== undefined);
    const single = present.filter((validator) => validator.singleValued).map((validator) => validator.column.name);
    checks.push(
      checkResult(
        spec("dataset.single_value_columns", "single_value_columns", singleSeverity, { threshold: "none" }),
        { failing: single.length, total: present.length, examples: [] },
        single.length > 0,
        single.length === 0
          ? "every column has at least two distinct values"
          : `one distinct value only: ${single.map((name) => `"${name}"`).join(", ")}`,
      ),
    );
  }

  return {
    summary: { label, path, format: source.format, sha256: digest.sha256, bytes: digest.bytes, rows, columns: [...source.columns] },
    checks,
    truncated: duplicates.truncated || validators.some((validator) => validator?.truncated === true),
    train,
  };
}

function classBalance(options: {
  contract: DataContract;
  targetIndex: number;
  classes: Map<string, number>;
  overflow: boolean;
  minClassShare: number;
  spec: (id: string, check: string, severity: Severity, extra?: Partial<CheckSpec>) => CheckSpec;
}): CheckResult {
  const { contract, targetIndex, classes, minClassShare } = options;
  const target = contract.columns[targetIndex]!;
  const spec = options.spec("dataset.class_balance", "class_balance", "error", {
    threshold: `each class ≥ ${minClassShare}`,
    column: target.name,
  });
  if (target.type === "number")
    return checkResult(
      spec,
      { failing: 0, total: 0, examples: [] },
      false,
      `target "${target.name}" is a number (regression): no classes to balance`,
      "skip",
    );
  if (options.overflow)
    return checkResult(
      spec,
      { failing: 0, total: 0, examples: [] },
      false,
      `target "${target.name}" has more than ${MAX_CLASSES} distinct values: not a class label`,
      "skip",
    );
  // Classes the contract allows but the data lacks have share 0: the most extreme imbalance.
  const counts = new Map(classes);
  for (const value of target.enum ?? []) if (!counts.has(String(value))) counts.set(String(value), 0);
  const total = [...classes.values()].reduce((sum, count) => sum + count, 0);
  const shares = [...counts.entries()]
    .map(([name, count]) => ({ name, share: total === 0 ? 0 : count / total }))
    .sort((a, b) => a.share - b.share || (a.name < b.name ? -1 : 1));
  const below = shares.filter((entry) => entry.share < minClassShare);
  const listing = shares
    .slice(0, 5)
    .map((entry) => `"${entry.name}" ${formatPercent(entry.share, 2)}`)
    .join(", ");
  return checkResult(
    spec,
    { failing: below.length, total: counts.size, examples: [] },
    below.length > 0,
    below.length > 0
      ? `${below.length} of ${counts.size} classes below ${formatPercent(minClassShare, 2)}: ${listing}`
      : `smallest classes: ${listing}`,
  );
}
