/**
 * Loads a data contract: modelship's YAML format (schemas/data-contract.schema.json) or a
 * Frictionless Table Schema, into one `DataContract`. Schema errors name the line and JSON pointer;
 * the checks a schema cannot express (duplicate names, min > max, a regex that does not compile,
 * enum values of the wrong type, two targets) do too.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { regexBacktrackingProblem } from "../pii/regex-safety.ts";
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
  checkKAnonymity(contract, where);
  checkPii(contract, where);
}

/**
 * A regex compiles in Unicode mode and cannot backtrack catastrophically (pii/regex-safety.ts: it runs
 * on every distinct cell, whatever the data holds), or a UserError at `pointer` says why.
 */
function compileRegex(regex: string, what: string, located: { file: string; line?: number; column?: number; pointer: string }): void {
  try {
    new RegExp(regex, "u");
  } catch (error) {
    throw new UserError(`${what} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, {
      ...located,
      hint: "fix the regex (JavaScript syntax, Unicode mode); in YAML, single-quote it so backslashes stay as written",
    });
  }
  const problem = regexBacktrackingProblem(regex);
  if (problem !== undefined)
    throw new UserError(`${what} can backtrack catastrophically: ${problem}, so one crafted value could stall a run for minutes`, {
      ...located,
      hint: "rewrite it without repeating a repeated or alternating group, e.g. ^[\\w\\s]+$ for ^(\\w+\\s?)+$, \\d{3}-\\d{3}-\\d{4} for (\\d{3}-){2}\\d{4}, [\\w\\d]* for (\\w|\\d)* (docs/privacy.md#pii-detection)",
    });
}

/** The `pii` settings: regexes compile, `hashed` goes with `pii: hashed` on a text column, pattern names are unique. */
function checkPii(
  contract: DataContract,
  where: (pointer: string) => { file: string; line?: number; column?: number; pointer: string },
): void {
  for (const column of contract.columns) {
    const at = (key: string) => where(`${column.pointer}/${key}`);
    for (const [index, regex] of column.forbidPatterns.entries())
      compileRegex(regex, `forbid_patterns[${index}] of column "${column.name}"`, at(`forbid_patterns/${index}`));
    if (column.pii === undefined) continue;
    if (column.hashed !== undefined && column.pii !== "hashed")
      throw new UserError(`column "${column.name}" has a hashed format but pii: ${column.pii}`, {
        ...at("hashed"),
        hint: "a hash format only applies to pii: hashed; drop `hashed` or set pii: hashed",
      });
    if (column.pii === "hashed" && column.type !== "string" && column.type !== "categorical")
      throw new UserError(`column "${column.name}" is pii: hashed but of type ${column.type}; hashes are text`, {
        ...at("type"),
        hint: "declare the column as type: string",
      });
    if (column.hashed?.format === "salted" && column.hashed.length !== undefined)
      throw new UserError(`column "${column.name}": a salted hash has no fixed length`, {
        ...at("hashed/length"),
        hint: "drop hashed.length, or use format: hex or base64 for a plain digest",
      });
  }
  const seen = new Set<string>();
  for (const [index, pattern] of (contract.pii?.patterns ?? []).entries()) {
    if (seen.has(pattern.name))
      throw new UserError(`pii pattern "${pattern.name}" is declared twice`, {
        ...where(`/pii/patterns/${index}/name`),
        hint: "give each pattern its own name; reports name the pattern that fired",
      });
    seen.add(pattern.name);
    compileRegex(pattern.regex, `pii pattern "${pattern.name}"`, where(`/pii/patterns/${index}/regex`));
  }
}

/** `k_anonymity`: its quasi-identifiers are contract columns, and k is at least 2. */
function checkKAnonymity(
  contract: DataContract,
  where: (pointer: string) => { file: string; line?: number; column?: number; pointer: string },
): void {
  const check = contract.kAnonymity;
  if (check === undefined) return;
  if (check.k < 2)
    throw new UserError(`k_anonymity.k is ${check.k}: every table is 1-anonymous, so k must be at least 2`, {
      ...where("/k_anonymity/k"),
      hint: "use k: 5 or more (a common choice); drop k_anonymity to turn the check off",
    });
  const names = new Set(contract.columns.map((column) => column.name));
  for (const [index, name] of check.quasiIdentifiers.entries()) {
    if (!names.has(name))
      throw new UserError(`quasi-identifier "${name}" is not a column of the contract`, {
        ...where(`/k_anonymity/quasi_identifiers/${index}`),
        hint: `declare "${name}" under columns, or list only contract columns (names are case-sensitive)`,
      });
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
