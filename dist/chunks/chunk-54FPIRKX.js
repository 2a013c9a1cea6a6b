import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  addSchemas,
  assertValid,
  readYamlFile
} from "./chunk-SGJFWRIS.js";
import {
  UserError
} from "./chunk-I6K5MFCQ.js";

// src/config/modelship-config.ts
import { access } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

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
          description: "A train.yaml for the built-in TensorFlow.js trainer (used when no command is set); relative to modelship.yaml.",
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
          description: "The positive (favourable) class of a binary classifier; default the second class.",
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
              description: "Whether the score is a probability (default) or a logit (sigmoid is applied).",
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
                description: "canary (weights step up by pull request), blue-green (a preview with no live traffic, then a switch), or direct (replace the model in one pull request). Default canary.",
                enum: ["canary", "blue-green", "direct"]
              },
              steps: {
                description: "Canary weights in percent, ascending; the canary starts at the first and is promoted after the last. Default [10, 50].",
                type: "array",
                minItems: 1,
                items: {
                  type: "integer",
                  minimum: 1,
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
              health: {
                type: "object",
                additionalProperties: false,
                description: "Where the canary job reads health, and the checks a canary must pass.",
                properties: {
                  prometheus: {
                    description: "Prometheus base URL (HTTP API), e.g. http://prometheus.monitoring:9090.",
                    type: "string",
                    pattern: "^https?://"
                  },
                  metrics: {
                    description: "A metrics document (schemas/canary-metrics.schema.json): a path in the repository, or an http(s) URL.",
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
          description: "HTTPS URLs of current data (CSV, JSONL or Parquet), downloaded with retries; an auth header comes from the action's `current-url-header` input or MODELSHIP_DRIFT_URL_HEADER.",
          type: "array",
          items: {
            type: "string",
            pattern: "^https?://"
          }
        },
        mode: {
          description: "`default` (size- and type-based choice, frozen reference bins, equal \u03B5, BH correction) or `evidently-compat` (Evidently's default choices and numbers, for teams migrating).",
          enum: ["default", "evidently-compat"]
        },
        small_sample_rows: {
          description: "Reference rows (valid values) at or below which p-value tests decide (KS, chi-square, z); above it distances do (normalised Wasserstein, Jensen\u2013Shannon). Default 1000.",
          type: "integer",
          minimum: 1
        },
        p_value: {
          description: "p-value tests flag drift below this (default 0.05).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        warn_p_value: {
          description: "p-values from p_value up to this are `warn` (default 0.15).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        wasserstein: {
          description: "Drift when the Wasserstein distance over the reference standard deviation reaches this (default 0.1).",
          type: "number",
          exclusiveMinimum: 0
        },
        jensenshannon: {
          description: "Drift when the Jensen\u2013Shannon distance (natural log) reaches this (default 0.1).",
          type: "number",
          exclusiveMinimum: 0
        },
        psi: {
          description: "PSI on the reference's frozen bins, a second check beside the distances: warn at `warn` (default 0.1), drift at `drift` (default 0.25).",
          type: "object",
          additionalProperties: false,
          properties: {
            warn: {
              description: "PSI warn level (default 0.1).",
              type: "number",
              exclusiveMinimum: 0
            },
            drift: {
              description: "PSI drift level (default 0.25).",
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
          description: "p-value tests flag drift only when the effect (KS D, |\u0394proportion|, Cram\xE9r's V) is at least this, so huge samples do not flag trivial shifts; null turns it off (default).",
          type: ["number", "null"],
          minimum: 0,
          maximum: 1
        },
        correction: {
          description: "Multiple-testing correction of the feature columns' p-values: none, bonferroni, holm or bh (Benjamini\u2013Hochberg; default).",
          enum: ["none", "bonferroni", "holm", "bh"]
        },
        share: {
          description: "The dataset drifts when the (weighted) share of drifted feature columns reaches this (default 0.5).",
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1
        },
        null_rate: {
          description: "Null-share change (absolute, and significant at p_value) that makes a column warn or drift (defaults 0.01 and 0.1).",
          type: "object",
          additionalProperties: false,
          properties: {
            warn: {
              description: "Warn when the null share moves by at least this.",
              type: "number",
              minimum: 0,
              maximum: 1
            },
            drift: {
              description: "Drift when the null share moves by at least this.",
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
          description: "Weights of columns in the drifted share, e.g. feature importance (default 1 each).",
          type: "object",
          additionalProperties: {
            type: "number",
            minimum: 0
          }
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
    }
  }
};

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

// src/common/file-hash.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
async function sha256File(path) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
function sha256Of(data) {
  return createHash("sha256").update(data).digest("hex");
}

export {
  gate_policy_schema_default,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  pick,
  requireSetting,
  sha256File,
  sha256Of
};
