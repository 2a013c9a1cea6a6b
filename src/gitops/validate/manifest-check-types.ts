/** Shared shapes of the manifest validator (src/gitops/validate-manifests.ts) and its checks. */

/** One thing wrong with a manifest, located by JSON pointer (and line) inside its document. */
export interface ManifestProblem {
  file: string;
  /** RFC 6901 pointer into the document, e.g. `/spec/canary/0/trafficPercent`. */
  pointer: string;
  /** 1-based line of the node at `pointer`, or of its nearest existing parent. */
  line?: number;
  message: string;
  /** What to do about it, in one sentence. */
  hint: string;
  /** `schema`: the API types; `semantic`: what admission webhooks and controllers reject; `ml`: the model cannot be served. */
  kind: "schema" | "semantic" | "ml";
}

/** A problem before the file and line are known. */
export type Finding = Omit<ManifestProblem, "file" | "line">;

/** One Kubernetes resource of the file, as plain data. */
export interface ResourceData {
  apiVersion: string;
  kind: string;
  name: string;
  data: Record<string, unknown>;
}

/** The plain object at `value`, if it is one. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The array at `value`, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
