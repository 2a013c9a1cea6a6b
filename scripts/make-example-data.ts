/**
 * Makes the example model repo's data: a seeded sample of the UCI Adult data, kept byte-for-byte
 * as the source writes it (spaces after commas, `?` for missing, `<=50K.` labels in the test split),
 * because real data has such quirks and the example's contract shows how to declare them.
 *
 *   node scripts/make-example-data.ts [../shared/datasets/adult]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const source = process.argv[2] ?? join(root, "../shared/datasets/adult");
const target = join(root, "examples/model-repo/data");

/** A small seeded PRNG (mulberry32), so the sample is the same on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sample(file: string, count: number, seed: number): Promise<string> {
  const [header, ...rows] = (await readFile(join(source, file), "utf8")).split("\n").filter((line) => line.trim() !== "");
  const random = mulberry32(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * rows.length));
  return `${[header, ...[...picked].sort((a, b) => a - b).map((index) => rows[index])].join("\n")}\n`;
}

await mkdir(target, { recursive: true });
await writeFile(join(target, "train.csv"), await sample("adult.data.csv", 4000, 20261123));
await writeFile(join(target, "test.csv"), await sample("adult.test.csv", 1500, 19960501));
console.log(`wrote ${target}/train.csv (4000 rows) and test.csv (1500 rows)`);
