/**
 * GPU detection and utilization sampling through `nvidia-smi`, the one interface every NVIDIA
 * driver ships. `CUDA_VISIBLE_DEVICES` narrows what a training process may use, so it narrows
 * what we report too. Tests put a stand-in `nvidia-smi` on PATH.
 */
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { UserError } from "../common/errors.ts";
import { withheldVariables } from "./run-command.ts";

const run = promisify(execFile);

export interface GpuInfo {
  index: number;
  uuid: string;
  name: string;
  memoryTotalMiB: number;
  driverVersion: string;
}

export interface GpuDetection {
  gpus: GpuInfo[];
  /** CUDA version the driver supports (nvidia-smi's header), when known. */
  cudaVersion?: string;
  /** Why there is no GPU, when there is none (no nvidia-smi, it failed, CUDA_VISIBLE_DEVICES hides all). */
  reason?: string;
  /** The value of CUDA_VISIBLE_DEVICES seen, if set. */
  cudaVisibleDevices?: string;
}

export type RequireGpu = "true" | "false" | "auto";

export interface GpuSample {
  /** Seconds since sampling started. */
  t: number;
  index: number;
  utilizationPercent: number;
  memoryUsedMiB: number;
}

const QUERY = "index,uuid,name,memory.total,driver_version";

function parseNumber(text: string | undefined): number {
  const value = Number(text?.trim());
  return Number.isFinite(value) ? value : 0;
}

/** Parses `nvidia-smi --query-gpu=index,uuid,name,memory.total,driver_version --format=csv,noheader,nounits`. */
export function parseGpuList(csv: string): GpuInfo[] {
  return csv
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [index, uuid, name, memory, driver] = line.split(",").map((field) => field.trim());
      return {
        index: parseNumber(index),
        uuid: uuid ?? "",
        name: name ?? "unknown",
        memoryTotalMiB: parseNumber(memory),
        driverVersion: driver ?? "",
      };
    });
}

/** Keeps the GPUs CUDA_VISIBLE_DEVICES lets a process see (by index or UUID, in its order); undefined: all. */
export function visibleGpus(gpus: GpuInfo[], cudaVisibleDevices: string | undefined): GpuInfo[] {
  if (cudaVisibleDevices === undefined) return gpus;
  const visible: GpuInfo[] = [];
  for (const token of cudaVisibleDevices.split(",").map((part) => part.trim())) {
    // CUDA stops at the first entry it cannot resolve ("-1" hides every device).
    const gpu = /^\d+$/.test(token)
      ? gpus.find((candidate) => candidate.index === Number(token))
      : gpus.find((candidate) => token !== "" && candidate.uuid.startsWith(token));
    if (gpu === undefined) break;
    visible.push(gpu);
  }
  return visible;
}

/** Detects the GPUs this process may use; never throws (no GPU is an answer, with its reason). */
export async function detectGpus(env: NodeJS.ProcessEnv = process.env): Promise<GpuDetection> {
  const cudaVisibleDevices = env.CUDA_VISIBLE_DEVICES;
  let listing: string;
  try {
    listing = (await run("nvidia-smi", [`--query-gpu=${QUERY}`, "--format=csv,noheader,nounits"], { env, timeout: 20_000 })).stdout;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      gpus: [],
      reason:
        code === "ENOENT"
          ? "nvidia-smi is not on PATH (no NVIDIA driver on this runner)"
          : `nvidia-smi failed: ${
              String((error as { stderr?: unknown }).stderr ?? error)
                .trim()
                .split("\n")[0]
            }`,
      cudaVisibleDevices,
    };
  }
  const all = parseGpuList(listing);
  const gpus = visibleGpus(all, cudaVisibleDevices);
  let cudaVersion: string | undefined;
  try {
    cudaVersion = /CUDA Version:\s*([\d.]+)/.exec((await run("nvidia-smi", [], { env, timeout: 20_000 })).stdout)?.[1];
  } catch {
    cudaVersion = undefined;
  }
  const reason =
    gpus.length > 0
      ? undefined
      : all.length === 0
        ? "nvidia-smi lists no GPU"
        : `CUDA_VISIBLE_DEVICES=${cudaVisibleDevices ?? ""} hides all ${all.length} GPU(s)`;
  return { gpus, cudaVersion, reason, cudaVisibleDevices };
}

/** The CUDA toolkit a training sees; nvidia-smi's CUDA version is only the newest the driver supports. */
export interface CudaToolkit {
  version: string;
  /** Where it was read: `CUDA_VERSION` (set by NVIDIA's CUDA images and those built on them) or `torch` (torch.version.cuda). */
  source: "CUDA_VERSION" | "torch";
}

const CUDA_VERSION = /^\d+(\.\d+){0,3}$/;

/**
 * The CUDA toolkit of the training's environment (a container image's, typically): CUDA_VERSION when
 * set, else, with `torch`, the CUDA build of the PyTorch that python3 (or python) imports — PyTorch's
 * own images set no CUDA_VERSION. Undefined when neither says; never throws, and a missing Python or
 * a CPU build of PyTorch is no answer rather than an error. Importing torch runs whatever Python finds
 * under that name, so it gets what the training command gets (the runner's credentials withheld) and
 * starts outside the checkout, whose own folders `python -c` would put first on sys.path.
 */
export async function detectCudaToolkit(
  env: NodeJS.ProcessEnv = process.env,
  options: { torch?: boolean } = {},
): Promise<CudaToolkit | undefined> {
  const fromEnv = env.CUDA_VERSION?.trim();
  if (fromEnv !== undefined && CUDA_VERSION.test(fromEnv)) return { version: fromEnv, source: "CUDA_VERSION" };
  if (options.torch !== true) return undefined;
  const { env: probeEnv } = withheldVariables(env);
  for (const python of ["python3", "python"]) {
    try {
      const { stdout } = await run(python, ["-c", "import torch; print(torch.version.cuda or '')"], {
        env: probeEnv,
        cwd: tmpdir(),
        timeout: 60_000,
      });
      const version = stdout.trim();
      return CUDA_VERSION.test(version) ? { version, source: "torch" } : undefined;
    } catch (error) {
      // Only a missing interpreter sends us to the next name; one without torch has answered.
      if ((error as { code?: unknown }).code !== "ENOENT") return undefined;
    }
  }
  return undefined;
}

/** Fails early when a GPU is required and there is none, naming the runner so the labels can be fixed. */
export function assertGpuRequirement(detection: GpuDetection, requireGpu: RequireGpu, runner: { name?: string; labels?: string }): void {
  if (requireGpu !== "true" || detection.gpus.length > 0) return;
  const where = [
    runner.name === undefined ? undefined : `runner "${runner.name}"`,
    runner.labels === undefined ? undefined : `labels ${runner.labels}`,
  ]
    .filter(Boolean)
    .join(", ");
  throw new UserError(
    `require-gpu is true but no GPU is available${where === "" ? "" : ` on ${where}`}: ${detection.reason ?? "none found"}`,
    {
      hint: "run the train job on a GPU runner (runs-on: [self-hosted, linux, gpu] or your GPU labels), or set require-gpu: auto to train on CPU",
    },
  );
}

/** Samples utilization and memory of the visible GPUs every `intervalMs` until `stop()`. */
export class GpuSampler {
  readonly samples: GpuSample[] = [];
  readonly #indices: Set<number>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #started = performance.now();
  #timer: NodeJS.Timeout | undefined;
  #pending: Promise<void> = Promise.resolve();

  constructor(options: { gpus: GpuInfo[]; intervalMs?: number; env?: NodeJS.ProcessEnv }) {
    this.#indices = new Set(options.gpus.map((gpu) => gpu.index));
    this.#env = options.env ?? process.env;
    if (this.#indices.size === 0) return;
    // One query at a time: on a busy machine nvidia-smi can take longer than the interval, and
    // overlapping queries would pile up processes and record samples out of order. A tick that finds
    // the previous query still running is skipped.
    let busy = false;
    const sample = () => {
      if (busy) return;
      busy = true;
      this.#pending = this.#sample().finally(() => {
        busy = false;
      });
    };
    sample();
    this.#timer = setInterval(sample, options.intervalMs ?? 5000);
    this.#timer.unref();
  }

  async #sample(): Promise<void> {
    try {
      const { stdout } = await run("nvidia-smi", ["--query-gpu=index,utilization.gpu,memory.used", "--format=csv,noheader,nounits"], {
        env: this.#env,
        timeout: 10_000,
      });
      const t = Math.round((performance.now() - this.#started) / 100) / 10;
      for (const line of stdout.split("\n")) {
        const [index, utilization, memory] = line.split(",").map((field) => field.trim());
        if (index === undefined || index === "" || !this.#indices.has(Number(index))) continue;
        this.samples.push({ t, index: Number(index), utilizationPercent: parseNumber(utilization), memoryUsedMiB: parseNumber(memory) });
      }
    } catch {
      // A missed sample is not worth failing a training run for.
    }
  }

  /** Stops sampling (after one last sample) and returns the samples. */
  async stop(): Promise<GpuSample[]> {
    if (this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      await this.#pending;
      await this.#sample();
    }
    return this.samples;
  }
}

/** Mean and peak utilization and peak memory per GPU. */
export function summarizeSamples(
  samples: readonly GpuSample[],
): { index: number; samples: number; meanUtilizationPercent: number; maxUtilizationPercent: number; maxMemoryUsedMiB: number }[] {
  const byGpu = new Map<number, GpuSample[]>();
  for (const sample of samples) byGpu.set(sample.index, [...(byGpu.get(sample.index) ?? []), sample]);
  return [...byGpu.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, list]) => ({
      index,
      samples: list.length,
      meanUtilizationPercent: Math.round((list.reduce((sum, sample) => sum + sample.utilizationPercent, 0) / list.length) * 10) / 10,
      maxUtilizationPercent: Math.max(...list.map((sample) => sample.utilizationPercent)),
      maxMemoryUsedMiB: Math.max(...list.map((sample) => sample.memoryUsedMiB)),
    }));
}
