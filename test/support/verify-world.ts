/**
 * A GitOps repository and registries on disk for verify-promotion's tests: a trusted folder registry
 * with gated releases (0.0.1, 0.0.2) and an ungated one (0.0.3), an attacker's folder registry with a
 * release that passed a trivial policy, and a bare GitOps repository seeded from examples/gitops-repo,
 * serving 0.0.1, whose modelship.yaml (the rules) trusts the first registry only.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { MemoryLogger } from "../../src/common/logger.ts";
import type { ModelManifest } from "../../src/registry/registry-types.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import type { StageRun } from "../../src/stages/stage-run.ts";
import { git, pushFiles } from "./git.ts";
import { exampleManifest, T1 as EXAMPLE_TRITON_URI, U1 as EXAMPLE_URI } from "./manifests.ts";
import { TRITON_ARCHIVE, writeTestPackage } from "./registry-package.ts";

export const MODEL = "adult-income";
export const APP = "apps/adult-income";
export const MANIFESTS = ["inferenceservice.yaml", "rollout.yaml", "values.yaml", "flagger.yaml", "seldon.yaml"] as const;

export interface VerifyWorld {
  root: string;
  registry: string;
  evilRegistry: string;
  bare: string;
  /** The file:// URI of `file` of a version in the trusted registry (or the attacker's). */
  uri: (version: string, options?: { file?: string; evil?: boolean }) => string;
  /** The rules the base branch starts with. */
  rules: Record<string, unknown>;
  run: StageRun & { logger: MemoryLogger };
  cleanup: () => Promise<void>;
}

async function publish(root: string, registry: string, version: string, gate: Partial<ModelManifest["gate"]>): Promise<void> {
  const pkg = await writeTestPackage({
    dir: join(root, `pkg-${version}-${registry.length}`),
    model: MODEL,
    version,
    files: {
      "model.onnx": new Uint8Array(Buffer.from(`onnx-bytes-of-${version}-${"x".repeat(64)}`)),
      [TRITON_ARCHIVE]: new Uint8Array(Buffer.from(`triton-repository-of-${version}`)),
      "gate-report.json": `{"verdict":"${gate.verdict ?? "pass"}"}\n`,
    },
    metrics: { accuracy: { value: 0.84, ci: [0.8, 0.86] } },
    gate,
  });
  await new LocalStore({ root: registry }).publish(pkg);
}

/** The registry on GitHub the example rules trust besides the folder (nothing in these tests is released there). */
export const GITHUB_REGISTRY = { registry: "github:OWNER/models", provenance: { workflow: ".github/workflows/model.yml" } };

/** The rules of the example GitOps repository, trusting `registry` (provenance off) and OWNER/models on GitHub. */
export function exampleRules(registry: string): Record<string, unknown> {
  return {
    model: MODEL,
    verify: { registries: [{ registry, provenance: "off" }, GITHUB_REGISTRY] },
    promote: {
      environments: {
        staging: { strategy: "direct", targets: [{ kind: "yaml-path", file: `${APP}/values.yaml`, uri_path: "model.storageUri" }] },
        production: {
          targets: [
            { kind: "kserve-standard", file: `${APP}/inferenceservice.yaml` },
            { kind: "argo-rollouts", file: `${APP}/rollout.yaml`, container: "server", env: "MODEL_URI" },
          ],
        },
      },
    },
  };
}

export async function verifyWorld(options: { rules?: (registry: string) => Record<string, unknown> } = {}): Promise<VerifyWorld> {
  const root = await mkdtemp(join(tmpdir(), "modelship-verify-"));
  const registry = join(root, "registry");
  const evilRegistry = join(root, "evil-registry");
  await publish(root, registry, "0.0.1", {});
  await publish(root, registry, "0.0.2", {});
  await publish(root, registry, "0.0.3", { verdict: "fail", allowUngated: true, reason: "accuracy below the floor" });
  await publish(root, evilRegistry, "0.0.2", {});
  const uri = (version: string, where: { file?: string; evil?: boolean } = {}) =>
    pathToFileURL(join(where.evil ? evilRegistry : registry, MODEL, version, where.file ?? "model.onnx")).href;
  const rules = (options.rules ?? exampleRules)(registry);
  const bare = join(root, "gitops.git");
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const seed: Record<string, string> = { "modelship.yaml": stringify(rules) };
  // The example InferenceService (kserve-tritonserver) holds the release's Triton archive, the others model.onnx.
  for (const name of MANIFESTS)
    seed[`${APP}/${name}`] = exampleManifest(name)
      .replaceAll(EXAMPLE_URI, uri("0.0.1"))
      .replaceAll(EXAMPLE_TRITON_URI, uri("0.0.1", { file: TRITON_ARCHIVE }));
  seed[".github/workflows/verify-promotion.yml"] = "on: pull_request_target\njobs: {}\n";
  pushFiles(bare, "main", seed, { from: null, message: "seed" });
  const logger = new MemoryLogger();
  const run: VerifyWorld["run"] = { config: {}, cwd: root, env: {}, logger, toolVersion: "0.0.0-test", defaultRegistry: registry };
  return { root, registry, evilRegistry, bare, uri, rules, run, cleanup: () => rm(root, { recursive: true, force: true }) };
}
