/**
 * `modelship init --force` merges by splicing the user's text: every line it does not need to change
 * stays byte-identical (aligned comments, `[ main ]`, commented-out blocks at their indentation), a
 * value a flag replaces takes its explanatory comment along, and a key the user lacks goes in after
 * its preceding sibling, not at the end of the file.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { configYaml, mergeYaml, workflowYaml, type ConfigTemplate } from "../../../src/stages/init-files.ts";

/** The lines `after` keeps of `before` at its start and end, and what is between (the changed block). */
function diffLines(before: string, after: string): { head: number; tail: number; removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail, removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

const CONFIG: ConfigTemplate = {
  model: "churn",
  source: "customers.csv",
  train: "customers.train.csv",
  test: "customers.test.csv",
  testNote: "held out",
  task: "binary",
  positiveLabel: "yes",
  classes: ["no", "yes"],
};

describe("init --force merge", () => {
  test("--gpu-runner over a user-edited workflow changes only train-runs-on and the comment that explains it", () => {
    // The user's edits: an aligned comment collapsed, flow spacing, a custom comment of their own.
    const user = workflowYaml({ ref: "v1" })
      .replace("contents: write        # the release", "contents: write # the release")
      .replace("branches: [main]", "branches: [ main ]   # and release/* later")
      .replace("      config: modelship.yaml\n", "      config: modelship.yaml   # ours\n");
    assert.match(user, /\[ main \] {3}# and release/);
    const merged = mergeYaml(user, workflowYaml({ ref: "v1", gpuRunner: ["self-hosted", "gpu"] }), ".github/workflows/model.yml", [
      ["jobs", "model", "with", "train-runs-on"],
    ]);
    const diff = diffLines(user, merged);
    // Only the block from the "GitHub-hosted" comment to train-runs-on changed; every other line is the user's, byte for byte.
    assert.match(diff.removed[0]!, /^ {6}# GitHub-hosted/);
    assert.equal(diff.removed.at(-1), "      train-runs-on: '[\"ubuntu-latest\"]'");
    assert.equal(diff.added.at(-1), '      train-runs-on: \'["self-hosted","gpu"]\'');
    assert.ok(
      diff.added.slice(0, -1).every((line) => line.startsWith("      # ")),
      "the rest of the block is the new comment",
    );
    assert.ok(!diff.added.some((line) => /GitHub-hosted|ubuntu-latest/.test(line)), "the GitHub-hosted note left with its value");
    assert.ok(diff.added.some((line) => /Your own runners/.test(line)));
    assert.equal(diff.head + diff.removed.length + diff.tail, user.split("\n").length);
    // The commented `secrets:` block stays a sibling of `with:`: uncommented, it is jobs.model.secrets.
    assert.match(merged, /^ {4}# secrets:/m);
    const uncommented = merged.replace(/^ {4}# secrets:.*$/m, "    secrets:").replace(/^ {4}# {3}(gitops-app-[a-z-]+:)/gm, "      $1");
    const parsed = parseYaml(uncommented) as { jobs: { model: { secrets?: object; with: Record<string, unknown> } } };
    assert.deepEqual(Object.keys(parsed.jobs.model.secrets ?? {}), ["gitops-app-id", "gitops-app-private-key"]);
    assert.equal(parsed.jobs.model.with.secrets, undefined);
    // A re-run with the same flag changes nothing.
    assert.equal(
      mergeYaml(merged, workflowYaml({ ref: "v1", gpuRunner: ["self-hosted", "gpu"] }), "w", [["jobs", "model", "with", "train-runs-on"]]),
      merged,
    );
  });

  test("a key a hand-written file lacks goes in after its preceding sibling, with our comment; the user's lines stay in order and intact", () => {
    const user = [
      "model: churn   # mine",
      "data:",
      "    contract: data/contract.yaml      # four-space indent, aligned",
      "    train: customers.train.csv",
      "evaluate:",
      "    model: .modelship/model/model.onnx",
      "",
    ].join("\n");
    const merged = mergeYaml(user, configYaml(CONFIG), "modelship.yaml");
    const lines = merged.split("\n");
    // Every user line is there, in order (a subsequence of the merged lines).
    let at = 0;
    for (const line of user.split("\n")) {
      at = lines.indexOf(line, at);
      assert.notEqual(at, -1, `kept: ${line}`);
      at++;
    }
    // data.test comes right after data.train, at the user's four-space indent, with its comment.
    const train = lines.indexOf("    train: customers.train.csv");
    assert.match(lines[train + 1]!, /^ {4}test: customers\.test\.csv {3}# held out$/);
    // train: (a section) comes between data and evaluate, not at the end.
    const trainSection = lines.indexOf("train:");
    assert.ok(trainSection > train && trainSection < lines.indexOf("evaluate:"), merged);
    assert.ok(lines.indexOf("release:") > lines.indexOf("evaluate:"));
    const parsed = parseYaml(merged) as { data: Record<string, string>; evaluate: Record<string, unknown>; version: number };
    assert.deepEqual(parsed.data, { contract: "data/contract.yaml", train: "customers.train.csv", test: "customers.test.csv" });
    assert.equal(parsed.evaluate.positive_label, "yes");
    assert.equal(parsed.evaluate.model, ".modelship/model/model.onnx");
    assert.equal(parsed.version, 1);
  });

  test("a flag's value replaces the user's with its comment; the neighbouring keys keep their bytes", () => {
    const user = configYaml(CONFIG).replace(/^ {2}positive_label: .*$/m, '  positive_label: "no"       # we score the stayers');
    const merged = mergeYaml(user, configYaml(CONFIG), "modelship.yaml", [["evaluate", "positive_label"]]);
    const diff = diffLines(user, merged);
    assert.deepEqual(diff.removed, ['  positive_label: "no"       # we score the stayers']);
    assert.equal(diff.added.length, 1);
    assert.match(diff.added[0]!, /^ {2}positive_label: "?yes"? {3}# /);
  });
});
