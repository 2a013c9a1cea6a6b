/** The gate policy: defaults filled in, inline or in a file of its own, and schema errors that name the line. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../../src/config/modelship-config.ts";
import { resolveEvaluateSettings } from "../../../src/stages/evaluate-settings.ts";
import { defaultChampionRules, resolvePolicy } from "../../../src/gates/policy.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-policy-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function settingsFrom(yaml: string, files: Record<string, string> = {}) {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeFile(join(dir, "modelship.yaml"), yaml);
  return resolveEvaluateSettings({}, await loadConfig({ file: "modelship.yaml", cwd: dir }), dir);
}

describe("gate policy", () => {
  test("without a policy, the documented fairness defaults apply: DP and EO difference ≤ 0.10 fail, DP ratio ≥ 0.8 warns", () => {
    const policy = resolvePolicy({});
    assert.deepEqual(policy.bootstrap, { resamples: 2000, confidence: 0.95, seed: 0 });
    assert.deepEqual(
      policy.fairness.gates.map((gate) => [gate.metric, gate.min ?? gate.max, gate.severity]),
      [
        ["demographic_parity_difference", 0.1, "fail"],
        ["equalized_odds_difference", 0.1, "fail"],
        ["demographic_parity_ratio", 0.8, "warn"],
      ],
    );
    assert.equal(policy.fairness.minGroupSize, 30);
    assert.equal(policy.fairness.method, "between_groups");
    assert.equal(policy.champion, undefined);
    assert.deepEqual(policy.quality, []);
  });

  test("champion rules default to non-inferiority margins 0.005 (AUC) and 0.01 (accuracy), judged on the CI", () => {
    assert.deepEqual(defaultChampionRules("binary", "fail"), [
      { metric: "roc_auc", margin: 0.005, require: "not_worse", severity: "fail" },
      { metric: "accuracy", margin: 0.01, require: "not_worse", severity: "fail" },
    ]);
    assert.deepEqual(
      defaultChampionRules("regression", "warn").map((rule) => rule.metric),
      ["rmse"],
    );
  });

  test("an inline policy in modelship.yaml is read with its paths relative to the file", async () => {
    const settings = await settingsFrom(
      "model: m\ngates:\n  quality:\n    - { metric: roc_auc, min: 0.8, on: ci }\n  champion: { model: prod/model.onnx }\n",
    );
    assert.deepEqual(settings.policy.quality, [
      { metric: "roc_auc", min: 0.8, max: undefined, on: "ci", severity: "fail", name: undefined },
    ]);
    assert.deepEqual(
      settings.policy.champion?.source,
      { kind: "model", path: "prod/model.onnx" },
      "relative to the working directory, which holds modelship.yaml here",
    );
    assert.equal(settings.policy.source, "modelship.yaml (gates)");
  });

  test("gates.policy names a file of its own, checked against the schema", async () => {
    const settings = await settingsFrom("model: m\ngates:\n  policy: gates.yaml\n", {
      "gates.yaml":
        "fairness:\n  min_group_size: 50\n  gates:\n    - { metric: equal_opportunity_difference, max: 0.05, severity: warn }\n",
    });
    assert.equal(settings.policy.fairness.minGroupSize, 50);
    assert.deepEqual(settings.policy.fairness.gates, [
      { metric: "equal_opportunity_difference", min: undefined, max: 0.05, on: "point", severity: "warn", groupings: undefined },
    ]);
    assert.equal(settings.policy.fairness.defaultGates, false);
  });

  test("a misspelt metric names the file, line and pointer, and suggests the right name", async () => {
    await assert.rejects(settingsFrom("model: m\ngates:\n  quality:\n    - { metric: roc_aux, min: 0.8 }\n"), (error: Error) => {
      assert.equal(error.name, "UserError");
      assert.match(error.message, /modelship\.yaml:4/);
      assert.match(error.message, /\/gates\/quality\/0\/metric/);
      assert.match(error.message, /roc_auc/);
      return true;
    });
  });

  test("a gate without min or max is refused", async () => {
    await assert.rejects(settingsFrom("model: m\ngates:\n  quality:\n    - { metric: accuracy }\n"), /\/gates\/quality\/0/);
  });

  test("a policy both inline and in a file is refused, naming both", async () => {
    await assert.rejects(
      settingsFrom("model: m\ngates:\n  policy: gates.yaml\n  quality: [{ metric: accuracy, min: 0.5 }]\n", { "gates.yaml": "{}\n" }),
      /gates\.policy names a file, and gates also sets quality/,
    );
  });

  test("--champion and --resamples override the file", async () => {
    await writeFile(join(dir, "modelship.yaml"), "model: m\ngates:\n  bootstrap: { resamples: 10 }\n");
    const settings = await resolveEvaluateSettings(
      { champion: "other.onnx", resamples: 0, seed: 9 },
      await loadConfig({ file: "modelship.yaml", cwd: dir }),
      dir,
    );
    assert.deepEqual(settings.policy.champion?.source, { kind: "model", path: "other.onnx" });
    assert.deepEqual(settings.policy.bootstrap, { resamples: 0, confidence: 0.95, seed: 9 });
  });
});

describe("champion rules and --champion", () => {
  test("--champion gives the model and keeps the policy's rules, margins and severity", async () => {
    await writeFile(
      join(dir, "modelship.yaml"),
      "model: m\ngates:\n  champion:\n    rules: [{ metric: f1, margin: 0.3 }]\n    fairness_max_worsening: 0.5\n    severity: warn\n",
    );
    const settings = await resolveEvaluateSettings({ champion: "prod.onnx" }, await loadConfig({ file: "modelship.yaml", cwd: dir }), dir);
    assert.deepEqual(settings.policy.champion, {
      source: { kind: "model", path: "prod.onnx" },
      rules: [{ metric: "f1", margin: 0.3, require: "not_worse", severity: "warn" }],
      fairnessMaxWorsening: 0.5,
      severity: "warn",
    });
  });

  test("flags outside the schema's bounds are refused", async () => {
    await writeFile(join(dir, "modelship.yaml"), "model: m\n");
    const loaded = await loadConfig({ file: "modelship.yaml", cwd: dir });
    await assert.rejects(resolveEvaluateSettings({ threshold: 2 }, loaded, dir), /threshold must be between 0 and 1, got 2/);
    await assert.rejects(resolveEvaluateSettings({ threads: 0 }, loaded, dir), /threads must be between 1 and 1024/);
    await assert.rejects(resolveEvaluateSettings({ resamples: 200_000 }, loaded, dir), /resamples must be between 0 and 100000/);
  });
});
