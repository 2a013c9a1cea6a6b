/**
 * The bytes of a data file as a stream of chunks: gunzipped when the file is gzip (detected by its
 * magic bytes, not its name), with the stored bytes hashed as they stream so the digest costs no
 * second read. Missing files, directories and corrupt gzip become UserErrors.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { errnoCode, getErrorMessage, UserError } from "../../common/errors.ts";

/** Default read size: big chunks keep per-chunk overhead negligible. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Stored-file digest: sha256 (hex) and size in bytes. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** An opened file: its decoded chunks (iterate once) and, after the end, its digest. */
export interface ByteSource {
  gzip: boolean;
  /** Size of the stored file in bytes. */
  storedBytes: number;
  chunks: AsyncIterable<Buffer>;
  /** Known once `chunks` has been read to the end. */
  digest(): FileDigest | undefined;
}

/** Opens `path` for streaming; throws a UserError for a missing file or a directory. */
export async function openByteSource(path: string, options: { chunkBytes?: number } = {}): Promise<ByteSource> {
  const size = await statRegularFile(path);
  const gzip = size >= 2 && (await hasGzipMagic(path));
  const hash = createHash("sha256");
  let bytes = 0;
  let done: FileDigest | undefined;
  const highWaterMark = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;

  async function* chunks(): AsyncGenerator<Buffer> {
    const raw = createReadStream(path, { highWaterMark });
    if (!gzip) {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    } else {
      yield* gunzipChunks({ path, raw, hash, count: (n) => (bytes += n), highWaterMark });
    }
    done = { sha256: hash.digest("hex"), bytes };
  }

  return { gzip, storedBytes: size, chunks: chunks(), digest: () => done };
}

/** Streams `raw` through gunzip, hashing the compressed bytes; zlib errors become a UserError. */
async function* gunzipChunks(options: {
  path: string;
  raw: NodeJS.ReadableStream;
  hash: Hash;
  count: (n: number) => void;
  highWaterMark: number;
}): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: Math.max(options.highWaterMark, 64) });
  options.raw.on("data", (chunk: Buffer) => {
    options.hash.update(chunk);
    options.count(chunk.length);
  });
  // A read error on the file must end the iteration, not hang it.
  options.raw.on("error", (error: Error) => gunzip.destroy(error));
  options.raw.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (errnoCode(error)?.startsWith("Z_") === true) {
      throw new UserError(`is not a valid gzip stream (${getErrorMessage(error)})`, {
        file: options.path,
        hint: "re-create the file with gzip, or remove the gzip magic bytes if it is plain text",
        cause: error,
      });
    }
    throw error;
  } finally {
    gunzip.destroy();
    if ("destroy" in options.raw && typeof options.raw.destroy === "function") (options.raw as { destroy(): void }).destroy();
  }
}

/** The file's size; a UserError when it does not exist or is not a regular file. */
async function statRegularFile(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new UserError("is a directory, not a data file", { file: path, hint: "name a file inside it" });
    }
    return info.size;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") {
      throw new UserError("does not exist", { file: path, hint: "check the path (it is relative to the working directory)" });
    }
    if (errnoCode(error) === "EACCES") {
      throw new UserError("cannot be read (permission denied)", { file: path, hint: "make the file readable" });
    }
    throw error;
  }
}

/** True when the file starts with the gzip magic bytes 1f 8b. */
async function hasGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
