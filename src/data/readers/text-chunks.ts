/**
 * Turns raw byte chunks into text chunks the parsers can trust: the UTF-8 BOM is dropped, a
 * multi-byte character split across two chunks is moved whole into the next one, and each chunk is
 * checked once (fast native checks) for invalid UTF-8 and NUL bytes. A bad chunk is cut at the
 * first bad byte and flagged, so the parser can read up to it and report the line.
 */
import { isAscii, isUtf8 } from "node:buffer";

/** A chunk of text bytes; `bad` is set on the last chunk when the input had a bad byte at its end. */
export interface TextChunk {
  bytes: Buffer;
  /** True when every byte is ASCII, so fields can be sliced as latin1 (faster than UTF-8 decoding). */
  ascii: boolean;
  /** What was wrong with the byte right after `bytes`; the stream ends after this chunk. */
  bad?: "NUL byte" | "invalid UTF-8";
}

const EMPTY = Buffer.alloc(0);

/** Yields validated text chunks from raw chunks; stops after the first chunk with a bad byte. */
export async function* textChunks(raw: AsyncIterable<Buffer>): AsyncGenerator<TextChunk> {
  let held: Buffer = EMPTY;
  let first = true;
  for await (const incoming of raw) {
    let chunk = held.length > 0 ? Buffer.concat([held, incoming]) : incoming;
    if (first) {
      // The BOM check needs 3 bytes; tiny chunks (tests) are held until there are enough.
      if (chunk.length < 3 && isBomPrefix(chunk)) {
        held = chunk;
        continue;
      }
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const cut = incompleteTail(chunk);
    held = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : EMPTY;
    const text = cut < chunk.length ? chunk.subarray(0, cut) : chunk;
    const checked = checkChunk(text);
    yield checked;
    if (checked.bad !== undefined) return;
  }
  // Held bytes at the end are an unfinished multi-byte character (a BOM prefix is one too).
  if (held.length > 0) yield { bytes: EMPTY, ascii: true, bad: "invalid UTF-8" };
}

function isBomPrefix(chunk: Buffer): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  for (let i = 0; i < chunk.length && i < 3; i++) if (chunk[i] !== bom[i]) return false;
  return true;
}

/** Validates one chunk; on a bad byte, returns the part before it with the reason. */
function checkChunk(bytes: Buffer): TextChunk {
  const nul = bytes.indexOf(0);
  if (isAscii(bytes)) {
    return nul < 0 ? { bytes, ascii: true } : { bytes: bytes.subarray(0, nul), ascii: true, bad: "NUL byte" };
  }
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalid < 0 && nul < 0) return { bytes, ascii: false };
  if (invalid < 0 || (nul >= 0 && nul < invalid)) return { bytes: bytes.subarray(0, nul), ascii: false, bad: "NUL byte" };
  return { bytes: bytes.subarray(0, invalid), ascii: false, bad: "invalid UTF-8" };
}

/**
 * Where a trailing, unfinished multi-byte sequence starts (the chunk length when there is none).
 * Only looks at the last 3 bytes: a longer broken sequence is invalid anyway and caught by validation.
 */
export function incompleteTail(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back] ?? 0;
    if (byte < 0x80) return end; // ASCII: nothing pending
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return need > back ? end - back : end;
    }
    // a continuation byte: keep looking for the lead byte
  }
  return end;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included); -1 if none. */
export function firstInvalidUtf8(bytes: Buffer): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
