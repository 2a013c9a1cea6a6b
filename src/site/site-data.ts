/**
 * What the dashboard shows (`modelship site`), as data/site.json holds it
 * (schemas/site-data.schema.json): the stage gathers it from the registry, the GitOps repository and
 * the drift and DORA reports, already redacted, and the renderer (site-render.ts) draws only this.
 * Every string in it is untrusted text; the renderer escapes all of it.
 */

export const SITE_SCHEMA = "modelship/site-data@1";
export const DRIFT_HISTORY_SCHEMA = "modelship/drift-history@1";

/** A number with its confidence interval. */
export interface SiteEstimate {
  value: number | null;
  ci?: [number, number];
}

export interface SiteGate {
  id: string;
  kind: string;
  name: string;
  metric: string;
  status: string;
  severity: string;
  value: number | null;
  observed: number | null;
  ci?: [number, number];
  threshold: { min?: number; max?: number };
  n: number;
  reason: string;
}

export interface SiteFairnessGroup {
  /** Already redacted: a pseudonym for a redacted column's group. */
  label: string;
  count: number;
  small: boolean;
  rates: Record<string, number | null>;
  ci?: Record<string, [number, number]>;
}

export interface SiteFairness {
  grouping: string;
  columns: string[];
  privileged?: string;
  groups: SiteFairnessGroup[];
  metrics: { name: string; value: number | null; ci?: [number, number]; worst?: string }[];
  /** True when a column of the grouping is redacted (its group names are pseudonyms). */
  redacted: boolean;
}

export interface SiteImportance {
  feature: string;
  /** Null where the metric was undefined on the sample (e.g. one class): shown as "—", never left out. */
  importance: number | null;
  std?: number;
  ci?: [number, number];
  sensitive?: boolean;
  proxy?: boolean;
}

export interface SiteExplanations {
  method: string;
  metric?: string;
  rows?: number;
  repeats?: number;
  features: SiteImportance[];
}

export interface SiteVersion {
  model: string;
  version: string;
  tag: string;
  /** The release page (http(s) links only are made into links). */
  url: string;
  created: string;
  digest: string;
  retired?: { at: string; reason?: string; by?: string };
  gate: { verdict: string; modelMatches: boolean; allowUngated: boolean; reportSha256?: string; reason?: string };
  /** The gate report's verdict and summary, when the release has one that could be read. */
  report?: { verdict: string; created: string; task?: string; rows?: number; summary: Record<string, number> };
  metrics: { name: string; value: number | null; ci?: [number, number] }[];
  gates: SiteGate[];
  fairness: SiteFairness[];
  explanations?: SiteExplanations;
  /** The model card's markdown, shown as text (redacted lines replaced). */
  card?: string;
  lineage: {
    gitSha?: string;
    runUrl?: string;
    data: { path: string; sha256: string; bytes: number }[];
    trainConfigSha256?: string;
    runRecordSha256?: string;
    previousVersion?: string;
    /** The champion the gate report compared with. */
    champion?: { source: string; sha256: string };
  };
  provenance: { manifestSha256?: string; attestation: { status: "verified" | "not-checked" | "not-verified"; detail: string } };
  files: { name: string; role: string; sha256: string; bytes: number }[];
  /** Problems reading the release (a missing gate report, a malformed card). */
  problems: string[];
}

export interface SiteModel {
  name: string;
  /** Newest first. */
  versions: SiteVersion[];
}

export interface SiteServed {
  version: string;
  uri: string;
}

export interface SiteDeployment {
  model: string;
  environment: string;
  strategy: string;
  stable?: SiteServed;
  canary?: SiteServed & { weight: number };
  /** Why the state could not be read. */
  problem?: string;
}

export interface SitePromotion {
  model: string;
  version: string;
  environment: string;
  /** canary (start), step, promote, rollback, direct, retire… as the history names it. */
  action: string;
  openedAt: string;
  mergedAt: string;
  /** A pull request's URL or a commit. */
  ref?: string;
}

/** One drift report, as the trend keeps it. */
export interface DriftPoint {
  model: string;
  environment: string;
  created: string;
  version?: string;
  status: string;
  share: number;
  /** The dataset's drift threshold (settings.share). */
  threshold: number;
  driftedColumns: string[];
  columnsChecked: number;
  performance?: { metric: string; current: number; reference?: number; status: string };
}

export interface DriftHistory {
  schema: typeof DRIFT_HISTORY_SCHEMA;
  points: DriftPoint[];
}

/** The DORA report's figures, as the promotion history page shows them. */
export interface SiteDora {
  created: string;
  window: { since: string; until: string; days: number };
  rows: {
    model: string;
    environment: string;
    deploymentFrequency?: { perWeek: number | null; band: string | null };
    leadTime?: { medianHours: number | null; band: string | null };
    changeFailureRate?: { rate: number | null; band: string | null };
    timeToRestore?: { medianHours: number | null; band: string | null };
  }[];
}

export interface SiteData {
  schema: typeof SITE_SCHEMA;
  tool: { name: "modelship"; version: string };
  created: string;
  title: string;
  registry: { description: string };
  /** The GitOps repository read, or why none was. */
  gitops: { remote: string; base: string; environments: string[] } | { none: string };
  models: SiteModel[];
  deployments: SiteDeployment[];
  promotions: SitePromotion[];
  drift: DriftPoint[];
  dora?: SiteDora;
  /** The columns whose values are redacted (names only). */
  redactedColumns: string[];
}
