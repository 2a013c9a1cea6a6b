/**
 * The stages' way to a release's attestations: one GitHub client made with the run's token, the
 * check itself in registry/release-provenance.ts. verify-promotion asks per trusted registry;
 * promote and fetch ask for the registry they release from.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../common/errors.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { createGitHubClient, type GitHubClient } from "../github/octokit.ts";
import { parseRepository } from "../github/repository.ts";
import type { ProvenanceCheck } from "../gitops/promotion-check.ts";
import {
  checkImageProvenance,
  checkReleaseProvenance,
  type AttestedRelease,
  type ProvenanceOutcome,
  type ProvenancePolicy,
} from "../registry/release-provenance.ts";
import type { StageRun } from "./stage-run.ts";
import { DEFAULT_PROVENANCE_EVENTS, defaultIssuer, provenancePolicy } from "./provenance-settings.ts";

/** Checks attestations with a client made (once) from the run's token. */
export function attestationReader(
  run: StageRun,
): (
  where: { server: string; owner: string; repo: string },
  release: AttestedRelease,
  policy: ProvenancePolicy,
) => Promise<ProvenanceOutcome> {
  let client: GitHubClient | undefined;
  return async (where, release, policy) => {
    if (run.token === undefined || run.token === "")
      return { ok: false, detail: "no token to read the attestations with (the token input, or GITHUB_TOKEN for the CLI)" };
    client ??= createGitHubClient({ token: run.token, logger: run.logger, userAgentVersion: run.toolVersion });
    return checkReleaseProvenance({ client, ...where, release, policy });
  };
}

/**
 * verify-promotion's provenance check of a release in a trusted registry, and with `image` (a
 * modelcar's digest) of the image too: the release's attestations, then one of the image digest.
 */
export function attestationChecker(run: StageRun): ProvenanceCheck {
  const read = attestationReader(run);
  let client: GitHubClient | undefined;
  return async (registry, release, image) => {
    if (registry.provenance === "off") return { ok: true, detail: "provenance off" };
    if (registry.github === undefined) return { ok: false, detail: `${registry.spec} is a folder registry: it has no attestations` };
    // stored: the manifest whose gate record checkRelease checked, and the sha256 of its bytes as downloaded.
    const ofRelease = await read(registry.github, release.stored, registry.provenance);
    if (!ofRelease.ok || image === undefined) return ofRelease;
    client ??= createGitHubClient({ token: run.token!, logger: run.logger, userAgentVersion: run.toolVersion });
    const ofImage = await checkImageProvenance({ client, ...registry.github, digest: image, policy: registry.provenance });
    if (!ofImage.ok) return ofImage;
    return { ok: true, detail: `${ofRelease.detail}; the image ${image.slice(0, 19)}…: ${ofImage.detail}` };
  };
}

/** What promote and fetch say of a release's provenance: verified, or not checked and why (a warning). */
export interface ProvenanceStatement {
  status: "pass" | "warn";
  text: string;
}

/**
 * Checks the attestations of a release (its model file and its manifest.json) in the run's registry
 * (`registrySpec`) by modelship.yaml's release.provenance, or by default (in GitHub Actions, for this
 * repository's own registry) this run's workflow and ref, pushed. Throws a UserError when they do not
 * verify or when nothing says which workflow's attestations to require; a folder registry or
 * `provenance: off` is a warning.
 */
export async function checkRunReleaseProvenance(options: {
  run: StageRun;
  loaded: LoadedConfig;
  registrySpec: string;
  /** The release's manifest and the sha256 of manifest.json as read (a StoredVersion, from the store's locate). */
  release: AttestedRelease;
  /** What is refused when it does not verify, e.g. "adult-income@1.2.0 may not be promoted". */
  refusal: string;
}): Promise<ProvenanceStatement> {
  const { run, loaded, release } = options;
  const spec = options.registrySpec;
  if (spec !== "github" && !spec.startsWith("github:"))
    return { status: "warn", text: "not checked: a folder registry has no attestations" };
  const where = parseRepository((spec === "github" ? run.repository : spec.slice("github:".length)) ?? "");
  if (where === undefined) return { status: "warn", text: "not checked: the registry's repository is not known" };
  const config = loaded.config?.release?.provenance;
  if (config === "off")
    return { status: "warn", text: "**off** (`release.provenance: off` in modelship.yaml): no attestation was checked" };
  const server = (run.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const policy =
    config === undefined
      ? runWorkflowPolicy(run, `${where.owner}/${where.repo}`, server)
      : await provenancePolicy(config, {
          server,
          where: "release",
          readFile: (path) => readFile(resolve(run.cwd, loaded.resolvePath(path)), "utf8").catch(() => undefined),
        });
  if (policy === undefined || policy === "off")
    throw new UserError(`${options.refusal}: nothing says which workflow's build provenance ${where.owner}/${where.repo} releases carry`, {
      file: loaded.file,
      hint: "set release.provenance.workflow in modelship.yaml (the model repository's workflow that releases, e.g. .github/workflows/model.yml), or release.provenance: off to skip the check (it is then shown as a warning)",
    });
  const outcome = await attestationReader(run)({ server, owner: where.owner, repo: where.repo }, release, policy);
  if (!outcome.ok)
    throw new UserError(`${options.refusal}: its build provenance does not verify: ${outcome.detail}`, {
      hint: "only a release whose model file and manifest.json (its gate record) were built and attested by the model repository's own workflow is deployed: release it from that workflow (actions/attest-build-provenance, both files), or correct release.provenance",
    });
  return { status: "pass", text: `verified: ${outcome.detail}` };
}

/** In GitHub Actions, for this repository's own registry: this run's workflow on its ref, pushed. */
function runWorkflowPolicy(run: StageRun, repository: string, server: string): ProvenancePolicy | undefined {
  const match = /^([^/]+\/[^/]+)\/(\.github\/workflows\/[^@]+)@(refs\/.+)$/.exec(run.env.GITHUB_WORKFLOW_REF ?? "");
  if (match === null || match[1]!.toLowerCase() !== repository.toLowerCase()) return undefined;
  return { workflow: match[2]!, ref: match[3]!, events: DEFAULT_PROVENANCE_EVENTS, issuer: defaultIssuer(server) };
}
