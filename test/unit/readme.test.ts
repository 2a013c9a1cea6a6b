/**
 * The README's and the guides' words that code can check. The README stays the front door (under 300
 * lines; later features add to docs/): its `## Start a repository` block is the one engineer A's
 * end-to-end test runs, its caller workflow is true to the reusable workflow and the example, and its
 * rendered PR comment is the top of the real one in docs/examples (regenerated from a gate report by
 * the build). docs/README.md indexes every doc. The action table (docs/model-repository.md) lists every
 * action, and the CLI block (docs/cli.md) every command, each flag one its --help lists. Links are
 * checked in links.test.ts.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { COMMAND_NAMES, runCli } from "../../src/cli/run-cli.ts";
import { extractLinks } from "../../scripts/lib/links.ts";

const root = join(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const readme = read("README.md");

/** The `## title` section of a markdown text, up to the next `## ` heading. */
function section(text: string, title: string, where = "the README"): string {
  const start = text.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, `${where} has a "${title}" section`);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of `lang` in `text`, in order. */
const blocks = (text: string, lang: string) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, "gm"))].map((match) => match[1]!);

/** The relative link targets of a markdown file, without #anchors. */
const linkedFiles = (path: string) =>
  extractLinks(path, read(path))
    .filter((link) => !/^[a-z]+:/i.test(link.target))
    .map((link) => link.target.split("#")[0]!);

describe("README", () => {
  test("stays under 300 lines (guides go in docs/)", () => {
    const lines = readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0);
    assert.ok(lines < 300, `README.md has ${lines} lines: move the new section into a guide in docs/ and link it from docs/README.md`);
  });

  test("`## Start a repository` begins with the five commands a newcomer runs", () => {
    const first = blocks(section(readme, "Start a repository"), "sh")[0];
    assert.equal(
      first,
      [
        "ONNXRUNTIME_NODE_INSTALL=skip npm install --save-dev modelship   # Node 22.17+ or 24+; docs/install.md says why skip",
        "npx modelship init                 # in a repository that holds your CSV",
        "npx modelship validate",
        "npx modelship train",
        "npx modelship evaluate",
        "",
      ].join("\n"),
    );
    const known = new Set(COMMAND_NAMES);
    for (const [, name] of first.matchAll(/^npx modelship ([a-z-]+)/gm))
      assert.ok(known.has(name ?? ""), `modelship ${name} is not a command`);
  });

  test("the caller workflow uses model-ci.yml's real inputs and secrets, with the example's permissions", () => {
    const caller = blocks(readme, "yaml").find((text) => text.startsWith("# .github/workflows/model.yml"));
    assert.ok(caller !== undefined, "the README shows .github/workflows/model.yml");
    type Job = { uses: string; permissions: unknown; with: Record<string, unknown>; secrets: Record<string, unknown> };
    const job = (parse(caller) as { jobs: { model: Job } }).jobs.model;
    assert.equal(job.uses, "modelship/modelship/.github/workflows/model-ci.yml@v1");
    const reusable = parse(read("reusable-workflows/model-ci.yml")) as {
      on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
    };
    for (const input of Object.keys(job.with))
      assert.ok(input in reusable.on.workflow_call.inputs, `model-ci.yml has no input "${input}" (the README's caller passes it)`);
    for (const secret of Object.keys(job.secrets))
      assert.ok(secret in reusable.on.workflow_call.secrets, `model-ci.yml has no secret "${secret}" (the README's caller passes it)`);
    const example = parse(read("examples/model-repo/.github/workflows/model.yml")) as { jobs: { model: Job } };
    assert.deepEqual(job.permissions, example.jobs.model.permissions, "the same permissions as examples/model-repo's model.yml");
    assert.deepEqual(
      Object.keys(job.with).sort(),
      Object.keys(example.jobs.model.with)
        .filter((key) => key !== "sweep" && key !== "select-metric")
        .sort(),
    );
  });

  test("the PR comment it shows is the top of the real rendered comment", () => {
    const shown = section(readme, "What a PR comment looks like")
      .split("\n")
      .filter((line) => line.startsWith("|") || line.startsWith("### ") || line.startsWith("**"));
    assert.ok(shown.length >= 5, "the section shows the comment's headline, summary and table rows");
    const real = read("docs/examples/gate-report.md").split("\n");
    for (const line of shown) assert.ok(real.includes(line), `not in docs/examples/gate-report.md: ${line}`);
  });

  test("links the docs index, each guide the issue names and the generated references", () => {
    const linked = new Set(linkedFiles("README.md"));
    for (const doc of [
      "docs/README.md",
      "docs/install.md",
      "docs/init.md",
      "docs/data.md",
      "docs/training.md",
      "docs/gates.md",
      "docs/releases.md",
      "docs/promotion.md",
      "docs/drift.md",
      "docs/security.md",
      "docs/gpu-runners.md",
      "docs/performance.md",
      "docs/configuration.md",
      "docs/actions.md",
    ])
      assert.ok(linked.has(doc), `README.md links ${doc}`);
  });
});

describe("docs/README.md", () => {
  test("indexes every doc under docs/", () => {
    const linked = new Set(linkedFiles("docs/README.md"));
    const docs = readdirSync(join(root, "docs"), { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".md") && path !== "README.md")
      .map((path) => path.split("\\").join("/"));
    assert.ok(docs.length >= 20, `found ${docs.length} docs`);
    const missing = docs.filter((doc) => !linked.has(doc));
    assert.deepEqual(missing, [], "add a line for each to docs/README.md");
  });
});

describe("docs/model-repository.md", () => {
  test("its action table lists every action, and every listed action exists", () => {
    const text = read("docs/model-repository.md");
    const listed = [
      ...section(text, "The actions and reusable workflows", "docs/model-repository.md").matchAll(
        /`modelship\/modelship\/actions\/([a-z-]+)@v1`/g,
      ),
    ]
      .map((match) => match[1]!)
      .sort();
    const folders = readdirSync(join(root, "actions"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(listed, folders);
  });
});

describe("docs/development.md", () => {
  test("its apt line and package table name exactly the packages .ci/run installs", () => {
    const words = (line: string) => line.split(/\s+/).filter((word) => word !== "" && !word.startsWith("-"));
    const ciRun = words(/apt-get install ([^\n>]*)/.exec(read(".ci/run"))![1]!).sort();
    const text = read("docs/development.md");
    const shown = words(/sudo apt-get install ([^\n]*)/.exec(text)![1]!).sort();
    assert.deepEqual(shown, ciRun);
    const tabled = [...text.matchAll(/^\| ([^|]+) \|/gm)].flatMap((match) =>
      [...match[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((name) => name[1]!),
    );
    assert.deepEqual(tabled.sort(), ciRun);
  });
});

describe("docs/cli.md", () => {
  const block = blocks(read("docs/cli.md"), "text")[0]!;
  /** Each usage in the block: `modelship profile merge …` and the usages joined by ` | `. */
  const usages = block
    .split("\n")
    .flatMap((line) => line.split(" | "))
    .filter((usage) => usage.startsWith("modelship "));

  test("every command is in the CLI block, and every command there exists", () => {
    const used = new Set(usages.map((usage) => usage.split(" ")[1]!));
    const known = new Set(COMMAND_NAMES);
    for (const name of used) assert.ok(known.has(name), `modelship ${name} is not a command`);
    for (const name of known) assert.ok(used.has(name), `modelship ${name} is missing from docs/cli.md's CLI block`);
  });

  test("every flag in the block is one the command's --help lists", async () => {
    const helpOf = async (argv: string[]) => {
      let out = "";
      const io = { stdout: (text: string) => void (out += text), stderr: (text: string) => void (out += text) };
      await runCli([...argv, "--help"], { io, version: "0.0.0", env: {} });
      return out;
    };
    let checked = 0;
    for (const usage of usages) {
      const words = usage.split(" ");
      const sub = /^[a-z]+$/.test(words[2] ?? "") ? [words[2]!] : [];
      const help = (await helpOf([words[1]!])) + (sub.length > 0 ? await helpOf([words[1]!, ...sub]) : "");
      for (const [flag] of usage.matchAll(/--[a-z][a-z-]*/g)) {
        assert.ok(
          new RegExp(`${flag}(?![a-z-])`).test(help),
          `docs/cli.md shows "${flag}" for modelship ${words[1]}, which its --help does not list`,
        );
        checked++;
      }
    }
    assert.ok(checked >= 30, `checked ${checked} flags`);
  });
});
