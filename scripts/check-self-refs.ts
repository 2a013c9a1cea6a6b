/**
 * Checks the references our workflows and actions make to this repository itself
 * (`modelship/modelship/actions/<name>@REF`, `modelship/modelship/.github/workflows/<file>.yml@REF`):
 * - the referenced `actions/<name>/action.yml` or `.github/workflows/<file>` exists (and is reusable);
 * - no `./actions/...` or `./.github/...` in reusable workflows or actions: they run in the caller's
 *   workspace, where `./` is the caller's repository;
 * - every self-reference (commented usage examples included) uses the same REF;
 * - with --release: every self-reference is the full 40-hex SHA of a commit of this repository that
 *   carries the same files (actions/, dist/, action.yml, .github/workflows/, package.json,
 *   package-lock.json, .npmrc) but for the self-references' refs, and whose own self-references are
 *   SHAs too. So a caller who pins model-ci.yml by the release's SHA runs only pinned code: every
 *   action and workflow it reaches, ours included, is fixed by a commit SHA.
 * Scans reusable-workflows/, .github/workflows/, examples/<dir>/.github/workflows/, actions/<name>/action.yml
 * and action.yml. The rules live in scripts/lib/self-refs.ts.
 *
 *   node scripts/check-self-refs.ts                                  check (main: every self-reference @v1)
 *   node scripts/check-self-refs.ts --release                        check a release: pinned by SHA, as above
 *   node scripts/check-self-refs.ts --set-ref REF [--version vX.Y.Z] rewrite every self-reference to @REF
 *                                                                    (and, with a SHA, ` # vX.Y.Z`), then check
 *
 * Exit 1 lists file:line and the fix. On main the self-references say @v1. Cutting a release (say
 * v1.3.0; the release workflow of a later issue automates this), pin twice, so that the commit the
 * release pins is pinned itself:
 *   git commit -am "Release v1.3.0"                         # A: the release's files, self-references @v1
 *   node scripts/check-self-refs.ts --set-ref "$(git rev-parse HEAD)" --version v1.3.0 && npm run build
 *   git commit -am "Pin v1.3.0's self-references to A"      # B: @A (A's files are B's, but A says @v1)
 *   node scripts/check-self-refs.ts --set-ref "$(git rev-parse HEAD)" --version v1.3.0 && npm run build
 *   git commit -am "Pin v1.3.0's self-references to B"      # C: @B, and B's own self-references are SHAs
 *   node scripts/check-self-refs.ts --release && npm run lint && npm test && npm run check-generated
 *   git tag v1.3.0 && git push origin HEAD v1.3.0 && git tag -f v1 v1.3.0 && git push -f origin v1
 * README.md's examples are not rewritten: they say @v1 on purpose.
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  checkReleasePins,
  checkSelfRefs,
  COMMIT_SHA,
  isValidRef,
  sameExceptSelfRefs,
  setRef,
  VERSION_TAG,
  type Problem,
  type SourceFile,
} from "./lib/self-refs.ts";
import { repositoryOf, shippedActionFiles, shippedWorkflowFiles } from "./lib/shipped-files.ts";

const { values } = parseArgs({
  options: { "set-ref": { type: "string" }, version: { type: "string" }, release: { type: "boolean" }, root: { type: "string" } },
});
const root = values.root ?? join(import.meta.dirname, "..");
const paths = [...(await shippedWorkflowFiles(root)), ...(await shippedActionFiles(root))].sort();
const repository = await repositoryOf(root);

let files: SourceFile[] = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(join(root, path), "utf8") })));

const newRef = values["set-ref"];
const version = values.version;
if (version !== undefined && (newRef === undefined || !COMMIT_SHA.test(newRef) || !VERSION_TAG.test(version))) {
  console.error(`--version: "${version}" goes with --set-ref <40-hex SHA>, and looks like v1.3.0`);
  process.exit(2);
}
if (newRef !== undefined) {
  if (!isValidRef(newRef)) {
    console.error(`--set-ref: "${newRef}" is not a valid tag or branch name`);
    process.exit(2);
  }
  // The generated .github/workflows copies are rewritten too (they are header + source, so
  // `npm run build` reproduces them byte for byte), and hand-written workflows must match anyway.
  let changed = 0;
  files = await Promise.all(
    files.map(async (file) => {
      const result = setRef(file, repository, newRef, version === undefined ? {} : { version });
      for (const change of result.changes) console.log(`${change.file}:${change.line}: ${change.before}  ->  ${change.after}`);
      if (result.changes.length === 0) return file;
      changed += result.changes.length;
      await writeFile(join(root, file.path), result.text);
      return { path: file.path, text: result.text };
    }),
  );
  console.log(`set-ref: ${changed} line(s) now reference ${repository}@${newRef}`);
}

/** What a caller's run executes or installs from the pinned commit. */
const CARRIED = ["actions", "dist", ".github/workflows", "action.yml", "package.json", "package-lock.json", ".npmrc"];

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 28 });
  } catch {
    return undefined;
  }
}

/**
 * The release's side of the pin: `sha` is a commit here, it carries the files this tree has in
 * CARRIED (differing only in self-references), and its own self-references are SHAs.
 */
function checkPinnedCommit(sha: string): Problem[] {
  const where = { file: "(release)", line: 0 };
  if (git(["cat-file", "-e", `${sha}^{commit}`]) === undefined)
    return [
      {
        ...where,
        message: `the self-references pin ${sha}, which is not a commit of this repository (or this clone lacks it)`,
        fix: "pin the commit whose files the release carries (see the header of scripts/check-self-refs.ts); in a shallow clone, fetch it first",
      },
    ];
  const problems: Problem[] = [];
  const changed = (git(["diff", "--name-only", sha, "--", ...CARRIED]) ?? "").split("\n").filter((line) => line !== "");
  const untracked = (git(["ls-files", "--others", "--exclude-standard", "--", ...CARRIED]) ?? "").split("\n").filter((line) => line !== "");
  for (const path of [...new Set([...changed, ...untracked])].sort()) {
    const pinned = git(["show", `${sha}:${path}`]);
    const here = existsSync(join(root, path)) ? readFileSync(join(root, path), "utf8") : undefined;
    if (pinned !== undefined && here !== undefined && /\.ya?ml$/.test(path) && sameExceptSelfRefs(path, pinned, here, repository)) continue;
    problems.push({
      file: path,
      line: 1,
      message: `differs from the pinned commit ${sha.slice(0, 12)} beyond its self-references${pinned === undefined ? " (not in that commit)" : here === undefined ? " (not in this tree)" : ""}: the release would run that commit's files, not these`,
      fix: "pin the commit whose files this tree carries: commit first, then `--set-ref <that SHA>`",
    });
  }
  const pinnedFiles = paths.flatMap((path) => {
    const text = git(["show", `${sha}:${path}`]);
    return text === undefined ? [] : [{ path, text }];
  });
  for (const problem of checkReleasePins(pinnedFiles, repository))
    problems.push({
      file: problem.file,
      line: problem.line,
      message: `in the pinned commit ${sha.slice(0, 12)}: ${problem.message}; a caller who reaches it through this release runs whatever that ref points to`,
      fix: "pin twice: the commit this release pins must pin its own self-references by SHA (see the header of scripts/check-self-refs.ts)",
    });
  return problems;
}

const { refs, problems, ref } = checkSelfRefs(files, repository, (path) => existsSync(join(root, path)));
if (values.release === true) {
  const unpinned = checkReleasePins(files, repository);
  problems.push(...unpinned);
  if (unpinned.length === 0 && problems.length === 0 && ref !== undefined) problems.push(...checkPinnedCommit(ref));
}
for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.message}\n    fix: ${problem.fix}`);
if (problems.length > 0) {
  console.error(`\nself-refs: ${problems.length} problem(s) in ${new Set(problems.map((problem) => problem.file)).size} file(s)`);
  process.exit(1);
}
const inFiles = new Set(refs.map((selfRef) => selfRef.file)).size;
console.log(
  `self-refs: ${refs.length} reference(s) to ${repository} in ${inFiles} of ${files.length} file(s), all @${ref ?? "(none)"}, all targets exist, no local refs in reusable workflows or actions${values.release === true ? `; release: pinned by SHA to a commit that carries these files and is pinned itself` : ""}`,
);
