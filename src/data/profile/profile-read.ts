/** Reads a reference profile from disk: JSON, schema-checked, and internally consistent. */
import { readFile } from "node:fs/promises";
import { errnoCode, getErrorMessage, jsonErrorPosition, UserError } from "../../common/errors.ts";
import { assertValid } from "../../common/schema-validation.ts";
import { parseYamlSource, toPointer } from "../../common/yaml-source.ts";
import { Histogram } from "./profile-histogram.ts";
import { exactCapOf, type ExactValues, type NumericColumnProfile, type ReferenceProfile } from "./profile-types.ts";
import { KllSketch } from "../sketch/kll.ts";
import schema from "../../../schemas/reference-profile.schema.json" with { type: "json" };

const WHAT = "reference profile";
const HINT_REMAKE = "the file is damaged or was edited by hand: make it again with `modelship profile`";

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT")
      throw new UserError(`${WHAT} not found`, {
        file: path,
        hint: "check the path, or make one with `modelship profile DATA --contract FILE`",
      });
    if (code === "EISDIR") throw new UserError(`${WHAT} is a directory, not a file`, { file: path });
    throw new UserError(`cannot read ${WHAT}: ${code ?? getErrorMessage(error)}`, { file: path, cause: error });
  }
}

// Agreement: names two columns of the profile, agree ≤ rows ≤ either column's valid values.
function assertAgreementConsistent(profile: ReferenceProfile, file: string): void {
  const agreement = profile.agreement;
  if (agreement === undefined) return;
  const fail = (problem: string, token: string): never => {
    throw new UserError(`${WHAT} is inconsistent: agreement: ${problem}`, {
      file,
      pointer: toPointer(["agreement", token]),
      hint: HINT_REMAKE,
    });
  };
  for (const side of ["target", "prediction"] as const) {
    const column = profile.columns[agreement[side]];
    if (column === undefined) fail(`${side} "${agreement[side]}" is not a column of the profile`, side);
    else if (agreement.rows > column.valid)
      fail(
        `${agreement.rows} rows with both values valid, more than the ${column.valid} valid values of ${side} "${agreement[side]}"`,
        "rows",
      );
  }
  if (agreement.agree > agreement.rows) fail(`agree (${agreement.agree}) exceeds rows (${agreement.rows})`, "agree");
}

// Checks what the schema cannot say: sketch weights add up to n, bins match edges, counts add up.
function assertConsistent(profile: ReferenceProfile, file: string): void {
  assertAgreementConsistent(profile, file);
  for (const [name, column] of Object.entries(profile.columns)) {
    const fail = (problem: string, tokens: string[]): never => {
      throw new UserError(`${WHAT} is inconsistent: column "${name}": ${problem}`, {
        file,
        pointer: toPointer(["columns", name, ...tokens]),
        hint: HINT_REMAKE,
      });
    };
    if (column.valid !== column.count - column.nulls - column.invalid) fail("valid is not count − nulls − invalid", ["valid"]);
    if (column.kind !== "numeric") {
      const counted = column.counts.reduce((sum, entry) => sum + entry.count, 0) + column.other_count;
      if (counted !== column.valid) fail(`category counts add up to ${counted}, not to the ${column.valid} valid values`, ["counts"]);
      continue;
    }
    try {
      KllSketch.fromJSON(column.sketch);
    } catch (error) {
      fail(getErrorMessage(error), ["sketch"]);
    }
    // A redacted numeric column keeps counts only (redact-reports.ts `withoutValues`): an empty sketch.
    const stripped = profile.redacted?.[name] !== undefined && column.sketch.n === 0;
    if (column.sketch.n !== column.valid && !stripped)
      fail(`the sketch holds ${column.sketch.n} values, not the ${column.valid} valid ones`, ["sketch", "n"]);
    if (column.values !== undefined && column.values !== null)
      assertValuesConsistent(column.values, column, exactCapOf(profile.settings), fail);
    if (column.histogram === null) continue;
    try {
      Histogram.fromJSON(column.histogram);
    } catch (error) {
      fail(getErrorMessage(error), ["histogram"]);
    }
  }
}

// Exact value counts: as many counts as values, strictly ascending, within the cap (0 without
// one), adding up to the valid values, from min to max.
function assertValuesConsistent(
  values: ExactValues,
  column: NumericColumnProfile,
  cap: number,
  fail: (problem: string, tokens: string[]) => never,
): void {
  const { value, count } = values;
  if (count.length !== value.length) fail(`values has ${value.length} values but ${count.length} counts`, ["values", "count"]);
  if (value.length > cap) fail(`values holds ${value.length} distinct values, more than the profile's exact_cap of ${cap}`, ["values"]);
  for (let i = 1; i < value.length; i++)
    if (!(value[i - 1]! < value[i]!)) fail("values are not strictly ascending", ["values", "value", String(i)]);
  const counted = count.reduce((sum, n) => sum + n, 0);
  if (counted !== column.valid) fail(`value counts add up to ${counted}, not to the ${column.valid} valid values`, ["values", "count"]);
  if (value.length > 0 && (value[0] !== column.min || value.at(-1) !== column.max))
    fail("values do not run from min to max", ["values", "value"]);
}

/** Reads a profile written by `modelship profile`; a missing, malformed or inconsistent file is a UserError. */
export async function readProfile(path: string): Promise<ReferenceProfile> {
  const text = await readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${WHAT} is not valid JSON: ${getErrorMessage(error)}`, {
      file: path,
      ...jsonErrorPosition(error),
      hint: HINT_REMAKE,
    });
  }
  let profile: ReferenceProfile;
  try {
    profile = assertValid<ReferenceProfile>(schema, data, { file: path, what: WHAT });
  } catch (error) {
    // Only on failure: parse again keeping positions, so the message names lines (JSON is YAML).
    if (!(error instanceof UserError)) throw error;
    let source: ReturnType<typeof parseYamlSource>;
    try {
      source = parseYamlSource(text, path);
    } catch {
      throw error;
    }
    assertValid<ReferenceProfile>(schema, data, { file: path, what: WHAT, source });
    throw error;
  }
  assertConsistent(profile, path);
  return profile;
}
