import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, describe, it } from "node:test";
import { openTable } from "../../../src/data/readers/open-table.ts";
import { ADULT_TRAIN, adultText } from "../../support/adult.ts";
import { assertUserError, makeTempDir, pythonCsv, readAll } from "./readers-helpers.ts";

const temp = makeTempDir();
after(() => {
  temp.cleanup();
});

// Tricky but valid files; each is read with several chunk and batch sizes so that chunk
// boundaries fall inside quoted fields, CRLF pairs, doubled quotes and multi-byte characters.
const FIXTURES: { name: string; content: string | Buffer; delimiter?: string; quote?: string; trim?: boolean }[] = [
  { name: "quotes.csv", content: 'a,b,c\n"x, y","he said ""hi""",3\n"",plain,"multi\nline"\r\n4,5,6' },
  { name: "crlf-bom.csv", content: '\ufeffid,text\r\n1,"a\r\nb"\r\n2,""""\r\n3,end\r\n' },
  { name: "lone-cr.csv", content: 'id,text\r1,"x\ry"\r2,z\r' },
  { name: "semicolon.csv", content: "k;v\n1;'it''s; fine'\n2;plain text\n", delimiter: ";", quote: "'" },
  { name: "trim.csv", content: 'age, name, city\n39, "Smith, J", Paris\n50,  Doe,\tRome\n', trim: true },
  { name: "utf8.csv", content: 'name,word\n日本,é\n😀😀,"ü\nñ"\nplain,ascii\n' },
  { name: "blank-lines.csv", content: "a,b\n\n1,2\n\n\n3,4\n\n" },
  { name: "unquoted-quote.csv", content: 'h,w\n5\'11",x"y\n' },
  { name: "empty-fields.csv", content: "a,b,c\n,,\n1,,3\n" },
];

describe("CSV reader compared with Python's csv module", () => {
  for (const fixture of FIXTURES) {
    for (const chunkBytes of [1, 2, 3, 7, 65536]) {
      for (const batchSize of [1, 2, 8192]) {
        it(`reads ${fixture.name} like Python does (chunks of ${chunkBytes} bytes, batches of ${batchSize})`, async () => {
          const path = temp.file(`${chunkBytes}-${batchSize}-${fixture.name}`, fixture.content);
          const expected = pythonCsv(path, { delimiter: fixture.delimiter, quote: fixture.quote, skipInitialSpace: fixture.trim });
          const table = await openTable(path, {
            delimiter: fixture.delimiter,
            quote: fixture.quote,
            trim: fixture.trim,
            nullMarkers: [],
            chunkBytes,
            batchSize,
          });
          const { rows, lines, batchSizes } = await readAll(table);
          // skipinitialspace strips leading spaces only; our trim also strips trailing ones, and tabs.
          const strip = (v: string): string => (fixture.trim === true ? v.replace(/^[ \t]+|[ \t]+$/g, "") : v);
          assert.deepEqual(table.columns, expected.header.map(strip));
          assert.deepEqual(
            rows,
            expected.rows.map((row) => row.map(strip)),
          );
          assert.deepEqual(lines, expected.lines);
          assert.equal(table.headerLine, expected.headerLine);
          assert.ok(batchSizes.every((size) => size <= batchSize));
        });
      }
    }
  }

  it("reads the Adult data like Python does with skipinitialspace", async () => {
    const source = adultText(ADULT_TRAIN).split("\n").slice(0, 3000).join("\n");
    const path = temp.file("adult-head.csv", source);
    const expected = pythonCsv(path, { skipInitialSpace: true });
    const table = await openTable(path, { trim: true, nullMarkers: [], batchSize: 1000, chunkBytes: 4096 });
    const { rows, lines, batchSizes } = await readAll(table);
    assert.deepEqual(table.columns, expected.header);
    assert.deepEqual(rows, expected.rows);
    assert.deepEqual(lines, expected.lines);
    assert.deepEqual(batchSizes, [1000, 1000, 999]);
  });
});

describe("CSV null markers", () => {
  it("turns empty fields into null by default, quoted empty strings included", async () => {
    const path = temp.file("nulls-default.csv", 'a,b,c\n,"",x\n');
    const { rows } = await readAll(await openTable(path));
    assert.deepEqual(rows, [[null, null, "x"]]);
  });

  it("reads an empty last field when the file ends right after a delimiter", async () => {
    const path = temp.file("trailing-delimiter.csv", "a,b\n1,");
    assert.deepEqual((await readAll(await openTable(path))).rows, [["1", null]]);
    assert.deepEqual((await readAll(await openTable(path, { nullMarkers: ["NA"] }))).rows, [["1", ""]]);
  });

  it("compares markers after trimming and keeps empty text when it is not a marker", async () => {
    const path = temp.file("nulls-custom.csv", "a,b,c\n NA ,,?\n");
    const { rows } = await readAll(await openTable(path, { trim: true, nullMarkers: ["NA", "?"] }));
    assert.deepEqual(rows, [[null, "", null]]);
  });

  it("treats a .tsv file as tab-delimited", async () => {
    const path = temp.file("data.tsv", "a\tb\n1,5\t2\n");
    const table = await openTable(path);
    assert.deepEqual(table.columns, ["a", "b"]);
    assert.deepEqual((await readAll(table)).rows, [["1,5", "2"]]);
  });

  it("with trim and a tab delimiter, trims spaces but keeps every tab as a delimiter", async () => {
    const path = temp.file("trim.tsv", 'a\tb\tc\nx\t \ty\n "q" \t\tz\n');
    const { rows } = await readAll(await openTable(path, { trim: true, nullMarkers: [""] }));
    assert.deepEqual(rows, [
      ["x", null, "y"],
      ["q", null, "z"],
    ]);
  });

  it("accepts a header without rows when allowNoRows is set", async () => {
    const path = temp.file("header-only-allowed.csv", "a,b\n");
    const table = await openTable(path, { allowNoRows: true });
    assert.deepEqual(table.columns, ["a", "b"]);
    assert.deepEqual((await readAll(table)).rows, []);
  });
});

describe("CSV errors", () => {
  const read = async (name: string, content: string | Buffer, options = {}): Promise<void> => {
    await readAll(await openTable(temp.file(name, content), options));
  };
  const at = (name: string): string => `${temp.dir}/${name}`;

  it("rejects a row with fewer fields than the header, naming its line", async () => {
    await assertUserError(() => read("short.csv", "a,b,c\n1,2,3\n\n4,5\n"), {
      file: at("short.csv"),
      line: 4,
      pattern: /has 2 fields, but the header \(line 1\) has 3/,
    });
  });

  it("rejects a row with more fields than the header, counting them all", async () => {
    await assertUserError(() => read("long.csv", 'a,b\n"x\ny",2,3,4\n'), { file: at("long.csv"), line: 2, pattern: /has 4 fields/ });
  });

  it("rejects an unterminated quote, naming the line where it opened", async () => {
    await assertUserError(() => read("unterminated.csv", 'a,b\n1,2\n3,"open\nmore\nlines\n'), {
      file: at("unterminated.csv"),
      line: 3,
      pattern: /never closed/,
    });
  });

  it("rejects text after a closing quote", async () => {
    await assertUserError(() => read("after-quote.csv", 'a,b\n1,"x"y\n'), {
      file: at("after-quote.csv"),
      line: 2,
      pattern: /after the closing quote/,
    });
  });

  it("rejects a NUL byte, naming its line", async () => {
    await assertUserError(() => read("nul.csv", Buffer.from("a,b\n1,2\n3,\u00004\n"), { chunkBytes: 5 }), {
      file: at("nul.csv"),
      line: 3,
      pattern: /NUL byte/,
    });
  });

  it("rejects invalid UTF-8, naming its line, also when split across chunks", async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n"x\ny",é'), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
    for (const chunkBytes of [1, 2, 65536]) {
      await assertUserError(() => read(`bad-utf8-${chunkBytes}.csv`, bytes, { chunkBytes }), {
        file: at(`bad-utf8-${chunkBytes}.csv`),
        line: 4,
        pattern: /not valid UTF-8/,
      });
    }
  });

  it("rejects a file that ends inside a multi-byte character", async () => {
    const bytes = Buffer.concat([Buffer.from("a\n1\n"), Buffer.from([0xe6, 0x97])]);
    await assertUserError(() => read("cut-utf8.csv", bytes), { file: at("cut-utf8.csv"), line: 3, pattern: /not valid UTF-8/ });
  });

  it("rejects an empty file", async () => {
    await assertUserError(() => read("empty.csv", ""), { file: at("empty.csv"), pattern: /is empty/ });
  });

  it("rejects a header without data rows once the rows are read", async () => {
    const table = await openTable(temp.file("header-only.csv", "a,b\r\n"));
    assert.deepEqual(table.columns, ["a", "b"]);
    await assertUserError(() => readAll(table), { file: at("header-only.csv"), line: 1, pattern: /has a header but no data rows/ });
  });

  it("rejects duplicate header names, naming them", async () => {
    await assertUserError(() => read("dupes.csv", "a,b,a\n1,2,3\n"), {
      file: at("dupes.csv"),
      line: 1,
      pattern: /"a" \(columns 1 and 3\)/,
    });
  });

  it("rejects an empty header name", async () => {
    await assertUserError(() => read("empty-name.csv", "a,,c\n1,2,3\n"), {
      file: at("empty-name.csv"),
      line: 1,
      pattern: /column 2 of the header has an empty name/,
    });
  });

  it("rejects a missing file", async () => {
    await assertUserError(() => openTable(at("nope.csv")), { file: at("nope.csv"), pattern: /does not exist/ });
  });

  it("rejects a directory", async () => {
    mkdirSync(at("folder.csv"));
    await assertUserError(() => openTable(at("folder.csv")), { file: at("folder.csv"), pattern: /is a directory/ });
  });

  it("rejects an unknown extension", async () => {
    await assertUserError(() => openTable(temp.file("data.xlsx", "a\n1\n")), { file: at("data.xlsx"), pattern: /extension/ });
  });

  it("rejects a field longer than maxFieldBytes", async () => {
    await assertUserError(() => read("long-field.csv", `a,b\n1,${"x".repeat(100)}\n`, { maxFieldBytes: 50 }), {
      file: at("long-field.csv"),
      line: 2,
      pattern: /longer than 50 bytes/,
    });
  });

  it("fails fast on a 50 MB field without holding it in memory", async () => {
    const path = temp.file(
      "huge-field.csv",
      Buffer.concat([Buffer.from('a,b\n1,"'), Buffer.alloc(50 * 1024 * 1024, 0x78), Buffer.from('"\n')]),
    );
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
    try {
      await assertUserError(async () => readAll(await openTable(path)), { file: path, line: 2, pattern: /longer than 1048576 bytes/ });
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.ok(peak - before < 30 * 1024 * 1024, `rss grew by ${((peak - before) / 2 ** 20).toFixed(1)} MiB`);
  });
});
