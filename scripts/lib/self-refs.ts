/**
 * Finds and rewrites the references our workflows and actions make to this repository itself
 * (`modelship/modelship/actions/<name>@v1`, `modelship/modelship/.github/workflows/<file>.yml@v1`).
 * Pure functions over file texts so the tests can feed YAML strings; scripts/check-self-refs.ts
 * reads the tree and prints the result.
 *
 * Why these rules:
 * - a reusable workflow (and a composite action) runs in the *caller's* workspace, so `./actions/x`
 *   there names a folder of the caller's repository, not ours: it must be `modelship/modelship/...@REF`;
 * - every self-reference must name a folder or workflow that exists here, or a release ships a
 *   dangling reference that fails only in users' runs;
 * - every self-reference uses the same ref, or one release mixes code from two versions;
 * - in a release (`checkReleasePins`), every self-reference is the full 40-hex SHA of the commit whose
 *   files the release carries: a caller who pins model-ci.yml by SHA then runs actions pinned by SHA
 *   too, never whatever a tag or branch points to later. On main they say @v1.
 * Commented usage examples (`#   uses: modelship/modelship/...@v1`) count too: they are what users copy.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from "yaml";
import { workflowCallOf } from "./reference-docs.ts";

export const DEFAULT_REPOSITORY = "modelship/modelship";

/** A file in the repository: its path relative to the root (with `/`) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One `uses:` occurrence. */
export interface Uses {
  /** 1-based line. */
  line: number;
  /** The referenced value, e.g. `actions/checkout@<sha>` or `./actions/train`. */
  value: string;
  /** Found in a `#` comment (a documented usage example) rather than in the YAML itself. */
  comment: boolean;
  /** `job` for `jobs.<id>.uses` (a reusable workflow), `step` for a step's `uses` (an action). */
  level: "job" | "step" | "comment";
}

/** A `uses:` that points at this repository. */
export interface SelfRef extends Uses {
  file: string;
  /** Path inside this repository: `actions/train`, `.github/workflows/model-ci.yml`, or `` for the root action. */
  target: string;
  /** The ref after `@`, or undefined when there is none. */
  ref: string | undefined;
}

export interface Problem {
  file: string;
  line: number;
  message: string;
  fix: string;
}

export type FileKind = "reusable-workflow" | "workflow" | "example-workflow" | "action";

export interface CheckResult {
  refs: SelfRef[];
  problems: Problem[];
  /** The ref most self-references use (undefined when there are none). */
  ref: string | undefined;
}

/** `owner/name` from package.json's `repository` field (string or `{ url }`), else undefined. */
export function repositoryFromPackageJson(pkg: unknown): string | undefined {
  if (typeof pkg !== "object" || pkg === null || !("repository" in pkg)) return undefined;
  const field = pkg.repository;
  const url =
    typeof field === "string"
      ? field
      : typeof field === "object" && field !== null && "url" in field && typeof field.url === "string"
        ? field.url
        : undefined;
  if (url === undefined) return undefined;
  const match = /^(?:github:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(url) ?? /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Which rules apply to a file, by where it lives. */
export function classify(path: string): FileKind {
  if (path.startsWith("reusable-workflows/")) return "reusable-workflow";
  if (path.startsWith("examples/")) return "example-workflow";
  if (path.startsWith(".github/workflows/")) return "workflow";
  return "action";
}

/** True when the parsed workflow's `on:` includes `workflow_call` (string, list or mapping form). */
function isReusableDocument(document: Document): boolean {
  // Only `on:` is turned into plain data: an unresolved alias elsewhere in the file must not throw.
  const on: unknown = isMap(document.contents) ? document.contents.get("on") : undefined;
  try {
    const plain: unknown = isNode(on) ? on.toJS(document) : on;
    return workflowCallOf({ on: plain }) !== undefined;
  } catch {
    return false;
  }
}

/** True when the workflow's `on:` includes `workflow_call` (string, list or mapping form). */
export function isReusable(text: string): boolean {
  return isReusableDocument(parseDocument(text));
}

const COMMENT_USES = /^\s*#.*?\buses:\s*["']?([^\s"'#]+)/;

/** The `uses:` of a parsed file (see findUses). */
function usesIn(text: string, document: Document, lineCounter: LineCounter): Uses[] {
  const found: Uses[] = [];
  // Lines inside multi-line strings (a `run: |` script): a `# uses:` there is shell, not a YAML comment.
  const inStrings: [number, number][] = [];
  visit(document, {
    Scalar(_, scalar) {
      if (!scalar.range) return;
      const first = lineCounter.linePos(scalar.range[0]).line;
      const last = lineCounter.linePos(scalar.range[1]).line;
      if (last > first) inStrings.push([first, last]);
    },
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const line = pair.value.range ? lineCounter.linePos(pair.value.range[0]).line : 1;
      found.push({ line, value: String(pair.value.value), comment: false, level: path.some((node) => isSeq(node)) ? "step" : "job" });
    },
  });
  text.split("\n").forEach((line, index) => {
    const match = COMMENT_USES.exec(line);
    if (match && !inStrings.some(([first, last]) => index + 1 >= first && index + 1 <= last))
      found.push({ line: index + 1, value: match[1]!, comment: true, level: "comment" });
  });
  return found.sort((a, b) => a.line - b.line);
}

/** A file parsed once: its `uses:` and whether it is a reusable workflow. */
interface ParsedFile {
  uses: Uses[];
  reusable: boolean;
}

function parseFile(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return { uses: usesIn(text, document, lineCounter), reusable: isReusableDocument(document) };
}

/** Every `uses:` in a workflow or action.yml: the YAML's own (with its level) and those in comments. */
export function findUses(text: string): Uses[] {
  const lineCounter = new LineCounter();
  return usesIn(text, parseDocument(text, { lineCounter }), lineCounter);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Matches a self-reference inside a line: group 1 the repository, 2 the `/path`, 3 the `@ref`. */
function selfPattern(repository: string, flags = "i"): RegExp {
  return new RegExp(`(?<![\\w./-])(${escapeRegExp(repository)})((?:/[^@\\s"'#]*)?)(@[^\\s"'#]*)?(?![\\w.-])`, flags);
}

/** Splits a `uses:` value into target path and ref when it points at `repository`, else undefined. */
export function parseSelfRef(value: string, repository: string): { target: string; ref: string | undefined } | undefined {
  const match = new RegExp(`^${selfPattern(repository).source}$`, "i").exec(value);
  if (!match) return undefined;
  const target = (match[2] ?? "").replace(/^\//, "").replace(/\/$/, "");
  const ref = match[3] === undefined ? undefined : match[3].slice(1);
  return { target, ref };
}

/** The self-references among a file's `uses:`. */
function selfRefsIn(file: string, uses: readonly Uses[], repository: string): SelfRef[] {
  const refs: SelfRef[] = [];
  for (const entry of uses) {
    const parsed = parseSelfRef(entry.value, repository);
    if (parsed) refs.push({ ...entry, file, ...parsed });
  }
  return refs;
}

/** The self-references in one file. */
export function findSelfRefs(file: SourceFile, repository: string): SelfRef[] {
  return selfRefsIn(file.path, findUses(file.text), repository);
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/**
 * Checks every self-reference in `files` (the scanned workflows and action.yml files). A referenced
 * path exists when it is among `files` or `exists` says so (the script asks the disk).
 */
export function checkSelfRefs(files: readonly SourceFile[], repository: string, exists?: (path: string) => boolean): CheckResult {
  // Each file's YAML is parsed once; `byPath` looks a referenced file up (the last of a path wins).
  const parsedFiles = files.map((file) => ({ file, ...parseFile(file.text) }));
  const byPath = new Map(parsedFiles.map((parsed) => [parsed.file.path, parsed]));
  const has = (path: string) => byPath.has(path) || (exists?.(path) ?? false);
  const problems: Problem[] = [];
  const refs = parsedFiles.flatMap((parsed) => selfRefsIn(parsed.file.path, parsed.uses, repository));
  const ref = mostCommon(refs.flatMap((selfRef) => (selfRef.ref === undefined ? [] : [selfRef.ref])));
  const shownRef = ref ?? "v1";
  const actionNames = [...new Set(files.flatMap((file) => /^actions\/([^/]+)\/action\.ya?ml$/.exec(file.path)?.[1] ?? []))].sort();
  const workflowNames = parsedFiles
    .flatMap(({ file, reusable }) =>
      /^\.github\/workflows\/[^/]+$/.test(file.path) && reusable ? [file.path.slice(".github/workflows/".length)] : [],
    )
    .sort();

  for (const selfRef of refs) {
    const where = selfRef.comment ? " (in a comment)" : "";
    const problem = (message: string, fix: string) =>
      problems.push({ file: selfRef.file, line: selfRef.line, message: `\`${selfRef.value}\`${where}: ${message}`, fix });
    if (selfRef.ref === undefined || selfRef.ref === "")
      problem("no @ref", `write \`${repository}${selfRef.target === "" ? "" : `/${selfRef.target}`}@${shownRef}\``);
    const workflowMatch = /^\.github\/workflows\/([^/]+\.ya?ml)$/.exec(selfRef.target);
    if (workflowMatch) {
      const target = byPath.get(selfRef.target);
      if (!has(selfRef.target)) {
        const source = `reusable-workflows/${workflowMatch[1]!}`;
        problem(
          `${selfRef.target} does not exist in this repository`,
          has(source)
            ? `${source} exists: run \`npm run build\` to generate its copy`
            : `reusable workflows here: ${workflowNames.join(", ") || "(none)"}`,
        );
      } else if (target !== undefined && !target.reusable) {
        problem(
          `${selfRef.target} is not a reusable workflow (no \`on: workflow_call\`)`,
          `reusable workflows here: ${workflowNames.join(", ") || "(none)"}`,
        );
      }
      if (selfRef.level === "step")
        problem(
          "a reusable workflow is called by a job (`jobs.<id>.uses`), not by a step",
          "move it to a job of its own, or reference an action under actions/",
        );
    } else {
      const manifest = selfRef.target === "" ? "action.yml" : `${selfRef.target}/action.yml`;
      if (!has(manifest) && !has(manifest.replace(/\.yml$/, ".yaml"))) {
        const name = /^actions\/([^/]+)$/.exec(selfRef.target)?.[1];
        problem(
          `${manifest} does not exist in this repository`,
          name === undefined
            ? `actions here: ${actionNames.map((action) => `actions/${action}`).join(", ")}`
            : `actions here: ${actionNames.join(", ")}`,
        );
      }
      if (selfRef.level === "job")
        problem(
          "a job's `uses:` must be a reusable workflow (.github/workflows/<file>.yml), not an action",
          "call the action from a step, or reference a workflow",
        );
    }
    if (ref !== undefined && selfRef.ref !== undefined && selfRef.ref !== "" && selfRef.ref !== ref) {
      const others = refs.filter((other) => other.ref === ref).length;
      problem(
        `uses @${selfRef.ref} but ${others} other self-reference(s) use @${ref}`,
        `every self-reference must use one ref: \`node scripts/check-self-refs.ts --set-ref ${ref}\``,
      );
    }
  }

  for (const { file, uses: allUses, reusable } of parsedFiles) {
    const kind = classify(file.path);
    if (kind === "example-workflow") continue; // `./` there is the user's repository: theirs to name.
    const runsElsewhere = kind === "reusable-workflow" || kind === "action" || reusable;
    for (const uses of allUses) {
      if (!/^\.\/(actions|\.github)\//.test(uses.value)) continue;
      const target = uses.value.slice(2).replace(/\/$/, "");
      if (runsElsewhere) {
        const what = kind === "action" ? "a composite action" : "a reusable workflow";
        problems.push({
          file: file.path,
          line: uses.line,
          message: `\`${uses.value}\`${uses.comment ? " (in a comment)" : ""}: local reference in ${what}, which runs in the caller's workspace (\`./\` is the caller's repository)`,
          fix: `write \`${repository}/${target}@${shownRef}\``,
        });
      } else if (!uses.comment) {
        const manifest = /\.ya?ml$/.test(target) ? target : `${target}/action.yml`;
        if (!has(manifest) && !has(manifest.replace(/\.yml$/, ".yaml")))
          problems.push({
            file: file.path,
            line: uses.line,
            message: `\`${uses.value}\`: ${manifest} does not exist in this repository`,
            fix: `actions here: ${actionNames.join(", ")}`,
          });
      }
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { refs, problems, ref };
}

export interface RefChange {
  file: string;
  line: number;
  before: string;
  after: string;
}

/** A full commit SHA, as a release pins its self-references. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/;

/** A release version as a pin's comment shows it: v1.3.0 (a pre-release suffix allowed). */
export const VERSION_TAG = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * The release rule: every self-reference (commented usage examples included) is pinned to a full
 * 40-hex commit SHA, optionally followed by a `# vX.Y.Z` comment. [] when the release is pinned.
 */
export function checkReleasePins(files: readonly SourceFile[], repository: string): Problem[] {
  const problems: Problem[] = [];
  for (const file of files)
    for (const selfRef of findSelfRefs(file, repository)) {
      if (selfRef.ref !== undefined && COMMIT_SHA.test(selfRef.ref)) continue;
      problems.push({
        file: selfRef.file,
        line: selfRef.line,
        message: `\`${selfRef.value}\`${selfRef.comment ? " (in a comment)" : ""}: a release refers to its own actions and workflows by the full 40-hex SHA of the commit it ships, not ${selfRef.ref === undefined || selfRef.ref === "" ? "without a ref" : `@${selfRef.ref}`}`,
        fix: "pin every self-reference: `node scripts/check-self-refs.ts --set-ref <40-hex SHA> --version vX.Y.Z`, then `npm run build`",
      });
    }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** True for a ref git accepts as a tag or branch name that is safe in a `uses:` line. */
export function isValidRef(ref: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(ref) && !ref.includes("..") && !ref.endsWith(".lock") && !ref.endsWith("/") && !ref.endsWith(".")
  );
}

/** A trailing `# v1.2.3` comment after a pin (what `version` writes). */
const TRAILING_VERSION = /^\s+#\s*v\d[\w.+-]*\s*$/;

/**
 * Rewrites every self-reference in `file` (YAML `uses:` and commented examples) to `@ref`, touching
 * only those lines and only the `@...` part, so comments and formatting stay as they were. With
 * `version` (a release pinned by SHA), a `uses:` line that ends at the reference, or in a version
 * comment, ends in ` # <version>` instead; a line with another comment keeps it.
 */
export function setRef(
  file: SourceFile,
  repository: string,
  ref: string,
  options: { version?: string } = {},
): { text: string; changes: RefChange[] } {
  if (!isValidRef(ref)) throw new Error(`"${ref}" is not a valid tag or branch name`);
  const { version } = options;
  if (version !== undefined && !VERSION_TAG.test(version)) throw new Error(`"${version}" is not a version like v1.3.0`);
  const lines = file.text.split("\n");
  const changes: RefChange[] = [];
  const pattern = selfPattern(repository, "gi");
  const selfRefs = findSelfRefs(file, repository);
  const commentLines = new Set(selfRefs.flatMap((selfRef) => (selfRef.comment ? [selfRef.line] : [])));
  for (const line of new Set(selfRefs.map((selfRef) => selfRef.line))) {
    const before = lines[line - 1]!;
    let after = before.replace(pattern, (_match, repo: string, path: string | undefined) => `${repo}${path ?? ""}@${ref}`);
    if (version !== undefined && !commentLines.has(line)) {
      const end = [...after.matchAll(pattern)].at(-1);
      if (end?.index !== undefined) {
        const cut = end.index + end[0].length;
        const rest = after.slice(cut).replace(/\r$/, "");
        const eol = after.endsWith("\r") ? "\r" : "";
        if (rest.trim() === "" || TRAILING_VERSION.test(rest)) after = `${after.slice(0, cut)} # ${version}${eol}`;
      }
    }
    if (after === before) continue;
    lines[line - 1] = after;
    changes.push({ file: file.path, line, before: before.trim(), after: after.trim() });
  }
  return { text: lines.join("\n"), changes };
}

/**
 * True when two versions of a file differ in their self-references' refs (and the version comments
 * `setRef` writes) alone: what a release may change in the files of the commit it pins.
 */
export function sameExceptSelfRefs(path: string, a: string, b: string, repository: string): boolean {
  const normal = (text: string) => setRef({ path, text }, repository, "0".repeat(40), { version: "v0.0.0" }).text;
  return normal(a) === normal(b);
}
