/**
 * Writes the release notes of one version from CHANGELOG.md (scripts/lib/changelog.ts): the release
 * workflow's GitHub Release body. A missing or undated section fails with the file, line and fix.
 *
 *   node scripts/release-notes.ts --version v1.3.0 [--changelog CHANGELOG.md] [--out notes.md]
 *
 * Without --out the notes go to stdout; with it they are written atomically.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../src/common/atomic-write.ts";
import { isUserError } from "../src/common/errors.ts";
import { releaseNotes } from "./lib/changelog.ts";

const usage = "usage: node scripts/release-notes.ts --version v1.3.0 [--changelog CHANGELOG.md] [--out FILE]";
let values: { version?: string; changelog?: string; out?: string };
try {
  ({ values } = parseArgs({ options: { version: { type: "string" }, changelog: { type: "string" }, out: { type: "string" } } }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (values.version === undefined) {
  console.error(`--version is required\n${usage}`);
  process.exit(2);
}
const changelog = values.changelog ?? join(import.meta.dirname, "..", "CHANGELOG.md");
try {
  let text: string;
  try {
    text = await readFile(changelog, "utf8");
  } catch (error) {
    console.error(`${changelog}: cannot read it (${error instanceof Error ? error.message : String(error)})\n  Fix: pass --changelog FILE`);
    process.exit(1);
  }
  const notes = releaseNotes(text, values.version, values.changelog ?? "CHANGELOG.md");
  if (values.out === undefined) process.stdout.write(notes);
  else {
    await writeFileAtomic(values.out, notes);
    console.log(`release notes of ${values.version} (${notes.split("\n").length} lines) -> ${values.out}`);
  }
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(error.message);
  process.exit(1);
}
