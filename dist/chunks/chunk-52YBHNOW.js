import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// schemas/gate-report.schema.json
var gate_report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/gate-report.schema.json",
  title: "modelship gate report",
  description: "What `modelship evaluate` and the evaluate action decided about a model and why: every gate with threshold, observed value, confidence interval, n and status; the metrics, fairness by group, the champion comparison; and the model's sha256, data fingerprints, seeds and library versions. Written as gate-report.json; the release stage checks it.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema",
    "tool",
    "created",
    "verdict",
    "passed",
    "summary",
    "model",
    "data",
    "policy",
    "randomness",
    "environment",
    "metrics",
    "fairness",
    "notes",
    "gates"
  ],
  $defs: {
    ci: {
      description: "Percentile bootstrap confidence interval [low, high].",
      type: "array",
      minItems: 2,
      maxItems: 2,
      items: {
        description: "A bound.",
        type: "number"
      }
    },
    status: {
      description: "pass, warn, fail, or insufficient_data (the value could not be computed: never a pass, never silently a fail).",
      enum: ["pass", "warn", "fail", "insufficient_data"]
    },
    estimate: {
      description: "A metric: its value on the whole test set and its bootstrap interval.",
      type: "object",
      additionalProperties: false,
      properties: {
        value: {
          description: "A number, or null when undefined.",
          type: ["number", "null"]
        },
        ci: {
          $ref: "#/$defs/ci",
          description: "Percentile bootstrap confidence interval [low, high]."
        },
        reason: {
          description: "Why the value is null.",
          type: "string"
        }
      },
      required: ["value"]
    },
    threshold: {
      description: "The threshold: min and/or max.",
      type: "object",
      additionalProperties: false,
      properties: {
        min: {
          description: "Lower bound.",
          type: "number"
        },
        max: {
          description: "Upper bound.",
          type: "number"
        }
      }
    },
    value: {
      description: "A tensor of the model's signature.",
      type: "object",
      additionalProperties: false,
      properties: {
        name: {
          description: "Input or output name.",
          type: "string"
        },
        type: {
          description: "Element type, or non-tensor.",
          type: "string"
        },
        shape: {
          description: "Dimensions; a string is symbolic.",
          type: "array",
          items: {
            description: "One dimension.",
            type: ["integer", "string"]
          }
        }
      },
      required: ["name", "type"]
    },
    figure: {
      description: "A measured figure: its value and, over two or more rounds, the percentile interval of a bootstrap over the rounds.",
      type: "object",
      additionalProperties: false,
      required: ["value"],
      properties: {
        value: {
          description: "The figure, or null when it could not be computed.",
          type: ["number", "null"]
        },
        ci: {
          $ref: "#/$defs/ci",
          description: "Percentile bootstrap interval over the measurement rounds [low, high]."
        }
      }
    },
    operationalFigures: {
      description: "What one model costs to serve, measured in onnxruntime on the runner.",
      type: "object",
      additionalProperties: false,
      required: ["bytes", "sizeMb", "parameters", "loadMs", "peakMemoryMb", "latency"],
      properties: {
        bytes: {
          description: "The model file and its external data, in bytes.",
          type: "integer",
          minimum: 0
        },
        sizeMb: {
          description: "The same in MB (10^6 bytes).",
          type: "number"
        },
        parameters: {
          description: "Elements of the main graph's initializers (its weights); null when the graph could not be read.",
          type: ["integer", "null"],
          minimum: 0
        },
        loadMs: {
          description: "Milliseconds to create the inference session from the file: the faster of two loads (in ABBA order with a champion).",
          type: "number"
        },
        peakMemoryMb: {
          description: "Resident memory the session added at its peak, in MB, measured in a fresh process of its own: its resident set above its level before the session was created, read after every call, and the process's peak when it rose while the session ran. A floor for the serving runtime, not its figure.",
          type: "number"
        },
        latency: {
          description: "Latency and throughput per batch size.",
          type: "array",
          items: {
            description: "One batch size.",
            type: "object",
            additionalProperties: false,
            required: ["batch", "p50Ms", "p95Ms", "p99Ms", "throughputRowsPerS", "calls"],
            properties: {
              batch: {
                description: "Rows per call.",
                type: "integer",
                minimum: 1
              },
              p50Ms: {
                $ref: "#/$defs/figure",
                description: "Median milliseconds per call, all timed calls of every round pooled."
              },
              p95Ms: {
                $ref: "#/$defs/figure",
                description: "95th percentile (linear interpolation, as numpy.percentile)."
              },
              p99Ms: {
                $ref: "#/$defs/figure",
                description: "99th percentile."
              },
              throughputRowsPerS: {
                $ref: "#/$defs/figure",
                description: "Rows scored per second of timed calls."
              },
              calls: {
                description: "Timed calls in all (rounds \xD7 calls per round), warm-up excluded.",
                type: "integer",
                minimum: 0
              }
            }
          }
        }
      }
    }
  },
  properties: {
    schema: {
      description: "Format identifier and version.",
      const: "modelship/gate-report@1"
    },
    tool: {
      description: "The program that wrote it.",
      type: "object",
      additionalProperties: false,
      properties: {
        name: {
          description: "Always modelship.",
          const: "modelship"
        },
        version: {
          description: "modelship's version.",
          type: "string"
        }
      },
      required: ["name", "version"]
    },
    created: {
      description: "When it was written, RFC 3339.",
      type: "string",
      format: "date-time"
    },
    modelName: {
      description: "The model's name from modelship.yaml.",
      type: "string"
    },
    verdict: {
      description: "fail when a gate of severity fail failed; warn when a gate warned or lacked data; else pass.",
      enum: ["pass", "warn", "fail"]
    },
    passed: {
      description: "The verdict is not fail.",
      type: "boolean"
    },
    summary: {
      description: "Gates per status.",
      type: "object",
      additionalProperties: false,
      properties: {
        pass: {
          description: "Gates with status pass.",
          type: "integer",
          minimum: 0
        },
        warn: {
          description: "Gates with status warn.",
          type: "integer",
          minimum: 0
        },
        fail: {
          description: "Gates with status fail.",
          type: "integer",
          minimum: 0
        },
        insufficient_data: {
          description: "Gates with status insufficient_data.",
          type: "integer",
          minimum: 0
        }
      },
      required: ["pass", "warn", "fail", "insufficient_data"]
    },
    model: {
      description: "The evaluated model.",
      type: "object",
      additionalProperties: false,
      properties: {
        path: {
          description: "The model file.",
          type: "string"
        },
        sha256: {
          description: "sha256 of the model's bytes: the report belongs to these bytes only.",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        },
        bytes: {
          description: "Size.",
          type: "integer",
          minimum: 0
        },
        format: {
          description: "Model format.",
          const: "onnx"
        },
        task: {
          description: "binary, multiclass or regression.",
          enum: ["binary", "multiclass", "regression"]
        },
        classes: {
          description: "Class labels in index order (binary: the second is positive).",
          type: "array",
          items: {
            description: "A class.",
            type: "string"
          }
        },
        positiveLabel: {
          description: "The positive class (binary).",
          type: "string"
        },
        threshold: {
          description: "Decision threshold on the positive class's probability.",
          type: "number"
        },
        outputs: {
          description: "The outputs read, by role.",
          type: "object",
          additionalProperties: {
            description: "An output name or kind.",
            type: "string"
          }
        },
        inputs: {
          description: "The model's inputs.",
          type: "array",
          items: {
            $ref: "#/$defs/value"
          }
        }
      },
      required: ["path", "sha256", "bytes", "format", "task", "outputs", "inputs"]
    },
    data: {
      description: "The test data.",
      type: "object",
      additionalProperties: false,
      properties: {
        files: {
          description: "Files, fingerprinted.",
          type: "array",
          items: {
            description: "A data file and its fingerprint.",
            type: "object",
            additionalProperties: false,
            properties: {
              path: {
                description: "As given.",
                type: "string"
              },
              sha256: {
                description: "sha256 of its bytes.",
                type: "string",
                pattern: "^[0-9a-f]{64}$"
              },
              bytes: {
                description: "Size.",
                type: "integer",
                minimum: 0
              },
              rows: {
                description: "Rows evaluated.",
                type: "integer",
                minimum: 0
              }
            },
            required: ["path", "sha256", "bytes", "rows"]
          }
        },
        rows: {
          description: "Rows evaluated.",
          type: "integer",
          minimum: 0
        },
        target: {
          description: "The label column.",
          type: "string"
        },
        skippedRows: {
          description: "Rows left out for a missing target.",
          type: "integer",
          minimum: 0
        }
      },
      required: ["files", "rows", "target", "skippedRows"]
    },
    policy: {
      description: "The gate policy applied.",
      type: "object",
      additionalProperties: false,
      properties: {
        source: {
          description: "Where it was read from.",
          type: "string"
        },
        sha256: {
          description: "sha256 of the resolved policy (defaults filled in).",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        }
      },
      required: ["sha256"]
    },
    randomness: {
      description: "Seeds and resampling, so the report can be reproduced exactly.",
      type: "object",
      additionalProperties: false,
      properties: {
        bootstrapSeed: {
          description: "Seed of every resampling.",
          type: "integer"
        },
        resamples: {
          description: "Bootstrap resamples for metrics and champion differences.",
          type: "integer",
          minimum: 0
        },
        confidence: {
          description: "Confidence level of the intervals.",
          type: "number"
        },
        method: {
          description: "Interval method.",
          const: "percentile"
        },
        stratifiedBy: {
          description: "label: rows resampled within each class; none.",
          enum: ["label", "none"]
        },
        fairnessResamples: {
          description: "Group-stratified resamples for the fairness figures.",
          type: "integer",
          minimum: 0
        }
      },
      required: ["bootstrapSeed", "resamples", "confidence", "method", "stratifiedBy", "fairnessResamples"]
    },
    environment: {
      description: "Library versions.",
      type: "object",
      additionalProperties: false,
      properties: {
        node: {
          description: "Node.js version.",
          type: "string"
        },
        onnxruntime: {
          description: "onnxruntime version.",
          type: "string"
        },
        platform: {
          description: "OS and architecture.",
          type: "string"
        }
      },
      required: ["node", "onnxruntime", "platform"]
    },
    metrics: {
      description: "Metrics by name (scikit-learn's definitions).",
      type: "object",
      additionalProperties: {
        $ref: "#/$defs/estimate"
      }
    },
    confusionMatrix: {
      description: "Counts [true][predicted].",
      type: "object",
      additionalProperties: false,
      properties: {
        labels: {
          description: "Class labels.",
          type: "array",
          items: {
            description: "A class.",
            type: "string"
          }
        },
        matrix: {
          description: "Rows: true class; columns: predicted.",
          type: "array",
          items: {
            description: "A row.",
            type: "array",
            items: {
              description: "A count.",
              type: "number"
            }
          }
        }
      },
      required: ["labels", "matrix"]
    },
    curves: {
      description: "Curves for the charts (binary).",
      type: "object",
      additionalProperties: false,
      properties: {
        roc: {
          description: "ROC curve, thinned to at most 101 points.",
          type: "object",
          additionalProperties: false,
          properties: {
            fpr: {
              description: "Numbers by name.",
              type: "array",
              items: {
                description: "A number.",
                type: "number"
              }
            },
            tpr: {
              description: "Numbers by name.",
              type: "array",
              items: {
                description: "A number.",
                type: "number"
              }
            }
          },
          required: ["fpr", "tpr"]
        },
        calibration: {
          description: "Calibration in 10 equal-width bins (non-empty ones).",
          type: "object",
          additionalProperties: false,
          properties: {
            meanPredicted: {
              description: "Numbers by name.",
              type: "array",
              items: {
                description: "A number.",
                type: "number"
              }
            },
            fractionPositive: {
              description: "Numbers by name.",
              type: "array",
              items: {
                description: "A number.",
                type: "number"
              }
            },
            count: {
              description: "Numbers by name.",
              type: "array",
              items: {
                description: "A number.",
                type: "number"
              }
            }
          },
          required: ["meanPredicted", "fractionPositive", "count"]
        }
      }
    },
    fairness: {
      description: "Fairness per grouping.",
      type: "array",
      items: {
        description: "Fairness of one grouping.",
        type: "object",
        additionalProperties: false,
        properties: {
          grouping: {
            description: "A sensitive column or an intersection (`sex & race`).",
            type: "string"
          },
          columns: {
            description: "Its columns.",
            type: "array",
            items: {
              description: "A column.",
              type: "string"
            }
          },
          privileged: {
            description: "The privileged group, when configured.",
            type: "string"
          },
          overall: {
            description: "Rates by name (selection_rate, tpr, fpr, fnr, precision, accuracy); null when the denominator is 0.",
            type: "object",
            additionalProperties: {
              description: "A number, or null when undefined.",
              type: ["number", "null"]
            }
          },
          groups: {
            description: "Per-group figures.",
            type: "array",
            items: {
              description: "One group's figures.",
              type: "object",
              additionalProperties: false,
              properties: {
                label: {
                  description: "The group (values joined with ' & ' for intersections; (missing) for missing values).",
                  type: "string"
                },
                count: {
                  description: "Rows in the group.",
                  type: "number",
                  minimum: 0
                },
                small: {
                  description: "Fewer rows than min_group_size: reported, left out of the disparities.",
                  type: "boolean"
                },
                rates: {
                  description: "Rates by name (selection_rate, tpr, fpr, fnr, precision, accuracy); null when the denominator is 0.",
                  type: "object",
                  additionalProperties: {
                    description: "A number, or null when undefined.",
                    type: ["number", "null"]
                  }
                },
                ci: {
                  description: "Group-stratified bootstrap intervals of the rates.",
                  type: "object",
                  additionalProperties: {
                    $ref: "#/$defs/ci"
                  }
                }
              },
              required: ["label", "count", "small", "rates"]
            }
          },
          metrics: {
            description: "Disparities by name.",
            type: "object",
            additionalProperties: {
              description: "A disparity with the groups behind it.",
              type: "object",
              additionalProperties: false,
              properties: {
                value: {
                  description: "A number, or null when undefined.",
                  type: ["number", "null"]
                },
                ci: {
                  $ref: "#/$defs/ci",
                  description: "Percentile bootstrap confidence interval [low, high]."
                },
                reason: {
                  description: "Why the value is null.",
                  type: "string"
                },
                groups: {
                  description: "Groups that entered it.",
                  type: "array",
                  items: {
                    description: "A group label.",
                    type: "string"
                  }
                },
                excluded: {
                  description: "Groups left out, with the reason.",
                  type: "array",
                  items: {
                    description: "A left-out group.",
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      label: {
                        description: "The group.",
                        type: "string"
                      },
                      reason: {
                        description: "Why.",
                        type: "string"
                      }
                    },
                    required: ["label", "reason"]
                  }
                },
                worst: {
                  description: "Disparate impact and statistical parity difference: the unprivileged group the value belongs to.",
                  type: "string"
                }
              },
              required: ["value", "groups", "excluded"]
            }
          }
        },
        required: ["grouping", "columns", "overall", "groups", "metrics"]
      }
    },
    champion: {
      description: "The champion, evaluated on the same rows.",
      type: "object",
      additionalProperties: false,
      properties: {
        source: {
          description: "model file, release <version> or production.",
          type: "string"
        },
        path: {
          description: "Its model file.",
          type: "string"
        },
        sha256: {
          description: "sha256 of its bytes.",
          type: "string",
          pattern: "^[0-9a-f]{64}$"
        },
        metrics: {
          description: "Its metrics.",
          type: "object",
          additionalProperties: {
            description: "A number, or null when undefined.",
            type: ["number", "null"]
          }
        },
        comparisons: {
          description: "Paired comparisons.",
          type: "array",
          items: {
            description: "One metric of challenger and champion on the same rows.",
            type: "object",
            additionalProperties: false,
            properties: {
              metric: {
                description: "The metric.",
                type: "string"
              },
              challenger: {
                description: "A number, or null when undefined.",
                type: ["number", "null"]
              },
              champion: {
                description: "A number, or null when undefined.",
                type: ["number", "null"]
              },
              difference: {
                description: "challenger \u2212 champion.",
                type: ["number", "null"]
              },
              ci: {
                $ref: "#/$defs/ci",
                description: "Percentile bootstrap confidence interval [low, high]."
              },
              test: {
                description: "A paired significance test.",
                type: "object",
                additionalProperties: false,
                properties: {
                  name: {
                    description: "mcnemar (accuracy) or delong (ROC AUC).",
                    enum: ["mcnemar", "delong"]
                  },
                  statistic: {
                    description: "\u03C7\xB2 (McNemar) or z (DeLong).",
                    type: "number"
                  },
                  pValue: {
                    description: "Two-sided p-value.",
                    type: "number",
                    minimum: 0,
                    maximum: 1
                  },
                  method: {
                    description: "exact or chi2_continuity (McNemar).",
                    type: "string"
                  }
                },
                required: ["name", "pValue"]
              }
            },
            required: ["metric", "challenger", "champion", "difference"]
          }
        }
      },
      required: ["source", "path", "sha256", "metrics", "comparisons"]
    },
    explanations: {
      description: "Permutation importance of the model's input columns (docs/gates.md#explanations-permutation-importance): the drop in the metric when a column's values are shuffled across a seeded sample of the test rows, averaged over the repeats.",
      type: "object",
      additionalProperties: false,
      required: ["method", "metric", "baseline", "rows", "population", "repeats", "resamples", "confidence", "seed", "features"],
      properties: {
        method: {
          description: "permutation_importance (scikit-learn's sklearn.inspection.permutation_importance).",
          const: "permutation_importance"
        },
        metric: {
          description: "The metric whose drop is the importance (a rise, for a metric where lower is better).",
          type: "string"
        },
        baseline: {
          description: "The metric on the unpermuted sample; null when undefined there.",
          type: ["number", "null"]
        },
        rows: {
          description: "Rows of the seeded reservoir sample.",
          type: "integer",
          minimum: 0
        },
        population: {
          description: "Labelled test rows the sample was drawn from.",
          type: "integer",
          minimum: 0
        },
        repeats: {
          description: "Permutations per column.",
          type: "integer",
          minimum: 1
        },
        resamples: {
          description: "Bootstrap replicates of each interval (0: none).",
          type: "integer",
          minimum: 0
        },
        confidence: {
          description: "Confidence level of the intervals.",
          type: "number",
          exclusiveMinimum: 0,
          exclusiveMaximum: 1
        },
        seed: {
          description: "Seed of the sample, the permutations and the bootstrap (the policy's bootstrap.seed).",
          type: "integer"
        },
        features: {
          description: "One entry per input column, largest importance first.",
          type: "array",
          items: {
            description: "One column's importance.",
            type: "object",
            additionalProperties: false,
            required: ["feature", "importance", "std"],
            properties: {
              feature: {
                description: "The column name.",
                type: "string"
              },
              importance: {
                description: "Mean drop of the metric over the repeats; null where the metric is undefined on the sample.",
                type: ["number", "null"]
              },
              std: {
                description: "Population standard deviation of the drops over the repeats (as scikit-learn's importances_std).",
                type: ["number", "null"]
              },
              ci: {
                $ref: "#/$defs/ci",
                description: "Two-level percentile bootstrap interval of the mean drop (rows and repeats resampled)."
              },
              sensitive: {
                description: "A sensitive column.",
                const: true
              },
              proxy: {
                description: "A column listed in explain.proxies.",
                const: true
              }
            }
          }
        }
      }
    },
    operational: {
      description: "Latency, throughput, size and memory (docs/gates.md#operational-gates), measured in onnxruntime on the runner; read them with the environment they were measured in.",
      type: "object",
      additionalProperties: false,
      required: ["environment", "method", "challenger", "notes"],
      properties: {
        environment: {
          description: "Where the figures were measured.",
          type: "object",
          additionalProperties: false,
          required: ["cpu", "logicalCpus", "threads", "onnxruntime", "platform"],
          properties: {
            cpu: {
              description: "The CPU model as the OS names it.",
              type: "string"
            },
            logicalCpus: {
              description: "Logical CPUs available to the process.",
              type: "integer",
              minimum: 1
            },
            threads: {
              description: `onnxruntime's intra-op threads: the number set (evaluate.threads), or "default".`,
              oneOf: [
                {
                  description: "The number set.",
                  type: "integer",
                  minimum: 1
                },
                {
                  description: "onnxruntime decides.",
                  const: "default"
                }
              ]
            },
            onnxruntime: {
              description: "onnxruntime-node's version.",
              type: "string"
            },
            platform: {
              description: "OS and architecture, e.g. linux-x64.",
              type: "string"
            }
          }
        },
        method: {
          description: "How the figures were measured.",
          type: "object",
          additionalProperties: false,
          required: ["rounds", "callsPerRound", "warmup", "sampleRows", "resamples", "confidence", "seed", "interleaved"],
          properties: {
            rounds: {
              description: "Rounds of timed calls.",
              type: "integer",
              minimum: 1
            },
            callsPerRound: {
              description: "Timed calls per model, batch size and round.",
              type: "integer",
              minimum: 1
            },
            warmup: {
              description: "Untimed calls per model and batch size before the first round.",
              type: "integer",
              minimum: 0
            },
            sampleRows: {
              description: "Rows of the test data the calls are drawn from.",
              type: "integer",
              minimum: 1
            },
            resamples: {
              description: "Bootstrap replicates over the rounds (0: one round, no intervals).",
              type: "integer",
              minimum: 0
            },
            confidence: {
              description: "Confidence of the intervals.",
              type: "number",
              exclusiveMinimum: 0,
              exclusiveMaximum: 1
            },
            seed: {
              description: "Seed of the bootstrap.",
              type: "integer"
            },
            interleaved: {
              description: "Whether a champion was timed in the same rounds, in alternating order.",
              type: "boolean"
            }
          }
        },
        challenger: {
          $ref: "#/$defs/operationalFigures",
          description: "The model evaluated."
        },
        champion: {
          $ref: "#/$defs/operationalFigures",
          description: "The champion, measured in the same rounds."
        },
        ratios: {
          description: "Challenger \xF7 champion per batch size, with intervals from a paired bootstrap over the rounds.",
          type: "array",
          items: {
            description: "One batch size.",
            type: "object",
            additionalProperties: false,
            required: ["batch", "p50", "p95", "p99", "throughput"],
            properties: {
              batch: {
                description: "Rows per call.",
                type: "integer",
                minimum: 1
              },
              p50: {
                $ref: "#/$defs/figure",
                description: "Ratio of the median latencies (above 1: the challenger is slower)."
              },
              p95: {
                $ref: "#/$defs/figure",
                description: "Ratio of the 95th percentiles."
              },
              p99: {
                $ref: "#/$defs/figure",
                description: "Ratio of the 99th percentiles."
              },
              throughput: {
                $ref: "#/$defs/figure",
                description: "Ratio of the throughputs (below 1: the challenger is slower)."
              }
            }
          }
        },
        notes: {
          description: "What people should know to read the figures (a fixed batch dimension, a shortened measurement).",
          type: "array",
          items: {
            description: "One note.",
            type: "string"
          }
        }
      }
    },
    gates: {
      description: "Every gate, in policy order.",
      type: "array",
      items: {
        description: "One gate's result.",
        type: "object",
        additionalProperties: false,
        properties: {
          id: {
            description: "Stable id: quality:<metric>\u2026, fairness:<metric>:<grouping>, champion:<metric>, explain:sensitive_importance.",
            type: "string"
          },
          kind: {
            description: "Which part of the policy it comes from.",
            enum: ["quality", "fairness", "champion", "explain", "operational"]
          },
          name: {
            description: "The gate as people read it.",
            type: "string"
          },
          metric: {
            description: "The metric or disparity.",
            type: "string"
          },
          grouping: {
            description: "The sensitive column or intersection (fairness).",
            type: "string"
          },
          threshold: {
            $ref: "#/$defs/threshold",
            description: "The threshold: min and/or max."
          },
          on: {
            description: "point or ci (threshold gates); not_worse, non_inferior or point (champion rules).",
            enum: ["point", "ci", "not_worse", "non_inferior"]
          },
          observed: {
            description: "The value compared with the threshold (point estimate or CI bound); null when it could not be computed.",
            type: ["number", "null"]
          },
          value: {
            description: "The point estimate (champion rules: challenger \u2212 champion).",
            type: ["number", "null"]
          },
          ci: {
            $ref: "#/$defs/ci",
            description: "Percentile bootstrap confidence interval [low, high]."
          },
          n: {
            description: "Rows behind the value.",
            type: "number",
            minimum: 0
          },
          severity: {
            description: "fail or warn.",
            enum: ["fail", "warn"]
          },
          status: {
            $ref: "#/$defs/status",
            description: "pass, warn, fail, or insufficient_data (the value could not be computed: never a pass, never silently a fail)."
          },
          reason: {
            description: "Why the gate has its status, in words.",
            type: "string"
          },
          championDelta: {
            description: "Challenger \u2212 champion for the gate's metric.",
            type: "number"
          }
        },
        required: ["id", "kind", "name", "metric", "threshold", "on", "observed", "value", "n", "severity", "status", "reason"]
      }
    },
    notes: {
      description: "What was not checked and why (e.g. a numeric sensitive column without bins, champion rules without a champion).",
      type: "array",
      items: {
        description: "A note.",
        type: "string"
      }
    }
  }
};

export {
  gate_report_schema_default
};
