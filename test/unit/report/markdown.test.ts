import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  code,
  details,
  escapeMarkdown,
  fitCommentBody,
  formatNumber,
  formatPercent,
  GITHUB_BODY_LIMIT,
  table,
  xyChart,
} from "../../../src/common/markdown.ts";

describe("markdown tables", () => {
  it("aligns columns and keeps every row on one line", () => {
    const text = table(
      ["name", "count"],
      [
        ["a", "1"],
        ["b\nc", "22"],
      ],
      { align: ["left", "right"] },
    );
    assert.equal(text, "| name | count |\n| --- | ---: |\n| a | 1 |\n| b c | 22 |");
  });

  it("says how many rows it left out", () => {
    const rows = Array.from({ length: 7 }, (_, index) => [String(index)]);
    const text = table(["n"], rows, { maxRows: 5 });
    assert.equal(text.split("\n").filter((line) => line.startsWith("| ")).length, 1 + 1 + 5, "header, rule and five rows");
    assert.match(text, /_2 more rows not shown\._/);
  });

  it("escapes text that would break a cell or render as markup", () => {
    assert.equal(escapeMarkdown("a|b <script> *x* [l](u)"), "a\\|b &lt;script&gt; \\*x\\* \\[l\\](u)");
    assert.equal(code("a`b"), "``a`b``");
    // A run of two backticks needs a fence of three (CommonMark: a code span closes at a run of its own length).
    assert.equal(code("a``b`"), "``` a``b` ```");
    assert.equal(code("x|y"), "`x\\|y`");
  });

  it("takes a lone carriage return for a line break too (CommonMark ends a line at CR), so no text can start a block", () => {
    assert.equal(escapeMarkdown("name\r## Approved"), "name ## Approved");
  });

  it("keeps an @mention of a user or team from notifying anyone; an address or a model@version stays as it is", () => {
    assert.equal(escapeMarkdown("@octo-org/security-team (sensitive)"), "@\u2060octo-org/security-team (sensitive)");
    assert.equal(escapeMarkdown("ping @alice, (@bob)"), "ping @\u2060alice, (@\u2060bob)");
    assert.equal(escapeMarkdown("adult-income@0.0.2 and ml@example.com"), "adult-income@0.0.2 and ml@example.com");
    assert.equal(code("a\rb\r\nc\nd"), "`a b c d`");
    assert.equal(table(["h"], [["x\r# y"]]).split("\n").length, 3);
  });
});

describe("collapsible details and charts", () => {
  it("leaves blank lines so markdown renders inside <details>", () => {
    assert.equal(details("More", "| a |\n| - |"), "<details><summary>More</summary>\n\n| a |\n| - |\n\n</details>");
  });

  it("writes a Mermaid xychart-beta block", () => {
    const chart = xyChart({
      title: 'Rate "by" group',
      x: ["A", "B"],
      yLabel: "rate",
      yRange: [0, 1],
      series: [{ kind: "bar", values: [0.123456789, 0.5] }],
    });
    assert.equal(
      chart,
      [
        "```mermaid",
        "xychart-beta",
        "    title \"Rate 'by' group\"",
        '    x-axis ["A", "B"]',
        '    y-axis "rate" 0 --> 1',
        "    bar [0.123457, 0.5]",
        "```",
      ].join("\n"),
    );
  });
});

describe("numbers for people", () => {
  it("groups thousands in counts and rounds shares", () => {
    assert.equal(formatNumber(1234567), "1,234,567");
    assert.equal(formatNumber(0.123456), "0.1235");
    assert.equal(formatNumber(undefined), "—");
    assert.equal(formatNumber(Number.POSITIVE_INFINITY), "∞");
    assert.equal(formatPercent(0.1234), "12.3%");
  });
});

describe("fitting a body under GitHub's limit", () => {
  it("leaves a short body alone", () => {
    assert.equal(fitCommentBody("short"), "short");
  });

  it("cuts a long body under the limit, closes open blocks and points to the full report", () => {
    const body = ["<details><summary>x</summary>", "", "```", ...Array.from({ length: 20_000 }, (_, index) => `line ${index}`)].join("\n");
    assert.ok(body.length > GITHUB_BODY_LIMIT);
    const fitted = fitCommentBody(body, { fullReport: "the `validation-report` artifact" });
    assert.ok(fitted.length <= GITHUB_BODY_LIMIT, `length ${fitted.length}`);
    assert.equal((fitted.match(/^```/gm) ?? []).length % 2, 0, "code fences are balanced");
    assert.equal((fitted.match(/<details/g) ?? []).length, (fitted.match(/<\/details>/g) ?? []).length);
    assert.match(fitted, /The full report is in the `validation-report` artifact/);
  });

  it("respects a smaller limit exactly", () => {
    const fitted = fitCommentBody("x\n".repeat(1000), { limit: 500 });
    assert.ok(fitted.length <= 500);
  });
});
