import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  readModelSignature
} from "./chunk-ZMMWZKTW.js";
import {
  run_record_schema_default
} from "./chunk-E5B55GBZ.js";
import {
  openRunRegistry
} from "./chunk-FGAOEPT5.js";
import {
  profileReferenceData
} from "./chunk-2TKCLNYM.js";
import {
  readProfile
} from "./chunk-A43L2ZJY.js";
import {
  gate_report_schema_default
} from "./chunk-52YBHNOW.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  findBusybox,
  openOciClient,
  resolveOciSettings
} from "./chunk-YNXDJ5Z6.js";
import {
  ANNOTATION,
  OCI_INDEX,
  OCI_MANIFEST,
  PACKAGE_ARTIFACT_TYPE,
  TRITON_ARCHIVE_NAME,
  artifactFiles,
  buildModelcar,
  formatOciReference,
  modelcarRepository,
  modelcarTag,
  tritonModelConfig,
  writeTritonArchive
} from "./chunk-GBAVK5Q7.js";
import {
  readOnnxGraph
} from "./chunk-H7ABQTTS.js";
import {
  METRIC_LABELS
} from "./chunk-DPH7L46L.js";
import {
  MANIFEST_NAME,
  SUMS_NAME,
  fetchModel,
  formatManifest,
  formatSha256Sums,
  shortDigest
} from "./chunk-OXQJNLJL.js";
import {
  RELEASE_SETTINGS,
  resolveReleaseSettings
} from "./chunk-764VFCH4.js";
import {
  DEFAULT_TAG_FORMAT,
  bumpVersion,
  checkModelName,
  compareVersions,
  normalizeVersion,
  tagFor
} from "./chunk-TQQPERQT.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import {
  assertValid,
  readYamlFile,
  require_dist
} from "./chunk-RGJ5T3QL.js";
import {
  code,
  escapeMarkdown,
  formatInterval,
  formatNumber,
  formatSigned,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  sha256File,
  sha256Of
} from "./chunk-R4CRXXNC.js";
import {
  UserError,
  errnoCode,
  isUserError
} from "./chunk-SU4BFKON.js";
import {
  __toESM
} from "./chunk-333R3S4T.js";

// src/stages/release-stage.ts
import { mkdtemp, readFile as readFile3, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join3, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/registry/package.ts
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

// src/registry/model-card.ts
var import_yaml = __toESM(require_dist(), 1);
var HF_TASKS = {
  binary: { type: "tabular-classification", name: "Binary classification" },
  multiclass: { type: "tabular-classification", name: "Multiclass classification" },
  regression: { type: "tabular-regression", name: "Regression" }
};
function cardMetadata(inputs) {
  const report = inputs.gateReport;
  const task = report === void 0 ? void 0 : HF_TASKS[report.model.task];
  const datasets = [...new Set([...inputs.runRecord?.data.files ?? [], ...report?.data.files ?? []].map((file) => file.path))];
  const measured = Object.entries(report?.metrics ?? {}).filter(
    (entry) => typeof entry[1].value === "number" && Number.isFinite(entry[1].value)
  );
  const evaluation = [...new Set((report?.data.files ?? []).map((file) => file.path))];
  return {
    ...inputs.license === void 0 ? {} : { license: inputs.license.toLowerCase() },
    library_name: "onnx",
    tags: ["modelship", "onnx", ...task === void 0 ? [] : [task.type]],
    ...task === void 0 ? {} : { pipeline_tag: task.type },
    ...datasets.length === 0 ? {} : { datasets },
    ...measured.length === 0 ? {} : { metrics: measured.map(([name]) => name) },
    ...report === void 0 || task === void 0 || measured.length === 0 ? {} : {
      "model-index": [
        {
          name: inputs.model,
          results: [
            {
              task,
              dataset: {
                name: evaluation.length === 0 ? "evaluation data" : evaluation.join(", "),
                type: evaluation.length === 0 ? "evaluation" : evaluation.join(", "),
                split: "test"
              },
              metrics: measured.map(([name, estimate]) => ({ type: name, value: estimate.value, name: METRIC_LABELS[name] ?? name }))
            }
          ]
        }
      ]
    }
  };
}
function frontMatter(inputs) {
  return `---
${(0, import_yaml.stringify)(cardMetadata(inputs), { lineWidth: 0 })}---`;
}
function cardSummary(inputs) {
  const report = inputs.gateReport;
  if (report === void 0) return `**${inputs.model} ${inputs.version}** was released **without a gate report** (allow-ungated).`;
  const headline = ["roc_auc", "accuracy", "rmse", "r2"].filter((name) => report.metrics[name]?.value !== null && report.metrics[name] !== void 0).slice(0, 2);
  const metrics = headline.map(
    (name) => `${METRIC_LABELS[name] ?? name} ${formatNumber(report.metrics[name].value)} (95% CI ${formatInterval(report.metrics[name].ci)})`
  ).join(", ");
  const gates = `${report.summary.pass} of ${report.gates.length} gates passed${report.summary.fail > 0 ? `, ${report.summary.fail} failed` : ""}${report.summary.warn > 0 ? `, ${report.summary.warn} warned` : ""}`;
  return `${statusIcon(report.verdict === "pass" ? "pass" : report.verdict === "warn" ? "warn" : "fail")} **${inputs.model} ${inputs.version}**: ${report.model.task} model, gate verdict **${report.verdict}** (${gates}). ${metrics}.${inputs.allowUngated ? ` Released with **allow-ungated**: ${inputs.ungatedReason ?? ""}` : ""}`;
}
function measuredOn(environment) {
  const threads = environment.threads === "default" ? "onnxruntime's default threads" : `${environment.threads} threads`;
  return `measured on ${environment.cpu}, ${threads}, onnxruntime ${environment.onnxruntime}`;
}
function formatMeasured(figure, digits) {
  const round = (x) => digits === 0 ? Math.round(x) : x;
  const value = formatNumber(figure.value === null ? null : round(figure.value), digits);
  return figure.ci === void 0 ? value : `${value} ${formatInterval([round(figure.ci[0]), round(figure.ci[1])], digits)}`;
}
function operationalSection(report) {
  const section = report?.operational;
  if (section === void 0) return "";
  const figures = section.challenger;
  const { method } = section;
  const confidence = Math.round(method.confidence * 100);
  const where = measuredOn(section.environment);
  return sections(
    "## Operational",
    `${escapeMarkdown(where.charAt(0).toUpperCase() + where.slice(1))} (${escapeMarkdown(section.environment.platform)}, ${formatNumber(section.environment.logicalCpus)} logical CPUs), during evaluation: ${formatNumber(method.rounds)} rounds of ${formatNumber(method.callsPerRound)} timed calls per batch size after ${formatNumber(method.warmup)} warm-up calls; ${confidence}% intervals over the rounds. The serving runtime's figures differ: read these as the model's cost on that runner.`,
    table(
      ["Figure", "Value"],
      [
        ["Model size", `${formatNumber(figures.sizeMb, 2)} MB (${formatNumber(figures.bytes)} bytes)`],
        ["Parameters", formatNumber(figures.parameters)],
        ["Session load time", `${formatNumber(figures.loadMs, 1)} ms`],
        ["Peak memory of the session", `${formatNumber(figures.peakMemoryMb, 1)} MB`]
      ],
      { align: ["left", "right"] }
    ),
    figures.latency.length === 0 ? "" : table(
      ["Batch", "p50 ms", "p95 ms", "p99 ms", "Throughput rows/s"],
      figures.latency.map((row) => [
        formatNumber(row.batch),
        formatMeasured(row.p50Ms, 3),
        formatMeasured(row.p95Ms, 3),
        formatMeasured(row.p99Ms, 3),
        formatMeasured(row.throughputRowsPerS, 0)
      ]),
      { align: ["right", "right", "right", "right", "right"] }
    )
  );
}
function renderModelCard(inputs) {
  const report = inputs.gateReport;
  const record = inputs.runRecord;
  const intended = sections(
    "## Intended use",
    inputs.description === void 0 ? "_No description in modelship.yaml (`description:`)._" : escapeMarkdown(inputs.description),
    report?.model.task === "binary" ? `Binary classifier: positive class ${code(report.model.positiveLabel ?? "")} at threshold ${report.model.threshold}.` : report === void 0 ? "" : `${report.model.task} model.`
  );
  const dataRows = [
    ...(record?.data.files ?? []).map((file) => [
      code(file.path),
      "training run",
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes)
    ]),
    ...(report?.data.files ?? []).map((file) => [
      code(file.path),
      `evaluation (${formatNumber(file.rows)} rows)`,
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes)
    ])
  ];
  const data = sections(
    "## Data",
    dataRows.length === 0 ? "_No data fingerprints recorded._" : table(["File", "Used for", "sha256", "Bytes"], dataRows, { align: ["left", "left", "left", "right"] }),
    report === void 0 ? "" : `Target column: ${code(report.data.target)}.`
  );
  const metrics = report === void 0 ? "" : sections(
    "## Metrics",
    `On ${formatNumber(report.data.rows)} test rows; ${Math.round(report.randomness.confidence * 100)}% intervals from ${formatNumber(report.randomness.resamples)} bootstrap resamples (seed ${report.randomness.bootstrapSeed}).`,
    table(
      ["Metric", "Value", "CI"],
      Object.entries(report.metrics).map(([name, estimate]) => [
        METRIC_LABELS[name] ?? name,
        formatNumber(estimate.value),
        formatInterval(estimate.ci)
      ]),
      { align: ["left", "right", "left"] }
    )
  );
  const fairness = report === void 0 || report.fairness.length === 0 ? "" : sections(
    "## Fairness by group",
    ...report.fairness.map(
      (section) => sections(
        `### ${escapeMarkdown(section.grouping)}`,
        table(
          ["Group", "n", "Selection rate", "TPR", "FPR"],
          section.groups.map((group) => [
            `${escapeMarkdown(group.label)}${group.small ? " (too few rows to judge)" : ""}`,
            formatNumber(group.count),
            formatNumber(group.rates.selection_rate),
            formatNumber(group.rates.tpr),
            formatNumber(group.rates.fpr)
          ]),
          { align: ["left", "right", "right", "right", "right"] }
        ),
        Object.entries(section.metrics).filter(([, metric]) => metric.value !== null).map(([name, metric]) => `${METRIC_LABELS[name] ?? name}: ${formatNumber(metric.value)} ${formatInterval(metric.ci)}`).join(" \xB7 ")
      )
    )
  );
  const limitations = [];
  if (inputs.allowUngated) limitations.push(`Released with allow-ungated: ${inputs.ungatedReason ?? "see the gate report"}.`);
  for (const gate of report?.gates ?? [])
    if (gate.status !== "pass")
      limitations.push(
        `${gate.status === "fail" ? "Failed" : gate.status === "warn" ? "Warning" : "Not enough data"}: ${gate.name} \u2014 ${gate.reason}.`
      );
  for (const section of report?.fairness ?? []) {
    const small = section.groups.filter((group) => group.small).map((group) => group.label);
    if (small.length > 0)
      limitations.push(`Too few test rows to judge ${section.grouping} groups ${small.join(", ")}: performance there is unknown.`);
  }
  for (const note of report?.notes ?? []) limitations.push(note);
  limitations.push("The metrics hold for data like the evaluation data; watch for drift against the reference profile.");
  const lineage = table(
    ["", ""],
    [
      ["Git commit", record?.git.sha === void 0 ? "\u2014" : code(record.git.sha)],
      ["Training run", record?.run?.url ?? "\u2014"],
      [
        "Training mode",
        record === void 0 ? "\u2014" : record.mode === "builtin" ? `built-in trainer (${record.backend?.package ?? "TensorFlow.js"})` : code(record.command ?? "")
      ],
      ["Model sha256", report === void 0 ? "\u2014" : code(report.model.sha256)],
      ["Gate policy sha256", report === void 0 ? "\u2014" : code(report.policy.sha256)]
    ]
  );
  return sections(
    frontMatter(inputs),
    `# Model card: ${escapeMarkdown(inputs.model)} ${inputs.version}`,
    cardSummary(inputs),
    intended,
    data,
    metrics,
    fairness,
    operationalSection(report),
    sections("## Limitations", limitations.map((line) => `- ${escapeMarkdown(line)}`).join("\n")),
    sections("## Lineage", lineage)
  );
}
function renderReleaseNotes(inputs, manifest, previous) {
  const parts = [cardSummary(inputs)];
  if (previous !== void 0) {
    const names = [.../* @__PURE__ */ new Set([...Object.keys(manifest.metrics), ...Object.keys(previous.metrics)])];
    const rows = names.map((name) => {
      const ours = manifest.metrics[name]?.value ?? null;
      const theirs = previous.metrics[name]?.value ?? null;
      const delta = formatSigned(ours === null || theirs === null ? null : ours - theirs);
      return [METRIC_LABELS[name] ?? name, formatNumber(theirs), formatNumber(ours), delta];
    });
    parts.push(
      `### Against ${previous.version}`,
      table(["Metric", previous.version, manifest.version, "\u0394"], rows, { align: ["left", "right", "right", "right"] })
    );
  } else {
    parts.push("_The first release of this model._");
  }
  parts.push(
    `Package digest ${code(manifest.digest)}; verify with \`modelship fetch ${manifest.name}@${manifest.version}\` or \`sha256sum -c SHA256SUMS\`. The full model card is \`model-card.md\`.`
  );
  return sections(...parts);
}

// src/registry/package.ts
async function readJson(path, schema, what) {
  const source = await readYamlFile(path, what);
  return assertValid(schema, source.data, { file: path, what, source });
}
async function signatureOf(modelPath, record, report) {
  if (record !== void 0) return { inputs: record.model.inputs, outputs: record.model.outputs };
  try {
    return await readModelSignature(modelPath);
  } catch (error) {
    if (isUserError(error)) throw error;
    let graph;
    try {
      graph = readOnnxGraph(await readFile(modelPath));
    } catch {
      throw new UserError("is not an ONNX model", { file: modelPath, hint: "release the model.onnx that training wrote" });
    }
    const inputs = report?.model.inputs ?? graph.inputs.map((name) => ({ name, type: "unknown" }));
    return { inputs, outputs: graph.outputs.map((name) => ({ name, type: "unknown" })) };
  }
}
function gateProblem(report, modelSha256, reportPath) {
  if (report === void 0) return "there is no gate report (run modelship evaluate first)";
  if (report.model.sha256 !== modelSha256)
    return `the gate report ${reportPath ?? ""} was made for other model bytes (sha256 ${shortDigest(report.model.sha256)}, this model ${shortDigest(modelSha256)})`;
  if (report.verdict === "fail") {
    const failed = report.gates.filter((gate) => gate.status === "fail").map((gate) => gate.name);
    return failed.length === 0 ? "the gate report's verdict is fail" : `the gate report's verdict is fail (${failed.length} gate${failed.length === 1 ? "" : "s"} failed: ${failed.slice(0, 3).join("; ")}${failed.length > 3 ? "; \u2026" : ""})`;
  }
  return void 0;
}
async function packageModel(options) {
  const model = await sha256File(options.modelPath).catch((error) => {
    const code2 = errnoCode(error);
    throw new UserError(
      code2 === "ENOENT" ? "model file not found" : code2 === "EISDIR" ? "is a folder, not a model file" : `cannot read the model (${code2 ?? String(error)})`,
      { file: options.modelPath, hint: "train first (modelship train) or give the model's path (--model, the model input)" }
    );
  });
  const report = options.gateReportPath === void 0 ? void 0 : await readJson(options.gateReportPath, gate_report_schema_default, "gate report");
  const problem = gateProblem(report, model.sha256, options.gateReportPath);
  if (problem !== void 0 && !options.allowUngated) {
    throw new UserError(`refusing to release ${options.model} ${options.version}: ${problem}`, {
      file: options.gateReportPath ?? options.modelPath,
      hint: "release a model that passed its gates (modelship evaluate on these exact bytes), or pass --allow-ungated (the action's allow-ungated: true) \u2014 it is recorded in the manifest and shown in the release notes"
    });
  }
  const record = options.runRecordPath === void 0 ? void 0 : await readJson(options.runRecordPath, run_record_schema_default, "run record");
  if (record !== void 0 && record.model.file.sha256 !== model.sha256) {
    throw new UserError(
      `the run record ${options.runRecordPath} is of another model (sha256 ${shortDigest(record.model.file.sha256)}, this model ${shortDigest(model.sha256)}): its lineage would be wrong`,
      { file: options.runRecordPath, hint: "give the run record written with this model.onnx (run-record.json beside it), or none" }
    );
  }
  const signature = await signatureOf(options.modelPath, record, report?.model.sha256 === model.sha256 ? report : void 0);
  if (options.referenceProfilePath !== void 0) await readProfile(options.referenceProfilePath);
  await mkdir(options.outDir, { recursive: true });
  const files = [];
  const add = async (source, name, role) => {
    if (files.some((file) => file.name === name))
      throw new UserError(`two files would be named ${name} in the release`, { file: source, hint: "rename one of them" });
    await copyFile(source, join(options.outDir, name)).catch((error) => {
      const code2 = errnoCode(error);
      if (code2 !== "ENOENT" && code2 !== "EISDIR" && code2 !== "ENOTDIR") throw error;
      throw new UserError(code2 === "EISDIR" ? `is a folder, not the file for ${name}` : `the file for ${name} is not there`, {
        file: source,
        hint: "check the path given for it (relative to the working directory)"
      });
    });
    const { sha256, bytes } = await sha256File(join(options.outDir, name));
    files.push({ name, sha256, bytes, role });
  };
  await add(options.modelPath, "model.onnx", "model");
  const serving = await addServingFiles(options, files);
  if (options.gateReportPath !== void 0) await add(options.gateReportPath, "gate-report.json", "gate-report");
  if (options.referenceProfilePath !== void 0) await add(options.referenceProfilePath, "reference-profile.json", "reference-profile");
  if (options.runRecordPath !== void 0) await add(options.runRecordPath, "run-record.json", "run-record");
  for (const extra of options.extraFiles ?? []) await add(extra, basename(extra), basename(extra) === "metrics.json" ? "metrics" : "other");
  const card = {
    model: options.model,
    version: options.version,
    description: options.description,
    ...options.license === void 0 ? {} : { license: options.license },
    gateReport: report,
    runRecord: record,
    allowUngated: problem !== void 0,
    ungatedReason: problem
  };
  const cardText = `${renderModelCard(card)}
`;
  await writeFile(join(options.outDir, "model-card.md"), cardText);
  files.push({ name: "model-card.md", sha256: sha256Of(cardText), bytes: Buffer.byteLength(cardText), role: "model-card" });
  const sums = formatSha256Sums(files);
  await writeFile(join(options.outDir, SUMS_NAME), sums);
  const reportFile = files.find((file) => file.role === "gate-report");
  const gitSha = options.gitSha ?? record?.git.sha;
  const runUrl = options.runUrl ?? record?.run?.url;
  const data = [
    ...record?.data.files ?? [],
    ...(report?.data.files ?? []).map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes }))
  ];
  const manifest = {
    schema: "modelship/model-manifest@1",
    name: options.model,
    version: options.version,
    tag: options.tag,
    created: (options.now?.() ?? /* @__PURE__ */ new Date()).toISOString(),
    tool: { name: "modelship", version: options.toolVersion },
    format: "onnx",
    files,
    signature,
    serving,
    metrics: report === void 0 ? {} : Object.fromEntries(
      Object.entries(report.metrics).map(([name, estimate]) => [
        name,
        { value: estimate.value, ...estimate.ci === void 0 ? {} : { ci: estimate.ci } }
      ])
    ),
    // Figures measured on other bytes say nothing about these: only a report of this model is copied.
    ...report?.operational === void 0 || report.model.sha256 !== model.sha256 ? {} : { operational: operationalSummary(report.operational) },
    gate: {
      verdict: report?.verdict ?? "missing",
      ...reportFile === void 0 ? {} : { reportSha256: reportFile.sha256 },
      modelMatches: report?.model.sha256 === model.sha256,
      allowUngated: problem !== void 0,
      ...problem === void 0 ? {} : { reason: problem }
    },
    lineage: {
      ...gitSha === void 0 ? {} : { gitSha },
      ...runUrl === void 0 ? {} : { runUrl },
      ...data.length === 0 ? {} : { data: data.map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes })) },
      ...record?.config === void 0 ? {} : { trainConfigSha256: record.config.sha256 },
      ...record === void 0 ? {} : { runRecordSha256: files.find((file) => file.role === "run-record").sha256 },
      ...options.previous === void 0 ? {} : { previousVersion: options.previous.version }
    },
    digest: sha256Of(sums)
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
    ...options.targetCommitish === void 0 ? {} : { targetCommitish: options.targetCommitish }
  };
}
function operationalSummary(section) {
  const { cpu, logicalCpus, threads, onnxruntime, platform } = section.environment;
  const figures = section.challenger;
  const measured = (figure) => ({
    value: figure.value,
    ...figure.ci === void 0 ? {} : { ci: figure.ci }
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
      calls: row.calls
    }))
  };
}
async function addServingFiles(options, files) {
  const model = files.find((file) => file.role === "model");
  const modelPath = join(options.outDir, model.name);
  const serving = [
    // Seldon Core v2 downloads the storageUri with rclone and does not unpack archives; its Triton
    // handler takes a folder without numeric sub-folders as the version folder and writes a config.pbtxt
    // naming the model (scheduler/pkg/agent/repository/triton/triton.go), and its docs ask an ONNX
    // artifact to be a file named model.onnx (docs-gb/models/inference-artifacts.md).
    { layout: "onnx-file", file: model.name, runtimes: ["seldon-v2:triton"] }
  ];
  let config;
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
    outPath
  });
  const { sha256, bytes } = await sha256File(outPath);
  files.push({ name: TRITON_ARCHIVE_NAME, sha256, bytes, role: "triton-model-repository" });
  serving.push({ layout: "triton-model-repository", file: TRITON_ARCHIVE_NAME, runtimes, tritonModel: options.model });
  return serving;
}

// src/registry/oci-publish.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
function referrersTag(digest) {
  return digest.replace(":", "-");
}
function asIndex(value) {
  const manifests = value?.manifests;
  return Array.isArray(manifests) ? value : void 0;
}
async function addToReferrersTag(client, subject, artifact, logger) {
  const tag = referrersTag(subject);
  const pulled = await client.findManifest(tag);
  const existing = pulled === void 0 ? void 0 : asIndex(pulled.manifest);
  if (pulled !== void 0 && existing === void 0)
    throw new UserError(`${client.referenceOf(tag)} is not an image index, so it cannot list the referrers of ${subject}`, {
      hint: "this tag belongs to the referrers tag schema (OCI distribution spec 1.1): delete what was pushed under it and publish again"
    });
  if (existing?.manifests.some((entry) => entry.digest === artifact.digest)) return;
  const descriptor = {
    mediaType: OCI_MANIFEST,
    digest: artifact.digest,
    size: artifact.bytes.byteLength,
    artifactType: PACKAGE_ARTIFACT_TYPE,
    ...artifact.manifest.annotations === void 0 ? {} : { annotations: artifact.manifest.annotations }
  };
  const index = existing === void 0 ? { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [descriptor] } : { ...existing, manifests: [...existing.manifests, descriptor] };
  await client.pushManifest(Buffer.from(JSON.stringify(index)), tag);
  logger.debug(`listed the package artifact under ${client.referenceOf(tag)} (referrers tag schema)`);
}
async function readPackageFile(dir, name, sha256, what) {
  const path = join2(dir, name);
  let bytes;
  try {
    bytes = await readFile2(path);
  } catch (error) {
    throw new UserError(`${name} of ${what} is missing (${errnoCode(error) ?? String(error)})`, {
      file: path,
      hint: "publish the package folder that release wrote, whole",
      cause: error
    });
  }
  if (sha256Of(bytes) !== sha256)
    throw new UserError(
      `${name} of ${what} does not match its manifest (sha256 ${shortDigest(sha256Of(bytes))}, listed ${shortDigest(sha256)})`,
      {
        file: path,
        hint: "publish the package folder that release wrote, unchanged"
      }
    );
  return bytes;
}
async function publishModelcar(options) {
  const { client, manifest, logger } = options;
  const what = `${manifest.name} ${manifest.version}`;
  const modelFile = manifest.files.find((file) => file.role === "model");
  if (modelFile === void 0)
    throw new UserError(`the manifest of ${what} lists no model file`, { hint: "publish a package that release wrote" });
  const modelBytes = await readPackageFile(options.dir, modelFile.name, modelFile.sha256, what);
  const files = /* @__PURE__ */ new Map();
  for (const file of artifactFiles(manifest)) files.set(file.name, await readPackageFile(options.dir, file.name, file.sha256, what));
  const built = await buildModelcar({
    manifest,
    manifestBytes: options.manifestBytes,
    modelBytes,
    busybox: options.busybox,
    ...options.sourceUrl === void 0 ? {} : { sourceUrl: options.sourceUrl }
  });
  const tag = modelcarTag(manifest.version);
  const manifestSha256 = sha256Of(options.manifestBytes);
  let subject = built.descriptor;
  let action = "created";
  const existing = await client.findManifest(tag);
  if (existing !== void 0) {
    const annotations = existing.manifest?.annotations ?? {};
    const theirs = annotations[ANNOTATION.manifestSha256];
    if (theirs !== manifestSha256)
      throw new UserError(
        `${client.referenceOf(tag)} already names another image (${existing.digest}${typeof theirs === "string" ? `, of manifest.json sha256 ${shortDigest(theirs)}` : ""}): a different model under an existing version tag`,
        {
          hint: "a released version is immutable: release the new model under a new version, or publish the package that was released as this version"
        }
      );
    subject = { mediaType: existing.mediaType, digest: existing.digest, size: existing.bytes.byteLength };
    action = "unchanged";
    if (existing.digest !== built.digest)
      logger.info(`${client.referenceOf(tag)} already holds this release (${existing.digest}, built with another base); the tag stays`);
  } else {
    let uploaded = 0;
    for (const blob of [built.config, ...built.layers]) if ((await client.pushBlob(blob)).uploaded) uploaded++;
    await client.pushManifest(built.imageBytes, tag);
    logger.info(`pushed ${client.referenceOf(tag)} (${built.digest}; ${uploaded} new blob${uploaded === 1 ? "" : "s"})`);
  }
  const artifact = built.artifact(subject, files);
  for (const blob of artifact.blobs) await client.pushBlob(blob);
  const pushed = await client.putManifest(artifact.bytes, artifact.digest);
  let referrers;
  if (pushed.subject !== void 0) referrers = "api";
  else if (pushed.pushed) referrers = "tag-schema";
  else referrers = await client.referrers(subject.digest) === void 0 ? "tag-schema" : "api";
  if (referrers === "tag-schema") await addToReferrersTag(client, subject.digest, artifact, logger);
  logger.debug(
    `package artifact ${artifact.digest} refers to ${subject.digest} (${referrers === "api" ? "referrers API" : "referrers tag schema"})`
  );
  return {
    uri: formatOciReference({ registry: client.registry, repository: client.repository, digest: subject.digest }),
    digest: subject.digest,
    tag,
    action,
    referrers,
    built: subject.digest === built.digest
  };
}

// src/stages/release-stage.ts
async function sameModelRelease(store, model, version, modelPath) {
  const released = (await store.readManifest(model, version))?.files.find((file) => file.role === "model");
  const ours = await sha256File(modelPath).catch(() => void 0);
  return ours !== void 0 && released !== void 0 && released.sha256 === ours.sha256 ? ours.sha256 : void 0;
}
async function republish(store, model, version, logger) {
  const work = await mkdtemp(join3(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const { manifest } = await store.download(model, version, work);
    const names = [...manifest.files.map((file) => file.name), SUMS_NAME, MANIFEST_NAME];
    const published = await store.publish({ model, version, tag: manifest.tag, dir: work, names, manifest, notes: "" });
    logger.info(`Already released: ${model} ${version} (${manifest.tag}) in ${store.description}.`);
    return { ...published, verdict: manifest.gate.verdict, allowUngated: manifest.gate.allowUngated, notes: "" };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
async function keepOwnManifest(store, dir, published, out, logger) {
  const ours = await readFile3(join3(dir, MANIFEST_NAME));
  const stored = await store.locate(published.model, published.version);
  if (stored?.manifestSha256 !== sha256Of(ours)) {
    logger.info(
      `${published.model} ${published.version} holds a ${MANIFEST_NAME} written by an earlier run, not this one: this run does not attest it (the run that released it did).`
    );
    return void 0;
  }
  await writeFileAtomic(out, ours);
  return out;
}
async function runRelease(options) {
  const { store, logger } = options;
  const model = checkModelName(options.model);
  const tagFormat = options.tagFormat ?? DEFAULT_TAG_FORMAT;
  const versions = await store.list(model);
  const newest = versions[0]?.version;
  let version;
  if ("exact" in options.version) {
    version = normalizeVersion(options.version.exact);
  } else {
    const same = newest === void 0 ? void 0 : await sameModelRelease(store, model, newest, options.modelPath);
    if (same !== void 0) {
      logger.info(`${model} ${newest} already holds this model (sha256 ${shortDigest(same)}): nothing to release.`);
      return await republish(store, model, newest, logger);
    }
    version = bumpVersion(newest, options.version.bump);
  }
  const tag = tagFor(model, version, tagFormat);
  const older = versions.filter((entry) => compareVersions(entry.version, version) < 0);
  const previous = older[0] === void 0 ? void 0 : await store.readManifest(model, older[0].version);
  const work = await mkdtemp(join3(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-release-"));
  try {
    const pkg = await packageModel({
      model,
      version,
      tag,
      modelPath: options.modelPath,
      gateReportPath: options.gateReportPath,
      referenceProfilePath: options.referenceProfilePath,
      runRecordPath: options.runRecordPath,
      extraFiles: options.extraFiles,
      allowUngated: options.allowUngated,
      description: options.description,
      ...options.license === void 0 ? {} : { license: options.license },
      previous,
      outDir: join3(work, "package"),
      toolVersion: options.toolVersion,
      gitSha: options.gitSha,
      runUrl: options.runUrl,
      targetCommitish: options.gitSha
    });
    if (pkg.manifest.gate.allowUngated)
      logger.warning(`Releasing ${model} ${version} ungated: ${pkg.manifest.gate.reason ?? ""}`, { title: "modelship: ungated release" });
    for (const asset of pkg.manifest.serving ?? [])
      if (asset.unavailable !== void 0)
        logger.warning(
          `${model} ${version} gets no ${asset.layout} (for ${asset.runtimes.join(", ")}): ${asset.unavailable}. KServe's Triton runtime cannot serve this release; export the model with tensor inputs and outputs (skl2onnx: options={"zipmap": False}) to serve it there.`,
          { title: "modelship: no Triton model repository" }
        );
    logger.info(`Publishing ${model} ${version} (${tag}, digest ${shortDigest(pkg.manifest.digest)}) to ${store.description}.`);
    const published = await store.publish(pkg);
    logger.info(
      `${published.action === "unchanged" ? "Already released with the same bytes" : published.action === "resumed" ? "Completed an interrupted release" : "Released"}: ${model} ${version} (${tag}) in ${store.description}.`
    );
    const manifestPath = options.manifestOut === void 0 ? void 0 : await keepOwnManifest(store, pkg.dir, published, options.manifestOut, logger);
    return {
      ...published,
      verdict: pkg.manifest.gate.verdict,
      allowUngated: pkg.manifest.gate.allowUngated,
      notes: pkg.notes,
      ...manifestPath === void 0 ? {} : { manifestPath }
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
async function runReleaseStage(inputs, run) {
  const { logger, toolVersion } = run;
  const loaded = await loadStageConfig(run.config, run.cwd);
  const settings = await resolveReleaseSettings(inputs, loaded, { registry: run.defaultRegistry });
  const store = openRunRegistry(run, loaded, settings);
  const oci = resolveOciSettings(inputs.oci, loaded);
  const busybox = oci === void 0 ? void 0 : await findBusybox(oci);
  const manifestOut = inputs.manifestOut === void 0 ? void 0 : resolve(run.cwd, inputs.manifestOut);
  await checkInputFile(settings.modelPath, "model file", RELEASE_SETTINGS.model);
  await checkInputFile(settings.gateReportPath, "gate report", RELEASE_SETTINGS.gateReport);
  await checkInputFile(settings.referenceProfilePath, "reference profile", RELEASE_SETTINGS.referenceProfile);
  await checkInputFile(settings.runRecordPath, "run record", RELEASE_SETTINGS.runRecord);
  const folder = localRegistryFolder(settings.registry);
  if (folder !== void 0) await checkOutputFolder(folder, RELEASE_SETTINGS.registry);
  const reference = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: inputs.referenceData ?? [],
    loaded,
    logger,
    toolVersion
  });
  try {
    settings.referenceProfilePath = reference.path;
    const result = await runRelease({ ...settings, store, toolVersion, gitSha: run.sha, runUrl: run.runUrl, manifestOut, logger });
    if (oci === void 0 || busybox === void 0) return result;
    return { ...result, oci: await pushModelcar({ result, store, oci, busybox, run, loaded }) };
  } finally {
    await reference.cleanup();
  }
}
async function pushModelcar(options) {
  const { result, run } = options;
  const work = await mkdtemp(join3(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-oci-"));
  try {
    const fetched = await fetchModel({
      store: options.store,
      model: result.model,
      version: result.version,
      dir: join3(work, "package"),
      logger: run.logger
    });
    const image = modelcarRepository(options.oci.prefix, result.model);
    const sourceUrl = run.serverUrl !== void 0 && run.repository !== void 0 ? `${run.serverUrl}/${run.repository}` : void 0;
    return await publishModelcar({
      // The prefix is the run's own setting (release.oci or --oci), never a file's.
      client: openOciClient(run, image, options.loaded, { trusted: true }),
      manifest: fetched.manifest,
      manifestBytes: await readFile3(fetched.manifestPath),
      dir: fetched.path,
      busybox: options.busybox,
      ...sourceUrl === void 0 ? {} : { sourceUrl },
      logger: run.logger
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
async function checkInputFile(path, what, setting) {
  if (path === void 0) return;
  let folder;
  try {
    folder = (await stat(path)).isDirectory();
  } catch (error) {
    const code2 = errnoCode(error);
    if (code2 !== "ENOENT" && code2 !== "ENOTDIR") throw error;
    throw new UserError(`${what} not found`, { file: path, hint: `check ${setting}: a path is relative to the working directory` });
  }
  if (folder) throw new UserError(`is a folder, not a ${what}`, { file: path, hint: `point ${setting} to the file itself` });
}
function localRegistryFolder(spec) {
  if (spec === "github" || spec.startsWith("github:")) return void 0;
  if (!spec.startsWith("file:")) return spec;
  try {
    return fileURLToPath(spec);
  } catch {
    return void 0;
  }
}

export {
  runRelease,
  runReleaseStage
};
