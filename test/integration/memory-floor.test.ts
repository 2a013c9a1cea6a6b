/**
 * The memory floor end to end (issue 28, part 3), through the built CLI: a release whose manifest
 * carries evaluate's operational figures is promoted into an environment with
 * resources.memory_floor, and the pushed branch raises the model container's request to
 * ceil(peak × margin) in Mi while keeping a larger one; the PR body shows the derivation; a release
 * without figures is refused with the setting named; and a rollback puts the stable model's
 * request back. A local registry and a bare git remote, no GitHub.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { LocalStore } from "../../src/registry/local-store.ts";
import type { ModelManifest } from "../../src/registry/registry-types.ts";
import { runModelship } from "../support/cli.ts";
import { git, seedBareRemote, show } from "../support/git.ts";
import { writeModelRepo } from "../support/gitops-world.ts";
import { exampleManifest, T1, U1 } from "../support/manifests.ts";
import { registryUri, TRITON_ARCHIVE, writeTestPackage } from "../support/registry-package.ts";

const MODEL = "income-clf";
const FILES = { kserve: "apps/adult-income/inferenceservice.yaml", rollout: "apps/adult-income/rollout.yaml" };
const BRANCH = `modelship/production/${MODEL}`;

/** 70 MB measured × 1.25 = 87.5 MB = 87,500,000 bytes; 83 Mi = 87,031,808 < that ≤ 84 Mi = 88,080,384, so 84Mi. */
const PEAK_MB = 70;
const MARGIN = 1.25;
const FLOOR = "84Mi";

const OPERATIONAL: NonNullable<ModelManifest["operational"]> = {
  environment: { cpu: "AMD EPYC 7763 64-Core Processor", logicalCpus: 4, threads: 2, onnxruntime: "1.20.1", platform: "linux-x64" },
  bytes: 4_000_000,
  sizeMb: 4,
  parameters: 1_000_000,
  loadMs: 20,
  peakMemoryMb: PEAK_MB,
  latency: [],
};

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

test("promote raises the serving container's memory request to the floor, keeps a larger one, refuses a release without figures, and a rollback puts it back", async () => {
  assert.ok(87_031_808 < PEAK_MB * MARGIN * 1e6 && PEAK_MB * MARGIN * 1e6 <= 88_080_384 && 84 * 1024 * 1024 === 88_080_384);
  const root = await mkdtemp(join(tmpdir(), "modelship-memory-floor-"));
  roots.push(root);
  const registry = join(root, "registry");
  const store = new LocalStore({ root: registry });
  for (const [version, operational] of [
    ["0.0.1", undefined],
    ["0.0.2", OPERATIONAL],
    ["0.0.3", undefined],
  ] as const) {
    await store.publish(
      await writeTestPackage({
        dir: join(root, `pkg-${version}`),
        model: MODEL,
        version,
        files: {
          "model.onnx": new Uint8Array(Buffer.from(`onnx-bytes-of-${version}-${"x".repeat(64)}`)),
          [TRITON_ARCHIVE]: new Uint8Array(Buffer.from(`triton-repository-of-${version}`)),
          "gate-report.json": '{"verdict":"pass"}\n',
        },
        ...(operational === undefined ? {} : { operational }),
      }),
    );
  }
  // The Rollout's server asks 48Mi under a comment; the InferenceService asks 1Gi (above the floor).
  const rollout = exampleManifest("rollout.yaml")
    .replaceAll(U1, registryUri(registry, MODEL, "0.0.1"))
    .replace(
      "          ports:\n",
      "          resources:\n            requests:\n              memory: 48Mi # sized by hand\n            limits:\n              memory: 1Gi\n          ports:\n",
    );
  const kserve = exampleManifest("inferenceservice.yaml").replaceAll(T1, registryUri(registry, MODEL, "0.0.1", TRITON_ARCHIVE));
  const bare = seedBareRemote(root, { [FILES.rollout]: rollout, [FILES.kserve]: kserve });
  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      remote: bare,
      environments: {
        production: {
          steps: [10, 50],
          resources: { memory_floor: { margin: MARGIN } },
          targets: [
            { kind: "argo-rollouts", file: FILES.rollout, container: "server" },
            { kind: "kserve-standard", file: FILES.kserve },
          ],
        },
      },
    },
  });

  const start = await runModelship(repo, ["promote", `${MODEL}@0.0.2`, "--env", "production"]);
  assert.equal(start.exitCode, 0, start.output);
  const pushed = show(bare, BRANCH, FILES.rollout);
  assert.ok(pushed.includes(`memory: ${FLOOR} # sized by hand`), pushed);
  const server = parseAllDocuments(pushed)[0]!.toJS() as {
    metadata: { annotations: Record<string, string> };
    spec: { template: { spec: { containers: { resources: unknown }[] } } };
  };
  assert.deepEqual(server.spec.template.spec.containers[0]!.resources, { requests: { memory: FLOOR }, limits: { memory: "1Gi" } });
  assert.equal(server.metadata.annotations["modelship.dev/stable-memory-request"], "48Mi");
  const isvc = parseAllDocuments(show(bare, BRANCH, FILES.kserve))[0]!.toJS() as {
    spec: { predictor: { model: { resources: unknown } }; canary: { predictor: { model: { resources: unknown } } }[] };
  };
  assert.deepEqual(isvc.spec.predictor.model.resources, { requests: { cpu: "500m", memory: "1Gi" } });
  // The canary predictor starts from the stable model's 1Gi, above the floor.
  assert.deepEqual(isvc.spec.canary[0]!.predictor.model.resources, { requests: { memory: "1Gi" } });

  const match = /PR body: (\S+?)\)/.exec(start.output);
  assert.ok(match, start.output);
  const body = await readFile(isAbsolute(match[1]!) ? match[1]! : join(repo, match[1]!), "utf8");
  assert.ok(
    body.includes(
      `Memory request floor **${FLOOR}** = ceil(70 MB measured peak × 1.25 = 87.5 MB = 83.45 MiB). A floor, not a size: the peak was measured in onnxruntime on the CI runner (AMD EPYC 7763 64-Core Processor, 2 threads, onnxruntime 1.20.1)`,
    ),
    body,
  );
  assert.ok(body.includes(`raised from \`48Mi\` to \`${FLOOR}\``), body);

  // Merge the canary, then a release without figures may not replace it.
  git(bare, ["update-ref", "refs/heads/main", `refs/heads/${BRANCH}`]);
  const refused = await runModelship(repo, ["promote", `${MODEL}@0.0.3`, "--env", "production"]);
  assert.equal(refused.exitCode, 2, refused.output);
  assert.match(
    refused.output,
    /promote\.environments\.production\.resources\.memory_floor is set, but income-clf@0\.0\.3 has no operational figures/,
  );
  assert.match(refused.output, /release the model again/);

  const rollback = await runModelship(repo, ["promote", MODEL, "--env", "production", "--action", "rollback"]);
  assert.equal(rollback.exitCode, 0, rollback.output);
  const restored = show(bare, BRANCH, FILES.rollout);
  assert.ok(restored.includes("memory: 48Mi # sized by hand"), restored);
  assert.doesNotMatch(restored, /stable-memory-request/);
});
