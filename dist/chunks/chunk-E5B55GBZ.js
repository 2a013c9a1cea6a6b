import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// schemas/run-record.schema.json
var run_record_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/run-record.schema.json",
  title: "modelship run record",
  description: "Everything needed to reproduce and audit one training run, written by `modelship train` and the train action as run-record.json: what ran, on what data and code, on which machine and GPU, with which parameters and results.",
  type: "object",
  additionalProperties: false,
  required: ["schema", "tool", "created", "mode", "params", "metrics", "history", "data", "git", "runner", "gpu", "timing", "model"],
  $defs: {
    file: {
      description: "A file and its fingerprint.",
      type: "object",
      additionalProperties: false,
      required: ["path", "sha256", "bytes"],
      properties: {
        path: { description: "The path as given.", type: "string" },
        sha256: { description: "sha256 (hex) of the file's bytes.", type: "string", pattern: "^[0-9a-f]{64}$" },
        bytes: { description: "Size in bytes.", type: "integer", minimum: 0 }
      }
    },
    value: {
      description: "A tensor of the model's signature.",
      type: "object",
      additionalProperties: false,
      required: ["name", "type"],
      properties: {
        name: { description: "Input or output name.", type: "string" },
        type: { description: "Element type (float32, int64, string\u2026), or `non-tensor` for sequences and maps.", type: "string" },
        shape: {
          description: "Dimensions; a string names a symbolic (batch) dimension.",
          type: "array",
          items: { description: "One dimension.", type: ["integer", "string"] }
        }
      }
    },
    numbers: {
      description: "Named numbers.",
      type: "object",
      additionalProperties: { type: "number", description: "A value." }
    }
  },
  properties: {
    schema: { description: "Format identifier and version of this document.", const: "modelship/run-record@1" },
    tool: {
      description: "The program that wrote the record.",
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: { description: "Always modelship.", const: "modelship" },
        version: { description: "modelship's version.", type: "string" }
      }
    },
    created: { description: "When the run finished, RFC 3339.", type: "string", format: "date-time" },
    mode: {
      description: "`command`: the user's training command ran; `builtin`: modelship's built-in trainer.",
      enum: ["command", "builtin"]
    },
    command: { description: "The training command, in command mode.", type: "string" },
    config: { $ref: "#/$defs/file", description: "The train config, in builtin mode." },
    seed: { description: "The random seed, when known.", type: "integer" },
    params: {
      description: "Hyperparameters by name.",
      type: "object",
      additionalProperties: { description: "A parameter's value." }
    },
    metrics: { $ref: "#/$defs/numbers", description: "Final metrics by name." },
    history: {
      description: "Metrics per epoch or step.",
      type: "array",
      items: { $ref: "#/$defs/numbers", description: "One epoch or step." }
    },
    data: {
      description: "Fingerprints of the data files the run read, and of their contract.",
      type: "object",
      additionalProperties: false,
      required: ["files"],
      properties: {
        files: { description: "Data files.", type: "array", items: { $ref: "#/$defs/file", description: "One data file." } },
        contract: { $ref: "#/$defs/file", description: "The data contract." }
      }
    },
    git: {
      description: "The code the run came from.",
      type: "object",
      additionalProperties: false,
      properties: {
        sha: { description: "HEAD commit.", type: "string" },
        dirty: { description: "True when tracked files had uncommitted changes.", type: "boolean" },
        ref: { description: "The branch or tag, when known.", type: "string" }
      }
    },
    run: {
      description: "The workflow run, on GitHub Actions.",
      type: "object",
      additionalProperties: false,
      properties: {
        url: { description: "Link to the workflow run.", type: "string" },
        workflow: { description: "Workflow name.", type: "string" },
        job: { description: "Job id.", type: "string" },
        attempt: { description: "Run attempt.", type: "integer" }
      }
    },
    runner: {
      description: "The machine that trained.",
      type: "object",
      additionalProperties: false,
      required: ["os", "arch", "cpuModel", "cpus", "memoryMiB", "node"],
      properties: {
        name: { description: "Runner name (RUNNER_NAME).", type: "string" },
        labels: { description: "Runner labels the job asked for, as given.", type: "string" },
        os: { description: "Operating system and release.", type: "string" },
        arch: { description: "CPU architecture.", type: "string" },
        cpuModel: { description: "CPU model name.", type: "string" },
        cpus: { description: "Logical CPUs.", type: "integer" },
        memoryMiB: { description: "Total memory in MiB.", type: "integer" },
        node: { description: "Node.js version that ran modelship.", type: "string" }
      }
    },
    container: {
      description: "The container image the job trained in: model-ci.yml's train-container input, which the workflow names to the train step as MODELSHIP_TRAIN_IMAGE. Absent when the job trained on the runner itself.",
      type: "object",
      additionalProperties: false,
      required: ["image"],
      properties: {
        image: { description: "The image reference as given (IMAGE[:TAG]@sha256:\u2026).", type: "string", minLength: 1 },
        digest: {
          description: "The digest the reference pins, when it pins one; absent for a tag alone (allow-unpinned), which may have moved since.",
          type: "string",
          pattern: "^sha256:[0-9a-f]{64}$"
        }
      }
    },
    gpu: {
      description: "GPUs found, and how busy they were while training.",
      type: "object",
      additionalProperties: false,
      required: ["required", "devices", "samples", "utilization"],
      properties: {
        required: { description: "The require-gpu setting: true, false or auto.", enum: ["true", "false", "auto"] },
        devices: {
          description: "GPUs visible to the run (after CUDA_VISIBLE_DEVICES).",
          type: "array",
          items: {
            description: "One GPU.",
            type: "object",
            additionalProperties: false,
            required: ["index", "name", "memoryTotalMiB", "driverVersion"],
            properties: {
              index: { description: "nvidia-smi index.", type: "integer" },
              uuid: { description: "GPU UUID.", type: "string" },
              name: { description: "Product name.", type: "string" },
              memoryTotalMiB: { description: "Memory in MiB.", type: "number" },
              driverVersion: { description: "Driver version.", type: "string" }
            }
          }
        },
        cudaVersion: { description: "CUDA version the driver supports.", type: "string" },
        cudaToolkit: {
          description: "The CUDA toolkit the training saw (a container image's, typically), which cudaVersion only bounds from above.",
          type: "object",
          additionalProperties: false,
          required: ["version", "source"],
          properties: {
            version: { description: "Its version, e.g. 12.4.", type: "string" },
            source: {
              description: "`CUDA_VERSION`: that variable (NVIDIA's CUDA images set it); `torch`: torch.version.cuda of the PyTorch python3 imports.",
              enum: ["CUDA_VERSION", "torch"]
            }
          }
        },
        cudaVisibleDevices: { description: "CUDA_VISIBLE_DEVICES as set.", type: "string" },
        reason: { description: "Why no GPU was found.", type: "string" },
        samples: {
          description: "Utilization samples taken while training.",
          type: "array",
          items: {
            description: "One sample of one GPU.",
            type: "object",
            additionalProperties: false,
            required: ["t", "index", "utilizationPercent", "memoryUsedMiB"],
            properties: {
              t: { description: "Seconds since training started.", type: "number" },
              index: { description: "GPU index.", type: "integer" },
              utilizationPercent: { description: "GPU utilization, percent.", type: "number" },
              memoryUsedMiB: { description: "Memory used, MiB.", type: "number" }
            }
          }
        },
        utilization: {
          description: "Summary of the samples per GPU.",
          type: "array",
          items: {
            description: "One GPU's summary.",
            type: "object",
            additionalProperties: false,
            required: ["index", "samples", "meanUtilizationPercent", "maxUtilizationPercent", "maxMemoryUsedMiB"],
            properties: {
              index: { description: "GPU index.", type: "integer" },
              samples: { description: "Samples taken.", type: "integer" },
              meanUtilizationPercent: { description: "Mean utilization.", type: "number" },
              maxUtilizationPercent: { description: "Peak utilization.", type: "number" },
              maxMemoryUsedMiB: { description: "Peak memory used.", type: "number" }
            }
          }
        }
      }
    },
    backend: {
      description: "The built-in trainer's backend, in builtin mode: modelship-js (the default) or TensorFlow.js.",
      type: "object",
      additionalProperties: false,
      required: ["name", "package"],
      properties: {
        name: { description: "Backend name: modelship-js, or TensorFlow.js's (tensorflow, wasm, cpu).", type: "string" },
        package: { description: "The npm package that provided it (modelship for modelship-js).", type: "string" },
        threads: { description: "Threads that trained (modelship-js); results do not depend on it.", type: "integer", minimum: 1 }
      }
    },
    timing: {
      description: "How long training took.",
      type: "object",
      additionalProperties: false,
      required: ["wallSeconds"],
      properties: {
        wallSeconds: { description: "Wall-clock seconds.", type: "number" },
        cpuSeconds: { description: "CPU seconds (user + system) of the training process, when known.", type: "number" }
      }
    },
    model: {
      description: "The model the run produced.",
      type: "object",
      additionalProperties: false,
      required: ["file", "inputs", "outputs"],
      properties: {
        file: { $ref: "#/$defs/file", description: "model.onnx." },
        inputs: { description: "Input signature.", type: "array", items: { $ref: "#/$defs/value", description: "One input." } },
        outputs: {
          description: "Output signature.",
          type: "array",
          items: { $ref: "#/$defs/value", description: "One output." }
        }
      }
    }
  }
};

export {
  run_record_schema_default
};
