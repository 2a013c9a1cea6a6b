/**
 * A deliberately broken copy of the example training data: errors planted at known lines. The demo
 * shows it failing; the integration tests check that the annotations land on exactly these lines.
 */

export interface PlantedError {
  /** 1-based line in the CSV file (line 1 is the header). */
  line: number;
  column: string;
  value: string;
  why: string;
}

export const PLANTED_ERRORS: readonly PlantedError[] = [
  { line: 12, column: "age", value: "abc", why: "not an integer" },
  { line: 40, column: "age", value: "150", why: "above the contract's max of 100" },
  { line: 77, column: "sex", value: "Unknown", why: "not in the enum" },
  { line: 100, column: "Y", value: "?", why: "the label is missing" },
  { line: 250, column: "education-num", value: "1e309", why: "overflows a 64-bit float" },
];

/** Returns `csv` (the Adult example's format: `, ` between fields) with PLANTED_ERRORS applied. */
export function plantErrors(csv: string, planted: readonly PlantedError[] = PLANTED_ERRORS): string {
  const lines = csv.split("\n");
  const header = lines[0]!.split(",").map((name) => name.trim());
  for (const error of planted) {
    const index = header.indexOf(error.column);
    if (index < 0) throw new Error(`no column ${error.column} in the header`);
    const fields = lines[error.line - 1]!.split(",");
    fields[index] = index === 0 ? error.value : ` ${error.value}`;
    lines[error.line - 1] = fields.join(",");
  }
  return lines.join("\n");
}
