/**
 * Reads YAML (and JSON, which is YAML) documents and keeps the source positions, so an error found
 * later at a JSON pointer can name the line and column it came from.
 */
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node, type YAMLError } from "yaml";
import { errnoCode, UserError } from "./errors.ts";

export interface YamlSource<T = unknown> {
  file: string;
  data: T;
  document: Document;
  /** 1-based line and column of the node at a JSON pointer (or its key's), or of its nearest existing parent. */
  locate(pointer: string, prefer?: "value" | "key"): { line: number; column: number } | undefined;
}

/** Splits an RFC 6901 pointer into its unescaped tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Builds a pointer from tokens. */
export function toPointer(tokens: (string | number)[]): string {
  return tokens.map((token) => `/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** One UserError for YAML syntax errors: the first one's line and column, and every further one listed as `file:line:col: message`. */
export function syntaxError(errors: readonly YAMLError[], lineCounter: LineCounter, file: string): UserError {
  const first = errors[0]!;
  const position = lineCounter.linePos(first.pos[0]);
  const details = errors.slice(1).map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return `${file}:${pos.line}:${pos.col}: ${error.message.split("\n")[0] ?? error.code}`;
  });
  return new UserError(
    `YAML syntax error: ${first.message.split("\n")[0] ?? first.code}${details.length > 0 ? `\n${details.join("\n")}` : ""}`,
    {
      file,
      line: position.line,
      column: position.col,
      hint: "fix the YAML syntax at that position (indentation, a missing colon or quote are the usual causes)",
    },
  );
}

/** Parses YAML text; syntax errors become one UserError with every problem's line and column. */
export function parseYamlSource<T = unknown>(text: string, file: string): YamlSource<T> {
  const lineCounter = new LineCounter();
  const options = { lineCounter, prettyErrors: false, uniqueKeys: true } as const;
  let document: Document = parseDocument(text, options);
  if (document.errors.some((error) => error.code === "MULTIPLE_DOCS")) document = onlyDocument(text, file);
  if (document.errors.length > 0) throw syntaxError(document.errors, lineCounter, file);
  const data = documentData(document, file, lineCounter) as T;
  return {
    file,
    data,
    document,
    locate(pointer: string, prefer: "value" | "key" = "value") {
      return positionIn(document, lineCounter, pointer, prefer);
    },
  };
}

/**
 * The one document of a file that has `---` separators: a trailing `---` or a comment-only document
 * after the first is harmless, a second document with content is a UserError at its start (we read
 * one document, and taking the first silently would drop the rest).
 */
function onlyDocument(text: string, file: string): Document {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first, ...rest] = documents;
  const extra = rest.filter(
    (document) =>
      document.errors.length > 0 || !(document.contents === null || (isScalar(document.contents) && document.contents.source === "")),
  );
  if (first && extra.length === 0) return first;
  const start = extra[0]?.range[0] ?? 0;
  const position = lineCounter.linePos(start);
  throw new UserError(`holds ${1 + extra.length} YAML documents; this file must be a single document`, {
    file,
    line: position.line,
    hint: "merge the documents into one (remove the `---` line named here and what follows it, or move those keys into the first document)",
  });
}

/** How many times aliases may be expanded in one document: enough for real anchors, far too few for a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 100;

/**
 * A parsed document as plain data. Aliases that expand past {@link MAX_ALIAS_COUNT} (an alias bomb:
 * a few lines that would expand to gigabytes) are a UserError naming the file, not a crash.
 */
export function documentData(document: Document, file: string, lineCounter?: LineCounter): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package throws a ReferenceError ("Excessive alias count indicates a resource exhaustion attack").
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    const start = document.contents?.range?.[0];
    const position = start !== undefined && lineCounter ? lineCounter.linePos(start) : undefined;
    throw new UserError(`YAML aliases expand too far: more than ${MAX_ALIAS_COUNT} alias expansions in one document (an alias bomb?)`, {
      file,
      line: position?.line,
      hint: "write the values out instead of nesting anchors and aliases (*name) inside each other",
      cause: error,
    });
  }
}

/**
 * 1-based line and column of the node at a JSON pointer in `document`, or of its nearest existing
 * parent. For a map entry, `prefer` picks the value's position (the default) or the key's (a block
 * value starts on the line below its key).
 */
export function positionIn(
  document: Document,
  lineCounter: LineCounter,
  pointer: string,
  prefer: "value" | "key" = "value",
): { line: number; column: number } | undefined {
  let node: unknown = document.contents;
  let found: Node | undefined = hasRange(node) ? node : undefined;
  for (const token of pointerTokens(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token);
      if (!pair) break;
      node = pair.value;
      const [first, second] = prefer === "key" ? [pair.key, pair.value] : [pair.value, pair.key];
      if (hasRange(first)) found = first;
      else if (hasRange(second)) found = second;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(token)];
      if (!hasRange(item)) break;
      node = item;
      found = item;
    } else break;
  }
  if (!found?.range) return undefined;
  const pos = lineCounter.linePos(found.range[0]);
  return { line: pos.line, column: pos.col };
}

function hasRange(node: unknown): node is Node {
  return typeof node === "object" && node !== null && "range" in node && Array.isArray((node as Node).range);
}

/** Reads and parses a YAML or JSON file; a missing file is a UserError that names it. */
export async function readYamlFile<T = unknown>(file: string, what = "file"): Promise<YamlSource<T>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT")
      throw new UserError(`${what} not found`, { file, hint: "check the path (it is relative to the working directory)" });
    if (code === "EISDIR")
      throw new UserError(`${what} is a directory, not a file`, { file, hint: "name the file itself, not its folder" });
    throw new UserError(`cannot read ${what}: ${code ?? String(error)}`, { file, hint: "check the file's permissions", cause: error });
  }
  return parseYamlSource<T>(text, file);
}
