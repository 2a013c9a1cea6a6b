/**
 * Runs GitHub's own workflow parser (@actions/workflow-parser, the one behind the Actions language
 * service) over a workflow's text and returns what it reports: schema errors, unknown keys, bad
 * expressions, and (through `resolve`) inputs and secrets that a called reusable workflow does not
 * declare or requires.
 *
 * The package is built for bundlers: it imports its JSON schema without `with { type: "json" }`,
 * which Node refuses. A resolve hook adds the attribute for that package's JSON files only, and the
 * package is imported after the hook is in place.
 */
import { registerHooks } from "node:module";
import type { File } from "@actions/workflow-parser/workflows/file";
import type { FileReference } from "@actions/workflow-parser/workflows/file-reference";

registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    if (result.url.includes("/@actions/workflow-parser/") && result.url.endsWith(".json"))
      return { ...result, importAttributes: { ...context.importAttributes, type: "json" } };
    return result;
  },
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");
const { parseAction } = await import("@actions/workflow-parser/actions/index");

export interface ParseError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Gives the text of a reusable workflow a job calls (`{ path }` for `./...`, else owner, repository,
 * path and version). Undefined means "not ours to check" (another repository's workflow: the job's
 * inputs go unchecked); a throw means the workflow should be here and is not (reported as an error).
 */
export type WorkflowResolver = (ref: FileReference) => Promise<File | undefined> | File | undefined;

const UNRESOLVED = "Unable to find reusable workflow";

/** Parses and converts one workflow; [] when GitHub's parser finds nothing wrong. */
export async function parseWorkflowText(file: string, content: string, resolve?: WorkflowResolver): Promise<ParseError[]> {
  const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const skipped: string[] = [];
  if (result.value !== undefined) {
    await convertWorkflowTemplate(
      result.context,
      result.value,
      {
        async getFileContent(ref: FileReference): Promise<File> {
          const found = await resolve?.(ref);
          if (found === undefined) {
            skipped.push("repository" in ref ? `${ref.owner}/${ref.repository}/${ref.path}@${ref.version}` : `./${ref.path}`);
            throw new Error(UNRESOLVED);
          }
          return found;
        },
      },
      { fetchReusableWorkflowDepth: resolve === undefined ? 0 : 1 },
    );
  }
  const lines = content.split("\n");
  return result.context.errors
    .getErrors()
    .map((error) => ({ file, line: error.range?.start.line ?? 1, column: error.range?.start.column ?? 1, message: error.rawMessage }))
    .filter((error) => !(error.message === UNRESOLVED && skipped.some((ref) => lines[error.line - 1]?.includes(ref))));
}

/** Parses one action.yml against GitHub's action schema; [] when clean. */
export function parseActionText(file: string, content: string): ParseError[] {
  const result = parseAction({ name: file, content }, new NoOperationTraceWriter());
  return result.context.errors
    .getErrors()
    .map((error) => ({ file, line: error.range?.start.line ?? 1, column: error.range?.start.column ?? 1, message: error.rawMessage }));
}
