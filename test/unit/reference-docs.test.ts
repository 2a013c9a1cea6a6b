import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import {
  codeSpan,
  defaultFromDescription,
  mdCell,
  renderActionsReference,
  renderConfigurationReference,
  type ActionManifest,
  type SchemaFile,
  type WorkflowSource,
} from "../../scripts/lib/reference-docs.ts";

const HEADER = "| Key | Type | Required | Allowed values | Default | Description |";
/** One row of a configuration table, built the way a reader would expect it. */
const row = (...cells: string[]) => `| ${cells.join(" | ")} |`;

/** The lines of `markdown` under the heading `heading`, up to the next heading. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no heading ${heading}`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith("#"));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

const policyDescription = "The rules | in a file of their own.";
const main: SchemaFile = {
  file: "schemas/app.schema.json",
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://example.test/schemas/app.schema.json",
    title: "app.yaml",
    description: "The app's settings.",
    type: "object",
    required: ["name"],
    properties: {
      name: { description: "Either a or b.", type: "string", pattern: "^(a|b)$" },
      mode: { description: "How it runs: fast (default) or slow.", enum: ["fast", "slow", "true"] },
      limits: {
        description: "Limits.\nTwo of them.",
        type: "object",
        properties: {
          warn: { description: "Warn level (default 0.1).", type: "number", exclusiveMinimum: 0 },
          tags: { description: "Tags | labels; default [x].", type: "array", items: { type: "string", minLength: 1 } },
          retries: { description: "Retries.", type: "integer", default: 3 },
        },
      },
      policy: { description: policyDescription, $ref: "https://example.test/schemas/policy.schema.json" },
    },
  },
};
const policy: SchemaFile = {
  file: "schemas/policy.schema.json",
  schema: {
    $id: "https://example.test/schemas/policy.schema.json",
    description: "A policy (its own description, overridden where it is referenced).",
    type: "object",
    $defs: {
      level: { description: "`fail` or `warn`.", enum: ["fail", "warn"] },
      rule: {
        description: "One rule.",
        type: "object",
        required: ["metric"],
        anyOf: [{ required: ["min"] }, { required: ["max"] }],
        properties: {
          metric: { description: "The metric.", type: "string" },
          min: { description: "At least this.", type: "number" },
          max: { description: "At most this.", type: "number" },
          level: { $ref: "#/$defs/level", description: "`fail` (default) or `warn` for this rule." },
        },
      },
    },
    properties: {
      level: { $ref: "#/$defs/level", description: "The overall level." },
      rules: { description: "The rules.", type: "array", items: { $ref: "#/$defs/rule" } },
    },
  },
};
const documents = [
  { file: "schemas/app.schema.json", heading: "app.yaml" },
  { file: "schemas/policy.schema.json", heading: "Policy file", nestedUnder: "policy" },
];

describe("reference docs: configuration", () => {
  const markdown = renderConfigurationReference([main, policy], documents);

  it("starts with the generated notice naming the sources and the script", () => {
    const first = markdown.split("\n")[0]!;
    assert.equal(
      first,
      "<!-- GENERATED from schemas/app.schema.json, schemas/policy.schema.json by scripts/generate.ts — do not edit by hand; edit the source and run `npm run build`. -->",
    );
    assert.ok(markdown.endsWith("\n") && !markdown.endsWith("\n\n"));
  });

  it("lists the top-level keys with type, required, allowed values, default and description, in source order", () => {
    const top = section(markdown, "## app.yaml");
    const expected = [
      HEADER,
      "| --- | --- | --- | --- | --- | --- |",
      row("`name`", "string", "yes", "matches `^(a\\|b)$`", "", "Either a or b."),
      row("`mode`", "string", "", '`fast`, `slow`, `"true"`', "`fast`", "How it runs: fast (default) or slow."),
      row("`limits`", "object", "", "", "", "Limits.<br>Two of them."),
      row("`policy`", "object", "", "", "", mdCell(policyDescription)),
    ].join("\n");
    assert.ok(top.includes(expected), top);
  });

  it("gives each nested object a section with dotted paths, escaping | and newlines in cells", () => {
    const limits = section(markdown, "### `limits`");
    assert.ok(limits.includes("Limits.\nTwo of them."), "the section text keeps its line break");
    assert.ok(limits.includes(row("`limits.warn`", "number", "", "> 0", "`0.1`", "Warn level (default 0.1).")), limits);
    assert.ok(
      limits.includes(row("`limits.tags`", "array of string", "", "each item: not empty", "`[x]`", "Tags \\| labels; default [x].")),
      limits,
    );
    assert.ok(limits.includes(row("`limits.retries`", "integer", "", "", "`3`", "Retries.")), "the default keyword wins");
  });

  it("follows $ref into another schema file and within it, with the referencing description winning", () => {
    const section1 = section(markdown, "### `policy`");
    assert.ok(section1.includes(policyDescription));
    assert.ok(!section1.includes("its own description"));
    assert.ok(section1.includes("Schema: [`schemas/policy.schema.json`](../schemas/policy.schema.json)."));
    assert.ok(section1.includes(row("`policy.level`", "string", "", "`fail`, `warn`", "", "The overall level.")), section1);
    assert.ok(section1.includes(row("`policy.rules`", "array of object", "", "", "", "The rules.")));
    const rules = section(markdown, "### `policy.rules[]`");
    assert.ok(rules.includes("One rule."));
    assert.ok(rules.includes(row("`policy.rules[].metric`", "string", "yes", "", "", "The metric.")));
    assert.ok(
      rules.includes(row("`policy.rules[].level`", "string", "", "`fail`, `warn`", "`fail`", "`fail` (default) or `warn` for this rule.")),
      rules,
    );
    assert.ok(rules.includes("At least one of `min`, `max` must be set."));
    assert.ok(!rules.includes("Schema: ["), "no second link once inside the same file");
  });

  it("renders a document documented elsewhere as its top-level table and a pointer", () => {
    const file = section(markdown, "## Policy file");
    assert.ok(file.includes("[`policy`](#policy)"));
    assert.ok(file.includes(row("`level`", "string", "", "`fail`, `warn`", "", "The overall level.")));
    assert.equal(markdown.split("\n").filter((line) => line.startsWith("### `policy.rules[]`")).length, 1);
  });

  it("is deterministic", () => {
    assert.equal(renderConfigurationReference([main, policy], documents), markdown);
    assert.equal(renderConfigurationReference([policy, main], documents), markdown, "the order of the schema files does not matter");
  });

  it("fails on a $ref to a schema it does not have", () => {
    assert.throws(() => renderConfigurationReference([main], documents.slice(0, 1)), /unknown schema/);
  });
});

describe("reference docs: actions and reusable workflows", () => {
  const manifest = parse(`
name: demo thing
description: Does a thing | well.
inputs:
  token:
    description: "GitHub token with \`contents: read\`."
    required: false
    default: \${{ github.token }}
  file:
    description: |
      The file.
      One per line.
    required: true
  flag:
    description: A flag.
    default: "false"
outputs:
  result:
    description: The result.
runs:
  using: node24
  main: ../../dist/demo.js
`) as ActionManifest;
  const workflow = parse(`
name: demo workflow
on:
  workflow_call:
    inputs:
      runs-on:
        description: Runner labels, as JSON.
        type: string
        default: '["ubuntu-latest"]'
      level:
        description: A level; empty means the config's.
        type: string
        default: ""
      train:
        description: Train.
        type: boolean
        default: true
    secrets:
      app-key:
        description: The key.
        required: true
    outputs:
      verdict:
        description: pass | fail.
        value: \${{ jobs.check.outputs.verdict }}
jobs: {}
`) as WorkflowSource["workflow"];
  const markdown = renderActionsReference({
    actions: [{ dir: "demo", manifest }],
    workflows: [
      { file: "demo.yml", workflow },
      { file: "plain.yml", workflow: { name: "not reusable", on: { push: null } } },
    ],
  });

  it("starts with the generated notice", () => {
    assert.equal(
      markdown.split("\n")[0],
      "<!-- GENERATED from actions/*/action.yml, reusable-workflows/*.yml by scripts/generate.ts — do not edit by hand; edit the source and run `npm run build`. -->",
    );
  });

  it("documents an action: name, description, uses line, inputs and outputs in source order", () => {
    const action = section(markdown, "### `demo`");
    assert.ok(action.includes("**demo thing**: Does a thing | well."));
    assert.ok(action.includes("- uses: modelship/modelship/actions/demo@v1"));
    assert.ok(
      action.includes(
        [
          "| Input | Required | Default | Description |",
          "| --- | --- | --- | --- |",
          row("`token`", "no", "`${{ github.token }}`", "GitHub token with `contents: read`."),
          row("`file`", "yes", "", "The file.<br>One per line."),
          row("`flag`", "no", "`false`", "A flag."),
        ].join("\n"),
      ),
      action,
    );
    assert.ok(action.includes(["| Output | Description |", "| --- | --- |", row("`result`", "The result.")].join("\n")));
  });

  it("documents a reusable workflow's inputs with type and default, its secrets and outputs; skips workflows that are not reusable", () => {
    const reusable = section(markdown, "### `demo.yml`");
    assert.ok(reusable.includes("    uses: modelship/modelship/.github/workflows/demo.yml@v1"));
    assert.ok(
      reusable.includes(
        [
          "| Input | Type | Required | Default | Description |",
          "| --- | --- | --- | --- | --- |",
          row("`runs-on`", "string", "no", '`["ubuntu-latest"]`', "Runner labels, as JSON."),
          row("`level`", "string", "no", '`""`', "A level; empty means the config's."),
          row("`train`", "boolean", "no", "`true`", "Train."),
        ].join("\n"),
      ),
      reusable,
    );
    assert.ok(reusable.includes(row("`app-key`", "yes", "The key.")));
    assert.ok(reusable.includes(row("`verdict`", "pass \\| fail.")));
    assert.ok(!markdown.includes("plain.yml"));
  });

  it("is deterministic", () => {
    assert.equal(
      renderActionsReference({
        actions: [{ dir: "demo", manifest }],
        workflows: [
          { file: "demo.yml", workflow },
          { file: "plain.yml", workflow: { on: { push: null } } },
        ],
      }),
      markdown,
    );
  });
});

describe("reference docs: helpers", () => {
  it("escapes table cells", () => {
    assert.equal(mdCell(" a | b\r\nc\n"), "a \\| b<br>c");
  });

  it("makes code spans that hold backticks", () => {
    assert.equal(codeSpan("${{ github.token }}"), "`${{ github.token }}`");
    assert.equal(codeSpan("a`b"), "``a`b``");
    assert.equal(codeSpan("`x`"), "`` `x` ``");
  });

  it("takes a default from a description only as stated", () => {
    assert.equal(defaultFromDescription("Rows per batch (default 8192)."), "8192");
    assert.equal(defaultFromDescription("Resamples (default 2000; 0 turns it off)."), "2000");
    assert.equal(defaultFromDescription("Threshold (binary; default 0.5)."), "0.5");
    assert.equal(defaultFromDescription("Threads (default: the runtime's choice)."), "the runtime's choice");
    assert.equal(defaultFromDescription("Where it goes; default .modelship/reports."), ".modelship/reports");
    assert.equal(defaultFromDescription("Bake time. Default 30m. A failing check rolls back."), "30m");
    assert.equal(defaultFromDescription("`fail` (default) or `warn`.", ["fail", "warn"]), "fail");
    assert.equal(defaultFromDescription("none or bh (Benjamini–Hochberg; default).", ["none", "bh"]), "bh");
    assert.equal(
      defaultFromDescription("Errors (default) or warnings.", ["error", "warning"]),
      undefined,
      "a word that is not an allowed value is not a default",
    );
    assert.equal(defaultFromDescription("The label column."), undefined);
  });
});
