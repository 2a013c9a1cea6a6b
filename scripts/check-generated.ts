/**
 * Fails when generated files (dist/, .github/workflows/<reusable>.yml, action.yml, the CRD schemas
 * schemas/upstream-crds/ made from vendor/crds/, the reference docs
 * docs/configuration.md and docs/actions.md, the example reports, the layer picture in
 * docs/architecture.md, the example's data sampled from datasets/adult/) differ
 * from what the sources produce: rebuilds them, then
 * asks git whether anything changed (modified, deleted or not yet committed). A committed hand edit to a
 * generated file is overwritten by the rebuild, so it shows up as a change too.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const node = process.execPath;
execFileSync(node, [join(root, "scripts/generate-crd-schemas.ts")], { cwd: root, stdio: "inherit" });
execFileSync(node, [join(root, "scripts/build.ts")], { cwd: root, stdio: "inherit" });
execFileSync(node, [join(root, "scripts/generate.ts")], { cwd: root, stdio: "inherit" });
execFileSync(node, [join(root, "scripts/make-example-data.ts")], { cwd: root, stdio: "inherit" });
const paths = [
  "dist",
  ".github/workflows",
  "action.yml",
  "docs/configuration.md",
  "docs/actions.md",
  "docs/examples",
  "docs/architecture.md",
  "schemas/upstream-crds",
  "examples/model-repo/data/train.csv",
  "examples/model-repo/data/test.csv",
];
const status = execFileSync("git", ["status", "--porcelain", "--", ...paths], { cwd: root, encoding: "utf8" });
if (status.trim() !== "") {
  const diff = execFileSync("git", ["diff", "--stat", "--", ...paths], { cwd: root, encoding: "utf8" });
  console.error(`Generated files are stale. Run \`npm run build\` and commit the result:\n${status}${diff}`);
  process.exit(1);
}
console.log("generated files are up to date");
