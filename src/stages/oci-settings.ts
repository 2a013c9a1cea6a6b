/**
 * The OCI registry a run pushes modelcar images to (release.oci, `--oci`, the oci input) and the
 * credentials every OCI request of a run uses: MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD, else
 * for GHCR the run's GitHub token (GHCR takes any username with GITHUB_TOKEN, which needs
 * `packages: write` to push and `packages: read` to pull a private package). Without credentials a
 * request goes anonymous, which public images allow for pulls.
 *
 * The credentials go to one registry host only: release.oci's, one the caller already matched to the
 * rules (verify-promotion's trusted prefixes), or one MODELSHIP_OCI_REGISTRY names. An `oci://` URI in
 * a file or on a command line never makes the password travel to the host it names.
 */
import { access } from "node:fs/promises";
import { UserError } from "../common/errors.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { OciClient, type OciCredentials } from "../net/oci-client.ts";
import { parseOciReference, type OciReference } from "../net/oci-reference.ts";
import { DEFAULT_MAX_MODELCAR_BYTES } from "../registry/oci-pull.ts";
import { networkPolicy, type StageRun } from "./stage-run.ts";

export const OCI_USERNAME_ENV = "MODELSHIP_OCI_USERNAME";
export const OCI_PASSWORD_ENV = "MODELSHIP_OCI_PASSWORD";
/** The registry hosts (comma-separated) MODELSHIP_OCI_USERNAME and _PASSWORD are for, beside release.oci's. */
export const OCI_REGISTRY_ENV = "MODELSHIP_OCI_REGISTRY";
export const OCI_SETTING = "--oci (MODELSHIP_OCI, the oci input, or release.oci.repository in modelship.yaml)";

/** Where Debian's and Ubuntu's busybox-static put the binary. */
const BUSYBOX_PATHS = ["/bin/busybox", "/usr/bin/busybox"];

/** release.oci resolved: the repository prefix the images go under and the busybox the base layer is built from. */
export interface OciSettings {
  /** e.g. registry ghcr.io, repository octo/models. */
  prefix: Pick<OciReference, "registry" | "repository">;
  /** An explicit busybox (release.oci.busybox, resolved against modelship.yaml); else the system's is looked for. */
  busybox?: string;
}

/** The OCI repository prefix: explicit (flag, input), then release.oci; undefined when neither names one. */
export function resolveOciSettings(explicit: string | undefined, loaded: LoadedConfig): OciSettings | undefined {
  const configured = loaded.config?.release?.oci;
  const text = explicit !== undefined && explicit !== "" ? explicit : configured?.repository;
  if (text === undefined) return undefined;
  const setting = explicit !== undefined && explicit !== "" ? OCI_SETTING : `release.oci.repository in ${loaded.file ?? "modelship.yaml"}`;
  const reference = parseOciReference(text.startsWith("oci://") ? text : `oci://${text}`, setting);
  if (reference.tag !== undefined || reference.digest !== undefined)
    throw new UserError(`${setting}: "${text}" names a tag or digest; it is the repository prefix the model images go under`, {
      hint: "write REGISTRY/PATH, e.g. ghcr.io/octo/models: each model is pushed as ghcr.io/octo/models/MODEL:VERSION",
    });
  const busybox = configured?.busybox === undefined ? undefined : loaded.resolvePath(configured.busybox);
  return { prefix: { registry: reference.registry, repository: reference.repository }, ...(busybox === undefined ? {} : { busybox }) };
}

/** The busybox to build the modelcar's base layer from: the configured one, else the system's. */
export async function findBusybox(settings: OciSettings): Promise<string> {
  if (settings.busybox !== undefined) return settings.busybox;
  for (const path of BUSYBOX_PATHS) {
    try {
      await access(path);
      return path;
    } catch {
      // Not there; try the next.
    }
  }
  throw new UserError(
    "pushing a modelcar image needs a statically linked busybox, and none was found at /bin/busybox or /usr/bin/busybox",
    {
      hint: "install it (apt-get install busybox-static), or set release.oci.busybox in modelship.yaml to a static busybox binary",
    },
  );
}

/**
 * The credentials a run's OCI requests to `registry` carry, or undefined (anonymous). MODELSHIP_OCI_*
 * only for a registry in `allowed` or MODELSHIP_OCI_REGISTRY; the GitHub token only for ghcr.io.
 */
export function ociCredentials(
  run: Pick<StageRun, "env" | "token">,
  registry: string,
  allowed: readonly string[] = [],
): OciCredentials | undefined {
  const username = run.env[OCI_USERNAME_ENV];
  const password = run.env[OCI_PASSWORD_ENV];
  const named = (run.env[OCI_REGISTRY_ENV] ?? "").split(",").map((host) => host.trim().toLowerCase());
  const forThisHost = allowed.includes(registry) || named.includes(registry);
  if (password !== undefined && password !== "" && forThisHost)
    return { username: username === undefined || username === "" ? "modelship" : username, password };
  if (registry === "ghcr.io" && run.token !== undefined && run.token !== "")
    return { username: run.env.GITHUB_ACTOR ?? "modelship", password: run.token };
  return undefined;
}

/**
 * A client for one image repository, with the run's network policy and credentials: those are sent
 * when the registry is release.oci's (in `loaded`), named in MODELSHIP_OCI_REGISTRY, or `trusted` (the
 * caller matched the reference to its rules before asking).
 */
export function openOciClient(
  run: Pick<StageRun, "env" | "token">,
  reference: Pick<OciReference, "registry" | "repository">,
  loaded?: LoadedConfig,
  options: { trusted?: boolean } = {},
): OciClient {
  const configured = loaded === undefined ? undefined : resolveOciSettings(undefined, loaded)?.prefix.registry;
  const allowed = [...(configured === undefined ? [] : [configured]), ...(options.trusted === true ? [reference.registry] : [])];
  const credentials = ociCredentials(run, reference.registry, allowed);
  return new OciClient(reference, {
    policy: networkPolicy(run, loaded),
    // A registry that sends more than the largest blob a modelcar may have is cut off, not read to the end.
    maxBlobBytes: DEFAULT_MAX_MODELCAR_BYTES,
    ...(credentials === undefined ? {} : { credentials }),
  });
}
