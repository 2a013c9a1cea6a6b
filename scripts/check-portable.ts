/**
 * `npm run lint` (and so CI) fails when a tracked file under src/, test/, bench/, scripts/ or bin/
 * names the shared folder beside the repository or an absolute path of one machine: such a file
 * works only where that folder or path happens to exist, never on a user's fresh clone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { coveredByPortableRule, findNonPortable } from "./lib/portable.ts";

const root = process.argv[2] ?? join(import.meta.dirname, "..");
// Tracked files and new ones git does not ignore, as they are in the working tree (a deleted file is gone).
const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => coveredByPortableRule(file) && existsSync(join(root, file)));
const findings = tracked.flatMap((file) => findNonPortable(file, readFileSync(join(root, file), "utf8")));
for (const finding of findings) console.error(`${finding.file}:${finding.line}:${finding.column}: "${finding.text}" ${finding.message}`);
if (findings.length > 0) {
  console.error(
    `portable: ${findings.length} path(s) outside the repository in ${new Set(findings.map((f) => f.file)).size} file(s); a fresh clone has none of them`,
  );
  process.exit(1);
}
console.log(`portable: ${tracked.length} tracked file(s) under src/, test/, bench/, scripts/ and bin/ name nothing outside the repository`);
