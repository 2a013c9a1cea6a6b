// Writes test/support/github/openapi-subset.json: the few GitHub REST operations modelship uses, cut
// out of GitHub's own OpenAPI description so the loopback fake (test/support/github/) is checked
// against the real contract without a 385 MB dependency.
//
// Usage:
//   node scripts/openapi-subset.ts                      # npm pack @octokit/openapi@23.0.2 into a temp dir
//   node scripts/openapi-subset.ts PATH                 # PATH: api.github.com.json, or the package .tgz
//
// PATH lets you work offline (or reuse a copy): pass either the `generated/api.github.com.json` file of
// @octokit/openapi@23.0.2 or the tarball `npm pack` made. The output is deterministic (sorted keys,
// 2-space JSON), so rerunning on the same input gives a byte-identical file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/common/atomic-write.ts";

const PACKAGE = "@octokit/openapi@23.0.2";
const SPEC_IN_PACKAGE = "package/generated/api.github.com.json";
const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), "../test/support/github/openapi-subset.json");

/** The operations we keep: method + path template exactly as the description spells them. */
export const KEPT_OPERATIONS: readonly (readonly [method: string, path: string])[] = [
  // Implemented by the fake now.
  ["get", "/repos/{owner}/{repo}"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["get", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["get", "/repos/{owner}/{repo}/pulls/{pull_number}"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["get", "/repos/{owner}/{repo}/attestations/{subject_digest}"],
  // Kept for later issues.
  ["get", "/repos/{owner}/{repo}/pulls"],
  ["post", "/repos/{owner}/{repo}/pulls"],
  ["patch", "/repos/{owner}/{repo}/pulls/{pull_number}"],
  ["post", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"],
  ["get", "/repos/{owner}/{repo}/issues"],
  ["post", "/repos/{owner}/{repo}/issues"],
  ["patch", "/repos/{owner}/{repo}/issues/{issue_number}"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/labels"],
  ["get", "/repos/{owner}/{repo}/releases"],
  ["post", "/repos/{owner}/{repo}/releases"],
  ["get", "/repos/{owner}/{repo}/releases/{release_id}"],
  ["patch", "/repos/{owner}/{repo}/releases/{release_id}"],
  ["delete", "/repos/{owner}/{repo}/releases/{release_id}"],
  ["get", "/repos/{owner}/{repo}/releases/tags/{tag}"],
  ["get", "/repos/{owner}/{repo}/releases/{release_id}/assets"],
  ["post", "/repos/{owner}/{repo}/releases/{release_id}/assets"],
  ["get", "/repos/{owner}/{repo}/releases/assets/{asset_id}"],
  ["delete", "/repos/{owner}/{repo}/releases/assets/{asset_id}"],
  ["get", "/repos/{owner}/{repo}/git/ref/{ref}"],
  ["post", "/repos/{owner}/{repo}/git/refs"],
  ["patch", "/repos/{owner}/{repo}/git/refs/{ref}"],
  ["delete", "/repos/{owner}/{repo}/git/refs/{ref}"],
  ["post", "/repos/{owner}/{repo}/dispatches"],
  ["post", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"],
  // Self-healing rollbacks (src/gitops/self-heal.ts): the checks on a PR's head, and the merge.
  ["get", "/repos/{owner}/{repo}/commits/{ref}/check-runs"],
  ["get", "/repos/{owner}/{repo}/commits/{ref}/status"],
  ["put", "/repos/{owner}/{repo}/pulls/{pull_number}/merge"],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the full description from PATH (JSON or .tgz), or from a fresh `npm pack` when none is given. */
function loadFullDescription(path: string | undefined): JsonObject {
  if (path !== undefined && path.endsWith(".json")) return JSON.parse(readFileSync(path, "utf8")) as JsonObject;
  const work = mkdtempSync(join(tmpdir(), "openapi-subset-"));
  try {
    let tarball = path === undefined ? undefined : resolve(path);
    if (tarball === undefined) {
      execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: work, stdio: ["ignore", "ignore", "inherit"] });
      const packed = readdirSync(work).find((name) => name.endsWith(".tgz"));
      if (packed === undefined) throw new Error(`npm pack ${PACKAGE} produced no tarball in ${work}`);
      tarball = join(work, packed);
    }
    execFileSync("tar", ["-xzf", tarball, "-C", work, SPEC_IN_PACKAGE], { stdio: "inherit" });
    return JSON.parse(readFileSync(join(work, SPEC_IN_PACKAGE), "utf8")) as JsonObject;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Copies a value, dropping what the fake never reads (examples, long markdown descriptions of
 * operations) to keep the committed file small, and collecting every `$ref` it meets.
 */
function prune(value: Json, refs: Set<string>, isOperation = false): Json {
  if (Array.isArray(value)) return value.map((item) => prune(item, refs));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "examples" || key === "example") continue;
    if (isOperation && key === "description") continue;
    if (key === "$ref" && typeof child === "string") refs.add(child);
    out[key] = prune(child, refs);
  }
  return out;
}

/** Sorts object keys recursively so the output is stable across runs and diffs stay readable. */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]!);
  return out;
}

/** Cuts the kept operations and the transitive closure of their `$ref`s out of the full description. */
export function extractSubset(full: JsonObject): JsonObject {
  const paths = full.paths;
  const components = full.components;
  if (!isObject(paths) || !isObject(components)) throw new Error("description has no paths/components");
  const refs = new Set<string>();
  const keptPaths: JsonObject = {};
  for (const [method, path] of KEPT_OPERATIONS) {
    const item = paths[path];
    const operation = isObject(item) ? item[method] : undefined;
    if (!isObject(operation)) throw new Error(`${method.toUpperCase()} ${path} is not in the description`);
    const keptItem = (keptPaths[path] ??= {}) as JsonObject;
    keptItem[method] = prune(operation, refs, true);
  }
  const keptComponents: JsonObject = {};
  const done = new Set<string>();
  // Follow refs until no new ones appear: components refer to each other.
  while (refs.size > done.size) {
    for (const ref of [...refs]) {
      if (done.has(ref)) continue;
      done.add(ref);
      const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
      if (match === null) throw new Error(`unsupported $ref ${ref}`);
      const [, section, name] = match as unknown as [string, string, string];
      const target = isObject(components[section]) ? components[section][name] : undefined;
      if (target === undefined) throw new Error(`dangling $ref ${ref}`);
      const keptSection = (keptComponents[section] ??= {}) as JsonObject;
      keptSection[name] = prune(target, refs);
    }
  }
  return sortKeys({
    "x-generated": `by scripts/openapi-subset.ts from ${PACKAGE} (api.github.com) — do not edit`,
    openapi: full.openapi ?? "3.0.3",
    info: isObject(full.info) ? { title: full.info.title ?? "GitHub v3 REST API", version: full.info.version ?? "" } : {},
    servers: full.servers ?? [],
    paths: keptPaths,
    components: keptComponents,
  }) as JsonObject;
}

/** Entry point: read, cut, write. */
async function main(): Promise<void> {
  const full = loadFullDescription(process.argv[2]);
  const subset = extractSubset(full);
  await writeFileAtomic(OUTPUT, `${JSON.stringify(subset, null, 2)}\n`);
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

if (import.meta.main) await main();
