/**
 * The pieces of a promotion end-to-end test's world beside the registry (registry-package.ts) and
 * the GitOps remote (git.ts): the model repository's modelship.yaml, and the GitHub fake standing in
 * for the GitOps repository on GitHub.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeGitHub, FakeRepoOptions } from "./github/server.ts";

/** Writes `config` as modelship.yaml into a new folder `root`/model-repo; its path. */
export async function writeModelRepo(root: string, config: unknown): Promise<string> {
  const repo = join(root, "model-repo");
  await mkdir(repo);
  await writeFile(join(repo, "modelship.yaml"), JSON.stringify(config, null, 2));
  return repo;
}

/** Adds `repository` to the fake, writable with `token`, its git remote the bare repository `bare`. */
export function fakeGitOpsRepo(fake: FakeGitHub, repository: string, token: string, bare: string, options: FakeRepoOptions = {}): void {
  fake.addRepo(repository, options);
  fake.addToken(token, "write");
  fake.linkGitRemote(repository, bare);
}

/** The environment that points the built CLI at the fake with `token`, retrying at once. */
export function fakeGitHubEnv(fake: FakeGitHub, token: string): Record<string, string> {
  return { GITHUB_API_URL: fake.url, GITHUB_TOKEN: token, MODELSHIP_RETRY_BASE_MS: "1" };
}
