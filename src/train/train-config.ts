/** Loads train.yaml (`schemas/train-config.schema.json`) with defaults and paths resolved. */
import { dirname, relative, resolve } from "node:path";
import schema from "../../schemas/train-config.schema.json" with { type: "json" };
import { assertValid } from "../common/schema-validation.ts";
import { readYamlFile } from "../common/yaml-source.ts";
import type { FeatureRequest, Impute } from "./tabular-data.ts";
import type { Task } from "./model-spec.ts";
import type { TrainBackend, TrainOptions } from "./trainer.ts";

interface TrainConfigDocument {
  data: { train: string; valid?: string; test?: string; contract?: string };
  target: string;
  task?: Task;
  features: (string | { name: string; kind?: "numeric" | "categorical"; top_k?: number; impute?: Impute })[];
  model?: { kind?: "linear" | "mlp"; layers?: number[]; activation?: "relu" | "tanh"; dropout?: number; backend?: TrainBackend };
  epochs?: number;
  batch_size?: number;
  learning_rate?: number;
  validation_split?: number;
  early_stopping?: { patience: number; min_delta?: number; monitor?: "val_loss" | "loss" };
  seed?: number;
}

/** The trainer's options come straight from the file; the rest says what to train on. */
export interface TrainConfig extends Pick<
  TrainOptions,
  "model" | "epochs" | "batchSize" | "learningRate" | "validationSplit" | "earlyStopping" | "seed"
> {
  /** The config file as given. */
  file: string;
  /** Paths resolved against the working directory (they are relative to the config file in YAML). */
  data: { train: string; valid?: string; test?: string; contract?: string };
  target: string;
  task?: Task;
  features: FeatureRequest[];
}

/** Reads and checks a train.yaml. */
export async function loadTrainConfig(file: string, cwd = process.cwd()): Promise<TrainConfig> {
  const source = await readYamlFile(resolve(cwd, file), "train config");
  const document = assertValid<TrainConfigDocument>(schema, source.data, { file, what: "train config", source });
  const base = dirname(resolve(cwd, file));
  const path = (value: string) => relative(cwd, resolve(base, value)) || ".";
  return {
    file,
    data: {
      train: path(document.data.train),
      ...(document.data.valid === undefined ? {} : { valid: path(document.data.valid) }),
      ...(document.data.test === undefined ? {} : { test: path(document.data.test) }),
      ...(document.data.contract === undefined ? {} : { contract: path(document.data.contract) }),
    },
    target: document.target,
    task: document.task,
    features: document.features.map((feature) =>
      typeof feature === "string"
        ? { name: feature }
        : { name: feature.name, kind: feature.kind, topK: feature.top_k, impute: feature.impute },
    ),
    model: {
      kind: document.model?.kind ?? "mlp",
      layers: document.model?.layers,
      activation: document.model?.activation,
      dropout: document.model?.dropout,
      ...(document.model?.backend === undefined ? {} : { backend: document.model.backend }),
    },
    epochs: document.epochs ?? 20,
    batchSize: document.batch_size ?? 256,
    learningRate: document.learning_rate ?? 0.001,
    validationSplit: document.validation_split ?? 0.2,
    earlyStopping:
      document.early_stopping === undefined
        ? undefined
        : {
            patience: document.early_stopping.patience,
            minDelta: document.early_stopping.min_delta ?? 0,
            monitor: document.early_stopping.monitor ?? "val_loss",
          },
    seed: document.seed ?? 42,
  };
}
