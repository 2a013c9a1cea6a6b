import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  assertValid,
  readYamlFile
} from "./chunk-WZPDVDLB.js";
import {
  UserError
} from "./chunk-FVCB3CXZ.js";

// src/config/modelship-config.ts
import { access } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

// schemas/modelship.schema.json
var modelship_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/modelship.schema.json",
  title: "modelship.yaml",
  description: "Project configuration for modelship: the model, its data, and one section per lifecycle stage. Every action input and CLI flag can also be set here; an explicit input or flag wins over this file.",
  type: "object",
  additionalProperties: false,
  required: [
    "model"
  ],
  properties: {
    version: {
      description: "Format version of this file. Only 1 exists.",
      const: 1
    },
    model: {
      description: "The model's name: lowercase letters, digits and dashes. Used in release tags, PR branches and comment keys.",
      type: "string",
      pattern: "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$"
    },
    description: {
      description: "What the model is for, in a sentence or two (used in the model card).",
      type: "string"
    },
    data: {
      description: "Where the data and its contract are. Paths are relative to this file's folder.",
      type: "object",
      additionalProperties: false,
      properties: {
        contract: {
          description: "The data contract (modelship YAML or a Frictionless Table Schema).",
          type: "string"
        },
        train: {
          description: "Training data file (CSV, CSV.gz, JSON Lines or Parquet).",
          type: "string"
        },
        test: {
          description: "Held-out test data file, checked against the training data for leakage.",
          type: "string"
        }
      }
    },
    validate: {
      description: "Settings for validate-data (`modelship validate`).",
      type: "object",
      additionalProperties: false,
      properties: {
        contract: {
          description: "Overrides data.contract for validation.",
          type: "string"
        },
        data: {
          description: "Data files to validate; defaults to data.train and data.test.",
          type: "array",
          items: {
            description: "A data file path.",
            type: "string"
          }
        },
        fail_on: {
          description: "Which findings fail the step: error (default), warning, or never.",
          enum: [
            "error",
            "warning",
            "never"
          ]
        },
        max_examples: {
          description: "Failing values listed per check (default 5).",
          type: "integer",
          minimum: 0,
          maximum: 1e3
        },
        max_annotations: {
          description: "Annotations written on the data files' lines (default 10; GitHub shows at most 10 errors per step).",
          type: "integer",
          minimum: 0,
          maximum: 50
        },
        report_dir: {
          description: "Folder for the validation report (JSON and markdown); default .modelship/reports.",
          type: "string"
        },
        comment: {
          description: "Post the report as a sticky PR comment (default true).",
          type: "boolean"
        },
        base_contract: {
          description: "A previous version of the contract to diff against (e.g. from the PR's base branch).",
          type: "string"
        }
      }
    },
    profile: {
      description: "Settings for reference profiles (`modelship profile`).",
      type: "object",
      additionalProperties: false,
      properties: {
        bins: {
          description: "Histogram bins per numeric column (default 10, deciles).",
          type: "integer",
          minimum: 2,
          maximum: 1e3
        },
        top_k: {
          description: "Categories listed per categorical column (default 50).",
          type: "integer",
          minimum: 1,
          maximum: 1e4
        },
        output: {
          description: "Where the profile is written; default .modelship/reference-profile.json.",
          type: "string"
        }
      }
    },
    train: {
      description: "Settings for the train stage (`modelship train`, the train action): the training command, where outputs go, and whether a GPU is required.",
      type: "object",
      additionalProperties: false,
      properties: {
        command: {
          description: "The training command (run with bash in the repository root); it writes model.onnx (and optionally metrics.json) into $MODELSHIP_OUTPUT_DIR.",
          type: "string",
          minLength: 1
        },
        output: {
          description: "Folder for model.onnx, metrics.json and run-record.json; default .modelship/model.",
          type: "string"
        },
        require_gpu: {
          description: "true: fail unless a GPU is visible; auto (default): use one when present; false: do not look.",
          enum: [
            "true",
            "false",
            "auto",
            true,
            false
          ]
        },
        seed: {
          description: "Random seed, passed to a command as MODELSHIP_SEED (the built-in trainer's config has its own).",
          type: "integer"
        },
        gpu_sample_seconds: {
          description: "Seconds between GPU utilization samples while training (default 5).",
          type: "number",
          exclusiveMinimum: 0
        }
      }
    },
    gates: {
      description: "Quality and fairness gate policy (the evaluate action). Reserved for the evaluation stage.",
      type: "object"
    },
    release: {
      description: "Release settings (tag format, registry). Reserved for the release stage.",
      type: "object"
    },
    promote: {
      description: "GitOps promotion targets and strategy. Reserved for the promotion stage.",
      type: "object"
    },
    drift: {
      description: "Drift schedule and policy. Reserved for the drift stage.",
      type: "object"
    }
  }
};

// src/config/modelship-config.ts
var DEFAULT_CONFIG_FILE = "modelship.yaml";
async function loadConfig(options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ?? DEFAULT_CONFIG_FILE;
  const absolute = resolve(cwd, file);
  if (options.file === void 0) {
    try {
      await access(absolute);
    } catch {
      return { resolvePath: (path) => path };
    }
  }
  const source = await readYamlFile(absolute, "modelship config");
  const shownFile = relative(cwd, absolute) || file;
  source.file = shownFile;
  const config = assertValid(modelship_schema_default, source.data, { file: shownFile, what: "modelship config", source });
  const base = dirname(absolute);
  return {
    file: shownFile,
    config,
    resolvePath(path) {
      const full = isAbsolute(path) ? path : join(base, path);
      return relative(cwd, full) || ".";
    }
  };
}
function pick(...candidates) {
  return candidates.find((value) => value !== void 0);
}
function requireSetting(value, what) {
  if (value === void 0) {
    throw new UserError(`no ${what.input} given`, {
      hint: `set the \`${what.input}\` input, the \`${what.flag}\` flag, or \`${what.config}\` in ${DEFAULT_CONFIG_FILE}`
    });
  }
  return value;
}

export {
  DEFAULT_CONFIG_FILE,
  loadConfig,
  pick,
  requireSetting
};
