/**
 * The user's training command runs without the runner's credentials: the train stage (the path the
 * train action and `modelship train` take: runTrainStage → runTraining → runCommand) starts a real
 * command that dumps its environment (`env`) and copies a real ONNX model into place, with the
 * Actions runtime and OIDC request tokens, GitHub tokens, action inputs and modelship tokens set.
 * The command sees none of them, still sees PATH, HOME, CUDA_*, a variable of the caller's own and
 * what the stage sets (MODELSHIP_OUTPUT_DIR…), and the log names what was withheld, never a value.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MemoryLogger } from "../../src/common/logger.ts";
import { runTrainStage } from "../../src/stages/train-stage.ts";
import { exportOnnx } from "../../src/train/export-onnx.ts";
import { isWithheldVariable, withheldVariables } from "../../src/train/run-command.ts";

/** What a job step's environment holds that training must not see; each value is unique, to find it in any output. */
const SECRETS: Record<string, string> = {
  ACTIONS_RUNTIME_TOKEN: "secret-runtime-token-1",
  ACTIONS_RUNTIME_URL: "https://pipelines.example/secret-2/",
  ACTIONS_RESULTS_URL: "https://results.example/secret-3/",
  ACTIONS_CACHE_URL: "https://cache.example/secret-4/",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "secret-oidc-request-token-5",
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://oidc.example/secret-6",
  GITHUB_TOKEN: "ghs_secretGithubToken7",
  GH_TOKEN: "ghs_secretGhToken8",
  GH_ENTERPRISE_TOKEN: "ghs_secretEnterpriseToken9",
  INPUT_TOKEN: "ghs_secretInputToken10",
  "INPUT_GITOPS-TOKEN": "ghs_secretInputGitopsToken11",
  INPUT_CONFIG: "secret-input-config-12",
  MODELSHIP_GITOPS_TOKEN: "ghs_secretModelshipGitopsToken13",
  MODELSHIP_TOKEN: "ghs_secretModelshipToken14",
};

/** What the command must still see. */
const KEPT: Record<string, string> = {
  HOME: join(tmpdir(), "runner-home"),
  CUDA_VISIBLE_DEVICES: "0",
  GITHUB_SHA: "a".repeat(40),
  GITHUB_REPOSITORY: "octo-org/model",
  MY_TRAINING_SETTING: "kept-by-the-caller",
  MODELSHIP_RETRY_BASE_MS: "5",
};

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-training-env-"));
  // A real model for the command to "train": a one-layer regression from the built-in exporter.
  const model = exportOnnx(
    {
      task: "regression",
      target: "y",
      features: [{ name: "x", kind: "numeric", median: 0, mean: 0, std: 1 }],
      layers: [{ inputs: 1, units: 1, weights: Float32Array.of(0.5), bias: Float32Array.of(0.1), activation: "linear" }],
    },
    { producerVersion: "test" },
  );
  await writeFile(join(dir, "prebuilt.onnx"), model);
  await writeFile(
    join(dir, "modelship.yaml"),
    'version: 1\nmodel: env-check\ntrain:\n  command: env > "$PWD/seen.env" && cp prebuilt.onnx "$MODELSHIP_OUTPUT_DIR/model.onnx"\n  require_gpu: false\n',
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The variables a `env` dump lists (multi-line values are not expected here). */
function parseEnvDump(text: string): Map<string, string> {
  const seen = new Map<string, string>();
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) seen.set(line.slice(0, at), line.slice(at + 1));
  }
  return seen;
}

describe("the training command's environment", () => {
  test("a real command run by the train stage sees no runner credential, and still sees PATH, HOME and the caller's variables", async () => {
    const logger = new MemoryLogger();
    const result = await runTrainStage(
      { output: "out/model" },
      { config: {}, cwd: dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...KEPT, ...SECRETS }, logger, toolVersion: "test" },
    );
    assert.equal(result.record.mode, "command");
    const dump = await readFile(join(dir, "seen.env"), "utf8");
    const seen = parseEnvDump(dump);

    for (const [name, value] of Object.entries(SECRETS)) {
      assert.equal(seen.has(name), false, `the training command saw ${name}`);
      assert.ok(!dump.includes(value), `the value of ${name} reached the training command`);
    }
    for (const [name, value] of Object.entries(KEPT)) assert.equal(seen.get(name), value, `${name} is kept`);
    assert.equal(seen.get("PATH"), process.env.PATH ?? "/usr/bin:/bin");
    assert.ok(seen.get("MODELSHIP_OUTPUT_DIR")?.startsWith(join(dir, "out")), "the stage's own MODELSHIP_OUTPUT_DIR is kept");
    assert.equal(seen.get("MODELSHIP_PARAMS"), "{}");

    // The log says which names were withheld, and never a value.
    const log = logger.entries.map((entry) => entry.message).join("\n");
    assert.match(log, new RegExp(`Withheld from the training command's environment: ${Object.keys(SECRETS).sort().join(", ")}`));
    for (const value of Object.values(SECRETS)) assert.ok(!log.includes(value), "a withheld value was logged");
  });

  test("the rule by name: exact names, every INPUT_*, runtime and OIDC variables, modelship's tokens; nothing else", () => {
    for (const name of [
      ...Object.keys(SECRETS),
      "input_token",
      "ACTIONS_RUNTIME_SOMETHING_NEW",
      "ACTIONS_ID_TOKEN_X",
      "MODELSHIP_REGISTRY_TOKEN",
    ])
      assert.equal(isWithheldVariable(name), true, name);
    for (const name of [
      "PATH",
      "HOME",
      "CUDA_HOME",
      "GITHUB_SHA",
      "GITHUB_WORKSPACE",
      "RUNNER_TEMP",
      "MODELSHIP_OUTPUT_DIR",
      "ACTIONS_STEP_DEBUG",
      "TOKENIZERS_PARALLELISM",
    ])
      assert.equal(isWithheldVariable(name), false, name);
    const { env, withheld } = withheldVariables({ PATH: "/bin", GH_TOKEN: "x", INPUT_A: "y" });
    assert.deepEqual(env, { PATH: "/bin" });
    assert.deepEqual(withheld, ["GH_TOKEN", "INPUT_A"]);
  });
});
