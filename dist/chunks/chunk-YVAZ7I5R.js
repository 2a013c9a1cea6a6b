import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  addSchemas,
  assertValid,
  parseYamlSource,
  readYamlFile
} from "./chunk-RGJ5T3QL.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/config/modelship-config.ts
import { access } from "node:fs/promises";
import { dirname as dirname2, isAbsolute as isAbsolute2, join as join2, relative as relative2, resolve } from "node:path";

// schemas/gate-policy.schema.json
var gate_policy_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/gate-policy.schema.json",
  title: "modelship gate policy",
  description: "What a model must show before it may ship: quality thresholds, fairness thresholds per sensitive column, and rules against the production model (the champion). The `gates` section of modelship.yaml, or a file of its own named by `gates.policy`, the `policy` input or `--policy`.",
  type: "object",
  additionalProperties: false,
  $defs: {
    severity: {
      description: "`fail` (default): a failed gate fails the verdict and, with fail-on: fail, the job. `warn`: a failed gate is reported as a warning.",
      enum: ["fail", "warn"]
    },
    on: {
      description: "What the threshold applies to: `point` (default), the metric on the whole test set; `ci`, the pessimistic end of its bootstrap confidence interval (the lower bound for a minimum, the upper bound for a maximum), so the gate passes only when the data shows it with confidence.",
      enum: ["point", "ci"]
    },
    qualityGate: {
      description: "A threshold on one model metric.",
      type: "object",
      additionalProperties: false,
      required: ["metric"],
      anyOf: [
        {
          type: "object",
          required: ["min"],
          properties: {
            min: {
              description: "See min.",
              type: "number"
            }
          }
        },
        {
          type: "object",
          required: ["max"],
          properties: {
            max: {
              description: "See max.",
              type: "number"
            }
          }
        }
      ],
      properties: {
        metric: {
          description: "The metric, with scikit-learn's definition: classification accuracy, balanced_accuracy, precision, recall, f1 (binary, positive class), precision_macro, recall_macro, f1_macro, precision_weighted, recall_weighted, f1_weighted, roc_auc (binary; one-vs-rest macro for multiclass), average_precision, log_loss, brier, ece (expected calibration error, 10 bins); regression mae, rmse, r2, mape.",
          enum: [
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "precision_macro",
            "recall_macro",
            "f1_macro",
            "precision_weighted",
            "recall_weighted",
            "f1_weighted",
            "roc_auc",
            "average_precision",
            "log_loss",
            "brier",
            "ece",
            "mae",
            "rmse",
            "r2",
            "mape"
          ]
        },
        min: {
          description: "The metric must be at least this.",
          type: "number"
        },
        max: {
          description: "The metric must be at most this.",
          type: "number"
        },
        on: {
          $ref: "#/$defs/on",
          description: "What the threshold applies to: `point` (default), the metric on the whole test set; `ci`, the pessimistic end of its bootstrap confidence interval (the lower bound for a minimum, the upper bound for a maximum), so the gate passes only when the data shows it with confidence."
        },
        severity: {
          $ref: "#/$defs/severity",
          description: "`fail` (default): a failed gate fails the verdict and, with fail-on: fail, the job. `warn`: a failed gate is reported as a warning."
        },
        name: {
          description: "A label for the gate in reports; default the metric and threshold.",
          type: "string"
        }
      }
    },
    fairnessGate: {
      description: "A threshold on one disparity, checked for every grouping (each sensitive column and each intersection) unless `groupings` names some.",
      type: "object",
      additionalProperties: false,
      required: ["metric"],
      anyOf: [
        {
          type: "object",
          required: ["min"],
          properties: {
            min: {
              description: "See min.",
              type: "number"
            }
          }
        },
        {
          type: "object",
          required: ["max"],
          properties: {
            max: {
              description: "See max.",
              type: "number"
            }
          }
        }
      ],
      properties: {
        metric: {
          description: "Fairlearn's definitions: demographic_parity_difference/ratio (selection rate), equalized_odds_difference/ratio (TPR and FPR), equal_opportunity_difference/ratio (TPR); AIF360's disparate_impact (selection rate of each group over the privileged group's, the smallest) and statistical_parity_difference (needs `privileged`).",
          enum: [
            "demographic_parity_difference",
            "demographic_parity_ratio",
            "equalized_odds_difference",
            "equalized_odds_ratio",
            "equal_opportunity_difference",
            "equal_opportunity_ratio",
            "disparate_impact",
            "statistical_parity_difference"
          ]
        },
        min: {
          description: "The disparity must be at least this (ratios: 0.8 is the four-fifths rule).",
          type: "number"
        },
        max: {
          description: "The disparity must be at most this (differences: e.g. 0.10).",
          type: "number"
        },
        on: {
          $ref: "#/$defs/on",
          description: "What the threshold applies to: `point` (default), the metric on the whole test set; `ci`, the pessimistic end of its bootstrap confidence interval (the lower bound for a minimum, the upper bound for a maximum), so the gate passes only when the data shows it with confidence."
        },
        severity: {
          $ref: "#/$defs/severity",
          description: "`fail` (default): a failed gate fails the verdict and, with fail-on: fail, the job. `warn`: a failed gate is reported as a warning."
        },
        groupings: {
          description: "Only these groupings, named as a sensitive column (`sex`) or an intersection (`sex & race`); default all.",
          type: "array",
          items: {
            description: "A grouping's name.",
            type: "string"
          }
        }
      }
    },
    championRule: {
      description: "A non-inferiority rule: the challenger may be worse than the champion on this metric by at most `margin`, judged on the same test rows.",
      type: "object",
      additionalProperties: false,
      required: ["metric"],
      properties: {
        metric: {
          description: "A metric name as in quality gates.",
          type: "string",
          enum: [
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "precision_macro",
            "recall_macro",
            "f1_macro",
            "precision_weighted",
            "recall_weighted",
            "f1_weighted",
            "roc_auc",
            "average_precision",
            "log_loss",
            "brier",
            "ece",
            "mae",
            "rmse",
            "r2",
            "mape"
          ]
        },
        margin: {
          description: "How much worse the challenger may be (in the metric's units); default 0.005 for roc_auc and average_precision, 0.01 otherwise.",
          type: "number",
          minimum: 0
        },
        require: {
          description: "`not_worse` (default): fail only when the paired bootstrap CI of challenger \u2212 champion lies wholly beyond the margin (the data shows the challenger is worse). `non_inferior`: pass only when the whole CI is within the margin (the data shows it is not worse). `point`: compare the point difference with the margin.",
          enum: ["not_worse", "non_inferior", "point"]
        },
        severity: {
          $ref: "#/$defs/severity",
          description: "`fail` (default): a failed gate fails the verdict and, with fail-on: fail, the job. `warn`: a failed gate is reported as a warning."
        }
      }
    }
  },
  properties: {
    version: {
      description: "Format version of a gate-policy file (docs/compatibility.md). Only 1 exists; a policy without it is read as version 1. Inline in modelship.yaml, that file's `version` applies.",
      const: 1
    },
    policy: {
      description: "In modelship.yaml only: a gate-policy file to read instead of writing the policy inline (relative to modelship.yaml).",
      type: "string"
    },
    bootstrap: {
      description: "Confidence intervals for the metrics and champion differences: seeded percentile bootstrap, resampling rows within each label (so each resample keeps the class balance, as AUC needs).",
      type: "object",
      additionalProperties: false,
      properties: {
        resamples: {
          description: "Number of resamples (default 2000; 0 turns the bootstrap off and `on: ci` gates become insufficient_data).",
          type: "integer",
          minimum: 0,
          maximum: 1e5
        },
        confidence: {
          description: "Confidence level of the intervals (default 0.95).",
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1
        },
        seed: {
          description: "Seed of the resampling (default 0); recorded in the gate report.",
          type: "integer"
        }
      }
    },
    quality: {
      description: "Thresholds on the model's metrics.",
      type: "array",
      items: {
        $ref: "#/$defs/qualityGate"
      }
    },
    fairness: {
      description: "Group fairness (binary classifiers): per-group rates and disparities for each sensitive column and intersection, with thresholds. Default gates when `gates` is left out: demographic parity difference \u2264 0.10 and equalized odds difference \u2264 0.10 (fail), demographic parity ratio \u2265 0.8 (warn: the four-fifths rule comes from US employment law and is often misapplied elsewhere).",
      type: "object",
      additionalProperties: false,
      properties: {
        sensitive: {
          description: "Sensitive columns; default the contract's categorical columns with role `sensitive`. A numeric column needs `bins`.",
          type: "array",
          items: {
            description: "A column name.",
            type: "string"
          }
        },
        intersections: {
          description: "Intersections to check as well, each a list of sensitive columns (e.g. [[sex, race]]).",
          type: "array",
          items: {
            description: "Columns whose value combinations form the groups.",
            type: "array",
            minItems: 2,
            items: {
              description: "A column name.",
              type: "string"
            }
          }
        },
        bins: {
          description: "Edges that turn a numeric sensitive column into groups, e.g. age: [25, 45, 65] gives <25, 25\u201345, 45\u201365, \u226565.",
          type: "object",
          additionalProperties: {
            description: "Ascending bin edges.",
            type: "array",
            minItems: 1,
            items: {
              description: "An edge.",
              type: "number"
            }
          }
        },
        min_group_size: {
          description: "Groups with fewer rows are reported but left out of the disparities (default 30).",
          type: "integer",
          minimum: 1
        },
        method: {
          description: "Fairlearn's aggregation: `between_groups` (default; max \u2212 min, min / max) or `to_overall` (each group against the whole test set).",
          enum: ["between_groups", "to_overall"]
        },
        agg: {
          description: "Equalized odds over TPR and FPR: `worst_case` (default) or `mean`.",
          enum: ["worst_case", "mean"]
        },
        privileged: {
          description: "The privileged group per grouping, for disparate_impact and statistical_parity_difference (e.g. sex: Male).",
          type: "object",
          additionalProperties: {
            description: "A group label.",
            type: "string"
          }
        },
        resamples: {
          description: "Group-stratified bootstrap resamples for the disparities' confidence intervals (default 1000; 0 turns them off).",
          type: "integer",
          minimum: 0,
          maximum: 1e5
        },
        gates: {
          description: "Thresholds on the disparities (replace the defaults).",
          type: "array",
          items: {
            $ref: "#/$defs/fairnessGate"
          }
        }
      }
    },
    champion: {
      description: "The model to beat, evaluated on the same rows: a model file (`model`), a released version or latest (`release`), or whatever is in production (`production: true`: not resolved yet; it will read the stable model from the GitOps repository). Without one, champion rules are skipped.",
      type: "object",
      additionalProperties: false,
      properties: {
        model: {
          description: "Path of the champion's ONNX file.",
          type: "string"
        },
        release: {
          description: "A released version of this model (e.g. 1.4.0) or latest, fetched from the registry (release.registry) and verified.",
          type: "string"
        },
        production: {
          description: "Compare with the version the GitOps repository serves.",
          type: "boolean"
        },
        rules: {
          description: "Non-inferiority rules; default roc_auc (margin 0.005) and accuracy (margin 0.01) for classifiers, rmse (margin 0) for regressors.",
          type: "array",
          items: {
            $ref: "#/$defs/championRule"
          }
        },
        fairness_max_worsening: {
          description: "A fairness gate's disparity may be worse than the champion's by at most this much (default 0.02; in the disparity's units).",
          type: "number",
          minimum: 0
        },
        severity: {
          $ref: "#/$defs/severity",
          description: "`fail` (default): a failed gate fails the verdict and, with fail-on: fail, the job. `warn`: a failed gate is reported as a warning."
        }
      }
    },
    explain: {
      description: "Permutation importance in the gate report (docs/gates.md#explanations-permutation-importance): for each column the model reads, how much the metric drops when the column's values are shuffled across a seeded sample of the test rows, with a bootstrap interval. On by default: `true` keeps the defaults, `false` (or `enabled: false`) turns it off, an object sets them.",
      type: ["boolean", "object"],
      additionalProperties: false,
      properties: {
        enabled: {
          description: "Whether to compute it (default true).",
          type: "boolean"
        },
        rows: {
          description: "Rows of the seeded reservoir sample of the test data it is measured on (default 20000; all rows when there are fewer).",
          type: "integer",
          minimum: 10,
          maximum: 1e7
        },
        repeats: {
          description: "Permutations per column (default 5), as scikit-learn's n_repeats.",
          type: "integer",
          minimum: 1,
          maximum: 1e3
        },
        resamples: {
          description: "Bootstrap replicates of each importance's interval (default 1000; 0: no interval, and `on: ci` gates become insufficient_data). The seed and confidence are bootstrap.seed and bootstrap.confidence.",
          type: "integer",
          minimum: 0,
          maximum: 1e5
        },
        metric: {
          description: "The metric whose drop is the importance (default roc_auc for a binary classifier with probabilities, accuracy for other classifiers, r2 for a regressor). For a metric where lower is better (log_loss, rmse, \u2026) the importance is the rise.",
          enum: [
            "accuracy",
            "balanced_accuracy",
            "precision",
            "recall",
            "f1",
            "precision_macro",
            "recall_macro",
            "f1_macro",
            "precision_weighted",
            "recall_weighted",
            "f1_weighted",
            "roc_auc",
            "average_precision",
            "log_loss",
            "brier",
            "ece",
            "mae",
            "rmse",
            "r2",
            "mape"
          ]
        },
        proxies: {
          description: "Columns that stand in for a sensitive attribute (e.g. relationship for sex); the sensitive_importance gate judges them with the sensitive columns.",
          type: "array",
          items: {
            description: "A column of the test data.",
            type: "string"
          }
        },
        gates: {
          description: "Thresholds on importances.",
          type: "array",
          items: {
            description: "One gate: sensitive_importance is the largest importance of a sensitive column (gates.fairness.sensitive, else the contract's role sensitive) or a listed proxy, and must be at most `max`.",
            type: "object",
            additionalProperties: false,
            required: ["explain", "max"],
            properties: {
              explain: {
                description: "What is judged: sensitive_importance.",
                enum: ["sensitive_importance"]
              },
              max: {
                description: "The largest importance that passes, e.g. 0.01.",
                type: "number"
              },
              on: {
                description: "point (the mean drop, default) or ci (the upper bound of its interval).",
                enum: ["point", "ci"]
              },
              severity: {
                description: "fail (default) or warn.",
                enum: ["fail", "warn"]
              }
            }
          }
        }
      }
    },
    operational: {
      description: "Latency, throughput, size and memory of the model, measured in onnxruntime on the runner and gated like accuracy (docs/gates.md#operational-gates). On by default: `true` keeps the defaults, `false` (or `enabled: false`) turns it off, an object sets them. With a champion both models are timed in the same job, in alternating rounds, and ratios (challenger \xF7 champion) get intervals from a paired bootstrap over the rounds.",
      type: ["boolean", "object"],
      additionalProperties: false,
      properties: {
        enabled: {
          description: "Whether to measure (default true).",
          type: "boolean"
        },
        batch: {
          description: "The batch size timed besides 1 (default 64): rows per call, as a batch-scoring or a batching server would send.",
          type: "integer",
          minimum: 2,
          maximum: 1e6
        },
        rounds: {
          description: "Rounds of timed calls (default 10). Intervals are a bootstrap over the rounds, so more rounds give tighter, more trustworthy intervals.",
          type: "integer",
          minimum: 1,
          maximum: 1e3
        },
        calls: {
          description: "Timed calls per model, batch size and round (default 30); fewer when max_seconds asks for it, never fewer than 5.",
          type: "integer",
          minimum: 1,
          maximum: 1e5
        },
        warmup: {
          description: "Untimed calls per model and batch size before the first round (default 10): the first calls allocate and are slower.",
          type: "integer",
          minimum: 0,
          maximum: 1e5
        },
        max_seconds: {
          description: "The time the timed rounds may take in all (default 60), judged from the warm-up's pace.",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 86400
        },
        gates: {
          description: "Thresholds on the figures. Written or not, the figures are in the report. When none are written, one warns when the challenger's median latency at batch 1 is shown to be above 1.2\xD7 the champion's (the whole interval above 1.2, on: not_worse); without a champion or an interval that gate is skipped.",
          type: "array",
          items: {
            description: "One gate, e.g. { metric: latency_ratio_vs_champion, max: 1.2, on: ci } or { metric: model_size_mb, max: 50 }.",
            type: "object",
            additionalProperties: false,
            required: ["metric"],
            properties: {
              metric: {
                description: "latency_p50_ms, latency_p95_ms, latency_p99_ms (milliseconds per call), throughput_rows_per_s, model_size_mb (the file and its external data, 10^6 bytes), parameters (elements of the weights), load_time_ms, peak_memory_mb (resident memory the session added), latency_ratio_vs_champion, throughput_ratio_vs_champion (challenger \xF7 champion, measured in the same job).",
                enum: [
                  "latency_p50_ms",
                  "latency_p95_ms",
                  "latency_p99_ms",
                  "throughput_rows_per_s",
                  "model_size_mb",
                  "parameters",
                  "load_time_ms",
                  "peak_memory_mb",
                  "latency_ratio_vs_champion",
                  "throughput_ratio_vs_champion"
                ]
              },
              min: {
                description: "The lowest value that passes.",
                type: "number"
              },
              max: {
                description: "The highest value that passes.",
                type: "number"
              },
              batch: {
                description: "The batch size judged: 1 or operational.batch (default 1 for latencies, operational.batch for throughput).",
                type: "integer",
                minimum: 1
              },
              percentile: {
                description: "For latency_ratio_vs_champion: which percentile of the latency is compared (default 50, the median).",
                enum: [50, 95, 99]
              },
              on: {
                description: "point (the estimate, default); ci (the interval's bound on the failing side, the upper for max: it passes only when the whole interval clears the threshold, as quality gates); or not_worse (the bound on the passing side: it fails only when the whole interval is past the threshold, a shown regression, as the champion rules' default). Only latency and throughput figures and ratios have intervals.",
                enum: ["point", "ci", "not_worse"]
              },
              severity: {
                description: "fail (default) or warn.",
                enum: ["fail", "warn"]
              }
            }
          }
        }
      }
    }
  }
};

// schemas/modelship.schema.json
var modelship_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/modelship.schema.json",
  title: "modelship.yaml",
  description: "Project configuration for modelship: the model, its data, and one section per lifecycle stage. Every action input and CLI flag can also be set here; an explicit input or flag wins over this file.",
  type: "object",
  additionalProperties: false,
  required: ["model"],
  properties: {
    version: {
      description: "Format version of this file (docs/compatibility.md). Only 1 exists; a modelship.yaml without it is read as version 1.",
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
          enum: ["error", "warning", "never"]
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
      description: "Settings for the train stage (`modelship train`, the train action): the user's command or the built-in trainer's config, where outputs go, and whether a GPU is required.",
      type: "object",
      additionalProperties: false,
      properties: {
        command: {
          description: "The training command (run with bash in the repository root); it writes model.onnx (and optionally metrics.json) into $MODELSHIP_OUTPUT_DIR.",
          type: "string",
          minLength: 1
        },
        config: {
          description: "A train.yaml for the built-in trainer (used when no command is set); relative to modelship.yaml.",
          type: "string"
        },
        output: {
          description: "Folder for model.onnx, metrics.json and run-record.json; default .modelship/model.",
          type: "string"
        },
        require_gpu: {
          description: "true: fail unless a GPU is visible; auto (default): use one when present; false: do not look.",
          enum: ["true", "false", "auto", true, false]
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
    evaluate: {
      description: "Settings of the evaluate stage (`modelship evaluate`, the evaluate action): which model and data, how to read the model's outputs, where reports go.",
      type: "object",
      additionalProperties: false,
      properties: {
        model: {
          description: "The ONNX model to evaluate; default model.onnx in train.output (else .modelship/model).",
          type: "string"
        },
        data: {
          description: "The test data file(s); default data.test.",
          type: "array",
          items: {
            description: "A data file (CSV, TSV, JSON Lines, Parquet).",
            type: "string"
          }
        },
        target: {
          description: "The label column; default the contract's target.",
          type: "string"
        },
        features: {
          description: "Feature columns in order, for a model with one [N, F] tensor input (models with one input per column need none).",
          type: "array",
          items: {
            description: "A column name.",
            type: "string"
          }
        },
        task: {
          description: "binary, multiclass or regression; default from the model's outputs and the target.",
          enum: ["binary", "multiclass", "regression"]
        },
        classes: {
          description: "Class labels in the order of the model's probability columns, when the model does not say (e.g. a bare probability output).",
          type: "array",
          minItems: 2,
          items: {
            description: "A class label.",
            type: "string"
          }
        },
        positive_label: {
          description: "The positive class of a binary classifier: the class the model scores (its probability is the score), and the outcome whose rates fairness compares across groups; default the second class.",
          type: "string"
        },
        threshold: {
          description: "Decision threshold on the positive class's probability (binary; default 0.5).",
          type: "number",
          minimum: 0,
          maximum: 1
        },
        outputs: {
          description: "Which model outputs to read, when automatic recognition is not enough.",
          type: "object",
          additionalProperties: false,
          properties: {
            label: {
              description: "The predicted-label output.",
              type: "string"
            },
            probabilities: {
              description: "The class-probabilities output [N, C].",
              type: "string"
            },
            score: {
              description: "A single score output [N] or [N, 1] of the positive class.",
              type: "string"
            },
            score_kind: {
              description: "What the model's scores are: `probability` (default), or `logit` (raw scores, as a PyTorch Linear head gives them): a sigmoid is applied to an [N] or [N, 1] score, a softmax across an [N, C] output. Works alone (on the output recognised) or with outputs.score / outputs.probabilities named; logit is refused on an output a Sigmoid or Softmax produces.",
              enum: ["probability", "logit"]
            },
            value: {
              description: "The regression output.",
              type: "string"
            }
          }
        },
        batch_size: {
          description: "Rows per inference batch (default 8192).",
          type: "integer",
          minimum: 1
        },
        threads: {
          description: "onnxruntime intra-op threads (default: onnxruntime's choice).",
          type: "integer",
          minimum: 1
        },
        report_dir: {
          description: "Folder for gate-report.json and gate-report.md (default .modelship/evaluation).",
          type: "string"
        },
        fail_on: {
          description: "What fails the job: `fail` (default) a failed gate of severity fail; `warn` also warnings and insufficient data; `never`.",
          enum: ["fail", "warn", "never"]
        },
        comment: {
          description: "Post the gate report as a sticky PR comment (default true).",
          type: "boolean"
        }
      }
    },
    gates: {
      description: "The gate policy (schemas/gate-policy.schema.json): quality and fairness thresholds and champion rules, inline or in a file named by `policy`.",
      $ref: "https://modelship.dev/schemas/gate-policy.schema.json"
    },
    release: {
      description: "Settings of the release stage (`modelship release`, the release action) and of fetching models back (`modelship fetch`, the fetch-model action): where the registry is and how versions are named.",
      type: "object",
      additionalProperties: false,
      properties: {
        registry: {
          description: "Where model versions live: `github` (this repository's Releases; the default in GitHub Actions), `github:OWNER/REPO`, or a local folder (`file:///path` or a path, relative to modelship.yaml; the default outside Actions is .modelship/registry).",
          type: "string",
          minLength: 1
        },
        tag_format: {
          description: "Release tag format with {model} and {version} (default {model}/v{version}).",
          type: "string",
          pattern: "\\{version\\}"
        },
        bump: {
          description: "The version part to bump from the newest release when no version is given (default patch).",
          enum: ["patch", "minor", "major"]
        },
        allow_ungated: {
          description: "Release even when the gate report is missing, failed, or was made for other bytes; recorded in the manifest and the release notes (default false).",
          type: "boolean"
        },
        license: {
          description: "The model's licence as an SPDX identifier (e.g. MIT, Apache-2.0, CC-BY-4.0; https://spdx.org/licenses/), written to the model card's front matter as `license` (lowercased, as Hugging Face writes licence ids). Without it the card names no licence.",
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9.+-]*$"
        },
        model: {
          description: "The model file to release (default evaluate.model, else model.onnx in train.output).",
          type: "string"
        },
        gate_report: {
          description: "The gate report (default gate-report.json in evaluate.report_dir).",
          type: "string"
        },
        reference_profile: {
          description: "The reference profile for drift checks (default profile.output when it exists).",
          type: "string"
        },
        run_record: {
          description: "The run record (default run-record.json beside the model when it exists).",
          type: "string"
        },
        oci: {
          description: "Also push each release to an OCI registry (GHCR, Harbor, ECR, GAR, ACR, a CNCF distribution registry) as a KServe modelcar image, with its manifest.json, gate report, model card and reference profile as a referrer artifact; promotion then writes digest-pinned `oci://` URIs. See docs/oci.md.",
          type: "object",
          additionalProperties: false,
          required: ["repository"],
          properties: {
            repository: {
              description: "The repository prefix the images go under, as REGISTRY/PATH (`oci://` optional), e.g. ghcr.io/octo/models: model adult-income is pushed as ghcr.io/octo/models/adult-income:VERSION. Credentials come from MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD (for ghcr.io, the GitHub token when they are unset).",
              type: "string",
              minLength: 1
            },
            busybox: {
              description: "The statically linked busybox whose /bin/sh, ln and sleep the modelcar runs (default /bin/busybox or /usr/bin/busybox, from Debian's or Ubuntu's busybox-static package), relative to modelship.yaml.",
              type: "string",
              minLength: 1
            }
          }
        },
        provenance: {
          $ref: "#/$defs/provenance",
          description: "The attestations `modelship fetch` and `modelship promote` require of a release in a GitHub registry, of its model file and of its manifest.json (default in GitHub Actions: this run's own workflow on refs/heads/main, pushed). A folder registry has no attestations."
        }
      }
    },
    promote: {
      description: "Promotion through the GitOps repository (`modelship promote`, `modelship canary`, the promote, canary and verify-promotion actions): where it is, and per environment the manifests that serve the model, the rollout strategy and the health checks.",
      type: "object",
      additionalProperties: false,
      required: ["environments"],
      properties: {
        repository: {
          description: "OWNER/REPO of the GitOps repository on GitHub: branches are pushed there and pull requests opened.",
          type: "string",
          pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"
        },
        remote: {
          description: "The git URL or path of the GitOps repository (default: https://github.com/OWNER/REPO.git of repository). Without repository, promotions become pushed branches and a pull-request body on disk.",
          type: "string",
          minLength: 1
        },
        base: {
          description: "The branch Argo CD or Flux deploys from (default main).",
          type: "string",
          minLength: 1
        },
        environments: {
          description: "One entry per environment, e.g. staging and production.",
          type: "object",
          minProperties: 1,
          propertyNames: {
            pattern: "^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$"
          },
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            required: ["targets"],
            properties: {
              strategy: {
                description: "canary (weights step up by pull request), blue-green (a preview with no live traffic, then a cut-over pull request that switches all traffic and lets the old version scale down; argo-rollouts with spec.strategy.blueGreen or flagger with analysis.iterations only, see docs/blue-green.md), or direct (replace the model in one pull request), or ab (an A/B test: the candidate beside the stable model on a header or cookie match (flagger) or a weighted Seldon Experiment (seldon-v2), compared on the ab metrics; the winner is promoted only through a reviewed pull request, see docs/ab-testing.md). Default canary.",
                enum: ["canary", "blue-green", "direct", "ab"]
              },
              steps: {
                description: "Traffic weights in percent, rising; the canary starts at the first and is promoted after the last. 0 runs the new version without live traffic (a dark launch: [0, 10, 50]). Default [10, 50] for canary. blue-green has no ladder: its steps are [] (the default) or [0], the preview; a live-traffic weight there is refused (docs/blue-green.md).",
                type: "array",
                items: {
                  type: "integer",
                  minimum: 0,
                  maximum: 99
                }
              },
              bake: {
                description: "Minimum time a step runs (since its pull request was merged) before the canary job steps it up or promotes it, e.g. 30m, 2h, 1d. Default 30m. A failing health check rolls back at once.",
                type: "string",
                pattern: "^[0-9]+(s|m|h|d)$"
              },
              promotion: {
                description: "auto: the canary job may auto-merge the full promotion; review (default): a person merges it.",
                enum: ["auto", "review"]
              },
              rollback: {
                description: "What the canary job does with a rollback pull request (see docs/self-healing.md). pr (default): open it with auto-merge requested (pull_request.auto_merge.rollback) and leave the rest to GitHub and people. merge: self-healing; when GitHub cannot auto-merge it (an unprotected base), modelship merges it itself with the GitOps token once verify-promotion's check and every rollback_checks name have concluded success on the pull request's head commit.",
                enum: ["pr", "merge"]
              },
              rollback_checks: {
                description: "rollback: merge: the checks, besides verify_check, that must have passed on a rollback pull request's head before modelship merges it, by check-run name or commit-status context, e.g. [lint]. A name must pass wherever it appears: a failing check run is not saved by a passing status of the same name.",
                type: "array",
                items: {
                  type: "string",
                  minLength: 1,
                  maxLength: 200
                }
              },
              verify_check: {
                description: "rollback: merge: the name of verify-promotion's check run in the GitOps repository, always required: the job's name (its `name:`, else its id) in the GitOps repository's verify-promotion workflow. Default verify-promotion (the job's name in examples/gitops-repo/.github/workflows/verify-promotion.yml).",
                type: "string",
                minLength: 1,
                maxLength: 200
              },
              rollback_checks_app: {
                description: "rollback: merge: the slug of the GitHub App whose check runs count (default github-actions). Check runs from any other app do not count (the record lists them as ignored), so another app cannot stand in for the workflow; verify_check must be such a check run, never a commit status.",
                type: "string",
                pattern: "^[a-z0-9][a-z0-9-]*$"
              },
              pull_secret: {
                description: "The name of a docker-registry Secret (in each resource's namespace) that promotion adds to imagePullSecrets of every pod spec that runs the model: the InferenceService's spec.predictor (and a Standard-mode canary's predictor), the Rollout's or Deployment's spec.template.spec. Needed for a model served from a private OCI registry (oci://, a KServe modelcar), which the kubelet pulls as an image; an entry already there and the pod's other secrets stay. Not for seldon-v2 or yaml-path targets (refused). A pod whose serviceAccountName carries the secret needs none. See docs/promotion.md (Pull secrets for OCI models).",
                type: "string",
                maxLength: 253,
                pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
              },
              resources: {
                description: "Resource requests promotion derives from what evaluate measured (the release manifest's operational figures). See docs/promotion.md (Memory floor).",
                type: "object",
                additionalProperties: false,
                properties: {
                  memory_floor: {
                    description: "Set the memory request of the container that serves the model to at least ceil(measured peak memory \xD7 margin), in Mi: spec.predictor.model.resources.requests.memory (kserve-standard, a Standard-mode canary's predictor too; kserve-knative), the model container's resources.requests.memory in the pod template (argo-rollouts, flagger: the container that holds the model URI), spec.memory of the Model (seldon-v2). true takes margin 1.5. It is a floor: the peak was measured in onnxruntime on the CI runner, not in the serving runtime, so a larger request already there is kept; a memory limit below the floor is refused, since Kubernetes rejects a request above its limit. A release without operational figures is refused on start and direct. Not for yaml-path targets (refused).",
                    anyOf: [
                      { type: "boolean", description: "true: margin 1.5; false: off." },
                      {
                        type: "object",
                        description: "The margin over the measured peak.",
                        additionalProperties: false,
                        properties: {
                          margin: {
                            description: "The factor over the measured peak, from 1 to 10 (default 1.5).",
                            type: "number",
                            minimum: 1,
                            maximum: 10
                          }
                        }
                      }
                    ]
                  }
                }
              },
              targets: {
                description: "The manifests that serve the model in this environment; one pull request changes them all.",
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["kind", "file"],
                  properties: {
                    kind: {
                      description: "How the file serves the model: kserve-standard (spec.canary[], KServe v0.20+), kserve-knative (canaryTrafficPercent), argo-rollouts (an env var of the pod template), flagger (Deployment + Canary), seldon-v2 (Model + Experiment), or yaml-path (any scalar: Helm values, kustomize patches).",
                      enum: ["kserve-standard", "kserve-knative", "argo-rollouts", "flagger", "seldon-v2", "yaml-path"]
                    },
                    file: {
                      description: "Path of the manifest inside the GitOps repository.",
                      type: "string",
                      minLength: 1
                    },
                    name: {
                      description: "metadata.name of the resource, when the file holds several of its kind.",
                      type: "string",
                      minLength: 1
                    },
                    container: {
                      description: "argo-rollouts, flagger: the container that holds the model URI (default: the first).",
                      type: "string",
                      minLength: 1
                    },
                    env: {
                      description: "argo-rollouts, flagger: the env var that holds the model URI (default MODEL_URI).",
                      type: "string",
                      minLength: 1
                    },
                    uri_path: {
                      description: "yaml-path (required there): dot path of the model URI, list items as [n], e.g. model.storageUri.",
                      type: "string",
                      minLength: 1
                    },
                    weight_path: {
                      description: "yaml-path: dot path of the canary weight (written on start and step, removed on promote and rollback).",
                      type: "string",
                      minLength: 1
                    },
                    state_path: {
                      description: "yaml-path: dot path of the map that keeps modelship's rollout state (default metadata.annotations for a Kubernetes resource, else modelship).",
                      type: "string",
                      minLength: 1
                    }
                  }
                }
              },
              pull_request: {
                type: "object",
                additionalProperties: false,
                description: "How promotion pull requests are opened.",
                properties: {
                  labels: {
                    description: "Labels on every promotion pull request (default [model-promotion]); rollbacks also get `rollback`.",
                    type: "array",
                    items: {
                      type: "string",
                      minLength: 1
                    }
                  },
                  reviewers: {
                    description: "Users asked to review.",
                    type: "array",
                    items: {
                      type: "string",
                      minLength: 1
                    }
                  },
                  team_reviewers: {
                    description: "Teams (slugs) asked to review.",
                    type: "array",
                    items: {
                      type: "string",
                      minLength: 1
                    }
                  },
                  draft: {
                    description: "Open pull requests as drafts.",
                    type: "boolean"
                  },
                  auto_merge: {
                    description: "Auto-merge per kind of pull request (GitHub merges it once the required checks pass). Default: rollback squash, the others false.",
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      start: {
                        description: "Auto-merge method for this kind of pull request, or false to leave the merge to a reviewer.",
                        enum: [false, "merge", "squash", "rebase"]
                      },
                      step: {
                        description: "Auto-merge method for this kind of pull request, or false to leave the merge to a reviewer.",
                        enum: [false, "merge", "squash", "rebase"]
                      },
                      promote: {
                        description: "Auto-merge method for this kind of pull request, or false to leave the merge to a reviewer.",
                        enum: [false, "merge", "squash", "rebase"]
                      },
                      rollback: {
                        description: "Auto-merge method for this kind of pull request, or false to leave the merge to a reviewer.",
                        enum: [false, "merge", "squash", "rebase"]
                      },
                      direct: {
                        description: "Auto-merge method for this kind of pull request, or false to leave the merge to a reviewer.",
                        enum: [false, "merge", "squash", "rebase"]
                      }
                    }
                  }
                }
              },
              ab: {
                description: "strategy ab (required there, refused elsewhere): how the variants are split and compared (docs/ab-testing.md). The metrics are read from health.prometheus; the health checks stay guardrails that roll back.",
                type: "object",
                additionalProperties: false,
                required: ["metrics"],
                properties: {
                  match: {
                    description: "flagger (required there): which requests the candidate serves, written to the Canary's spec.analysis.match. {header: NAME, value: VALUE} matches the header exactly; {cookie: NAME, value: VALUE} matches a cookie NAME=VALUE. Exactly one of header and cookie.",
                    type: "object",
                    additionalProperties: false,
                    required: ["value"],
                    properties: {
                      header: {
                        description: "A request header name, lower case (Envoy and Istio compare lower-case names), e.g. x-variant.",
                        type: "string",
                        pattern: "^[a-z0-9][a-z0-9-]*$"
                      },
                      cookie: {
                        description: "A cookie name, e.g. variant.",
                        type: "string",
                        pattern: "^[A-Za-z0-9_.-]+$"
                      },
                      value: {
                        description: "The header's or cookie's value that selects the candidate, e.g. b.",
                        type: "string",
                        pattern: "^[A-Za-z0-9_.~-]+$"
                      }
                    }
                  },
                  weight: {
                    description: "seldon-v2: the candidate's share of traffic in percent, in the Experiment beside the stable Model (default 50). Flagger routes by match, not weight.",
                    type: "integer",
                    minimum: 1,
                    maximum: 99
                  },
                  iterations: {
                    description: "flagger: spec.analysis.iterations, how many analysis intervals Flagger runs the A/B test before its own promotion (default 10, or what the Canary has).",
                    type: "integer",
                    minimum: 1
                  },
                  min_samples: {
                    description: "Per variant and metric: no verdict before each variant has this many trials (proportion) or observations (mean). Plan it with a power calculation; default 1000.",
                    type: "integer",
                    minimum: 2
                  },
                  alpha: {
                    description: "Family-wise significance level over all metrics (Bonferroni: each metric is tested at alpha / number of metrics, and its interval has level 1 \u2212 alpha / number of metrics). Default 0.05.",
                    type: "number",
                    exclusiveMinimum: 0,
                    maximum: 0.5
                  },
                  metrics: {
                    description: "What decides the winner. The candidate wins when at least one metric is significantly better and none significantly worse; the stable model wins when at least one is significantly worse and none better; otherwise the test holds.",
                    type: "array",
                    minItems: 1,
                    items: {
                      type: "object",
                      additionalProperties: false,
                      required: ["name", "kind", "higher_is_better"],
                      properties: {
                        name: {
                          description: "Shown in the comparison table, e.g. conversion.",
                          type: "string",
                          pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
                        },
                        kind: {
                          description: "proportion: successes out of trials per variant (two-proportion z-test, Newcombe interval); mean: mean, standard deviation and count per variant (Welch's t-test).",
                          enum: ["proportion", "mean"]
                        },
                        successes: {
                          description: `proportion: PromQL for one variant's successes (placeholders {{model}}, {{version}}, {{role}}, {{window}}), e.g. sum(increase(converted_total{version="{{version}}"}[{{window}}])).`,
                          type: "string",
                          minLength: 1
                        },
                        trials: {
                          description: `proportion: PromQL for one variant's trials, e.g. sum(increase(requests_total{version="{{version}}"}[{{window}}])).`,
                          type: "string",
                          minLength: 1
                        },
                        mean: {
                          description: "mean: PromQL for one variant's mean.",
                          type: "string",
                          minLength: 1
                        },
                        stddev: {
                          description: "mean: PromQL for one variant's sample standard deviation.",
                          type: "string",
                          minLength: 1
                        },
                        count: {
                          description: "mean: PromQL for one variant's number of observations.",
                          type: "string",
                          minLength: 1
                        },
                        higher_is_better: {
                          description: "true when a larger value is better (conversion), false when smaller is (latency, error rate).",
                          type: "boolean"
                        }
                      }
                    }
                  }
                }
              },
              health: {
                type: "object",
                additionalProperties: false,
                description: "Where the canary job reads health, and the checks a canary must pass.",
                properties: {
                  prometheus: {
                    description: "Prometheus base URL (HTTP API), e.g. http://prometheus.monitoring:9090. An in-cluster address is internal: name it in network.allow_internal (e.g. prometheus.monitoring:9090).",
                    type: "string",
                    pattern: "^https?://"
                  },
                  metrics: {
                    description: "A metrics document (schemas/canary-metrics.schema.json): a path in the repository, or an http(s) URL (an internal one only when network.allow_internal allows it).",
                    type: "string",
                    minLength: 1
                  },
                  window: {
                    description: "The {{window}} of the queries, e.g. 10m (default 10m).",
                    type: "string",
                    pattern: "^[0-9]+(s|m|h|d)$"
                  },
                  checks: {
                    type: "array",
                    minItems: 1,
                    items: {
                      type: "object",
                      additionalProperties: false,
                      required: ["name"],
                      properties: {
                        name: {
                          description: "What the check measures, e.g. error-rate (shown in the PR).",
                          type: "string",
                          minLength: 1
                        },
                        query: {
                          description: "PromQL instant query for one model version; {{model}}, {{version}}, {{role}} (canary or stable) and {{window}} are filled in. It must return one sample: aggregate with sum() or avg().",
                          type: "string",
                          minLength: 1
                        },
                        metric: {
                          description: "Key of the metric in a metrics document (schemas/canary-metrics.schema.json), for health.metrics.",
                          type: "string",
                          minLength: 1
                        },
                        max: {
                          description: "The canary fails when its value is above this.",
                          type: "number"
                        },
                        min: {
                          description: "The canary fails when its value is below this.",
                          type: "number"
                        },
                        max_increase: {
                          description: "The canary fails when its value exceeds the stable model's by more than this (absolute).",
                          type: "number",
                          minimum: 0
                        },
                        on_missing: {
                          description: "What no data means: hold (wait for traffic; the default) or fail (roll back).",
                          enum: ["hold", "fail"]
                        }
                      }
                    },
                    description: "What a canary must keep to; a failing check rolls it back."
                  }
                },
                required: ["checks"]
              }
            }
          }
        }
      }
    },
    drift: {
      description: "Drift checks (`modelship drift`, the drift action, the drift.yml reusable workflow): what the current data is compared with, which statistics decide, and what happens on drift.",
      type: "object",
      additionalProperties: false,
      properties: {
        reference: {
          description: "What the current data is compared with: `production` (the stable version the GitOps repository serves in `environment`), `latest` (the newest release), a version (`1.4.0`) or MODEL@VERSION (the reference profile stored with that release), a reference profile file (.json), or data files (profiled with the contract). Default production when promote.environments has `environment`, else latest.",
          type: "string",
          minLength: 1
        },
        environment: {
          description: "The environment drift is watched in: which GitOps environment `production` reads, and the key of the drift issue (default production).",
          type: "string",
          minLength: 1
        },
        current: {
          description: "The current data: files or glob patterns (relative to modelship.yaml), e.g. exported inference logs.",
          type: "array",
          items: {
            type: "string",
            minLength: 1
          }
        },
        current_url: {
          description: "HTTPS URLs of current data (CSV, JSONL or Parquet), downloaded with retries; an auth header comes from the action's `current-url-header` input or MODELSHIP_DRIFT_URL_HEADER. A URL or redirect that reaches an internal address needs a network.allow_internal entry, plain http: goes only to a host named there, and a redirect never changes the scheme.",
          type: "array",
          items: {
            type: "string",
            pattern: "^https?://"
          }
        },
        mode: {
          description: "`default` (a column drifts when a test finds its change real, BH across all tests, and its effect reaches the practical margin; docs/drift.md) or `evidently-compat` (Evidently's default choices and numbers, for teams migrating).",
          enum: ["default", "evidently-compat"]
        },
        small_sample_rows: {
          description: "evidently-compat mode: reference rows (valid values) at or below which p-value tests decide (KS, chi-square, z); above it distances do (normalised Wasserstein, Jensen\u2013Shannon). Default 1000.",
          type: "integer",
          minimum: 1
        },
        p_value: {
          description: "A change is real when its p-value, adjusted by `correction` across every test of the check, is below this (default 0.05).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        margin: {
          description: "Default mode: the practical margins a real change must reach to drift (below them it warns in the column's row). docs/drift.md#how-a-column-is-judged.",
          type: "object",
          additionalProperties: false,
          properties: {
            numeric: {
              description: "Wasserstein distance in reference standard deviations (default 0.1).",
              type: "number",
              minimum: 0
            },
            categorical: {
              description: "Total variation distance: the share of values that changed category, for categorical and few-valued numeric columns (default 0.05).",
              type: "number",
              minimum: 0,
              maximum: 1
            },
            nulls: {
              description: "Cohen's h of the null share, Cohen's 'small' (default 0.2).",
              type: "number",
              minimum: 0
            }
          }
        },
        warn_p_value: {
          description: "Retired (the old warn band): accepted and ignored with a warning.",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        wasserstein: {
          description: "evidently-compat mode, above small_sample_rows: drift when the Wasserstein distance over the reference standard deviation reaches this (default 0.1).",
          type: "number",
          exclusiveMinimum: 0
        },
        jensenshannon: {
          description: "evidently-compat mode, above small_sample_rows: drift when the Jensen\u2013Shannon distance (natural log) reaches this (default 0.1).",
          type: "number",
          exclusiveMinimum: 0
        },
        psi: {
          description: "Retired (PSI is reported, not decided on): accepted and ignored with a warning.",
          type: "object",
          additionalProperties: false,
          properties: {
            warn: {
              description: "Retired.",
              type: "number",
              exclusiveMinimum: 0
            },
            drift: {
              description: "Retired.",
              type: "number",
              exclusiveMinimum: 0
            }
          }
        },
        epsilon: {
          description: "The proportion empty bins are raised to, the same on both sides, for PSI and KL (default 0.0001).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 0.1
        },
        min_samples: {
          description: "Fewer valid values than this on either side gives `insufficient_data`, never a pass (default 30).",
          type: "integer",
          minimum: 1
        },
        effect_size_floor: {
          description: "Retired (margin replaces it): accepted and ignored with a warning.",
          type: ["number", "null"],
          minimum: 0,
          maximum: 1
        },
        correction: {
          description: "Multiple-testing correction across every test of the check (each column's, each null share's): none, bonferroni, holm or bh (Benjamini\u2013Hochberg; default).",
          enum: ["none", "bonferroni", "holm", "bh"]
        },
        share: {
          description: "The dataset drifts when the (weighted) share of drifted feature columns reaches this (default 0.5).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        null_rate: {
          description: "Retired (the null share is tested like a column, margin.nulls): accepted and ignored with a warning.",
          type: "object",
          additionalProperties: false,
          properties: {
            warn: {
              description: "Retired.",
              type: "number",
              minimum: 0,
              maximum: 1
            },
            drift: {
              description: "Retired.",
              type: "number",
              minimum: 0,
              maximum: 1
            }
          }
        },
        unseen: {
          description: "Warn when at least this share of a column's current values fall in categories the reference never had (default 0.01).",
          type: "number",
          minimum: 0,
          maximum: 1
        },
        weights: {
          description: "Weights of columns in the drifted share (default 1 each): a map of column to weight, or `importance` to weigh each feature by the reference release's permutation importance (max(importance, 0) over the largest; features without one weigh 0; equal weights, with a warning, when the release records none; the reference must be a release, see docs/drift.md#weighting-by-what-the-model-uses).",
          oneOf: [
            {
              type: "object",
              description: "A weight per column (a column not named weighs 1).",
              additionalProperties: {
                type: "number",
                minimum: 0
              }
            },
            {
              const: "importance",
              description: "From the permutation importances in the reference release's gate report (gates.explain)."
            }
          ]
        },
        ignore: {
          description: "Columns left out of the check.",
          type: "array",
          items: {
            type: "string",
            minLength: 1
          }
        },
        report_dir: {
          description: "Where drift-report.json and drift-report.md go (default .modelship/drift).",
          type: "string",
          minLength: 1
        },
        fail_on: {
          description: "Exit non-zero on `drift`, on `warn` (or drift), or `never` (default: a scheduled check does not fail because drift was found).",
          enum: ["never", "drift", "warn"]
        },
        issue: {
          description: "The drift issue: one per (model, environment), opened or updated on drift, closed with a note when it is gone.",
          type: "object",
          additionalProperties: false,
          properties: {
            enabled: {
              description: "Open and update the issue (default true in GitHub Actions).",
              type: "boolean"
            },
            labels: {
              description: "Labels of the issue; the first one finds it again (default [modelship-drift]).",
              type: "array",
              minItems: 1,
              items: {
                type: "string",
                minLength: 1
              }
            },
            close_when_clear: {
              description: "Close the issue with a note when a later check finds no drift (default true).",
              type: "boolean"
            }
          }
        },
        retrain: {
          description: "Trigger retraining on drift: a workflow_dispatch of `workflow` at `ref`, or a repository_dispatch with `event_type`; the drift summary goes along.",
          type: "object",
          additionalProperties: false,
          properties: {
            workflow: {
              description: "Workflow file (e.g. train.yml) to dispatch; needs `actions: write`.",
              type: "string",
              minLength: 1
            },
            ref: {
              description: "Branch or tag the workflow runs on (default the repository's default branch: main).",
              type: "string",
              minLength: 1
            },
            inputs: {
              description: "Extra workflow_dispatch inputs (strings).",
              type: "object",
              additionalProperties: {
                type: "string"
              }
            },
            event_type: {
              description: "repository_dispatch event type; needs `contents: write`.",
              type: "string",
              minLength: 1,
              maxLength: 100
            }
          }
        }
      }
    },
    verify: {
      description: "Settings of verify-promotion in the GitOps repository. verify-promotion reads them (and promote.environments' targets) from the pull request's base commit, so a change cannot bring its own rules.",
      type: "object",
      additionalProperties: false,
      required: ["registries"],
      properties: {
        registries: {
          description: "The only registries a change may deploy from. A model URI passes only when it is exactly the address of a model file released in one of them, intact, gated and (unless provenance is off) attested.",
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            additionalProperties: false,
            required: ["registry", "provenance"],
            properties: {
              registry: {
                description: "github:OWNER/REPO (its Releases), or a local folder as an absolute path or file:/// URL (for a registry on the checking machine; refused for anything else).",
                type: "string",
                minLength: 1
              },
              server: {
                description: "The GitHub server its release URLs are on (default the run's, https://github.com).",
                type: "string",
                format: "uri",
                pattern: "^https?://[^/]+$"
              },
              tag_format: {
                description: "Its release tag format with {model} and {version} (default {model}/v{version}).",
                type: "string",
                pattern: "\\{version\\}"
              },
              oci: {
                description: "The OCI repository prefix its releases' modelcar images live under, as REGISTRY/PATH (`oci://` optional), e.g. ghcr.io/octo/models: the same as the model repository's release.oci.repository. An `oci://` model URI passes only as `<prefix>/<model>@sha256:\u2026` (a tag alone is refused: pin the digest), is pulled and verified layer by layer, and must be this registry's release (the same manifest.json), gated and not retired; with provenance on, the image digest needs an attestation of its own. Pull credentials: MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD (GHCR: any username, a token with packages: read).",
                type: "string",
                minLength: 1
              },
              provenance: {
                $ref: "#/$defs/provenance",
                description: "The attestations this registry's releases must carry, of the model file and of manifest.json (the gate record), by the model repository's releasing workflow, or `off` (a folder registry must say off; it is reported as a warning)."
              }
            }
          }
        },
        rules_changes: {
          description: "A change to the rules (modelship.yaml, a trusted root, CODEOWNERS, anything under .github/): `fail` (default) fails the check; `codeowners` reports it and lets the code owners' required review decide.",
          enum: ["fail", "codeowners"]
        }
      }
    },
    network: {
      description: "Which internal addresses modelship may contact over HTTP. Drift data URLs, Prometheus and canary metrics URLs, and the storage a GitHub release asset download is redirected to never reach a loopback, link-local (cloud metadata included), private, unspecified, carrier-grade NAT, multicast or reserved address (IPv4-mapped IPv6 forms too), on the first request or any redirect, unless an entry here or in MODELSHIP_ALLOW_INTERNAL (comma- or newline-separated) allows it. The check is on the address actually connected to.",
      type: "object",
      additionalProperties: false,
      properties: {
        allow_internal: {
          description: "Internal sources that may be contacted: a host name (any port; the name is trusted whatever it resolves to), host:port, an IP address or address:port ([::1]:8080 for IPv6), or a CIDR range (e.g. 10.0.0.0/8). Every internal hop of a redirect chain must be allowed. A GitHub registry's API host and port (GITHUB_API_URL) are allowed implicitly for its asset downloads. Plain http drift data goes only to a host named here.",
          type: "array",
          items: {
            type: "string",
            minLength: 1,
            pattern: "^\\S+$"
          }
        }
      }
    }
  },
  $defs: {
    provenance: {
      description: "Which build-provenance attestation a model file must carry: one signed through Sigstore by the model repository's workflow (GitHub's `actions/attest-build-provenance`), checked with sigstore's verifier against GitHub's and the public-good trust roots. `off` turns the check off, and every promotion PR and verify-promotion report then says so as a warning.",
      oneOf: [
        {
          const: "off",
          description: "No attestation is checked (shown as a warning wherever it matters)."
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["workflow"],
          properties: {
            workflow: {
              description: "The model repository's workflow that releases the model, as a path in that repository (e.g. .github/workflows/model.yml): the certificate's Build Config URI must name it.",
              type: "string",
              pattern: "^\\.github/workflows/[^/@]+\\.ya?ml$"
            },
            ref: {
              description: "The ref the workflow ran on (the certificate's Source Repository Ref; default refs/heads/main).",
              type: "string",
              pattern: "^refs/"
            },
            events: {
              description: "The events that may have triggered it (the certificate's Build Trigger; default [push]).",
              type: "array",
              minItems: 1,
              items: {
                type: "string",
                minLength: 1
              }
            },
            signer_workflow: {
              description: "OWNER/REPO/.github/workflows/FILE of the workflow that signed (the certificate's Build Signer URI, any ref), e.g. modelship/modelship/.github/workflows/model-ci.yml when the model repository calls modelship's reusable workflow. Default: not checked.",
              type: "string",
              pattern: "^[^/]+/[^/]+/\\.github/workflows/[^/@]+\\.ya?ml$"
            },
            issuer: {
              description: "The OIDC issuer of the signing identity (default https://token.actions.githubusercontent.com; a GHES host has its own).",
              type: "string",
              format: "uri"
            },
            trusted_root: {
              description: "A Sigstore trusted_root.json (in this repository) to verify against instead of GitHub's and the public-good roots: for a private Sigstore instance.",
              type: "string",
              minLength: 1
            }
          }
        }
      ]
    }
  }
};

// src/gates/policy.ts
import { dirname, isAbsolute, join, relative } from "node:path";

// src/evaluate/fairness.ts
var GROUP_RATES = ["selection_rate", "tpr", "fpr", "fnr", "precision", "accuracy"];
var FAIRNESS_METRIC_NAMES = [
  "demographic_parity_difference",
  "demographic_parity_ratio",
  "equalized_odds_difference",
  "equalized_odds_ratio",
  "equal_opportunity_difference",
  "equal_opportunity_ratio",
  "disparate_impact",
  "statistical_parity_difference"
];
var MISSING_LABEL = "(missing)";
var INTERSECTION_SEPARATOR = " & ";
var DEFAULT_MIN_GROUP_SIZE = 30;
function buildGrouping(columns) {
  const first = columns[0];
  if (first === void 0) throw new Error("buildGrouping needs at least one column");
  const rows = first.values.length;
  for (const column of columns) {
    if (column.values.length !== rows)
      throw new Error(`column ${column.name} has ${column.values.length} values, ${first.name} has ${rows}`);
  }
  const rowLabels = new Array(rows);
  const seen = /* @__PURE__ */ new Set();
  for (let row = 0; row < rows; row++) {
    let label = "";
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c].values[row] ?? MISSING_LABEL;
      label = c === 0 ? value : label + INTERSECTION_SEPARATOR + value;
    }
    rowLabels[row] = label;
    seen.add(label);
  }
  const labels = [...seen].sort();
  const idOf = new Map(labels.map((label, id) => [label, id]));
  const ids = new Int32Array(rows);
  for (let row = 0; row < rows; row++) ids[row] = idOf.get(rowLabels[row]);
  const names = columns.map((column) => column.name);
  return { name: names.join(INTERSECTION_SEPARATOR), columns: names, labels, ids };
}
function assertSeveralGroups(grouping, file) {
  if (grouping.labels.length >= 2) return;
  const what = grouping.columns.length > 1 ? `sensitive columns ${grouping.name} form` : `sensitive column ${grouping.name} has`;
  const problem = grouping.labels.length === 0 ? `the ${what} no groups: the data has no rows, so no fairness disparity can be measured` : `the ${what} a single group ("${grouping.labels[0]}") in this data, so no fairness disparity can be measured`;
  throw new UserError(problem, {
    file,
    hint: `drop ${grouping.name} from fairness.sensitive, or evaluate on data where it takes several values`
  });
}
function groupCells(grouping, y, pred, weights) {
  const rows = grouping.ids.length;
  if (y.length !== rows || pred.length !== rows || weights !== void 0 && weights.length !== rows) {
    throw new Error(
      `groupCells: ${rows} group ids, ${y.length} labels, ${pred.length} predictions${weights === void 0 ? "" : `, ${weights.length} weights`}`
    );
  }
  const groups = grouping.labels.length;
  const counts = new Float64Array(groups * 4);
  for (let row = 0; row < rows; row++) {
    const id = grouping.ids[row];
    const truth = y[row];
    const predicted = pred[row];
    if (id < 0 || id >= groups) throw new Error(`groupCells: row ${row} has group id ${id}, there are ${groups} groups`);
    if (truth > 1 || predicted > 1) throw new Error(`groupCells: row ${row} has y=${truth}, pred=${predicted}; both must be 0 or 1`);
    const weight = weights === void 0 ? 1 : weights[row];
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new Error(`groupCells: row ${row} has weight ${weight}; weights must be finite and >= 0`);
    counts[id * 4 + truth * 2 + predicted] += weight;
  }
  return { labels: [...grouping.labels], counts };
}
function fairnessFromCells(cells, options = {}) {
  const minGroupSize = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const method = options.method ?? "between_groups";
  const agg = options.agg ?? "worst_case";
  if (!(minGroupSize >= 0) || !Number.isFinite(minGroupSize))
    throw new Error(`minGroupSize must be a finite number >= 0, got ${minGroupSize}`);
  if (cells.counts.length !== cells.labels.length * 4)
    throw new Error(`GroupCells: ${cells.labels.length} labels but ${cells.counts.length} counts (want 4 per group)`);
  if (options.privileged !== void 0 && !cells.labels.includes(options.privileged)) {
    throw new Error(
      `privileged group "${options.privileged}" is not one of the groups: ${cells.labels.map((label) => `"${label}"`).join(", ")}`
    );
  }
  const groups = [];
  let [tn, fp, fn, tp] = [0, 0, 0, 0];
  for (let g = 0; g < cells.labels.length; g++) {
    const cell = cells.counts.subarray(g * 4, g * 4 + 4);
    const group = metricsOf(cells.labels[g], cell[0], cell[1], cell[2], cell[3], minGroupSize);
    groups.push(group);
    tn += cell[0];
    fp += cell[1];
    fn += cell[2];
    tp += cell[3];
  }
  const overall = metricsOf("overall", tn, fp, fn, tp, minGroupSize);
  const present = groups.filter((group) => group.count > 0);
  if (present.length < 2) {
    const labels = present.map((group) => group.label);
    const reason = present.length === 0 ? "no rows" : "only one group";
    const metrics2 = {};
    for (const name of FAIRNESS_METRIC_NAMES) metrics2[name] = { value: void 0, reason, groups: labels, excluded: [] };
    return { overall, groups, metrics: metrics2 };
  }
  const context = { groups, overall, minGroupSize, method };
  const selection = compare(context, "selection_rate");
  const tpr = compare(context, "tpr");
  const fpr = compare(context, "fpr");
  const [disparateImpact, parityDifference] = privilegedMetrics(context, options.privileged);
  const metrics = {
    demographic_parity_difference: selection.difference,
    demographic_parity_ratio: selection.ratio,
    equalized_odds_difference: combine(context, tpr, fpr, "difference", agg),
    equalized_odds_ratio: combine(context, tpr, fpr, "ratio", agg),
    equal_opportunity_difference: tpr.difference,
    equal_opportunity_ratio: tpr.ratio,
    disparate_impact: disparateImpact,
    statistical_parity_difference: parityDifference
  };
  return { overall, groups, metrics };
}
var RATE_NAME = { selection_rate: "selection rate", tpr: "TPR", fpr: "FPR" };
var UNDEFINED_BECAUSE = {
  selection_rate: "no rows (selection rate undefined)",
  tpr: "no positives (TPR undefined)",
  fpr: "no negatives (FPR undefined)"
};
function metricsOf(label, tn, fp, fn, tp, minGroupSize) {
  const count = tn + fp + fn + tp;
  const positives = fn + tp;
  const negatives = tn + fp;
  return {
    label,
    count,
    positives,
    negatives,
    rates: {
      selection_rate: share(fp + tp, count),
      tpr: share(tp, positives),
      fpr: share(fp, negatives),
      fnr: share(fn, positives),
      precision: share(tp, fp + tp),
      accuracy: share(tn + tp, count)
    },
    small: count < minGroupSize
  };
}
function share(part, whole) {
  return whole > 0 ? part / whole : void 0;
}
function formatCount(count) {
  return Number.isInteger(count) ? String(count) : String(Number(count.toPrecision(6)));
}
function smallReason(group, minGroupSize) {
  return `n=${formatCount(group.count)} < min_group_size ${formatCount(minGroupSize)}`;
}
function eligible(context, rate) {
  const entered = [];
  const excluded = [];
  let undefinedRate = false;
  for (const group of context.groups) {
    if (group.small) excluded.push({ label: group.label, reason: smallReason(group, context.minGroupSize) });
    else if (group.rates[rate] === void 0) {
      excluded.push({ label: group.label, reason: UNDEFINED_BECAUSE[rate] });
      undefinedRate = true;
    } else entered.push(group);
  }
  return { entered, excluded, undefinedRate };
}
function compare(context, rate) {
  const { entered, excluded, undefinedRate } = eligible(context, rate);
  const labels = entered.map((group) => group.label);
  const result = (value, reason) => value === void 0 ? { value, reason, groups: labels, excluded } : { value, groups: labels, excluded };
  if (entered.length < 2) {
    const reason = `fewer than 2 groups with at least ${formatCount(context.minGroupSize)} rows${undefinedRate ? ` and a defined ${RATE_NAME[rate]}` : ""}`;
    return { rate, difference: result(void 0, reason), ratio: result(void 0, reason) };
  }
  const values = entered.map((group) => group.rates[rate]);
  const name = RATE_NAME[rate];
  if (context.method === "between_groups") {
    const max = Math.max(...values);
    const min = Math.min(...values);
    return {
      rate,
      difference: result(max - min),
      ratio: max > 0 ? result(min / max) : result(void 0, `${name} is 0 in every compared group, so the ratio is 0/0`)
    };
  }
  const overall = context.overall.rates[rate];
  const difference = Math.max(...values.map((value) => Math.abs(value - overall)));
  if (!(overall > 0))
    return { rate, difference: result(difference), ratio: result(void 0, `${name} is 0 overall, so the ratio to overall is 0/0`) };
  const ratio = Math.min(...values.map((value) => value > overall ? overall / value : value / overall));
  return { rate, difference: result(difference), ratio: result(ratio) };
}
function combine(context, tpr, fpr, kind, agg) {
  const parts = [tpr, fpr];
  const groups = [];
  const excluded = [];
  for (const { label } of context.groups) {
    const reasons = parts.map((part) => part[kind].excluded.find((entry) => entry.label === label)?.reason);
    const [tprReason, fprReason] = reasons;
    if (tprReason === void 0 && fprReason === void 0) groups.push(label);
    else if (tprReason === fprReason) excluded.push({ label, reason: tprReason });
    else {
      const reason = parts.flatMap((part, i) => reasons[i] === void 0 ? [] : [`${reasons[i]}, left out of the ${RATE_NAME[part.rate]} part`]).join("; ");
      excluded.push({ label, reason });
    }
  }
  const missing = parts.find((part) => part[kind].value === void 0);
  if (missing !== void 0) {
    return { value: void 0, reason: `${RATE_NAME[missing.rate]} ${kind}: ${missing[kind].reason}`, groups, excluded };
  }
  const a = tpr[kind].value;
  const b = fpr[kind].value;
  const value = agg === "mean" ? (a + b) / 2 : kind === "difference" ? Math.max(a, b) : Math.min(a, b);
  return { value, groups, excluded };
}
function privilegedMetrics(context, privileged) {
  const undefinedPair = (reason, groups, excluded2) => [
    { value: void 0, reason, groups, excluded: excluded2 },
    { value: void 0, reason, groups, excluded: excluded2 }
  ];
  if (privileged === void 0) return undefinedPair("no privileged group configured", [], []);
  const { entered, excluded } = eligible(context, "selection_rate");
  const reference = context.groups.find((group) => group.label === privileged);
  if (!entered.includes(reference)) {
    const why = excluded.find((entry) => entry.label === privileged).reason;
    return undefinedPair(`privileged group "${privileged}" is left out: ${why}`, [], excluded);
  }
  const others = entered.filter((group) => group !== reference);
  const labels = [reference.label, ...others.map((group) => group.label)];
  if (others.length === 0)
    return undefinedPair(`no unprivileged group with at least ${formatCount(context.minGroupSize)} rows`, labels, excluded);
  const base = reference.rates.selection_rate;
  let spdGroup = others[0];
  for (const group of others) {
    if (Math.abs(group.rates.selection_rate - base) > Math.abs(spdGroup.rates.selection_rate - base)) spdGroup = group;
  }
  const spd = { value: spdGroup.rates.selection_rate - base, groups: labels, excluded, worst: spdGroup.label };
  if (!(base > 0)) {
    return [
      {
        value: void 0,
        reason: `privileged group "${privileged}" has selection rate 0, so disparate impact divides by 0`,
        groups: labels,
        excluded
      },
      spd
    ];
  }
  let diGroup = others[0];
  for (const group of others) {
    if (group.rates.selection_rate < diGroup.rates.selection_rate) diGroup = group;
  }
  return [{ value: diGroup.rates.selection_rate / base, groups: labels, excluded, worst: diGroup.label }, spd];
}

// src/gates/policy.ts
var SINGLE_MEASUREMENTS = /* @__PURE__ */ new Set([
  "model_size_mb",
  "parameters",
  "load_time_ms",
  "peak_memory_mb"
]);
var CHAMPION_RATIOS = /* @__PURE__ */ new Set(["latency_ratio_vs_champion", "throughput_ratio_vs_champion"]);
var DEFAULT_OPERATIONAL_BATCH = 64;
var DEFAULT_OPERATIONAL_ROUNDS = 10;
var DEFAULT_OPERATIONAL_CALLS = 30;
var DEFAULT_OPERATIONAL_WARMUP = 10;
var DEFAULT_OPERATIONAL_MAX_SECONDS = 60;
var DEFAULT_OPERATIONAL_GATES = [
  { metric: "latency_ratio_vs_champion", max: 1.2, batch: 1, percentile: 50, on: "not_worse", severity: "warn" }
];
var DEFAULT_RESAMPLES = 2e3;
var DEFAULT_EXPLAIN_ROWS = 2e4;
var DEFAULT_EXPLAIN_REPEATS = 5;
var DEFAULT_EXPLAIN_RESAMPLES = 1e3;
var DEFAULT_FAIRNESS_MAX_WORSENING = 0.02;
var DEFAULT_FAIRNESS_RESAMPLES = 1e3;
var DEFAULT_FAIRNESS_GATES = [
  { metric: "demographic_parity_difference", max: 0.1, on: "point", severity: "fail" },
  { metric: "equalized_odds_difference", max: 0.1, on: "point", severity: "fail" },
  { metric: "demographic_parity_ratio", min: 0.8, on: "point", severity: "warn" }
];
function defaultMargin(metric) {
  return metric === "roc_auc" || metric === "average_precision" ? 5e-3 : metric === "rmse" || metric === "mae" ? 0 : 0.01;
}
function defaultChampionRules(task, severity) {
  const metrics = task === "regression" ? ["rmse"] : ["roc_auc", "accuracy"];
  return metrics.map((metric) => ({ metric, margin: defaultMargin(metric), require: "not_worse", severity }));
}
function withChampionModel(policy, path) {
  policy.champion ??= { fairnessMaxWorsening: DEFAULT_FAIRNESS_MAX_WORSENING, severity: "fail" };
  policy.champion.source = { kind: "model", path };
}
function resolvePolicy(document, options = {}) {
  const resolvePath = options.resolvePath ?? ((path) => path);
  const fairness = document.fairness ?? {};
  const champion = document.champion;
  let source;
  if (champion?.model !== void 0) source = { kind: "model", path: resolvePath(champion.model) };
  else if (champion?.release !== void 0) source = { kind: "release", version: champion.release };
  else if (champion?.production === true) source = { kind: "production" };
  const championSeverity = champion?.severity ?? "fail";
  const explain = typeof document.explain === "boolean" ? { enabled: document.explain } : document.explain ?? {};
  const operational = typeof document.operational === "boolean" ? { enabled: document.operational } : document.operational ?? {};
  const batch = operational.batch ?? DEFAULT_OPERATIONAL_BATCH;
  return {
    source: options.source,
    bootstrap: {
      resamples: document.bootstrap?.resamples ?? DEFAULT_RESAMPLES,
      confidence: document.bootstrap?.confidence ?? 0.95,
      seed: document.bootstrap?.seed ?? 0
    },
    quality: (document.quality ?? []).map((gate) => ({
      metric: gate.metric,
      min: gate.min,
      max: gate.max,
      on: gate.on ?? "point",
      severity: gate.severity ?? "fail",
      name: gate.name
    })),
    fairness: {
      sensitive: fairness.sensitive,
      intersections: fairness.intersections ?? [],
      bins: fairness.bins ?? {},
      minGroupSize: fairness.min_group_size ?? DEFAULT_MIN_GROUP_SIZE,
      method: fairness.method ?? "between_groups",
      agg: fairness.agg ?? "worst_case",
      privileged: fairness.privileged ?? {},
      resamples: fairness.resamples ?? DEFAULT_FAIRNESS_RESAMPLES,
      gates: fairness.gates === void 0 ? DEFAULT_FAIRNESS_GATES.map((gate) => ({ ...gate })) : fairness.gates.map((gate) => ({
        metric: gate.metric,
        min: gate.min,
        max: gate.max,
        on: gate.on ?? "point",
        severity: gate.severity ?? "fail",
        groupings: gate.groupings
      })),
      defaultGates: fairness.gates === void 0
    },
    champion: champion === void 0 ? void 0 : {
      ...source === void 0 ? {} : { source },
      rules: champion.rules?.map((rule) => ({
        metric: rule.metric,
        margin: rule.margin ?? defaultMargin(rule.metric),
        require: rule.require ?? "not_worse",
        severity: rule.severity ?? championSeverity
      })),
      fairnessMaxWorsening: champion.fairness_max_worsening ?? DEFAULT_FAIRNESS_MAX_WORSENING,
      severity: championSeverity
    },
    explain: {
      enabled: explain.enabled ?? true,
      rows: explain.rows ?? DEFAULT_EXPLAIN_ROWS,
      repeats: explain.repeats ?? DEFAULT_EXPLAIN_REPEATS,
      resamples: explain.resamples ?? DEFAULT_EXPLAIN_RESAMPLES,
      ...explain.metric === void 0 ? {} : { metric: explain.metric },
      proxies: explain.proxies ?? [],
      gates: (explain.gates ?? []).map((gate) => ({
        explain: gate.explain,
        max: gate.max,
        on: gate.on ?? "point",
        severity: gate.severity ?? "fail"
      }))
    },
    operational: {
      enabled: operational.enabled ?? true,
      batch,
      rounds: operational.rounds ?? DEFAULT_OPERATIONAL_ROUNDS,
      calls: operational.calls ?? DEFAULT_OPERATIONAL_CALLS,
      warmup: operational.warmup ?? DEFAULT_OPERATIONAL_WARMUP,
      maxSeconds: operational.max_seconds ?? DEFAULT_OPERATIONAL_MAX_SECONDS,
      gates: operational.gates === void 0 ? DEFAULT_OPERATIONAL_GATES.map((gate) => ({ ...gate })) : operational.gates.map((gate) => ({
        metric: gate.metric,
        ...gate.min === void 0 ? {} : { min: gate.min },
        ...gate.max === void 0 ? {} : { max: gate.max },
        ...SINGLE_MEASUREMENTS.has(gate.metric) ? {} : { batch: gate.batch ?? (gate.metric.startsWith("throughput") ? batch : 1) },
        ...gate.metric === "latency_ratio_vs_champion" ? { percentile: gate.percentile ?? 50 } : {},
        on: gate.on ?? "point",
        severity: gate.severity ?? "fail"
      })),
      defaultGates: operational.gates === void 0
    }
  };
}
var METRIC_RANGES = {
  ...Object.fromEntries(
    [
      "accuracy",
      "balanced_accuracy",
      "precision",
      "recall",
      "f1",
      "precision_macro",
      "recall_macro",
      "f1_macro",
      "precision_weighted",
      "recall_weighted",
      "f1_weighted",
      "roc_auc",
      "average_precision",
      "brier",
      "ece"
    ].map((metric) => [metric, [0, 1]])
  ),
  log_loss: [0, Infinity],
  mae: [0, Infinity],
  rmse: [0, Infinity],
  mape: [0, Infinity],
  r2: [-Infinity, 1]
};
function rangeText([low, high]) {
  if (high === Infinity) return `never below ${low}`;
  if (low === -Infinity) return `at most ${high}`;
  return `between ${low} and ${high}`;
}
function checkGateBounds(document, where) {
  const prefix = where.prefix ?? "";
  const fail = (problem, pointer, hint) => {
    const position = where.locate?.(pointer);
    throw new UserError(problem, { file: where.file, pointer, ...position === void 0 ? {} : { line: position.line }, hint });
  };
  checkExplainGates(document, fail, prefix);
  checkOperationalGates(document, fail, prefix);
  const gates = [
    ["quality", document.quality],
    ["fairness/gates", document.fairness?.gates]
  ];
  for (const [path, list] of gates) {
    (list ?? []).forEach((gate, index) => {
      const pointer = `${prefix}/${path}/${index}`;
      if (gate.min !== void 0 && gate.max !== void 0 && gate.min > gate.max)
        fail(
          `the ${gate.metric} gate asks for min ${gate.min} and max ${gate.max}: no value is both, so it can never pass`,
          `${pointer}/min`,
          "swap min and max (min is the lowest value that passes, max the highest), or keep one of them"
        );
      const range = path === "quality" ? METRIC_RANGES[gate.metric] : void 0;
      if (range === void 0) return;
      if (gate.min !== void 0 && gate.min > range[1])
        fail(
          `${gate.metric} is ${rangeText(range)}, so min: ${gate.min} can never pass`,
          `${pointer}/min`,
          `give min a value the metric can reach (${rangeText(range)}), e.g. min: 0.8`
        );
      if (gate.max !== void 0 && gate.max < range[0])
        fail(
          `${gate.metric} is ${rangeText(range)}, so max: ${gate.max} can never pass`,
          `${pointer}/max`,
          `give max a value the metric can reach (${rangeText(range)})`
        );
    });
  }
}
function checkOperationalGates(document, fail, prefix) {
  const operational = document.operational;
  if (operational === void 0 || typeof operational === "boolean") return;
  const batch = operational.batch ?? DEFAULT_OPERATIONAL_BATCH;
  const gates = operational.gates ?? [];
  if (operational.enabled === false && gates.length > 0)
    fail(
      "operational.gates are set, but operational.enabled is false: the figures they judge are not measured",
      `${prefix}/operational/enabled`,
      "remove enabled: false (the measurement is on by default), or remove the gates"
    );
  gates.forEach((gate, i) => {
    const pointer = `${prefix}/operational/gates/${i}`;
    if (gate.min === void 0 && gate.max === void 0)
      fail(`the ${gate.metric} gate has no threshold`, pointer, "give it min or max, e.g. { metric: latency_p95_ms, max: 5 }");
    if (gate.min !== void 0 && gate.max !== void 0 && gate.min > gate.max)
      fail(
        `the ${gate.metric} gate asks for min ${gate.min} and max ${gate.max}: no value is both, so it can never pass`,
        `${pointer}/min`,
        "swap min and max (min is the lowest value that passes, max the highest), or keep one of them"
      );
    const single = SINGLE_MEASUREMENTS.has(gate.metric);
    if (single && (gate.on === "ci" || gate.on === "not_worse"))
      fail(
        `${gate.metric} is measured once, so it has no interval to judge`,
        `${pointer}/on`,
        `remove on: ${gate.on} (the value itself is judged); intervals come with latency and throughput`
      );
    if ((gate.on === "ci" || gate.on === "not_worse") && operational.rounds === 1)
      fail(
        `the ${gate.metric} gate judges an interval (on: ${gate.on}), but operational.rounds is 1: one round gives none`,
        `${pointer}/on`,
        "set operational.rounds \u2265 2 (default 10), or judge the value with on: point"
      );
    if (single && gate.batch !== void 0)
      fail(`${gate.metric} does not depend on the batch size`, `${pointer}/batch`, "remove batch from this gate");
    if (gate.batch !== void 0 && gate.batch !== 1 && gate.batch !== batch)
      fail(
        `the ${gate.metric} gate judges batch ${gate.batch}, which is not timed (batch 1 and operational.batch ${batch} are)`,
        `${pointer}/batch`,
        `use batch: 1 or batch: ${batch}, or set operational.batch: ${gate.batch}`
      );
    if (gate.percentile !== void 0 && gate.metric !== "latency_ratio_vs_champion")
      fail(
        `percentile applies to latency_ratio_vs_champion, not ${gate.metric}`,
        `${pointer}/percentile`,
        gate.metric.startsWith("latency_p") ? "the percentile is in the metric's name (latency_p95_ms); remove percentile" : "remove percentile"
      );
    if (gate.max !== void 0 && gate.max < 0)
      fail(`${gate.metric} is never below 0, so max: ${gate.max} can never pass`, `${pointer}/max`, "give max a value \u2265 0");
  });
}
function checkExplainGates(document, fail, prefix) {
  const explain = document.explain;
  if (explain === void 0 || typeof explain === "boolean") return;
  if (explain.resamples === 0) {
    const i = (explain.gates ?? []).findIndex((gate) => gate.on === "ci");
    if (i >= 0)
      fail(
        "an explain gate judges the interval (on: ci), but explain.resamples is 0: no interval is computed",
        `${prefix}/explain/gates/${i}/on`,
        "set explain.resamples (default 1000), or judge the point estimate with on: point"
      );
  }
  if (explain.enabled !== false || (explain.gates ?? []).length === 0) return;
  fail(
    "explain.gates are set, but explain.enabled is false: the importances they judge are not computed",
    `${prefix}/explain/enabled`,
    "remove enabled: false (permutation importance is on by default), or remove the gates"
  );
}
async function readPolicyFile(path, cwd = process.cwd()) {
  const source = await readYamlFile(isAbsolute(path) ? path : join(cwd, path), "gate policy");
  source.file = path;
  const document = assertValid(gate_policy_schema_default, source.data ?? {}, { file: path, what: "gate policy", source });
  checkGateBounds(document, { file: path, locate: (pointer) => source.locate(pointer) });
  const base = dirname(isAbsolute(path) ? path : join(cwd, path));
  return resolvePolicy(document, {
    source: path,
    resolvePath: (written) => relative(cwd, isAbsolute(written) ? written : join(base, written)) || "."
  });
}
async function loadPolicy(options) {
  if (options.file !== void 0) return readPolicyFile(options.file, options.cwd);
  const section = options.section;
  if (section?.policy !== void 0) {
    const { policy, ...rest } = section;
    if (Object.keys(rest).length > 0) {
      throw new UserError(`gates.policy names a file, and gates also sets ${Object.keys(rest).join(", ")}`, {
        file: options.configFile,
        pointer: "/gates",
        hint: "keep the whole policy in one place: either inline under gates, or in the file gates.policy names"
      });
    }
    return readPolicyFile(options.resolvePath(policy), options.cwd);
  }
  return resolvePolicy(section ?? {}, {
    source: section === void 0 ? void 0 : `${options.configFile ?? "modelship.yaml"} (gates)`,
    resolvePath: options.resolvePath
  });
}

// src/config/modelship-config.ts
addSchemas(gate_policy_schema_default);
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
  return configFrom(await readYamlFile(absolute, "modelship config"), absolute, cwd);
}
function parseConfig(text, options) {
  const cwd = options.cwd ?? process.cwd();
  const source = parseYamlSource(text, options.shownAs ?? options.file);
  return configFrom(source, resolve(cwd, options.file), cwd, options.shownAs);
}
function configFrom(source, absolute, cwd, shownAs) {
  const shownFile = shownAs ?? (relative2(cwd, absolute) || absolute);
  source.file = shownFile;
  const config = assertValid(modelship_schema_default, source.data, { file: shownFile, what: "modelship config", source });
  if (config.gates !== void 0)
    checkGateBounds(config.gates, { file: shownFile, prefix: "/gates", locate: (pointer) => source.locate(pointer) });
  const base = dirname2(absolute);
  return {
    file: shownFile,
    config,
    resolvePath(path) {
      const full = isAbsolute2(path) ? path : join2(base, path);
      return relative2(cwd, full) || ".";
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
  gate_policy_schema_default,
  GROUP_RATES,
  FAIRNESS_METRIC_NAMES,
  buildGrouping,
  assertSeveralGroups,
  groupCells,
  fairnessFromCells,
  CHAMPION_RATIOS,
  defaultChampionRules,
  withChampionModel,
  loadPolicy,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  parseConfig,
  pick,
  requireSetting
};
