/**
 * A release's modelcar image for promotion and the canary job. Promote finds the image the release
 * pushed under its version tag (release.oci), then pulls it BY DIGEST and verifies it
 * (gitops/modelcar-check.ts: every layer and file, and that it is the release the registry holds,
 * gated and not retired), and writes the digest, never the tag: a tag can be moved, a digest names the
 * bytes the cluster pulls. The canary job checks a running image the same way before it gets more
 * traffic; it only asks the repository release.oci names for the model, so credentials never go to a
 * host a GitOps file names.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUserError, UserError } from "../common/errors.ts";
import type { LoadedConfig } from "../config/modelship-config.ts";
import { checkModelcar, type CheckedModelcar } from "../gitops/modelcar-check.ts";
import type { CheckedRelease } from "../gitops/release-check.ts";
import { formatOciReference, parseOciReference } from "../net/oci-reference.ts";
import { ANNOTATION, modelcarRepository, modelcarTag } from "../registry/oci-modelcar.ts";
import type { RegistryStore, ServingLayout } from "../registry/registry-types.ts";
import { openOciClient, type OciSettings } from "./oci-settings.ts";
import type { StageRun } from "./stage-run.ts";

/** The release's image, digest-pinned, and the layout its /models holds. */
export interface ReleasedModelcar {
  uri: string;
  layout: ServingLayout;
}

type ImageRun = Pick<StageRun, "env" | "token" | "logger">;

/** Pulls and checks `digest` of the model's image repository in a scratch folder (removed after). */
async function checkImage(options: {
  run: ImageRun;
  loaded: LoadedConfig;
  image: { registry: string; repository: string };
  digest: string;
  store: RegistryStore;
  model: string;
  doing: string;
}): Promise<CheckedModelcar> {
  const scratch = await mkdtemp(join(tmpdir(), "modelship-modelcar-"));
  try {
    return await checkModelcar({
      client: openOciClient(options.run, options.image, options.loaded),
      digest: options.digest,
      store: options.store,
      dir: scratch,
      model: options.model,
      doing: options.doing,
      logger: options.run.logger,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Finds and verifies the modelcar image of `checked` under release.oci's repository. */
export async function releasedModelcar(options: {
  run: ImageRun;
  loaded: LoadedConfig;
  oci: OciSettings;
  store: RegistryStore;
  checked: CheckedRelease;
}): Promise<ReleasedModelcar> {
  const { checked, run } = options;
  const { name, version } = checked.model;
  const image = modelcarRepository(options.oci.prefix, name);
  const client = openOciClient(run, image, options.loaded);
  const tag = modelcarTag(version);
  let digest: string;
  try {
    digest = (await client.pullManifest(tag)).digest;
  } catch (error) {
    if (isUserError(error) && /HTTP 404/.test(error.message))
      throw new UserError(`${name}@${version} has no modelcar image: ${client.referenceOf(tag)} was not found`, {
        hint: `push it: run modelship release for ${name} ${version} again with release.oci set (a re-run pushes the image of a release it finds already there)`,
        cause: error,
      });
    throw error;
  }
  const car = await checkImage({
    run,
    loaded: options.loaded,
    image,
    digest,
    store: options.store,
    model: name,
    doing: "promote or deploy",
  });
  if (car.model.version !== version || car.stored.manifestSha256 !== checked.stored.manifestSha256)
    throw new UserError(
      `${client.referenceOf(digest)} (tag ${tag}) is ${car.model.name}@${car.model.version}, not the release ${name}@${version}`,
      {
        hint: "the image under the version's tag is not this release's: check who can push to the OCI repository, then release a new version",
      },
    );
  const layout = car.pulled.annotations[ANNOTATION.layout] === "onnx-file" ? "onnx-file" : "triton-model-repository";
  run.logger.info(`${name}@${version}: modelcar ${client.referenceOf(digest)} verified (${layout}).`);
  return { uri: formatOciReference({ ...image, digest }), layout };
}

/**
 * The canary job's check of a canary served from an image: only a digest-pinned image of the model's
 * own repository under release.oci, pulled and verified as a gated release of `store`.
 */
export function canaryImageChecker(options: {
  run: ImageRun;
  loaded: LoadedConfig;
  oci: OciSettings | undefined;
  store: () => RegistryStore;
  model: string;
}): (uri: string) => Promise<CheckedRelease> {
  return async (uri) => {
    const { oci, model } = options;
    const hint = `only images modelship promote wrote (oci://${oci === undefined ? "REGISTRY/PATH" : `${oci.prefix.registry}/${oci.prefix.repository}`}/${model}@sha256:…) get more traffic; roll the canary back with --action rollback`;
    if (oci === undefined)
      throw new UserError(`the canary runs the image ${uri}, and modelship.yaml names no release.oci to check it against`, { hint });
    const reference = parseOciReference(uri, "the canary's model URI");
    const image = modelcarRepository(oci.prefix, model);
    if (reference.registry !== image.registry || reference.repository !== image.repository || reference.digest === undefined)
      throw new UserError(`the canary's image ${uri} is not a digest-pinned image of ${formatOciReference(image)}`, { hint });
    return await checkImage({ ...options, image, digest: reference.digest, store: options.store(), doing: "give more traffic to" });
  };
}
