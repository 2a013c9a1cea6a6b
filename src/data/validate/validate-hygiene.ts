/**
 * Train/test hygiene: test rows that also sit in train (leakage), the same features labelled
 * differently across the split, and target classes or categories that only the test file has.
 * The training pass leaves a `TrainState` of 64-bit row hashes; the test pass checks each row
 * against it as it streams.
 */
import type { DataContract, Severity } from "../contract/contract-types.ts";
import type { HashTable64 } from "./hash-table.ts";
import { MAX_EXACT_DISTINCT } from "./repeat-counter.ts";
import { checkResult, policySeverity, Tally, type CanonicalValue, type CheckSpec } from "./validate-column.ts";
import { formatPercent } from "../../common/markdown.ts";
import type { CheckResult } from "./validation-report-types.ts";

/** What the training pass keeps for the hygiene checks. */
export interface TrainState {
  path: string;
  /** Row hash → first line in train. */
  rows: HashTable64;
  /** Feature hash → label id, or -2 when train itself labels these features differently. */
  features: HashTable64;
  classIds: Map<string, number>;
  classNames: string[];
  /** Per categorical column index: its values in train, or null when there were too many to keep. */
  categories: Map<number, Set<CanonicalValue> | null>;
}

/** One test row as the dataset pass hands it over. */
export interface HygieneRow {
  rowH1: number;
  rowH2: number;
  featureH1: number;
  featureH2: number;
  target: string | undefined;
  line: number;
  /** The batch's canonical values, column-major; `index` is this row. */
  values: CanonicalValue[][];
  index: number;
}

/** Checks test rows against the training state. */
export class HygieneValidator {
  readonly #contract: DataContract;
  readonly #train: TrainState;
  readonly #testPath: string;
  readonly #inTrain: Tally;
  readonly #conflicts: Tally;
  readonly #unseenClasses: Tally;
  readonly #unseenCategories: Map<number, Tally>;
  readonly #hasTarget: boolean;

  constructor(options: { contract: DataContract; train: TrainState; testPath: string; maxExamples: number }) {
    this.#contract = options.contract;
    this.#train = options.train;
    this.#testPath = options.testPath;
    this.#inTrain = new Tally(options.maxExamples);
    this.#conflicts = new Tally(options.maxExamples);
    this.#unseenClasses = new Tally(options.maxExamples);
    this.#unseenCategories = new Map([...options.train.categories.keys()].map((c) => [c, new Tally(options.maxExamples)]));
    this.#hasTarget = options.contract.columns.some((column) => column.roles.includes("target"));
  }

  /** Checks one test row. */
  row(row: HygieneRow): void {
    const train = this.#train;
    const file = this.#testPath;
    this.#inTrain.total++;
    const trainLine = train.rows.get(row.rowH1, row.rowH2);
    if (trainLine !== undefined)
      this.#inTrain.fail(() => ({ file, line: row.line, message: `the same row is in train at ${train.path}:${trainLine}` }));
    if (row.target !== undefined) {
      this.#conflicts.total++;
      this.#unseenClasses.total++;
      const id = train.classIds.get(row.target);
      if (id === undefined)
        this.#unseenClasses.fail(() => ({
          file,
          line: row.line,
          value: row.target,
          message: `target class "${row.target}" never occurs in train`,
        }));
      const trainLabel = train.features.get(row.featureH1, row.featureH2);
      if (trainLabel !== undefined && trainLabel !== id) {
        const said = trainLabel === -2 ? "several different labels" : `"${train.classNames[trainLabel]}"`;
        this.#conflicts.fail(() => ({
          file,
          line: row.line,
          value: row.target,
          message: `labelled "${row.target}", but train has the same features with ${said}`,
        }));
      }
    }
    for (const [c, tally] of this.#unseenCategories) {
      const value = row.values[c]![row.index]!;
      const seen = train.categories.get(c);
      if (value === null || seen === null || seen === undefined) continue;
      tally.total++;
      if (!seen.has(value))
        tally.fail(() => ({
          file,
          line: row.line,
          value: String(value),
          message: `category "${String(value)}" of "${this.#contract.columns[c]!.name}" never occurs in train`,
        }));
    }
  }

  // Past the exact limit, train rows beyond it are not compared: counts are then lower bounds.
  #partial(table: HashTable64): string {
    return table.full
      ? `; compared with the first ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct train rows only, so a lower bound`
      : "";
  }

  /** Whether any hygiene check kept fewer examples than failures. */
  get truncated(): boolean {
    return [this.#inTrain, this.#conflicts, this.#unseenClasses, ...this.#unseenCategories.values()].some((tally) => tally.truncated);
  }

  /** The hygiene check results. */
  finish(): CheckResult[] {
    const { hygiene } = this.#contract;
    const spec = (id: string, check: string, severity: Severity, extra: Partial<CheckSpec> = {}): CheckSpec => ({
      id,
      scope: "hygiene",
      dataset: "test",
      check,
      severity,
      ...extra,
    });
    const results: CheckResult[] = [];
    const inTrain = this.#inTrain;
    const share = inTrain.total === 0 ? 0 : inTrain.failing / inTrain.total;
    results.push(
      checkResult(
        spec("hygiene.test_in_train", "test_in_train", "error", { threshold: `≤ ${hygiene.maxTestInTrainShare}` }),
        inTrain,
        share > hygiene.maxTestInTrainShare,
        `${inTrain.failing.toLocaleString("en-US")} test row(s) also in train (${formatPercent(share, 2)}): they inflate test scores${this.#partial(this.#train.rows)}`,
      ),
    );
    const target = this.#contract.columns.find((column) => column.roles.includes("target"));
    const conflictSeverity = policySeverity(hygiene.conflictingLabels);
    if (conflictSeverity !== undefined && this.#hasTarget) {
      const conflicts = this.#conflicts;
      results.push(
        checkResult(
          spec("hygiene.conflicting_labels", "conflicting_labels", conflictSeverity, { threshold: "none", column: target?.name }),
          conflicts,
          conflicts.failing > 0,
          `${conflicts.failing === 0 ? "no test row contradicts a train label" : `${conflicts.failing} test row(s) have the features of a train row but another label`}${this.#partial(this.#train.features)}`,
        ),
      );
    }
    const classSeverity = policySeverity(hygiene.unseenTargetClasses);
    if (classSeverity !== undefined && this.#hasTarget && target?.type !== "number") {
      const unseen = this.#unseenClasses;
      results.push(
        checkResult(
          spec("hygiene.unseen_target_classes", "unseen_target_classes", classSeverity, { threshold: "none", column: target?.name }),
          unseen,
          unseen.failing > 0,
          unseen.failing === 0 ? "every test class occurs in train" : `${unseen.failing} test row(s) have a class train never has`,
        ),
      );
    }
    const categorySeverity = policySeverity(hygiene.unseenCategories);
    if (categorySeverity !== undefined) {
      for (const [c, tally] of this.#unseenCategories) {
        const column = this.#contract.columns[c]!;
        const checkSpec = spec(`hygiene.${column.name}.unseen_categories`, "unseen_categories", categorySeverity, {
          threshold: "none",
          column: column.name,
        });
        if (this.#train.categories.get(c) === null) {
          results.push(checkResult(checkSpec, tally, false, "too many categories in train to compare", "skip"));
          continue;
        }
        results.push(
          checkResult(
            checkSpec,
            tally,
            tally.failing > 0,
            tally.failing === 0 ? "every test category occurs in train" : `${tally.failing} test value(s) in categories train never has`,
          ),
        );
      }
    }
    return results;
  }
}
