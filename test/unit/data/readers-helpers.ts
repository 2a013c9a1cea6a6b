/** Shared helpers for the reader tests: temp files, reading a table whole, the Python csv oracle. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import type { RawValue, TableSource } from "../../../src/data/readers/table.ts";

/** A temp directory removed by `cleanup`. */
export function makeTempDir(): { dir: string; file: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "modelship-readers-"));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads every batch into row-major rows plus the start line of each row. */
export async function readAll(table: TableSource): Promise<{ rows: RawValue[][]; lines: number[]; batchSizes: number[] }> {
  const rows: RawValue[][] = [];
  const lines: number[] = [];
  const batchSizes: number[] = [];
  for await (const batch of table.batches()) {
    batchSizes.push(batch.length);
    assert.equal(batch.lines.length, batch.length);
    for (const column of batch.columns) assert.equal(column.length, batch.length);
    for (let r = 0; r < batch.length; r++) {
      rows.push(batch.columns.map((column) => column[r] ?? null));
      lines.push(batch.lines[r] ?? -1);
    }
  }
  return { rows, lines, batchSizes };
}

const ORACLE = `
import csv, json, sys
path, delimiter, quote, skip = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
with open(path, newline="", encoding="utf-8-sig") as f:
    reader = csv.reader(f, delimiter=delimiter, quotechar=quote, skipinitialspace=skip)
    rows, starts, previous = [], [], 0
    for row in reader:
        if row:  # blank lines: modelship skips them, like pandas
            rows.append(row)
            starts.append(previous + 1)
        previous = reader.line_num
print(json.dumps({"header": rows[0], "rows": rows[1:], "headerLine": starts[0], "lines": starts[1:]}))
`;

/** What Python's stdlib csv module reads from `path` (header, rows, and where each row starts). */
export function pythonCsv(
  path: string,
  options: { delimiter?: string; quote?: string; skipInitialSpace?: boolean } = {},
): {
  header: string[];
  rows: string[][];
  headerLine: number;
  lines: number[];
} {
  const out = execFileSync(
    "/usr/bin/python3",
    ["-c", ORACLE, path, options.delimiter ?? ",", options.quote ?? '"', options.skipInitialSpace === true ? "1" : "0"],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return JSON.parse(out) as { header: string[]; rows: string[][]; headerLine: number; lines: number[] };
}

/** Asserts that `action` rejects with a UserError naming `file` (and `line` when given) and matching `pattern`. */
export async function assertUserError(
  action: () => Promise<unknown>,
  expected: { file: string; line?: number; pattern: RegExp },
): Promise<UserError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(isUserError(caught), `expected a UserError, got ${String(caught)}`);
  assert.equal(caught.file, expected.file);
  assert.match(caught.message, expected.pattern);
  assert.ok(caught.message.startsWith(expected.file), caught.message);
  if (expected.line !== undefined) {
    assert.equal(caught.line, expected.line, caught.message);
    assert.ok(caught.message.includes(`${expected.file}:${expected.line}`), caught.message);
  }
  assert.ok(caught.hint !== undefined && caught.hint.length > 0, "a UserError carries a hint");
  return caught;
}
