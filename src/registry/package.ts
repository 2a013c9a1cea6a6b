/**
 * Packages a trained, gated model into a release: the model, a Triton model repository of it
 * (triton-repository.ts), its gate report, reference profile, run record and model card, with
 * manifest.json (which lists the file each kind of runtime serves) and SHA256SUMS. The release policy lives here:
 * a model whose gate report is missing, failed, or was made for other bytes is refused unless
 * allow-ungated is set — and then the manifest and the notes say so.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import gateReportSchema from "../../schemas/gate-report.schema.json" with { type: "json" };
import runRecordSchema from "../../schemas/run-record.schema.json" with { type: "json" };
import { errnoCode, isUserError, UserError } from "../common/errors.ts";
import { readOnnxGraph } from "../evaluate/onnx-graph.ts";
import { readProfile } from "../data/profile/profile-read.ts";
import { assertValid } from "../common/schema-validation.ts";
import { readYamlFile } from "../common/yaml-source.ts";
import type { GateReport } from "../gates/gate-report-types.ts";
import { readModelSignature } from "../train/model-signature.ts";
import type { RunRecord } from "../train/run-record-types.ts";
import { renderModelCard, renderReleaseNotes, type CardInputs } from "./model-card.ts";
import { formatManifest, formatSha256Sums, MANIFEST_NAME, sha256File, sha256Of, shortDigest, SUMS_NAME } from "./manifest.ts";
import type { FileRole, ManifestFile, ModelManifest, OperationalSummary, PackageToPublish, ServingAsset } from "./registry-types.ts";
import { TRITON_ARCHIVE_NAME, tritonModelConfig, writeTritonArchive } from "./triton-repository.ts";

export interface PackageOptions {
  model: string;
  version: string;
  tag: string;
  /** The model file (model.onnx). */
  modelPath: string;
  gateReportPath?: string;
  referenceProfilePath?: string;
  runRecordPath?: string;
  /** Extra files to ship (e.g. metrics.json). */
  extraFiles?: string[];
  allowUngated: boolean;
  description?: string;
  /** The model's licence, an SPDX id (release.license): the model card's `license`. */
  license?: string;
  /** The newest version before this one, for the notes' comparison. */
  previous?: ModelManifest;
  /** Where the package is assembled (created; must not exist or be empty). */
  outDir: string;
  toolVersion: string;
  gitSha?: string;
  runUrl?: string;
  targetCommitish?: string;
  now?: () => Date;
}

/** A JSON file the stages wrote, read and checked against its schema (errors name the file and pointer). */
async function readJson<T>(path: string, schema: Parameters<typeof assertValid>[0], what: string): Promise<T> {
  const source = await readYamlFile(path, what);
  return assertValid<T>(schema, source.data, { file: path, what, source });
}

/**
 * The model's signature without needing onnxruntime (the release action is a plain JavaScript action
 * with nothing installed beside it): from the run record made with these bytes, else from the gate
 * report's inputs and the graph's output names, else onnxruntime when it happens to be installed.
 */
async function signatureOf(
  modelPath: string,
  record: RunRecord | undefined,
  report: GateReport | undefined,
): Promise<ModelManifest["signature"]> {
  if (record !== undefined) return { inputs: record.model.inputs, outputs: record.model.outputs };
  try {
    return await readModelSignature(modelPath);
  } catch (error) {
    if (isUserError(error)) throw error;
    // onnxruntime-node is not installed here: read what the graph says.
    let graph: ReturnType<typeof readOnnxGraph>;
    try {
      graph = readOnnxGraph(await readFile(modelPath));
    } catch {
      throw new UserError("is not an ONNX model", { file: modelPath, hint: "release the model.onnx that training wrote" });
    }
    const inputs = report?.model.inputs ?? graph.inputs.map((name) => ({ name, type: "unknown" }));
    return { inputs, outputs: graph.outputs.map((name) => ({ name, type: "unknown" })) };
  }
}

/** Why the release needs allow-ungated, or undefined when the gate report clears it. */
function gateProblem(report: GateReport | undefined, modelSha256: string, reportPath: string | undefined): string | undefined {
  if (report === undefined) return "there is no gate report (run modelship evaluate first)";
  if (report.model.sha256 !== modelSha256)
    return `the gate report ${reportPath ?? ""} was made for other model bytes (sha256 ${shortDigest(report.model.sha256)}, this model ${shortDigest(modelSha256)})`;
  if (report.verdict === "fail") {
    const failed = report.gates.filter((gate) => gate.status === "fail").map((gate) => gate.name);
    return failed.length === 0
      ? "the gate report's verdict is fail"
      : `the gate report's verdict is fail (${failed.length} gate${failed.length === 1 ? "" : "s"} failed: ${failed.slice(0, 3).join("; ")}${failed.length > 3 ? "; …" : ""})`;
  }
  return undefined;
}

/** Assembles the package in `outDir`; a UserError when the release policy refuses the model. */
export async function packageModel(options: PackageOptions): Promise<PackageToPublish> {
  const model = await sha256File(options.modelPath).catch((error: unknown) => {
    const code = errnoCode(error);
    throw new UserError(
      code === "ENOENT"
        ? "model file not found"
        : code === "EISDIR"
          ? "is a folder, not a model file"
          : `cannot read the model (${code ?? String(error)})`,
      { file: options.modelPath, hint: "train first (modelship train) or give the model's path (--model, the model input)" },
    );
  });
  const report =
    options.gateReportPath === undefined ? undefined : await readJson<GateReport>(options.gateReportPath, gateReportSchema, "gate report");
  const problem = gateProblem(report, model.sha256, options.gateReportPath);
  if (problem !== undefined && !options.allowUngated) {
    throw new UserError(`refusing to release ${options.model} ${options.version}: ${problem}`, {
      file: options.gateReportPath ?? options.modelPath,
      hint: "release a model that passed its gates (modelship evaluate on these exact bytes), or pass --allow-ungated (the action's allow-ungated: true) — it is recorded in the manifest and shown in the release notes",
    });
  }
  const record =
    options.runRecordPath === undefined ? undefined : await readJson<RunRecord>(options.runRecordPath, runRecordSchema, "run record");
  if (record !== undefined && record.model.file.sha256 !== model.sha256) {
    throw new UserError(
      `the run record ${options.runRecordPath} is of another model (sha256 ${shortDigest(record.model.file.sha256)}, this model ${shortDigest(model.sha256)}): its lineage would be wrong`,
      { file: options.runRecordPath, hint: "give the run record written with this model.onnx (run-record.json beside it), or none" },
    );
  }
  const signature = await signatureOf(options.modelPath, record, report?.model.sha256 === model.sha256 ? report : undefined);
  // The drift checks of every later run compare with this profile: a file that is not one is refused now, not then.
  if (options.referenceProfilePath !== undefined) await readProfile(options.referenceProfilePath);

  await mkdir(options.outDir, { recursive: true });
  const files: ManifestFile[] = [];
  const add = async (source: string, name: string, role: FileRole) => {
    if (files.some((file) => file.name === name))
      throw new UserError(`two files would be named ${name} in the release`, { file: source, hint: "rename one of them" });
    await copyFile(source, join(options.outDir, name)).catch((error: unknown) => {
      const code = errnoCode(error);
      if (code !== "ENOENT" && code !== "EISDIR" && code !== "ENOTDIR") throw error;
      throw new UserError(code === "EISDIR" ? `is a folder, not the file for ${name}` : `the file for ${name} is not there`, {
        file: source,
        hint: "check the path given for it (relative to the working directory)",
      });
    });
    const { sha256, bytes } = await sha256File(join(options.outDir, name));
    files.push({ name, sha256, bytes, role });
  };
  await add(options.modelPath, "model.onnx", "model");
  const serving = await addServingFiles(options, files);
  if (options.gateReportPath !== undefined) await add(options.gateReportPath, "gate-report.json", "gate-report");
  if (options.referenceProfilePath !== undefined) await add(options.referenceProfilePath, "reference-profile.json", "reference-profile");
  if (options.runRecordPath !== undefined) await add(options.runRecordPath, "run-record.json", "run-record");
  for (const extra of options.extraFiles ?? []) await add(extra, basename(extra), basename(extra) === "metrics.json" ? "metrics" : "other");

  const card: CardInputs = {
    model: options.model,
    version: options.version,
    description: options.description,
    ...(options.license === undefined ? {} : { license: options.license }),
    gateReport: report,
    runRecord: record,
    allowUngated: problem !== undefined,
    ungatedReason: problem,
  };
  const cardText = `${renderModelCard(card)}\n`;
  await writeFile(join(options.outDir, "model-card.md"), cardText);
  files.push({ name: "model-card.md", sha256: sha256Of(cardText), bytes: Buffer.byteLength(cardText), role: "model-card" });

  const sums = formatSha256Sums(files);
  await writeFile(join(options.outDir, SUMS_NAME), sums);
  const reportFile = files.find((file) => file.role === "gate-report");
  const gitSha = options.gitSha ?? record?.git.sha;
  const runUrl = options.runUrl ?? record?.run?.url;
  const data = [
    ...(record?.data.files ?? []),
    ...(report?.data.files ?? []).map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes })),
  ];
  const manifest: ModelManifest = {
    schema: "modelship/model-manifest@1",
    name: options.model,
    version: options.version,
    tag: options.tag,
    created: (options.now?.() ?? new Date()).toISOString(),
    tool: { name: "modelship", version: options.toolVersion },
    format: "onnx",
    files,
    signature,
    serving,
    metrics:
      report === undefined
        ? {}
        : Object.fromEntries(
            Object.entries(report.metrics).map(([name, estimate]) => [
              name,
              { value: estimate.value, ...(estimate.ci === undefined ? {} : { ci: estimate.ci }) },
            ]),
          ),
    // Figures measured on other bytes say nothing about these: only a report of this model is copied.
    ...(report?.operational === undefined || report.model.sha256 !== model.sha256
      ? {}
      : { operational: operationalSummary(report.operational) }),
    gate: {
      verdict: report?.verdict ?? "missing",
      ...(reportFile === undefined ? {} : { reportSha256: reportFile.sha256 }),
      modelMatches: report?.model.sha256 === model.sha256,
      allowUngated: problem !== undefined,
      ...(problem === undefined ? {} : { reason: problem }),
    },
    lineage: {
      ...(gitSha === undefined ? {} : { gitSha }),
      ...(runUrl === undefined ? {} : { runUrl }),
      ...(data.length === 0 ? {} : { data: data.map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes })) }),
      ...(record?.config === undefined ? {} : { trainConfigSha256: record.config.sha256 }),
      ...(record === undefined ? {} : { runRecordSha256: files.find((file) => file.role === "run-record")!.sha256 }),
      ...(options.previous === undefined ? {} : { previousVersion: options.previous.version }),
    },
    digest: sha256Of(sums),
  };
  await writeFile(join(options.outDir, MANIFEST_NAME), formatManifest(manifest));
  return {
    model: options.model,
    version: options.version,
    tag: options.tag,
    dir: options.outDir,
    names: [...files.map((file) => file.name), SUMS_NAME, MANIFEST_NAME],
    manifest,
    notes: renderReleaseNotes(card, manifest, options.previous),
    ...(options.targetCommitish === undefined ? {} : { targetCommitish: options.targetCommitish }),
  };
}

/** The manifest's copy of the gate report's operational section: the challenger's figures and the runner's environment. */
export function operationalSummary(section: NonNullable<GateReport["operational"]>): OperationalSummary {
  const { cpu, logicalCpus, threads, onnxruntime, platform } = section.environment;
  const figures = section.challenger;
  const measured = (figure: { value: number | null; ci?: [number, number] }) => ({
    value: figure.value,
    ...(figure.ci === undefined ? {} : { ci: figure.ci }),
  });
  return {
    environment: { cpu, logicalCpus, threads, onnxruntime, platform },
    bytes: figures.bytes,
    sizeMb: figures.sizeMb,
    parameters: figures.parameters,
    loadMs: figures.loadMs,
    peakMemoryMb: figures.peakMemoryMb,
    latency: figures.latency.map((row) => ({
      batch: row.batch,
      p50Ms: measured(row.p50Ms),
      p95Ms: measured(row.p95Ms),
      p99Ms: measured(row.p99Ms),
      throughputRowsPerS: measured(row.throughputRowsPerS),
      calls: row.calls,
    })),
  };
}

/**
 * Writes the Triton model repository archive beside model.onnx (the last file of `files`) and
 * returns the manifest's serving list: model.onnx for a runtime that loads one ONNX file, the
 * archive for KServe's Triton runtime, or the reason a graph Triton cannot serve has none.
 */
async function addServingFiles(options: PackageOptions, files: ManifestFile[]): Promise<ServingAsset[]> {
  const model = files.find((file) => file.role === "model")!;
  const modelPath = join(options.outDir, model.name);
  const serving: ServingAsset[] = [
    // Seldon Core v2 downloads the storageUri with rclone and does not unpack archives; its Triton
    // handler takes a folder without numeric sub-folders as the version folder and writes a config.pbtxt
    // naming the model (scheduler/pkg/agent/repository/triton/triton.go), and its docs ask an ONNX
    // artifact to be a file named model.onnx (docs-gb/models/inference-artifacts.md).
    { layout: "onnx-file", file: model.name, runtimes: ["seldon-v2:triton"] },
  ];
  let config: ReturnType<typeof tritonModelConfig>;
  try {
    config = tritonModelConfig(options.model, readOnnxGraph(await readFile(modelPath)));
  } catch (error) {
    if (isUserError(error)) throw error;
    config = { unavailable: "the model's ONNX graph could not be read" };
  }
  const runtimes = ["kserve:kserve-tritonserver"];
  if ("unavailable" in config) {
    serving.push({ layout: "triton-model-repository", runtimes, unavailable: config.unavailable });
    return serving;
  }
  const outPath = join(options.outDir, TRITON_ARCHIVE_NAME);
  await writeTritonArchive({
    model: options.model,
    modelPath,
    modelSha256: model.sha256,
    modelBytes: model.bytes,
    config: config.text,
    outPath,
  });
  const { sha256, bytes } = await sha256File(outPath);
  files.push({ name: TRITON_ARCHIVE_NAME, sha256, bytes, role: "triton-model-repository" });
  serving.push({ layout: "triton-model-repository", file: TRITON_ARCHIVE_NAME, runtimes, tritonModel: options.model });
  return serving;
}
