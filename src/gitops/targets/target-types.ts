/**
 * The vocabulary every manifest target shares: which model to roll out, what to do with it, where
 * the resource lives, and the rollout state a file holds. One vocabulary (`start`, `step`,
 * `promote`, `rollback`, `direct`) over six very different ways of spelling a canary.
 */
import type { ServingLayout } from "../../registry/registry-types.ts";
import type { Manifest, Resource, YamlPath } from "./yaml-edit.ts";

/** The kinds of manifest modelship knows how to edit. */
export type TargetKind = "kserve-standard" | "kserve-knative" | "argo-rollouts" | "flagger" | "seldon-v2" | "yaml-path";

/** A released model: the release asset URL is what the serving stack downloads. */
export interface ModelRef {
  name: string;
  /** Semantic version without a leading "v", e.g. `0.0.2`. */
  version: string;
  /**
   * The release asset URL, e.g. `https://github.com/o/models/releases/download/adult-income%2Fv0.0.2/model.onnx`
   * (for a model read back from a manifest: the URI the manifest holds).
   */
  uri: string;
  /** The package digest (from the release manifest). */
  digest: string;
  /**
   * The release's asset for each way of serving it (ServingLayout), from its manifest; a target writes
   * the one its runtime loads. Absent for a model read back from a manifest (`uri` is then what it runs).
   */
  servingUris?: Partial<Record<ServingLayout, string>>;
  /** Why the release has no asset of a layout (e.g. an output Triton cannot serve). */
  unavailable?: Partial<Record<ServingLayout, string>>;
  /**
   * The release's modelcar image, digest-pinned (`oci://REGISTRY/REPO@sha256:…`), and the layout its
   * /models holds: a KServe target whose runtime loads that layout writes it instead of the release asset.
   */
  modelcar?: { uri: string; layout: ServingLayout };
}

/** Which of a release's assets a resource's runtime loads, and the words that say why (for messages). */
export interface ServingNeed {
  layout: ServingLayout;
  /** e.g. `runtime kserve-tritonserver`. */
  runtime: string;
}

/** What a promotion pull request does to the file. */
export type RolloutAction =
  /** Begin a canary of the model at `weight`% (0..99; 0 runs it without live traffic). */
  | { kind: "start"; weight: number }
  /** Change the running canary's weight (0..99). */
  | { kind: "step"; weight: number }
  /** The canary becomes stable; the canary is removed. */
  | { kind: "promote" }
  /** Back to the last good (stable) model; the canary is removed. */
  | { kind: "rollback" }
  /** Replace the stable model without a canary. */
  | { kind: "direct" };

/** Where the model lives in a GitOps repository and how to edit it. */
export interface TargetSpec {
  kind: TargetKind;
  /** Path of the manifest, for messages (the text is passed separately). */
  file: string;
  /**
   * `metadata.name` of the resource; needed only when the file holds several of its kind (yaml-path:
   * several documents that have the uriPath).
   */
  name?: string;
  /** argo-rollouts, flagger: the container holding the model URI (default: the first container). */
  container?: string;
  /** argo-rollouts, flagger: the env var holding the model URI (default `MODEL_URI`). */
  env?: string;
  /** yaml-path: dot path of the model URI scalar, list indices as `a.b[0].c`. */
  uriPath?: string;
  /** yaml-path: dot path of the canary weight (created on start, deleted on promote/rollback). */
  weightPath?: string;
  /**
   * yaml-path: dot path of the map holding modelship's state keys. Default: `metadata.annotations`
   * when the document is a Kubernetes resource (it has `apiVersion` and `kind`), else `modelship`.
   */
  statePath?: string;
  /**
   * Set when the environment runs an A/B test (strategy ab): how the candidate is routed. Only
   * flagger (a header or cookie match) and seldon-v2 (a weighted Experiment) can express it.
   */
  ab?: AbRouting;
  /**
   * The environment's `pull_secret`: the name of a docker-registry Secret that every pod spec
   * running the model gets in its `imagePullSecrets` (pull-secret.ts); absent: nothing is added.
   */
  pullSecret?: string;
}

/** An A/B test's routing, as a target writes it (docs/ab-testing.md). */
export interface AbRouting {
  /** flagger: the requests the candidate serves (a header's exact value, or a cookie NAME=VALUE). */
  match?: { header: string; value: string } | { cookie: string; value: string };
  /** flagger: spec.analysis.iterations (default: the Canary's, else 10). */
  iterations?: number;
}

/** The target kinds that can run an A/B test. */
export const AB_TARGET_KINDS: readonly TargetKind[] = ["flagger", "seldon-v2"];

/** One model as the file records it. `version` is "" when neither modelship nor the URL says. */
export interface DeployedModel {
  version: string;
  uri: string;
  digest?: string;
}

/** The rollout a file describes: what serves by default and what is being tried. */
export interface RolloutState {
  stable?: DeployedModel;
  canary?: DeployedModel & { weight: number };
}

/** How one target kind finds its resource, reads its state and writes a desired state. */
export interface ManifestTarget {
  /** The resource the target edits (throws a UserError naming what the file holds when absent). */
  locate(manifest: Manifest, target: TargetSpec): Resource;
  /** The state the resource describes. */
  read(resource: Resource, target: TargetSpec): RolloutState;
  /** JSON pointer of what shows a running canary in the resource (for messages); absent when no one place does. */
  canaryPointer?: string;
  /** Which asset the resource's server loads; absent: the ONNX file itself (`onnx-file`). */
  serving?(resource: Resource, target: TargetSpec): ServingNeed;
  /**
   * Paths of the pod specs that run the model (after `write`: a canary's too), where image pull
   * credentials go; absent when the resource has none (pull-secret.ts).
   */
  podSpecs?(resource: Resource, target: TargetSpec): YamlPath[];
  /** Edits the resource so that it describes `desired`; `current` is what `read` returned. */
  write(resource: Resource, target: TargetSpec, desired: RolloutState, current: RolloutState): void;
  /**
   * Where the memory of the container that runs `role`'s model is set, in the resource as `write`
   * left it (memory-floor.ts); absent when the kind has no such place (yaml-path).
   */
  memorySlots?(resource: Resource, target: TargetSpec, role: "stable" | "canary"): MemorySlot[];
}

/** Where one model's memory is set: a container's `resources`, or a Seldon Model's `spec.memory`. */
export interface MemorySlot {
  /** The document that holds it (a Seldon canary is a document of its own). */
  resource: Resource;
  /** The container map (its `resources.requests.memory`, `resources.limits.memory`), or the Model's `spec` (its `memory`). */
  path: YamlPath;
  form: "container" | "seldon-model";
  /** One pod template runs both the stable and the canary model, so a rollback restores its request. */
  shared: boolean;
  /**
   * A container whose memory request and limit this one starts from when it names neither: a new
   * KServe canary predictor is sized like the stable one before the floor is applied, never below it.
   */
  inherit?: YamlPath;
  /**
   * A missing request is the limit (Kubernetes' own defaulting, for a plain pod template). Not for
   * KServe, whose webhook fills a missing request from inferenceservice-config first.
   */
  requestDefaultsToLimit?: boolean;
}
