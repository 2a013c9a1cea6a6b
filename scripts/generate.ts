/**
 * Writes the generated files, so they can never drift from their sources:
 * - `.github/workflows/<name>.yml` from `reusable-workflows/<name>.yml` (GitHub loads reusable
 *   workflows only from .github/workflows/);
 * - the root `action.yml`, whose inputs are the union of the JavaScript actions' inputs;
 * - `docs/configuration.md` from `schemas/*.schema.json` and `docs/actions.md` from the action and
 *   reusable-workflow files (rendered by scripts/lib/reference-docs.ts);
 * - the layer picture in `docs/architecture.md` from scripts/lib/layers.ts.
 * `node scripts/check-generated.ts` fails when a committed copy differs.
 */
import { renderDriftReport } from "../src/drift/drift-markdown.ts";
import { renderGateReport } from "../src/gates/gate-markdown.ts";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { PICTURE_END, PICTURE_START, renderLayerPicture } from "./lib/layers.ts";
import {
  renderActionsReference,
  renderConfigurationReference,
  type ActionInput,
  type ActionManifest,
  type ActionSource,
  type SchemaFile,
  type WorkflowSource,
} from "./lib/reference-docs.ts";

const root = join(import.meta.dirname, "..");

/** Replaces the layer picture between its markers in docs/architecture.md with the one scripts/lib/layers.ts draws. */
async function writeLayerPicture(): Promise<string> {
  const path = join(root, "docs/architecture.md");
  const text = await readFile(path, "utf8");
  const start = text.indexOf(PICTURE_START);
  const end = text.indexOf(PICTURE_END);
  if (start === -1 || end < start) throw new Error(`docs/architecture.md has no "${PICTURE_START}" … "${PICTURE_END}" block`);
  await writeFile(path, text.slice(0, start) + renderLayerPicture() + text.slice(end + PICTURE_END.length));
  return "docs/architecture.md (layers)";
}
const HEADER = (source: string) =>
  `# GENERATED from ${source} by scripts/generate.ts — do not edit; edit the source and run \`npm run build\`.\n`;

/** A reusable workflow's source: its file name in reusable-workflows/ and its text. */
interface WorkflowText {
  file: string;
  text: string;
}

/** Every actions/<dir>/action.yml, parsed, in directory order. */
async function readActions(): Promise<ActionSource[]> {
  const dirs = (await readdir(join(root, "actions"), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    dirs.map(async (dir) => ({ dir, manifest: parse(await readFile(join(root, "actions", dir, "action.yml"), "utf8")) as ActionManifest })),
  );
}

/** Every reusable-workflows/*.yml, in file order. */
async function readReusableWorkflows(): Promise<WorkflowText[]> {
  const files = (await readdir(join(root, "reusable-workflows"))).filter((file) => /\.ya?ml$/.test(file)).sort();
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(root, "reusable-workflows", file), "utf8") })));
}

async function syncWorkflows(sources: readonly WorkflowText[]): Promise<string[]> {
  const targetDir = join(root, ".github/workflows");
  await mkdir(targetDir, { recursive: true });
  const names = new Set(sources.map((source) => source.file));
  // A copy whose source is gone is removed; hand-written workflows (no header) are left alone.
  for (const file of await readdir(targetDir)) {
    if (names.has(file)) continue;
    if ((await readFile(join(targetDir, file), "utf8")).startsWith("# GENERATED from reusable-workflows/")) await rm(join(targetDir, file));
  }
  for (const { file, text } of sources) await writeFile(join(targetDir, file), HEADER(`reusable-workflows/${file}`) + text);
  return sources.map((source) => `.github/workflows/${source.file}`);
}

/** Writes the root action.yml (the JavaScript actions behind one `command` input) and returns its manifest. */
async function writeRootAction(actions: readonly ActionSource[]): Promise<ActionManifest> {
  const inputs: Record<string, ActionInput> = {
    command: { description: `The modelship action to run: {commands}.`, required: true },
  };
  const outputs: Record<string, { description: string }> = {};
  const commands: string[] = [];
  for (const { dir: name, manifest } of actions) {
    if (manifest.runs?.using?.startsWith("node") !== true) continue;
    commands.push(name);
    for (const [inputName, spec] of Object.entries(manifest.inputs ?? {})) {
      const input = spec ?? {};
      const known = inputs[inputName];
      if (known && known.default !== input.default)
        throw new Error(`input "${inputName}" has different defaults in two actions; the root action cannot share it`);
      // A name several actions share keeps each action's own words: `model` is a file to release but MODEL@VERSION to fetch.
      if (known) known.description = `${known.description ?? ""} (${name}) ${input.description ?? ""}`.trim();
      else
        inputs[inputName] = {
          description: `(${name}) ${input.description ?? ""}`.trim(),
          required: false,
          ...(input.default === undefined ? {} : { default: input.default }),
        };
    }
    for (const [outputName, output] of Object.entries(manifest.outputs ?? {})) {
      const known = outputs[outputName];
      outputs[outputName] = {
        description: `${known === undefined ? "" : `${known.description} `}(${name}) ${output?.description ?? ""}`.trim(),
      };
    }
  }
  inputs.command!.description = `The modelship action to run: ${commands.join(", ")}.`;
  const manifest = {
    name: "modelship",
    description: "Take an ML model from a pull request to production through GitOps: run any modelship JavaScript action by name.",
    author: "modelship",
    branding: { icon: "package", color: "blue" },
    inputs,
    outputs,
    runs: { using: "node24", main: "dist/main.js" },
  };
  await writeFile(join(root, "action.yml"), HEADER("actions/*/action.yml") + stringify(manifest, { lineWidth: 0 }));
  return manifest;
}

/** The user-written files configuration.md documents, in this order; the gate policy's nested keys are under `gates`. */
const CONFIG_DOCUMENTS = [
  { file: "schemas/modelship.schema.json", heading: "modelship.yaml" },
  { file: "schemas/data-contract.schema.json", heading: "Data contract" },
  { file: "schemas/train-config.schema.json", heading: "train.yaml (built-in trainer)" },
  { file: "schemas/gate-policy.schema.json", heading: "Gate policy file", nestedUnder: "gates" },
];

async function writeReferenceDocs(
  actions: ActionSource[],
  rootAction: ActionManifest,
  workflowTexts: readonly WorkflowText[],
): Promise<string[]> {
  await mkdir(join(root, "docs"), { recursive: true });
  const schemaFiles = (await readdir(join(root, "schemas"))).filter((file) => file.endsWith(".schema.json")).sort();
  const schemas: SchemaFile[] = await Promise.all(
    schemaFiles.map(async (file) => ({
      file: `schemas/${file}`,
      schema: JSON.parse(await readFile(join(root, "schemas", file), "utf8")) as Record<string, unknown>,
    })),
  );
  await writeFile(join(root, "docs/configuration.md"), renderConfigurationReference(schemas, CONFIG_DOCUMENTS));

  const workflows: WorkflowSource[] = workflowTexts.map(({ file, text }) => ({
    file,
    workflow: parse(text) as WorkflowSource["workflow"],
  }));
  await writeFile(join(root, "docs/actions.md"), renderActionsReference({ actions, rootAction, workflows }));
  return ["docs/configuration.md", "docs/actions.md"];
}

/**
 * docs/examples/*.md: real reports (gate-report.json and drift-report.json from `npm run demo`, paths
 * shortened) rendered by the same code as the PR comment and the drift issue, so the README's
 * example can never drift from what users see.
 */
async function writeExampleReports(): Promise<string[]> {
  const gate = JSON.parse(await readFile(join(root, "docs/examples/gate-report.json"), "utf8")) as Parameters<typeof renderGateReport>[0];
  await writeFile(join(root, "docs/examples/gate-report.md"), `${renderGateReport(gate)}\n`);
  const drift = JSON.parse(await readFile(join(root, "docs/examples/drift-report.json"), "utf8")) as Parameters<
    typeof renderDriftReport
  >[0];
  await writeFile(join(root, "docs/examples/drift-report.md"), `${renderDriftReport(drift)}\n`);
  return ["docs/examples/gate-report.md", "docs/examples/drift-report.md"];
}

// Each source is read once; the docs document the root action.yml as written.
const [actions, workflows] = await Promise.all([readActions(), readReusableWorkflows()]);
const written = await syncWorkflows(workflows);
const rootAction = await writeRootAction(actions);
written.push(
  "action.yml",
  ...(await writeReferenceDocs(actions, rootAction, workflows)),
  ...(await writeExampleReports()),
  await writeLayerPicture(),
);
console.log(`generated ${written.join(", ")}`);
