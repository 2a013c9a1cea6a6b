/**
 * The files the lint scripts (check-self-refs, workflow-parser, actionlint) scan, found the same way
 * by all three, and the repository they belong to:
 * - workflows: reusable-workflows/*.yml, .github/workflows/*.yml and examples/<dir>/.github/workflows/*.yml;
 * - actions: actions/<name>/action.yml and the root action.yml.
 * Paths are relative to `root`, with `/`, sorted.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { DEFAULT_REPOSITORY, repositoryFromPackageJson } from "./self-refs.ts";

export const toPosix = (path: string): string => path.split(sep).join("/");

/** Every file under `root/dir` (recursively), relative to `root`; none when `dir` is missing. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  try {
    return (await readdir(join(root, dir), { withFileTypes: true, recursive: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => toPosix(relative(root, join(entry.parentPath, entry.name))));
  } catch {
    return [];
  }
}

const YAML = /\.ya?ml$/;

export interface WorkflowScan {
  /**
   * Also YAML files in subfolders: anything under reusable-workflows/ and under any `.github/workflows/`
   * in .github/ or examples/, skipping paths that contain `node_modules` (actionlint's scan).
   */
  nested?: boolean;
}

/** The workflows we ship or document. */
export async function shippedWorkflowFiles(root: string, options: WorkflowScan = {}): Promise<string[]> {
  if (options.nested === true) {
    const found = (await Promise.all([".github", "reusable-workflows", "examples"].map((dir) => listFiles(root, dir)))).flat();
    return found
      .filter(
        (path) =>
          YAML.test(path) &&
          !path.includes("node_modules") &&
          (path.startsWith("reusable-workflows/") || /(^|\/)\.github\/workflows\//.test(path)),
      )
      .sort();
  }
  const [reusable, github, examples] = await Promise.all(
    ["reusable-workflows", ".github/workflows", "examples"].map((dir) => listFiles(root, dir)),
  );
  return [
    ...reusable!.filter((path) => YAML.test(path) && !path.slice("reusable-workflows/".length).includes("/")),
    ...github!.filter((path) => YAML.test(path) && !path.slice(".github/workflows/".length).includes("/")),
    ...examples!.filter((path) => YAML.test(path) && /\/\.github\/workflows\/[^/]+$/.test(path) && !path.includes("node_modules/")),
  ].sort();
}

/** actions/<name>/action.yml (or .yaml), and the root action.yml when there is one. */
export async function shippedActionFiles(root: string): Promise<string[]> {
  const rootAction = (await stat(join(root, "action.yml")).catch(() => undefined))?.isFile() === true;
  return [
    ...(await listFiles(root, "actions")).filter((path) => /^actions\/[^/]+\/action\.ya?ml$/.test(path)),
    ...(rootAction ? ["action.yml"] : []),
  ].sort();
}

/** `owner/name` from package.json's `repository`, else DEFAULT_REPOSITORY (also when there is no package.json). */
export async function repositoryOf(root: string): Promise<string> {
  try {
    return repositoryFromPackageJson(JSON.parse(await readFile(join(root, "package.json"), "utf8"))) ?? DEFAULT_REPOSITORY;
  } catch {
    return DEFAULT_REPOSITORY;
  }
}
