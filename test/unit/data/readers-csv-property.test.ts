import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { makeTempDir, readAll } from "./readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});

/** RFC 4180 writing, derived here: quote a field when it holds the delimiter, a quote or a line break. */
function writeCsv(rows: string[][], options: { eol: string; finalEol: boolean }): string {
  const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return rows.map((row) => row.map(field).join(",")).join(options.eol) + (options.finalEol ? options.eol : "");
}

const text = fc.string({ unit: fc.constantFrom("a", "é", "日", "😀", ",", '"', "\n", "\r", " ", "x"), maxLength: 8 });

describe("CSV reader on generated files", () => {
  it("reads back any quoted-as-needed table, whatever the line endings and chunk size", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((ncols) =>
          fc.record({
            header: fc.uniqueArray(fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), minLength: 1, maxLength: 3 }), {
              minLength: ncols,
              maxLength: ncols,
            }),
            rows: fc.array(fc.array(text, { minLength: ncols, maxLength: ncols }), { minLength: 1, maxLength: 12 }),
            eol: fc.constantFrom("\n", "\r\n", "\r"),
            finalEol: fc.boolean(),
            chunkBytes: fc.integer({ min: 1, max: 40 }),
            batchSize: fc.integer({ min: 1, max: 5 }),
          }),
        ),
        async ({ header, rows, eol, finalEol, chunkBytes, batchSize }) => {
          const path = temp.file(`generated-${run++}.csv`, writeCsv([header, ...rows], { eol, finalEol }));
          const table = await openTable(path, { nullMarkers: [], chunkBytes, batchSize });
          assert.deepEqual(table.columns, header);
          const read = await readAll(table);
          assert.deepEqual(read.rows, rows);
          // Each row starts one line after the previous row's last line break.
          const breaks = (row: string[]): number =>
            row.reduce((sum, value) => sum + value.replaceAll("\r\n", "\n").replace(/[^\r\n]/g, "").length, 0);
          let line = 1 + breaks(header) + 1;
          const expectedLines = rows.map((row) => {
            const start = line;
            line += breaks(row) + 1;
            return start;
          });
          assert.deepEqual(read.lines, expectedLines);
        },
      ),
      { numRuns: 300 },
    );
  });
});
