/**
 * The rollout state modelship keeps in git, and the one set of rules that turns an action into the
 * state a file should hold. Keeping state in the manifest (annotations modelship owns) means a
 * rollback PR can be written from git alone, without asking the cluster what ran before.
 *
 * The keys, on the resource's `metadata.annotations` (or a yaml-path target's state map):
 *
 * | key | holds |
 * | --- | --- |
 * | `modelship.dev/stable-version`, `-uri`, `-digest` | the model that serves by default (the one a rollback returns to) |
 * | `modelship.dev/canary-version`, `-uri`, `-digest` | the model under trial; absent when no canary runs |
 *
 * The serving fields stay the source of truth for URIs and weights; a recorded version counts only
 * while its recorded URI matches the field, so a hand edit is never mislabelled.
 */
import { UserError } from "../../common/errors.ts";
import { parseModelUri } from "../model-uri.ts";
import { toPointer } from "../../common/yaml-source.ts";
import type { DeployedModel, ModelRef, RolloutAction, RolloutState } from "./target-types.ts";
import { readString, removeValue, writeValue, type Resource, type YamlPath } from "./yaml-edit.ts";

/** Annotation keys modelship owns, by role and field. */
export const STATE_KEYS = {
  stable: { version: "modelship.dev/stable-version", uri: "modelship.dev/stable-uri", digest: "modelship.dev/stable-digest" },
  canary: { version: "modelship.dev/canary-version", uri: "modelship.dev/canary-uri", digest: "modelship.dev/canary-digest" },
} as const;

/** Where a Kubernetes resource keeps modelship's state. */
export const ANNOTATIONS: YamlPath = ["metadata", "annotations"];

/** JSON pointer of the canary's recorded URI, for targets where that record says a canary runs. */
export const CANARY_RECORD_POINTER = toPointer([...ANNOTATIONS, STATE_KEYS.canary.uri]);

/** What the state map says about one role (stable or canary); fields absent when not recorded. */
export interface RecordedModel {
  version?: string;
  uri?: string;
  digest?: string;
}

/** Reads the recorded stable and canary from the state map at `mapPath`. */
export function readRecorded(resource: Resource, mapPath: YamlPath): { stable: RecordedModel; canary: RecordedModel } {
  const read = (role: "stable" | "canary"): RecordedModel => {
    const keys = STATE_KEYS[role];
    const recorded: RecordedModel = {};
    for (const field of ["version", "uri", "digest"] as const) {
      const value = readString(resource, [...mapPath, keys[field]]);
      if (value !== undefined) recorded[field] = value;
    }
    return recorded;
  };
  return { stable: read("stable"), canary: read("canary") };
}

/** The model serving `uri`, labelled from the record when the record is about that URI. */
export function deployedAt(uri: string, recorded: RecordedModel): DeployedModel {
  const matches = recorded.uri === undefined || recorded.uri === uri;
  const version = (matches ? recorded.version : undefined) ?? versionFromUri(uri) ?? "";
  return matches && recorded.digest !== undefined ? { version, uri, digest: recorded.digest } : { version, uri };
}

/** The recorded model itself (for a stable that no field holds while a canary runs). */
function recordedModel(recorded: RecordedModel): DeployedModel | undefined {
  if (recorded.uri === undefined) return undefined;
  return deployedAt(recorded.uri, recorded);
}

/**
 * The state of a target whose one field holds the newest model's URI: with a `weight` (a canary
 * runs) that model is the canary and the recorded stable model is the stable one; without, the
 * field's model is the stable one.
 */
export function singleFieldState(
  uri: string,
  recorded: { stable: RecordedModel; canary: RecordedModel },
  weight: number | undefined,
): RolloutState {
  if (weight === undefined) return { stable: deployedAt(uri, recorded.stable) };
  const state: RolloutState = { canary: { ...deployedAt(uri, recorded.canary), weight } };
  const stable = recordedModel(recorded.stable);
  if (stable !== undefined) state.stable = stable;
  return state;
}

/** The URI a single-field target serves in `desired`: the canary's while one runs, else the stable model's. */
export function servingUri(desired: RolloutState): string {
  return (desired.canary ?? desired.stable!).uri;
}

/**
 * The state as the model `model` owns it: a model the files serve under another name (a URI of
 * another model's release, e.g. a running service modelship did not release, adopted by the first
 * promotion) keeps its URI but has no version. "0.0.1" of another model is not a version of this one:
 * neither the PR, the health queries, the recorded state nor a rollback may treat it as one.
 */
export function ownState(state: RolloutState, model: string, tagFormat?: string): RolloutState {
  const own = <T extends DeployedModel>(deployed: T | undefined): T | undefined => {
    if (deployed === undefined || deployed.version === "") return deployed;
    const named = parseModelUri(deployed.uri, tagFormat)?.model;
    return named === undefined || named === model ? deployed : { ...deployed, version: "" };
  };
  const stable = own(state.stable);
  const canary = own(state.canary);
  return { ...(stable === undefined ? {} : { stable }), ...(canary === undefined ? {} : { canary }) };
}

/** Writes the desired state into the state map at `mapPath`; the canary keys go when no canary runs. */
export function writeRecorded(resource: Resource, mapPath: YamlPath, desired: RolloutState): void {
  for (const role of ["stable", "canary"] as const) {
    const model = desired[role];
    const keys = STATE_KEYS[role];
    for (const field of ["version", "uri", "digest"] as const) {
      const value = model?.[field];
      if (value === undefined || value === "") removeValue(resource, [...mapPath, keys[field]]);
      else writeValue(resource, [...mapPath, keys[field]], value);
    }
  }
}

/** The version in a release asset URL (GitHub or a local registry), if any. */
function versionFromUri(uri: string): string | undefined {
  return parseModelUri(uri)?.version;
}

/** Where an action is applied, for messages. */
export interface PlanContext {
  file: string;
  /** e.g. `InferenceService "adult-income"`. */
  resource: string;
  /** JSON pointer of what shows a running canary in the resource, for messages about the canary. */
  canaryPointer?: string;
}

/**
 * The state the file should hold after `action`. Applying it to the state it produces yields the
 * same state, which is what makes every action idempotent.
 */
export function planAction(current: RolloutState, model: ModelRef, action: RolloutAction, where: PlanContext): RolloutState {
  const fromModel: DeployedModel = { version: model.version, uri: model.uri, digest: model.digest };
  const fail = (problem: string, hint: string, pointer?: string): UserError =>
    new UserError(`${where.resource}: ${problem}`, { file: where.file, hint, pointer });
  switch (action.kind) {
    case "start":
    case "step": {
      checkWeight(action.weight, action.kind, where);
      if (action.kind === "step" && current.canary === undefined)
        throw fail(
          `no canary is running, so there is no weight to step`,
          `start a canary of ${model.name} ${model.version} first`,
          where.canaryPointer,
        );
      if (action.kind === "step" && current.canary!.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary!)}, not ${model.name} ${model.version}`,
          `step the running canary's model, or start a new canary of ${model.version}`,
          where.canaryPointer,
        );
      // A running canary keeps the stable it was started against: a second start replaces the
      // canary, never records the old canary as the model to roll back to.
      const stable = current.stable;
      if (stable === undefined)
        throw fail(
          "no stable model is recorded, so there is nothing to run a canary against",
          "deploy the first model with the direct action",
        );
      if (current.canary === undefined && stable.uri === model.uri)
        throw fail(
          `${model.name} ${model.version} already serves as the stable model`,
          "release a new version to canary, or leave the file as it is",
        );
      return { stable, canary: { ...fromModel, weight: action.weight } };
    }
    case "promote": {
      if (current.canary === undefined) {
        if (current.stable?.uri === model.uri) return { stable: { ...current.stable, ...fromModel } };
        throw fail(
          `no canary is running, so there is nothing to promote`,
          `start a canary of ${model.name} ${model.version}, or use the direct action to replace the stable model`,
          where.canaryPointer,
        );
      }
      if (current.canary.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary)}, not ${model.name} ${model.version}`,
          "promote the model the canary runs",
          where.canaryPointer,
        );
      return { stable: fromModel };
    }
    case "rollback": {
      if (current.canary === undefined) return current;
      // The rollback was decided about one canary; a canary started since then is not rolled back blindly.
      if (current.canary.uri !== model.uri)
        throw fail(
          `the running canary is ${label(current.canary)}, not ${model.name} ${model.version}`,
          "the canary changed after it was judged; run the canary job (or the rollback) again",
          where.canaryPointer,
        );
      if (current.stable === undefined)
        throw fail(
          `the model to roll back to is not recorded (annotation ${STATE_KEYS.stable.uri} is missing)`,
          "roll back by hand, or use the direct action with the last good model",
        );
      return { stable: current.stable };
    }
    case "direct":
      return { stable: fromModel };
  }
}

/**
 * Throws unless `weight` is a whole percentage a canary can take (0..99). 0 is a dark launch (a
 * blue-green preview): the canary runs but takes no live traffic until it is promoted.
 */
function checkWeight(weight: number, action: string, where: PlanContext): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > 99) {
    throw new UserError(`${where.resource}: canary weight ${weight} for ${action} is outside 0..99`, {
      file: where.file,
      hint: "give a whole percentage from 0 (no live traffic yet) to 99; promote sends 100% to the canary",
    });
  }
}

function label(model: DeployedModel): string {
  return model.version ? `${model.version} (${model.uri})` : model.uri;
}
