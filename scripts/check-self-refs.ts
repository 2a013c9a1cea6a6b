/**
 * Checks the references our workflows and actions make to this repository itself
 * (`modelship/modelship/actions/<name>@REF`, `modelship/modelship/.github/workflows/<file>.yml@REF`):
 * - the referenced `actions/<name>/action.yml` or `.github/workflows/<file>` exists (and is reusable);
 * - no `./actions/...` or `./.github/...` in reusable workflows or actions: they run in the caller's
 *   workspace, where `./` is the caller's repository;
 * - every self-reference (commented usage examples included) uses the same REF.
 * Scans reusable-workflows/, .github/workflows/, examples/<dir>/.github/workflows/, actions/<name>/action.yml
 * and action.yml. The rules live in scripts/lib/self-refs.ts.
 *
 *   node scripts/check-self-refs.ts                 check; exit 1 listing file:line and the fix
 *   node scripts/check-self-refs.ts --set-ref REF   rewrite every self-reference to @REF, then check
 *
 * Cutting a release (say v1.3.0; users call @v1, the major tag):
 *   node scripts/check-self-refs.ts --set-ref v1.3.0   # every self-reference now says @v1.3.0
 *   npm run build                                      # dist/, the .github/workflows copies, action.yml
 *   npm run lint && npm test && npm run check-generated
 *   git commit -am "Release v1.3.0"
 *   git tag v1.3.0 && git push origin main v1.3.0
 *   git tag -f v1 v1.3.0 && git push -f origin v1      # move the major tag to the release
 * A caller of `@v1` then runs actions and workflows that all come from v1.3.0: the references inside
 * the release are pinned to the release's own tag, never to a moving branch. (Pinning them to the
 * major tag instead, `--set-ref v1`, also passes, but then a release's workflows pick up whatever v1
 * points to later.) README.md's examples are not rewritten: they say @v1 on purpose.
 */
import { readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { checkSelfRefs, isValidRef, setRef, type SourceFile } from "./lib/self-refs.ts";
import { repositoryOf, shippedActionFiles, shippedWorkflowFiles } from "./lib/shipped-files.ts";

const { values } = parseArgs({ options: { "set-ref": { type: "string" }, root: { type: "string" } } });
const root = values.root ?? join(import.meta.dirname, "..");
const paths = [...(await shippedWorkflowFiles(root)), ...(await shippedActionFiles(root))].sort();
const repository = await repositoryOf(root);

let files: SourceFile[] = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(join(root, path), "utf8") })));

const newRef = values["set-ref"];
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
      const result = setRef(file, repository, newRef);
      for (const change of result.changes) console.log(`${change.file}:${change.line}: ${change.before}  ->  ${change.after}`);
      if (result.changes.length === 0) return file;
      changed += result.changes.length;
      await writeFile(join(root, file.path), result.text);
      return { path: file.path, text: result.text };
    }),
  );
  console.log(`set-ref: ${changed} line(s) now reference ${repository}@${newRef}`);
}

const { refs, problems, ref } = checkSelfRefs(files, repository, (path) => existsSync(join(root, path)));
for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.message}\n    fix: ${problem.fix}`);
if (problems.length > 0) {
  console.error(`\nself-refs: ${problems.length} problem(s) in ${new Set(problems.map((problem) => problem.file)).size} file(s)`);
  process.exit(1);
}
const inFiles = new Set(refs.map((selfRef) => selfRef.file)).size;
console.log(
  `self-refs: ${refs.length} reference(s) to ${repository} in ${inFiles} of ${files.length} file(s), all @${ref ?? "(none)"}, all targets exist, no local refs in reusable workflows or actions`,
);
