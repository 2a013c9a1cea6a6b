import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  run_record_schema_default
} from "./chunk-SIUYJETE.js";
import {
  DEFAULT_CONFIG_FILE,
  pick
} from "./chunk-MJL4K42X.js";
import {
  assertValid,
  assertWritable,
  parseYamlSource,
  writeFileAtomic
} from "./chunk-WZPDVDLB.js";
import {
  UserError,
  errnoCode
} from "./chunk-FVCB3CXZ.js";

// src/config/train-settings.ts
var DEFAULT_MODEL_DIR = ".modelship/model";
function parseParams(items) {
  const params = {};
  const joined = items.join("\n").trim();
  if (joined.startsWith("{")) {
    let parsed;
    try {
      parsed = JSON.parse(joined);
    } catch (error) {
      throw new UserError(`params is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { hint: 'give params as a JSON object ({"lr": 0.01}) or as NAME=VALUE lines' });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UserError("params JSON must be an object of names to values", { hint: 'e.g. {"lr": 0.01, "layers": "64,32"}' });
    for (const [name, value] of Object.entries(parsed)) params[name] = typeof value === "string" ? value : JSON.stringify(value);
    return params;
  }
  for (const item of items) {
    const at = item.indexOf("=");
    if (at <= 0) throw new UserError(`parameter "${item}" is not NAME=VALUE`, { hint: "write parameters as name=value, e.g. --param learning_rate=0.01" });
    params[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return params;
}
function requireGpuOf(value) {
  if (value === void 0) return void 0;
  const text = String(value);
  if (text === "true" || text === "false" || text === "auto") return text;
  throw new UserError(`require-gpu must be true, false or auto, got "${text}"`, { hint: "use require-gpu: auto to train on a GPU when there is one" });
}
function resolveTrainSettings(explicit, loaded) {
  const config = loaded.config?.train;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const command = explicit.command ?? config?.command;
  if (command === void 0 || command.trim() === "") {
    throw new UserError("nothing to train: no training command", { hint: `pass --command "python train.py" (the action's command input), or set train.command in ${DEFAULT_CONFIG_FILE}` });
  }
  const data = loaded.config?.data;
  return {
    command,
    outputDir: pick(explicit.output, fromConfig(config?.output)) ?? DEFAULT_MODEL_DIR,
    requireGpu: pick(explicit.requireGpu, requireGpuOf(config?.require_gpu)) ?? "auto",
    seed: pick(explicit.seed, config?.seed),
    params: parseParams(explicit.params ?? []),
    data: { train: pick(explicit.train, fromConfig(data?.train)), test: pick(explicit.test, fromConfig(data?.test)), contract: pick(explicit.contract, fromConfig(data?.contract)) },
    gpuSampleMs: Math.round((config?.gpu_sample_seconds ?? 5) * 1e3)
  };
}

// src/train/train.ts
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

// schemas/train-metrics.schema.json
var train_metrics_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/train-metrics.schema.json",
  title: "modelship training metrics",
  description: "What a user's training command may write as metrics.json beside model.onnx in MODELSHIP_OUTPUT_DIR; modelship copies it into the run record.",
  type: "object",
  additionalProperties: false,
  required: ["metrics"],
  properties: {
    $schema: { description: "Optional link to this schema, for editors.", type: "string" },
    metrics: {
      description: 'Final metrics by name, e.g. {"val_accuracy": 0.86}.',
      type: "object",
      additionalProperties: { type: "number", description: "A metric's value." }
    },
    params: {
      description: "Hyperparameters the run used, by name.",
      type: "object",
      additionalProperties: { description: "A parameter's value.", type: ["number", "string", "boolean", "null"] }
    },
    history: {
      description: "Metrics per epoch or step, in order.",
      type: "array",
      items: {
        description: "One epoch or step: its number and metrics.",
        type: "object",
        additionalProperties: { type: "number", description: "A metric's value." },
        properties: {
          epoch: { description: "Epoch number, from 1.", type: "integer", minimum: 0 },
          step: { description: "Step number.", type: "integer", minimum: 0 }
        }
      }
    }
  }
};

// src/train/gpu.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var run = promisify(execFile);
var QUERY = "index,uuid,name,memory.total,driver_version";
function parseNumber(text) {
  const value = Number(text?.trim());
  return Number.isFinite(value) ? value : 0;
}
function parseGpuList(csv) {
  return csv.split("\n").map((line) => line.trim()).filter((line) => line !== "").map((line) => {
    const [index, uuid, name, memory, driver] = line.split(",").map((field) => field.trim());
    return { index: parseNumber(index), uuid: uuid ?? "", name: name ?? "unknown", memoryTotalMiB: parseNumber(memory), driverVersion: driver ?? "" };
  });
}
function visibleGpus(gpus, cudaVisibleDevices) {
  if (cudaVisibleDevices === void 0) return gpus;
  const visible = [];
  for (const token of cudaVisibleDevices.split(",").map((part) => part.trim())) {
    const gpu = /^\d+$/.test(token) ? gpus.find((candidate) => candidate.index === Number(token)) : gpus.find((candidate) => token !== "" && candidate.uuid.startsWith(token));
    if (gpu === void 0) break;
    visible.push(gpu);
  }
  return visible;
}
async function detectGpus(env = process.env) {
  const cudaVisibleDevices = env.CUDA_VISIBLE_DEVICES;
  let listing;
  try {
    listing = (await run("nvidia-smi", [`--query-gpu=${QUERY}`, "--format=csv,noheader,nounits"], { env, timeout: 2e4 })).stdout;
  } catch (error) {
    const code = error.code;
    return { gpus: [], reason: code === "ENOENT" ? "nvidia-smi is not on PATH (no NVIDIA driver on this runner)" : `nvidia-smi failed: ${String(error.stderr ?? error).trim().split("\n")[0]}`, cudaVisibleDevices };
  }
  const all = parseGpuList(listing);
  const gpus = visibleGpus(all, cudaVisibleDevices);
  let cudaVersion;
  try {
    cudaVersion = /CUDA Version:\s*([\d.]+)/.exec((await run("nvidia-smi", [], { env, timeout: 2e4 })).stdout)?.[1];
  } catch {
    cudaVersion = void 0;
  }
  const reason = gpus.length > 0 ? void 0 : all.length === 0 ? "nvidia-smi lists no GPU" : `CUDA_VISIBLE_DEVICES=${cudaVisibleDevices ?? ""} hides all ${all.length} GPU(s)`;
  return { gpus, cudaVersion, reason, cudaVisibleDevices };
}
function assertGpuRequirement(detection, requireGpu, runner) {
  if (requireGpu !== "true" || detection.gpus.length > 0) return;
  const where = [runner.name === void 0 ? void 0 : `runner "${runner.name}"`, runner.labels === void 0 ? void 0 : `labels ${runner.labels}`].filter(Boolean).join(", ");
  throw new UserError(`require-gpu is true but no GPU is available${where === "" ? "" : ` on ${where}`}: ${detection.reason ?? "none found"}`, {
    hint: "run the train job on a GPU runner (runs-on: [self-hosted, linux, gpu] or your GPU labels), or set require-gpu: auto to train on CPU"
  });
}
var GpuSampler = class {
  samples = [];
  #indices;
  #env;
  #started = performance.now();
  #timer;
  #pending = Promise.resolve();
  constructor(options) {
    this.#indices = new Set(options.gpus.map((gpu) => gpu.index));
    this.#env = options.env ?? process.env;
    if (this.#indices.size === 0) return;
    const sample = () => {
      this.#pending = this.#sample();
    };
    sample();
    this.#timer = setInterval(sample, options.intervalMs ?? 5e3);
    this.#timer.unref();
  }
  async #sample() {
    try {
      const { stdout } = await run("nvidia-smi", ["--query-gpu=index,utilization.gpu,memory.used", "--format=csv,noheader,nounits"], { env: this.#env, timeout: 1e4 });
      const t = Math.round((performance.now() - this.#started) / 100) / 10;
      for (const line of stdout.split("\n")) {
        const [index, utilization, memory] = line.split(",").map((field) => field.trim());
        if (index === void 0 || index === "" || !this.#indices.has(Number(index))) continue;
        this.samples.push({ t, index: Number(index), utilizationPercent: parseNumber(utilization), memoryUsedMiB: parseNumber(memory) });
      }
    } catch {
    }
  }
  /** Stops sampling (after one last sample) and returns the samples. */
  async stop() {
    if (this.#timer !== void 0) {
      clearInterval(this.#timer);
      this.#timer = void 0;
      await this.#pending;
      await this.#sample();
    }
    return this.samples;
  }
};
function summarizeSamples(samples) {
  const byGpu = /* @__PURE__ */ new Map();
  for (const sample of samples) byGpu.set(sample.index, [...byGpu.get(sample.index) ?? [], sample]);
  return [...byGpu.entries()].sort(([a], [b]) => a - b).map(([index, list]) => ({
    index,
    samples: list.length,
    meanUtilizationPercent: Math.round(list.reduce((sum, sample) => sum + sample.utilizationPercent, 0) / list.length * 10) / 10,
    maxUtilizationPercent: Math.max(...list.map((sample) => sample.utilizationPercent)),
    maxMemoryUsedMiB: Math.max(...list.map((sample) => sample.memoryUsedMiB))
  }));
}

// src/train/model-signature.ts
function describe(value) {
  if (!value.isTensor) return { name: value.name, type: "non-tensor" };
  const described = { name: value.name, type: value.type ?? "unknown" };
  if (value.shape !== void 0) described.shape = value.shape.map((dim) => typeof dim === "number" && dim < 0 ? "?" : dim);
  return described;
}
async function readModelSignature(path) {
  const ort = await import("onnxruntime-node");
  let session;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new UserError(`is not a model onnxruntime can load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, {
      file: path,
      hint: "export the model with torch.onnx.export, tf2onnx or skl2onnx (opset \u2264 21), and check it with onnx.checker"
    });
  }
  try {
    return {
      inputs: session.inputMetadata.map((value) => describe(value)),
      outputs: session.outputMetadata.map((value) => describe(value))
    };
  } finally {
    await session.release();
  }
}

// src/train/run-command.ts
import { spawn } from "node:child_process";
var TAIL_LINES = 20;
var LineTail = class {
  lines = [];
  #each;
  #partial = "";
  constructor(each) {
    this.#each = each;
  }
  push(chunk) {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? "";
    for (const line of parts) this.#keep(line);
  }
  end() {
    if (this.#partial !== "") this.#keep(this.#partial);
    this.#partial = "";
  }
  #keep(line) {
    this.#each(line);
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }
};
async function runCommand(options) {
  const { command, logger } = options;
  const started = performance.now();
  const child = spawn("bash", ["-e", "-o", "pipefail", "-c", command], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const tail = new LineTail((line) => {
    logger.info(line);
  });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    tail.push(chunk);
  });
  child.stderr.on("data", (chunk) => {
    tail.push(chunk);
  });
  const { code, signal } = await new Promise((resolve2, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, exitSignal) => {
      resolve2({ code: exitCode, signal: exitSignal });
    });
  }).catch((error) => {
    throw new UserError(`could not start the training command: ${String(error)}`, { hint: "bash must be on PATH on the runner" });
  });
  tail.end();
  const seconds = (performance.now() - started) / 1e3;
  const last = tail.lines.length === 0 ? "(it printed nothing)" : `its last lines:
${tail.lines.map((line) => `    ${line}`).join("\n")}`;
  if (signal !== null) {
    const why = signal === "SIGKILL" ? " (SIGKILL: most often the kernel's out-of-memory killer; use a runner with more memory, or smaller batches)" : "";
    throw new UserError(`the training command was killed by ${signal}${why}; ${last}`, { hint: "check the runner's memory and time limits" });
  }
  if (code === 127) throw new UserError(`the training command was not found (exit 127): \`${command}\`; ${last}`, { hint: "check the command's spelling, and that its program is installed on the runner (and on PATH)" });
  if (code === 137) throw new UserError(`the training command was killed (exit 137, SIGKILL: most often out of memory); ${last}`, { hint: "use a runner with more memory, or train with smaller batches" });
  if (code !== 0) throw new UserError(`the training command failed with exit code ${code}; ${last}`, { hint: "fix the error above; the full log is in this step's output" });
  return { seconds };
}

// src/train/run-context.ts
import { execFile as execFile2 } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { cpus, release, totalmem, type } from "node:os";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
async function fingerprintFile(path) {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    throw new UserError(errnoCode(error) === "ENOENT" ? "not found" : `cannot be read (${errnoCode(error) ?? String(error)})`, { file: path, hint: "check the path (relative to the working directory)" });
  }
  return { path, sha256: hash.digest("hex"), bytes };
}
async function gitState(cwd, env = process.env) {
  try {
    const sha = (await run2("git", ["rev-parse", "HEAD"], { cwd })).stdout.trim();
    const status = (await run2("git", ["status", "--porcelain", "--untracked-files=no"], { cwd })).stdout.trim();
    const ref = env.GITHUB_REF ?? await run2("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd }).then((result) => result.stdout.trim()).catch(() => void 0);
    return { sha, dirty: status !== "", ...ref === void 0 ? {} : { ref } };
  } catch {
    return {};
  }
}
function workflowRun(env = process.env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const info = {};
  if (env.GITHUB_REPOSITORY !== void 0 && env.GITHUB_RUN_ID !== void 0) info.url = `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.GITHUB_WORKFLOW !== void 0) info.workflow = env.GITHUB_WORKFLOW;
  if (env.GITHUB_JOB !== void 0) info.job = env.GITHUB_JOB;
  if (env.GITHUB_RUN_ATTEMPT !== void 0 && /^\d+$/.test(env.GITHUB_RUN_ATTEMPT)) info.attempt = Number(env.GITHUB_RUN_ATTEMPT);
  return info;
}
function runnerInfo(env = process.env, labels) {
  const cores = cpus();
  return {
    ...env.RUNNER_NAME === void 0 ? {} : { name: env.RUNNER_NAME },
    ...labels === void 0 ? {} : { labels },
    os: `${type()} ${release()}`,
    arch: process.arch,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cpus: cores.length,
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version
  };
}

// src/train/train.ts
var RUN_RECORD_SCHEMA = "modelship/run-record@1";
function paramVariable(name) {
  return `MODELSHIP_PARAM_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort();
}
async function readMetrics(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return void 0;
    throw error;
  }
  const source = parseYamlSource(text, path);
  return assertValid(train_metrics_schema_default, source.data, { file: path, what: "metrics.json", source });
}
async function runTraining(options) {
  const { logger } = options;
  const env = options.env ?? process.env;
  const detection = options.requireGpu === "false" ? { gpus: [], reason: "require-gpu is false: not looked for" } : await detectGpus(env);
  assertGpuRequirement(detection, options.requireGpu, { name: env.RUNNER_NAME, labels: options.runnerLabels });
  if (detection.gpus.length > 0) logger.info(`GPU: ${detection.gpus.map((gpu) => `${gpu.index}: ${gpu.name} (${gpu.memoryTotalMiB} MiB)`).join(", ")}${detection.cudaVersion === void 0 ? "" : `, CUDA ${detection.cudaVersion}`}`);
  else logger.info(`No GPU: ${detection.reason ?? "none found"}; training on CPU.`);
  const outputDir = resolve(options.cwd, options.outputDir);
  await mkdir(dirname(outputDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outputDir), `.${basename(outputDir)}.partial-`));
  try {
    const sampler = new GpuSampler({ gpus: detection.gpus, intervalMs: options.gpuSampleMs, env });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let builtin;
    try {
      if ("command" in options.run) {
        const params = options.params ?? {};
        const commandEnv = { ...env, MODELSHIP_OUTPUT_DIR: staging, MODELSHIP_PARAMS: JSON.stringify(params) };
        for (const [name, value] of Object.entries(params)) commandEnv[paramVariable(name)] = value;
        if (options.data?.train !== void 0) commandEnv.MODELSHIP_TRAIN_DATA = resolve(options.cwd, options.data.train);
        if (options.data?.test !== void 0) commandEnv.MODELSHIP_TEST_DATA = resolve(options.cwd, options.data.test);
        if (options.data?.contract !== void 0) commandEnv.MODELSHIP_CONTRACT = resolve(options.cwd, options.data.contract);
        if (options.seed !== void 0) commandEnv.MODELSHIP_SEED = String(options.seed);
        await logger.group(`Train: ${options.run.command}`, () => runCommand({ command: options.run.command, cwd: options.cwd, env: commandEnv, logger }));
      } else {
        builtin = await options.run.builtin(staging);
      }
    } finally {
      await sampler.stop();
    }
    const wallSeconds = Math.round((performance.now() - started) / 10) / 100;
    const cpu = process.cpuUsage(cpuStarted);
    const modelPath = join(staging, "model.onnx");
    const written = await listFiles(staging);
    if (!written.includes("model.onnx")) {
      throw new UserError(`the training command wrote no model.onnx into MODELSHIP_OUTPUT_DIR; it wrote ${written.length === 0 ? "nothing" : written.join(", ")}`, {
        hint: 'save the model as "$MODELSHIP_OUTPUT_DIR/model.onnx" (e.g. torch.onnx.export(model, x, os.environ["MODELSHIP_OUTPUT_DIR"] + "/model.onnx"))'
      });
    }
    const signature = await readModelSignature(modelPath);
    const metricsFile = join(staging, "metrics.json");
    const userMetrics = builtin === void 0 ? await readMetrics(metricsFile) : void 0;
    const dataFiles = builtin?.dataPaths ?? [options.data?.train, options.data?.test].filter((path) => path !== void 0);
    const contractPath = builtin?.contractPath ?? options.data?.contract;
    const modelFile = await fingerprintFile(modelPath);
    const record = {
      schema: RUN_RECORD_SCHEMA,
      tool: { name: "modelship", version: options.toolVersion },
      created: (/* @__PURE__ */ new Date()).toISOString(),
      mode: builtin === void 0 ? "command" : "builtin",
      ..."command" in options.run ? { command: options.run.command } : {},
      ...builtin === void 0 ? {} : { config: builtin.configFile },
      ...(builtin?.seed ?? options.seed) === void 0 ? {} : { seed: builtin?.seed ?? options.seed },
      params: builtin?.params ?? { ...userMetrics?.params ?? {}, ...options.params ?? {} },
      metrics: builtin?.metrics ?? userMetrics?.metrics ?? {},
      history: builtin?.history ?? userMetrics?.history ?? [],
      data: {
        files: await Promise.all(dataFiles.map((path) => fingerprintFile(resolve(options.cwd, path)).then((print) => ({ ...print, path })))),
        ...contractPath === void 0 ? {} : { contract: { ...await fingerprintFile(resolve(options.cwd, contractPath)), path: contractPath } }
      },
      git: await gitState(options.cwd, env),
      run: workflowRun(env),
      runner: runnerInfo(env, options.runnerLabels),
      gpu: {
        required: options.requireGpu,
        devices: detection.gpus,
        ...detection.cudaVersion === void 0 ? {} : { cudaVersion: detection.cudaVersion },
        ...detection.cudaVisibleDevices === void 0 ? {} : { cudaVisibleDevices: detection.cudaVisibleDevices },
        ...detection.reason === void 0 ? {} : { reason: detection.reason },
        samples: sampler.samples,
        utilization: summarizeSamples(sampler.samples)
      },
      ...builtin === void 0 ? {} : { backend: builtin.backend },
      // A command's own CPU time is not visible to us; the built-in trainer runs in this process.
      timing: builtin === void 0 ? { wallSeconds } : { wallSeconds, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100 },
      model: { file: { ...modelFile, path: "model.onnx" }, inputs: signature.inputs, outputs: signature.outputs }
    };
    assertWritable(run_record_schema_default, record, "run record");
    if (userMetrics === void 0) await writeFileAtomic(metricsFile, `${JSON.stringify({ metrics: record.metrics, params: record.params, history: record.history }, null, 2)}
`);
    await writeFileAtomic(join(staging, "run-record.json"), `${JSON.stringify(record, null, 2)}
`);
    await rm(outputDir, { recursive: true, force: true });
    await rename(staging, outputDir);
    logger.info(`Model: ${join(options.outputDir, "model.onnx")} (${signature.inputs.length} input(s), ${signature.outputs.map((output) => output.name).join(", ")}); run record: ${join(options.outputDir, "run-record.json")}`);
    return { modelPath: join(outputDir, "model.onnx"), runRecordPath: join(outputDir, "run-record.json"), metricsPath: join(outputDir, "metrics.json"), record };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

// src/train/train-stage.ts
async function trainFromSettings(options) {
  const { settings, logger } = options;
  return runTraining({
    run: { command: settings.command },
    outputDir: settings.outputDir,
    cwd: options.cwd,
    requireGpu: settings.requireGpu,
    runnerLabels: options.runnerLabels,
    data: settings.data,
    params: settings.params,
    seed: settings.seed,
    gpuSampleMs: settings.gpuSampleMs,
    env: options.env,
    logger,
    toolVersion: options.toolVersion
  });
}

export {
  resolveTrainSettings,
  trainFromSettings
};
