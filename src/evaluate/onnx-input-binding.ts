/**
 * Binds the model's inputs to data columns when the model is loaded: one [N, F] tensor fed from
 * `features`, or one input per column named like the column. Reads the input signature once and
 * rejects what modelship cannot feed (non-tensors, other element types, rank > 2, a features list
 * that does not fit), and checks that the data has the columns the bindings need.
 */
import { UserError } from "../common/errors.ts";
import { EXPORT_HINT, shapeText, type Meta } from "./onnx-metadata.ts";

export type ElemType = "float32" | "float64" | "int64" | "int32" | "string" | "bool";

export interface InputBinding {
  name: string;
  /** "tensor": one [N, F] input fed from several columns; "column": the input is one column. */
  kind: "tensor" | "column";
  columns: string[];
  elemType: ElemType;
  shape: "N" | "N,1" | "N,F";
}

const ELEM_TYPES: readonly string[] = ["float32", "float64", "int64", "int32", "string", "bool"];

/** The part of a loaded model that says which columns the data must have, and why (its inputs). */
export interface ColumnBindings {
  path: string;
  inputs: InputBinding[];
  requiredColumns: string[];
}

/** Throws a UserError when `header` lacks a column the model needs, listing what is missing and the model's inputs. */
export function checkColumns(model: ColumnBindings, header: string[], file: string): void {
  const present = new Set(header);
  const missing = model.requiredColumns.filter((column) => !present.has(column));
  if (missing.length > 0) throw missingColumnsError(model, missing, file);
}

/** The UserError for columns the data lacks: what is missing, the model's inputs, and how to fix it. */
export function missingColumnsError(model: Pick<ColumnBindings, "inputs" | "path">, missing: string[], file: string): UserError {
  const inputs = model.inputs.map((input) =>
    input.kind === "tensor"
      ? `${input.name} [N, ${input.columns.length}] from ${input.columns.join(", ")}`
      : `${input.name} (${input.elemType})`,
  );
  const tensorInput = model.inputs.some((input) => input.kind === "tensor");
  return new UserError(
    `the data has no column${missing.length === 1 ? "" : "s"} ${missing.map((c) => `"${c}"`).join(", ")}, which the model ${model.path} needs (its inputs: ${inputs.join("; ")})`,
    {
      file,
      hint: tensorInput
        ? "add the columns to the data, or set evaluate.features (--feature, the features input) to columns the data has"
        : "add the columns to the data: the model takes one input per column, named like the column",
    },
  );
}

/** Binds the model's inputs to columns, or throws a UserError saying why the model cannot be fed from a table. */
export function bindInputs(inputs: readonly Meta[], features: string[] | undefined, path: string): InputBinding[] {
  if (inputs.length === 0) throw new UserError("the model has no inputs", { file: path, hint: EXPORT_HINT });
  for (const input of inputs) {
    if (!input.isTensor)
      throw new UserError(`input "${input.name}" is not a tensor (a sequence or map); modelship feeds tabular columns as tensors`, {
        file: path,
        hint: EXPORT_HINT,
      });
    if (!ELEM_TYPES.includes(input.type ?? "")) {
      throw new UserError(
        `input "${input.name}" has element type ${input.type ?? "unknown"}; modelship feeds float32, float64, int64, int32, string or bool`,
        { file: path, hint: "cast the input in the exported graph to float32 (or int64/string)" },
      );
    }
    const rank = input.shape?.length ?? 0;
    if (rank > 2)
      throw new UserError(
        `input "${input.name}" has shape ${shapeText(input)}; modelship evaluates tabular models whose inputs are [N, F], [N, 1] or [N]`,
        { file: path, hint: "export a model that takes a [N, F] feature matrix or one [N, 1] input per column" },
      );
  }

  const only = inputs.length === 1 ? inputs[0]! : undefined;
  const lastDim = only?.shape && only.shape.length === 2 ? only.shape[1] : undefined;
  const wide = lastDim !== undefined && (typeof lastDim === "string" || lastDim < 0 || lastDim > 1);
  if (only && (wide || (features !== undefined && features.length > 0))) {
    const width = typeof lastDim === "number" && lastDim > 0 ? lastDim : only.shape?.length === 1 ? 1 : undefined;
    if (features === undefined || features.length === 0) {
      throw new UserError(
        `the model takes one input "${only.name}" of shape ${shapeText(only)} (${width ?? "a variable number of"} features per row), and no feature columns are set to fill it`,
        {
          file: path,
          hint: `set evaluate.features (--feature, the features input) to the ${width ?? ""} column names, in the order the model was trained on`.replace(
            "  ",
            " ",
          ),
        },
      );
    }
    if (width !== undefined && width !== features.length) {
      throw new UserError(
        `the model's input "${only.name}" takes ${width} features per row (shape ${shapeText(only)}), but ${features.length} feature column${features.length === 1 ? " is" : "s are"} set (${features.join(", ")})`,
        {
          file: path,
          hint: `set evaluate.features (--feature, the features input) to exactly ${width} column names, in the order the model was trained on`,
        },
      );
    }
    const duplicate = features.find((feature, index) => features.indexOf(feature) !== index);
    if (duplicate !== undefined)
      throw new UserError(`feature column "${duplicate}" is listed twice`, {
        file: path,
        hint: "list each feature column once in evaluate.features (--feature, the features input)",
      });
    const shape = only.shape?.length === 1 ? "N" : features.length === 1 ? "N,1" : "N,F";
    return [{ name: only.name, kind: "tensor", columns: [...features], elemType: only.type as ElemType, shape }];
  }

  // One input per column: the input's name is the column's (features, if set, name the same columns).
  return inputs.map((input) => {
    const shape = input.shape ?? [];
    if (shape.length === 2) {
      const last = shape[1];
      if (typeof last === "number" && last > 1) {
        throw new UserError(
          `input "${input.name}" takes ${last} values per row (shape ${shapeText(input)}); with several inputs, modelship feeds one column per input ([N] or [N, 1])`,
          {
            file: path,
            hint: "export the model with one [N, 1] input per column, or with a single [N, F] input fed from evaluate.features",
          },
        );
      }
    }
    return {
      name: input.name,
      kind: "column",
      columns: [input.name],
      elemType: input.type as ElemType,
      shape: shape.length === 1 ? "N" : "N,1",
    };
  });
}
