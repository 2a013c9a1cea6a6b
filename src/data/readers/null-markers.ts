/**
 * Which texts a CSV file uses for "missing". Only a short list of usual suspects is considered, and
 * only on evidence: a marker standing alone in a column that otherwise holds numbers (`?` among
 * ages), or one that turns up in at least two columns. A single text column that happens to contain
 * "None" keeps it as a value: turning real values into nulls would be the worse mistake.
 */
import { coerceValue } from "../contract/coerce.ts";
import type { RawValue } from "./table.ts";

/** Texts that may mean "missing", in the order they are listed in a drafted contract. */
export const NULL_MARKER_CANDIDATES: readonly string[] = ["?", "NA", "N/A", "NaN", "null", "NULL", "None", "-"];

const CANDIDATES = new Set(NULL_MARKER_CANDIDATES);

interface ColumnEvidence {
  /** Whole cells equal to a candidate, by candidate. */
  markers: Map<string, number>;
  /** Other non-null cells that parse as numbers. */
  numbers: number;
  /** Some other non-null cell does not parse as a number. */
  text: boolean;
}

/** Collects, per column, the candidate markers seen and whether the rest of the column is numeric. */
export class NullMarkerEvidence {
  readonly #columns: ColumnEvidence[];

  constructor(columnCount: number) {
    this.#columns = Array.from({ length: columnCount }, () => ({ markers: new Map<string, number>(), numbers: 0, text: false }));
  }

  /** Looks at one batch of column `column` (nulls are skipped). */
  add(column: number, values: readonly RawValue[], length: number): void {
    const evidence = this.#columns[column];
    if (evidence === undefined) return;
    for (let r = 0; r < length; r++) {
      const raw = values[r] ?? null;
      if (raw === null) continue;
      if (typeof raw === "string" && CANDIDATES.has(raw)) {
        evidence.markers.set(raw, (evidence.markers.get(raw) ?? 0) + 1);
      } else if (!evidence.text) {
        // Once a column is known to hold text, its numbers no longer matter.
        if (coerceValue(raw, "number").ok) evidence.numbers++;
        else evidence.text = true;
      }
    }
  }

  /** The candidates the evidence supports, in `NULL_MARKER_CANDIDATES` order. */
  chosen(): string[] {
    return NULL_MARKER_CANDIDATES.filter((candidate) => {
      const columns = this.#columns.filter((evidence) => evidence.markers.has(candidate));
      return columns.length >= 2 || columns.some((evidence) => evidence.numbers > 0 && !evidence.text);
    });
  }
}
