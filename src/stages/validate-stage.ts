/**
 * The validate-data stage as one call, shared by the action and the CLI: resolve the settings, load
 * the contract, validate the datasets, diff the contract against its base, render, and write the reports.
 */
import { join } from "node:path";
import { OutputSet } from "../common/atomic-write.ts";
import type { AnnotationProperties, Logger } from "../common/logger.ts";
import { renderValidationMarkdown } from "../data/validate/validation-markdown.ts";
import { loadContract, parseContract } from "../data/contract/load-contract.ts";
import type { DataContract } from "../data/contract/contract-types.ts";
import { gitOutput } from "../git/git-command.ts";
import { diffContracts, renderContractDiffMarkdown, type ContractDiff } from "../data/contract/contract-diff.ts";
import { validateData } from "../data/validate/validate-datasets.ts";
import { redactValidationReport } from "../data/pii/redact-reports.ts";
import { redactorFor } from "../data/pii/redact.ts";
import type { ValidationFailOn, ValidationReport } from "../data/validate/validation-report-types.ts";
import { failsOn } from "../common/fail-on.ts";
import { resolveValidateSettings, type ExplicitValidateSettings, type ValidateSettings } from "./validate-settings.ts";
import { loadStageConfig, type StageRun } from "./stage-run.ts";
import { checkOutputFolder } from "../common/output-path.ts";

export type { ValidateSettings } from "./validate-settings.ts";

export interface DataValidationOptions {
  contractPath: string;
  datasets: { label: string; path: string }[];
  /** The contract before this change (e.g. from the PR's base branch); its diff goes in the report. */
  baseContractPath?: string;
  /** Without baseContractPath: the PR's base commit, whose copy of the contract git gives (fetched when missing). */
  baseSha?: string;
  reportDir: string;
  failOn: ValidationFailOn;
  maxExamples: number;
  /** Annotations on the data files' lines for the first failing values. */
  maxAnnotations: number;
  logger: Logger;
  toolVersion: string;
  runUrl?: string;
}

export interface DataValidationResult {
  report: ValidationReport;
  markdown: string;
  reportPath: string;
  markdownPath: string;
  contractDiff?: ContractDiff;
  /** Whether the step should pass under `failOn`. */
  passed: boolean;
  errors: number;
  warnings: number;
}

/** Whether a report passes under a fail-on policy. */
export function passesPolicy(report: ValidationReport, failOn: ValidationFailOn): boolean {
  const outcome = report.summary.errors > 0 ? "error" : report.summary.warnings > 0 ? "warning" : "ok";
  return !failsOn(["error", "warning"], failOn, outcome);
}

/** The contract as it is at the PR's base commit, when git has it (or can fetch it); else undefined. */
async function baseContractFromGit(baseSha: string, contractPath: string, logger: Logger): Promise<DataContract | undefined> {
  const show = () => gitOutput(["show", `${baseSha}:./${contractPath}`]);
  let text: string;
  try {
    text = await show();
  } catch {
    try {
      await gitOutput(["fetch", "--no-tags", "--depth=1", "origin", baseSha]);
      text = await show();
    } catch {
      logger.info(`No contract at the base commit ${baseSha.slice(0, 7)} (new file, or git cannot reach it): no contract diff.`);
      return undefined;
    }
  }
  return parseContract(text, `${contractPath}@${baseSha.slice(0, 7)}`);
}

/** Validates data against its contract and writes `validation-report.json` and `.md` into reportDir. */
export async function runDataValidation(options: DataValidationOptions): Promise<DataValidationResult> {
  const { logger } = options;
  const contract = await loadContract(options.contractPath);
  let contractDiff: ContractDiff | undefined;
  const base =
    options.baseContractPath !== undefined
      ? await loadContract(options.baseContractPath)
      : options.baseSha !== undefined
        ? await baseContractFromGit(options.baseSha, options.contractPath, logger)
        : undefined;
  if (base !== undefined) {
    contractDiff = diffContracts(base, contract);
    if (contractDiff.changes.length > 0) {
      logger.info(
        `Contract changed: ${contractDiff.changes.length} change(s), ${contractDiff.breaking ? "some breaking" : "none breaking"}.`,
      );
    }
  }

  // Redacted before anything shows it: the annotations, the files, the comment (docs/privacy.md#redaction).
  const report = redactValidationReport(
    await logger.group("Validate data against the contract", () =>
      validateData({ contract, datasets: options.datasets, maxExamples: options.maxExamples, logger, toolVersion: options.toolVersion }),
    ),
    redactorFor(contract),
  );

  let annotated = 0;
  const several = report.datasets.length > 1;
  for (const check of report.checks) {
    if (check.status !== "fail" && check.status !== "warn") continue;
    // One title per check, so each failing check reads as one problem in the Checks tab.
    const title = `modelship: ${several ? `${check.dataset} ` : ""}${[check.column, check.check].filter((part) => part !== undefined).join(" ")}`;
    const annotate = (message: string, properties: AnnotationProperties) => {
      if (check.status === "fail") logger.error(message, properties);
      else logger.warning(message, properties);
      annotated++;
    };
    for (const example of check.examples) {
      if (annotated >= options.maxAnnotations) break;
      annotate(example.message, { title, file: example.file, startLine: example.line });
    }
    if (check.examples.length === 0 && annotated < options.maxAnnotations) {
      annotate(check.message, { title, file: report.datasets.find((dataset) => dataset.label === check.dataset)?.path });
    }
  }

  const reportPath = join(options.reportDir, "validation-report.json");
  const markdownPath = join(options.reportDir, "validation-report.md");
  const markdown = renderValidationMarkdown(report, {
    contractDiff: contractDiff && contractDiff.changes.length > 0 ? renderContractDiffMarkdown(contractDiff) : undefined,
    reportPath,
    runUrl: options.runUrl,
  });
  const outputs = new OutputSet();
  outputs.add(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  outputs.add(markdownPath, `${markdown}\n`);
  await outputs.commit();

  return {
    report,
    markdown,
    reportPath,
    markdownPath,
    contractDiff,
    passed: passesPolicy(report, options.failOn),
    errors: report.summary.errors,
    warnings: report.summary.warnings,
  };
}

/** What a face gives the validate stage: its inputs or flags, and the PR's base commit when there is one. */
export interface ValidateStageInputs extends ExplicitValidateSettings {
  /** The PR's base commit: without a base contract, the contract there is diffed against this one. */
  baseSha?: string;
}

export interface ValidateStageResult extends DataValidationResult {
  /** The resolved settings, for the faces' outputs (report-dir, fail-on, the comment's subject). */
  settings: ValidateSettings;
}

/** The validate stage as one call: modelship.yaml and the settings, then the validation and its reports. */
export async function runValidateStage(inputs: ValidateStageInputs, run: StageRun): Promise<ValidateStageResult> {
  const settings = resolveValidateSettings(inputs, await loadStageConfig(run.config, run.cwd));
  await checkOutputFolder(settings.reportDir, "--report-dir (validate.report_dir)");
  const result = await runDataValidation({
    ...settings,
    baseSha: inputs.baseSha,
    logger: run.logger,
    toolVersion: run.toolVersion,
    runUrl: run.runUrl,
  });
  return { ...result, settings };
}
