/**
 * Every workflow and action we ship or show — reusable-workflows/, .github/workflows/, the examples'
 * workflows, actions/*\/action.yml, and the ```yaml blocks of README.md, docs/ and the examples'
 * READMEs — is parsed, and fails here on:
 * - a GitHub App token (actions/create-github-app-token) not narrowed to the repository it needs
 *   (`repositories:`) and the job's permissions (`permission-*`); ours mint contents: read for drift,
 *   contents and pull-requests write for promote and canary, for the gitops-repository input alone;
 * - `secrets: inherit` (it hands a called workflow every secret of the caller);
 * - a cache of a `node_modules` path (restored native code that nothing verifies; cache npm's
 *   download cache instead and run `npm ci`, which checks it against the lockfile);
 * - in the examples, shown snippets and our own ci.yml and release.yml, `cancel-in-progress` that
 *   could cancel a run on main (a release or promotion half done): it must apply to pull requests only;
 * - a shown workflow that breaks our workflow policy (permissions per job, pinned actions, no
 *   `${{ }}` in `run:`), which `npm run lint` enforces for the files but cannot see in the docs.
 * Each rule is first shown to fail on a bad example, so none passes by finding nothing.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLMap } from "yaml";
import { shippedActionFiles, shippedWorkflowFiles } from "../../scripts/lib/shipped-files.ts";
import { checkWorkflowPolicy } from "../../scripts/lib/workflow-policy.ts";

const ROOT = join(import.meta.dirname, "../..");
const REPOSITORY = "modelship/modelship";

/** One YAML text we ship or show: a file, or a ```yaml block of a markdown file (`line` is where its text starts). */
interface Source {
  file: string;
  line: number;
  text: string;
  kind: "workflow" | "action" | "snippet";
}

interface Finding {
  where: string;
  message: string;
}

function markdownFiles(): string[] {
  const found: string[] = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk("docs");
  walk("examples");
  return found.sort();
}

function yamlBlocks(file: string): Source[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const blocks: Source[] = [];
  for (const match of text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm))
    blocks.push({ file, line: text.slice(0, match.index).split("\n").length + 1, text: match[1]!, kind: "snippet" });
  return blocks;
}

async function sources(): Promise<Source[]> {
  const workflows = await shippedWorkflowFiles(ROOT, { nested: true });
  const actions = await shippedActionFiles(ROOT);
  return [
    ...workflows.map((file) => ({ file, line: 1, text: readFileSync(join(ROOT, file), "utf8"), kind: "workflow" as const })),
    ...actions.map((file) => ({ file, line: 1, text: readFileSync(join(ROOT, file), "utf8"), kind: "action" as const })),
    ...markdownFiles().flatMap(yamlBlocks),
  ];
}

/** A parsed source, with `where(node)` giving file:line of a node. */
function parse(source: Source): { document: Document; where: (node: unknown) => string } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter });
  const where = (node: unknown) => {
    const range = (node as { range?: [number, number, number] | null } | null)?.range;
    return `${source.file}:${source.line - 1 + (range ? lineCounter.linePos(range[0]).line : 1)}`;
  };
  return { document, where };
}

/** Every mapping in the document that is a step or job with `uses:` (as a plain map of scalars where it can be). */
function usesMaps(document: Document): YAMLMap[] {
  const found: YAMLMap[] = [];
  visit(document, {
    Map(_, map) {
      if (isScalar(map.get("uses", true))) found.push(map);
    },
  });
  return found;
}

const withOf = (map: YAMLMap): YAMLMap | undefined => {
  const value = map.get("with", true);
  return isMap(value) ? value : undefined;
};
/** A scalar's text ("" for anything else). */
function text(value: unknown): string {
  const plain = isScalar(value) ? value.value : value;
  return typeof plain === "string" || typeof plain === "number" || typeof plain === "boolean" ? String(plain) : "";
}

/** App tokens must name the repository and the permissions they need. */
function appTokenFindings(source: Source): Finding[] {
  const { document, where } = parse(source);
  const findings: Finding[] = [];
  for (const map of usesMaps(document)) {
    if (!text(map.get("uses", true)).startsWith("actions/create-github-app-token@")) continue;
    const inputs = withOf(map);
    const keys = inputs?.items.map((pair) => text(pair.key)) ?? [];
    if (inputs === undefined || text(inputs.get("repositories", true)).trim() === "")
      findings.push({
        where: where(map),
        message: "an App token without `repositories:`: it could reach every repository the App is installed on",
      });
    if (!keys.some((key) => key.startsWith("permission-")))
      findings.push({
        where: where(map),
        message: "an App token without `permission-*` inputs: it would get every permission the App has",
      });
  }
  return findings;
}

/** `secrets: inherit`, in the YAML or in a commented usage example. */
function inheritFindings(source: Source): Finding[] {
  const { document, where } = parse(source);
  const findings: Finding[] = [];
  visit(document, {
    Pair(_, pair) {
      if (text(pair.key) === "secrets" && isScalar(pair.value) && text(pair.value) === "inherit")
        findings.push({
          where: where(pair.value),
          message: "`secrets: inherit` hands the called workflow every secret: name the ones it needs",
        });
    },
  });
  source.text.split("\n").forEach((line, index) => {
    if (/^\s*#\s*(?:[\w-]+:\s+)?secrets:\s*inherit\b/.test(line))
      findings.push({ where: `${source.file}:${source.line + index}`, message: "`secrets: inherit` in a usage example" });
  });
  return findings;
}

/** A cache step whose paths include node_modules. */
function nodeModulesCacheFindings(source: Source): Finding[] {
  const { document, where } = parse(source);
  const findings: Finding[] = [];
  for (const map of usesMaps(document)) {
    if (!/^actions\/cache(?:\/(?:restore|save))?@/.test(text(map.get("uses", true)))) continue;
    const path = text(withOf(map)?.get("path", true));
    if (/(^|[\s/\\'"{])node_modules([\s/\\'"}]|$)/m.test(path))
      findings.push({
        where: where(map),
        message: `caches node_modules (${path.trim()}): restored native code nothing verifies; cache npm's cache directory and run npm ci`,
      });
  }
  return findings;
}

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);
const PULL_REQUESTS_ONLY = /^\$\{\{\s*github\.event_name\s*==\s*'(pull_request|pull_request_target)'\s*\}\}$/;

/** `cancel-in-progress` must apply to pull requests only. */
function cancelFindings(source: Source): Finding[] {
  const { document, where } = parse(source);
  const findings: Finding[] = [];
  const on: unknown = isMap(document.contents) ? document.contents.get("on", true) : undefined;
  const triggers = isScalar(on) ? [text(on)] : isSeq(on) ? on.items.map(text) : isMap(on) ? on.items.map((pair) => text(pair.key)) : [];
  const onlyPullRequests = triggers.length > 0 && triggers.every((trigger) => PULL_REQUEST_EVENTS.has(trigger));
  visit(document, {
    Pair(_, pair) {
      if (text(pair.key) !== "cancel-in-progress" || !isScalar(pair.value)) return;
      const value = pair.value.value;
      if (value === false || (typeof value === "string" && PULL_REQUESTS_ONLY.test(value.trim()))) return;
      if (value === true && onlyPullRequests) return;
      findings.push({
        where: where(pair.value),
        message: `cancel-in-progress: ${String(value)} can cancel a run on main (a release or a promotion half done): write \${{ github.event_name == 'pull_request' }}`,
      });
    },
  });
  return findings;
}

/** Our workflow policy on a shown workflow, one with `on:` and `jobs:` (the files themselves go through `npm run lint`). */
function snippetPolicyFindings(source: Source): Finding[] {
  const { document } = parse(source);
  if (!isMap(document.contents) || !document.contents.has("jobs") || !document.contents.has("on")) return [];
  return checkWorkflowPolicy(source.file, source.text, REPOSITORY).map((finding) => ({
    where: `${source.file}:${source.line - 1 + finding.line}`,
    message: finding.message,
  }));
}

const format = (findings: Finding[]) => findings.map((finding) => `${finding.where}: ${finding.message}`).join("\n");
const snippet = (yamlText: string, kind: Source["kind"] = "workflow"): Source => ({ file: "bad.yml", line: 1, text: yamlText, kind });

describe("each rule fails on a bad example", () => {
  test("an App token for every repository, or with every permission", () => {
    const findings = appTokenFindings(
      snippet(`jobs:
  a:
    steps:
      - uses: actions/create-github-app-token@bcd2ba49218906704ab6c1aa796996da409d3eb1
        with:
          app-id: \${{ secrets.ID }}
          private-key: \${{ secrets.KEY }}
          owner: \${{ github.repository_owner }}
`),
    );
    assert.deepEqual(
      findings.map((finding) => finding.where),
      ["bad.yml:4", "bad.yml:4"],
    );
    assert.deepEqual(
      appTokenFindings(
        snippet(
          "steps:\n  - uses: actions/create-github-app-token@v3\n    with: { owner: o, repositories: gitops, permission-contents: read }\n",
        ),
      ),
      [],
    );
  });

  test("secrets: inherit, in YAML or a usage comment", () => {
    const findings = inheritFindings(
      snippet(
        "#   jobs:\n#     x:\n#       secrets: inherit\njobs:\n  y:\n    uses: o/r/.github/workflows/w.yml@v1\n    secrets: inherit\n",
      ),
    );
    assert.deepEqual(
      findings.map((finding) => finding.where),
      ["bad.yml:7", "bad.yml:3"],
    );
    assert.deepEqual(inheritFindings(snippet("# never `secrets: inherit`: name each secret\njobs: {}\n")), []);
  });

  test("a cache of node_modules, in any form; npm's cache directory is fine", () => {
    for (const path of [
      "node_modules",
      "${{ steps.runtime.outputs.root }}/node_modules",
      "|\n          ~/.npm\n          app/node_modules/",
    ])
      assert.equal(
        nodeModulesCacheFindings(snippet(`steps:\n  - uses: actions/cache@v4\n    with:\n      path: ${path}\n      key: k\n`)).length,
        1,
        path,
      );
    assert.equal(
      nodeModulesCacheFindings(snippet("steps:\n  - uses: actions/cache/restore@v4\n    with: { path: node_modules, key: k }\n")).length,
      1,
    );
    assert.deepEqual(nodeModulesCacheFindings(snippet("steps:\n  - uses: actions/cache@v4\n    with: { path: ~/.npm, key: k }\n")), []);
  });

  test("cancel-in-progress: true on a workflow that also runs on push; pull-request-only forms pass", () => {
    const workflow = (value: string, on = "[pull_request, push]") =>
      `on: ${on}\nconcurrency:\n  group: g\n  cancel-in-progress: ${value}\njobs: {}\n`;
    assert.equal(cancelFindings(snippet(workflow("true"))).length, 1);
    assert.equal(cancelFindings(snippet(workflow("${{ github.event_name != 'push' }}"))).length, 1);
    assert.deepEqual(cancelFindings(snippet(workflow("${{ github.event_name == 'pull_request' }}"))), []);
    assert.deepEqual(cancelFindings(snippet(workflow("false"))), []);
    assert.deepEqual(cancelFindings(snippet(workflow("true", "pull_request_target"))), []);
  });

  test("a shown workflow with a job without permissions, an unpinned action or ${{ }} in run:", () => {
    const findings = snippetPolicyFindings({
      file: "README.md",
      line: 10,
      kind: "snippet",
      text: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.pull_request.title }}\n",
    });
    assert.deepEqual(
      findings.map((finding) => finding.where),
      ["README.md:10", "README.md:12", "README.md:15", "README.md:16"],
    );
  });
});

describe("what we ship or show", async () => {
  const all = await sources();
  const files = all.filter((source) => source.kind !== "snippet");
  const snippets = all.filter((source) => source.kind === "snippet");

  test("finds the files and the docs' blocks, and every block is YAML", () => {
    for (const path of [
      "reusable-workflows/model-ci.yml",
      ".github/workflows/drift.yml",
      ".github/workflows/ci.yml",
      ".github/workflows/release.yml",
      "examples/model-repo/.github/workflows/model.yml",
      "actions/evaluate/action.yml",
    ])
      assert.ok(
        files.some((source) => source.file === path),
        path,
      );
    // The README shows the caller workflow; the other workflows users copy live in the guides.
    for (const [file, least] of [
      ["README.md", 1],
      ["docs/model-repository.md", 3],
      ["docs/promotion.md", 2],
      ["docs/drift.md", 2],
    ] as const)
      assert.ok(snippets.filter((source) => source.file === file).length >= least, `${file}'s yaml blocks`);
    const broken = snippets.flatMap((source) => {
      const { document, where } = parse(source);
      return document.errors.map((error) => `${where(undefined)}: ${error.message.split("\n")[0]!}`);
    });
    assert.deepEqual(broken, []);
  });

  test("every GitHub App token is narrowed to one repository and the job's permissions", () => {
    assert.equal(format(all.flatMap(appTokenFindings)), "");
    const uses = files.flatMap((source) =>
      usesMaps(parse(source).document)
        .filter((map) => text(map.get("uses", true)).startsWith("actions/create-github-app-token@"))
        .map((map) => ({
          file: source.file,
          inputs: Object.fromEntries(withOf(map)!.items.map((pair) => [text(pair.key), text(pair.value)])),
        })),
    );
    // model-ci (promote), canary, drift (two jobs), dora and site (read-only), in reusable-workflows/ and their
    // .github/workflows copies; and our release's tag job, whose token pushes the pinned release commits (docs/releasing.md).
    assert.equal(uses.length, 13, JSON.stringify(uses.map((use) => use.file)));
    for (const { file, inputs } of uses) {
      if (file === ".github/workflows/release.yml") {
        // The release commits change .github/workflows/, which needs the workflows permission; this repository alone.
        assert.deepEqual(
          Object.fromEntries(Object.entries(inputs).filter(([key]) => key.startsWith("permission-"))),
          { "permission-contents": "write", "permission-workflows": "write" },
          file,
        );
        assert.equal(inputs.owner, "${{ github.repository_owner }}", file);
        assert.equal(inputs.repositories, "${{ github.event.repository.name }}", file);
        continue;
      }
      const permissions = Object.fromEntries(Object.entries(inputs).filter(([key]) => key.startsWith("permission-")));
      // The canary's token also reads the checks and statuses a self-healing rollback waits for (docs/self-healing.md).
      // dora and site read the merged pull requests and the history, as their jobs' permissions do (docs/dora.md, docs/site.md).
      const expected = file.endsWith("drift.yml")
        ? { "permission-contents": "read" }
        : file.endsWith("dora.yml") || file.endsWith("site.yml")
          ? { "permission-contents": "read", "permission-pull-requests": "read" }
          : file.endsWith("canary.yml")
            ? {
                "permission-contents": "write",
                "permission-pull-requests": "write",
                "permission-checks": "read",
                "permission-statuses": "read",
              }
            : { "permission-contents": "write", "permission-pull-requests": "write" };
      assert.deepEqual(permissions, expected, file);
      assert.equal(inputs.owner, "${{ steps.gitops.outputs.owner }}", `${file}: the owner of the gitops-repository input`);
      assert.equal(inputs.repositories, "${{ steps.gitops.outputs.name }}", `${file}: that repository alone`);
    }
  });

  test("no secrets: inherit anywhere", () => {
    assert.equal(format(all.flatMap(inheritFindings)), "");
  });

  test("no workflow or action caches node_modules", () => {
    assert.equal(format(all.flatMap(nodeModulesCacheFindings)), "");
    const caches = files.flatMap((source) =>
      usesMaps(parse(source).document).filter((map) => text(map.get("uses", true)).startsWith("actions/cache@")),
    );
    assert.ok(caches.length >= 1, "the evaluate action's npm cache is among them");
  });

  test("in the examples and the docs, cancel-in-progress applies to pull requests only", () => {
    const shown = all.filter((source) => source.kind === "snippet" || source.file.startsWith("examples/"));
    assert.equal(format(shown.flatMap(cancelFindings)), "");
    assert.ok(
      shown.some((source) => /cancel-in-progress: \$\{\{ github\.event_name == 'pull_request' \}\}/.test(source.text)),
      "the example model workflow cancels superseded pull-request runs",
    );
  });

  test("our own CI cancels superseded pull-request runs only, and a release never cancels", () => {
    const own = files.filter((source) => source.file === ".github/workflows/ci.yml" || source.file === ".github/workflows/release.yml");
    assert.equal(own.length, 2);
    assert.equal(format(own.flatMap(cancelFindings)), "");
    assert.match(own[0]!.text, /cancel-in-progress: \$\{\{ github\.event_name == 'pull_request' \}\}/, "ci.yml");
    assert.match(own[1]!.text, /cancel-in-progress: false/, "release.yml");
  });

  test("every workflow the docs show follows our workflow policy", () => {
    assert.ok(
      snippets.filter((source) => /^on:/m.test(source.text) && /^jobs:/m.test(source.text)).length >= 3,
      "the README's and the guides' workflows are checked",
    );
    assert.equal(format(snippets.flatMap(snippetPolicyFindings)), "");
  });

  test("sources are found relative to the repository", () => {
    for (const source of all)
      assert.ok(!source.file.startsWith("/") && relative(ROOT, join(ROOT, source.file)) === source.file, source.file);
  });
});
