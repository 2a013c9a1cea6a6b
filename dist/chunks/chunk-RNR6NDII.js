import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_CONFIG_FILE,
  pick
} from "./chunk-YVAZ7I5R.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/train-settings.ts
var DEFAULT_MODEL_DIR = ".modelship/model";
function parseParams(items) {
  const params = {};
  const joined = items.join("\n").trim();
  if (joined.startsWith("{")) {
    let parsed;
    try {
      parsed = JSON.parse(joined);
    } catch (error) {
      throw new UserError(`params is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'give params as a JSON object ({"lr": 0.01}) or as NAME=VALUE lines'
      });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new UserError("params JSON must be an object of names to values", { hint: 'e.g. {"lr": 0.01, "layers": "64,32"}' });
    for (const [name, value] of Object.entries(parsed)) params[name] = typeof value === "string" ? value : JSON.stringify(value);
    return params;
  }
  for (const item of items) {
    const at = item.indexOf("=");
    if (at <= 0)
      throw new UserError(`parameter "${item}" is not NAME=VALUE`, {
        hint: "write parameters as name=value, e.g. --param learning_rate=0.01 (one per line in the params input)"
      });
    params[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return params;
}
function requireGpuOf(value) {
  if (value === void 0) return void 0;
  const text = String(value);
  if (text === "true" || text === "false" || text === "auto") return text;
  throw new UserError(`require-gpu must be true, false or auto, got "${text}"`, {
    hint: "use require-gpu: auto to train on a GPU when there is one"
  });
}
function resolveTrainSettings(explicit, loaded) {
  const config = loaded.config?.train;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  if (explicit.command !== void 0 && explicit.trainConfig !== void 0)
    throw new UserError("both a training command and a train config are given: modelship runs one or the other", {
      hint: "pass --command (the command input) for your own trainer, or --train-config (the train-config input) for the built-in one, not both"
    });
  const command = explicit.command ?? (explicit.trainConfig === void 0 ? config?.command : void 0);
  const trainConfig = explicit.trainConfig ?? (explicit.command === void 0 ? fromConfig(config?.config) : void 0);
  let run;
  if (command !== void 0 && command.trim() !== "") run = { command };
  else if (trainConfig !== void 0) run = { trainConfig };
  else
    throw new UserError("nothing to train: give a training command or a train config", {
      hint: `pass --command "python train.py" or --train-config train.yaml (the action's command / train-config inputs), or set train.command or train.config in ${DEFAULT_CONFIG_FILE}`
    });
  const data = loaded.config?.data;
  return {
    run,
    outputDir: pick(explicit.output, fromConfig(config?.output)) ?? DEFAULT_MODEL_DIR,
    requireGpu: pick(explicit.requireGpu, requireGpuOf(config?.require_gpu)) ?? "auto",
    seed: pick(explicit.seed, config?.seed),
    params: parseParams(explicit.params ?? []),
    data: {
      train: pick(explicit.train, fromConfig(data?.train)),
      test: pick(explicit.test, fromConfig(data?.test)),
      contract: pick(explicit.contract, fromConfig(data?.contract))
    },
    gpuSampleMs: Math.round((config?.gpu_sample_seconds ?? 5) * 1e3)
  };
}

export {
  DEFAULT_MODEL_DIR,
  resolveTrainSettings
};
