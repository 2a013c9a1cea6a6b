/**
 * The promotion rules verify-promotion judges a GitOps change by, as the base branch states them:
 * the only registries a model may come from (scheme, host, owner/repo or folder, tag format, the
 * attestation it must carry), the targets modelship manages, and what a change to these rules
 * itself needs. A model URI is matched against the registries here, before anything is downloaded,
 * so a URI that names another host, repository or folder never makes the check talk to it.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isUserError } from "../common/errors.ts";
import { isOciDigest, parseOciReference, type OciReference } from "../net/oci-reference.ts";
import { DEFAULT_TAG_FORMAT, isModelName, parseVersion } from "../registry/model-version.ts";
import type { ProvenancePolicy } from "../registry/release-provenance.ts";
import { releaseAssetPath, type ReleaseLocation } from "./model-uri.ts";
import type { TargetSpec } from "./targets/target-dispatch.ts";

/** A registry the base configuration trusts. */
export interface TrustedRegistry {
  /** Where the base configuration names it, e.g. `verify.registries[0]`. */
  where: string;
  /** The spec that opens its store: `github:OWNER/REPO` or an absolute folder. */
  spec: string;
  /** For a GitHub registry: the server origin, owner and repo its release URLs carry. */
  github?: { server: string; owner: string; repo: string };
  /** For a folder registry: its absolute path. */
  folder?: string;
  tagFormat: string;
  provenance: ProvenancePolicy | "off";
  /**
   * The OCI repository prefix its releases' modelcar images live under (`oci` in the entry), e.g.
   * registry ghcr.io, repository octo/models: an `oci://` URI matches only as `<prefix>/<model>@sha256:…`.
   */
  oci?: Pick<OciReference, "registry" | "repository">;
}

/** What a change to the rules needs: to fail, or the code owners' review (a required review in branch protection). */
export type RulesChangePolicy = "fail" | "codeowners";

export interface PromotionRules {
  /** The configuration file the rules were read from (a path in the GitOps repository). */
  file: string;
  registries: TrustedRegistry[];
  targets: TargetSpec[];
  rulesChanges: RulesChangePolicy;
  /** Other files of the GitOps repository the rules read (trusted roots): changing one changes the rules. */
  ruleFiles: string[];
}

/** A digest-pinned modelcar image under a trusted registry's OCI prefix: the model its repository names, and the image. */
export interface ImageLocation {
  model: string;
  reference: Pick<OciReference, "registry" | "repository"> & { digest: string };
}

/** A model URI matched to a trusted registry (a release asset, or a modelcar image), or why it matches none. */
export type RegistryMatch =
  { registry: TrustedRegistry; location: ReleaseLocation } | { registry: TrustedRegistry; image: ImageLocation } | { problem: string };

/** The trusted registry a model URI is a release asset of, by its exact shape; nothing is fetched. */
export function matchRegistry(uri: string, registries: readonly TrustedRegistry[]): RegistryMatch {
  if (/^oci:/i.test(uri)) return matchOci(uri, registries);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return {
      problem: "not a URL but a path or name the server resolves itself: only release assets of a configured registry may be deployed",
    };
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    return { problem: "a release asset URL has no user, password, query or fragment" };
  const trusted = registries.map((registry) => registry.spec).join(", ");
  for (const registry of registries) {
    const location = registry.github ? matchGitHub(url, registry) : matchFolder(url, registry);
    if (location !== undefined) return { registry, location };
  }
  const rest = `a registry the base branch's rules trust (${trusted}): only models released from a configured registry may be deployed`;
  if (url.protocol !== "file:" && url.protocol !== "https:" && url.protocol !== "http:")
    return { problem: `a URI with scheme ${url.protocol} is not a release asset of ${rest}` };
  const from = url.protocol === "file:" ? `the folder ${safePath(url)}` : `${url.protocol}//${url.host}${ownerRepo(url)}`;
  return { problem: `served from ${from}, which is not ${rest}` };
}

/**
 * An `oci://` URI of a trusted registry: its registry host equals the entry's `oci` prefix's, its
 * repository is `<prefix>/<model>` (exactly one more segment), and it is pinned by digest.
 */
function matchOci(uri: string, registries: readonly TrustedRegistry[]): RegistryMatch {
  let reference: OciReference;
  try {
    reference = parseOciReference(uri, "the model URI");
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { problem: error.problem };
  }
  for (const registry of registries) {
    const oci = registry.oci;
    if (oci === undefined || reference.registry !== oci.registry || !reference.repository.startsWith(`${oci.repository}/`)) continue;
    const model = reference.repository.slice(oci.repository.length + 1);
    if (model.includes("/") || !isModelName(model)) continue;
    if (reference.digest === undefined || !isOciDigest(reference.digest))
      return {
        problem: `an image named by the tag ${reference.tag ?? "latest"}, which can be moved to other bytes: pin the digest (oci://${reference.registry}/${reference.repository}@sha256:…, as modelship promote writes it)`,
      };
    return {
      registry,
      image: { model, reference: { registry: reference.registry, repository: reference.repository, digest: reference.digest } },
    };
  }
  const prefixes = registries.flatMap((registry) =>
    registry.oci === undefined ? [] : [`${registry.oci.registry}/${registry.oci.repository}`],
  );
  const trusted = prefixes.length === 0 ? "none: no verify.registries entry names an oci prefix" : prefixes.join(", ");
  return {
    problem: `an image in ${reference.registry}/${reference.repository}, which is not <prefix>/<model> under an OCI repository the base branch's rules trust (${trusted}): only models released from a configured registry may be deployed`,
  };
}

function matchGitHub(url: URL, registry: TrustedRegistry): ReleaseLocation | undefined {
  const github = registry.github!;
  if (url.origin !== github.server) return undefined;
  const asset = releaseAssetPath(url, registry.tagFormat);
  // GitHub's owner and repository names are case-insensitive.
  if (
    asset === undefined ||
    asset.owner.toLowerCase() !== github.owner.toLowerCase() ||
    asset.repo.toLowerCase() !== github.repo.toLowerCase()
  )
    return undefined;
  return { registry: registry.spec, model: asset.model, version: asset.version, file: asset.file, server: github.server };
}

function matchFolder(url: URL, registry: TrustedRegistry): ReleaseLocation | undefined {
  if (url.protocol !== "file:" || (url.host !== "" && url.host !== "localhost")) return undefined;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return undefined;
  }
  const relative = path.slice(registry.folder!.length);
  if (!path.startsWith(registry.folder!) || !relative.startsWith("/")) return undefined;
  const parts = relative.slice(1).split("/");
  if (parts.length !== 3) return undefined;
  const [model, version, file] = parts as [string, string, string];
  if (!isModelName(model) || parseVersion(version) === undefined || file === "") return undefined;
  return { registry: registry.spec, model, version, file };
}

function ownerRepo(url: URL): string {
  const parts = url.pathname.split("/").filter((part) => part !== "");
  return parts.length >= 2 ? `/${parts[0]}/${parts[1]}` : url.pathname;
}

function safePath(url: URL): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url.pathname;
  }
}

/** A registry entry of the base configuration, checked and resolved. Throws a message (string) when it is not usable. */
export function trustedRegistry(options: {
  where: string;
  registry: string;
  server?: string;
  tagFormat?: string;
  defaultServer: string;
  provenance: ProvenancePolicy | "off";
  /** The OCI repository prefix its modelcar images live under (REGISTRY/PATH), if any. */
  oci?: string;
}): TrustedRegistry | string {
  const { where, registry } = options;
  const tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
  const oci = options.oci === undefined ? undefined : ociPrefix(options.oci, `${where}.oci`);
  if (typeof oci === "string") return oci;
  const withOci = oci === undefined ? {} : { oci };
  if (registry.startsWith("github:")) {
    const match = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(registry);
    if (match === null) return `${where}.registry "${registry}" is not github:OWNER/REPO`;
    const server = new URL(options.server ?? options.defaultServer).origin;
    return {
      where,
      spec: registry,
      github: { server, owner: match[1]!, repo: match[2]! },
      tagFormat,
      provenance: options.provenance,
      ...withOci,
    };
  }
  if (registry === "github") return `${where}.registry must name the repository: github:OWNER/REPO`;
  let folder: string;
  if (registry.startsWith("file:")) {
    try {
      folder = fileURLToPath(registry);
    } catch {
      return `${where}.registry "${registry}" is not a file:/// URL`;
    }
  } else if (registry.startsWith("/")) folder = registry;
  else return `${where}.registry "${registry}" is neither github:OWNER/REPO nor an absolute folder path`;
  folder = resolve(folder);
  if (options.provenance !== "off")
    return `${where}: a folder registry has no attestations to check; set ${where}.provenance: off (it is then reported as a warning)`;
  return { where, spec: folder, folder, tagFormat, provenance: "off", ...withOci };
}

/** An entry's `oci` prefix (REGISTRY/PATH, `oci://` optional, no tag or digest), or why it is not one. */
function ociPrefix(text: string, setting: string): Pick<OciReference, "registry" | "repository"> | string {
  let reference: OciReference;
  try {
    reference = parseOciReference(text.startsWith("oci://") ? text : `oci://${text}`, setting);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return error.problem;
  }
  if (reference.tag !== undefined || reference.digest !== undefined)
    return `${setting} "${text}" names a tag or digest; it is the repository prefix the model images live under, e.g. ghcr.io/octo/models`;
  return { registry: reference.registry, repository: reference.repository };
}
