/**
 * The Actions face's plumbing: one failure funnel (`runAction`), input helpers that fall back to
 * modelship.yaml, and a Logger that speaks workflow commands. Every action entry uses these.
 */
import * as core from "@actions/core";
import { getErrorMessage, isUserError, UserError } from "../common/errors.ts";
import type { AnnotationProperties, Logger } from "../common/logger.ts";
import { TOOL_VERSION } from "../common/tool-version.ts";
import { DEFAULT_CONFIG_FILE } from "../config/modelship-config.ts";
import { readGitHubContext, type GitHubContext } from "../github/context.ts";
import type { StageRun } from "../stages/stage-run.ts";
import { publishComment, type PublishResult } from "../stages/comment-stage.ts";

export { TOOL_VERSION };

function toCoreProperties(properties?: AnnotationProperties): core.AnnotationProperties | undefined {
  if (!properties) return undefined;
  return { ...properties };
}

/** Logs through workflow commands: annotations carry file and line, groups fold in the log. */
export class ActionsLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    // A line that starts with `::` is a workflow command to the runner; a message can carry text from
    // a GitOps file or a payload, so such lines are defused (warning and error are escaped by core).
    core.info(message.replace(/(^|[\r\n])::/g, "$1:\u200b:"));
  }
  warning(message: string, properties?: AnnotationProperties): void {
    core.warning(message, toCoreProperties(properties));
  }
  error(message: string, properties?: AnnotationProperties): void {
    core.error(message, toCoreProperties(properties));
  }
  notice(message: string, properties?: AnnotationProperties): void {
    core.notice(message, toCoreProperties(properties));
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn);
  }
}

/**
 * Runs an action's body. A UserError becomes one `setFailed` with its message (which already
 * carries file, line and hint) and an annotation on the user's file when it names one; any other
 * throw is a bug: `setFailed` plus the stack at debug level. Exactly one `setFailed`, no `process.exit`.
 */
export async function runAction(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isUserError(error)) {
      core.setFailed(error.message);
      return;
    }
    core.debug(error instanceof Error ? (error.stack ?? error.message) : getErrorMessage(error));
    core.setFailed(`modelship failed unexpectedly — this is a bug, please report it: ${getErrorMessage(error)}`);
  }
}

/** An optional input: undefined when empty, never `""`. */
export function getInput(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === "" ? undefined : value;
}

/** A required input: a UserError naming the input when it is empty. */
export function getRequiredInput(name: string, hint?: string): string {
  const value = getInput(name);
  if (value === undefined) throw new UserError(`input "${name}" is required`, { hint: hint ?? `set \`with: ${name}: …\` on the step` });
  return value;
}

/** A boolean input (`true|false`, YAML 1.2 core spellings); `fallback` (or undefined) when empty. */
export function getBooleanInput(name: string, fallback: boolean): boolean;
export function getBooleanInput(name: string): boolean | undefined;
export function getBooleanInput(name: string, fallback?: boolean): boolean | undefined {
  const value = getInput(name);
  if (value === undefined) return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UserError(`input "${name}" must be true or false, got "${value}"`, {
    hint: `set \`with: ${name}: true\` or false on the step`,
  });
}

/** An input restricted to a few values; `fallback` (or undefined) when empty. */
export function getChoiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T;
export function getChoiceInput<T extends string>(name: string, choices: readonly T[]): T | undefined;
export function getChoiceInput<T extends string>(name: string, choices: readonly T[], fallback?: T): T | undefined {
  const value = getInput(name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new UserError(`input "${name}" must be one of ${choices.join(", ")}, got "${value}"`, {
      hint: `set \`with: ${name}:\` on the step to one of ${choices.join(", ")}, or leave it out for the default`,
    });
  return value as T;
}

/** A non-negative integer input; `fallback` (or undefined) when empty. */
export function getIntegerInput(name: string, fallback: number): number;
export function getIntegerInput(name: string): number | undefined;
export function getIntegerInput(name: string, fallback?: number): number | undefined {
  const value = getInput(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new UserError(`input "${name}" must be a whole number, got "${value}"`, {
      hint: `set \`with: ${name}:\` on the step to a whole number ≥ 0`,
    });
  return Number(value);
}

/** A list input: one item per line or comma-separated. */
export function getListInput(name: string): string[] {
  const value = getInput(name);
  if (value === undefined) return [];
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A list input, one item per line only (for URLs and glob patterns, which may hold commas). */
export function getLinesInput(name: string): string[] {
  return (getInput(name) ?? "")
    .split("\n")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A list input (one item per line or comma-separated), or undefined when it has no item, so a setting in modelship.yaml applies. */
export function getOptionalListInput(name: string): string[] | undefined {
  const items = getListInput(name);
  return items.length === 0 ? undefined : items;
}

/** A one-item-per-line input, or undefined when it has no item. */
export function getOptionalLinesInput(name: string): string[] | undefined {
  const items = getLinesInput(name);
  return items.length === 0 ? undefined : items;
}

/** A number input, or undefined when it is empty; text that is not a number is a UserError. */
export function getNumberInput(name: string): number | undefined {
  const text = getInput(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value))
    throw new UserError(`input "${name}" must be a number, got "${text}"`, {
      hint: `set \`with: ${name}:\` on the step to a number, e.g. 0.5`,
    });
  return value;
}

/** Appends markdown to the job summary (a no-op outside Actions). */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

/**
 * Publishes a stage's markdown report: the job summary always, and the sticky PR comment for
 * (workflow, `subject`) when commenting is on and there is a token; sets the comment-url and
 * comment-action outputs.
 */
export async function publishStageReport(options: {
  context: GitHubContext;
  token?: string;
  comment: boolean;
  subject: string;
  markdown: string;
  reportPath: string;
  logger: Logger;
}): Promise<PublishResult> {
  const { context } = options;
  const published = await publishComment(
    {
      context,
      writeSummary: writeJobSummary,
      comment: options.comment,
      key: { workflow: context.workflow ?? "modelship", subject: options.subject },
      markdown: options.markdown,
      fullReport: `\`${options.reportPath}\``,
    },
    { token: options.token, logger: options.logger, toolVersion: TOOL_VERSION },
  );
  core.setOutput("comment-url", published.url ?? "");
  core.setOutput("comment-action", published.action);
  return published;
}

export { core };

/**
 * The StageRun every action hands its stage: the `config` and `token` inputs the face read (the token
 * masked here), the workflow run from GITHUB_* and the GitHub Releases registry as the default.
 * `optionalDefaultConfig`: the default modelship.yaml may be absent (a GitOps repository has none),
 * a named file must exist.
 */
/**
 * The `redaction-key` input (a secret), masked and set as MODELSHIP_REDACTION_KEY, whose keyed
 * pseudonyms replace redacted values in every report (docs/privacy.md#redaction). Unset, the
 * variable stays as the job set it.
 */
function useRedactionKey(key: string | undefined): void {
  if (key === undefined) return;
  core.setSecret(key);
  // REDACTION_KEY_ENV of src/data/pii/redact.ts, which a face may not import (layers).
  process.env.MODELSHIP_REDACTION_KEY = key;
}

/**
 * The `oci-username` and `oci-password` inputs, the password masked, set as MODELSHIP_OCI_USERNAME and
 * MODELSHIP_OCI_PASSWORD for the stage's OCI requests (src/stages/oci-settings.ts). Unset, the
 * variables stay as the job set them.
 */
function useOciCredentials(credentials: { username?: string; password?: string } | undefined): void {
  if (credentials?.password !== undefined) {
    core.setSecret(credentials.password);
    // OCI_PASSWORD_ENV and OCI_USERNAME_ENV of src/stages/oci-settings.ts, named here so that every action's bundle
    // does not take in the OCI client.
    process.env.MODELSHIP_OCI_PASSWORD = credentials.password;
  }
  if (credentials?.username !== undefined) process.env.MODELSHIP_OCI_USERNAME = credentials.username;
}

export function actionStageRun(inputs: {
  config?: string;
  token?: string;
  optionalDefaultConfig?: boolean;
  redactionKey?: string;
  oci?: { username?: string; password?: string };
}): StageRun {
  const { config, token } = inputs;
  if (token !== undefined) core.setSecret(token);
  useRedactionKey(inputs.redactionKey);
  useOciCredentials(inputs.oci);
  const context = readGitHubContext();
  return {
    config: { file: inputs.optionalDefaultConfig === true && config === DEFAULT_CONFIG_FILE ? undefined : config },
    cwd: process.cwd(),
    env: process.env,
    logger: new ActionsLogger(),
    toolVersion: TOOL_VERSION,
    token,
    repository: context.repository,
    serverUrl: context.serverUrl,
    runId: context.runId,
    runUrl: context.runUrl,
    sha: context.sha,
    defaultRegistry: "github",
  };
}
