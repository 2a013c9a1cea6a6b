/**
 * A batch of rows to predict, and the error that points at one of its rows: shared by the feeds (a
 * value the model's input cannot take) and the output reader (an output that is not a valid number),
 * so both name the row the same way.
 */
import { UserError } from "../common/errors.ts";
import type { RawValue } from "../data/readers/table.ts";

export interface PredictBatch {
  columns: Map<string, RawValue[]>;
  rows: number;
  /** 1-based line (or row number) of each row in `file`, for messages. */
  lines?: number[];
  file?: string;
}

/** A UserError about one row of the batch: at its file and line when known, else naming the row. */
export function valueError(problem: string, batch: PredictBatch, row: number, hint: string): UserError {
  const line = batch.lines?.[row];
  const where =
    batch.file !== undefined && line !== undefined ? "" : line !== undefined ? ` (row at line ${line})` : ` (row ${row + 1} of the batch)`;
  return new UserError(`${problem}${where}`, { file: batch.file, line, hint });
}
