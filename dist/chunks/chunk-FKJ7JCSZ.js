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
    gates: {
      description: "Every gate, in policy order.",
      type: "array",
      items: {
        description: "One gate's result.",
        type: "object",
        additionalProperties: false,
        properties: {
          id: {
            description: "Stable id: quality:<metric>\u2026, fairness:<metric>:<grouping>, champion:<metric>.",
            type: "string"
          },
          kind: {
            description: "Which part of the policy it comes from.",
            enum: ["quality", "fairness", "champion"]
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

// src/evaluate/onnx-graph.ts
var WIRE_VARINT = 0;
var WIRE_FIXED64 = 1;
var WIRE_LENGTH = 2;
var WIRE_FIXED32 = 5;
var utf8 = new TextDecoder("utf-8", { fatal: false });
var Reader = class _Reader {
  bytes;
  view;
  pos;
  end;
  constructor(bytes, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }
  done() {
    return this.pos >= this.end;
  }
  /** A varint as an unsigned 64-bit bigint. */
  varint() {
    let result = 0n;
    let shift = 0n;
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const byte = this.bytes[this.pos++];
      result |= BigInt(byte & 127) << shift;
      if ((byte & 128) === 0) return result;
      shift += 7n;
    }
    throw new Error("varint longer than 10 bytes");
  }
  /** A length or tag: a varint that must fit a safe integer. */
  smallVarint() {
    const value = this.varint();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("length out of range");
    return Number(value);
  }
  /** The next field's number and wire type, or undefined at the end of the message. */
  tag() {
    if (this.done()) return void 0;
    const tag = this.smallVarint();
    return { field: Math.floor(tag / 8), wire: tag & 7 };
  }
  /** The [start, end) of a length-delimited value. */
  span() {
    const length = this.smallVarint();
    const start = this.pos;
    if (start + length > this.end) throw new Error("length-delimited field runs past its message");
    this.pos = start + length;
    return [start, start + length];
  }
  string() {
    const [start, end] = this.span();
    return utf8.decode(this.bytes.subarray(start, end));
  }
  float32() {
    if (this.pos + 4 > this.end) throw new Error("truncated fixed32");
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }
  skip(wire) {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LENGTH) this.span();
    else if (wire === WIRE_FIXED64) this.pos += 8;
    else if (wire === WIRE_FIXED32) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error("field runs past its message");
  }
  sub() {
    const [start, end] = this.span();
    return new _Reader(this.bytes, start, end);
  }
};
function readOnnxGraph(bytes) {
  const model = new Reader(bytes);
  const graph = { nodes: [], inputs: [], outputs: [], inputInfo: [], outputInfo: [], initializers: [] };
  let found = false;
  for (let tag = model.tag(); tag; tag = model.tag()) {
    if (tag.field === 7 && tag.wire === WIRE_LENGTH) {
      readGraph(model.sub(), graph);
      found = true;
    } else model.skip(tag.wire);
  }
  if (!found) throw new Error("no graph in the model");
  return graph;
}
function readGraph(reader, graph) {
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.wire !== WIRE_LENGTH) reader.skip(tag.wire);
    else if (tag.field === 1) graph.nodes.push(readNode(reader.sub()));
    else if (tag.field === 5) graph.initializers.push(readTensorName(reader.sub()));
    else if (tag.field === 11) {
      const info = readValueInfo(reader.sub());
      graph.inputs.push(info.name);
      graph.inputInfo.push(info);
    } else if (tag.field === 12) {
      const info = readValueInfo(reader.sub());
      graph.outputs.push(info.name);
      graph.outputInfo.push(info);
    } else reader.skip(tag.wire);
  }
}
function readTensorName(reader) {
  let name = "";
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 8 && tag.wire === WIRE_LENGTH) name = reader.string();
    else reader.skip(tag.wire);
  }
  return name;
}
function readValueInfo(reader) {
  const info = { name: "", type: { kind: "unknown" } };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) info.name = reader.string();
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) info.type = readType(reader.sub());
    else reader.skip(tag.wire);
  }
  return info;
}
var OTHER_KINDS = /* @__PURE__ */ new Map([
  [4, "sequence"],
  [5, "map"],
  [7, "opaque"],
  [8, "sparse-tensor"],
  [9, "optional"]
]);
function readType(reader) {
  let type = { kind: "unknown" };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const other = OTHER_KINDS.get(tag.field);
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) type = readTensorType(reader.sub());
    else if (other !== void 0 && tag.wire === WIRE_LENGTH) {
      reader.skip(tag.wire);
      type = { kind: other };
    } else reader.skip(tag.wire);
  }
  return type;
}
function readTensorType(reader) {
  const type = { kind: "tensor", elemType: 0 };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) type.elemType = Number(BigInt.asIntN(32, reader.varint()));
    else if (tag.field === 2 && tag.wire === WIRE_LENGTH) type.shape = readShape(reader.sub());
    else reader.skip(tag.wire);
  }
  return type;
}
function readShape(reader) {
  const dims = [];
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_LENGTH) dims.push(readDimension(reader.sub()));
    else reader.skip(tag.wire);
  }
  return dims;
}
function readDimension(reader) {
  let dim;
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.field === 1 && tag.wire === WIRE_VARINT) {
      const value = BigInt.asIntN(64, reader.varint());
      dim = value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : void 0;
    } else if (tag.field === 2 && tag.wire === WIRE_LENGTH) dim = reader.string();
    else reader.skip(tag.wire);
  }
  return dim;
}
function readNode(reader) {
  const node = { name: "", opType: "", domain: "", inputs: [], outputs: [], attributes: /* @__PURE__ */ new Map() };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    if (tag.wire !== WIRE_LENGTH) reader.skip(tag.wire);
    else if (tag.field === 1) node.inputs.push(reader.string());
    else if (tag.field === 2) node.outputs.push(reader.string());
    else if (tag.field === 3) node.name = reader.string();
    else if (tag.field === 4) node.opType = reader.string();
    else if (tag.field === 7) node.domain = reader.string();
    else if (tag.field === 5) {
      const attribute = readAttribute(reader.sub());
      node.attributes.set(attribute.name, attribute);
    } else reader.skip(tag.wire);
  }
  return node;
}
function readAttribute(reader) {
  const attribute = { name: "", ints: [], floats: [], strings: [] };
  for (let tag = reader.tag(); tag; tag = reader.tag()) {
    const { field, wire } = tag;
    if (field === 1 && wire === WIRE_LENGTH) attribute.name = reader.string();
    else if (field === 2 && wire === WIRE_FIXED32) attribute.f = reader.float32();
    else if (field === 3 && wire === WIRE_VARINT) attribute.i = BigInt.asIntN(64, reader.varint());
    else if (field === 4 && wire === WIRE_LENGTH) attribute.s = reader.string();
    else if (field === 7 && wire === WIRE_FIXED32) attribute.floats.push(reader.float32());
    else if (field === 7 && wire === WIRE_LENGTH) {
      const packed = reader.sub();
      while (!packed.done()) attribute.floats.push(packed.float32());
    } else if (field === 8 && wire === WIRE_VARINT) attribute.ints.push(BigInt.asIntN(64, reader.varint()));
    else if (field === 8 && wire === WIRE_LENGTH) {
      const packed = reader.sub();
      while (!packed.done()) attribute.ints.push(BigInt.asIntN(64, packed.varint()));
    } else if (field === 9 && wire === WIRE_LENGTH) attribute.strings.push(reader.string());
    else reader.skip(wire);
  }
  return attribute;
}
var PASS_THROUGH = /* @__PURE__ */ new Set(["Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Cast"]);
function producerOp(graph, value) {
  const producers = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) for (const output of node.outputs) producers.set(output, node);
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const node = producers.get(current);
    if (node === void 0) return void 0;
    if (!PASS_THROUGH.has(node.opType) || node.inputs[0] === void 0) return node.opType;
    current = node.inputs[0];
  }
  return void 0;
}
var CLASSIFIER_OPS = /* @__PURE__ */ new Set(["LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier"]);
function isMl(node) {
  return node.domain === "ai.onnx.ml";
}
function listedLabels(node, stringsName, intsName) {
  const strings = node.attributes.get(stringsName)?.strings ?? [];
  if (strings.length > 0) return strings;
  const ints = node.attributes.get(intsName)?.ints ?? [];
  if (ints.length > 0) return ints.map(String);
  return void 0;
}
function indexLabels(node) {
  const keys = node.attributes.get("keys_int64s")?.ints ?? [];
  const values = node.attributes.get("values_strings")?.strings ?? [];
  if (keys.length === 0 || keys.length !== values.length) return void 0;
  const labels = new Array(keys.length).fill(void 0);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key < 0n || key >= BigInt(keys.length)) return void 0;
    labels[Number(key)] = values[k];
  }
  return labels.every((label) => label !== void 0) ? labels : void 0;
}
function findClassLabels(graph) {
  const outputs = new Set(graph.outputs);
  for (const node of graph.nodes) {
    if (isMl(node) && CLASSIFIER_OPS.has(node.opType)) {
      const labels = listedLabels(node, "classlabels_strings", "classlabels_ints");
      if (labels) return labels;
    }
  }
  for (const node of graph.nodes) {
    if (isMl(node) && node.opType === "ZipMap") {
      const labels = listedLabels(node, "classlabels_strings", "classlabels_int64s");
      if (labels) return labels;
    }
  }
  for (const node of graph.nodes) {
    if (isMl(node) && node.opType === "LabelEncoder" && node.outputs.some((output) => outputs.has(output))) {
      const labels = indexLabels(node);
      if (labels) return labels;
    }
  }
  return void 0;
}

export {
  gate_report_schema_default,
  readOnnxGraph,
  producerOp,
  findClassLabels
};
