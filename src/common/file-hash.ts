/** sha256 of files (streamed, so size does not matter) and of bytes: the fingerprints every stage records. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** sha256 (hex) and size of a file, streamed. A missing or unreadable file rejects with Node's error: callers say what it means. */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** sha256 (hex) of text or bytes. */
export function sha256Of(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
