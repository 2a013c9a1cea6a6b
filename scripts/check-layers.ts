/**
 * `npm run lint` (and so CI) fails when src/'s import graph breaks the layers of docs/architecture.md:
 * - a folder imports one that scripts/lib/layers.ts does not allow it (ESLint's boundaries rule says
 *   the same per import; this names the whole graph);
 * - a top-level folder under src/ that no layer owns;
 * - the folder graph has a cycle or more than MAX_LEVELS levels;
 * - any cycle between files, inside a folder too (a cycle is an order of module evaluation that
 *   depends on who imports first).
 *
 *   node scripts/check-layers.ts [ROOT]
 */
import { join } from "node:path";
import { ALLOWED, levelsOf, MAX_LEVELS } from "./lib/layers.ts";
import { fileCycles, importGraph } from "./lib/import-graph.ts";

const root = process.argv[2] ?? join(import.meta.dirname, "..");
const graph = await importGraph(join(root, "src"));
const problems: string[] = [];

const folders = new Set(graph.files.map((file) => file.folder));
for (const folder of folders)
  if (ALLOWED[folder] === undefined) problems.push(`src/${folder}/ is in no layer: add it to scripts/lib/layers.ts`);

const folderEdges: Record<string, Set<string>> = {};
for (const edge of graph.edges) {
  if (edge.from.folder === edge.to.folder) continue;
  (folderEdges[edge.from.folder] ??= new Set()).add(edge.to.folder);
  const allowed = ALLOWED[edge.from.folder];
  if (allowed !== undefined && !allowed.includes(edge.to.folder)) {
    problems.push(
      `src/${edge.from.path}:${edge.line}: ${edge.from.folder}/ may not import ${edge.to.folder}/ (src/${edge.to.path}); see docs/architecture.md`,
    );
  }
}

const actual = Object.fromEntries([...folders].map((folder) => [folder, [...(folderEdges[folder] ?? [])]]));
let levels: Record<string, number> = {};
try {
  levels = levelsOf(actual);
  const deepest = Math.max(...Object.values(levels));
  if (deepest > MAX_LEVELS) problems.push(`the folder graph has ${deepest} levels; at most ${MAX_LEVELS}`);
} catch (error) {
  problems.push(`folders: ${(error as Error).message}`);
}
for (const cycle of fileCycles(graph)) problems.push(`files import each other: ${cycle.map((path) => `src/${path}`).join(" → ")}`);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`layers: ${problems.length} problem(s)`);
  process.exit(1);
}
const byLevel = Object.entries(levels).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
console.log(
  `layers: ${graph.files.length} files, ${folders.size} folders, no cycle, ${Math.max(...Object.values(levels))} levels (${byLevel.map(([folder, level]) => `${folder} ${level}`).join(", ")})`,
);
