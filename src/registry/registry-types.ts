/**
 * The model registry's shapes: a model version is a package of files (the model, its gate report,
 * reference profile, run record, model card) described by `manifest.json`
 * (schemas/model-manifest.schema.json) and `SHA256SUMS`, stored immutably in a store — GitHub
 * Releases, or a local folder with the same layout and semantics.
 */
import type { MeasuredFigure, OperationalFigures, OperationalSection } from "../gates/gate-report-types.ts";

/** What a file in a package is for. */
export type FileRole =
  "model" | "triton-model-repository" | "gate-report" | "reference-profile" | "run-record" | "model-card" | "metrics" | "other";

/**
 * How a serving runtime loads a release: `onnx-file`, the ONNX file itself; `triton-model-repository`,
 * a `.tar.gz` of a Triton model repository (triton-repository.ts) that KServe unpacks for Triton.
 */
export type ServingLayout = "onnx-file" | "triton-model-repository";

/** One way of serving a release, as manifest.json lists it. */
export interface ServingAsset {
  layout: ServingLayout;
  /** The package file that holds it; absent when `unavailable` says why there is none. */
  file?: string;
  /** The runtimes known to load it, as `<platform>:<runtime>`, e.g. `kserve:kserve-tritonserver`. */
  runtimes: string[];
  /** triton-model-repository: the model's folder, its name on the server. */
  tritonModel?: string;
  unavailable?: string;
}

export interface ManifestFile {
  /** File name inside the package (no folders: release assets are flat). */
  name: string;
  sha256: string;
  bytes: number;
  role: FileRole;
}

export interface SignatureValue {
  name: string;
  type: string;
  shape?: (number | string)[];
}

export interface ModelManifest {
  schema: "modelship/model-manifest@1";
  name: string;
  version: string;
  tag: string;
  created: string;
  tool: { name: "modelship"; version: string };
  format: "onnx";
  /** Every file of the package but manifest.json and SHA256SUMS themselves. */
  files: ManifestFile[];
  signature?: { inputs: SignatureValue[]; outputs: SignatureValue[] };
  /** Which file each kind of runtime loads; absent in releases from before the Triton model repository (model.onnx only). */
  serving?: ServingAsset[];
  /** Headline metrics from the gate report (value and CI). */
  metrics: Record<string, { value: number | null; ci?: [number, number] }>;
  /**
   * What the model costs to serve, measured by evaluate in onnxruntime on its runner (the gate
   * report's operational section, for these model bytes); absent in releases without that measurement.
   */
  operational?: OperationalSummary;
  gate: {
    verdict: "pass" | "warn" | "fail" | "missing";
    /** sha256 of gate-report.json as released. */
    reportSha256?: string;
    /** True when the report was made for exactly these model bytes. */
    modelMatches: boolean;
    /** Released although the gate report is missing, failed or for other bytes. */
    allowUngated: boolean;
    reason?: string;
  };
  lineage: {
    gitSha?: string;
    runUrl?: string;
    data?: { path: string; sha256: string; bytes: number }[];
    trainConfigSha256?: string;
    runRecordSha256?: string;
    /** The version this one was compared with in the release notes. */
    previousVersion?: string;
  };
  /**
   * The package digest: sha256 of SHA256SUMS, which lists every file's sha256 but the manifest's own
   * (the manifest holds a timestamp; the digest is of the bytes that matter).
   */
  digest: string;
}

/** A number measured over rounds, with its interval where there was more than one round. */
export type MeasuredValue = MeasuredFigure;

/**
 * The challenger's operational figures from the gate report and the runner they were measured on:
 * copied into the manifest so that promotion can read them without downloading the report.
 */
export type OperationalSummary = OperationalFigures & { environment: OperationalSection["environment"] };

/** A version as a store lists it. */
export interface VersionInfo {
  model: string;
  version: string;
  tag: string;
  /** A page people open (release page, or a file:// folder). */
  url: string;
  created?: string;
}

/** A package ready to publish: a folder holding `names` (manifest.json and SHA256SUMS among them). */
export interface PackageToPublish {
  model: string;
  version: string;
  tag: string;
  dir: string;
  /** Every file to store, manifest.json and SHA256SUMS included. */
  names: string[];
  manifest: ModelManifest;
  /** Release notes (markdown). */
  notes: string;
  /** The commit the release points at (GitHub), when known. */
  targetCommitish?: string;
}

/** Where a published version is: the addresses a deployment uses (the model URI) and a reader opens. */
export interface VersionAddresses {
  model: string;
  version: string;
  tag: string;
  /** A page people open (release page, or a file:// folder). */
  url: string;
  /** Where manifest.json can be downloaded. */
  manifestUrl: string;
  /** Where the model file can be downloaded (what a serving system pulls). */
  modelUri: string;
  /** Where each servable layout the release has can be downloaded (`onnx-file` is `modelUri`). */
  servingUris: Partial<Record<ServingLayout, string>>;
}

export interface PublishedVersion extends VersionAddresses {
  digest: string;
  /** created: a new version; unchanged: the same bytes were already there (a re-run); resumed: an interrupted draft was completed. */
  action: "created" | "unchanged" | "resumed";
}

/** A published version with its manifest. */
export interface StoredVersion extends VersionAddresses {
  manifest: ModelManifest;
  /**
   * sha256 (hex) of manifest.json exactly as the store read it: the bytes `manifest` (and so its gate
   * record) was parsed from, which the release job attests beside the model file.
   */
  manifestSha256: string;
}

/**
 * A version marked retired: its bytes stay in the registry (releases are immutable), but fetch,
 * promote and verify-promotion refuse it and drift checks skip it. Stored beside the release, not in
 * it (see src/registry/retirement.ts for where each store keeps it and why).
 */
export interface RetirementMark {
  model: string;
  version: string;
  /** When it was retired (ISO 8601). */
  retiredAt: string;
  reason?: string;
  /** Who retired it (a GitHub login or the local user), when known. */
  by?: string;
}

/** What retiring did: created a mark, or found the version already retired (a re-run; the first mark stands). */
export interface RetireResult {
  mark: RetirementMark;
  action: "created" | "unchanged";
}

/** Where model versions live. Published versions never change; the same version with other bytes is refused. */
export interface RegistryStore {
  readonly kind: "github" | "local";
  /** A human description, e.g. "GitHub Releases of octo/models" or "file:///srv/registry". */
  readonly description: string;
  /** Published versions of `model`, newest first (by semantic version). */
  list(model: string): Promise<VersionInfo[]>;
  /** The manifest of a published version, or undefined when the version does not exist. */
  readManifest(model: string, version: string): Promise<ModelManifest | undefined>;
  /** A published version's manifest and addresses, or undefined when the version does not exist. */
  locate(model: string, version: string): Promise<StoredVersion | undefined>;
  /** Publishes atomically and idempotently (see PublishedVersion.action). */
  publish(pkg: PackageToPublish): Promise<PublishedVersion>;
  /**
   * Downloads every stored file of a published version into `dir` (which exists and is empty), unverified;
   * with `only`, just those files and manifest.json (a store may download more).
   */
  download(
    model: string,
    version: string,
    dir: string,
    options?: { only?: readonly string[] },
  ): Promise<{ manifest: ModelManifest; names: string[] }>;
  /** The retirement mark of a version, or undefined when it is not retired. */
  retirement(model: string, version: string): Promise<RetirementMark | undefined>;
  /** Every retirement mark of `model`, newest version first. */
  retirements(model: string): Promise<RetirementMark[]>;
  /** Marks a published version retired, idempotently: retiring it again changes nothing. Its bytes are never touched. */
  retire(model: string, version: string, options: { reason?: string; by?: string; now?: Date }): Promise<RetireResult>;
}
