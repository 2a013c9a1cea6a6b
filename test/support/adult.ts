/**
 * The UCI Adult data set that ships in `datasets/adult/` (CC BY 4.0, cited in its README), for tests,
 * benches and scripts: the paths of its gzipped splits, their text, and the contract the tests
 * profile it with (`?` is null, spaces after commas trimmed, integers and categories).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { ColumnType, DataContract } from "../../src/data/contract/contract-types.ts";
import { contractColumn, contractOf } from "./contracts.ts";

const DIR = join(import.meta.dirname, "../../datasets/adult");

/** The training split, 32,561 rows (gzip; every reader of ours and pandas open it directly). */
export const ADULT_TRAIN = join(DIR, "adult.data.csv.gz");
/** The test split, 16,281 rows, labels with a trailing dot. */
export const ADULT_TEST = join(DIR, "adult.test.csv.gz");

/** A split's CSV text, header first, as the original files write it. */
export function adultText(path: string = ADULT_TRAIN): string {
  return gunzipSync(readFileSync(path)).toString("utf8");
}

/** The header row and the non-blank data lines of a split. */
export function adultLines(path: string = ADULT_TRAIN): { header: string; lines: string[] } {
  const [header, ...lines] = adultText(path)
    .split("\n")
    .filter((line) => line.trim() !== "");
  return { header: header!, lines };
}

export const ADULT_NUMERIC = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
export const ADULT_CATEGORICAL = [
  "workclass",
  "education",
  "marital-status",
  "occupation",
  "relationship",
  "race",
  "sex",
  "native-country",
  "Y",
];

/** The Adult contract: `?` and "" are null, cells trimmed; `Y` is the target when `targetRole`, else a feature. */
export function adultContract(options: { targetRole?: boolean } = {}): DataContract {
  const column = (name: string, type: ColumnType) =>
    contractColumn(name, type, {
      roles: options.targetRole === true && name === "Y" ? ["target"] : ["feature"],
      trueValues: [],
      falseValues: [],
    });
  return contractOf(
    [...ADULT_NUMERIC.map((name) => column(name, "integer")), ...ADULT_CATEGORICAL.map((name) => column(name, "categorical"))],
    { file: "adult-contract.yaml", dialect: { delimiter: ",", quote: '"', trim: true, nullMarkers: ["", "?"] } },
  );
}
