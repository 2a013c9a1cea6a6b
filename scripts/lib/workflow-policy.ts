/**
 * Our security policy for workflows and composite actions, which actionlint does not enforce
 * (scripts/actionlint.ts runs both over the files we ship; test/security/workflows.test.ts runs it
 * over the workflows our docs show too):
 * - every workflow sets `permissions:` at the top, and every job that runs steps its own;
 * - third-party actions are pinned to a full commit SHA (our own are pinned by release tag, or by SHA in a release);
 * - no `${{ }}` inside `run:` (pass values through `env:` so nothing is spliced into a shell).
 */
import { isMap, isScalar, LineCounter, parseDocument, visit, type Scalar } from "yaml";

export interface PolicyFinding {
  file: string;
  line: number;
  message: string;
}

/**
 * The policy's findings in one workflow (or, with kind "action", an action.yml); `repository` is
 * ours (`owner/name`), whose references are checked by scripts/check-self-refs.ts instead.
 */
export function checkWorkflowPolicy(
  file: string,
  text: string,
  repository: string,
  kind: "workflow" | "action" = "workflow",
): PolicyFinding[] {
  /** Our own actions and workflows (`owner/name/...@REF`, `owner/name@REF`). */
  const isSelf = (uses: string) => uses.startsWith(`${repository}/`) || uses.startsWith(`${repository}@`);
  const findings: PolicyFinding[] = [];
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
