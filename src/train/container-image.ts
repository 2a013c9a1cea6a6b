/**
 * The container image a training ran in. The reusable workflow runs its train job in the image of
 * its train-container input and names that image to the train step in MODELSHIP_TRAIN_IMAGE: from
 * inside the container, no Docker socket tells us what we run in. The workflow's train-image job
 * refuses a reference without a digest before the container is pulled (unless allow-unpinned), so
 * the digest recorded here is the image that trained, not a tag that may have moved since.
 */

/** The variable the reusable workflow sets to its train-container input on the train job. */
export const TRAIN_IMAGE_VARIABLE = "MODELSHIP_TRAIN_IMAGE";

/** A digest as an OCI reference pins one: sha256 and 64 lowercase hex digits, at the end after `@`. */
const PINNED = /@(sha256:[0-9a-f]{64})$/;

export interface TrainContainer {
  /** The image reference as the workflow gave it. */
  image: string;
  /** Its `sha256:…` digest, when the reference pins one. */
  digest?: string;
}

/** The digest a reference pins (`IMAGE[:TAG]@sha256:<64 hex>`), or undefined for a tag alone or a malformed digest. */
export function imageDigest(reference: string): string | undefined {
  return PINNED.exec(reference.trim())?.[1];
}

/** The train container from MODELSHIP_TRAIN_IMAGE; undefined when it is unset or empty (the job ran on the runner itself). */
export function trainContainer(env: NodeJS.ProcessEnv = process.env): TrainContainer | undefined {
  const image = env[TRAIN_IMAGE_VARIABLE]?.trim() ?? "";
  if (image === "") return undefined;
  const digest = imageDigest(image);
  return digest === undefined ? { image } : { image, digest };
}
