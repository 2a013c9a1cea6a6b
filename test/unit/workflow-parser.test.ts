/**
 * scripts/lib/workflow-parser.ts, the function scripts/workflow-parser.ts runs on every workflow:
 * GitHub's parser accepts a valid workflow, reports schema and expression errors at their lines,
 * checks a call to one of our reusable workflows against its inputs and secrets, and leaves other
 * repositories' workflows alone. The action parser rejects `${{ secrets.* }}` in an action.yml.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FileReference } from "@actions/workflow-parser/workflows/file-reference";
import { parseActionText, parseWorkflowText } from "../../scripts/lib/workflow-parser.ts";

const VALID = `name: ci
on:
  pull_request:
  workflow_dispatch:
    inputs:
      level: { type: choice, options: [low, high], default: low }
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: npm test
        env:
          LEVEL: \${{ inputs.level }}
`;

const INVALID = `name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: soon
    steps:
      - run: echo \${{ github.event.nope( }}
      - uses: actions/checkout@v4
        wiht: {}
`;

const CALLED = `on:
  workflow_call:
    inputs:
      config: { type: string, required: true }
    secrets:
      token: { required: false }
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

const caller = (jobs: string) => `on: push\npermissions: {}\njobs:\n${jobs}`;

describe("parseWorkflowText", () => {
  test("a valid workflow has no errors", async () => {
    assert.deepEqual(await parseWorkflowText("ci.yml", VALID), []);
  });

  test("an invalid workflow reports each error with its line", async () => {
    const errors = await parseWorkflowText("ci.yml", INVALID);
    assert.deepEqual(
      errors.map((error) => [error.file, error.line, error.message]),
      [
        ["ci.yml", 6, "Unexpected value 'soon'"],
        ["ci.yml", 8, "Unexpected symbol: '('"],
        ["ci.yml", 10, "Unexpected value 'wiht'"],
      ],
    );
  });

  test("YAML that is not a workflow at all is an error", async () => {
    assert.notDeepEqual(await parseWorkflowText("x.yml", "just: [a, mapping\n"), []);
    assert.notDeepEqual(await parseWorkflowText("x.yml", "name: no jobs\non: push\n"), []);
  });

  test("a call to our reusable workflow is checked against its inputs; other repositories' calls are not", async () => {
    const asked: FileReference[] = [];
    const resolve = (ref: FileReference) => {
      asked.push(ref);
      if (!("repository" in ref)) throw new Error(`no ${ref.path}`);
      return ref.owner === "modelship" ? { name: ref.path, content: CALLED } : undefined;
    };
    const good = caller("  a:\n    uses: modelship/modelship/.github/workflows/model-ci.yml@v1\n    with:\n      config: modelship.yaml\n");
    assert.deepEqual(await parseWorkflowText("good.yml", good, resolve), []);

    const bad = caller(
      "  a:\n    uses: modelship/modelship/.github/workflows/model-ci.yml@v1\n    with:\n      confg: modelship.yaml\n    secrets:\n      nope: x\n",
    );
    const messages = (await parseWorkflowText("bad.yml", bad, resolve)).map((error) => `${error.line}: ${error.message}`);
    assert.ok(messages.includes("7: Invalid input, confg is not defined in the referenced workflow."), messages.join("\n"));
    assert.ok(
      messages.some((message) => message.includes("config") && message.includes("required")),
      messages.join("\n"),
    );
    assert.ok(
      messages.some((message) => message.startsWith("9: ") && message.includes("nope")),
      messages.join("\n"),
    );

    const foreign = caller("  a:\n    uses: someone/else/.github/workflows/x.yml@v1\n    with:\n      anything: 1\n");
    assert.deepEqual(await parseWorkflowText("foreign.yml", foreign, resolve), []);

    const local = caller("  a:\n    uses: ./.github/workflows/missing.yml\n");
    assert.deepEqual(
      (await parseWorkflowText("local.yml", local, resolve)).map((error) => [error.line, error.message]),
      [[5, "Unable to find reusable workflow"]],
    );
    assert.deepEqual(
      asked.map((ref) => ("repository" in ref ? `${ref.owner}/${ref.repository}/${ref.path}@${ref.version}` : ref.path)),
      [
        "modelship/modelship/.github/workflows/model-ci.yml@v1",
        "modelship/modelship/.github/workflows/model-ci.yml@v1",
        "someone/else/.github/workflows/x.yml@v1",
        ".github/workflows/missing.yml",
      ],
    );
  });
});

describe("parseActionText", () => {
  const action = (description: string) =>
    `name: a\ndescription: a\ninputs:\n  header:\n    description: "${description}"\nruns:\n  using: node24\n  main: main.js\n`;

  test("a valid action.yml has no errors", () => {
    assert.deepEqual(parseActionText("action.yml", action("Pass it from a secret, e.g. secrets.LOGS_AUTH.")), []);
  });

  test("an expression in an input description fails, as it fails to load on GitHub", () => {
    const errors = parseActionText("action.yml", action("Pass it from a secret: `${{ secrets.LOGS_AUTH }}`."));
    assert.deepEqual(
      errors.map((error) => [error.line, error.message]),
      [[5, "Unrecognized named-value: 'secrets'"]],
    );
  });
});
