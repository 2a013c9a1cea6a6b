/**
 * Loads a data contract: modelship's YAML format (schemas/data-contract.schema.json) or a
 * Frictionless Table Schema, into one `DataContract`. Schema errors name the line and JSON pointer;
 * the checks a schema cannot express (duplicate names, min > max, a regex that does not compile,
 * enum values of the wrong type, two targets) do too.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import schema from "../../../schemas/data-contract.schema.json" with { type: "json" };
import { errnoCode, UserError } from "../../common/errors.ts";
import { assertValid } from "../../common/schema-validation.ts";
import { parseYamlSource, type YamlSource } from "../../common/yaml-source.ts";
import { coerceValue } from "./coerce.ts";
import { fromDocument, type ContractDocument } from "./contract-document.ts";
import type { ColumnContract, DataContract } from "./contract-types.ts";
import { fieldPointer, fromFrictionless, isFrictionless } from "./frictionless.ts";
import type { ReadOptions } from "../readers/table.ts";

// Other modules import the document types and fromDocument from here; they live in contract-document.ts.
export { fromDocument, type ColumnDocument, type ContractDocument } from "./contract-document.ts";

const ORDERED = ["integer", "number", "date", "datetime"] as const;

/** A bound as a comparable number (dates become epoch ms); undefined when it does not parse. */
function boundValue(column: ColumnContract, bound: number | string): number | undefined {
  const type = (ORDERED as readonly string[]).includes(column.type) ? column.type : "number";
  const coerced = coerceValue(bound, type);
  return coerced.ok && typeof coerced.value === "number" ? coerced.value : undefined;
}

/** The checks a JSON Schema cannot express. */
function checkSemantics(
  contract: DataContract,
  where: (pointer: string) => { file: string; line?: number; column?: number; pointer: string },
): void {
  const seen = new Map<string, number>();
  let target: string | undefined;
  for (const [index, column] of contract.columns.entries()) {
    const at = (key?: string) => where(key === undefined ? column.pointer : `${column.pointer}/${key}`);
    const earlier = seen.get(column.name);
    if (earlier !== undefined)
      throw new UserError(`column "${column.name}" is declared twice (also at ${where(contract.columns[earlier]!.pointer).pointer})`, {
        ...at("name"),
        hint: "merge the two declarations into one",
      });
    seen.set(column.name, index);
    if (column.roles.includes("target")) {
      if (target !== undefined)
        throw new UserError(`two target columns: "${target}" and "${column.name}"`, {
          ...at("role"),
          hint: "a contract has at most one target; use role prediction or feature for the other",
        });
      target = column.name;
    }
    if (column.pattern !== undefined) {
      try {
        new RegExp(column.pattern, "u");
      } catch (error) {
        throw new UserError(
          `pattern of column "${column.name}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
          {
            ...at("pattern"),
            hint: "fix the regex (JavaScript syntax, Unicode mode); in YAML, single-quote it so backslashes stay as written",
          },
        );
      }
    }
    const ordered = (ORDERED as readonly string[]).includes(column.type);
    for (const key of ["min", "max", "exclusiveMin", "exclusiveMax"] as const) {
      const bound = column[key];
      if (bound === undefined) continue;
      const yamlKey = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      if (!ordered)
        throw new UserError(`${yamlKey} does not apply to a ${column.type} column ("${column.name}")`, {
          ...at(yamlKey),
          hint: "use min_length/max_length for text, enum for categories, or change the type",
        });
      if (boundValue(column, bound) === undefined)
        throw new UserError(`${yamlKey} ${JSON.stringify(bound)} is not a valid ${column.type}`, {
          ...at(yamlKey),
          hint: column.type === "date" ? "write dates as YYYY-MM-DD" : `write a ${column.type}`,
        });
    }
    const low = column.min ?? column.exclusiveMin;
    const high = column.max ?? column.exclusiveMax;
    if (low !== undefined && high !== undefined && ordered) {
      const lowValue = boundValue(column, low)!;
      const highValue = boundValue(column, high)!;
      if (lowValue > highValue)
        throw new UserError(`column "${column.name}": the lower bound ${String(low)} is above the upper bound ${String(high)}`, {
          ...at(column.min === undefined ? "exclusive_min" : "min"),
          hint: "swap them, or fix the typo",
        });
    }
    if (column.minLength !== undefined && column.maxLength !== undefined && column.minLength > column.maxLength) {
      throw new UserError(`column "${column.name}": min_length ${column.minLength} is above max_length ${column.maxLength}`, {
        ...at("min_length"),
        hint: "swap them",
      });
    }
    if (column.enum !== undefined && column.type !== "string" && column.type !== "categorical") {
      for (const [position, value] of column.enum.entries()) {
        const coerced = coerceValue(typeof value === "boolean" ? String(value) : value, column.type, column);
        if (!coerced.ok)
          throw new UserError(`enum value ${JSON.stringify(value)} of column "${column.name}" ${coerced.reason}`, {
            ...at(`enum/${position}`),
            hint: `list ${column.type} values only, or change the column's type`,
          });
      }
    }
  }
}

/** The reader options a contract's dialect implies; every stage reads data files this way. */
export function readOptionsFor(contract: DataContract): ReadOptions {
  const { dialect } = contract;
  return { delimiter: dialect.delimiter, quote: dialect.quote, trim: dialect.trim, nullMarkers: dialect.nullMarkers };
}

/** Parses contract text (YAML, JSON, or a Frictionless Table Schema); `file` names it in errors. */
export function parseContract(text: string, file: string): DataContract {
  const sha256 = createHash("sha256").update(text).digest("hex");
  const source: YamlSource = parseYamlSource(text, file);
  const where = (pointer: string) => ({ file, pointer, ...source.locate(pointer) });
  if (isFrictionless(source.data)) {
    const contract = fromFrictionless(source.data, { file, sha256, where });
    checkSemantics(contract, (pointer) => where(fieldPointer(pointer)));
    return contract;
  }
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    throw new UserError("a data contract must be a mapping with a `columns` list", {
      file,
      line: 1,
      hint: "see examples/model-repo/data/contract.yaml, or give a Frictionless Table Schema (with `fields`)",
    });
  }
  const document = assertValid<ContractDocument>(schema, source.data, { file, what: "data contract", source });
  const contract = fromDocument(document, file, sha256);
  checkSemantics(contract, where);
  return contract;
}

/** Reads and checks a contract file. */
export async function loadContract(path: string): Promise<DataContract> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(
      code === "ENOENT"
        ? "data contract not found"
        : code === "EISDIR"
          ? "data contract is a directory, not a file"
          : `cannot read the data contract (${code ?? "unknown error"})`,
      {
        file: path,
        hint: "check the `contract` input, --contract, or data.contract in modelship.yaml (paths there are relative to modelship.yaml)",
      },
    );
  }
  return parseContract(text, path);
}
