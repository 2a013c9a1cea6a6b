/**
 * The files `modelship init` writes, as commented text, and how `--force` merges them into files a
 * user already has: YAML by splicing the user's text at the ranges the `yaml` Document API gives (the
 * lines the merge does not change stay byte-identical), `.gitignore` by appending the lines it lacks.
 */
import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { UserError } from "../common/errors.ts";

export type Task = "binary" | "multiclass" | "regression";

/** Where init puts what it writes, relative to the repository root. */
export const INIT_PATHS = {
  config: "modelship.yaml",
  contract: "data/contract.yaml",
  trainConfig: "train/train.yaml",
  policy: "policies/gates.yaml",
  workflow: ".github/workflows/model.yml",
  gitignore: ".gitignore",
} as const;

/** The lines init's .gitignore needs. */
export const GITIGNORE_LINES = [".modelship/", "node_modules/", "/runs/", "__pycache__/", ".venv/"];

/** A YAML scalar as it must be written in flow context (quoted when plain text would change meaning). */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return /^[A-Za-z_][A-Za-z0-9_ ./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) && !value.endsWith(" ")
    ? value
    : JSON.stringify(value);
}

const flowList = (values: readonly (string | number)[]): string => `[${values.map((value) => yamlScalar(value)).join(", ")}]`;

export interface ConfigTemplate {
  model: string;
  source: string;
  train: string;
  test: string;
  /** How the test file came to be, for its comment. */
  testNote: string;
  task: Task;
  positiveLabel?: string;
  /** The classes, for positive_label's comment. */
  classes: string[];
}

export function configYaml(options: ConfigTemplate): string {
  const positive =
    options.task === "binary" && options.positiveLabel !== undefined
      ? `  positive_label: ${yamlScalar(options.positiveLabel)}   # the positive class, the one scored (roc_auc, recall; fairness compares its rate per group), not necessarily a good outcome (classes: ${options.classes.map((value) => JSON.stringify(value)).join(", ")}): check it\n  threshold: 0.5\n`
      : "";
  return `# modelship configuration, written by \`modelship init\` (docs/init.md in the modelship package).
# Schema: node_modules/modelship/schemas/modelship.schema.json. Paths are relative to this file.
version: 1
model: ${options.model}

data:
  contract: ${INIT_PATHS.contract}   # inferred from ${options.source}: review it, it describes the data you have
  train: ${yamlScalar(options.train)}
  test: ${yamlScalar(options.test)}   # ${options.testNote}

validate:
  fail_on: error
  max_examples: 5
  report_dir: .modelship/reports

profile:
  bins: 10
  output: .modelship/reference-profile.json

train:
  config: ${INIT_PATHS.trainConfig}   # the built-in trainer (ONNX out, preprocessing inside)
  # command: python3 train/train.py   # or your own script: it writes model.onnx (+ metrics.json) into $MODELSHIP_OUTPUT_DIR
  require_gpu: auto                 # true on a GPU runner pool that must not fall back to CPU
  output: .modelship/model

evaluate:
  model: .modelship/model/model.onnx
${positive}  report_dir: .modelship/evaluation

# The gate policy lives in its own file so that a CODEOWNERS rule can make its changes need a
# reviewer's approval: loosening a gate should never ride along unseen with a model change.
gates:
  policy: ${INIT_PATHS.policy}

# Releases: a GitHub Release per version in GitHub Actions; .modelship/registry (a folder) from the CLI.
release:
  bump: patch                       # when no version is given: the newest release + 1
  tag_format: "{model}/v{version}"
  allow_ungated: false              # a model whose gates failed is not released
`;
}

export interface TrainTemplate {
  /** Paths relative to the train config's folder. */
  train: string;
  test: string;
  contract: string;
  target: string;
  task: Task;
  features: { name: string; categorical: boolean; categories: number }[];
  skipped: { name: string; why: string }[];
}

export function trainYaml(options: TrainTemplate): string {
  const features = options.features.map((feature) =>
    feature.categorical && (feature.categories > 20 || feature.categories === 0)
      ? `  - { name: ${yamlScalar(feature.name)}, top_k: 20 }   # ${feature.categories === 0 ? "many" : feature.categories} categories: the 20 most frequent, the rest share one slot`
      : `  - ${yamlScalar(feature.name)}`,
  );
  const skipped = options.skipped.map((entry) => `  # - ${yamlScalar(entry.name)}   # left out: ${entry.why}`);
  return `# The built-in trainer, written by \`modelship init\`: \`modelship train\` reads it
# through modelship.yaml's train.config. Schema: node_modules/modelship/schemas/train-config.schema.json.
# Paths are relative to this file.
version: 1
data:
  train: ${yamlScalar(options.train)}
  test: ${yamlScalar(options.test)}          # final metrics only: never trained on
  contract: ${yamlScalar(options.contract)}   # its dialect reads the files, its types set feature kinds
target: ${yamlScalar(options.target)}
task: ${options.task}
features:
${[...features, ...skipped].join("\n")}
model:
  kind: mlp
  layers: [32, 16]
  activation: relu
epochs: 15
batch_size: 128
learning_rate: 0.005
validation_split: 0.2              # of the training rows, for early stopping
early_stopping: { patience: 3 }
seed: 42
`;
}

/** The AUC a decent model reaches, at which init judges whether the roc_auc `on: ci` gate can pass. */
export const DECENT_AUC = 0.8;

/**
 * Half the width of the 95% confidence interval of an AUC of `auc` measured on `positives` and
 * `negatives` test rows, from Hanley and McNeil's standard error (Radiology 143:29–36, 1982):
 *   Q1 = A / (2 − A)        (two positives both outrank one negative)
 *   Q2 = 2A² / (1 + A)      (one positive outranks two negatives)
 *   SE² = [A(1 − A) + (nP − 1)(Q1 − A²) + (nN − 1)(Q2 − A²)] / (nP · nN)
 * and the half-width 1.96 · SE. The bootstrap the gate uses gives intervals close to this.
 */
export function aucHalfWidth(auc: number, positives: number, negatives: number): number {
  if (positives < 1 || negatives < 1) return Number.POSITIVE_INFINITY;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return 1.96 * Math.sqrt(variance);
}

/** The roc_auc gate's floor (on the lower end of the 95% CI). */
export const AUC_FLOOR = 0.7;

export interface PolicyTemplate {
  task: Task;
  /** Why the roc_auc gate may not pass on this test set (a small one), for the comment beside it. */
  aucNote?: string;
  /** The majority class's share of the rows, for the accuracy floor. */
  majorityShare?: number;
  /** Sensitive columns, with bin edges for numeric ones. */
  sensitive: { name: string; bins?: number[] }[];
}

export function policyYaml(options: PolicyTemplate): string {
  const lines = [
    "# The gate policy, written by `modelship init`: what a model must show before it may ship.",
    "# Schema: node_modules/modelship/schemas/gate-policy.schema.json. Tighten the thresholds to what",
    "# your use of the model needs; these only refuse a model that learnt nothing useful.",
    "version: 1",
    "bootstrap: { resamples: 1000, seed: 7 }   # 95% confidence intervals for every metric",
    "quality:",
  ];
  if (options.task === "regression") {
    lines.push(
      "  - { metric: r2, min: 0, on: ci }   # the lower end of the 95% CI beats predicting the mean",
      "champion:",
      "  # release: latest   # after your first release: compare each candidate with the newest one",
      "  rules:",
      "    - { metric: rmse, margin: 0 }",
    );
    return `${lines.join("\n")}\n`;
  }
  // The floor a classifier must clear: always answering the majority class already scores its share.
  const floor = Math.min(0.99, Math.ceil(((options.majorityShare ?? 0) + 0.01) * 100) / 100);
  lines.push(
    `  - { metric: roc_auc, min: ${AUC_FLOOR}, on: ci }   # ${options.aucNote ?? "the lower end of the 95% CI must clear it (0.5 is a coin toss)"}`,
    `  - { metric: accuracy, min: ${floor} }   # the majority class is ${((options.majorityShare ?? 0) * 100).toFixed(1)}% of the rows: beat always guessing it`,
  );
  if (options.task === "binary") lines.push("  - { metric: ece, max: 0.05, severity: warn }   # calibration: a warning, not a failure");
  if (options.sensitive.length > 0) {
    const binned = options.sensitive.filter((column) => column.bins !== undefined && column.bins.length > 0);
    lines.push("fairness:", `  sensitive: ${flowList(options.sensitive.map((column) => column.name))}`);
    if (binned.length > 0)
      lines.push(
        `  bins: { ${binned.map((column) => `${yamlScalar(column.name)}: ${flowList(column.bins!)}`).join(", ")} }   # quartiles of the data: adjust to groups that mean something`,
      );
    lines.push(
      "  min_group_size: 30   # smaller groups are reported, not gated",
      "  gates:",
      "    - { metric: demographic_parity_difference, max: 0.10 }",
      "    - { metric: equalized_odds_difference, max: 0.10 }",
      "    - { metric: demographic_parity_ratio, min: 0.8, severity: warn }   # the four-fifths rule: a warning",
    );
  }
  lines.push(
    "champion:",
    "  # release: latest   # after your first release: compare each candidate with the newest one",
    "  rules:",
    "    - { metric: roc_auc, margin: 0.005 }",
    "    - { metric: accuracy, margin: 0.01 }",
  );
  if (options.sensitive.length > 0) lines.push("  fairness_max_worsening: 0.02");
  return `${lines.join("\n")}\n`;
}

export interface WorkflowTemplate {
  /** Runner labels of the train job; GitHub-hosted ubuntu-latest when undefined. */
  gpuRunner?: string[];
  /** The reusable workflow's ref (`v1`). */
  ref: string;
}

/** The repository (package.json's `repository`) whose docs the workflow's comments link, at the workflow's ref: docs/ other than init.md and install.md is not in the npm package. */
export const DOCS_URL = "https://github.com/modelship/modelship/blob";

export function workflowYaml(options: WorkflowTemplate): string {
  const docs = (name: string) => `${DOCS_URL}/${options.ref}/docs/${name}`;
  const runsOn = options.gpuRunner === undefined ? '["ubuntu-latest"]' : JSON.stringify(options.gpuRunner);
  const trainComment =
    options.gpuRunner === undefined
      ? `      # GitHub-hosted: the built-in trainer runs on CPU there (require_gpu: auto). To train on your own
      # GPU runners (${docs("gpu-runners.md")}), give their labels instead, e.g. '["self-hosted", "linux", "gpu"]'
      # (\`modelship init --force --gpu-runner self-hosted,linux,gpu\` writes it).`
      : `      # Your own runners (${docs("gpu-runners.md")}). Pull requests from forks do not train on persistent
      # self-hosted runners; if each runner takes one job and is destroyed, add train-runners-ephemeral: true.`;
  return `# The model's CI, written by \`modelship init\`: a few lines that call modelship's reusable workflow.
# Pull requests validate the data, train and evaluate the gates (sticky PR comments); a push to main
# also releases the gated model as a GitHub Release with build provenance.
name: model

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch: {}

permissions: {}

# A new push to a pull request cancels its older run; runs on main (releases) never cancel.
concurrency:
  group: model-\${{ github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  model:
    uses: modelship/modelship/.github/workflows/model-ci.yml@${options.ref}
    # The called workflow gets no more than this: comments, the release and its provenance.
    permissions:
      contents: write        # the release (pull requests only read)
      pull-requests: write   # the sticky comments
      id-token: write        # the release's build provenance
      attestations: write
    with:
      config: modelship.yaml
${trainComment}
      train-runs-on: '${runsOn}'
      # After a release on main, open the GitOps pull request that rolls it out (${docs("promotion.md")}):
      # promote-environment: production
      # gitops-repository: OWNER/gitops
    # secrets:   # with promote-environment: the GitHub App that may open pull requests in the GitOps repository
    #   gitops-app-id: \${{ secrets.GITOPS_APP_ID }}
    #   gitops-app-private-key: \${{ secrets.GITOPS_APP_PRIVATE_KEY }}
`;
}

/**
 * The .gitignore: `existing` with the lines it lacks appended under a comment, or ours. `splitSource`,
 * the CSV init split (root-relative), is ignored too: the split files hold every one of its rows, so
 * committing it would store the data twice.
 */
export function gitignoreText(existing: string | undefined, splitSource?: string): string {
  const have = new Set((existing ?? "").split(/\r?\n/).map((line) => line.trim()));
  const lacks = (line: string) =>
    !have.has(line) && !have.has(line.replace(/\/$/, "")) && !have.has(`/${line}`) && !have.has(line.replace(/^\//, ""));
  const missing = GITIGNORE_LINES.filter(lacks);
  // Anchored (`/data.csv`), and with gitignore's special characters escaped, so that it names that one file.
  const source = splitSource === undefined ? undefined : `/${splitSource.replace(/[\\*?[\]!# ]/g, (character) => `\\${character}`)}`;
  const blocks: string[] = [];
  if (missing.length > 0)
    blocks.push(
      ["# What modelship writes (reports, trained models, the local registry) and Node/Python leftovers.", ...missing].join("\n"),
    );
  if (source !== undefined && lacks(source))
    blocks.push(`# The data \`modelship init\` split into the .train and .test files beside it (commit those).\n${source}`);
  if (existing !== undefined && blocks.length === 0) return existing;
  const block = blocks.join("\n\n");
  if (existing === undefined || existing.trim() === "") return `${block}\n`;
  return `${existing}${existing.endsWith("\n") ? "" : "\n"}\n${block}\n`;
}

/**
 * `ours` merged into the user's YAML `theirs` by editing the user's text in place: every line the
 * merge does not need to change stays byte-identical (comments, their alignment, flow spacing such
 * as `[ main ]`). What changes:
 * - a key path in `overrides` (one a flag set explicitly, e.g. --gpu-runner's train-runs-on) takes
 *   our value, and the comment lines directly above the key and beside the value go with it, since
 *   they explain the value (the "GitHub-hosted" note must not stay above self-hosted runners);
 * - a key only we have is added after its preceding sibling (our order), with our comments,
 *   re-indented to the user's map, unless the file was written by init (its header says so): then a
 *   missing key is one the user removed, and it stays removed (flags given now still add theirs).
 * Keys are located through the `yaml` Document's source ranges. A file that is not YAML, or whose top
 * is not a map, is a UserError naming it.
 */
export function mergeYaml(theirs: string, ours: string, file: string, overrides: readonly (readonly string[])[] = []): string {
  const user = parseDocument(theirs);
  if (user.errors.length > 0)
    throw new UserError(`cannot merge into ${file}: it is not valid YAML (${user.errors[0]!.message.split("\n")[0]!})`, {
      file,
      hint: "fix the file, or move it away and run init again",
    });
  const generated = parseDocument(ours);
  if (user.contents === null || (isScalar(user.contents) && user.contents.value === null)) return ours;
  if (!isMap(user.contents))
    throw new UserError(`cannot merge into ${file}: its top level is not a map of keys`, { file, hint: "move it away and run init again" });
  const writtenByInit = INIT_MARKER.test(theirs.split("\n", 3).join("\n"));
  const edits: Edit[] = [];
  const touches = (path: readonly string[]) =>
    overrides.some(
      (override) =>
        override.slice(0, path.length).join("\0") === path.join("\0") || path.slice(0, override.length).join("\0") === override.join("\0"),
    );
  addMissing(
    { map: user.contents, text: theirs },
    { map: generated.contents as YAMLMap, text: ours },
    [],
    (path) => !writtenByInit || touches(path),
    edits,
  );
  for (const path of overrides) {
    const mine = pairAt(generated.contents as YAMLMap, path);
    const yours = pairAt(user.contents, path);
    if (mine === undefined || yours === undefined) continue;
    if (JSON.stringify(user.getIn(path)) === JSON.stringify(generated.getIn(path))) continue;
    const [start, end] = pairSpan(theirs, yours, true);
    const column = start === end ? 0 : keyColumn(theirs, yours);
    const [ourStart, ourEnd] = pairSpan(ours, mine, true);
    edits.push({ start, end, text: reindent(ours.slice(ourStart, ourEnd), keyColumn(ours, mine), column) });
  }
  if (edits.length === 0) return theirs;
  let text = theirs;
  // From the end back, so earlier offsets hold; at one offset a replacement goes before the insertions
  // (which must not fall inside it), and insertions in reverse, so that they end up in our order.
  const ordered = edits.map((edit, index) => ({ ...edit, index }));
  for (const edit of ordered.sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index)) {
    const glue = edit.start === text.length && text !== "" && !text.endsWith("\n") ? "\n" : "";
    text = text.slice(0, edit.start) + glue + edit.text + text.slice(edit.end);
  }
  return text;
}

/** The first lines of every YAML file init writes say so. */
const INIT_MARKER = /written by `modelship init`/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Side {
  map: YAMLMap;
  text: string;
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function pairAt(map: YAMLMap, path: readonly string[]): Pair | undefined {
  let current: unknown = map;
  let found: Pair | undefined;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    found = current.items.find((pair) => keyOf(pair) === key);
    if (found === undefined) return undefined;
    current = found.value;
  }
  return found;
}

const lineStart = (text: string, at: number) => text.lastIndexOf("\n", at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const next = text.indexOf("\n", at);
  return next === -1 ? text.length : next + 1;
};

function keyColumn(text: string, pair: Pair): number {
  const at = (pair.key as Node).range![0];
  return at - lineStart(text, at);
}

/**
 * A pair's lines: from the start of its key's line (and, with `comments`, the comment lines right
 * above it at the key's indentation) to the end of the line where its value ends (its inline comment included).
 */
function pairSpan(text: string, pair: Pair, comments: boolean): [number, number] {
  const keyAt = (pair.key as Node).range![0];
  let start = lineStart(text, keyAt);
  const indent = text.slice(start, keyAt);
  if (comments)
    while (start > 0) {
      const previous = lineStart(text, start - 1);
      const line = text.slice(previous, start - 1);
      if (!line.startsWith(`${indent}#`)) break;
      start = previous;
    }
  const value = pair.value as Node | null;
  const range = value?.range ?? (pair.key as Node).range!;
  const valueEnd = range[1];
  const end = valueEnd > 0 && text[valueEnd - 1] === "\n" ? valueEnd : lineEnd(text, Math.max(valueEnd, (pair.key as Node).range![1]));
  return [start, end];
}

/** `block`'s lines moved from column `from` to column `to`. */
function reindent(block: string, from: number, to: number): string {
  const lines = block.split("\n");
  return lines
    .map((line) => (line.trim() === "" ? line : " ".repeat(to) + line.slice(Math.min(from, line.length - line.trimStart().length))))
    .join("\n");
}

function addMissing(user: Side, ours: Side, path: string[], mayAdd: (path: string[]) => boolean, edits: Edit[]): void {
  const block = user.map.flow !== true && user.map.items.length > 0;
  let previous: Pair | undefined;
  for (const pair of ours.map.items) {
    const key = keyOf(pair);
    const here = [...path, String(key)];
    const existing = user.map.items.find((item) => keyOf(item) === key);
    if (existing === undefined) {
      if (!block || !mayAdd(here)) continue;
      const first = user.map.items[0]!;
      const column = keyColumn(user.text, first);
      const at = previous === undefined ? pairSpan(user.text, first, true)[0] : pairSpan(user.text, previous, false)[1];
      // Our first top-level key's comments are our file's header, not the key's.
      const [start, end] = pairSpan(ours.text, pair, !(path.length === 0 && pair === ours.map.items[0]));
      let added = reindent(ours.text.slice(start, end), keyColumn(ours.text, pair), column);
      if (!added.endsWith("\n")) added += "\n";
      // A blank line before it in ours (between top-level sections) comes along.
      if (start >= 2 && ours.text.slice(start - 2, start) === "\n\n") added = `\n${added}`;
      edits.push({ start: at, end: at, text: added });
      continue;
    }
    previous = existing;
    if (isMap(existing.value) && isMap(pair.value))
      addMissing({ map: existing.value, text: user.text }, { map: pair.value, text: ours.text }, here, mayAdd, edits);
  }
}
