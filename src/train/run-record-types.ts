/** The run record (`schemas/run-record.schema.json`) and the metrics file a training command may write. */
import type { TrainContainer } from "./container-image.ts";
import type { CudaToolkit, GpuInfo, GpuSample, RequireGpu } from "./gpu.ts";
import type { SignatureValue } from "./model-signature.ts";
import type { FileFingerprint } from "./run-context.ts";

/** metrics.json as a user's command writes it (`schemas/train-metrics.schema.json`), in the wrapped form. */
export interface TrainMetrics {
  metrics: Record<string, number>;
  params?: Record<string, number | string | boolean | null>;
  history?: Record<string, number>[];
}

/** The flat form of metrics.json: `{"loss": 0.1, "accuracy": 0.9}` (and an optional `$schema` link). */
export type FlatTrainMetrics = Record<string, number | string>;

export interface RunRecord {
  schema: "modelship/run-record@1";
  tool: { name: "modelship"; version: string };
  created: string;
  mode: "command" | "builtin";
  command?: string;
  config?: FileFingerprint;
  seed?: number;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  history: Record<string, number>[];
  data: { files: FileFingerprint[]; contract?: FileFingerprint };
  git: { sha?: string; dirty?: boolean; ref?: string };
  run?: { url?: string; workflow?: string; job?: string; attempt?: number };
  runner: { name?: string; labels?: string; os: string; arch: string; cpuModel: string; cpus: number; memoryMiB: number; node: string };
  /** The container image the job trained in (MODELSHIP_TRAIN_IMAGE); absent when it trained on the runner itself. */
  container?: TrainContainer;
  gpu: {
    required: RequireGpu;
    devices: GpuInfo[];
    cudaVersion?: string;
    /** The CUDA toolkit the training saw (CUDA_VERSION, or PyTorch's CUDA build). */
    cudaToolkit?: CudaToolkit;
    cudaVisibleDevices?: string;
    reason?: string;
    samples: GpuSample[];
    utilization: {
      index: number;
      samples: number;
      meanUtilizationPercent: number;
      maxUtilizationPercent: number;
      maxMemoryUsedMiB: number;
    }[];
  };
  /** The built-in trainer's backend: modelship-js (with its thread count) or a TensorFlow.js backend. */
  backend?: { name: string; package: string; threads?: number };
  timing: { wallSeconds: number; cpuSeconds?: number };
  model: { file: FileFingerprint; inputs: SignatureValue[]; outputs: SignatureValue[] };
}
