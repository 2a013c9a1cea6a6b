/**
 * The train stage as one call, shared by the action and the CLI: check the GPU requirement before
 * anything expensive, run the user's command (or the built-in trainer) into a staging folder while
 * sampling the GPUs, check what it wrote (a loadable model, valid metrics), write the run record,
 * and only then move the folder into place — a failed run leaves no half-written output.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import metricsSchema from "../../schemas/train-metrics.schema.json" with { type: "json" };
import runRecordSchema from "../../schemas/run-record.schema.json" with { type: "json" };
import { writeFileAtomic } from "../common/atomic-write.ts";
import { errnoCode, isUserError, UserError } from "../common/errors.ts";
import { upgradeBySchema } from "../common/format-version.ts";
import type { Logger } from "../common/logger.ts";
import { assertValid, assertWritable } from "../common/schema-validation.ts";
import { parseYamlSource } from "../common/yaml-source.ts";
import { trainContainer } from "./container-image.ts";
import {
  assertGpuRequirement,
  detectCudaToolkit,
  detectGpus,
  GpuSampler,
  summarizeSamples,
  type GpuDetection,
  type RequireGpu,
} from "./gpu.ts";
import { readModelSignature } from "./model-signature.ts";
import { runCommand } from "./run-command.ts";
import { fingerprintFile, gitState, runnerInfo, workflowRun, type FileFingerprint } from "./run-context.ts";
import type { FlatTrainMetrics, RunRecord, TrainMetrics } from "./run-record-types.ts";

export const RUN_RECORD_SCHEMA = "modelship/run-record@1";

/** What the built-in trainer gives back to this stage (see builtin-train.ts). */
export interface BuiltinRun {
  configFile: FileFingerprint;
  seed: number;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  history: Record<string, number>[];
  dataPaths: string[];
  contractPath?: string;
  backend: { name: string; package: string; threads?: number };
}

export interface TrainOptions {
  /** Either the user's command, or the built-in trainer (a function that writes model.onnx into the folder it is given). */
  run: { command: string } | { builtin: (outputDir: string) => Promise<BuiltinRun> };
  /** Where model.onnx, metrics.json and run-record.json end up; replaced as a whole on success. */
  outputDir: string;
  cwd: string;
  requireGpu: RequireGpu;
  /** The runner labels the job asked for, for the no-GPU message and the record. */
  runnerLabels?: string;
  /** Data files (fingerprinted; passed to a command as MODELSHIP_TRAIN_DATA / MODELSHIP_TEST_DATA). */
  data?: { train?: string; test?: string; contract?: string };
  /** Hyperparameters of this run (a sweep's matrix entry): MODELSHIP_PARAMS as JSON, and MODELSHIP_PARAM_<NAME>. */
  params?: Record<string, string>;
  seed?: number;
  gpuSampleMs?: number;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  toolVersion: string;
}

export interface TrainResult {
  modelPath: string;
  runRecordPath: string;
  metricsPath: string;
  record: RunRecord;
}

/** Environment variable name for a parameter: MODELSHIP_PARAM_LEARNING_RATE for learning-rate. */
export function paramVariable(name: string): string {
  return `MODELSHIP_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** How the messages name a file the training wrote into its staging folder: as the command sees it. */
const OUTPUT_DIR = "$MODELSHIP_OUTPUT_DIR";

/** The keys that make a metrics.json the wrapped form (see the schema's if/then/else). */
const WRAPPED_KEYS = ["metrics", "params", "history"];

async function readMetrics(path: string): Promise<TrainMetrics | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined;
    if (errnoCode(error) === "EISDIR")
      throw new UserError("is a folder, not a file", {
        file: `${OUTPUT_DIR}/metrics.json`,
        hint: "write metrics.json as a JSON file, or none",
      });
    throw error;
  }
  const shown = `${OUTPUT_DIR}/metrics.json`;
  const source = parseYamlSource(text, shown);
  // The format version before the two forms' hint, which would not fit a version error.
  const data = upgradeBySchema(metricsSchema, source.data, { file: shown, what: "metrics.json", source });
  try {
    return wrapMetrics(assertValid<TrainMetrics | FlatTrainMetrics>(metricsSchema, data, { file: shown, what: "metrics.json", source }));
  } catch (error) {
    if (!isUserError(error)) throw error;
    // Say which of the two forms the file was read as, and how to write the other.
    const keys = typeof data === "object" && data !== null && !Array.isArray(data) ? Object.keys(data) : [];
    const wrapped = keys.some((key) => WRAPPED_KEYS.includes(key));
    const form = wrapped
      ? 'with a metrics, params or history key it is read as the wrapped form {"metrics": {"loss": 0.1}, "params": {…}, "history": […]}, which has no other keys; or write only numbers at the top level ({"loss": 0.1})'
      : 'without a metrics, params or history key it is read as the flat form, where every value is a metric and must be a number ({"loss": 0.1}); put other values under params in the wrapped form ({"metrics": {"loss": 0.1}, "params": {"model": "resnet18"}})';
    throw new UserError(error.problem, {
      file: error.file,
      line: error.line,
      column: error.column,
      hint: [form, error.hint].filter((part) => part !== undefined).join("; "),
    });
  }
}

/**
 * Both forms the schema allows as the wrapped one: a flat `{"loss": 0.1}` (what most training
 * scripts write) becomes `{"metrics": {"loss": 0.1}}`; a document with a metrics, params or history
 * key is the wrapped form already.
 */
export function wrapMetrics(document: TrainMetrics | FlatTrainMetrics): TrainMetrics {
  if ("metrics" in document && typeof document.metrics === "object") return document as TrainMetrics;
  const metrics: Record<string, number> = {};
  // `version` is the file's format version, never a metric.
  for (const [name, value] of Object.entries(document)) if (typeof value === "number" && name !== "version") metrics[name] = value;
  return { metrics };
}

/** Refuses a model.onnx the training left that is not a regular file (a folder, or a link that could point anywhere). */
async function checkModelFile(path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return;
    throw error;
  }
  if (info.isFile()) return;
  const what = info.isSymbolicLink() ? "a symbolic link" : info.isDirectory() ? "a folder" : "not a regular file";
  throw new UserError(`is ${what}, not the model file`, {
    file: `${OUTPUT_DIR}/model.onnx`,
    hint: `save the model itself as "${OUTPUT_DIR}/model.onnx" (a file, not a link or a folder)`,
  });
}

/** Runs one training and returns where its outputs are. */
export async function runTraining(options: TrainOptions): Promise<TrainResult> {
  const { logger } = options;
  const env = options.env ?? process.env;
  const detection: GpuDetection =
    options.requireGpu === "false" ? { gpus: [], reason: "require-gpu is false: not looked for" } : await detectGpus(env);
  assertGpuRequirement(detection, options.requireGpu, { name: env.RUNNER_NAME, labels: options.runnerLabels });
  if (detection.gpus.length > 0)
    logger.info(
      `GPU: ${detection.gpus.map((gpu) => `${gpu.index}: ${gpu.name} (${gpu.memoryTotalMiB} MiB)`).join(", ")}${detection.cudaVersion === undefined ? "" : `, CUDA ${detection.cudaVersion}`}`,
    );
  else logger.info(`No GPU: ${detection.reason ?? "none found"}; training on CPU.`);
  const container = trainContainer(env);
  // PyTorch is asked only where it could matter: a command of the user's, with a GPU to use.
  const cudaToolkit = await detectCudaToolkit(env, { torch: detection.gpus.length > 0 && "command" in options.run });
  if (container !== undefined)
    logger.info(
      `Container: ${container.image}${container.digest === undefined ? " (no digest: the tag may have moved since)" : ""}${cudaToolkit === undefined ? "" : `, CUDA ${cudaToolkit.version} (${cudaToolkit.source})`}`,
    );

  const outputDir = resolve(options.cwd, options.outputDir);
  // The first folder this run creates above the output, removed again when the training fails.
  const created = await mkdir(dirname(outputDir), { recursive: true });
  let staging: string;
  try {
    staging = await mkdtemp(join(dirname(outputDir), `.${basename(outputDir)}.partial-`));
  } catch (error) {
    if (created !== undefined) await removeEmptyFolders(dirname(outputDir), created);
    throw error;
  }
  try {
    const sampler = new GpuSampler({ gpus: detection.gpus, intervalMs: options.gpuSampleMs, env });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let builtin: BuiltinRun | undefined;
    try {
      if ("command" in options.run) {
        const params = options.params ?? {};
        const commandEnv: NodeJS.ProcessEnv = { ...env, MODELSHIP_OUTPUT_DIR: staging, MODELSHIP_PARAMS: JSON.stringify(params) };
        for (const [name, value] of Object.entries(params)) commandEnv[paramVariable(name)] = value;
        if (options.data?.train !== undefined) commandEnv.MODELSHIP_TRAIN_DATA = resolve(options.cwd, options.data.train);
        if (options.data?.test !== undefined) commandEnv.MODELSHIP_TEST_DATA = resolve(options.cwd, options.data.test);
        if (options.data?.contract !== undefined) commandEnv.MODELSHIP_CONTRACT = resolve(options.cwd, options.data.contract);
        if (options.seed !== undefined) commandEnv.MODELSHIP_SEED = String(options.seed);
        await logger.group(`Train: ${options.run.command}`, () =>
          runCommand({ command: (options.run as { command: string }).command, cwd: options.cwd, env: commandEnv, logger }),
        );
      } else {
        builtin = await options.run.builtin(staging);
        // Only TensorFlow.js through @tensorflow/tfjs-node-gpu can reach a GPU; a GPU runner that trained on the CPU says so.
        if (detection.gpus.length > 0 && builtin.backend.package !== "@tensorflow/tfjs-node-gpu")
          logger.info(
            `The built-in trainer did not use the GPU: it trained on the CPU with ${builtin.backend.name} (${builtin.backend.package}). ` +
              "Only TensorFlow.js with @tensorflow/tfjs-node-gpu (train.yaml's model.backend: tfjs, and the CUDA it was built for) trains on a GPU, an optional route untested here (docs/gpu-runners.md#gpu-evidence).",
          );
      }
    } finally {
      await sampler.stop();
    }
    const wallSeconds = Math.round((performance.now() - started) / 10) / 100;
    const cpu = process.cpuUsage(cpuStarted);

    const modelPath = join(staging, "model.onnx");
    await checkModelFile(modelPath);
    const written = await listFiles(staging);
    if (!written.includes("model.onnx")) {
      throw new UserError(
        `the training command wrote no model.onnx into MODELSHIP_OUTPUT_DIR; it wrote ${written.length === 0 ? "nothing" : written.join(", ")}`,
        {
          hint: 'save the model as "$MODELSHIP_OUTPUT_DIR/model.onnx" (e.g. torch.onnx.export(model, x, os.environ["MODELSHIP_OUTPUT_DIR"] + "/model.onnx"))',
        },
      );
    }
    const signature = await readModelSignature(modelPath, `${OUTPUT_DIR}/model.onnx`);
    const metricsFile = join(staging, "metrics.json");
    const userMetrics = builtin === undefined ? await readMetrics(metricsFile) : undefined;

    const dataFiles = builtin?.dataPaths ?? [options.data?.train, options.data?.test].filter((path): path is string => path !== undefined);
    const contractPath = builtin?.contractPath ?? options.data?.contract;
    const modelFile = await fingerprintFile(modelPath);
    const seed = builtin?.seed ?? options.seed;
    const record: RunRecord = {
      schema: RUN_RECORD_SCHEMA,
      tool: { name: "modelship", version: options.toolVersion },
      created: new Date().toISOString(),
      mode: builtin === undefined ? "command" : "builtin",
      ...("command" in options.run ? { command: options.run.command } : {}),
      ...(builtin === undefined ? {} : { config: builtin.configFile }),
      ...(seed === undefined ? {} : { seed }),
      params: builtin?.params ?? { ...(userMetrics?.params ?? {}), ...(options.params ?? {}) },
      metrics: builtin?.metrics ?? userMetrics?.metrics ?? {},
      history: builtin?.history ?? userMetrics?.history ?? [],
      data: {
        files: await Promise.all(
          dataFiles.map((path) => fingerprintFile(resolve(options.cwd, path)).then((print) => ({ ...print, path }))),
        ),
        ...(contractPath === undefined
          ? {}
          : { contract: { ...(await fingerprintFile(resolve(options.cwd, contractPath))), path: contractPath } }),
      },
      git: await gitState(options.cwd, env),
      run: workflowRun(env),
      runner: runnerInfo(env, options.runnerLabels),
      ...(container === undefined ? {} : { container }),
      gpu: {
        required: options.requireGpu,
        devices: detection.gpus,
        ...(detection.cudaVersion === undefined ? {} : { cudaVersion: detection.cudaVersion }),
        ...(cudaToolkit === undefined ? {} : { cudaToolkit }),
        ...(detection.cudaVisibleDevices === undefined ? {} : { cudaVisibleDevices: detection.cudaVisibleDevices }),
        ...(detection.reason === undefined ? {} : { reason: detection.reason }),
        samples: sampler.samples,
        utilization: summarizeSamples(sampler.samples),
      },
      ...(builtin === undefined ? {} : { backend: builtin.backend }),
      // A command's own CPU time is not visible to us; the built-in trainer runs in this process.
      timing: builtin === undefined ? { wallSeconds } : { wallSeconds, cpuSeconds: Math.round((cpu.user + cpu.system) / 10_000) / 100 },
      model: { file: { ...modelFile, path: "model.onnx" }, inputs: signature.inputs, outputs: signature.outputs },
    };
    assertWritable(runRecordSchema, record, "run record");
    if (userMetrics === undefined)
      await writeFileAtomic(
        metricsFile,
        `${JSON.stringify({ version: 1, metrics: record.metrics, params: record.params, history: record.history }, null, 2)}\n`,
      );
    await writeFileAtomic(join(staging, "run-record.json"), `${JSON.stringify(record, null, 2)}\n`);

    // Swap the finished folder in; the old one goes only once the new one is complete.
    await rm(outputDir, { recursive: true, force: true });
    await rename(staging, outputDir);
    logger.info(
      `Model: ${join(options.outputDir, "model.onnx")} (${signature.inputs.length} input(s), ${signature.outputs.map((output) => output.name).join(", ")}); run record: ${join(options.outputDir, "run-record.json")}`,
    );
    return {
      modelPath: join(outputDir, "model.onnx"),
      runRecordPath: join(outputDir, "run-record.json"),
      metricsPath: join(outputDir, "metrics.json"),
      record,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (created !== undefined) await removeEmptyFolders(dirname(outputDir), created);
    throw error;
  }
}

/** Removes `from` and the folders above it up to `top` while they are empty: the folders a failed run made, unless something else was written there. */
async function removeEmptyFolders(from: string, top: string): Promise<void> {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    if (dir === top || dirname(dir) === dir) return;
  }
}
