import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  evaluateExpression,
  inputVariable,
  interpolate,
  loadAction,
  parseKeyValueFile,
  parseWorkflowCommands,
} from "../../support/runner.ts";
import { jobContainer } from "../../support/workflow.ts";

describe("the test runner harness", () => {
  test("evaluates expressions with GitHub's evaluator", () => {
    const context = { github: { workflow: "model", event: { pull_request: { number: 7 } } }, inputs: { level: "warning" } };
    assert.equal(evaluateExpression("github.workflow", context), "model");
    assert.equal(evaluateExpression("github.event.pull_request.number == 7 && !github.missing", context), true);
    assert.equal(evaluateExpression("inputs.level == 'WARNING'", context), true, "string comparison is case-insensitive in Actions");
    assert.equal(evaluateExpression("format('{0}-{1}', github.workflow, inputs.level)", context), "model-warning");
    assert.equal(interpolate("run ${{ github.workflow }} #${{ github.event.pull_request.number }}", context), "run model #7");
    assert.equal(interpolate("${{ github.missing }}", context), "");
  });

  test("names input variables like the runner: upper case, spaces to underscores, dashes kept", () => {
    assert.equal(inputVariable("fail-on"), "INPUT_FAIL-ON");
    assert.equal(inputVariable("my input"), "INPUT_MY_INPUT");
  });

  test("parses workflow commands with GitHub's escaping", () => {
    const [error, mask] = parseWorkflowCommands(
      "::error file=data/a%2Cb.csv,line=12,title=age%3A type::line 12%3A bad%0Avalue 100%25\n::add-mask::secret\nplain\n",
    );
    assert.deepEqual(error, {
      command: "error",
      properties: { file: "data/a,b.csv", line: "12", title: "age: type" },
      message: "line 12%3A bad\nvalue 100%",
    });
    assert.deepEqual(mask, { command: "add-mask", properties: {}, message: "secret" });
  });

  test("parses output files in both forms, and refuses a broken heredoc", () => {
    assert.deepEqual(parseKeyValueFile("a=1\nb<<EOF_1\nline 1\nline 2\nEOF_1\nc=x=y\n"), { a: "1", b: "line 1\nline 2", c: "x=y" });
    assert.throws(() => parseKeyValueFile("b<<EOF\nnever closed\n"), /unterminated heredoc/);
  });

  test("evaluates a job's container as the runner would create it; an empty image is no container", () => {
    const context = {
      inputs: { image: "node:24@sha256:" + "a".repeat(64), options: "--gpus all", none: "" },
      matrix: { image: "node:24" },
    };
    assert.deepEqual(jobContainer("${{ matrix.image }}", context), { image: "node:24" });
    assert.deepEqual(jobContainer({ image: "${{ inputs.image }}", options: "${{ inputs.options }}" }, context), {
      image: context.inputs.image,
      options: "--gpus all",
    });
    assert.deepEqual(jobContainer({ image: "${{ inputs.image }}", options: "${{ inputs.none }}" }, context), {
      image: context.inputs.image,
    });
    assert.equal(
      jobContainer({ image: "${{ inputs.none }}", options: "${{ inputs.options }}" }, context),
      undefined,
      "actions/runner#2235",
    );
    assert.equal(jobContainer("${{ inputs.none }}", context), undefined, "actions/runner#266");
    assert.equal(jobContainer(undefined, context), undefined);
    assert.throws(() => jobContainer({ image: "node:24", volumes: ["/:/host"] }, context), /container\.volumes is not supported here/);
  });

  test("loads an action manifest with its inputs and entry", async () => {
    const manifest = await loadAction("actions/comment");
    assert.equal(manifest.runs.using, "node24");
    assert.equal(manifest.inputs["body-file"]?.required, true);
    assert.equal(manifest.inputs.token?.default, "${{ github.token }}");
  });
});
