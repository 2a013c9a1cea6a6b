/**
 * Asking for retraining when drift is found: a `workflow_dispatch` of the training workflow (the
 * report summary rides along as the `drift-report` input, a JSON string) or a `repository_dispatch`
 * event (the summary is the `client_payload`). Both are kept inside GitHub's limits: 25 inputs and
 * 65,535 characters of inputs; 10 top-level payload properties and 64 KB of payload.
 */
import { getErrorMessage, UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import { httpStatus, type GitHubClient } from "../github/octokit.ts";

export type RetrainTrigger =
  { kind: "workflow"; workflow: string; ref: string; inputs?: Record<string, string> } | { kind: "repository"; eventType: string };

export interface RetrainOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  trigger: RetrainTrigger;
  /** The drift report summary handed to the retraining workflow. */
  payload: Record<string, unknown>;
  logger: Logger;
}

/** The workflow input that carries the summary. */
const DRIFT_REPORT_INPUT = "drift-report";
/** GitHub's cap on the characters of a workflow dispatch's inputs. */
export const WORKFLOW_INPUTS_LIMIT = 65_535;
/** GitHub's cap on a workflow dispatch's input count. */
const WORKFLOW_INPUTS_MAX = 25;
/** GitHub's cap on a repository dispatch's top-level payload properties. */
const CLIENT_PAYLOAD_MAX_PROPERTIES = 10;
/** GitHub wants the payload under 64 KB. */
const CLIENT_PAYLOAD_LIMIT = 65_535;

/** Where payload properties beyond GitHub's top-level limit go. */
const OVERFLOW_KEY = "more";

/** Halves arrays and strings longer than `max` (keeping their start) and marks the result. */
function shrink(value: unknown, max: number): unknown {
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}…` : value;
  if (Array.isArray(value)) return value.slice(0, max).map((item) => shrink(item, max));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, max)]));
  return value;
}

/** Only the top-level values that are not objects or arrays. */
function scalars(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item === null || typeof item !== "object"));
}

/**
 * The largest form of `payload` whose `measure` fits `limit`: as it is; with long arrays and strings
 * cut ever shorter; its scalars only; `{ truncated: true }`. Cut forms say `truncated: true`.
 */
function fitPayload(
  payload: Record<string, unknown>,
  limit: number,
  measure: (candidate: Record<string, unknown>) => number = (candidate) => JSON.stringify(candidate).length,
): Record<string, unknown> {
  if (measure(payload) <= limit) return payload;
  for (let max = 1024; max >= 1; max = Math.floor(max / 2)) {
    const candidate = { ...(shrink(payload, max) as Record<string, unknown>), truncated: true };
    if (measure(candidate) <= limit) return candidate;
  }
  const flat = { ...scalars(shrink(payload, 64) as Record<string, unknown>), truncated: true };
  return measure(flat) <= limit ? flat : { truncated: true };
}

/** The payload with at most `max` top-level properties: the ones beyond go under `more`. */
function packClientPayload(payload: Record<string, unknown>, max = CLIENT_PAYLOAD_MAX_PROPERTIES): Record<string, unknown> {
  const entries = Object.entries(payload);
  if (entries.length <= max) return payload;
  return { ...Object.fromEntries(entries.slice(0, max - 1)), [OVERFLOW_KEY]: Object.fromEntries(entries.slice(max - 1)) };
}

/** The `client_payload` of a repository dispatch: at most 10 top-level properties, under 64 KB; `cut` when it had to shrink. */
function clientPayload(payload: Record<string, unknown>): { payload: Record<string, unknown>; cut: boolean } {
  const packed = packClientPayload(payload);
  if (JSON.stringify(packed).length <= CLIENT_PAYLOAD_LIMIT) return { payload: packed, cut: false };
  // Room for the `truncated` mark among the ten.
  return { payload: fitPayload(packClientPayload(payload, CLIENT_PAYLOAD_MAX_PROPERTIES - 1), CLIENT_PAYLOAD_LIMIT), cut: true };
}

/** The inputs of the workflow dispatch: the user's, plus the summary as one JSON string within GitHub's limit; `cut` when it had to shrink. */
function workflowInputs(
  userInputs: Record<string, string>,
  payload: Record<string, unknown>,
): { inputs: Record<string, string>; cut: boolean } {
  const base = Object.fromEntries(Object.entries(userInputs).filter(([key]) => key !== DRIFT_REPORT_INPUT));
  const measure = (candidate: Record<string, unknown>): number =>
    JSON.stringify({ ...base, [DRIFT_REPORT_INPUT]: JSON.stringify(candidate) }).length;
  const fitted = fitPayload(payload, WORKFLOW_INPUTS_LIMIT, measure);
  return { inputs: { ...base, [DRIFT_REPORT_INPUT]: JSON.stringify(fitted) }, cut: fitted !== payload };
}

/** The UserError for GitHub refusing the dispatch, with the fix for this kind of trigger. */
function dispatchError(error: unknown, trigger: RetrainTrigger, repository: string): unknown {
  const status = httpStatus(error);
  if (status !== 401 && status !== 403 && status !== 404 && status !== 422) return error;
  const detail = getErrorMessage(error);
  if (trigger.kind === "workflow") {
    const what = `GitHub refused to start the retraining workflow "${trigger.workflow}" on ${trigger.ref} in ${repository}: ${status} (${detail})`;
    const hint =
      status === 422
        ? `make sure ${trigger.workflow} has \`on: workflow_dispatch\` with a "${DRIFT_REPORT_INPUT}" input (and every other input you pass) on ${trigger.ref}, and that ${trigger.ref} is a branch or tag that exists`
        : `check that .github/workflows/${trigger.workflow} exists on ${trigger.ref} (name the file, e.g. retrain.yml, or the workflow id) and give the workflow \`permissions: actions: write\``;
    return new UserError(what, { hint, cause: error });
  }
  const what = `GitHub refused the repository_dispatch event "${trigger.eventType}" in ${repository}: ${status} (${detail})`;
  const hint =
    status === 422
      ? "the event type must be 1 to 100 characters and the payload at most 10 top-level properties under 64 KB"
      : `give the workflow \`permissions: contents: write\` (a token for another repository needs contents: write there), and check that ${repository} exists`;
  return new UserError(what, { hint, cause: error });
}

/** Starts retraining with the report summary; throws a UserError with the fix when GitHub refuses. */
export async function triggerRetraining(options: RetrainOptions): Promise<void> {
  const { client, owner, repo, trigger, payload, logger } = options;
  const repository = `${owner}/${repo}`;
  try {
    if (trigger.kind === "workflow") {
      if (trigger.workflow.trim() === "")
        throw new UserError("no retraining workflow is named", { hint: "name the training workflow's file, e.g. retrain.yml" });
      if (trigger.ref.trim() === "")
        throw new UserError(`no ref to run the retraining workflow ${trigger.workflow} on`, {
          hint: "give the branch or tag to run it on, e.g. main",
        });
      const userInputs = trigger.inputs ?? {};
      if (DRIFT_REPORT_INPUT in userInputs)
        logger.warning(
          `The retraining input "${DRIFT_REPORT_INPUT}" is modelship's: the value given is replaced by the drift report summary.`,
        );
      const { inputs, cut } = workflowInputs(userInputs, payload);
      if (Object.keys(inputs).length > WORKFLOW_INPUTS_MAX) {
        throw new UserError(
          `the retraining workflow would get ${Object.keys(inputs).length} inputs; GitHub takes at most ${WORKFLOW_INPUTS_MAX}`,
          { hint: `pass at most ${WORKFLOW_INPUTS_MAX - 1} inputs of your own (modelship adds "${DRIFT_REPORT_INPUT}")` },
        );
      }
      if (cut)
        logger.warning(
          `The drift report summary was cut to fit GitHub's ${WORKFLOW_INPUTS_LIMIT.toLocaleString("en-US")}-character limit on workflow inputs.`,
        );
      await client.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: trigger.workflow, ref: trigger.ref, inputs });
      logger.info(`Retraining requested: workflow_dispatch of ${trigger.workflow} on ${trigger.ref} in ${repository}.`);
      return;
    }
    if (trigger.eventType.trim() === "" || trigger.eventType.length > 100) {
      throw new UserError(`"${trigger.eventType}" cannot be a repository_dispatch event type`, {
        hint: "name the event in 1 to 100 characters, e.g. modelship-retrain",
      });
    }
    const fitted = clientPayload(payload);
    if (Object.keys(payload).length > CLIENT_PAYLOAD_MAX_PROPERTIES)
      logger.debug(
        `The drift report summary has ${Object.keys(payload).length} top-level properties; GitHub takes ${CLIENT_PAYLOAD_MAX_PROPERTIES}: the rest are under "${OVERFLOW_KEY}".`,
      );
    if (fitted.cut) logger.warning("The drift report summary was cut to fit GitHub's 64 KB limit on repository_dispatch payloads.");
    await client.rest.repos.createDispatchEvent({ owner, repo, event_type: trigger.eventType, client_payload: fitted.payload });
    logger.info(`Retraining requested: repository_dispatch event ${trigger.eventType} in ${repository}.`);
  } catch (error) {
    throw dispatchError(error, trigger, repository);
  }
}
