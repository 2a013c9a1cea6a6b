/**
 * Opens the registry a spec names: `github` (this repository's Releases, from GITHUB_REPOSITORY),
 * `github:OWNER/REPO`, or a local folder (`file:///path` or a plain path).
 */
import { errnoCode, getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { createGitHubClient, httpStatus } from "../github/octokit.ts";
import { parseRepository } from "../github/repository.ts";
import { GitHubStore } from "./github-store.ts";
import { localStoreFromUrl } from "./local-store.ts";
import type { RegistryStore } from "./registry-types.ts";
import type { NetworkPolicy } from "../net/safe-http.ts";

export interface OpenStoreOptions {
  spec: string;
  token?: string;
  /** OWNER/REPO of the current run, for `github`. */
  repository?: string;
  tagFormat?: string;
  logger: Logger;
  userAgentVersion: string;
  /** Which internal addresses a GitHub registry's asset storage may be on (besides the API's own host and port); default none. */
  network?: NetworkPolicy;
}

/** What went wrong with a registry call, in words, when it is not modelship's bug. */
function explain(error: unknown, store: RegistryStore, writing: boolean): UserError | undefined {
  if (isUserError(error)) return undefined;
  const status = httpStatus(error);
  const where = store.description;
  if (status === 401)
    return new UserError(`${where}: the token was refused (HTTP 401)`, {
      hint: "check the token input (or GITHUB_TOKEN); it may be expired or for another host",
    });
  if (status === 403)
    return new UserError(`${where}: the token may not ${writing ? "create or edit releases" : "read releases"} (HTTP 403)`, {
      hint: writing
        ? "give the job `permissions: contents: write` (or a token that has it)"
        : "give the job `permissions: contents: read` (or a token that has it)",
    });
  if (status === 404)
    return new UserError(`${where}: the repository is not there, or the token cannot see it (HTTP 404)`, {
      hint: "check registry: github:OWNER/REPO and that the token can read that repository",
    });
  if (status !== undefined && status >= 500)
    return new UserError(`${where}: GitHub answered HTTP ${status} after retries: ${getErrorMessage(error)}`, {
      hint: "try again later; a re-run is safe (releases are idempotent)",
    });
  const code = errnoCode(error) ?? (error instanceof Error && error.cause instanceof Error ? errnoCode(error.cause) : undefined);
  if (code === "ENOTDIR" || code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOSPC") {
    // Node names the path it tripped over: the registry folder, or a file inside it where a folder should be.
    const path = error instanceof Error && "path" in error && typeof error.path === "string" ? error.path : undefined;
    const problem =
      code === "ENOTDIR"
        ? `a file stands where the registry needs a folder${path === undefined ? "" : ` (on the way to ${path})`}`
        : code === "ENOSPC"
          ? "no space left on the device"
          : `no permission to use the registry folder${path === undefined ? "" : ` (${path})`}`;
    return new UserError(`${where}: ${problem} (${code})`, {
      hint: "give --registry (the registry input, or release.registry) a folder you can write to, e.g. .modelship/registry",
    });
  }
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "ECONNRESET" ||
    code === "ETIMEDOUT" ||
    (error instanceof TypeError && /fetch failed/i.test(error.message))
  )
    return new UserError(`${where}: cannot reach the server (${code ?? getErrorMessage(error)})`, {
      hint: "check GITHUB_API_URL and the network; a re-run is safe",
    });
  return undefined;
}

/** The store, with failures that are not bugs (permissions, network, a file where a folder should be) turned into UserErrors. */
function withClearErrors(store: RegistryStore): RegistryStore {
  const guard = async <T>(writing: boolean, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw explain(error, store, writing) ?? error;
    }
  };
  return {
    kind: store.kind,
    description: store.description,
    list: (model) => guard(false, () => store.list(model)),
    readManifest: (model, version) => guard(false, () => store.readManifest(model, version)),
    locate: (model, version) => guard(false, () => store.locate(model, version)),
    publish: (pkg) => guard(true, () => store.publish(pkg)),
    download: (model, version, dir, options) => guard(false, () => store.download(model, version, dir, options)),
    retirement: (model, version) => guard(false, () => store.retirement(model, version)),
    retirements: (model) => guard(false, () => store.retirements(model)),
    retire: (model, version, options) => guard(true, () => store.retire(model, version, options)),
  };
}

/** The store for a registry spec. */
export function openStore(options: OpenStoreOptions): RegistryStore {
  return withClearErrors(openRawStore(options));
}

function openRawStore(options: OpenStoreOptions): RegistryStore {
  const { spec } = options;
  if (spec === "github" || spec.startsWith("github:")) {
    const repository = spec === "github" ? options.repository : spec.slice("github:".length);
    const where = repository === undefined ? undefined : parseRepository(repository);
    if (where === undefined) {
      throw new UserError(
        spec === "github"
          ? "registry github needs the repository (GITHUB_REPOSITORY is not set)"
          : `registry "${spec}" is not github:OWNER/REPO`,
        { hint: "use registry: github:OWNER/REPO, or a local folder (file:///path) outside GitHub Actions" },
      );
    }
    if (options.token === undefined || options.token === "")
      throw new UserError(`registry ${spec} needs a GitHub token`, {
        hint: "pass the token input (contents: write to release, contents: read to fetch), or set GITHUB_TOKEN for the CLI",
      });
    const client = createGitHubClient({ token: options.token, logger: options.logger, userAgentVersion: options.userAgentVersion });
    return new GitHubStore({
      client,
      owner: where.owner,
      repo: where.repo,
      tagFormat: options.tagFormat,
      logger: options.logger,
      network: options.network,
    });
  }
  if (spec.startsWith("file:") && !/^file:\/\/(localhost)?\//.test(spec)) {
    throw new UserError(`registry "${spec}" is not a local file URL`, {
      hint: "write file:///absolute/path (three slashes), or just the folder's path",
    });
  }
  return localStoreFromUrl(spec);
}
