/**
 * The promotion PR names what deploys each changed file, found from the GitOps repository's own
 * manifests: `modelship promote` through the built CLI against a bare git repository (the GitOps
 * remote) and the GitHub fake, once with the example's Argo CD Application and once with its Flux
 * variant (examples/gitops-repo/flux/). The PR body the fake received is what is checked.
 */
import { runModelship } from "../support/cli.ts";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, test } from "node:test";
import { seedBareRemote } from "../support/git.ts";
import { fakeGitHubEnv, fakeGitOpsRepo, writeModelRepo } from "../support/gitops-world.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { exampleManifest, U1 as EXAMPLE_URI } from "../support/manifests.ts";
import { publishTestReleases, registryUri } from "../support/registry-package.ts";

const MODEL = "adult-income";
const APP = "apps/adult-income";
const EXAMPLE = fileURLToPath(new URL("../../examples/gitops-repo/", import.meta.url));
const TOKEN = "ghs_gitopsEnginesWriteToken000000000000";

const scratchRoots: string[] = [];
after(async () => {
  for (const dir of scratchRoots) await rm(dir, { recursive: true, force: true });
});

interface World {
  root: string;
  bare: string;
  repo: string;
}

/** A local registry with 0.0.1 and 0.0.2, a model repository that promotes to it, and a bare GitOps remote seeded with `files` (the example URIs moved to 0.0.1 in the registry). */
async function setup(files: Record<string, string>): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), "modelship-gitops-engines-"));
  scratchRoots.push(root);
  const registry = join(root, "registry");
  await publishTestReleases(root, registry, MODEL, [{ version: "0.0.1" }, { version: "0.0.2" }]);
  const uri = registryUri(registry, MODEL, "0.0.1");
  const bare = seedBareRemote(
    root,
    Object.fromEntries(Object.entries(files).map(([path, text]) => [path, text.replaceAll(EXAMPLE_URI, uri)])),
  );
  const repo = await writeModelRepo(root, {
    model: MODEL,
    release: { registry },
    promote: {
      base: "main",
      environments: {
        production: { strategy: "direct", targets: [{ kind: "argo-rollouts", file: `${APP}/rollout.yaml`, container: "server" }] },
        staging: { strategy: "direct", targets: [{ kind: "yaml-path", file: `${APP}/values.yaml`, uri_path: "model.storageUri" }] },
      },
    },
  });
  return { root, bare, repo };
}

/** Runs `modelship promote MODEL@0.0.2 --env ENV` against the fake as OWNER/REPO `repository`; returns the PR body. */
async function promoteBody(world: World, fake: FakeGitHub, repository: string, environment: string): Promise<string> {
  const { exitCode, output } = await runModelship(
    world.repo,
    ["promote", `${MODEL}@0.0.2`, "--env", environment, "--gitops-repo", repository, "--remote", world.bare],
    { env: fakeGitHubEnv(fake, TOKEN) },
  );
  assert.equal(exitCode, 0, output);
  const pull = fake.pulls(repository).find((candidate) => candidate.head.endsWith(`modelship/${environment}/${MODEL}`));
  assert.ok(pull?.body, `a PR for ${environment}:\n${output}`);
  return pull.body;
}

/** The line of the body's Files section that lists `file`. */
function fileLine(body: string, file: string): string {
  const section = body.slice(body.indexOf("### Files"), body.indexOf("###", body.indexOf("### Files") + 1));
  const line = section.split("\n").find((candidate) => candidate.startsWith(`- \`${file}\``));
  assert.ok(line !== undefined, `the Files section lists ${file}:\n${section}`);
  return line;
}

/** The example's app folder (the files promotions change), as path → text. */
function exampleApp(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${APP}/${name}`, exampleManifest(name)]));
}

async function exampleFlux(): Promise<Record<string, string>> {
  const root = join(EXAMPLE, "flux");
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[relative(EXAMPLE, path).split("\\").join("/")] = await readFile(path, "utf8");
    }
  return files;
}

const WARNING = "no Argo CD Application or Flux Kustomization/HelmRelease in this repository deploys it";

describe("promotion PRs name the Argo CD or Flux object that deploys each changed file", () => {
  test("Argo CD: the example's Application is named for rollout.yaml; an Application of another repository is not; values.yaml gets the warning", async () => {
    const repository = "octo/gitops";
    const application = exampleManifest("application.yaml");
    assert.ok(application.includes("repoURL: https://github.com/OWNER/gitops.git"), "the example's repoURL");
    const world = await setup({
      ...exampleApp(["rollout.yaml", "analysis-template.yaml", "values.yaml"]),
      [`${APP}/application.yaml`]: application.replace("https://github.com/OWNER/gitops.git", "git@github.com:Octo/GitOps.git"),
      // Same folder, another repository: Argo CD reads that repository's apps/adult-income, not this one's.
      "argo/elsewhere.yaml": application
        .replace("name: adult-income", "name: elsewhere")
        .replace("https://github.com/OWNER/gitops.git", "https://github.com/octo/gitops-archive.git"),
    });
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, repository, TOKEN, world.bare);
      const production = await promoteBody(world, fake, repository, "production");
      assert.equal(
        fileLine(production, `${APP}/rollout.yaml`),
        `- \`${APP}/rollout.yaml\` (argo-rollouts) — deployed by Argo CD Application \`argocd/adult-income\` (declared in \`${APP}/application.yaml\`)`,
      );
      assert.ok(!production.includes("elsewhere"), production);
      const staging = await promoteBody(world, fake, repository, "staging");
      // application.yaml excludes values.yaml (Helm input) from the sync: nothing deploys it.
      assert.ok(fileLine(staging, `${APP}/values.yaml`).includes(WARNING), staging);
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });

  test("Flux: the example's Kustomization is named for rollout.yaml and its HelmRelease for values.yaml", async () => {
    const repository = "octo/gitops-flux";
    const flux = await exampleFlux();
    const sync = "flux/clusters/my-cluster/flux-system/gotk-sync.yaml";
    assert.ok(flux[sync]?.includes("url: ssh://git@github.com/OWNER/gitops"), "the example's GitRepository url");
    flux[sync] = flux[sync]!.replace("ssh://git@github.com/OWNER/gitops", `ssh://git@github.com/${repository}`);
    const world = await setup({ ...exampleApp(["rollout.yaml", "analysis-template.yaml", "values.yaml"]), ...flux });
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, repository, TOKEN, world.bare);
      const production = await promoteBody(world, fake, repository, "production");
      assert.equal(
        fileLine(production, `${APP}/rollout.yaml`),
        `- \`${APP}/rollout.yaml\` (argo-rollouts) — deployed by Flux Kustomization \`flux-system/adult-income\` (via kustomization.yaml; declared in \`flux/clusters/my-cluster/adult-income.yaml\`)`,
      );
      const staging = await promoteBody(world, fake, repository, "staging");
      assert.equal(
        fileLine(staging, `${APP}/values.yaml`),
        `- \`${APP}/values.yaml\` (yaml-path) — deployed by Flux HelmRelease \`models-staging/adult-income\` (Helm values file; declared in \`flux/clusters/my-cluster/adult-income-staging.yaml\`)`,
      );
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
    }
  });

  test("Flux with a GitRepository of another repository: nothing in this one deploys the file, and the PR says so", async () => {
    const repository = "octo/gitops-flux";
    const flux = await exampleFlux();
    const sync = "flux/clusters/my-cluster/flux-system/gotk-sync.yaml";
    flux[sync] = flux[sync]!.replace("ssh://git@github.com/OWNER/gitops", "ssh://git@github.com/octo/platform");
    const world = await setup({ ...exampleApp(["rollout.yaml", "values.yaml"]), ...flux });
    const fake = await FakeGitHub.start();
    try {
      fakeGitOpsRepo(fake, repository, TOKEN, world.bare);
      const production = await promoteBody(world, fake, repository, "production");
      assert.ok(fileLine(production, `${APP}/rollout.yaml`).includes(WARNING), production);
    } finally {
      await fake.close();
    }
  });
});
