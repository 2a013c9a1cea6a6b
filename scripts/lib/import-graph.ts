/**
 * The import graph of a source folder: every relative import, export-from and dynamic import of every
 * .ts file, as TypeScript's own pre-processor reads them (so comments and strings never count), and
 * the cycles among the files (Tarjan's strongly connected components).
 */
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export interface SourceFile {
  /** Relative to the source folder, with `/`. */
  path: string;
  /** Its top-level folder under the source folder. */
  folder: string;
}

export interface ImportEdge {
  from: SourceFile;
  to: SourceFile;
  /** 1-based line of the import in `from`. */
  line: number;
}

export interface ImportGraph {
  files: SourceFile[];
  edges: ImportEdge[];
}

const posix = (path: string): string => path.split(sep).join("/");

/** Reads every .ts file under `dir` and the imports between them (imports leaving `dir` are dropped). */
export async function importGraph(dir: string): Promise<ImportGraph> {
  const paths = (await readdir(dir, { recursive: true })).filter((path) => path.endsWith(".ts")).map(posix);
  const files = new Map(paths.map((path) => [path, { path, folder: path.split("/")[0]! }]));
  const edges: ImportEdge[] = [];
  for (const file of files.values()) {
    const text = await readFile(join(dir, file.path), "utf8");
    for (const reference of ts.preProcessFile(text, true, true).importedFiles) {
      if (!reference.fileName.startsWith(".")) continue;
      const target = files.get(posix(relative(dir, resolve(dirname(join(dir, file.path)), reference.fileName))));
      if (target === undefined) continue;
      edges.push({ from: file, to: target, line: text.slice(0, reference.pos).split("\n").length });
    }
  }
  return { files: [...files.values()], edges };
}

/** Every group of files that import each other in a ring, each as a path around the ring. */
export function fileCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file.path, []]));
  for (const edge of graph.edges) next.get(edge.from.path)!.push(edge.to.path);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node)!) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next.get(node)!.includes(node)) cycles.push(component.sort());
  };
  for (const file of graph.files) if (!index.has(file.path)) connect(file.path);
  return cycles;
}
