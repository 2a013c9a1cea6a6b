import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runContractInferStage
} from "./chunk-FRS5GCCT.js";
import "./chunk-DUVNE2TN.js";
import {
  commandOutput,
  integerFlag,
  numberFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  train_config_schema_default
} from "./chunk-H6DAK75W.js";
import {
  printable
} from "./chunk-WW4KD5R5.js";
import "./chunk-AZJWTHTA.js";
import {
  parseContract
} from "./chunk-WC5L3K5J.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-RNR6NDII.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  gate_policy_schema_default,
  parseConfig
} from "./chunk-YVAZ7I5R.js";
import {
  assertValid,
  parseYamlSource,
  require_dist
} from "./chunk-RGJ5T3QL.js";
import "./chunk-FBC54HEI.js";
import "./chunk-HFKEWQQZ.js";
import {
  sniffDialect,
  splitRecords
} from "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import {
  openTable
} from "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import {
  UserError,
  errnoCode
} from "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/stages/init-data.ts
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve, sep as sep2 } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

// src/stages/init-paths.ts
import { constants } from "node:fs";
import { lstat, open, realpath, rm, rmdir } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
async function checkOutputPath(root, path) {
  const parts = path.split("/");
  for (let index = 0; index < parts.length; index++) {
    const sub = parts.slice(0, index + 1).join("/");
    const last = index === parts.length - 1;
    const info = await lstat(join(root, sub)).catch((error) => {
      if (errnoCode(error) === "ENOENT") return void 0;
      throw error;
    });
    if (info === void 0)
      return { path, exists: false, creates: parts.slice(index, -1).map((_, at) => parts.slice(0, index + at + 1).join("/")) };
    if (info.isSymbolicLink())
      throw new UserError(
        `${sub} is a symbolic link${last ? "" : ` (init writes ${path} inside it)`}: init does not read or write through links, which could lead out of the repository`,
        {
          file: sub,
          hint: `replace the link by a regular ${last ? "file" : "folder"} (or remove it), then run init again`
        }
      );
    if (!last && !info.isDirectory())
      throw new UserError(`${sub} is not a folder, and init writes ${path} inside it; nothing was written`, {
        file: sub,
        hint: `move ${sub} away, then run init again`
      });
    if (last && !info.isFile())
      throw new UserError(
        `${path} is not a regular file (${info.isDirectory() ? "a folder" : "a device, socket or pipe"}); nothing was written`,
        {
          file: path,
          hint: `move ${path} away, then run init again`
        }
      );
  }
  return { path, exists: true, creates: [] };
}
async function readOutput(root, path) {
  const handle = await open(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!(await handle.stat()).isFile())
      throw new UserError(`${path} is not a regular file`, { file: path, hint: `move ${path} away, then run init again` });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
async function writeOutputs(root, files, write) {
  const written = [];
  try {
    for (const file of files) {
      await write(join(root, file.place.path), file.bytes);
      written.push(file.place);
    }
  } catch (error) {
    for (const place of written) if (!place.exists) await rm(join(root, place.path), { force: true }).catch(() => void 0);
    const folders = [...new Set(files.flatMap((file) => file.place.creates))].sort((a, b) => b.split("/").length - a.split("/").length);
    for (const folder of folders) await rmdir(join(root, folder)).catch(() => void 0);
    throw error;
  }
}
async function assertInside(root, path, flag) {
  const [realRoot, real] = await Promise.all([realpath(root), realpath(join(root, path))]);
  const inside = relative(realRoot, real);
  if (inside === ".." || inside.startsWith(`..${sep}`) || inside === "" || isAbsolute(inside))
    throw new UserError(`${flag} ${path} leads out of this repository through a symbolic link (to ${real})`, {
      file: path,
      hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`
    });
}
var PLAIN = /^[\p{L}\p{M}\p{N}_.+/-]+$/u;
function shown(value) {
  return PLAIN.test(value) ? value : quoted(value);
}
function quoted(value) {
  return printable(JSON.stringify(value));
}

// src/stages/init-data.ts
var WELL_KNOWN_TARGETS = ["target", "label", "labels", "class", "y", "outcome"];
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set([".git", "node_modules", ".modelship", ".venv", "__pycache__"]);
var MAX_DEPTH = 6;
var CSV_NAME = /\.csv(\.gz)?$/i;
var SPLIT_NAME = /\.(train|test)\.csv(\.gz)?$/i;
async function findCsvFiles(root) {
  const found = [];
  const walk = async (dir, depth) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join2(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) await walk(path, depth + 1);
      } else if (entry.isFile() && CSV_NAME.test(entry.name)) found.push(relative2(root, path).split(sep2).join("/"));
    }
  };
  await walk(root, 0);
  const sources = new Set(found.filter((path) => !SPLIT_NAME.test(path)));
  return found.filter((path) => !(SPLIT_NAME.test(path) && sources.has(path.replace(SPLIT_NAME, ".csv$2")))).sort();
}
async function chooseDataFile(root, given, flag = "--data") {
  if (given !== void 0) {
    const path = resolve(root, given);
    const inside = relative2(root, path);
    if (inside === "" || inside === ".." || inside.startsWith(`..${sep2}`) || isAbsolute2(inside))
      throw new UserError(`${flag} ${given} is outside this repository`, {
        hint: `copy the file into the repository (e.g. data/), then give ${flag} its path inside it`
      });
    const info = await stat(path).catch(() => void 0);
    if (info === void 0 || !info.isFile())
      throw new UserError(`${flag} ${given}: no such file`, {
        file: given,
        hint: `give ${flag} the path of your CSV, relative to this folder`
      });
    const chosen = plainPath(inside.split(sep2).join("/"), flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  const candidates = await findCsvFiles(root);
  if (candidates.length === 1) {
    const chosen = plainPath(candidates[0], flag);
    await assertInside(root, chosen, flag);
    return chosen;
  }
  if (candidates.length === 0)
    throw new UserError("found no *.csv or *.csv.gz file in this folder or below (outside .git and node_modules)", {
      hint: "copy your data here, or name it with --data PATH"
    });
  const pair = trainTestPair(candidates);
  const example = pair !== void 0 ? `--data ${pair.train} --test ${pair.test}` : `--data ${candidates.find((path) => !/test/i.test(basename(path))) ?? candidates[0]}`;
  throw new UserError(`found ${candidates.length} CSV files, and init uses one:
${candidates.map((path) => `  ${path}`).join("\n")}`, {
    hint: `name the training data with --data and a held-out test file with --test (e.g. ${example})`
  });
}
function trainTestPair(paths) {
  const lower = new Map(paths.map((path) => [path.toLowerCase(), path]));
  const pairs = [];
  for (const path of paths) {
    const name = basename(path);
    const at = name.toLowerCase().lastIndexOf("train");
    if (at === -1) continue;
    const test = lower.get(`${path.slice(0, path.length - name.length)}${name.slice(0, at)}test${name.slice(at + 5)}`.toLowerCase());
    if (test !== void 0) pairs.push({ train: path, test });
  }
  return pairs.length === 1 ? pairs[0] : void 0;
}
function plainPath(path, flag) {
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(path))
    throw new UserError(`the data file ${quoted(path)} has a control character (a line break, a tab\u2026) in its name`, {
      hint: `rename it, then run init again (with ${flag} NEWNAME)`
    });
  return path;
}
async function readShape(root, path) {
  const dialect = await sniffDialect(join2(root, path));
  const readOptions = {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    trim: dialect.trim,
    nullMarkers: dialect.nullMarkers,
    format: "csv"
  };
  const table = await openTable(join2(root, path), readOptions);
  return { readOptions, columns: table.columns };
}
function chooseTarget(columns, given, file) {
  const listed = columns.map((column) => quoted(column)).join(", ");
  if (given !== void 0) {
    if (columns.includes(given)) return { target: given, detected: false };
    throw new UserError(`--target ${quoted(given)} is not a column of ${file}; its columns are ${listed}`, {
      file,
      hint: "give --target one of those columns (names are case-sensitive)"
    });
  }
  const known = columns.filter((column) => WELL_KNOWN_TARGETS.includes(column.toLowerCase()));
  if (known.length === 1) return { target: known[0], detected: true };
  throw new UserError(
    known.length === 0 ? `cannot tell which column of ${file} the model should predict (none is called ${WELL_KNOWN_TARGETS.join(", ")}); its columns are ${listed}` : `several columns of ${file} look like the target: ${known.map((column) => quoted(column)).join(", ")}`,
    { file, hint: "name the column the model predicts with --target COLUMN" }
  );
}
var MAX_DISTINCT = 1e5;
function isFreeText(stats) {
  return stats.values > 0 && stats.spaced / stats.values >= 0.5 && stats.distinct / stats.values >= 0.3;
}
var MAX_CLASSES = 20;
async function readTargetFacts(root, path, shape, target, numericColumns, textColumns = []) {
  const table = await openTable(join2(root, path), shape.readOptions);
  const targetIndex = table.columns.indexOf(target);
  const wanted = numericColumns.map((name) => ({ name, index: table.columns.indexOf(name), values: [] }));
  const texts = textColumns.map((name) => ({ name, index: table.columns.indexOf(name), seen: /* @__PURE__ */ new Set(), values: 0, spaced: 0 }));
  const counts = /* @__PURE__ */ new Map();
  let rows = 0;
  let numeric = true;
  for await (const batch of table.batches()) {
    const column = batch.columns[targetIndex];
    for (const value of column) {
      if (value === null) continue;
      rows++;
      const text = String(value);
      if (numeric && (text.trim() === "" || !Number.isFinite(Number(text)))) numeric = false;
      if (counts.has(text) || counts.size <= MAX_CLASSES) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const entry of texts) {
      for (const value of batch.columns[entry.index]) {
        if (value === null) continue;
        const text = String(value).trim();
        entry.values++;
        if (/\s/.test(text)) entry.spaced++;
        if (entry.seen.size < MAX_DISTINCT) entry.seen.add(text);
      }
    }
    for (const entry of wanted) {
      for (const value of batch.columns[entry.index]) {
        const number = value === null ? Number.NaN : Number(value);
        if (Number.isFinite(number)) entry.values.push(number);
      }
    }
  }
  return {
    rows,
    counts,
    numeric,
    values: new Map(wanted.map((entry) => [entry.name, entry.values])),
    freeText: new Map(
      texts.map((entry) => [entry.name, isFreeText({ values: entry.values, distinct: entry.seen.size, spaced: entry.spaced })])
    )
  };
}
var MAX_SPLIT_BYTES = 400 * 2 ** 20;
async function splitData(root, path, options) {
  const raw = await readFile(join2(root, path));
  const gzipped = raw[0] === 31 && raw[1] === 139;
  const bytes = gzipped ? gunzipSync(raw) : raw;
  if (bytes.length > MAX_SPLIT_BYTES)
    throw new UserError(`${path} is ${Math.round(bytes.length / 2 ** 20)} MiB: too large for init to split in memory`, {
      file: path,
      hint: "split it yourself and give the held-out part with --test PATH"
    });
  const text = bytes.toString("utf8");
  const [header, ...records] = splitRecords(text, options.quote, true);
  if (header === void 0) throw new UserError(`${path} is empty`, { file: path, hint: "give --data a CSV with a header and rows" });
  const train = [];
  const test = [];
  const cut = Math.floor(options.share * 2 ** 32);
  for (const record of records) {
    const hash = createHash("sha256").update(`${options.seed}\0${record.trimEnd()}`).digest();
    (hash.readUInt32BE(0) < cut ? test : train).push(record);
  }
  if (train.length === 0 || test.length === 0)
    throw new UserError(`${path} has ${records.length} row(s): too few to hold some out for testing`, {
      file: path,
      hint: "add rows, or give a separate test file with --test PATH"
    });
  const stem = basename(path).replace(CSV_NAME, "");
  const extension = gzipped ? ".csv.gz" : ".csv";
  if (Buffer.byteLength(`${stem}.train${extension}`) > 255)
    throw new UserError(`${path}: the split's file name ${stem}.train${extension} would be longer than 255 bytes`, {
      file: path,
      hint: "rename the data file to a shorter name, or give --test PATH (no split)"
    });
  const folder = dirname(path) === "." ? "" : `${dirname(path)}/`;
  const encode = (rows) => {
    const body = Buffer.from(`${[header, ...rows].join("\n")}
`, "utf8");
    return gzipped ? gzipSync(body) : body;
  };
  return {
    train: { path: `${folder}${stem}.train${extension}`, rows: train.length, data: encode(train) },
    test: { path: `${folder}${stem}.test${extension}`, rows: test.length, data: encode(test) },
    share: options.share,
    seed: options.seed
  };
}
function quartileEdges(values) {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const edges = [0.25, 0.5, 0.75].map((q) => Number(at(q).toPrecision(3)));
  return [...new Set(edges)].filter((edge) => edge > sorted[0] && edge <= sorted[sorted.length - 1]);
}

// src/stages/init-stage.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { mkdir, mkdtemp, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename as basename2, dirname as dirname2, join as join3, posix, resolve as resolve2 } from "node:path";

// src/stages/init-files.ts
var import_yaml = __toESM(require_dist(), 1);
var INIT_PATHS = {
  config: "modelship.yaml",
  contract: "data/contract.yaml",
  trainConfig: "train/train.yaml",
  policy: "policies/gates.yaml",
  workflow: ".github/workflows/model.yml",
  gitignore: ".gitignore"
};
var GITIGNORE_LINES = [".modelship/", "node_modules/", "/runs/", "__pycache__/", ".venv/"];
function yamlScalar(value) {
  if (typeof value !== "string") return String(value);
  return /^[A-Za-z_][A-Za-z0-9_ ./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) && !value.endsWith(" ") ? value : JSON.stringify(value);
}
var flowList = (values) => `[${values.map((value) => yamlScalar(value)).join(", ")}]`;
function configYaml(options) {
  const positive = options.task === "binary" && options.positiveLabel !== void 0 ? `  positive_label: ${yamlScalar(options.positiveLabel)}   # the positive class, the one scored (roc_auc, recall; fairness compares its rate per group), not necessarily a good outcome (classes: ${options.classes.map((value) => JSON.stringify(value)).join(", ")}): check it
  threshold: 0.5
` : "";
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
function trainYaml(options) {
  const features = options.features.map(
    (feature) => feature.categorical && (feature.categories > 20 || feature.categories === 0) ? `  - { name: ${yamlScalar(feature.name)}, top_k: 20 }   # ${feature.categories === 0 ? "many" : feature.categories} categories: the 20 most frequent, the rest share one slot` : `  - ${yamlScalar(feature.name)}`
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
var DECENT_AUC = 0.8;
function aucHalfWidth(auc, positives, negatives) {
  if (positives < 1 || negatives < 1) return Number.POSITIVE_INFINITY;
  const q1 = auc / (2 - auc);
  const q2 = 2 * auc * auc / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return 1.96 * Math.sqrt(variance);
}
var AUC_FLOOR = 0.7;
function policyYaml(options) {
  const lines = [
    "# The gate policy, written by `modelship init`: what a model must show before it may ship.",
    "# Schema: node_modules/modelship/schemas/gate-policy.schema.json. Tighten the thresholds to what",
    "# your use of the model needs; these only refuse a model that learnt nothing useful.",
    "version: 1",
    "bootstrap: { resamples: 1000, seed: 7 }   # 95% confidence intervals for every metric",
    "quality:"
  ];
  if (options.task === "regression") {
    lines.push(
      "  - { metric: r2, min: 0, on: ci }   # the lower end of the 95% CI beats predicting the mean",
      "champion:",
      "  # release: latest   # after your first release: compare each candidate with the newest one",
      "  rules:",
      "    - { metric: rmse, margin: 0 }"
    );
    return `${lines.join("\n")}
`;
  }
  const floor = Math.min(0.99, Math.ceil(((options.majorityShare ?? 0) + 0.01) * 100) / 100);
  lines.push(
    `  - { metric: roc_auc, min: ${AUC_FLOOR}, on: ci }   # ${options.aucNote ?? "the lower end of the 95% CI must clear it (0.5 is a coin toss)"}`,
    `  - { metric: accuracy, min: ${floor} }   # the majority class is ${((options.majorityShare ?? 0) * 100).toFixed(1)}% of the rows: beat always guessing it`
  );
  if (options.task === "binary") lines.push("  - { metric: ece, max: 0.05, severity: warn }   # calibration: a warning, not a failure");
  if (options.sensitive.length > 0) {
    const binned = options.sensitive.filter((column) => column.bins !== void 0 && column.bins.length > 0);
    lines.push("fairness:", `  sensitive: ${flowList(options.sensitive.map((column) => column.name))}`);
    if (binned.length > 0)
      lines.push(
        `  bins: { ${binned.map((column) => `${yamlScalar(column.name)}: ${flowList(column.bins)}`).join(", ")} }   # quartiles of the data: adjust to groups that mean something`
      );
    lines.push(
      "  min_group_size: 30   # smaller groups are reported, not gated",
      "  gates:",
      "    - { metric: demographic_parity_difference, max: 0.10 }",
      "    - { metric: equalized_odds_difference, max: 0.10 }",
      "    - { metric: demographic_parity_ratio, min: 0.8, severity: warn }   # the four-fifths rule: a warning"
    );
  }
  lines.push(
    "champion:",
    "  # release: latest   # after your first release: compare each candidate with the newest one",
    "  rules:",
    "    - { metric: roc_auc, margin: 0.005 }",
    "    - { metric: accuracy, margin: 0.01 }"
  );
  if (options.sensitive.length > 0) lines.push("  fairness_max_worsening: 0.02");
  return `${lines.join("\n")}
`;
}
var DOCS_URL = "https://github.com/modelship/modelship/blob";
function workflowYaml(options) {
  const docs = (name) => `${DOCS_URL}/${options.ref}/docs/${name}`;
  const runsOn = options.gpuRunner === void 0 ? '["ubuntu-latest"]' : JSON.stringify(options.gpuRunner);
  const trainComment = options.gpuRunner === void 0 ? `      # GitHub-hosted: the built-in trainer runs on CPU there (require_gpu: auto). To train on your own
      # GPU runners (${docs("gpu-runners.md")}), give their labels instead, e.g. '["self-hosted", "linux", "gpu"]'
      # (\`modelship init --force --gpu-runner self-hosted,linux,gpu\` writes it).` : `      # Your own runners (${docs("gpu-runners.md")}). Pull requests from forks do not train on persistent
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
function gitignoreText(existing, splitSource) {
  const have = new Set((existing ?? "").split(/\r?\n/).map((line) => line.trim()));
  const lacks = (line) => !have.has(line) && !have.has(line.replace(/\/$/, "")) && !have.has(`/${line}`) && !have.has(line.replace(/^\//, ""));
  const missing = GITIGNORE_LINES.filter(lacks);
  const source = splitSource === void 0 ? void 0 : `/${splitSource.replace(/[\\*?[\]!# ]/g, (character) => `\\${character}`)}`;
  const blocks = [];
  if (missing.length > 0)
    blocks.push(
      ["# What modelship writes (reports, trained models, the local registry) and Node/Python leftovers.", ...missing].join("\n")
    );
  if (source !== void 0 && lacks(source))
    blocks.push(`# The data \`modelship init\` split into the .train and .test files beside it (commit those).
${source}`);
  if (existing !== void 0 && blocks.length === 0) return existing;
  const block = blocks.join("\n\n");
  if (existing === void 0 || existing.trim() === "") return `${block}
`;
  return `${existing}${existing.endsWith("\n") ? "" : "\n"}
${block}
`;
}
function mergeYaml(theirs, ours, file, overrides = []) {
  const user = (0, import_yaml.parseDocument)(theirs);
  if (user.errors.length > 0)
    throw new UserError(`cannot merge into ${file}: it is not valid YAML (${user.errors[0].message.split("\n")[0]})`, {
      file,
      hint: "fix the file, or move it away and run init again"
    });
  const generated = (0, import_yaml.parseDocument)(ours);
  if (user.contents === null || (0, import_yaml.isScalar)(user.contents) && user.contents.value === null) return ours;
  if (!(0, import_yaml.isMap)(user.contents))
    throw new UserError(`cannot merge into ${file}: its top level is not a map of keys`, { file, hint: "move it away and run init again" });
  const writtenByInit = INIT_MARKER.test(theirs.split("\n", 3).join("\n"));
  const edits = [];
  const touches = (path) => overrides.some(
    (override) => override.slice(0, path.length).join("\0") === path.join("\0") || path.slice(0, override.length).join("\0") === override.join("\0")
  );
  addMissing(
    { map: user.contents, text: theirs },
    { map: generated.contents, text: ours },
    [],
    (path) => !writtenByInit || touches(path),
    edits
  );
  for (const path of overrides) {
    const mine = pairAt(generated.contents, path);
    const yours = pairAt(user.contents, path);
    if (mine === void 0 || yours === void 0) continue;
    if (JSON.stringify(user.getIn(path)) === JSON.stringify(generated.getIn(path))) continue;
    const [start, end] = pairSpan(theirs, yours, true);
    const column = start === end ? 0 : keyColumn(theirs, yours);
    const [ourStart, ourEnd] = pairSpan(ours, mine, true);
    edits.push({ start, end, text: reindent(ours.slice(ourStart, ourEnd), keyColumn(ours, mine), column) });
  }
  if (edits.length === 0) return theirs;
  let text = theirs;
  const ordered = edits.map((edit, index) => ({ ...edit, index }));
  for (const edit of ordered.sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index)) {
    const glue = edit.start === text.length && text !== "" && !text.endsWith("\n") ? "\n" : "";
    text = text.slice(0, edit.start) + glue + edit.text + text.slice(edit.end);
  }
  return text;
}
var INIT_MARKER = /written by `modelship init`/;
function keyOf(pair) {
  return (0, import_yaml.isScalar)(pair.key) ? pair.key.value : pair.key;
}
function pairAt(map, path) {
  let current = map;
  let found;
  for (const key of path) {
    if (!(0, import_yaml.isMap)(current)) return void 0;
    found = current.items.find((pair) => keyOf(pair) === key);
    if (found === void 0) return void 0;
    current = found.value;
  }
  return found;
}
var lineStart = (text, at) => text.lastIndexOf("\n", at - 1) + 1;
var lineEnd = (text, at) => {
  const next = text.indexOf("\n", at);
  return next === -1 ? text.length : next + 1;
};
function keyColumn(text, pair) {
  const at = pair.key.range[0];
  return at - lineStart(text, at);
}
function pairSpan(text, pair, comments) {
  const keyAt = pair.key.range[0];
  let start = lineStart(text, keyAt);
  const indent = text.slice(start, keyAt);
  if (comments)
    while (start > 0) {
      const previous = lineStart(text, start - 1);
      const line = text.slice(previous, start - 1);
      if (!line.startsWith(`${indent}#`)) break;
      start = previous;
    }
  const value = pair.value;
  const range = value?.range ?? pair.key.range;
  const valueEnd = range[1];
  const end = valueEnd > 0 && text[valueEnd - 1] === "\n" ? valueEnd : lineEnd(text, Math.max(valueEnd, pair.key.range[1]));
  return [start, end];
}
function reindent(block, from, to) {
  const lines = block.split("\n");
  return lines.map((line) => line.trim() === "" ? line : " ".repeat(to) + line.slice(Math.min(from, line.length - line.trimStart().length))).join("\n");
}
function addMissing(user, ours, path, mayAdd, edits) {
  const block = user.map.flow !== true && user.map.items.length > 0;
  let previous;
  for (const pair of ours.map.items) {
    const key = keyOf(pair);
    const here = [...path, String(key)];
    const existing = user.map.items.find((item) => keyOf(item) === key);
    if (existing === void 0) {
      if (!block || !mayAdd(here)) continue;
      const first = user.map.items[0];
      const column = keyColumn(user.text, first);
      const at = previous === void 0 ? pairSpan(user.text, first, true)[0] : pairSpan(user.text, previous, false)[1];
      const [start, end] = pairSpan(ours.text, pair, !(path.length === 0 && pair === ours.map.items[0]));
      let added = reindent(ours.text.slice(start, end), keyColumn(ours.text, pair), column);
      if (!added.endsWith("\n")) added += "\n";
      if (start >= 2 && ours.text.slice(start - 2, start) === "\n\n") added = `
${added}`;
      edits.push({ start: at, end: at, text: added });
      continue;
    }
    previous = existing;
    if ((0, import_yaml.isMap)(existing.value) && (0, import_yaml.isMap)(pair.value))
      addMissing({ map: existing.value, text: user.text }, { map: pair.value, text: ours.text }, here, mayAdd, edits);
  }
}

// src/stages/init-stage.ts
var MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;
function modelNameFrom(folder) {
  const name = folder.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  return name === "" ? "model" : name;
}
async function runInitStage(inputs, run) {
  const root = resolve2(run.cwd, inputs.dir ?? ".");
  const notes = [];
  const model = inputs.model ?? modelNameFrom(basename2(root));
  if (!MODEL_NAME.test(model))
    throw new UserError(`--model ${quoted(model)} is not a model name`, {
      hint: "use lowercase letters, digits and dashes, starting and ending with a letter or digit (at most 64), e.g. --model churn-model"
    });
  if (inputs.model === void 0) notes.push(`Model name: ${model} (from the folder's name; --model NAME to choose another).`);
  for (const label of inputs.gpuRunner ?? [])
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(label))
      throw new UserError(`--gpu-runner: ${quoted(label)} is not a runner label`, {
        hint: "give comma-separated labels of letters, digits, dots, dashes and underscores, e.g. --gpu-runner self-hosted,linux,gpu"
      });
  if (inputs.gpuRunner !== void 0)
    notes.push(
      'GPU runner: the built-in trainer trains on the CPU unless train.yaml sets model.backend: tfjs and @tensorflow/tfjs-node-gpu (and CUDA on the runner) is installed, so the GPU may sit unused; the train job logs its backend ("training backend: \u2026"). A train.command of your own (PyTorch, JAX\u2026) uses the GPU.'
    );
  const share = inputs.testShare ?? 0.2;
  if (!(share > 0 && share < 1))
    throw new UserError(`--test-share must be between 0 and 1, got ${share}`, {
      hint: "e.g. --test-share 0.2 holds out a fifth of the rows"
    });
  const found = inputs.data === void 0 && inputs.test === void 0 ? await findCsvFiles(root) : [];
  const pair = found.length === 2 ? trainTestPair(found) : void 0;
  const data = await chooseDataFile(root, inputs.data ?? pair?.train);
  const test = (inputs.test ?? pair?.test) === void 0 ? void 0 : await chooseDataFile(root, inputs.test ?? pair.test, "--test");
  if (pair !== void 0)
    notes.push(
      `Data: ${data} to train on and ${test} to test on (the two CSVs named like a train/test pair; --data PATH --test PATH to choose others).`
    );
  if (test === data) throw new UserError("--test names the training data", { hint: "give --test a held-out file other than --data" });
  const shape = await readShape(root, data);
  const { target, detected } = chooseTarget(shape.columns, inputs.target, data);
  if (detected) notes.push(`Target: ${shown(target)} (a well-known label name; --target COLUMN to choose another).`);
  const testShape = test === void 0 ? void 0 : await readShape(root, test);
  if (test !== void 0 && testShape !== void 0) {
    if (!testShape.columns.includes(target))
      throw new UserError(`--test ${test} has no column ${quoted(target)}`, {
        file: test,
        hint: "give --test a file with the same columns as --data"
      });
  }
  let split;
  if (test === void 0) {
    split = await splitData(root, data, { share, seed: inputs.seed ?? 42, quote: shape.readOptions.quote ?? '"' });
    notes.push(
      `No --test file: ${data} is split ${Math.round((1 - share) * 100)}/${Math.round(share * 100)} by a seeded hash of each row (seed ${split.seed}; identical rows stay on one side): ${split.train.rows.toLocaleString("en-US")} training rows in ${split.train.path}, ${split.test.rows.toLocaleString("en-US")} test rows in ${split.test.path}. Evaluation reads only the test rows; commit both files, or run init again with --test FILE to hold out your own.`
    );
  }
  const trainPath = split?.train.path ?? data;
  const testPath = split?.test.path ?? test;
  const inferPaths = [join3(root, trainPath), join3(root, testPath)];
  let temp;
  let contractText;
  let testCounts;
  try {
    if (split !== void 0) {
      try {
        temp = await mkdtemp(join3(tmpdir(), "modelship-init-"));
        for (const part of [split.train, split.test]) {
          await mkdir(dirname2(join3(temp, part.path)), { recursive: true });
          await writeFile(join3(temp, part.path), part.data);
        }
      } catch (error) {
        const code = errnoCode(error);
        if (code === void 0) throw error;
        throw new UserError(`cannot write the split's temporary copy in ${tmpdir()} (${code})`, {
          hint: "set TMPDIR to a writable folder with room for a copy of the data, or give --test PATH (no split)",
          cause: error
        });
      }
    }
    const inferred = await runContractInferStage(
      { data: temp === void 0 ? inferPaths : [join3(temp, trainPath), join3(temp, testPath)], target },
      // What contract infer logs names the files relative to the repository root, as init prints every path.
      { ...run, logger: renamed(run.logger, temp === void 0 ? `${root}/` : `${temp}/`, "") }
    );
    contractText = versioned(inferred.yaml.replaceAll(`${temp ?? root}/`, ""));
    testCounts = (await readTargetFacts(temp ?? root, testPath, testShape ?? shape, target, [])).counts;
    if (split !== void 0 && temp !== void 0) {
      const trained = await readTargetFacts(temp, trainPath, shape, target, []);
      const testOnly = [...testCounts.keys()].filter((value) => !trained.counts.has(value));
      const regression = trained.counts.size > MAX_CLASSES || trained.numeric && [...trained.counts.keys()].some((value) => /[.eE]/.test(value));
      if (testOnly.length > 0 && !regression)
        throw new UserError(
          `the split of ${data} put every row of target ${testOnly.length === 1 ? "class" : "classes"} ${testOnly.map((value) => quoted(value)).join(", ")} into ${split.test.path}, none into ${split.train.path}`,
          {
            file: data,
            hint: "add rows of that class, try another --seed, or give your own held-out file with --test PATH"
          }
        );
    }
  } finally {
    if (temp !== void 0) await rm2(temp, { recursive: true, force: true });
  }
  const contract = (0, import_yaml2.parse)(contractText);
  const columns = new Map(contract.columns.map((column) => [column.name, column]));
  const sensitive = inputs.sensitive ?? [];
  for (const name of sensitive)
    if (!columns.has(name))
      throw new UserError(`--sensitive ${quoted(name)} is not a column of ${data}`, {
        file: data,
        hint: `give --sensitive columns of the data: ${shape.columns.map((column) => shown(column)).join(", ")}`
      });
  if (sensitive.includes(target))
    throw new UserError(`--sensitive names the target ${quoted(target)}`, {
      hint: "name the columns that describe people, not the label"
    });
  const numericSensitive = sensitive.filter((name) => ["integer", "number"].includes(columns.get(name).type));
  const textColumns = contract.columns.filter((column) => column.type === "string" && column.name !== target && column.unique !== true);
  const facts = await readTargetFacts(
    root,
    data,
    shape,
    target,
    numericSensitive,
    textColumns.map((column) => column.name)
  );
  const targetType = columns.get(target).type;
  const classes = [...facts.counts.keys()];
  const task = facts.numeric && (targetType === "number" || facts.counts.size > MAX_CLASSES) ? "regression" : facts.counts.size === 2 ? "binary" : "multiclass";
  if (task !== "regression" && facts.counts.size < 2)
    throw new UserError(
      `the target ${quoted(target)} of ${data} has one value only (${classes[0] === void 0 ? "none" : quoted(classes[0])}): nothing to learn`,
      {
        file: data,
        hint: "check --target names the label column"
      }
    );
  if (task === "multiclass" && facts.counts.size > MAX_CLASSES)
    throw new UserError(`the target ${quoted(target)} has more than ${MAX_CLASSES} classes`, {
      file: data,
      hint: "check --target names the label column; init starts classifiers of up to 20 classes and regressions on numbers"
    });
  if (sensitive.length > 0 && task !== "binary")
    throw new UserError(`--sensitive: fairness gates need a binary target, and ${quoted(target)} is ${task}`, {
      hint: "leave --sensitive out, or predict a yes/no outcome"
    });
  if (task !== "regression" && test !== void 0) {
    const aliases = await testLabelAliases(root, data, test, testShape, target, classes);
    if (aliases.size > 0) {
      contractText = withTargetAliases(contractText, target, aliases, classes);
      notes.push(
        `Test labels: ${test} writes ${[...aliases.keys()].map((value) => shown(value)).join(", ")}, which ${data} lacks; ${INIT_PATHS.contract} maps them (aliases: ${[...aliases].map(([from, to]) => `${shown(from)} \u2192 ${shown(to)}`).join(", ")}).`
      );
    }
  }
  const ranked = [...facts.counts.entries()].sort((a, b) => b[1] - a[1]);
  let positiveLabel;
  if (task === "binary") {
    if (inputs.positiveLabel !== void 0 && !facts.counts.has(inputs.positiveLabel))
      throw new UserError(`--positive-label ${quoted(inputs.positiveLabel)} is not a value of ${quoted(target)}`, {
        hint: `use one of ${classes.map((value) => quoted(value)).join(", ")}`
      });
    positiveLabel = inputs.positiveLabel ?? ranked[ranked.length - 1][0];
    if (inputs.positiveLabel === void 0)
      notes.push(
        `Positive class (the one scored): ${shown(positiveLabel)}, the rarer one; --positive-label VALUE to score the other. It is the event the model predicts (e.g. churn), not necessarily a favourable outcome; fairness gates compare its rate per group.`
      );
  }
  let aucNote;
  if (task === "binary") {
    const positives = testCounts.get(positiveLabel) ?? 0;
    const negatives = [...testCounts.values()].reduce((sum, count) => sum + count, 0) - positives;
    const half = aucHalfWidth(DECENT_AUC, positives, negatives);
    if (DECENT_AUC - half < AUC_FLOOR) {
      const width = Number.isFinite(half) ? `\xB1${half.toFixed(3)}` : "unbounded";
      aucNote = `${testPath} has ${positives} positive and ${negatives} negative rows: at AUC ${DECENT_AUC} the 95% CI is ${width} (Hanley\u2013McNeil), so its lower end likely misses ${AUC_FLOOR}; more test rows, or on: point`;
      notes.push(
        `Small test set: ${testPath} has ${positives} rows of the positive class and ${negatives} of the other. For a decent model (AUC ${DECENT_AUC}) the 95% confidence interval is ${width} (Hanley\u2013McNeil), so its lower end (${Number.isFinite(half) ? (DECENT_AUC - half).toFixed(3) : "\u2013"}) would likely fail the roc_auc gate (min ${AUC_FLOOR}, on: ci) in ${INIT_PATHS.policy}. Add test rows (or a larger --test-share), or gate the point estimate instead (on: point).`
      );
    }
  }
  notes.push(
    `Task: ${task}${task === "regression" ? "" : ` (${classes.length} classes)`}, from ${facts.rows.toLocaleString("en-US")} rows of ${shown(target)}.`
  );
  const roles = new Map(sensitive.map((name) => [name, ["feature", "sensitive"]]));
  const features = [];
  const skipped = [];
  for (const column of contract.columns) {
    if (column.name === target) continue;
    if (column.unique === true) {
      skipped.push({ name: column.name, why: "every value differs: an identifier" });
      roles.set(column.name, "id");
    } else if (facts.freeText.get(column.name) === true)
      skipped.push({ name: column.name, why: "free text, mostly distinct values of several words: derive features from it first" });
    else if (column.type === "date" || column.type === "datetime") {
      skipped.push({ name: column.name, why: `a ${column.type}: derive features from it first` });
      roles.set(column.name, "timestamp");
    } else
      features.push({
        name: column.name,
        // A string column (more distinct values than contract infer makes an enum of) is categorical with the top 20 kept.
        categorical: column.type === "categorical" || column.type === "boolean" || column.type === "string",
        categories: column.enum?.length ?? 0
      });
  }
  if (features.length === 0)
    throw new UserError(`no column of ${data} besides the target can be a feature`, {
      file: data,
      hint: "add numeric or categorical columns, or write your own training command (train.command in modelship.yaml)"
    });
  if (skipped.length > 0)
    notes.push(
      `Left out of the features (commented in ${INIT_PATHS.trainConfig}): ${skipped.map((entry) => `${shown(entry.name)} (${entry.why})`).join(", ")}.`
    );
  if (roles.size > 0) contractText = withRoles(contractText, roles);
  const fromTrainFolder = (path) => posix.relative(posix.dirname(INIT_PATHS.trainConfig), path);
  const generated = [
    {
      path: INIT_PATHS.config,
      kind: "yaml",
      overrides: explicit([
        [inputs.model, ["model"]],
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.positiveLabel, ["evaluate", "positive_label"]]
      ]),
      text: configYaml({
        model,
        source: data,
        train: trainPath,
        test: testPath,
        testNote: split === void 0 ? "held out: never trained on" : `the held-out ${Math.round(share * 100)}% of ${data}: never trained on`,
        task,
        positiveLabel,
        classes
      })
    },
    { path: INIT_PATHS.contract, kind: "yaml", text: contractText },
    {
      path: INIT_PATHS.trainConfig,
      kind: "yaml",
      overrides: explicit([
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.target, ["target"], ["task"], ["features"]]
      ]),
      text: trainYaml({
        train: fromTrainFolder(trainPath),
        test: fromTrainFolder(testPath),
        contract: fromTrainFolder(INIT_PATHS.contract),
        target,
        task,
        features,
        skipped
      })
    },
    {
      path: INIT_PATHS.policy,
      kind: "yaml",
      overrides: explicit([[inputs.sensitive, ["fairness"]]]),
      text: policyYaml({
        task,
        aucNote,
        majorityShare: task === "regression" ? void 0 : ranked[0][1] / facts.rows,
        sensitive: sensitive.map((name) => ({
          name,
          bins: numericSensitive.includes(name) ? quartileEdges(facts.values.get(name) ?? []) : void 0
        }))
      })
    },
    {
      path: INIT_PATHS.workflow,
      kind: "yaml",
      text: workflowYaml({ gpuRunner: inputs.gpuRunner, ref: inputs.workflowRef ?? "v1" }),
      overrides: explicit([[inputs.gpuRunner, ["jobs", "model", "with", "train-runs-on"]]])
    },
    { path: INIT_PATHS.gitignore, kind: "gitignore" }
  ];
  if (split !== void 0)
    generated.push(
      { path: split.train.path, kind: "data", data: split.train.data },
      { path: split.test.path, kind: "data", data: split.test.data }
    );
  const places = /* @__PURE__ */ new Map();
  for (const file of generated) places.set(file.path, await checkOutputPath(root, file.path));
  const present = /* @__PURE__ */ new Map();
  for (const file of generated) if (places.get(file.path).exists) present.set(file.path, await readOutput(root, file.path));
  const clashes = [...present.keys()].filter((path) => path !== INIT_PATHS.gitignore);
  if (clashes.length > 0 && inputs.force !== true)
    throw new UserError(
      `init would overwrite ${clashes.length === 1 ? "a file that exists" : `${clashes.length} files that exist`}: ${clashes.join(", ")}; nothing was written`,
      {
        hint: "run `modelship init --force` to merge (your keys, values and comments stay, what is missing is added, and the flags you give replace what they set; split data files are rewritten), or move those files away"
      }
    );
  const finals = [];
  for (const file of generated) {
    const before = present.get(file.path);
    const beforeText = before === void 0 ? void 0 : Buffer.from(before).toString("utf8");
    let bytes;
    if (file.kind === "data") bytes = file.data;
    else if (file.kind === "gitignore") bytes = Buffer.from(gitignoreText(beforeText, split === void 0 ? void 0 : data), "utf8");
    else bytes = Buffer.from(beforeText === void 0 ? file.text : mergeYaml(beforeText, file.text, file.path, file.overrides), "utf8");
    if (file.kind === "yaml") checkFile(file.path, Buffer.from(bytes).toString("utf8"), root);
    finals.push({
      path: file.path,
      bytes,
      status: before === void 0 ? "added" : Buffer.from(before).equals(Buffer.from(bytes)) ? "unchanged" : "updated"
    });
  }
  await writeOutputs(
    root,
    finals.filter((file) => file.status !== "unchanged").map((file) => ({ place: places.get(file.path), bytes: file.bytes })),
    writeFileAtomic
  );
  const npmFiles = [];
  for (const name of ["package.json", "package-lock.json"])
    if ((await checkOutputPath(root, name).catch(() => void 0))?.exists === true) npmFiles.push(name);
  const nextSteps = [
    "Review what was written, above all data/contract.yaml (it describes the data you have, not the data you want) and the thresholds in policies/gates.yaml.",
    "Run the pipeline here: npx modelship validate, npx modelship train, npx modelship evaluate",
    `Commit: git add ${[...finals.map((file) => file.path), ...npmFiles].join(" ")} && git commit -m "Start modelship"` + (npmFiles.length > 0 ? ` (${npmFiles.join(" and ")} pin the modelship version that npx runs)` : "") + (split === void 0 ? "" : `. ${data} stays out of git (.gitignore lists it): ${split.train.path} and ${split.test.path} hold all its rows; keep it, or delete it`),
    "On GitHub (Settings \u2192 Actions \u2192 General): allow the actions and reusable workflows of modelship/modelship (or all actions). The caller grants the workflow contents, pull-requests, id-token and attestations write; it needs no secrets until you promote.",
    'Protect main: require the check "model / Result" before merging (it fails unless validate, train and evaluate all succeeded), and add a CODEOWNERS rule for policies/gates.yaml.',
    "Later: promotion to a GitOps repository (promote-environment, gitops-repository and the GitOps App's secrets GITOPS_APP_ID and GITOPS_APP_PRIVATE_KEY in .github/workflows/model.yml)."
  ];
  return {
    model,
    data,
    target,
    task,
    ...split === void 0 ? {} : {
      split: {
        train: split.train.path,
        test: split.test.path,
        trainRows: split.train.rows,
        testRows: split.test.rows,
        share,
        seed: split.seed
      }
    },
    files: finals.map(({ path, status }) => ({ path, status })),
    notes,
    nextSteps
  };
}
async function testLabelAliases(root, data, test, shape, target, classes) {
  const known = new Set(classes);
  const tested = [...(await readTargetFacts(root, test, shape, target, [])).counts.keys()];
  const unseen = tested.filter((value) => !known.has(value));
  const aliases = /* @__PURE__ */ new Map();
  for (const value of unseen) if (known.has(value.replace(/\.$/, ""))) aliases.set(value, value.replace(/\.$/, ""));
  const unmapped = unseen.filter((value) => !aliases.has(value));
  if (unmapped.length > 0)
    throw new UserError(
      `the test file ${test} has target ${unmapped.length === 1 ? "class" : "classes"} ${unmapped.map((value) => quoted(value)).join(", ")} that the training data ${data} lacks (it has ${classes.map((value) => quoted(value)).join(", ")})`,
      {
        file: test,
        hint: `fix the labels in ${test}, or give --test a file with the same classes as --data; if they mean a training class, map them with the target's aliases in the contract (e.g. aliases: {${JSON.stringify(unmapped[0])}: ${JSON.stringify(classes[0])}})`
      }
    );
  return aliases;
}
function withTargetAliases(contractText, target, aliases, classes) {
  const document = (0, import_yaml2.parseDocument)(contractText);
  const columns = document.get("columns", true);
  const column = columns.items.find((item) => item.get("name") === target);
  const flow = (node) => Object.assign(node, { flow: true });
  column.set("enum", flow(document.createNode(classes)));
  column.set("aliases", flow(document.createNode(Object.fromEntries(aliases))));
  return document.toString({ lineWidth: 0 });
}
function withRoles(contractText, roles) {
  const document = (0, import_yaml2.parseDocument)(contractText);
  const columns = document.get("columns", true);
  for (const column of columns.items) {
    const role = roles.get(String(column.get("name")));
    if (role === void 0) continue;
    const node = document.createNode(role);
    if ((0, import_yaml2.isSeq)(node)) node.flow = true;
    column.set("role", node);
  }
  return document.toString({ lineWidth: 0 });
}
function explicit(entries) {
  return entries.flatMap(([given, ...paths]) => given === void 0 ? [] : paths);
}
function renamed(logger, from, to) {
  const fix = (message) => message.replaceAll(from, to);
  return {
    debug: (message) => {
      logger.debug(fix(message));
    },
    info: (message) => {
      logger.info(fix(message));
    },
    warning: (message, properties) => {
      logger.warning(fix(message), properties);
    },
    error: (message, properties) => {
      logger.error(fix(message), properties);
    },
    notice: (message, properties) => {
      logger.notice(fix(message), properties);
    },
    group: (name, fn) => logger.group(fix(name), fn)
  };
}
function versioned(yaml) {
  if (/^version:/m.test(yaml)) return yaml;
  const lines = yaml.split("\n");
  const firstKey = lines.findIndex((line) => /^[A-Za-z_]/.test(line));
  lines.splice(firstKey === -1 ? lines.length : firstKey, 0, "version: 1");
  return lines.join("\n");
}
function checkFile(path, text, root) {
  switch (path) {
    case INIT_PATHS.config:
      parseConfig(text, { file: path, cwd: root });
      return;
    case INIT_PATHS.contract:
      parseContract(text, path);
      return;
    case INIT_PATHS.trainConfig:
      validateYaml(train_config_schema_default, text, path, "train config");
      return;
    case INIT_PATHS.policy:
      validateYaml(gate_policy_schema_default, text, path, "gate policy");
      return;
    default:
      parseYamlSource(text, path);
  }
}
function validateYaml(schema, text, file, what) {
  const source = parseYamlSource(text, file);
  assertValid(schema, source.data, { file, what, source });
}

// src/cli/commands/init-command.ts
var flags = {
  data: {
    type: "string",
    value: "PATH",
    description: "the CSV (.csv or .csv.gz) to learn from (default: the only one in this folder's tree)"
  },
  test: {
    type: "string",
    value: "PATH",
    description: "a held-out test CSV (default: a seeded split of --data into NAME.train.csv and NAME.test.csv)"
  },
  target: {
    type: "string",
    value: "COLUMN",
    description: `the column to predict (default: the one called ${WELL_KNOWN_TARGETS.join(", ")}, in any case)`
  },
  model: { type: "string", value: "NAME", description: "the model's name (default: this folder's name, lowercase with dashes)" },
  sensitive: {
    type: "string",
    multiple: true,
    value: "COLUMNS",
    description: "comma-separated columns to gate fairness on, e.g. sex,race"
  },
  "positive-label": {
    type: "string",
    value: "VALUE",
    description: "the positive class of a binary target, the one scored (not necessarily a good outcome; default: the rarer one)"
  },
  "gpu-runner": {
    type: "string",
    value: "LABELS",
    description: "comma-separated runner labels for the train job, e.g. self-hosted,gpu (default: ubuntu-latest)"
  },
  "test-share": {
    type: "string",
    value: "SHARE",
    numeric: "number",
    description: "share of the rows the split holds out for testing (default 0.2)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "seed of the split (default 42)" },
  force: { type: "boolean", description: "merge into existing files (your keys and comments stay, missing ones are added)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var USAGE = "modelship init [--data PATH] [--test PATH] [--target COLUMN] [--model NAME] [--sensitive COLUMNS] [--positive-label VALUE] [--gpu-runner LABELS] [--test-share SHARE] [--seed N] [--force] [--format FORMAT] [--json] [-q] [-v]";
function commaList(values, name) {
  if (values === void 0) return void 0;
  const items = values.flatMap((value) => value.split(",")).map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`--${name} is empty`, { hint: `give --${name} comma-separated values, or leave it out` });
  return items;
}
var initCommand = {
  name: "init",
  summary: "start a model repository: modelship.yaml, contract, train config, gates, CI workflow from your CSV",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: given } = parseFlags(context.argv, flags, { command: "init", env: context.env, positionals: false });
    if (given.help) {
      context.print(
        renderHelp({
          usage: USAGE,
          summary: "Writes modelship.yaml, data/contract.yaml (inferred from the data), train/train.yaml (the built-in trainer),\npolicies/gates.yaml, .github/workflows/model.yml and .gitignore. Refuses to overwrite files unless --force.",
          flags,
          notes: "Without --data and --test, the tree's only CSV is split (or its only two CSVs, named like a train/test pair, are used as they are).\nGuide: node_modules/modelship/docs/init.md."
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, given);
    const gpuRunner = given["gpu-runner"] === void 0 ? void 0 : commaList([given["gpu-runner"]], "gpu-runner");
    const result = await runInitStage(
      {
        data: given.data,
        test: given.test,
        target: given.target,
        model: given.model,
        sensitive: commaList(given.sensitive, "sensitive"),
        positiveLabel: given["positive-label"],
        gpuRunner,
        testShare: numberFlag(given["test-share"], "test-share"),
        seed: integerFlag(given.seed, "seed"),
        force: given.force
      },
      cliStageRun(output.context, void 0)
    );
    const width = Math.max(...result.files.map((file) => file.status.length));
    const lines = [
      `modelship init: ${result.model}, predicting ${shown(result.target)} (${result.task}) from ${result.data}`,
      "",
      ...result.notes.map((note) => `  ${note}`),
      "",
      "Files:",
      ...result.files.map((file) => `  ${file.status.padEnd(width)}  ${file.path}`),
      "",
      "Next steps:",
      ...result.nextSteps.map((step, index) => `  ${index + 1}. ${step}`)
    ];
    output.emit({ json: result, text: () => lines.join("\n"), failed: false });
    return ExitCode.ok;
  }
};
export {
  USAGE,
  initCommand
};
