/**
 * Makes the example model repo's data: a seeded sample of the UCI Adult data, kept byte-for-byte
 * as the source writes it (spaces after commas, `?` for missing, `<=50K.` labels in the test split),
 * because real data has such quirks and the example's contract shows how to declare them.
 *
 * The source is the whole data set shipped in datasets/adult/ (gzipped, CC BY 4.0, cited there).
 *
 *   node scripts/make-example-data.ts
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ADULT_TEST, ADULT_TRAIN, adultLines } from "../test/support/adult.ts";
import { mulberry32 } from "../src/common/seeded-random.ts";

const root = join(import.meta.dirname, "..");
const target = join(root, "examples/model-repo/data");

function sample(file: string, count: number, seed: number): string {
  const { header, lines: rows } = adultLines(file);
  const random = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * rows.length));
  return `${[header, ...[...picked].sort((a, b) => a - b).map((index) => rows[index])].join("\n")}\n`;
}

await mkdir(target, { recursive: true });
await writeFile(join(target, "train.csv"), sample(ADULT_TRAIN, 4000, 20261123));
await writeFile(join(target, "test.csv"), sample(ADULT_TEST, 1500, 19960501));
console.log(`wrote ${target}/train.csv (4000 rows) and test.csv (1500 rows)`);
