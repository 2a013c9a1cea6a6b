/**
 * The last step of `npm run bench`: every bench's headline figures (bench/.data/results/*.json, written
 * by bench/results.ts) in one table — ours, the peer's, the ratio, the goal and whether this run met
 * it — with the machine they were taken on. `--write-docs` puts the same text into docs/performance.md
 * between its `<!-- bench:begin -->` and `<!-- bench:end -->` markers, so the page's figures always come
 * from one run; the prose around the markers says how each figure is taken, never what it is.
 *
 *   node bench/summary.ts [--results DIR] [--write-docs [--docs FILE]]
 */
import { cpus, availableParallelism, totalmem } from "node:os";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../src/common/atomic-write.ts";
import { RESULTS_DIR, type BenchFigure } from "./results.ts";

/** The benches `npm run bench` runs, in the order the issue lists their goals; others follow by name. */
export const EXPECTED = ["train", "drift", "validate", "evaluate", "startup"] as const;
const SCRIPT = {
  train: "bench:train",
  drift: "bench:drift",
  validate: "bench:validate",
  evaluate: "bench:evaluate",
  startup: "bench:startup",
};

export const BEGIN = "<!-- bench:begin -->";
export const END = "<!-- bench:end -->";
export const DOCS = join(import.meta.dirname, "../docs/performance.md");

export interface BenchResult {
  name: string;
  /** When the bench wrote it (ISO 8601). */
  date: string;
  figures: BenchFigure[];
  notes: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
}

/** This machine, as the table's header line names it. */
export function thisMachine(): Machine {
  const model = cpus()[0]?.model.replace(/\s+/g, " ").trim();
  return {
    cpu: model === undefined || model === "" ? "unknown CPU" : model,
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

/** A problem with one results file: it is reported, and the others still make the table. */
export interface ResultProblem {
  file: string;
  problem: string;
}

function isFigure(value: unknown): value is BenchFigure {
  if (typeof value !== "object" || value === null) return false;
  const figure = value as Record<string, unknown>;
  const optionalNumber = (key: string) => figure[key] === undefined || (typeof figure[key] === "number" && Number.isFinite(figure[key]));
  return (
    typeof figure.workload === "string" &&
    typeof figure.unit === "string" &&
    typeof figure.ours === "number" &&
    Number.isFinite(figure.ours) &&
    optionalNumber("peer") &&
    optionalNumber("ratio") &&
    (figure.peerName === undefined || typeof figure.peerName === "string") &&
    (figure.goal === undefined || typeof figure.goal === "string") &&
    (figure.met === undefined || typeof figure.met === "boolean")
  );
}

/** Reads every NAME.json in `dir`: the expected benches first, in their order, then any others by name. */
export async function readResults(dir: string = RESULTS_DIR): Promise<{ results: BenchResult[]; problems: ResultProblem[] }> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => file.endsWith(".json"));
  } catch {
    files = [];
  }
  const rank = (name: string) => {
    const index = (EXPECTED as readonly string[]).indexOf(name);
    return index === -1 ? EXPECTED.length : index;
  };
  files.sort((a, b) => rank(a.slice(0, -5)) - rank(b.slice(0, -5)) || (a < b ? -1 : a > b ? 1 : 0));
  const results: BenchResult[] = [];
  const problems: ResultProblem[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(join(dir, file), "utf8"));
    } catch (error) {
      problems.push({ file, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    const result = data as Partial<BenchResult>;
    if (typeof result.date !== "string" || !Array.isArray(result.figures) || !result.figures.every(isFigure)) {
      problems.push({ file, problem: "not a bench/results.ts file (name, date, figures with workload, unit and ours)" });
      continue;
    }
    results.push({
      name: file.slice(0, -5),
      date: result.date,
      figures: result.figures,
      notes: Array.isArray(result.notes) ? result.notes.filter((note): note is string => typeof note === "string") : [],
    });
  }
  return { results, problems };
}

/** A figure in a fixed format (no locale): integers with thousands commas from 1,000, else 3 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // 999.5 and up round to 4 digits or more: an integer then.
  if (Math.abs(value) >= 999.5)
    return Math.round(value)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (value === 0) return "0";
  const text = value.toPrecision(3);
  // toPrecision writes below 1e-6 as "1.00e-7": keep that; otherwise drop trailing zeros after the point.
  return text.includes("e") ? text : text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

function withUnit(value: number, unit: string): string {
  return unit === "" ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** Markdown table cells must not break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** The day (UTC) or the span of days the results were written on. */
function dateSpan(results: readonly BenchResult[]): string {
  const days = results.map((result) => result.date.slice(0, 10)).sort();
  return days[0] === days.at(-1) ? days[0]! : `${days[0]} to ${days.at(-1)}`;
}

/** The summary as markdown: the machine and date, one table of every figure, the benches' notes. Deterministic for given inputs. */
export function renderSummary(results: readonly BenchResult[], machine: Machine): string {
  const lines: string[] = [];
  const where = `${machine.cpu}, ${machine.cores} cores, ${formatNumber(machine.memoryGiB)} GiB memory, Node ${machine.node}`;
  lines.push(
    results.length === 0
      ? `No bench results yet on this machine (${where}).`
      : `Measured by \`npm run bench\` on ${dateSpan(results)}: ${where}.`,
    "",
    "| workload | ours | peer | ratio | goal | met |",
    "| --- | ---: | ---: | ---: | --- | :---: |",
  );
  const present = new Set(results.map((result) => result.name));
  for (const result of results)
    for (const figure of result.figures) {
      const peer =
        figure.peer === undefined
          ? (figure.peerName ?? "—")
          : `${withUnit(figure.peer, figure.unit)}${figure.peerName === undefined ? "" : ` (${figure.peerName})`}`;
      const ratio = figure.ratio === undefined ? "—" : `${formatNumber(figure.ratio)}×`;
      const met = figure.met === undefined ? "—" : figure.met ? "yes" : "**no**";
      lines.push(
        `| ${cell(`${result.name}: ${figure.workload}`)} | ${cell(withUnit(figure.ours, figure.unit))} | ${cell(peer)} | ${ratio} | ${cell(figure.goal ?? "—")} | ${met} |`,
      );
    }
  for (const name of EXPECTED) if (!present.has(name)) lines.push(`| ${name}: not run (\`npm run ${SCRIPT[name]}\`) | — | — | — | — | — |`);
  const judged = results.flatMap((result) => result.figures).filter((figure) => figure.met !== undefined);
  const missing = EXPECTED.filter((name) => !present.has(name)).length;
  if (judged.length > 0 || missing > 0)
    lines.push(
      "",
      `Goals met: ${judged.filter((figure) => figure.met).length} of ${judged.length}${missing === 0 ? "" : `; ${missing} bench${missing === 1 ? "" : "es"} not run`}.`,
    );
  const notes = results.flatMap((result) => result.notes.map((note) => `- ${result.name}: ${cell(note)}`));
  if (notes.length > 0) lines.push("", ...notes);
  return `${lines.join("\n")}\n`;
}

/** Results further apart than this are not from one `npm run bench` (which takes well under an hour). */
export const ONE_RUN_HOURS = 6;

/** Hours between the oldest and the newest result. */
export function hoursSpanned(results: readonly BenchResult[]): number {
  const times = results.map((result) => Date.parse(result.date)).filter((time) => Number.isFinite(time));
  return times.length === 0 ? 0 : (Math.max(...times) - Math.min(...times)) / 3_600_000;
}

/** `docs` with the text between the markers replaced by `summary`; an Error naming the markers when they are missing or out of order. */
export function replaceBlock(docs: string, summary: string, file = "docs/performance.md"): string {
  const begin = docs.indexOf(BEGIN);
  const end = docs.indexOf(END);
  if (begin === -1 || end === -1 || end < begin || docs.indexOf(BEGIN, begin + 1) !== -1 || docs.indexOf(END, end + 1) !== -1)
    throw new Error(`${file}: needs one ${BEGIN} line and, after it, one ${END} line around the generated figures`);
  const note = "<!-- Generated by bench/summary.ts from one `npm run bench`; edit the prose outside these markers. -->";
  return `${docs.slice(0, begin)}${BEGIN}\n${note}\n\n${summary}\n${docs.slice(end)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      results: { type: "string", default: RESULTS_DIR },
      "write-docs": { type: "boolean", default: false },
      docs: { type: "string", default: DOCS },
    },
  });
  const { results, problems } = await readResults(values.results);
  for (const { file, problem } of problems) console.error(`bench/summary: skipped ${join(values.results, file)}: ${problem}`);
  const summary = renderSummary(results, thisMachine());
  console.log(`\n## Summary\n\n${summary}`);
  if (!values["write-docs"]) return;
  const missing = EXPECTED.filter((name) => !results.some((result) => result.name === name));
  const span = hoursSpanned(results);
  const why = [
    ...missing.map((name) => `no ${name} results (npm run ${SCRIPT[name]})`),
    ...problems.map(({ file }) => `${file} unreadable`),
    ...(span > ONE_RUN_HOURS ? [`the results span ${Math.round(span)} hours, more than one run (npm run bench runs them all)`] : []),
  ];
  if (why.length > 0) {
    console.error(`bench/summary: ${values.docs} not written: ${why.join("; ")}`);
    process.exitCode = 1;
    return;
  }
  const docs = await readFile(values.docs, "utf8");
  await writeFileAtomic(values.docs, replaceBlock(docs, summary, values.docs));
  console.log(`bench/summary: wrote the figures into ${values.docs}`);
}

if (import.meta.main) await main();
