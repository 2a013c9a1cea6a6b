/**
 * The drift stage's reference: a release's reference profile (the version the GitOps repository
 * serves, the latest, or a given one), or a profile or data files, with the accuracy the model had
 * where it was evaluated.
 */
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import gateReportSchema from "../../schemas/gate-report.schema.json" with { type: "json" };
import { UserError, withSetting } from "../common/errors.ts";
import { upgradeBySchema } from "../common/format-version.ts";
import type { Logger } from "../common/logger.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { readableExtension } from "../data/readers/open-table.ts";
import { readProfile, type ReferenceProfile } from "../data/profile/profile-data.ts";
import type { DriftReport } from "../drift/report-types.ts";
import type { ExplanationsSection } from "../gates/gate-report-types.ts";
import { hasMagic } from "../drift/sources.ts";
import { withClone } from "../git/git-workspace.ts";
import { checkModelcar, imageRelease } from "../gitops/modelcar-check.ts";
import { parseModelUri } from "../gitops/model-uri.ts";
import type { OciClient } from "../net/oci-client.ts";
import { parseOciReference, type OciReference } from "../net/oci-reference.ts";
import { manifestReader, readEnvironmentState } from "../gitops/promotion-pr.ts";
import { fetchModel, resolveVersion } from "../registry/verified-fetch.ts";
import { openStore } from "../registry/open-store.ts";
import { parseModelRef } from "../registry/model-version.ts";
import type { ModelManifest, RegistryStore, RetirementMark } from "../registry/registry-types.ts";
import type { DriftStageSettings } from "./drift-settings.ts";
import { resolveEnvironment, resolveGitOps, type ExplicitGitOpsSettings } from "./promote-settings.ts";
import { profileFiles } from "./reference-data.ts";
import { resolveRegistry } from "./release-settings.ts";
import { redactText, type NetworkPolicy } from "../net/safe-http.ts";

/** What reading the reference needs: modelship.yaml, the registry, and the GitOps repository for `production`. */
export interface ReferenceContext {
  loaded: LoadedConfig;
  registry?: string;
  /** The registry when neither an input nor release.registry names one. */
  defaultRegistry: string;
  /** Token for the registry (GitHub Releases). */
  registryToken?: string;
  repository?: string;
  tagFormat?: string;
  gitops: ExplicitGitOpsSettings;
  /** Token for the GitOps repository (reading what production serves). */
  gitopsToken?: string;
  logger: Logger;
  toolVersion: string;
  /** The internal sources downloads may reach (current-data URLs, a GitHub registry's asset storage). */
  network: NetworkPolicy;
  /** A client for an image repository (with the run's OCI credentials), for a production model served as an oci:// modelcar. */
  openOci?: (reference: Pick<OciReference, "registry" | "repository">) => OciClient;
}

/** The profile the current data is compared with, where it came from, and the model it belongs to. */
export interface Reference {
  profile: ReferenceProfile;
  source: string;
  model?: DriftReport["model"];
  /** The model's accuracy where it was evaluated (the release's gate report), for performance drift. */
  accuracy?: { accuracy: number; n: number };
  /**
   * A release only: the permutation importances its gate report records (undefined when it records
   * none), read from the verified package, for `drift.weights: importance`.
   */
  explanations?: ExplanationsSection;
  retired?: undefined;
}

/** A release reference whose version is retired: drift checks skip it (drift-stage.ts), nothing is downloaded. */
export interface RetiredReference {
  retired: RetirementMark;
  source: string;
}

/**
 * Accuracy and rows of a gate report, when it has them, and its permutation importances. A report of
 * a newer format (a release made by a newer modelship) is refused with the upgrade message rather
 * than read by guesswork. `path` is a file of a verified package: nothing else is ever read here.
 */
async function gateFacts(path: string): Promise<{ accuracy?: { accuracy: number; n: number }; explanations?: ExplanationsSection }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return {};
  }
  const report = upgradeBySchema(gateReportSchema, parsed, { file: path, what: "gate report" }) as {
    metrics?: { accuracy?: { value?: number | null } };
    data?: { rows?: number };
    explanations?: ExplanationsSection;
  } | null;
  const accuracy = report?.metrics?.accuracy?.value;
  const n = report?.data?.rows;
  const explanations = report?.explanations;
  return {
    ...(typeof accuracy === "number" && typeof n === "number" && n > 0 ? { accuracy: { accuracy, n } } : {}),
    ...(explanations !== undefined && Array.isArray(explanations.features) ? { explanations } : {}),
  };
}

/** The reference accuracy: the release's evaluation, else the reference profile's own labelled rows. */
function profileAccuracy(profile: ReferenceProfile): { accuracy: number; n: number } | undefined {
  const agreement = profile.agreement;
  return agreement === undefined || agreement.rows === 0 ? undefined : { accuracy: agreement.agree / agreement.rows, n: agreement.rows };
}

/** Where a release's registry came from when the GitOps repository named it (the URI an environment serves). */
interface ServedFrom {
  environment: string;
  /** The manifest the URI was read from, and the repository and branch it is in. */
  file: string;
  gitops: string;
  uri: string;
}

/** A release to read the reference from; `served` when its registry is the one the GitOps repository's URI names. */
interface ReleaseSpec {
  registry: string;
  model: string;
  version: string;
  served?: ServedFrom;
  /** A modelcar pinned by digest (what production serves): its version is read from the image, which must be the registry's release. */
  image?: { reference: Pick<OciReference, "registry" | "repository">; digest: string };
}

/**
 * A registry on GitHub with no token to read it, named by the URI the GitOps repository serves: the
 * user configured another registry (or none), so the message says where this one came from.
 */
function servedRegistryNeedsToken(spec: ReleaseSpec, context: ReferenceContext): UserError | undefined {
  const served = spec.served;
  if (served === undefined || !spec.registry.startsWith("github") || (context.registryToken ?? "") !== "") return undefined;
  return new UserError(
    `registry ${spec.registry} needs a GitHub token: --reference production reads the reference profile of the model ${served.environment} serves, ${served.uri}, and that URI (in ${served.file} of the GitOps repository ${served.gitops}) names registry ${spec.registry}, not the registry modelship.yaml configures`,
    {
      hint: `set GITHUB_TOKEN (the action's token input) to a token that can read ${spec.registry.slice("github:".length) || "the repository"}'s releases (contents: read), or pass --reference VERSION or --reference latest to read the reference from the configured registry (release.registry)`,
    },
  );
}

async function referenceFromRelease(spec: ReleaseSpec, context: ReferenceContext): Promise<Reference | RetiredReference> {
  const { logger } = context;
  const needsToken = servedRegistryNeedsToken(spec, context);
  if (needsToken !== undefined) throw needsToken;
  const store = openStore({
    spec: spec.registry,
    token: context.registryToken,
    repository: context.repository,
    tagFormat: context.tagFormat ?? context.loaded.config?.release?.tag_format,
    logger,
    userAgentVersion: context.toolVersion,
    network: context.network,
  });
  const image = spec.image;
  const client = image === undefined ? undefined : openImage(image, context);
  // A retired version is not downloaded: its drift is nobody's to act on any more.
  const version =
    image === undefined
      ? await resolveVersion(store, spec.model, spec.version, logger)
      : (await imageRelease(client!, image.digest, spec.model)).version;
  const retired = await store.retirement(spec.model, version);
  if (retired !== undefined) return { retired, source: `release ${spec.model}@${version} (${store.description})` };
  const temp = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-drift-"));
  try {
    const fetched =
      image === undefined
        ? await fetchModel({ store, model: spec.model, version, dir: join(temp, "model"), logger })
        : await pulledImage(client!, image.digest, { store, model: spec.model, dir: join(temp, "model"), logger });
    const file = fetched.manifest.files.find((entry) => entry.role === "reference-profile");
    const label = `${spec.model}@${fetched.version}`;
    if (file === undefined) {
      throw new UserError(`release ${label} has no reference profile to compare with`, {
        hint: "release models with a reference profile (modelship profile, then modelship release --reference-profile), or pass --reference PROFILE.json",
      });
    }
    const profile = await readProfile(join(fetched.path, file.name));
    const located = await store.locate(spec.model, fetched.version).catch(() => undefined);
    // The gate report of the package fetchModel (or checkModelcar) verified byte for byte against its manifest.
    const gate = fetched.manifest.files.find((entry) => entry.role === "gate-report");
    const facts = gate === undefined ? {} : await gateFacts(join(fetched.path, gate.name));
    const accuracy = facts.accuracy ?? profileAccuracy(profile);
    return {
      profile,
      source: `release ${label} (${store.description})`,
      model: { name: spec.model, version: fetched.version, ...(located?.url === undefined ? {} : { release_url: located.url }) },
      ...(accuracy === undefined ? {} : { accuracy }),
      ...(facts.explanations === undefined ? {} : { explanations: facts.explanations }),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** A client for the image production serves; UserError when the caller gave no way to pull images. */
function openImage(image: NonNullable<ReleaseSpec["image"]>, context: ReferenceContext): OciClient {
  if (context.openOci === undefined)
    throw new UserError(
      `production serves the modelcar oci://${image.reference.registry}/${image.reference.repository}@${image.digest}, and this run cannot pull images`,
      {
        hint: "pass --reference VERSION to read the reference from the configured registry",
      },
    );
  return context.openOci(image.reference);
}

/** The modelcar pulled into `dir` and checked to be the registry's release, as fetchModel's result reads. */
async function pulledImage(
  client: OciClient,
  digest: string,
  options: { store: RegistryStore; model: string; dir: string; logger: Logger },
): Promise<{ path: string; version: string; manifest: ModelManifest }> {
  await mkdir(options.dir);
  // What production serves is compared whatever its gate record says, as for a release URL; it must still be the registry's release.
  const checked = await checkModelcar({ client, digest, ...options, doing: "read the drift reference of", gated: false });
  return { path: options.dir, version: checked.model.version, manifest: checked.manifest };
}

/** The stable model the environment serves, read from the GitOps repository's base branch. */
async function deployedRelease(settings: DriftStageSettings, context: ReferenceContext): Promise<ReleaseSpec> {
  const { loaded, logger } = context;
  const environment = resolveEnvironment(settings.environment, loaded);
  const gitops = resolveGitOps(context.gitops, loaded);
  const state = await withClone(
    { remote: gitops.remote, base: gitops.base, ...(context.gitopsToken === undefined ? {} : { token: context.gitopsToken }), logger },
    (workspace) => readEnvironmentState(manifestReader(workspace, `origin/${gitops.base}`), environment, logger),
  );
  const stable = state.stable;
  if (stable === undefined)
    throw new UserError(`no model serves in ${environment.name} yet, so there is no production reference`, {
      hint: "promote a release first, or pass --reference latest (or a version)",
    });
  const location = parseModelUri(stable.uri, context.tagFormat ?? loaded.config?.release?.tag_format);
  const model = settings.model;
  const served = {
    environment: environment.name,
    file: environment.targets[0]?.file ?? "its manifests",
    gitops: `${gitops.repository ?? redactText(gitops.remote)} (branch ${gitops.base})`,
    uri: stable.uri,
  };
  if (location !== undefined) return { registry: location.registry, model: location.model, version: location.version, served };
  // A modelcar: pulled by digest, and it must be the configured registry's release.
  if (/^oci:/i.test(stable.uri)) {
    const reference = parseOciReference(stable.uri, `the model URI ${environment.name} serves (${served.file})`);
    if (reference.digest === undefined)
      throw new UserError(`${environment.name} serves ${stable.uri}, an image named by a tag, which can be moved: pin the digest`, {
        hint: "promote the release again (modelship promote writes oci://…@sha256:…), or pass --reference VERSION",
      });
    return {
      registry: resolveRegistry(context.registry, loaded, context.defaultRegistry),
      model: reference.repository.slice(reference.repository.lastIndexOf("/") + 1),
      version: "",
      image: { reference, digest: reference.digest },
    };
  }
  if (model === undefined || stable.version === "")
    throw new UserError(`the model URI ${stable.uri} in ${environment.name} is not a release modelship can read a reference profile from`, {
      hint: "pass --reference VERSION (the version that serves) or a reference profile file",
    });
  logger.info(`${environment.name} serves ${stable.uri}; its reference comes from ${model}@${stable.version} in the configured registry.`);
  return { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model, version: stable.version };
}

/** Where the reference is set, for messages. */
const REFERENCE_SETTING = "--reference (drift.reference)";

/** A problem with the reference file, marked as coming from --reference (or drift.reference). */
async function naming<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    return withSetting(error, REFERENCE_SETTING);
  }
}

/** The reference a spec names: a profile or data files, `production` (what the GitOps repository serves), or a release version. */
export async function loadReference(settings: DriftStageSettings, context: ReferenceContext): Promise<Reference | RetiredReference> {
  const spec = settings.reference;
  const { loaded, logger } = context;
  const fromFile = /\.json$/i.test(spec);
  if (fromFile || readableExtension(spec) !== undefined || hasMagic(spec)) {
    const profile = await naming(
      fromFile
        ? readProfile(spec)
        : profileFiles({ loaded, patterns: [spec], logger, toolVersion: context.toolVersion }).then((made) => made.profile),
    );
    const accuracy = profileAccuracy(profile);
    return {
      profile,
      source: fromFile ? spec : `data ${spec}`,
      ...(settings.model === undefined ? {} : { model: { name: settings.model } }),
      ...(accuracy === undefined ? {} : { accuracy }),
    };
  }
  if (spec === "production" || spec === "deployed") return referenceFromRelease(await deployedRelease(settings, context), context);
  // A file that is neither a profile nor data (a contract, a model) is not a version to look up in the registry.
  const version = spec.slice(spec.indexOf("@") + 1);
  if (!/^v?\d+\.\d+\.\d+/.test(version) && (/\.[A-Za-z][A-Za-z0-9]*$/.test(spec) || spec.includes("/")))
    throw new UserError(`${REFERENCE_SETTING}: "${spec}" is neither a reference profile (.json), data files, nor a release`, {
      hint: "give --reference a profile made by `modelship profile` (.json), data files (.csv, .jsonl, .parquet), production, latest, or a version such as 1.4.0",
    });
  const ref = spec.includes("@") ? parseModelRef(spec) : { model: settings.model, version: spec };
  if (ref.model === undefined)
    throw new UserError(`the reference ${spec} names no model`, { hint: "set `model:` in modelship.yaml, or pass MODEL@VERSION" });
  return referenceFromRelease(
    { registry: resolveRegistry(context.registry, loaded, context.defaultRegistry), model: ref.model, version: ref.version },
    context,
  );
}
