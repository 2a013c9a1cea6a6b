/**
 * gzip (RFC 1952) around deflate "stored" blocks (RFC 1951 §3.2.4): a `.gz` every gunzip reads,
 * whose bytes depend on the input alone. A release is immutable and checksummed, and re-running a
 * release must give the same bytes, so the archive cannot hold what zlib's compressor chooses:
 * node-tar's own README ("Reproducible archives") warns that compressed bytes "can still differ,
 * because they come from the zlib library of the runtime", and GitHub's node24 runtime moves on.
 * Stored blocks cost about nothing here: the archive is mostly ONNX weights (floats), which deflate
 * barely shrinks. The header carries no time stamp (MTIME 0), no name, and OS 255 ("unknown").
 */
import { crc32 } from "node:zlib";

/** The most bytes one stored block holds (LEN is 16 bits). */
const BLOCK = 0xffff;
/** ID1 ID2, CM 8 (deflate), FLG 0, MTIME 0, XFL 0, OS 255. */
const HEADER = Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff);

function storedBlock(data: Uint8Array, final: boolean): Uint8Array {
  const block = new Uint8Array(5 + data.length);
  // BFINAL in bit 0, BTYPE 00 (stored) in bits 1-2; the rest of the byte pads to the boundary.
  block[0] = final ? 1 : 0;
  block[1] = data.length & 0xff;
  block[2] = data.length >>> 8;
  block[3] = ~data.length & 0xff;
  block[4] = (~data.length >>> 8) & 0xff;
  block.set(data, 5);
  return block;
}

function uint32le(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
  return bytes;
}

/** The gzip stream of `chunks`, chunk by chunk, in constant memory. */
export async function* storedGzip(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield HEADER;
  let crc = 0;
  let size = 0;
  // A block is written only once more data follows it, so the last one can carry BFINAL.
  let pending = new Uint8Array(0);
  for await (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size = (size + chunk.length) % 2 ** 32;
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    let start = 0;
    while (joined.length - start > BLOCK) {
      yield storedBlock(joined.subarray(start, start + BLOCK), false);
      start += BLOCK;
    }
    pending = joined.slice(start);
  }
  yield storedBlock(pending, true);
  yield uint32le(crc);
  yield uint32le(size);
}
