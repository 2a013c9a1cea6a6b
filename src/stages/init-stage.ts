/**
 * `modelship init`: starts a model repository from the CSV it holds. It writes modelship.yaml, a data
 * contract inferred by `contract infer`'s stage, a train config for the built-in trainer, a gate
 * policy, the model CI caller workflow and a .gitignore, and, without a test file, a seeded split
 * of the data so that the evaluation never runs on training rows (docs/init.md).
 *
 * Nothing is written unless everything is ready: every file is built and checked against its schema
 * in memory first; an existing file stops the run (naming them all) unless `force`, which merges; a
 * symbolic link on the way to any output, or a file where a folder goes, stops it always
 * (init-paths.ts); a write that still fails takes back the files and folders this run created.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix, resolve } from "node:path";
import { isSeq, parse as parseYaml, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import policySchema from "../../schemas/gate-policy.schema.json" with { type: "json" };
import trainSchema from "../../schemas/train-config.schema.json" with { type: "json" };
import { writeFileAtomic } from "../common/atomic-write.ts";
import { errnoCode, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { assertValid, type JsonSchema } from "../common/schema-validation.ts";
import { parseYamlSource } from "../common/yaml-source.ts";
import { parseConfig } from "../config/modelship-config.ts";
import type { ContractDocument } from "../data/contract/contract-document.ts";
import { parseContract } from "../data/contract/load-contract.ts";
import { runContractInferStage } from "./contract-stage.ts";
import {
  chooseDataFile,
  chooseTarget,
  findCsvFiles,
  MAX_CLASSES,
  quartileEdges,
  readShape,
  readTargetFacts,
  splitData,
  trainTestPair,
  type DataShape,
  type DataSplit,
} from "./init-data.ts";
import {
  AUC_FLOOR,
  aucHalfWidth,
  configYaml,
  DECENT_AUC,
  gitignoreText,
  INIT_PATHS,
  mergeYaml,
  policyYaml,
  trainYaml,
  workflowYaml,
  type Task,
} from "./init-files.ts";
import { checkOutputPath, quoted, readOutput, shown, writeOutputs, type OutputPlace } from "./init-paths.ts";
import type { StageRun } from "./stage-run.ts";

/** What a face gives init. Paths are relative to `dir`. */
export interface InitStageInputs {
  /** The repository root; default the run's working directory. */
  dir?: string;
  /** The CSV; default the one *.csv / *.csv.gz in the tree. */
  data?: string;
  /** A held-out test CSV; without it the data is split. */
  test?: string;
  /** The label column; default a well-known name (label, target, class, y…). */
  target?: string;
  /** The model's name; default the folder's name, sanitised. */
  model?: string;
  /** Sensitive columns: fairness gates on them. */
  sensitive?: string[];
  /** The positive class of a binary target (the one scored); default the rarer class. */
  positiveLabel?: string;
  /** Runner labels for the train job (self-hosted GPU runners); default GitHub-hosted. */
  gpuRunner?: string[];
  /** Share of the rows held out for testing when splitting (default 0.2). */
  testShare?: number;
  /** Seed of the split (default 42). */
  seed?: number;
  /** Merge into existing files instead of refusing. */
  force?: boolean;
  /** The reusable workflow's ref in the caller (default v1). */
  workflowRef?: string;
}

export type InitFileStatus = "added" | "updated" | "unchanged";

export interface InitStageResult {
  model: string;
  data: string;
  target: string;
  task: Task;
  split?: { train: string; test: string; trainRows: number; testRows: number; share: number; seed: number };
  /** Every file init wrote or would have written, and what happened to it. */
  files: { path: string; status: InitFileStatus }[];
  /** Things the user should know (detections, left-out features). */
  notes: string[];
  /** Commands and settings, in order. */
  nextSteps: string[];
}

/** The model name pattern of schemas/modelship.schema.json. */
const MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

/** A folder name made into a model name: lower case, runs of other characters as one dash. */
export function modelNameFrom(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return name === "" ? "model" : name;
}

export async function runInitStage(inputs: InitStageInputs, run: StageRun): Promise<InitStageResult> {
  const root = resolve(run.cwd, inputs.dir ?? ".");
  const notes: string[] = [];
  const model = inputs.model ?? modelNameFrom(basename(root));
  if (!MODEL_NAME.test(model))
    throw new UserError(`--model ${quoted(model)} is not a model name`, {
      hint: "use lowercase letters, digits and dashes, starting and ending with a letter or digit (at most 64), e.g. --model churn-model",
    });
  if (inputs.model === undefined) notes.push(`Model name: ${model} (from the folder's name; --model NAME to choose another).`);
  // Runner labels go into the workflow's YAML: GitHub's label characters only, so none can break out of it.
  for (const label of inputs.gpuRunner ?? [])
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(label))
      throw new UserError(`--gpu-runner: ${quoted(label)} is not a runner label`, {
        hint: "give comma-separated labels of letters, digits, dots, dashes and underscores, e.g. --gpu-runner self-hosted,linux,gpu",
      });
  // The default backend (modelship-js) is CPU-only; tfjs-backend.ts loads @tensorflow/tfjs-node-gpu when model.backend is tfjs.
  if (inputs.gpuRunner !== undefined)
    notes.push(
      "GPU runner: the built-in trainer trains on the CPU unless train.yaml sets model.backend: tfjs and @tensorflow/tfjs-node-gpu (and CUDA on the runner) is installed, " +
        'so the GPU may sit unused; the train job logs its backend ("training backend: …"). A train.command of your own (PyTorch, JAX…) uses the GPU.',
    );
  const share = inputs.testShare ?? 0.2;
  if (!(share > 0 && share < 1))
    throw new UserError(`--test-share must be between 0 and 1, got ${share}`, {
      hint: "e.g. --test-share 0.2 holds out a fifth of the rows",
    });

  // The data, its columns and the target.
  // Neither flag, and the tree's only CSVs are a train/test pair (`adult.train.csv`, `adult.test.csv`): that is what they are.
  const found = inputs.data === undefined && inputs.test === undefined ? await findCsvFiles(root) : [];
  const pair = found.length === 2 ? trainTestPair(found) : undefined;
  const data = await chooseDataFile(root, inputs.data ?? pair?.train);
  const test = (inputs.test ?? pair?.test) === undefined ? undefined : await chooseDataFile(root, inputs.test ?? pair!.test, "--test");
  if (pair !== undefined)
    notes.push(
      `Data: ${data} to train on and ${test!} to test on (the two CSVs named like a train/test pair; --data PATH --test PATH to choose others).`,
    );
  if (test === data) throw new UserError("--test names the training data", { hint: "give --test a held-out file other than --data" });
  const shape = await readShape(root, data);
  const { target, detected } = chooseTarget(shape.columns, inputs.target, data);
  if (detected) notes.push(`Target: ${shown(target)} (a well-known label name; --target COLUMN to choose another).`);
  const testShape = test === undefined ? undefined : await readShape(root, test);
  if (test !== undefined && testShape !== undefined) {
    if (!testShape.columns.includes(target))
      throw new UserError(`--test ${test} has no column ${quoted(target)}`, {
        file: test,
        hint: "give --test a file with the same columns as --data",
      });
  }

  // Test data: the given file, or a seeded split written beside the data.
  let split: DataSplit | undefined;
  if (test === undefined) {
    split = await splitData(root, data, { share, seed: inputs.seed ?? 42, quote: shape.readOptions.quote ?? '"' });
    notes.push(
      `No --test file: ${data} is split ${Math.round((1 - share) * 100)}/${Math.round(share * 100)} by a seeded hash of each row (seed ${split.seed}; identical rows stay on one side): ` +
        `${split.train.rows.toLocaleString("en-US")} training rows in ${split.train.path}, ${split.test.rows.toLocaleString("en-US")} test rows in ${split.test.path}. ` +
        "Evaluation reads only the test rows; commit both files, or run init again with --test FILE to hold out your own.",
    );
  }
  const trainPath = split?.train.path ?? data;
  const testPath = split?.test.path ?? test!;

  // The contract, drafted by contract infer's stage from the files the pipeline reads (so its
  // per-file row and null limits hold for the test file too); a split is drafted from a temporary copy.
  const inferPaths = [join(root, trainPath), join(root, testPath)];
  let temp: string | undefined;
  let contractText: string;
  let testCounts: Map<string, number>;
  try {
    // Made inside the try: a failed write of the copy leaves nothing in the temporary folder.
    if (split !== undefined) {
      try {
        temp = await mkdtemp(join(tmpdir(), "modelship-init-"));
        for (const part of [split.train, split.test]) {
          await mkdir(dirname(join(temp, part.path)), { recursive: true });
          await writeFile(join(temp, part.path), part.data);
        }
      } catch (error) {
        const code = errnoCode(error);
        if (code === undefined) throw error;
        throw new UserError(`cannot write the split's temporary copy in ${tmpdir()} (${code})`, {
          hint: "set TMPDIR to a writable folder with room for a copy of the data, or give --test PATH (no split)",
          cause: error,
        });
      }
    }
    const inferred = await runContractInferStage(
      { data: temp === undefined ? inferPaths : [join(temp, trainPath), join(temp, testPath)], target },
      // What contract infer logs names the files relative to the repository root, as init prints every path.
      { ...run, logger: renamed(run.logger, temp === undefined ? `${root}/` : `${temp}/`, "") },
    );
    contractText = versioned(inferred.yaml.replaceAll(`${temp ?? root}/`, ""));
    // The test rows' classes, for the roc_auc gate's note (the split's test file exists only in the copy).
    testCounts = (await readTargetFacts(temp ?? root, testPath, testShape ?? shape, target, [])).counts;
    // A split can put every row of a rare class on the test side: the model could never learn it, and train would refuse the test file.
    if (split !== undefined && temp !== undefined) {
      const trained = await readTargetFacts(temp, trainPath, shape, target, []);
      const testOnly = [...testCounts.keys()].filter((value) => !trained.counts.has(value));
      // Classes only: a regression target (many values, or decimals) has test values training lacks by nature.
      const regression =
        trained.counts.size > MAX_CLASSES || (trained.numeric && [...trained.counts.keys()].some((value) => /[.eE]/.test(value)));
      if (testOnly.length > 0 && !regression)
        throw new UserError(
          `the split of ${data} put every row of target ${testOnly.length === 1 ? "class" : "classes"} ${testOnly.map((value) => quoted(value)).join(", ")} into ${split.test.path}, none into ${split.train.path}`,
          {
            file: data,
            hint: "add rows of that class, try another --seed, or give your own held-out file with --test PATH",
          },
        );
    }
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  }
  const contract = parseYaml(contractText) as ContractDocument;
  const columns = new Map(contract.columns.map((column) => [column.name, column]));

  // Sensitive columns must exist; numeric ones get quartile bins.
  const sensitive = inputs.sensitive ?? [];
  for (const name of sensitive)
    if (!columns.has(name))
      throw new UserError(`--sensitive ${quoted(name)} is not a column of ${data}`, {
        file: data,
        hint: `give --sensitive columns of the data: ${shape.columns.map((column) => shown(column)).join(", ")}`,
      });
  if (sensitive.includes(target))
    throw new UserError(`--sensitive names the target ${quoted(target)}`, {
      hint: "name the columns that describe people, not the label",
    });
  const numericSensitive = sensitive.filter((name) => ["integer", "number"].includes(columns.get(name)!.type));

  // The task, from the target's values.
  const textColumns = contract.columns.filter((column) => column.type === "string" && column.name !== target && column.unique !== true);
  const facts = await readTargetFacts(
    root,
    data,
    shape,
    target,
    numericSensitive,
    textColumns.map((column) => column.name),
  );
  const targetType = columns.get(target)!.type;
  const classes = [...facts.counts.keys()];
  const task: Task =
    facts.numeric && (targetType === "number" || facts.counts.size > MAX_CLASSES)
      ? "regression"
      : facts.counts.size === 2
        ? "binary"
        : "multiclass";
  if (task !== "regression" && facts.counts.size < 2)
    throw new UserError(
      `the target ${quoted(target)} of ${data} has one value only (${classes[0] === undefined ? "none" : quoted(classes[0])}): nothing to learn`,
      {
        file: data,
        hint: "check --target names the label column",
      },
    );
  if (task === "multiclass" && facts.counts.size > MAX_CLASSES)
    throw new UserError(`the target ${quoted(target)} has more than ${MAX_CLASSES} classes`, {
      file: data,
      hint: "check --target names the label column; init starts classifiers of up to 20 classes and regressions on numbers",
    });
  if (sensitive.length > 0 && task !== "binary")
    throw new UserError(`--sensitive: fairness gates need a binary target, and ${quoted(target)} is ${task}`, {
      hint: "leave --sensitive out, or predict a yes/no outcome",
    });
  if (task !== "regression" && test !== undefined) {
    const aliases = await testLabelAliases(root, data, test, testShape!, target, classes);
    if (aliases.size > 0) {
      contractText = withTargetAliases(contractText, target, aliases, classes);
      notes.push(
        `Test labels: ${test} writes ${[...aliases.keys()].map((value) => shown(value)).join(", ")}, which ${data} lacks; ` +
          `${INIT_PATHS.contract} maps them (aliases: ${[...aliases].map(([from, to]) => `${shown(from)} → ${shown(to)}`).join(", ")}).`,
      );
    }
  }
  const ranked = [...facts.counts.entries()].sort((a, b) => b[1] - a[1]);
  let positiveLabel: string | undefined;
  if (task === "binary") {
    if (inputs.positiveLabel !== undefined && !facts.counts.has(inputs.positiveLabel))
      throw new UserError(`--positive-label ${quoted(inputs.positiveLabel)} is not a value of ${quoted(target)}`, {
        hint: `use one of ${classes.map((value) => quoted(value)).join(", ")}`,
      });
    positiveLabel = inputs.positiveLabel ?? ranked[ranked.length - 1]![0];
    if (inputs.positiveLabel === undefined)
      notes.push(
        `Positive class (the one scored): ${shown(positiveLabel)}, the rarer one; --positive-label VALUE to score the other. ` +
          "It is the event the model predicts (e.g. churn), not necessarily a favourable outcome; fairness gates compare its rate per group.",
      );
  }
  let aucNote: string | undefined;
  if (task === "binary") {
    const positives = testCounts.get(positiveLabel!) ?? 0;
    const negatives = [...testCounts.values()].reduce((sum, count) => sum + count, 0) - positives;
    const half = aucHalfWidth(DECENT_AUC, positives, negatives);
    if (DECENT_AUC - half < AUC_FLOOR) {
      const width = Number.isFinite(half) ? `±${half.toFixed(3)}` : "unbounded";
      aucNote = `${testPath} has ${positives} positive and ${negatives} negative rows: at AUC ${DECENT_AUC} the 95% CI is ${width} (Hanley–McNeil), so its lower end likely misses ${AUC_FLOOR}; more test rows, or on: point`;
      notes.push(
        `Small test set: ${testPath} has ${positives} rows of the positive class and ${negatives} of the other. For a decent model (AUC ${DECENT_AUC}) the 95% confidence interval is ${width} (Hanley–McNeil), ` +
          `so its lower end (${Number.isFinite(half) ? (DECENT_AUC - half).toFixed(3) : "–"}) would likely fail the roc_auc gate (min ${AUC_FLOOR}, on: ci) in ${INIT_PATHS.policy}. ` +
          "Add test rows (or a larger --test-share), or gate the point estimate instead (on: point).",
      );
    }
  }
  notes.push(
    `Task: ${task}${task === "regression" ? "" : ` (${classes.length} classes)`}, from ${facts.rows.toLocaleString("en-US")} rows of ${shown(target)}.`,
  );

  // Features: every column but the target, except identifiers and dates, which a tabular model cannot use as they are.
  // Roles the contract gets beyond contract infer's `feature`: what validate (duplicates ignore ids)
  // and drift (ids and timestamps are not compared) read; --sensitive columns stay features too.
  const roles = new Map<string, string | string[]>(sensitive.map((name) => [name, ["feature", "sensitive"]]));
  const features: { name: string; categorical: boolean; categories: number }[] = [];
  const skipped: { name: string; why: string }[] = [];
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
        categories: column.enum?.length ?? 0,
      });
  }
  if (features.length === 0)
    throw new UserError(`no column of ${data} besides the target can be a feature`, {
      file: data,
      hint: "add numeric or categorical columns, or write your own training command (train.command in modelship.yaml)",
    });
  if (skipped.length > 0)
    notes.push(
      `Left out of the features (commented in ${INIT_PATHS.trainConfig}): ${skipped.map((entry) => `${shown(entry.name)} (${entry.why})`).join(", ")}.`,
    );

  if (roles.size > 0) contractText = withRoles(contractText, roles);

  const fromTrainFolder = (path: string) => posix.relative(posix.dirname(INIT_PATHS.trainConfig), path);
  const generated: { path: string; text?: string; data?: Uint8Array; kind: "yaml" | "gitignore" | "data"; overrides?: string[][] }[] = [
    {
      path: INIT_PATHS.config,
      kind: "yaml",
      overrides: explicit([
        [inputs.model, ["model"]],
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.positiveLabel, ["evaluate", "positive_label"]],
      ]),
      text: configYaml({
        model,
        source: data,
        train: trainPath,
        test: testPath,
        testNote:
          split === undefined ? "held out: never trained on" : `the held-out ${Math.round(share * 100)}% of ${data}: never trained on`,
        task,
        positiveLabel,
        classes,
      }),
    },
    { path: INIT_PATHS.contract, kind: "yaml", text: contractText },
    {
      path: INIT_PATHS.trainConfig,
      kind: "yaml",
      overrides: explicit([
        [inputs.data ?? inputs.test, ["data", "train"], ["data", "test"]],
        [inputs.target, ["target"], ["task"], ["features"]],
      ]),
      text: trainYaml({
        train: fromTrainFolder(trainPath),
        test: fromTrainFolder(testPath),
        contract: fromTrainFolder(INIT_PATHS.contract),
        target,
        task,
        features,
        skipped,
      }),
    },
    {
      path: INIT_PATHS.policy,
      kind: "yaml",
      overrides: explicit([[inputs.sensitive, ["fairness"]]]),
      text: policyYaml({
        task,
        aucNote,
        majorityShare: task === "regression" ? undefined : ranked[0]![1] / facts.rows,
        sensitive: sensitive.map((name) => ({
          name,
          bins: numericSensitive.includes(name) ? quartileEdges(facts.values.get(name) ?? []) : undefined,
        })),
      }),
    },
    {
      path: INIT_PATHS.workflow,
      kind: "yaml",
      text: workflowYaml({ gpuRunner: inputs.gpuRunner, ref: inputs.workflowRef ?? "v1" }),
      overrides: explicit([[inputs.gpuRunner, ["jobs", "model", "with", "train-runs-on"]]]),
    },
    { path: INIT_PATHS.gitignore, kind: "gitignore" },
  ];
  if (split !== undefined)
    generated.push(
      { path: split.train.path, kind: "data", data: split.train.data },
      { path: split.test.path, kind: "data", data: split.test.data },
    );

  // Refuse before anything is read or written: a link on the way to any output, or something that is
  // not a regular file where one goes (a file where a folder goes); then every existing file (the
  // .gitignore only gains lines, so it never counts).
  const places = new Map<string, OutputPlace>();
  for (const file of generated) places.set(file.path, await checkOutputPath(root, file.path));
  const present = new Map<string, Uint8Array>();
  for (const file of generated) if (places.get(file.path)!.exists) present.set(file.path, await readOutput(root, file.path));
  const clashes = [...present.keys()].filter((path) => path !== INIT_PATHS.gitignore);
  if (clashes.length > 0 && inputs.force !== true)
    throw new UserError(
      `init would overwrite ${clashes.length === 1 ? "a file that exists" : `${clashes.length} files that exist`}: ${clashes.join(", ")}; nothing was written`,
      {
        hint: "run `modelship init --force` to merge (your keys, values and comments stay, what is missing is added, and the flags you give replace what they set; split data files are rewritten), or move those files away",
      },
    );

  // The final text of every file, checked before any is written.
  const finals: { path: string; bytes: Uint8Array; status: InitFileStatus }[] = [];
  for (const file of generated) {
    const before = present.get(file.path);
    const beforeText = before === undefined ? undefined : Buffer.from(before).toString("utf8");
    let bytes: Uint8Array;
    if (file.kind === "data") bytes = file.data!;
    else if (file.kind === "gitignore") bytes = Buffer.from(gitignoreText(beforeText, split === undefined ? undefined : data), "utf8");
    else bytes = Buffer.from(beforeText === undefined ? file.text! : mergeYaml(beforeText, file.text!, file.path, file.overrides), "utf8");
    if (file.kind === "yaml") checkFile(file.path, Buffer.from(bytes).toString("utf8"), root);
    finals.push({
      path: file.path,
      bytes,
      status: before === undefined ? "added" : Buffer.from(before).equals(Buffer.from(bytes)) ? "unchanged" : "updated",
    });
  }
  // Should a write still fail (permissions, a full disk), what this run created is removed again.
  await writeOutputs(
    root,
    finals.filter((file) => file.status !== "unchanged").map((file) => ({ place: places.get(file.path)!, bytes: file.bytes })),
    writeFileAtomic,
  );

  // package.json and its lock pin the modelship version that `npx modelship` runs, here and in CI.
  const npmFiles: string[] = [];
  for (const name of ["package.json", "package-lock.json"])
    if ((await checkOutputPath(root, name).catch(() => undefined))?.exists === true) npmFiles.push(name);
  const nextSteps = [
    "Review what was written, above all data/contract.yaml (it describes the data you have, not the data you want) and the thresholds in policies/gates.yaml.",
    "Run the pipeline here: npx modelship validate, npx modelship train, npx modelship evaluate",
    `Commit: git add ${[...finals.map((file) => file.path), ...npmFiles].join(" ")} && git commit -m "Start modelship"` +
      (npmFiles.length > 0 ? ` (${npmFiles.join(" and ")} pin the modelship version that npx runs)` : "") +
      (split === undefined
        ? ""
        : `. ${data} stays out of git (.gitignore lists it): ${split.train.path} and ${split.test.path} hold all its rows; keep it, or delete it`),
    "On GitHub (Settings → Actions → General): allow the actions and reusable workflows of modelship/modelship (or all actions). The caller grants the workflow contents, pull-requests, id-token and attestations write; it needs no secrets until you promote.",
    'Protect main: require the check "model / Result" before merging (it fails unless validate, train and evaluate all succeeded), and add a CODEOWNERS rule for policies/gates.yaml.',
    "Later: promotion to a GitOps repository (promote-environment, gitops-repository and the GitOps App's secrets GITOPS_APP_ID and GITOPS_APP_PRIVATE_KEY in .github/workflows/model.yml).",
  ];
  return {
    model,
    data,
    target,
    task,
    ...(split === undefined
      ? {}
      : {
          split: {
            train: split.train.path,
            test: split.test.path,
            trainRows: split.train.rows,
            testRows: split.test.rows,
            share,
            seed: split.seed,
          },
        }),
    files: finals.map(({ path, status }) => ({ path, status })),
    notes,
    nextSteps,
  };
}

/**
 * The test file's target classes that the training data lacks: one that is a training class with a
 * trailing dot (the Adult test file's `<=50K.`) is mapped back by an alias; any other stops init
 * (the model could never predict it, and `train` would refuse the test file).
 */
async function testLabelAliases(
  root: string,
  data: string,
  test: string,
  shape: DataShape,
  target: string,
  classes: string[],
): Promise<Map<string, string>> {
  const known = new Set(classes);
  const tested = [...(await readTargetFacts(root, test, shape, target, [])).counts.keys()];
  const unseen = tested.filter((value) => !known.has(value));
  const aliases = new Map<string, string>();
  for (const value of unseen) if (known.has(value.replace(/\.$/, ""))) aliases.set(value, value.replace(/\.$/, ""));
  const unmapped = unseen.filter((value) => !aliases.has(value));
  if (unmapped.length > 0)
    throw new UserError(
      `the test file ${test} has target ${unmapped.length === 1 ? "class" : "classes"} ${unmapped.map((value) => quoted(value)).join(", ")} that the training data ${data} lacks (it has ${classes.map((value) => quoted(value)).join(", ")})`,
      {
        file: test,
        hint: `fix the labels in ${test}, or give --test a file with the same classes as --data; if they mean a training class, map them with the target's aliases in the contract (e.g. aliases: {${JSON.stringify(unmapped[0])}: ${JSON.stringify(classes[0])}})`,
      },
    );
  return aliases;
}

/** The contract with the target's aliases set and its enum the training classes (contract infer lists every value it saw). */
function withTargetAliases(contractText: string, target: string, aliases: Map<string, string>, classes: string[]): string {
  const document = parseDocument(contractText);
  const columns = document.get("columns", true) as YAMLSeq<YAMLMap>;
  const column = columns.items.find((item) => item.get("name") === target)!;
  const flow = <T extends object>(node: T): T => Object.assign(node, { flow: true });
  column.set("enum", flow(document.createNode(classes)));
  column.set("aliases", flow(document.createNode(Object.fromEntries(aliases))));
  return document.toString({ lineWidth: 0 });
}

/** The contract with these columns' roles set. */
function withRoles(contractText: string, roles: Map<string, string | string[]>): string {
  const document = parseDocument(contractText);
  const columns = document.get("columns", true) as YAMLSeq<YAMLMap>;
  for (const column of columns.items) {
    const role = roles.get(String(column.get("name")));
    if (role === undefined) continue;
    const node = document.createNode(role);
    if (isSeq(node)) node.flow = true;
    column.set("role", node);
  }
  return document.toString({ lineWidth: 0 });
}

/** The key paths whose flag was given: with --force, those values replace the user's. */
function explicit(entries: [unknown, ...string[][]][]): string[][] {
  return entries.flatMap(([given, ...paths]) => (given === undefined ? [] : paths));
}

/** A logger that shows `from` as `to` (the split's temporary copy as the files init writes). */
function renamed(logger: Logger, from: string, to: string): Logger {
  const fix = (message: string) => message.replaceAll(from, to);
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
    group: (name, fn) => logger.group(fix(name), fn),
  };
}

/** The contract with `version: 1` on top (user-written YAML carries its format's version), unless it has one. */
function versioned(yaml: string): string {
  if (/^version:/m.test(yaml)) return yaml;
  const lines = yaml.split("\n");
  const firstKey = lines.findIndex((line) => /^[A-Za-z_]/.test(line));
  lines.splice(firstKey === -1 ? lines.length : firstKey, 0, "version: 1");
  return lines.join("\n");
}

/** A file init is about to write must load as its kind; a user's merged-in mistake is theirs, named with its line. */
function checkFile(path: string, text: string, root: string): void {
  switch (path) {
    case INIT_PATHS.config:
      parseConfig(text, { file: path, cwd: root });
      return;
    case INIT_PATHS.contract:
      parseContract(text, path);
      return;
    case INIT_PATHS.trainConfig:
      validateYaml(trainSchema, text, path, "train config");
      return;
    case INIT_PATHS.policy:
      validateYaml(policySchema, text, path, "gate policy");
      return;
    default:
      parseYamlSource(text, path);
  }
}

function validateYaml(schema: JsonSchema, text: string, file: string, what: string): void {
  const source = parseYamlSource(text, file);
  assertValid(schema, source.data, { file, what, source });
}
