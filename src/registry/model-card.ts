/**
 * The model card (model-card.md in every release) and the release notes. The card says what the
 * model is for, what data it saw, how well it does with confidence intervals, how it does per group,
 * what it should not be used for, and where it came from. Both are deterministic for the same
 * inputs, so re-packaging the same model gives the same bytes.
 *
 * The card opens with Hugging Face-style YAML front matter (https://huggingface.co/docs/hub/model-cards,
 * the annotated template https://github.com/huggingface/hub-docs/blob/main/modelcard.md): `license`
 * (release.license, omitted when not given), `library_name`, `tags`, `pipeline_tag`, `datasets`,
 * `metrics`, and `model-index` with the gate report's test metrics, so hubs and catalogues that
 * read that metadata index the release without parsing the markdown.
 */
import { METRIC_LABELS } from "../gates/evaluate-gates.ts";
import type { GateReport } from "../gates/gate-report-types.ts";
import { code, escapeMarkdown, formatInterval, formatNumber, formatSigned, sections, statusIcon, table } from "../common/markdown.ts";
import type { RunRecord } from "../train/run-record-types.ts";
import { shortDigest } from "./manifest.ts";
import type { MeasuredValue, ModelManifest, OperationalSummary } from "./registry-types.ts";
import { stringify } from "yaml";

export interface CardInputs {
  model: string;
  version: string;
  description?: string;
  gateReport?: GateReport;
  runRecord?: RunRecord;
  allowUngated: boolean;
  /** Why the release was ungated, when it was. */
  ungatedReason?: string;
  /** The model's licence as an SPDX id (release.license); omitted from the card when undefined. */
  license?: string;
}

/** Hugging Face's task ids for tabular models (https://huggingface.co/tasks). */
const HF_TASKS: Record<string, { type: string; name: string }> = {
  binary: { type: "tabular-classification", name: "Binary classification" },
  multiclass: { type: "tabular-classification", name: "Multiclass classification" },
  regression: { type: "tabular-regression", name: "Regression" },
};

/**
 * The card's YAML front matter, as a plain object in the order it is written. Keys whose value is
 * unknown are left out rather than guessed: no licence without release.license, no results without
 * a gate report. `datasets` are the data files' paths as recorded (this repository's files, not Hub
 * dataset ids); a metric is its gate report name (`roc_auc`, `accuracy`), its value the point
 * estimate on the test rows (a metric without a value is left out).
 */
export function cardMetadata(inputs: CardInputs): Record<string, unknown> {
  const report = inputs.gateReport;
  const task = report === undefined ? undefined : HF_TASKS[report.model.task];
  const datasets = [...new Set([...(inputs.runRecord?.data.files ?? []), ...(report?.data.files ?? [])].map((file) => file.path))];
  const measured = Object.entries(report?.metrics ?? {}).filter(
    (entry): entry is [string, { value: number }] => typeof entry[1].value === "number" && Number.isFinite(entry[1].value),
  );
  const evaluation = [...new Set((report?.data.files ?? []).map((file) => file.path))];
  return {
    ...(inputs.license === undefined ? {} : { license: inputs.license.toLowerCase() }),
    library_name: "onnx",
    tags: ["modelship", "onnx", ...(task === undefined ? [] : [task.type])],
    ...(task === undefined ? {} : { pipeline_tag: task.type }),
    ...(datasets.length === 0 ? {} : { datasets }),
    ...(measured.length === 0 ? {} : { metrics: measured.map(([name]) => name) }),
    ...(report === undefined || task === undefined || measured.length === 0
      ? {}
      : {
          "model-index": [
            {
              name: inputs.model,
              results: [
                {
                  task,
                  dataset: {
                    name: evaluation.length === 0 ? "evaluation data" : evaluation.join(", "),
                    type: evaluation.length === 0 ? "evaluation" : evaluation.join(", "),
                    split: "test",
                  },
                  metrics: measured.map(([name, estimate]) => ({ type: name, value: estimate.value, name: METRIC_LABELS[name] ?? name })),
                },
              ],
            },
          ],
        }),
  };
}

/** The front matter block: `---`, the metadata as YAML, `---`. */
function frontMatter(inputs: CardInputs): string {
  return `---\n${stringify(cardMetadata(inputs), { lineWidth: 0 })}---`;
}

/** One line: the verdict and the headline metrics. */
function cardSummary(inputs: CardInputs): string {
  const report = inputs.gateReport;
  if (report === undefined) return `**${inputs.model} ${inputs.version}** was released **without a gate report** (allow-ungated).`;
  const headline = ["roc_auc", "accuracy", "rmse", "r2"]
    .filter((name) => report.metrics[name]?.value !== null && report.metrics[name] !== undefined)
    .slice(0, 2);
  const metrics = headline
    .map(
      (name) =>
        `${METRIC_LABELS[name] ?? name} ${formatNumber(report.metrics[name]!.value)} (95% CI ${formatInterval(report.metrics[name]!.ci)})`,
    )
    .join(", ");
  const gates = `${report.summary.pass} of ${report.gates.length} gates passed${report.summary.fail > 0 ? `, ${report.summary.fail} failed` : ""}${report.summary.warn > 0 ? `, ${report.summary.warn} warned` : ""}`;
  return `${statusIcon(report.verdict === "pass" ? "pass" : report.verdict === "warn" ? "warn" : "fail")} **${inputs.model} ${inputs.version}**: ${report.model.task} model, gate verdict **${report.verdict}** (${gates}). ${metrics}.${inputs.allowUngated ? ` Released with **allow-ungated**: ${inputs.ungatedReason ?? ""}` : ""}`;
}

/** "measured on Intel Xeon …, 2 threads, onnxruntime 1.20.1": where operational figures come from, in the words the card and PR bodies use. */
export function measuredOn(environment: OperationalSummary["environment"]): string {
  const threads = environment.threads === "default" ? "onnxruntime's default threads" : `${environment.threads} threads`;
  return `measured on ${environment.cpu}, ${threads}, onnxruntime ${environment.onnxruntime}`;
}

/** A measured figure with its interval: `1.23 [1.2, 1.3]`. */
function formatMeasured(figure: MeasuredValue, digits: number): string {
  // Whole numbers (throughput) are rounded first, so that they print with thousands separators.
  const round = (x: number): number => (digits === 0 ? Math.round(x) : x);
  const value = formatNumber(figure.value === null ? null : round(figure.value), digits);
  return figure.ci === undefined ? value : `${value} ${formatInterval([round(figure.ci[0]), round(figure.ci[1])], digits)}`;
}

/**
 * The card's Operational section: the challenger's size, parameters, load time, peak memory and
 * latency per batch size from the gate report; empty when the report has no operational section
 * (reports made before evaluate measured them).
 */
function operationalSection(report: GateReport | undefined): string {
  const section = report?.operational;
  if (section === undefined) return "";
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
        ["Peak memory of the session", `${formatNumber(figures.peakMemoryMb, 1)} MB`],
      ],
      { align: ["left", "right"] },
    ),
    figures.latency.length === 0
      ? ""
      : table(
          ["Batch", "p50 ms", "p95 ms", "p99 ms", "Throughput rows/s"],
          figures.latency.map((row) => [
            formatNumber(row.batch),
            formatMeasured(row.p50Ms, 3),
            formatMeasured(row.p95Ms, 3),
            formatMeasured(row.p99Ms, 3),
            formatMeasured(row.throughputRowsPerS, 0),
          ]),
          { align: ["right", "right", "right", "right", "right"] },
        ),
  );
}

/** The model card as markdown. */
export function renderModelCard(inputs: CardInputs): string {
  const report = inputs.gateReport;
  const record = inputs.runRecord;
  const intended = sections(
    "## Intended use",
    inputs.description === undefined ? "_No description in modelship.yaml (`description:`)._" : escapeMarkdown(inputs.description),
    report?.model.task === "binary"
      ? `Binary classifier: positive class ${code(report.model.positiveLabel ?? "")} at threshold ${report.model.threshold}.`
      : report === undefined
        ? ""
        : `${report.model.task} model.`,
  );
  const dataRows = [
    ...(record?.data.files ?? []).map((file) => [
      code(file.path),
      "training run",
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes),
    ]),
    ...(report?.data.files ?? []).map((file) => [
      code(file.path),
      `evaluation (${formatNumber(file.rows)} rows)`,
      code(shortDigest(file.sha256)),
      formatNumber(file.bytes),
    ]),
  ];
  const data = sections(
    "## Data",
    dataRows.length === 0
      ? "_No data fingerprints recorded._"
      : table(["File", "Used for", "sha256", "Bytes"], dataRows, { align: ["left", "left", "left", "right"] }),
    report === undefined ? "" : `Target column: ${code(report.data.target)}.`,
  );
  const metrics =
    report === undefined
      ? ""
      : sections(
          "## Metrics",
          `On ${formatNumber(report.data.rows)} test rows; ${Math.round(report.randomness.confidence * 100)}% intervals from ${formatNumber(report.randomness.resamples)} bootstrap resamples (seed ${report.randomness.bootstrapSeed}).`,
          table(
            ["Metric", "Value", "CI"],
            Object.entries(report.metrics).map(([name, estimate]) => [
              METRIC_LABELS[name] ?? name,
              formatNumber(estimate.value),
              formatInterval(estimate.ci),
            ]),
            { align: ["left", "right", "left"] },
          ),
        );
  const fairness =
    report === undefined || report.fairness.length === 0
      ? ""
      : sections(
          "## Fairness by group",
          ...report.fairness.map((section) =>
            sections(
              `### ${escapeMarkdown(section.grouping)}`,
              table(
                ["Group", "n", "Selection rate", "TPR", "FPR"],
                section.groups.map((group) => [
                  `${escapeMarkdown(group.label)}${group.small ? " (too few rows to judge)" : ""}`,
                  formatNumber(group.count),
                  formatNumber(group.rates.selection_rate),
                  formatNumber(group.rates.tpr),
                  formatNumber(group.rates.fpr),
                ]),
                { align: ["left", "right", "right", "right", "right"] },
              ),
              Object.entries(section.metrics)
                .filter(([, metric]) => metric.value !== null)
                .map(([name, metric]) => `${METRIC_LABELS[name] ?? name}: ${formatNumber(metric.value)} ${formatInterval(metric.ci)}`)
                .join(" · "),
            ),
          ),
        );
  const limitations: string[] = [];
  if (inputs.allowUngated) limitations.push(`Released with allow-ungated: ${inputs.ungatedReason ?? "see the gate report"}.`);
  for (const gate of report?.gates ?? [])
    if (gate.status !== "pass")
      limitations.push(
        `${gate.status === "fail" ? "Failed" : gate.status === "warn" ? "Warning" : "Not enough data"}: ${gate.name} — ${gate.reason}.`,
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
      ["Git commit", record?.git.sha === undefined ? "—" : code(record.git.sha)],
      ["Training run", record?.run?.url ?? "—"],
      [
        "Training mode",
        record === undefined
          ? "—"
          : record.mode === "builtin"
            ? `built-in trainer (${record.backend?.package ?? "TensorFlow.js"})`
            : code(record.command ?? ""),
      ],
      ["Model sha256", report === undefined ? "—" : code(report.model.sha256)],
      ["Gate policy sha256", report === undefined ? "—" : code(report.policy.sha256)],
    ],
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
    sections("## Lineage", lineage),
  );
}

/** Release notes: the card's summary, then the metrics against the previous version. */
export function renderReleaseNotes(inputs: CardInputs, manifest: ModelManifest, previous?: ModelManifest): string {
  const parts = [cardSummary(inputs)];
  if (previous !== undefined) {
    const names = [...new Set([...Object.keys(manifest.metrics), ...Object.keys(previous.metrics)])];
    const rows = names.map((name) => {
      const ours = manifest.metrics[name]?.value ?? null;
      const theirs = previous.metrics[name]?.value ?? null;
      const delta = formatSigned(ours === null || theirs === null ? null : ours - theirs);
      return [METRIC_LABELS[name] ?? name, formatNumber(theirs), formatNumber(ours), delta];
    });
    parts.push(
      `### Against ${previous.version}`,
      table(["Metric", previous.version, manifest.version, "Δ"], rows, { align: ["left", "right", "right", "right"] }),
    );
  } else {
    parts.push("_The first release of this model._");
  }
  parts.push(
    `Package digest ${code(manifest.digest)}; verify with \`modelship fetch ${manifest.name}@${manifest.version}\` or \`sha256sum -c SHA256SUMS\`. The full model card is \`model-card.md\`.`,
  );
  return sections(...parts);
}
