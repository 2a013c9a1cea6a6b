/**
 * The memory floor (issue 28, part 3): resources.memory_floor raises the serving container's memory
 * request to ceil(measured peak × margin) in Mi on every target kind that has one, keeps a larger
 * request, refuses a limit below the floor, puts a shared pod template's request back on rollback,
 * keeps comments, leaves manifests that still validate against the upstream CRDs, and shows its
 * derivation in the PR body. Expected values are worked out here from the units (MB = 10^6 bytes,
 * Mi = 2^20 bytes), not read from the code under test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { isUserError } from "../../../src/common/errors.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { promotionBody, type PromotionView } from "../../../src/gitops/promotion-body.ts";
import {
  memoryFloorMi,
  parseQuantity,
  promotionMemoryFloor,
  STABLE_MEMORY_KEY,
  type MemoryFloor,
} from "../../../src/gitops/targets/memory-floor.ts";
import {
  applyAction,
  applyMemoryFloor,
  type ModelRef,
  type RolloutAction,
  type TargetSpec,
} from "../../../src/gitops/targets/target-dispatch.ts";
import { formatProblem, validateManifestText } from "../../../src/gitops/validate-manifests.ts";
import type { ModelManifest } from "../../../src/registry/registry-types.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";
import { exampleManifest, V2 } from "../../support/manifests.ts";

const MIB = 1024 * 1024;
const SETTING = "promote.environments.production.resources.memory_floor";
/** 61.3 MB × 1.5, worked out below: 88Mi. */
const FLOOR: MemoryFloor = {
  mi: 88,
  peakMb: 61.3,
  sizeMb: 1.234567,
  basis: "peak",
  margin: 1.5,
  runner: "Intel Xeon Platinum 8370C, 2 threads, onnxruntime 1.20.1",
};
const START: RolloutAction = { kind: "start", weight: 10 };

/** The action, then the floor's pass, as promotion runs them. */
function promoteText(
  text: string,
  target: TargetSpec,
  action: RolloutAction,
  floor: MemoryFloor | undefined = FLOOR,
  model: ModelRef = V2,
) {
  return applyMemoryFloor(applyAction(text, target, model, action), target, { model, action, floor, setting: SETTING });
}

function documentOf(text: string, kind: string, name?: string) {
  const document = parseAllDocuments(text).find(
    (d) => d.get("kind") === kind && (name === undefined || d.getIn(["metadata", "name"]) === name),
  );
  assert.ok(document, `no ${kind} ${name ?? ""} in\n${text}`);
  return document;
}

function valueAt(text: string, kind: string, path: (string | number)[], name?: string): unknown {
  const value: unknown = documentOf(text, kind, name).getIn(path);
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function assertValid(text: string, file: string): void {
  assert.deepEqual(validateManifestText(text, file, { modelFormat: "onnx" }).problems.map(formatProblem), [], text);
}

/** The release manifest's part the floor reads. */
function releaseManifest(operational: ModelManifest["operational"]): ModelManifest {
  return {
    schema: "modelship/model-manifest@1",
    name: "adult-income",
    version: "0.0.2",
    tag: "adult-income/v0.0.2",
    created: "2026-12-07T00:00:00.000Z",
    tool: { name: "modelship", version: "test" },
    format: "onnx",
    files: [{ name: "model.onnx", sha256: "0".repeat(64), bytes: 1, role: "model" }],
    metrics: {},
    gate: { verdict: "pass", modelMatches: true, allowUngated: false },
    lineage: {},
    digest: "0".repeat(64),
    ...(operational === undefined ? {} : { operational }),
  };
}

const OPERATIONAL: NonNullable<ModelManifest["operational"]> = {
  environment: { cpu: "Intel Xeon Platinum 8370C", logicalCpus: 4, threads: 2, onnxruntime: "1.20.1", platform: "linux-x64" },
  bytes: 1_234_567,
  sizeMb: 1.234567,
  parameters: 10_000,
  loadMs: 12.5,
  peakMemoryMb: 61.3,
  latency: [],
};

/** A promotion view of V2's canary start with `memory` as the floor left it. */
function view(memory: PromotionView["memory"]): PromotionView {
  return {
    environment: resolveEnvironment(
      "production",
      parseConfig(
        JSON.stringify({
          version: 1,
          model: "adult-income",
          promote: { environments: { production: { targets: [{ kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" }] } } },
        }),
        { file: "modelship.yaml", cwd: "/tmp" },
      ),
    ),
    action: START,
    model: V2,
    release: { version: "0.0.2" },
    before: { stable: { version: "0.0.1", uri: "https://example.com/old.onnx" } },
    after: { stable: { version: "0.0.1", uri: "https://example.com/old.onnx" }, canary: { version: "0.0.2", uri: V2.uri, weight: 10 } },
    files: [{ file: "apps/adult-income/rollout.yaml", kind: "argo-rollouts" }],
    rollbackCommand: "modelship promote adult-income --env production --action rollback",
    ...(memory === undefined ? {} : { memory }),
  };
}

const RESOURCES_COMMENT = "# sized for 0.0.1 by hand";

describe("the floor's arithmetic", () => {
  it("61.3 MB × 1.5 is 91.95 MB = 91,950,000 bytes, between 87Mi and 88Mi, so the floor is 88Mi", () => {
    const bytes = 61.3 * 1.5 * 1_000_000;
    assert.ok(Math.abs(bytes - 91_950_000) < 1e-3);
    // 87 Mi = 91,226,112 bytes < 91,950,000 ≤ 88 Mi = 92,274,688 bytes.
    assert.ok(87 * MIB < 91_950_000 && 91_950_000 <= 88 * MIB);
    assert.equal(memoryFloorMi(61.3, 1.5), 88);
  });

  it("a product of exactly 64 Mi is 64Mi, not 65Mi", () => {
    // 64 Mi = 67,108,864 bytes = 67.108864 MB; × 1.
    assert.equal(memoryFloorMi(67.108864, 1), 64);
    // 33.554432 MB × 2 is the same 64 Mi.
    assert.equal(memoryFloorMi(33.554432, 2), 64);
  });

  it("reads Kubernetes quantities in every suffix form", () => {
    assert.equal(parseQuantity("128Mi"), 128 * MIB);
    assert.equal(parseQuantity("1Gi"), 1024 * MIB);
    assert.equal(parseQuantity("1.5Gi"), 1536 * MIB);
    assert.equal(parseQuantity("500M"), 500_000_000);
    assert.equal(parseQuantity("1G"), 1_000_000_000);
    assert.equal(parseQuantity("2k"), 2000);
    assert.equal(parseQuantity("1e9"), 1_000_000_000);
    assert.equal(parseQuantity("1E3"), 1000);
    assert.equal(parseQuantity("1E"), 1e18);
    assert.equal(parseQuantity("100m"), 0.1);
    assert.equal(parseQuantity(134_217_728), 134_217_728);
    assert.equal(parseQuantity("128 MiB"), undefined);
    assert.equal(parseQuantity("lots"), undefined);
  });
});

describe("the floor of a promotion", () => {
  const warnings: string[] = [];
  const floorFor = (action: RolloutAction, manifest: ModelManifest | undefined) =>
    promotionMemoryFloor({ margin: 1.5, environment: "production", action, manifest, warn: (message) => void warnings.push(message) });

  it("comes from the release manifest's peak and names the runner it was measured on", () => {
    assert.deepEqual(floorFor(START, releaseManifest(OPERATIONAL)), {
      mi: 88,
      peakMb: 61.3,
      sizeMb: 1.234567,
      basis: "peak",
      margin: 1.5,
      runner: "Intel Xeon Platinum 8370C, 2 threads, onnxruntime 1.20.1",
    });
  });

  it("takes the model's size when the measured peak reads below it (an under-reading: the session holds its weights), and warns", () => {
    warnings.length = 0;
    // 0 MB measured, 50 MB of weights: 50 MB × 1.5 = 75,000,000 bytes; 71 Mi = 74,448,896 < that ≤ 72 Mi = 75,497,472.
    assert.ok(71 * MIB < 75_000_000 && 75_000_000 <= 72 * MIB);
    const floor = floorFor(START, releaseManifest({ ...OPERATIONAL, peakMemoryMb: 0, sizeMb: 50, bytes: 50_000_000 }));
    assert.ok(floor !== undefined);
    assert.equal(floor.mi, 72);
    assert.equal(floor.basis, "size");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /measured peak memory \(0 MB\) is below the model's size \(50 MB\)/);
    const body = promotionBody(view({ floor, changes: [] }));
    assert.ok(body.includes("Memory request floor **72Mi** = ceil(50 MB model size × 1.5 = 75 MB = 71.53 MiB)"), body);
    assert.ok(body.includes("The measured peak (0 MB) is below the model's size (50 MB)"), body);
  });

  it("refuses to start or replace a model whose release has no operational figures, naming the setting and the fixes", () => {
    for (const action of [START, { kind: "direct" }] as RolloutAction[]) {
      assert.throws(
        () => floorFor(action, releaseManifest(undefined)),
        (error: unknown) =>
          isUserError(error) &&
          error.problem.includes(SETTING) &&
          error.problem.includes("adult-income@0.0.2 has no operational figures") &&
          /release the model again/.test(error.hint ?? "") &&
          /remove resources\.memory_floor/.test(error.hint ?? ""),
      );
    }
  });

  it("lets a running canary step or promote without figures, with a warning, and never asks on rollback", () => {
    warnings.length = 0;
    assert.equal(floorFor({ kind: "step", weight: 50 }, releaseManifest(undefined)), undefined);
    assert.equal(floorFor({ kind: "rollback" }, releaseManifest(undefined)), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /left as they are/);
  });

  it("is not derived when the environment does not ask for it", () => {
    assert.equal(
      promotionMemoryFloor({ margin: undefined, environment: "production", action: START, manifest: undefined, warn: () => undefined }),
      undefined,
    );
  });
});

describe("the floor in each target kind", () => {
  it("kserve-standard: a new canary predictor starts from the stable model's memory, never below it; on promote the larger request is kept", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" };
    const started = promoteText(exampleManifest("inferenceservice.yaml"), target, START);
    // The stable model asks 1Gi = 1024 Mi ≥ 88 Mi: the canary asks the same, not the floor.
    assert.deepEqual(valueAt(started.text, "InferenceService", ["spec", "canary", 0, "predictor", "model", "resources"]), {
      requests: { memory: "1Gi" },
    });
    assert.equal(valueAt(started.text, "InferenceService", ["spec", "predictor", "model", "resources", "requests", "memory"]), "1Gi");
    assert.deepEqual(
      started.changes.map((change) => [change.field, change.before, change.after, change.outcome, change.inheritedFrom]),
      [["spec.canary[0].predictor.model.resources.requests.memory", undefined, "1Gi", "set", "spec.predictor.model.resources"]],
    );
    assertValid(started.text, target.file);

    const promoted = promoteText(started.text, target, { kind: "promote" });
    assert.equal(valueAt(promoted.text, "InferenceService", ["spec", "predictor", "model", "resources", "requests", "memory"]), "1Gi");
    assert.deepEqual(
      promoted.changes.map((change) => [change.field, change.before, change.outcome]),
      [["spec.predictor.model.resources.requests.memory", "1Gi", "kept"]],
    );
    assertValid(promoted.text, target.file);
  });

  it("kserve-standard: a canary of a stable model sized below the floor gets the floor under the stable model's limit", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" };
    const small = exampleManifest("inferenceservice.yaml").replace(
      "          memory: 1Gi\n",
      "          memory: 64Mi\n        limits:\n          memory: 2Gi\n",
    );
    const started = promoteText(small, target, START);
    assert.deepEqual(valueAt(started.text, "InferenceService", ["spec", "canary", 0, "predictor", "model", "resources"]), {
      requests: { memory: "88Mi" },
      limits: { memory: "2Gi" },
    });
    // The stable model is not the release: its 64Mi stays until the canary is promoted.
    assert.equal(valueAt(started.text, "InferenceService", ["spec", "predictor", "model", "resources", "requests", "memory"]), "64Mi");
    assertValid(started.text, target.file);
    const bare = exampleManifest("inferenceservice.yaml").replace(/\n {6}resources:\n(?: {8}.*\n)+/, "\n");
    assert.doesNotMatch(bare, /resources:/);
    const fresh = promoteText(bare, target, START);
    assert.deepEqual(valueAt(fresh.text, "InferenceService", ["spec", "canary", 0, "predictor", "model", "resources"]), {
      requests: { memory: "88Mi" },
    });
    assertValid(fresh.text, target.file);
  });

  it("kserve: a limit alone does not stand as the request (KServe's webhook fills a missing request from its own config), so the floor is written", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" };
    const limitOnly = exampleManifest("inferenceservice.yaml").replace(
      '        requests:\n          cpu: "500m"\n          memory: 1Gi\n',
      "        limits:\n          memory: 1Gi\n",
    );
    assert.match(limitOnly, /limits:\n {10}memory: 1Gi/);
    const direct = promoteText(limitOnly, target, { kind: "direct" });
    assert.deepEqual(valueAt(direct.text, "InferenceService", ["spec", "predictor", "model", "resources"]), {
      limits: { memory: "1Gi" },
      requests: { memory: "88Mi" },
    });
    assertValid(direct.text, target.file);
  });

  it("kserve-knative: a smaller request is raised, the stable model's is recorded, and a rollback puts it back", () => {
    const target: TargetSpec = { kind: "kserve-knative", file: "apps/adult-income/isvc-knative.yaml" };
    const original = exampleManifest("inferenceservice.yaml")
      .replace("deploymentMode: Standard", "deploymentMode: Knative")
      .replace("memory: 1Gi", `memory: 64Mi ${RESOURCES_COMMENT}`);
    const started = promoteText(original, target, START);
    assert.equal(valueAt(started.text, "InferenceService", ["spec", "predictor", "model", "resources", "requests", "memory"]), "88Mi");
    assert.equal(valueAt(started.text, "InferenceService", ["metadata", "annotations", STABLE_MEMORY_KEY]), "64Mi");
    assert.deepEqual(
      started.changes.map((change) => [change.before, change.after, change.outcome]),
      [["64Mi", "88Mi", "raised"]],
    );
    assert.ok(started.text.includes(`memory: 88Mi ${RESOURCES_COMMENT}`), started.text);
    assertValid(started.text, target.file);

    const rolledBack = promoteText(started.text, target, { kind: "rollback" }, undefined);
    assert.equal(valueAt(rolledBack.text, "InferenceService", ["spec", "predictor", "model", "resources", "requests", "memory"]), "64Mi");
    assert.equal(valueAt(rolledBack.text, "InferenceService", ["metadata", "annotations", STABLE_MEMORY_KEY]), undefined);
    assert.deepEqual(
      rolledBack.changes.map((change) => [change.before, change.after, change.outcome]),
      [["88Mi", "64Mi", "restored"]],
    );
    // The spec is the stable model's as it was, its comment too.
    assert.deepEqual(valueAt(rolledBack.text, "InferenceService", ["spec"]), valueAt(original, "InferenceService", ["spec"]));
    assert.ok(rolledBack.text.includes(`memory: 64Mi ${RESOURCES_COMMENT}`), rolledBack.text);
  });

  it("argo-rollouts: the container that holds the model URI gets the floor; rollback removes it, so the template is the stable one again", () => {
    const target: TargetSpec = { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" };
    const original = exampleManifest("rollout.yaml").replace(
      "        - name: server\n",
      "        - name: sidecar\n          image: ghcr.io/owner/proxy:1.0\n        - name: server\n",
    );
    const withContainer = { ...target, container: "server" };
    const started = promoteText(original, withContainer, START);
    const containers = valueAt(started.text, "Rollout", ["spec", "template", "spec", "containers"]) as {
      name: string;
      resources?: unknown;
    }[];
    assert.deepEqual(
      containers.map((container) => [container.name, container.resources]),
      [
        ["sidecar", undefined],
        ["server", { requests: { memory: "88Mi" } }],
      ],
    );
    assert.equal(valueAt(started.text, "Rollout", ["metadata", "annotations", STABLE_MEMORY_KEY]), "none");
    assertValid(started.text, target.file);

    const rolledBack = promoteText(started.text, withContainer, { kind: "rollback" }, undefined);
    const after = valueAt(rolledBack.text, "Rollout", ["spec", "template"]);
    const before = valueAt(original, "Rollout", ["spec", "template"]);
    assert.deepEqual(after, before);
    assert.equal(valueAt(rolledBack.text, "Rollout", ["metadata", "annotations", STABLE_MEMORY_KEY]), undefined);
    assertValid(rolledBack.text, target.file);
  });

  it("argo-rollouts: once promoted, the raise is the stable model's own and the record goes", () => {
    const target: TargetSpec = { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" };
    const started = promoteText(exampleManifest("rollout.yaml"), target, START);
    const promoted = promoteText(started.text, target, { kind: "promote" });
    assert.equal(
      valueAt(promoted.text, "Rollout", ["spec", "template", "spec", "containers", 0, "resources", "requests", "memory"]),
      "88Mi",
    );
    assert.equal(valueAt(promoted.text, "Rollout", ["metadata", "annotations", STABLE_MEMORY_KEY]), undefined);
    assertValid(promoted.text, target.file);
  });

  it("flagger: the Deployment's model container gets the floor", () => {
    const target: TargetSpec = { kind: "flagger", file: "apps/adult-income/flagger.yaml" };
    const started = promoteText(exampleManifest("flagger.yaml"), target, START);
    assert.equal(
      valueAt(started.text, "Deployment", ["spec", "template", "spec", "containers", 0, "resources", "requests", "memory"]),
      "88Mi",
    );
    assertValid(started.text, target.file);
  });

  it("seldon-v2: the canary Model's spec.memory gets the floor, and the stable Model's on promote", () => {
    const target: TargetSpec = { kind: "seldon-v2", file: "apps/adult-income/seldon.yaml" };
    const original = exampleManifest("seldon.yaml").replace("  requirements:\n", "  memory: 32Mi\n  requirements:\n");
    const started = promoteText(original, target, START);
    assert.equal(valueAt(started.text, "Model", ["spec", "memory"], "adult-income-canary"), "88Mi");
    assert.equal(valueAt(started.text, "Model", ["spec", "memory"], "adult-income"), "32Mi");
    assertValid(started.text, target.file);
    const promoted = promoteText(started.text, target, { kind: "promote" });
    assert.equal(valueAt(promoted.text, "Model", ["spec", "memory"], "adult-income"), "88Mi");
    assert.deepEqual(
      promoted.changes.map((change) => [change.field, change.before, change.after, change.outcome]),
      [["spec.memory", "32Mi", "88Mi", "raised"]],
    );
    assertValid(promoted.text, target.file);
  });

  it("direct: a larger request stays byte for byte", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" };
    const direct = promoteText(exampleManifest("inferenceservice.yaml"), target, { kind: "direct" });
    const without = applyAction(exampleManifest("inferenceservice.yaml"), target, V2, { kind: "direct" });
    assert.equal(direct.text, without);
    assert.deepEqual(
      direct.changes.map((change) => [change.before, change.outcome]),
      [["1Gi", "kept"]],
    );
  });

  it("a memory limit below the floor is refused with the file, the field and the fix", () => {
    const target: TargetSpec = { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" };
    const limited = exampleManifest("rollout.yaml").replace(
      "          ports:\n",
      "          resources:\n            requests:\n              memory: 48Mi\n            limits:\n              memory: 64Mi\n          ports:\n",
    );
    assert.throws(
      () => promoteText(limited, target, START),
      (error: unknown) =>
        isUserError(error) &&
        error.file === target.file &&
        error.pointer === "/spec/template/spec/containers/0/resources/limits/memory" &&
        error.problem.includes("the memory floor 88Mi") &&
        error.problem.includes("above the memory limit") &&
        /raise spec\.template\.spec\.containers\[0\]\.resources\.limits\.memory .* to at least 88Mi/.test(error.hint ?? ""),
    );
  });

  it("argo-rollouts: a limit alone that is at least the floor stands as the request (Kubernetes' defaulting): nothing is written", () => {
    const target: TargetSpec = { kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" };
    const limited = exampleManifest("rollout.yaml").replace(
      "          ports:\n",
      "          resources:\n            limits:\n              memory: 1Gi\n          ports:\n",
    );
    const started = promoteText(limited, target, START);
    assert.equal(started.text, applyAction(limited, target, V2, START));
    assert.deepEqual(
      started.changes.map((change) => change.outcome),
      ["limit"],
    );
  });

  it("a request that is not a quantity is refused at its line", () => {
    const target: TargetSpec = { kind: "kserve-standard", file: "apps/adult-income/inferenceservice.yaml" };
    const broken = exampleManifest("inferenceservice.yaml").replace("memory: 1Gi", "memory: one gig");
    assert.throws(
      () => promoteText(broken, target, { kind: "direct" }),
      (error: unknown) => isUserError(error) && error.line !== undefined && /not a Kubernetes quantity/.test(error.problem),
    );
  });
});

describe("resources.memory_floor in modelship.yaml", () => {
  const config = (environment: Record<string, unknown>) =>
    parseConfig(
      JSON.stringify({
        version: 1,
        model: "adult-income",
        promote: {
          repository: "octo/gitops",
          environments: { production: { targets: [{ kind: "argo-rollouts", file: "apps/adult-income/rollout.yaml" }], ...environment } },
        },
      }),
      { file: "modelship.yaml", cwd: "/tmp" },
    );

  it("true takes margin 1.5; a margin is taken as written; absent or false sets nothing", () => {
    assert.deepEqual(resolveEnvironment("production", config({ resources: { memory_floor: true } })).memoryFloor, { margin: 1.5 });
    assert.deepEqual(resolveEnvironment("production", config({ resources: { memory_floor: { margin: 2 } } })).memoryFloor, { margin: 2 });
    assert.equal(resolveEnvironment("production", config({ resources: { memory_floor: false } })).memoryFloor, undefined);
    assert.equal(resolveEnvironment("production", config({})).memoryFloor, undefined);
  });

  it("refuses a margin below 1 (a floor under the measured peak)", () => {
    assert.throws(
      () => config({ resources: { memory_floor: { margin: 0.5 } } }),
      (error: unknown) => isUserError(error) && /memory_floor/.test(`${error.pointer ?? ""} ${error.problem}`),
    );
  });

  it("refuses a yaml-path target, naming the setting", () => {
    const loaded = parseConfig(
      JSON.stringify({
        version: 1,
        model: "adult-income",
        promote: {
          environments: {
            production: {
              resources: { memory_floor: true },
              targets: [{ kind: "yaml-path", file: "values.yaml", uri_path: "model.uri" }],
            },
          },
        },
      }),
      { file: "modelship.yaml", cwd: "/tmp" },
    );
    assert.throws(
      () => resolveEnvironment("production", loaded),
      (error: unknown) =>
        isUserError(error) &&
        error.file === "modelship.yaml" &&
        error.pointer === "/promote/environments/production/resources/memory_floor" &&
        /kind yaml-path/.test(error.problem),
    );
  });
});

describe("the PR body", () => {
  it("shows the derivation with its units, calls it a floor, and says what happened to each request", () => {
    const body = promotionBody(
      view({
        floor: FLOOR,
        changes: [
          { file: "a.yaml", resource: 'Rollout "adult-income"', field: "spec.x.memory", after: "88Mi", outcome: "set" },
          {
            file: "b.yaml",
            resource: 'InferenceService "adult-income"',
            field: "spec.y.memory",
            before: "1Gi",
            after: "1Gi",
            outcome: "kept",
          },
        ],
      }),
    );
    const section = body.slice(body.indexOf("### Memory request"), body.indexOf("### Rollout plan"));
    assert.ok(
      section.includes(
        "Memory request floor **88Mi** = ceil(61.3 MB measured peak × 1.5 = 91.95 MB = 87.69 MiB). A floor, not a size: the peak was measured in onnxruntime on the CI runner (Intel Xeon Platinum 8370C, 2 threads, onnxruntime 1.20.1), not in the serving runtime, which may need more.",
      ),
      section,
    );
    assert.ok(section.includes('- `a.yaml`, Rollout "adult-income", `spec.x.memory`: set to `88Mi` (there was none)'), section);
    assert.ok(section.includes("kept at `1Gi`: it is at least the floor, and modelship never lowers a request"), section);
  });

  it("has no memory section without the setting", () => {
    assert.ok(!promotionBody(view(undefined)).includes("### Memory request"));
  });
});
