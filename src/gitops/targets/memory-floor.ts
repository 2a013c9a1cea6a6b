/**
 * The memory floor (promote.environments.<name>.resources.memory_floor): the memory request of the
 * container that serves a release is raised to at least ceil(measured peak × margin), in Mi, from
 * the release manifest's operational figures.
 *
 * The peak was measured in onnxruntime on the CI runner, not in the serving runtime (Triton, an
 * MLServer, the user's own server), which loads the model with its own allocator, threads and
 * buffers. So the derived value is only a floor: a larger request already in the manifest is kept,
 * a smaller one is raised, and a memory limit below the floor is refused, since Kubernetes rejects a
 * pod whose request is above its limit.
 *
 * Where one pod template serves both the stable and the canary model (argo-rollouts, flagger,
 * kserve-knative), raising the request for a canary changes the stable model's pods too once it is
 * rolled back, and Argo Rollouts and Flagger recognise a rollback by the pod template being the
 * stable one again. So the request the stable model had is recorded in an annotation when a canary
 * raises it, and a rollback puts it back.
 */
import { UserError } from "../../common/errors.ts";
import type { ModelManifest } from "../../registry/registry-types.ts";
import { ANNOTATIONS } from "./rollout-state.ts";
import type { MemorySlot, RolloutAction, TargetKind } from "./target-types.ts";
import { describeResource, formatPath, pathError, plainAt, readString, removeValue, writeValue, type YamlPath } from "./yaml-edit.ts";

/** Bytes in a MB (how evaluate reports memory) and in a Mi (how the request is written). */
export const MB = 1e6;
export const MIB = 2 ** 20;

/**
 * The annotation that keeps the memory request a shared pod template had before a canary raised it
 * (`none` when it had none), so that a rollback restores exactly the stable model's template.
 */
export const STABLE_MEMORY_KEY = "modelship.dev/stable-memory-request";
const NONE = "none";

/** A derived memory floor and what it was derived from. */
export interface MemoryFloor {
  /** The floor in Mi: ceil(base MB × 10^6 × margin / 2^20), the base being the peak (or the size, see `basis`). */
  mi: number;
  /** The measured peak resident memory of the inference session, in MB (10^6 bytes). */
  peakMb: number;
  /** The model file and its external data, in MB: weights the session must hold, whatever the peak read. */
  sizeMb: number;
  /** peak: the floor is the peak's; size: the peak read below the model's size (an under-reading), so the size's. */
  basis: "peak" | "size";
  margin: number;
  /** The runner the peak was measured on, e.g. `Intel Xeon …, 2 threads, onnxruntime 1.20.1`. */
  runner: string;
}

/** What the floor did to one request (or, on rollback, what was put back). */
export interface MemoryChange {
  file: string;
  /** e.g. `Rollout "adult-income"`. */
  resource: string;
  /** The field, e.g. `spec.template.spec.containers[0].resources.requests.memory`. */
  field: string;
  /** The value as the file had it; undefined when there was none. */
  before?: string;
  /** The value as the file has it after; undefined when there is none. */
  after?: string;
  /**
   * set: there was none; raised: a smaller one was raised; kept: one at least the floor stays;
   * limit: no request, and the memory limit (which Kubernetes takes as the request) is at least the
   * floor; restored: a rollback put back the stable model's.
   */
  outcome: "set" | "raised" | "kept" | "limit" | "restored";
  /** The container whose memory request and limit a new one was given first (a KServe canary: the stable predictor's model). */
  inheritedFrom?: string;
}

/** The Mi of a floor: ceil(peak MB × 10^6 × margin / 2^20). */
export function memoryFloorMi(peakMb: number, margin: number): number {
  // A product that is a whole number of Mi but for floating-point noise is not rounded up past it.
  return Math.ceil((peakMb * MB * margin) / MIB - 1e-9);
}

/** Why a target of this kind cannot take a memory floor; undefined when it can. */
export function memoryFloorKindProblem(kind: TargetKind): string | undefined {
  return kind === "yaml-path"
    ? "modelship cannot tell where a yaml-path file's container resources are (a Helm values file or a patch can put them anywhere)"
    : undefined;
}

/**
 * The floor for a promotion, or undefined when the environment sets none or the action runs no new
 * pods of the release (rollback). A release without operational figures is refused where it starts
 * serving (start, direct); a step or promote of a canary started before the setting was written
 * goes on without one, saying so through `warn`.
 */
export function promotionMemoryFloor(options: {
  margin: number | undefined;
  environment: string;
  action: RolloutAction;
  manifest: ModelManifest | undefined;
  warn: (message: string) => void;
}): MemoryFloor | undefined {
  const { margin, action, manifest, environment } = options;
  if (margin === undefined || action.kind === "rollback") return undefined;
  const operational = manifest?.operational;
  const setting = `promote.environments.${environment}.resources.memory_floor`;
  const release = manifest === undefined ? "the release" : `${manifest.name}@${manifest.version}`;
  if (operational === undefined) {
    const problem = `${setting} is set, but ${release} has no operational figures (peak memory) in its manifest: it was released before evaluate measured them, or from a gate report without them`;
    if (action.kind === "start" || action.kind === "direct")
      throw new UserError(problem, {
        hint: `release the model again as a new version from a gate report with evaluate's operational measurement (the operational section of gate-report.json), or remove resources.memory_floor from ${environment} in modelship.yaml`,
      });
    options.warn(`${problem}; the memory requests are left as they are.`);
    return undefined;
  }
  const threads =
    operational.environment.threads === "default" ? "onnxruntime's default threads" : `${operational.environment.threads} threads`;
  // A session holds at least its weights: a peak below the model's size was not seen (the runner's
  // allocator reused memory it already held), so the size is the better lower bound.
  const basis = operational.peakMemoryMb >= operational.sizeMb ? "peak" : "size";
  if (basis === "size")
    options.warn(
      `${release}: the measured peak memory (${operational.peakMemoryMb} MB) is below the model's size (${operational.sizeMb} MB), which the session must hold; the memory floor is derived from the size.`,
    );
  return {
    mi: memoryFloorMi(basis === "peak" ? operational.peakMemoryMb : operational.sizeMb, margin),
    peakMb: operational.peakMemoryMb,
    sizeMb: operational.sizeMb,
    basis,
    margin,
    runner: `${operational.environment.cpu}, ${threads}, onnxruntime ${operational.environment.onnxruntime}`,
  };
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|n|u|m|k|M|G|T|P|E)?$/;
const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * The bytes a Kubernetes quantity (`128Mi`, `1G`, `1.5Gi`, `1e9`, `134217728`) stands for, in the
 * grammar of k8s.io/apimachinery's resource.Quantity; undefined when it is not one.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return undefined;
  const [, sign, number, suffix] = match;
  const scale =
    suffix === undefined
      ? 1
      : /^[eE][+-]?\d/.test(suffix)
        ? 10 ** Number(suffix.slice(1))
        : (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
  const bytes = Number(number) * scale * (sign === "-" ? -1 : 1);
  return Number.isFinite(bytes) ? bytes : undefined;
}

/** The request's and the limit's paths in a slot. */
function fieldsOf(slot: MemorySlot): { request: YamlPath; limit?: YamlPath } {
  return slot.form === "seldon-model"
    ? { request: [...slot.path, "memory"] }
    : { request: [...slot.path, "resources", "requests", "memory"], limit: [...slot.path, "resources", "limits", "memory"] };
}

/** A quantity at `path` as text and bytes; a value that is not a quantity is a UserError at its line. */
function quantityAt(slot: MemorySlot, path: YamlPath): { text: string; bytes: number } | undefined {
  const value = plainAt(slot.resource, path);
  if (value === undefined || value === null) return undefined;
  const bytes = parseQuantity(value);
  if (bytes === undefined || (typeof value !== "string" && typeof value !== "number"))
    throw pathError(
      slot.resource,
      path,
      `${describeResource(slot.resource)}: ${formatPath(path)} is ${JSON.stringify(value)}, not a Kubernetes quantity`,
      "write memory as a quantity such as 512Mi or 1Gi",
    );
  return { text: String(value), bytes };
}

/**
 * Raises the slot's memory request to the floor, keeping one that is at least the floor; a limit
 * below the floor is a UserError naming the file, the field and the fix. `setting` names
 * modelship.yaml's key for messages.
 */
export function raiseMemory(slot: MemorySlot, floor: MemoryFloor, setting: string): MemoryChange {
  const { request, limit } = fieldsOf(slot);
  const resource = slot.resource;
  const change = { file: resource.manifest.file, resource: describeResource(resource), field: formatPath(request) };
  const floorText = `${floor.mi}Mi`;
  const floorBytes = floor.mi * MIB;
  const inherited = inheritMemory(slot);
  const from = inherited === undefined ? {} : { inheritedFrom: inherited };
  const current = quantityAt(slot, request);
  if (current !== undefined && current.bytes >= floorBytes)
    return inherited === undefined
      ? { ...change, before: current.text, after: current.text, outcome: "kept" }
      : { ...change, after: current.text, outcome: "set", ...from };
  const limited = limit === undefined ? undefined : quantityAt(slot, limit);
  // Kubernetes takes the limit as the request when a container names only a limit: writing the floor would lower it.
  if (current === undefined && slot.requestDefaultsToLimit === true && limited !== undefined && limited.bytes >= floorBytes)
    return { ...change, outcome: "limit" };
  if (limited !== undefined && limited.bytes < floorBytes)
    throw pathError(
      resource,
      limit!,
      `${describeResource(resource)}: the memory floor ${floorText} (${setting}: ${formatNumber(floor.basis === "peak" ? floor.peakMb : floor.sizeMb)} MB ${floor.basis === "peak" ? "measured peak" : "model size"} × ${floor.margin}) is above the memory limit ${formatPath(limit!)} = ${limited.text}, and Kubernetes rejects a request above its limit`,
      `raise ${formatPath(limit!)} in ${resource.manifest.file} to at least ${floorText} (or remove the limit), or lower ${setting}.margin, or remove ${setting}`,
    );
  writeValue(resource, request, floorText);
  if (inherited !== undefined) return { ...change, after: floorText, outcome: "set", ...from };
  return {
    ...change,
    ...(current === undefined ? {} : { before: current.text }),
    after: floorText,
    outcome: current === undefined ? "set" : "raised",
  };
}

/**
 * Gives a container that names no memory request or limit those of the container it takes after
 * (`slot.inherit`), so that the floor starts from the stable model's size rather than from nothing;
 * the inherited container's `resources` path, or undefined when nothing was copied.
 */
function inheritMemory(slot: MemorySlot): string | undefined {
  if (slot.inherit === undefined || slot.form !== "container") return undefined;
  const own = fieldsOf(slot);
  const source = fieldsOf({ ...slot, path: slot.inherit });
  const present = (path: YamlPath | undefined): boolean => {
    const value = path === undefined ? undefined : plainAt(slot.resource, path);
    return value !== undefined && value !== null;
  };
  if (present(own.request) || present(own.limit)) return undefined;
  let copied = false;
  for (const [to, from] of [
    [own.request, source.request],
    [own.limit, source.limit],
  ] as const) {
    const value = from === undefined ? undefined : plainAt(slot.resource, from);
    if (to === undefined || (typeof value !== "string" && typeof value !== "number")) continue;
    writeValue(slot.resource, to, value);
    copied = true;
  }
  return copied ? formatPath([...slot.inherit, "resources"]) : undefined;
}

/**
 * On a pod template the stable model shares, records the request `before` a canary raised it
 * (undefined: none), once: a canary replaced by another keeps the stable model's value.
 */
export function recordStableMemory(slot: MemorySlot, before: string | undefined): void {
  const key: YamlPath = [...ANNOTATIONS, STABLE_MEMORY_KEY];
  if (slot.resource.document.hasIn(key)) return;
  writeValue(slot.resource, key, before ?? NONE);
}

/** Forgets the recorded request: the raised one now belongs to the stable model (promote, direct). */
export function forgetStableMemory(slot: MemorySlot): void {
  removeValue(slot.resource, [...ANNOTATIONS, STABLE_MEMORY_KEY], { pruneEmpty: true });
}

/** On rollback, puts back the request the stable model had before the canary raised it; undefined when nothing was recorded. */
export function restoreStableMemory(slot: MemorySlot): MemoryChange | undefined {
  const key: YamlPath = [...ANNOTATIONS, STABLE_MEMORY_KEY];
  const recorded = readString(slot.resource, key);
  if (recorded === undefined) return undefined;
  const { request } = fieldsOf(slot);
  const before = readString(slot.resource, request);
  if (recorded === NONE) removeValue(slot.resource, request, { pruneEmpty: true });
  else writeValue(slot.resource, request, recorded);
  removeValue(slot.resource, key, { pruneEmpty: true });
  return {
    file: slot.resource.manifest.file,
    resource: describeResource(slot.resource),
    field: formatPath(request),
    ...(before === undefined ? {} : { before }),
    ...(recorded === NONE ? {} : { after: recorded }),
    outcome: "restored",
  };
}

/** A number for messages: up to two decimals. */
function formatNumber(value: number): string {
  return Number.parseFloat(value.toFixed(2)).toString();
}
