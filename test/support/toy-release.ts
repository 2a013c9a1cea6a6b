/**
 * A real release package of the toy model for the OCI tests: made by packageModel (the release
 * machinery), gated by a real gate report, with a metrics.json beside it. `release()` makes one more
 * package folder of the toy model (or of other.onnx) under the scratch folder.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MANIFEST_NAME, parseManifest } from "../../src/registry/manifest.ts";
import { packageModel, type PackageOptions } from "../../src/registry/package.ts";
import type { GatePolicyDocument } from "../../src/gates/policy.ts";
import type { ModelManifest } from "../../src/registry/registry-types.ts";
import { makeToyModel, toyGateReport } from "./toy-model.ts";

/** A package folder and what a publisher reads from it. */
export interface ToyRelease {
  dir: string;
  manifest: ModelManifest;
  manifestBytes: Buffer;
  modelBytes: Buffer;
}

export interface ToyReleases {
  /** The scratch folder: model.onnx, other.onnx, test.csv, the gate reports, every package. */
  dir: string;
  release(overrides?: Partial<PackageOptions> & { other?: boolean }): Promise<ToyRelease>;
  remove(): Promise<void>;
}

/** Makes the toy model, its gate reports and metrics.json in a scratch folder. */
export async function toyReleases(): Promise<ToyReleases> {
  const dir = await mkdtemp(join(tmpdir(), "modelship-toy-release-"));
  let count = 0;
  try {
    makeToyModel(dir);
    const policy: GatePolicyDocument = { quality: [{ metric: "roc_auc", min: 0.5 }] };
    const report = await toyGateReport(dir, { policy, reportDir: join(dir, "report") });
    const otherReport = await toyGateReport(dir, {
      policy: { quality: [{ metric: "roc_auc", min: 0 }] },
      model: join(dir, "other.onnx"),
      reportDir: join(dir, "other-report"),
    });
    const metrics = join(dir, "metrics.json");
    await writeFile(metrics, '{"roc_auc": 0.9}\n');
    return {
      dir,
      release: async ({ other = false, ...overrides } = {}) => {
        const pkg = await packageModel({
          model: "toy",
          version: "1.0.0",
          tag: "toy/v1.0.0",
          modelPath: join(dir, other ? "other.onnx" : "model.onnx"),
          gateReportPath: other ? otherReport : report,
          extraFiles: [metrics],
          allowUngated: false,
          outDir: join(dir, `package-${++count}`),
          toolVersion: "test",
          gitSha: "0123456789abcdef0123456789abcdef01234567",
          now: () => new Date("2026-03-01T12:00:00.000Z"),
          ...overrides,
        });
        const manifestBytes = await readFile(join(pkg.dir, MANIFEST_NAME));
        return {
          dir: pkg.dir,
          manifest: parseManifest(manifestBytes.toString("utf8"), MANIFEST_NAME),
          manifestBytes,
          modelBytes: await readFile(join(pkg.dir, "model.onnx")),
        };
      },
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
