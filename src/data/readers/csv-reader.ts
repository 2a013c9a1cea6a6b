/**
 * CSV/TSV as a TableSource: the header is parsed when the file is opened, the rows stream from the
 * same byte stream when `batches()` is iterated.
 */
import { UserError } from "../../common/errors.ts";
import type { ReadOptions, RecordBatch, TableSource } from "./table.ts";
import { openByteSource, type ByteSource } from "./byte-source.ts";
import { countLineBreaks } from "./csv-columns.ts";
import { CsvParser } from "./csv-parser.ts";
import { textChunks, type TextChunk } from "./text-chunks.ts";

const DEFAULT_BATCH_SIZE = 8192;
const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/** Opens a CSV (or TSV, `options.delimiter`) file, gzip or not, and reads its header. */
export async function openCsv(path: string, options: ReadOptions = {}): Promise<TableSource> {
  const { parser, feed, source } = await openFeed(path, options);
  let started = false;
  return {
    path,
    format: "csv",
    columns: parser.header ?? [],
    headerLine: parser.headerLine,
    batches() {
      if (started) throw new Error(`batches() of ${path} can only be iterated once`);
      started = true;
      return feed.rows(options.allowNoRows ?? false);
    },
    digest: () => source.digest(),
  };
}

/** The dialect as bytes, checked as openCsv checks it (a UserError for a bad one). */
export function csvDialect(path: string, options: ReadOptions = {}): { delimiter: number; quote: number; maxFieldBytes: number } {
  const delimiter = singleByte(path, "delimiter", options.delimiter ?? (isTsvName(path) ? "\t" : ","));
  const quote = singleByte(path, "quote", options.quote ?? '"');
  if (delimiter === quote)
    throw new UserError("the delimiter and the quote character are the same", { file: path, hint: "use different characters" });
  return { delimiter, quote, maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES };
}

/**
 * Reads only the header of a CSV file (with every check openCsv makes) and closes it: for the fast
 * passes, which scan the rows themselves. `gzip` says whether the stored file is gzip.
 */
export async function readCsvHeader(
  path: string,
  options: ReadOptions = {},
): Promise<{ columns: string[]; headerLine: number; gzip: boolean }> {
  const { parser, feed, source } = await openFeed(path, options);
  await feed.close();
  return { columns: parser.header ?? [], headerLine: parser.headerLine, gzip: source.gzip };
}

async function openFeed(path: string, options: ReadOptions): Promise<{ parser: CsvParser; feed: Feed; source: ByteSource }> {
  const delimiter = singleByte(path, "delimiter", options.delimiter ?? (isTsvName(path) ? "\t" : ","));
  const quote = singleByte(path, "quote", options.quote ?? '"');
  if (delimiter === quote)
    throw new UserError("the delimiter and the quote character are the same", { file: path, hint: "use different characters" });
  const source = await openByteSource(path, { chunkBytes: options.chunkBytes });
  const parser = new CsvParser({
    file: path,
    delimiter,
    quote,
    trim: options.trim ?? false,
    nullMarkers: options.nullMarkers ?? [""],
    maxFieldBytes: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
  });
  const chunks = textChunks(source.chunks)[Symbol.asyncIterator]();
  const feed = new Feed(path, parser, chunks);
  try {
    await feed.readHeader();
  } catch (error) {
    await chunks.return?.(undefined); // close the file
    throw error;
  }
  return { parser, feed, source };
}

/** Drives the parser over the text chunks; keeps the position between the header and the rows. */
class Feed {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private ascii = true;
  private bad: TextChunk["bad"];
  private ended = false;
  private readonly path: string;
  private readonly parser: CsvParser;
  private readonly chunks: AsyncIterator<TextChunk>;

  constructor(path: string, parser: CsvParser, chunks: AsyncIterator<TextChunk>) {
    this.path = path;
    this.parser = parser;
    this.chunks = chunks;
  }

  /** Closes the file (when the rows are not going to be read). */
  async close(): Promise<void> {
    await this.chunks.return?.(undefined);
  }

  async readHeader(): Promise<void> {
    while (this.parser.header === undefined) {
      if (!(await this.step(() => this.parser.header !== undefined))) break;
    }
    if (this.parser.header === undefined) {
      throw new UserError("is empty (no header line)", {
        file: this.path,
        hint: "write a header line with the column names, then the rows",
      });
    }
  }

  async *rows(allowNoRows: boolean): AsyncGenerator<RecordBatch> {
    try {
      for (;;) {
        const more = await this.step(() => this.parser.full());
        if (this.parser.length > 0) yield this.parser.takeBatch();
        if (!more) break;
      }
    } finally {
      // Closes the file when the caller stops early or an error ends the read.
      await this.chunks.return?.(undefined);
    }
    if (this.parser.rowCount === 0 && !allowNoRows) {
      throw new UserError("has a header but no data rows", {
        file: this.path,
        line: this.parser.headerLine,
        hint: "add rows, or check that the right file was given",
      });
    }
  }

  /** Parses until `done()` (batch full, header read) or the end of the input; false at the end. */
  private async step(done: () => boolean): Promise<boolean> {
    for (;;) {
      if (done()) return true;
      if (this.pos < this.buf.length) {
        this.pos = this.parser.parse(this.buf, this.pos, this.ascii, false);
        continue;
      }
      if (this.bad !== undefined) this.failBadByte(this.bad);
      if (this.ended) return false;
      const next = await this.chunks.next();
      if (next.done === true) {
        this.ended = true;
        // The carried field is the last one: the end of the file ends it (or leaves its quote open).
        this.parser.parse(this.parser.carry ?? EMPTY, 0, this.ascii, true);
        return false;
      }
      const { bytes, ascii, bad } = next.value;
      const carry = this.parser.carry;
      this.buf = carry === undefined ? bytes : Buffer.concat([carry, bytes]);
      this.ascii = ascii && (carry === undefined || this.ascii);
      this.pos = 0;
      this.bad = bad;
    }
  }

  private failBadByte(bad: NonNullable<TextChunk["bad"]>): never {
    const carry = this.parser.carry;
    const line = this.parser.line + (carry === undefined ? 0 : countLineBreaks(carry, 0, carry.length));
    throw new UserError(bad === "NUL byte" ? "contains a NUL byte" : "is not valid UTF-8", {
      file: this.path,
      line,
      hint:
        bad === "NUL byte"
          ? "the file looks binary or corrupt; export it again as text"
          : "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
    });
  }
}

function isTsvName(path: string): boolean {
  return /\.tsv(\.gz)?$/i.test(path);
}

/** The single byte of a one-character ASCII option. */
function singleByte(path: string, name: string, value: string): number {
  if (value.length !== 1 || value.charCodeAt(0) > 127 || value === "\n" || value === "\r") {
    throw new UserError(`the CSV ${name} must be one ASCII character other than a line break, not ${JSON.stringify(value)}`, {
      file: path,
      hint: `set the dialect's ${name} to a single character such as "," or ";"`,
    });
  }
  return value.charCodeAt(0);
}
