/**
 * Opens the registry a spec names: `github` (this repository's Releases, from GITHUB_REPOSITORY),
 * `github:OWNER/REPO`, or a local folder (`file:///path` or a plain path).
 */
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { createGitHubClient } from "../github/octokit.ts";
import { GitHubStore } from "./github-store.ts";
import { localStoreFromUrl } from "./local-store.ts";
import type { RegistryStore } from "./types.ts";

export interface OpenStoreOptions {
  spec: string;
  token?: string;
  /** OWNER/REPO of the current run, for `github`. */
  repository?: string;
  tagFormat?: string;
  logger: Logger;
  userAgentVersion: string;
}

/** The store for a registry spec. */
export function openStore(options: OpenStoreOptions): RegistryStore {
  const { spec } = options;
  if (spec === "github" || spec.startsWith("github:")) {
    const repository = spec === "github" ? options.repository : spec.slice("github:".length);
    const [owner, repo, extra] = repository?.split("/") ?? [];
    if (owner === undefined || repo === undefined || extra !== undefined || owner === "" || repo === "") {
      throw new UserError(spec === "github" ? "registry github needs the repository (GITHUB_REPOSITORY is not set)" : `registry "${spec}" is not github:OWNER/REPO`, { hint: "use registry: github:OWNER/REPO, or a local folder (file:///path) outside GitHub Actions" });
    }
    if (options.token === undefined || options.token === "") throw new UserError(`registry ${spec} needs a GitHub token`, { hint: "pass the token input (contents: write to release, contents: read to fetch), or set GITHUB_TOKEN for the CLI" });
    const client = createGitHubClient({ token: options.token, logger: options.logger, userAgentVersion: options.userAgentVersion });
    return new GitHubStore({ client, owner, repo, tagFormat: options.tagFormat, logger: options.logger });
  }
  return localStoreFromUrl(spec);
}
