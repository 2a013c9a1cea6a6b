/**
 * A registry package written the way the packager writes one — the files, SHA256SUMS over them
 * (sorted by name) and manifest.json whose digest is sha256 of SHA256SUMS — but from the test's own
 * bytes and hashing, so the stores and fetch are tested apart from the packager.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LocalStore } from "../../src/registry/local-store.ts";
import type { FileRole, ManifestFile, ModelManifest, PackageToPublish } from "../../src/registry/registry-types.ts";

const ROLES: Record<string, FileRole> = {
  "model.onnx": "model",
  "triton-model-repository.tar.gz": "triton-model-repository",
  "gate-report.json": "gate-report",
  "metrics.json": "metrics",
  "model-card.md": "model-card",
};

/** sha256 (hex) of text or bytes, computed here rather than by the code under test. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface TestPackageOptions {
  /** Created if missing. */
  dir: string;
  model: string;
  version: string;
  tag?: string;
  files: Record<string, string | Uint8Array>;
  /** Roles of files the default names do not cover (e.g. `{ "reference-profile.json": "reference-profile" }`). */
  roles?: Record<string, FileRole>;
  created?: string;
  metrics?: ModelManifest["metrics"];
  lineage?: ModelManifest["lineage"];
  notes?: string;
  targetCommitish?: string;
  /** Overrides of the gate record (default: verdict pass for these bytes). */
  gate?: Partial<ModelManifest["gate"]>;
  /** The operational figures the manifest carries (default: none, as in releases before evaluate measured them). */
  operational?: ModelManifest["operational"];
}

/** A Triton model repository archive's name in a package (its bytes are the test's; nothing unpacks them). */
export const TRITON_ARCHIVE = "triton-model-repository.tar.gz";

/**
 * Writes the package into `dir` and returns it ready to publish. A package holding
 * `triton-model-repository.tar.gz` lists it (and model.onnx) in the manifest's `serving`, as the
 * packager does; one without it is a release from before the Triton archive (no `serving`).
 */
export async function writeTestPackage(options: TestPackageOptions): Promise<PackageToPublish> {
  await mkdir(options.dir, { recursive: true });
  const entries = Object.entries(options.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files: ManifestFile[] = [];
  for (const [name, content] of entries) {
    await writeFile(join(options.dir, name), content);
    files.push({
      name,
      sha256: sha256(content),
      bytes: typeof content === "string" ? Buffer.byteLength(content) : content.length,
      role: options.roles?.[name] ?? ROLES[name] ?? "other",
    });
  }
  const sums = files.map((file) => `${file.sha256}  ${file.name}\n`).join("");
  await writeFile(join(options.dir, "SHA256SUMS"), sums);
  const report = files.find((file) => file.role === "gate-report");
  const manifest: ModelManifest = {
    schema: "modelship/model-manifest@1",
    name: options.model,
    version: options.version,
    tag: options.tag ?? `${options.model}/v${options.version}`,
    created: options.created ?? new Date().toISOString(),
    tool: { name: "modelship", version: "test" },
    format: "onnx",
    files,
    ...(files.some((file) => file.name === TRITON_ARCHIVE)
      ? {
          serving: [
            { layout: "onnx-file" as const, file: "model.onnx", runtimes: ["seldon-v2:triton"] },
            {
              layout: "triton-model-repository" as const,
              file: TRITON_ARCHIVE,
              runtimes: ["kserve:kserve-tritonserver"],
              tritonModel: options.model,
            },
          ],
        }
      : {}),
    metrics: options.metrics ?? {},
    ...(options.operational === undefined ? {} : { operational: options.operational }),
    gate: {
      verdict: "pass",
      ...(report === undefined ? {} : { reportSha256: report.sha256 }),
      modelMatches: true,
      allowUngated: false,
      ...options.gate,
    },
    lineage: options.lineage ?? {},
    digest: sha256(sums),
  };
  await writeFile(join(options.dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    model: options.model,
    version: options.version,
    tag: manifest.tag,
    dir: options.dir,
    names: [...files.map((file) => file.name), "manifest.json", "SHA256SUMS"],
    manifest,
    notes: options.notes ?? `Release notes of ${options.model} ${options.version}.\n`,
    ...(options.targetCommitish === undefined ? {} : { targetCommitish: options.targetCommitish }),
  };
}

/** Fresh numbered folders under one scratch folder: `fresh("registry")` → `<scratch>/registry-3`. */
export async function scratchFolders(prefix: string): Promise<{ root: string; fresh: (name: string) => Promise<string> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  let counter = 0;
  return {
    root,
    async fresh(name: string) {
      const dir = join(root, `${name}-${++counter}`);
      await mkdir(dir, { recursive: true });
      return dir;
    },
  };
}

/** A release publishTestReleases writes: its version, its accuracy (default 0.84) and overrides of its gate record. */
export interface TestRelease {
  version: string;
  accuracy?: number;
  gate?: Partial<ModelManifest["gate"]>;
}

/**
 * Publishes `releases` of `model` into a LocalStore at `registry` (the packages written under `root`):
 * model.onnx, the Triton archive unless `triton` is false, and a gate report with the gate's verdict.
 * Returns each version's package digest.
 */
export async function publishTestReleases(
  root: string,
  registry: string,
  model: string,
  releases: TestRelease[],
  options: { triton?: boolean } = {},
): Promise<Record<string, string>> {
  const store = new LocalStore({ root: registry });
  const digests: Record<string, string> = {};
  for (const { version, accuracy = 0.84, gate = {} } of releases) {
    const pkg = await writeTestPackage({
      dir: join(root, `pkg-${version}`),
      model,
      version,
      files: {
        "model.onnx": new Uint8Array(Buffer.from(`onnx-bytes-of-${model}-${version}-${"x".repeat(64)}`)),
        ...(options.triton === false ? {} : { [TRITON_ARCHIVE]: new Uint8Array(Buffer.from(`triton-repository-of-${version}`)) }),
        "gate-report.json": `{"verdict":"${gate.verdict ?? "pass"}"}\n`,
      },
      metrics: { accuracy: { value: accuracy, ci: [0.8, 0.86] } },
      gate,
    });
    digests[version] = pkg.manifest.digest;
    await store.publish(pkg);
  }
  return digests;
}

/** The file:// URI of `file` (default model.onnx) of `model` `version` in the LocalStore at `registry`. */
export function registryUri(registry: string, model: string, version: string, file = "model.onnx"): string {
  return pathToFileURL(join(registry, model, version, file)).href;
}
