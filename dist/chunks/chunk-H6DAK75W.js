import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);

// schemas/train-config.schema.json
var train_config_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/train-config.schema.json",
  title: "modelship built-in trainer config",
  description: "train.yaml: what the built-in trainer learns from and how. It exports model.onnx with the preprocessing inside the graph, so the model takes raw columns.",
  type: "object",
  additionalProperties: false,
  required: ["data", "target", "features"],
  properties: {
    version: {
      description: "Format version of this file (docs/compatibility.md). Only 1 exists; a train config without it is read as version 1.",
      const: 1
    },
    $schema: {
      description: "Optional link to this schema, for editors.",
      type: "string"
    },
    data: {
      description: "The data to learn from; paths are relative to this file.",
      type: "object",
      additionalProperties: false,
      required: ["train"],
      properties: {
        train: {
          description: "Training data file (CSV, CSV.gz, JSON Lines, Parquet).",
          type: "string"
        },
        valid: {
          description: "Validation data for early stopping and val_loss; when given, validation_split is not used.",
          type: "string"
        },
        test: {
          description: "Held-out data the final metrics are computed on (never used for training or early stopping).",
          type: "string"
        },
        contract: {
          description: "Data contract: its dialect reads the files, its column types set feature kinds, its aliases map labels.",
          type: "string"
        }
      }
    },
    target: {
      description: "The label column.",
      type: "string",
      minLength: 1
    },
    task: {
      description: "binary, multiclass or regression; inferred from the target when left out.",
      enum: ["binary", "multiclass", "regression"]
    },
    features: {
      description: "Feature columns: names, or objects with a kind, top_k and impute.",
      type: "array",
      minItems: 1,
      items: {
        description: "One feature.",
        oneOf: [
          {
            type: "string",
            minLength: 1,
            description: "The column name; kind from the contract or the values."
          },
          {
            type: "object",
            description: "The column with its preprocessing.",
            additionalProperties: false,
            required: ["name"],
            properties: {
              name: {
                description: "The column name.",
                type: "string",
                minLength: 1
              },
              kind: {
                description: "numeric (impute the median, standardize) or categorical (impute the most frequent, one-hot of the top-K + other).",
                enum: ["numeric", "categorical"]
              },
              top_k: {
                description: 'Categories kept (the rest share an "other" slot); default 20.',
                type: "integer",
                minimum: 1
              },
              impute: {
                description: 'What a missing value becomes. Numeric: "median" (default), "mean" or a number; categorical: "most_frequent" (default) or a category text.',
                oneOf: [
                  {
                    description: "A statistic of the training data.",
                    enum: ["median", "mean", "most_frequent"]
                  },
                  {
                    description: "A fixed number (numeric features).",
                    type: "number"
                  },
                  {
                    description: "A fixed category (categorical features).",
                    type: "string",
                    not: {
                      enum: ["median", "mean", "most_frequent"]
                    }
                  }
                ]
              }
            }
          }
        ]
      }
    },
    model: {
      description: "The network.",
      type: "object",
      additionalProperties: false,
      properties: {
        kind: {
          description: "linear (logistic/linear regression) or mlp.",
          enum: ["linear", "mlp"]
        },
        layers: {
          description: "Hidden layer widths of an MLP; default [32, 16].",
          type: "array",
          items: {
            type: "integer",
            minimum: 1,
            description: "Units."
          }
        },
        activation: {
          description: "Hidden activation; default relu.",
          enum: ["relu", "tanh"]
        },
        dropout: {
          description: "Dropout after each hidden layer, 0 \u2264 rate < 1; default 0.",
          type: "number",
          minimum: 0,
          exclusiveMaximum: 1
        },
        backend: {
          description: "What trains: modelship-js (default; our kernel on every core, the same bytes whatever the core count, MODELSHIP_THREADS sets the threads) or tfjs (TensorFlow.js: @tensorflow/tfjs-node-gpu or tfjs-node when installed, else WASM; see docs/training.md).",
          enum: ["modelship-js", "tfjs"]
        }
      }
    },
    epochs: {
      description: "Passes over the data; default 20.",
      type: "integer",
      minimum: 1
    },
    batch_size: {
      description: "Rows per step; default 256.",
      type: "integer",
      minimum: 1
    },
    learning_rate: {
      description: "Adam's learning rate; default 0.001.",
      type: "number",
      exclusiveMinimum: 0
    },
    validation_split: {
      description: "Share of training rows held out for validation and early stopping when data.valid is not given; default 0.2.",
      type: "number",
      minimum: 0,
      exclusiveMaximum: 1
    },
    early_stopping: {
      description: "Stop when the monitored loss stops improving, keeping the best epoch's weights.",
      type: "object",
      additionalProperties: false,
      required: ["patience"],
      properties: {
        patience: {
          description: "Epochs without improvement before stopping.",
          type: "integer",
          minimum: 1
        },
        min_delta: {
          description: "Smallest decrease of the monitored loss that counts as an improvement; default 0.",
          type: "number",
          minimum: 0
        },
        monitor: {
          description: "val_loss (default; the training loss when there is no validation data) or loss.",
          enum: ["val_loss", "loss"]
        }
      }
    },
    seed: {
      description: "Random seed: the same seed and data give the same model bytes; default 42.",
      type: "integer"
    }
  }
};

export {
  train_config_schema_default
};
