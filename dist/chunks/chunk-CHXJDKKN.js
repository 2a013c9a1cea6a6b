import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// schemas/drift-report.schema.json
var drift_report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/drift-report.schema.json",
  title: "modelship drift report",
  description: "What `modelship drift` and the drift action found comparing current data with a model's reference profile: per column the statistic that decided, every distance, null-rate and unseen-category checks and the distributions; the dataset verdict and share of drifted columns; and the settings used. Written as drift-report.json.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema",
    "tool",
    "created",
    "mode",
    "reference",
    "current",
    "settings",
    "status",
    "drifted",
    "share",
    "drifted_columns",
    "columns_checked",
    "columns"
  ],
  properties: {
    schema: {
      description: "Format and version of this file.",
      const: "modelship/drift-report@1"
    },
    tool: {
      description: "The tool that wrote it.",
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: {
          description: "Always modelship.",
          const: "modelship"
        },
        version: {
          description: "modelship's version.",
          type: "string"
        }
      }
    },
    created: {
      description: "When the check ran (ISO 8601).",
      type: "string",
      format: "date-time"
    },
    mode: {
      description: "default or evidently-compat.",
      enum: ["default", "evidently-compat"]
    },
    model: {
      description: "The model whose reference was used.",
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: {
          description: "Model name.",
          type: "string"
        },
        version: {
          description: "Version.",
          type: "string"
        },
        release_url: {
          description: "The release page.",
          type: "string"
        }
      }
    },
    environment: {
      description: "The environment watched.",
      type: "string"
    },
    reference: {
      description: "The reference profile.",
      type: "object",
      additionalProperties: false,
      required: ["source", "rows", "schema_hash"],
      properties: {
        source: {
          description: "Where it came from (a release, a file).",
          type: "string"
        },
        rows: {
          description: "Rows profiled.",
          type: "integer",
          minimum: 0
        },
        schema_hash: {
          description: "Schema hash of its contract.",
          type: "string"
        }
      }
    },
    current: {
      description: "The current data.",
      type: "object",
      additionalProperties: false,
      required: ["sources", "rows"],
      properties: {
        sources: {
          description: "Files, URLs (without credentials or query) or profiles.",
          type: "array",
          items: {
            type: "string"
          }
        },
        rows: {
          description: "Rows profiled.",
          type: "integer",
          minimum: 0
        }
      }
    },
    settings: {
      description: "The settings the check ran with (defaults filled in).",
      type: "object",
      additionalProperties: false,
      required: [
        "mode",
        "small_sample_rows",
        "p_value",
        "wasserstein",
        "jensenshannon",
        "epsilon",
        "min_samples",
        "correction",
        "share",
        "unseen",
        "weights",
        "ignore"
      ],
      properties: {
        mode: {
          description: "default or evidently-compat.",
          enum: ["default", "evidently-compat"]
        },
        small_sample_rows: {
          description: "Evidently's mode: reference rows at or below which p-value tests decide.",
          type: "integer",
          minimum: 0
        },
        p_value: {
          description: "p-value threshold.",
          type: "number"
        },
        margin: {
          description: "Default mode: the effect a real change must reach to drift (every report since the margins; older reports lack it).",
          type: "object",
          additionalProperties: false,
          required: ["numeric", "categorical", "nulls"],
          properties: {
            numeric: {
              description: "Wasserstein distance in reference standard deviations.",
              type: "number",
              minimum: 0
            },
            categorical: {
              description: "Total variation distance: the share of values that changed category.",
              type: "number",
              minimum: 0,
              maximum: 1
            },
            nulls: {
              description: "Cohen's h of the null share.",
              type: "number",
              minimum: 0
            }
          }
        },
        warn_p_value: {
          description: "Older reports only: upper end of the retired p-value warn band.",
          type: "number"
        },
        wasserstein: {
          description: "Normalised Wasserstein threshold.",
          type: "number"
        },
        jensenshannon: {
          description: "Jensen\u2013Shannon threshold.",
          type: "number"
        },
        psi: {
          description: "Older reports only: the retired PSI warn and drift levels.",
          type: "object",
          additionalProperties: false,
          required: ["warn", "drift"],
          properties: {
            warn: {
              description: "Warn level.",
              type: "number"
            },
            drift: {
              description: "Drift level.",
              type: "number"
            }
          }
        },
        epsilon: {
          description: "\u03B5 for empty bins.",
          type: "number"
        },
        min_samples: {
          description: "Minimum valid values per side.",
          type: "integer",
          minimum: 0
        },
        effect_size_floor: {
          description: "Older reports only: the retired effect-size floor, or null.",
          type: ["number", "null"]
        },
        correction: {
          description: "Multiple-testing correction.",
          enum: ["none", "bonferroni", "holm", "bh"]
        },
        share: {
          description: "Dataset drift share.",
          type: "number"
        },
        null_rate: {
          description: "Older reports only: the retired null-share warn and drift changes.",
          type: "object",
          additionalProperties: false,
          required: ["warn", "drift"],
          properties: {
            warn: {
              description: "Warn change.",
              type: "number"
            },
            drift: {
              description: "Drift change.",
              type: "number"
            }
          }
        },
        unseen: {
          description: "Unseen-category share that warns.",
          type: "number"
        },
        weights: {
          description: "Column weights.",
          type: "object",
          additionalProperties: {
            type: "number"
          }
        },
        ignore: {
          description: "Columns left out.",
          type: "array",
          items: {
            type: "string"
          }
        }
      }
    },
    status: {
      description: "A verdict: ok, warn, drift, or insufficient_data (never a pass).",
      enum: ["ok", "warn", "drift", "insufficient_data"]
    },
    drifted: {
      description: "status is drift.",
      type: "boolean"
    },
    share: {
      description: "A proportion.",
      type: "number",
      minimum: 0,
      maximum: 1
    },
    drifted_columns: {
      description: "Feature columns that drifted.",
      type: "array",
      items: {
        type: "string"
      }
    },
    columns_checked: {
      description: "Feature columns with a verdict (the share's denominator, unweighted).",
      type: "integer",
      minimum: 0
    },
    columns: {
      description: "Every column compared.",
      type: "array",
      items: {
        description: "One column's comparison.",
        type: "object",
        additionalProperties: false,
        required: [
          "name",
          "kind",
          "type",
          "roles",
          "counted",
          "weight",
          "status",
          "reason",
          "reference",
          "current",
          "statistics",
          "null_rate"
        ],
        properties: {
          name: {
            description: "Column name.",
            type: "string"
          },
          kind: {
            description: "numeric or categorical.",
            enum: ["numeric", "categorical"]
          },
          type: {
            description: "The contract type.",
            type: "string"
          },
          roles: {
            description: "The contract roles.",
            type: "array",
            items: {
              type: "string"
            }
          },
          counted: {
            description: "Counts toward the dataset share (feature columns).",
            type: "boolean"
          },
          weight: {
            description: "Weight in the share.",
            type: "number",
            minimum: 0
          },
          status: {
            description: "A verdict: ok, warn, drift, or insufficient_data (never a pass).",
            enum: ["ok", "warn", "drift", "insufficient_data"]
          },
          reason: {
            description: "Why, in one line.",
            type: "string"
          },
          reference: {
            description: "One side's counts.",
            type: "object",
            additionalProperties: false,
            required: ["rows", "valid", "nulls"],
            properties: {
              rows: {
                description: "Rows seen.",
                type: "integer",
                minimum: 0
              },
              valid: {
                description: "Valid values the statistics use.",
                type: "integer",
                minimum: 0
              },
              nulls: {
                description: "Null values.",
                type: "integer",
                minimum: 0
              }
            }
          },
          current: {
            description: "One side's counts.",
            type: "object",
            additionalProperties: false,
            required: ["rows", "valid", "nulls"],
            properties: {
              rows: {
                description: "Rows seen.",
                type: "integer",
                minimum: 0
              },
              valid: {
                description: "Valid values the statistics use.",
                type: "integer",
                minimum: 0
              },
              nulls: {
                description: "Null values.",
                type: "integer",
                minimum: 0
              }
            }
          },
          method: {
            description: "The statistic that decided the column.",
            type: "object",
            additionalProperties: false,
            required: ["method", "statistic", "threshold", "approximate"],
            properties: {
              method: {
                description: "ks (two-sample Kolmogorov\u2013Smirnov), l2 (\u21132 test of homogeneity of the category shares), chisquare (test of homogeneity, older reports), chisquare_gof (Evidently's goodness of fit), z (pooled two-proportion), wasserstein (normalised by the reference std), jensenshannon (distance, natural log), psi.",
                enum: ["ks", "l2", "chisquare", "chisquare_gof", "z", "wasserstein", "jensenshannon", "psi"]
              },
              statistic: {
                description: "The statistic (KS D, \u03C7\xB2, z, or the distance); null when infinite (a category the reference never had, in a goodness-of-fit test).",
                type: ["number", "null"]
              },
              p_value: {
                description: "p-value (p-value methods only).",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              p_adjusted: {
                description: "p-value after the multiple-testing correction.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              threshold: {
                description: "p-value methods: drift below it; distances: drift at or above it.",
                type: "number"
              },
              df: {
                description: "Degrees of freedom (chi-square).",
                type: "integer",
                minimum: 0
              },
              effect: {
                description: "Default mode: the effect compared with the margin (effect_measure). Evidently's mode: KS D, |\u0394proportion| or Cram\xE9r's V, for reading only.",
                type: "number",
                minimum: 0
              },
              effect_measure: {
                description: "wasserstein_norm (Wasserstein distance in reference standard deviations) or tvd (total variation distance).",
                enum: ["wasserstein_norm", "tvd", "cohens_h"]
              },
              margin: {
                description: "Default mode: the practical margin the effect must reach to drift.",
                type: "number",
                minimum: 0
              },
              approximate: {
                description: "Computed from quantile sketches rather than exact value counts (within the sketch's rank error).",
                type: "boolean"
              },
              tolerance: {
                description: "Default mode, from sketches: the CDF gap the two sketches' rank errors may explain (99% bounds added), taken off KS D before its p-value and off |\u0394CDF| in the effect.",
                type: "number",
                minimum: 0,
                maximum: 1
              }
            }
          },
          statistics: {
            description: "Every distance computed for the column.",
            type: "object",
            additionalProperties: false,
            properties: {
              ks_d: {
                description: "Two-sample KS statistic D.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              wasserstein_norm: {
                description: "Wasserstein distance over the reference std (population, floor 0.001).",
                type: "number",
                minimum: 0
              },
              jensenshannon: {
                description: "Jensen\u2013Shannon distance, natural log (\u2264 \u221Aln 2).",
                type: "number",
                minimum: 0
              },
              psi: {
                description: "Population stability index on the reference's bins, \u03B5-filled.",
                type: "number",
                minimum: 0
              },
              kl: {
                description: "KL divergence KL(reference \u2016 current), nats, \u03B5-filled.",
                type: "number",
                minimum: 0
              },
              hellinger: {
                description: "Hellinger distance.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              tvd: {
                description: "Total variation distance of the count table (\xBD \u03A3 |\u0394share|).",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              mean_shift_std: {
                description: "|\u0394mean| over the reference std.",
                type: "number",
                minimum: 0
              }
            }
          },
          null_rate: {
            description: "Null shares and their two-proportion test.",
            type: "object",
            additionalProperties: false,
            required: ["reference", "current", "p_value", "status"],
            properties: {
              reference: {
                description: "A proportion.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              current: {
                description: "A proportion.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              p_value: {
                description: "Two-proportion z p-value.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              p_adjusted: {
                description: "Default mode, when a side has nulls: the p-value after the multiple-testing correction.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              effect: {
                description: "Default mode: Cohen's h of the two null shares.",
                type: "number",
                minimum: 0
              },
              status: {
                description: "A verdict: ok, warn, drift, or insufficient_data (never a pass).",
                enum: ["ok", "warn", "drift", "insufficient_data"]
              }
            }
          },
          unseen: {
            description: "Current values in categories the reference never had.",
            type: "object",
            additionalProperties: false,
            required: ["share", "top"],
            properties: {
              share: {
                description: "A proportion.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              top: {
                description: "The most frequent of them.",
                type: "array",
                items: {
                  description: "A category and its count.",
                  type: "object",
                  additionalProperties: false,
                  required: ["value", "count"],
                  properties: {
                    value: {
                      description: "Category.",
                      type: "string"
                    },
                    count: {
                      description: "Count.",
                      type: "integer",
                      minimum: 0
                    }
                  }
                }
              }
            }
          },
          out_of_range: {
            description: "Share of current values below the reference minimum / above its maximum.",
            type: "object",
            additionalProperties: false,
            required: ["below", "above"],
            properties: {
              below: {
                description: "A proportion.",
                type: "number",
                minimum: 0,
                maximum: 1
              },
              above: {
                description: "A proportion.",
                type: "number",
                minimum: 0,
                maximum: 1
              }
            }
          },
          distribution: {
            description: "Proportions per bin or category, for charts (the buckets that differ most when there are many).",
            type: "object",
            additionalProperties: false,
            required: ["labels", "reference", "current"],
            properties: {
              labels: {
                description: "Bin or category labels.",
                type: "array",
                items: {
                  type: "string"
                }
              },
              reference: {
                description: "Reference proportions.",
                type: "array",
                items: {
                  description: "A proportion.",
                  type: "number",
                  minimum: 0,
                  maximum: 1
                }
              },
              current: {
                description: "Current proportions.",
                type: "array",
                items: {
                  description: "A proportion.",
                  type: "number",
                  minimum: 0,
                  maximum: 1
                }
              }
            }
          }
        }
      }
    },
    performance: {
      description: "Accuracy on labelled current data (delayed feedback) against the release's evaluation.",
      type: "object",
      additionalProperties: false,
      required: ["metric", "current", "n", "status", "reason"],
      properties: {
        metric: {
          description: "The metric.",
          const: "accuracy"
        },
        reference: {
          description: "A proportion.",
          type: "number",
          minimum: 0,
          maximum: 1
        },
        current: {
          description: "A proportion.",
          type: "number",
          minimum: 0,
          maximum: 1
        },
        n: {
          description: "Labelled rows.",
          type: "integer",
          minimum: 0
        },
        p_value: {
          description: "Two-proportion z p-value.",
          type: "number",
          minimum: 0,
          maximum: 1
        },
        status: {
          description: "A verdict: ok, warn, drift, or insufficient_data (never a pass).",
          enum: ["ok", "warn", "drift", "insufficient_data"]
        },
        reason: {
          description: "Why.",
          type: "string"
        }
      }
    },
    weights_source: {
      description: "Where the columns' weights (settings.weights) came from: config (drift.weights in modelship.yaml), importance (the reference release's permutation importances, drift.weights: importance), or equal (every feature weighs 1). Absent in reports made before it was recorded.",
      enum: ["config", "importance", "equal"]
    }
  }
};

export {
  drift_report_schema_default
};
