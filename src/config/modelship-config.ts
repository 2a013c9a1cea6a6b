/**
 * Loads modelship.yaml. Paths inside it are relative to the file's folder and come back resolved
 * against the working directory, so every face gets the same settings whatever its cwd.
 */
import { access } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import policySchema from "../../schemas/gate-policy.schema.json" with { type: "json" };
import configSchema from "../../schemas/modelship.schema.json" with { type: "json" };
import { UserError } from "../common/errors.ts";
import { addSchemas, assertValid } from "../common/schema-validation.ts";
import { parseYamlSource, readYamlFile, type YamlSource } from "../common/yaml-source.ts";
import { checkGateBounds, type GatePolicyDocument } from "../gates/policy.ts";

// modelship.yaml's `gates` section is a gate policy: its schema is referenced by $id.
addSchemas(policySchema);

export interface ModelshipConfig {
  version?: 1;
  model: string;
  description?: string;
  data?: { contract?: string; train?: string; test?: string };
  validate?: {
    contract?: string;
    data?: string[];
    fail_on?: "error" | "warning" | "never";
    max_examples?: number;
    max_annotations?: number;
    report_dir?: string;
    comment?: boolean;
    base_contract?: string;
  };
  profile?: { bins?: number; top_k?: number; output?: string };
  train?: {
    command?: string;
    config?: string;
    output?: string;
    require_gpu?: "true" | "false" | "auto" | boolean;
    seed?: number;
    gpu_sample_seconds?: number;
  };
  evaluate?: {
    model?: string;
    data?: string[];
    target?: string;
    features?: string[];
    task?: "binary" | "multiclass" | "regression";
    classes?: string[];
    positive_label?: string;
    threshold?: number;
    outputs?: { label?: string; probabilities?: string; score?: string; score_kind?: "probability" | "logit"; value?: string };
    batch_size?: number;
    threads?: number;
    report_dir?: string;
    fail_on?: "fail" | "warn" | "never";
    comment?: boolean;
  };
  gates?: GatePolicyDocument;
  release?: {
    registry?: string;
    tag_format?: string;
    bump?: "patch" | "minor" | "major";
    allow_ungated?: boolean;
    license?: string;
    model?: string;
    gate_report?: string;
    reference_profile?: string;
    run_record?: string;
    provenance?: ProvenanceConfig;
    oci?: { repository: string; busybox?: string };
  };
  promote?: PromoteConfig;
  drift?: DriftConfig;
  verify?: VerifyConfig;
  network?: NetworkConfig;
}

/** modelship.yaml's `network` section: the internal sources HTTP downloads and queries may reach. */
export interface NetworkConfig {
  /** Host names, host:port, IP addresses (address:port) or CIDR ranges; MODELSHIP_ALLOW_INTERNAL adds more. */
  allow_internal?: string[];
}

/** Which build-provenance attestation a model file must carry, or "off". */
export type ProvenanceConfig =
  "off" | { workflow: string; ref?: string; events?: string[]; signer_workflow?: string; issuer?: string; trusted_root?: string };

/** modelship.yaml's `verify` section (the GitOps repository's, read at the PR's base commit). */
export interface VerifyConfig {
  registries: { registry: string; server?: string; tag_format?: string; oci?: string; provenance: ProvenanceConfig }[];
  rules_changes?: "fail" | "codeowners";
}

/** modelship.yaml's `drift` section. */
export interface DriftConfig {
  reference?: string;
  environment?: string;
  current?: string[];
  current_url?: string[];
  mode?: "default" | "evidently-compat";
  small_sample_rows?: number;
  p_value?: number;
  margin?: { numeric?: number; categorical?: number; nulls?: number };
  wasserstein?: number;
  jensenshannon?: number;
  epsilon?: number;
  min_samples?: number;
  correction?: "none" | "bonferroni" | "holm" | "bh";
  share?: number;
  /** Retired keys of the old default rule: accepted and ignored with a warning (drift-settings.ts). */
  warn_p_value?: number;
  psi?: { warn?: number; drift?: number };
  null_rate?: { warn?: number; drift?: number };
  effect_size_floor?: number | null;
  unseen?: number;
  /** A weight per column, or `importance`: from the reference release's permutation importances. */
  weights?: Record<string, number> | "importance";
  ignore?: string[];
  report_dir?: string;
  fail_on?: "never" | "drift" | "warn";
  issue?: { enabled?: boolean; labels?: string[]; close_when_clear?: boolean };
  retrain?: { workflow?: string; ref?: string; inputs?: Record<string, string>; event_type?: string };
}

/** A manifest the model is served from, as modelship.yaml spells it. */
export interface PromoteTargetConfig {
  kind: "kserve-standard" | "kserve-knative" | "argo-rollouts" | "flagger" | "seldon-v2" | "yaml-path";
  file: string;
  name?: string;
  container?: string;
  env?: string;
  uri_path?: string;
  weight_path?: string;
  state_path?: string;
}

export type MergeMethodConfig = false | "merge" | "squash" | "rebase";

export interface HealthCheckConfig {
  name: string;
  query?: string;
  metric?: string;
  max?: number;
  min?: number;
  max_increase?: number;
  on_missing?: "hold" | "fail";
}

export interface EnvironmentConfig {
  strategy?: "canary" | "blue-green" | "direct" | "ab";
  steps?: number[];
  bake?: string;
  promotion?: "auto" | "review";
  /** Self-healing (docs/self-healing.md): merge: modelship merges a rollback PR GitHub cannot auto-merge. */
  rollback?: "pr" | "merge";
  rollback_checks?: string[];
  verify_check?: string;
  rollback_checks_app?: string;
  /** A docker-registry Secret every target's pod spec gets in imagePullSecrets (an oci:// model is an image). */
  pull_secret?: string;
  /** Resource requests promotion derives from the release's measured figures (docs/promotion.md, Memory floor). */
  resources?: { memory_floor?: boolean | { margin?: number } };
  targets: PromoteTargetConfig[];
  pull_request?: {
    labels?: string[];
    reviewers?: string[];
    team_reviewers?: string[];
    draft?: boolean;
    auto_merge?: Partial<Record<"start" | "step" | "promote" | "rollback" | "direct", MergeMethodConfig>>;
  };
  health?: { prometheus?: string; metrics?: string; window?: string; checks: HealthCheckConfig[] };
  /** strategy ab (docs/ab-testing.md). */
  ab?: AbConfig;
}

/** An A/B test as modelship.yaml spells it. */
export interface AbConfig {
  match?: { header?: string; cookie?: string; value: string };
  weight?: number;
  iterations?: number;
  min_samples?: number;
  alpha?: number;
  metrics: AbMetricConfig[];
}

export interface AbMetricConfig {
  name: string;
  kind: "proportion" | "mean";
  successes?: string;
  trials?: string;
  mean?: string;
  stddev?: string;
  count?: string;
  higher_is_better: boolean;
}

export interface PromoteConfig {
  repository?: string;
  remote?: string;
  base?: string;
  environments: Record<string, EnvironmentConfig>;
}

export interface LoadedConfig {
  /** The file it came from, or undefined when there is none. */
  file?: string;
  config?: ModelshipConfig;
  /** Resolves a path written in the file to one usable from the working directory. */
  resolvePath(path: string): string;
}

export const DEFAULT_CONFIG_FILE = "modelship.yaml";

/**
 * Reads modelship.yaml. With an explicit `file` it must exist; without one, `modelship.yaml` in the
 * working directory is used when present and its absence is fine.
 */
export async function loadConfig(options: { file?: string; cwd?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ?? DEFAULT_CONFIG_FILE;
  const absolute = resolve(cwd, file);
  if (options.file === undefined) {
    try {
      await access(absolute);
    } catch {
      return { resolvePath: (path) => path };
    }
  }
  return configFrom(await readYamlFile(absolute, "modelship config"), absolute, cwd);
}

/**
 * modelship.yaml from its text, as it was somewhere else than the working tree (at a git commit):
 * `file` is where it would be, relative to `cwd`; paths in it resolve from that file's folder.
 */
export function parseConfig(text: string, options: { file: string; cwd?: string; shownAs?: string }): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const source = parseYamlSource(text, options.shownAs ?? options.file);
  return configFrom(source, resolve(cwd, options.file), cwd, options.shownAs);
}

function configFrom(source: YamlSource, absolute: string, cwd: string, shownAs?: string): LoadedConfig {
  const shownFile = shownAs ?? (relative(cwd, absolute) || absolute);
  source.file = shownFile;
  const config = assertValid<ModelshipConfig>(configSchema, source.data, { file: shownFile, what: "modelship config", source });
  if (config.gates !== undefined)
    checkGateBounds(config.gates, { file: shownFile, prefix: "/gates", locate: (pointer) => source.locate(pointer) });
  const base = dirname(absolute);
  return {
    file: shownFile,
    config,
    resolvePath(path: string) {
      const full = isAbsolute(path) ? path : join(base, path);
      return relative(cwd, full) || ".";
    },
  };
}

/** The first defined value: an explicit input or flag, then modelship.yaml, then the built-in default. */
export function pick<T>(...candidates: (T | undefined)[]): T | undefined {
  return candidates.find((value) => value !== undefined);
}

/** Throws when a setting is needed but neither an input nor modelship.yaml gives it. */
export function requireSetting<T>(value: T | undefined, what: { input: string; config: string; flag: string }): T {
  if (value === undefined) {
    throw new UserError(`no ${what.input} given`, {
      hint: `set the \`${what.input}\` input, the \`${what.flag}\` flag, or \`${what.config}\` in ${DEFAULT_CONFIG_FILE}`,
    });
  }
  return value;
}
