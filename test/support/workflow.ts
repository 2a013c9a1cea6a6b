/**
 * Runs a reusable workflow's jobs the way GitHub schedules them, one job (and matrix leg) at a time
 * in dependency order, each in a fresh workspace, with GitHub's own expression evaluator
 * (`@actions/expressions`):
 *
 * - the `workflow_call` inputs get their defaults and types; undeclared inputs and secrets are errors
 *   (a workflow an event starts, such as our own ci.yml and release.yml, gets its `workflow_dispatch`
 *   inputs when dispatched, and sees every secret);
 * - a job's `if:` is evaluated with `github`, `inputs`, `needs` and the status functions; without a
 *   status function it is `success() && (…)`, and at job level `success()` means every job up the
 *   `needs` chain — not only the direct ones — succeeded: a skipped ancestor skips the job although
 *   its own needs succeeded (GitHub's behaviour, actions/runner#2205; only `always()` and friends
 *   break that chain);
 * - `strategy.matrix` (literal or from `fromJSON(…)`, with include/exclude) becomes one run per
 *   combination with `strategy.job-index`; legs run one after another, all of them (fail-fast is
 *   recorded, not acted on);
 * - steps: `uses: modelship/modelship/actions/<name>@<ref>` runs our local `actions/<name>` (a
 *   JavaScript action through runner.ts, a composite one through composite.ts); `uses: ./…` is an
 *   error (in a called workflow it would name the caller's repository); any other `uses:` needs a
 *   stand-in from the test, and the result says which steps were stood in for; `run:` steps go to
 *   bash with their `env:`;
 * - step outputs fill `steps.<id>.outputs`, job `outputs:` fill `needs.<job>.outputs`, and the
 *   workflow's `on.workflow_call.outputs` are evaluated from `jobs.<job>` at the end.
 *
 * Nothing but what the stand-ins share (an artifact store, see `artifactStandIns`) passes between
 * jobs. Concurrency groups, runs-on and timeouts are evaluated and recorded, not enforced; so is a
 * job's `container:` (its image and options, as the runner would create it, and none when the image
 * evaluates to ''): this machine cannot run containers, so the job's steps run on the host.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { runCompositeAction, type StandIn } from "./composite.ts";
import {
  interpolate,
  loadAction,
  parseKeyValueFile,
  parseWorkflowCommands,
  runAction,
  runProcess,
  type ActionManifest,
  type Annotation,
  type ExpressionContext,
} from "./runner.ts";

export type { StandIn } from "./composite.ts";

export type JobResult = "success" | "failure" | "skipped";

/** A parsed workflow (the `yaml` package's output), loosely typed. */
export interface WorkflowDocument {
  name?: string;
  on?:
    | {
        workflow_call?: {
          inputs?: Record<string, WorkflowInput>;
          secrets?: Record<string, { required?: boolean }>;
          outputs?: Record<string, { value: string }>;
        };
      }
    | string
    | string[];
  env?: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, WorkflowJobSpec>;
}

export interface WorkflowInput {
  type?: "string" | "boolean" | "number";
  required?: boolean;
  default?: string | boolean | number;
}

export interface WorkflowJobSpec {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  "runs-on"?: unknown;
  "timeout-minutes"?: unknown;
  container?: unknown;
  concurrency?: string | { group: string; "cancel-in-progress"?: unknown };
  permissions?: unknown;
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; "max-parallel"?: number; matrix?: unknown };
  steps?: WorkflowStepSpec[];
  uses?: string;
}

export interface WorkflowStepSpec {
  name?: string;
  id?: string;
  if?: string | boolean;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  shell?: string;
  env?: Record<string, unknown>;
  "working-directory"?: string;
}

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface StepRun {
  name: string;
  id?: string;
  uses?: string;
  status: JobResult;
  outputs: Record<string, string>;
  /** The stand-in that ran instead of this step's third-party action. */
  standIn?: string;
  /** For a composite action of ours: its inner steps, with the third-party ones stood in for. */
  inner?: { name: string; uses?: string; outcome: string }[];
  log: string;
}

/** Where a third-party action was stood in for: a workflow step, or a step inside one of our composite actions. */
export interface StandInUse {
  step: string;
  uses: string;
  /** Our composite action the step belongs to (e.g. `actions/train`); absent for a workflow step. */
  within?: string;
}

export interface JobRun {
  job: string;
  /** The job's evaluated `name:` (e.g. `Train (0)`). */
  name: string;
  status: JobResult;
  outputs: Record<string, string>;
  steps: StepRun[];
  standIns: StandInUse[];
  matrix?: Record<string, unknown>;
  strategy?: { "job-index": number; "job-total": number; "fail-fast": boolean };
  /** `permissions:` as the YAML declares them (the job's, else the workflow's). */
  permissions: unknown;
  runsOn?: unknown;
  timeoutMinutes?: unknown;
  /** The job container the runner would start (recorded, not started); absent when the job runs on the host. */
  container?: JobContainer;
  concurrency?: { group: string; cancelInProgress: boolean };
  /** The `if:` that skipped the job, as written. */
  skippedBy?: string;
  summary: string;
  annotations: Annotation[];
  workspace?: string;
  /** Wall-clock seconds the job took here. */
  seconds: number;
}

/** A job's `container:` as the runner creates it: the image to pull, and the extra `docker create` options. */
export interface JobContainer {
  image: string;
  options?: string;
}

export interface JobOutcome {
  /** Aggregated over the legs: failure when any failed, success when all succeeded. */
  result: JobResult;
  /** The legs' outputs merged in order (a later leg's non-empty value wins, as on GitHub the last to finish does). */
  outputs: Record<string, string>;
  runs: JobRun[];
  /** Whether this attempt ran it, or took it from the previous attempt (a re-run of other jobs). */
  attempt: number;
}

export interface WorkflowRun {
  /** Jobs in the order they ran (dependency order, then as written). */
  order: string[];
  jobs: Record<string, JobOutcome>;
  /** `on.workflow_call.outputs`, evaluated. */
  outputs: Record<string, string>;
  /** Every third-party action stood in for in this attempt, without refs, sorted. */
  standIns: string[];
  attempt: number;
  /** What the run was called with: a re-run reuses it, as GitHub's does. */
  call: { inputs: Record<string, string | boolean | number>; secrets: Record<string, string>; event: WorkflowEvent };
}

export interface WorkflowRunOptions {
  workflow: WorkflowDocument;
  inputs?: Record<string, string | boolean | number>;
  secrets?: Record<string, string>;
  event: WorkflowEvent;
  /** `owner/repo` of the caller. */
  repository: string;
  apiUrl: string;
  /** `github.token`, unless `tokenFor` picks one per job. */
  token: string;
  /** The job's token from its declared permissions (to give a read-only job a read-only token). */
  tokenFor?: (job: string, permissions: unknown) => string;
  /** Stand-ins for third-party actions, by name without the ref (`actions/checkout`). */
  standIns: Record<string, StandIn>;
  /** The caller's workflow name (`github.workflow`). Default "model". */
  workflowName?: string;
  /** Where the job workspaces go (one fresh folder per job and leg). */
  scratch: string;
  /** Extra environment for every step's process. */
  env?: Record<string, string>;
  /**
   * A re-run: run these jobs (and the jobs that need them, as GitHub's re-run does) and take the
   * rest from `previous`, with the previous attempt's inputs, secrets and event.
   */
  rerun?: { jobs: string[]; previous: WorkflowRun };
  timeoutMs?: number;
}

const STATUS_FUNCTION = /\b(success|failure|always|cancelled)\s*\(/i;
const OWN_ACTION = /^modelship\/modelship\/actions\/([a-z0-9-]+)@(.+)$/;

function statusFunctions(status: {
  success: boolean;
  failure: boolean;
}): { name: string; minArgs: number; maxArgs: number; call: () => data.BooleanData }[] {
  const make = (name: string, value: boolean) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) });
  return [make("success", status.success), make("failure", status.failure), make("always", true), make("cancelled", false)];
}

/** Evaluates one expression (no `${{ }}`) with GitHub's evaluator; `status` adds the status functions. */
export function evaluate(expression: string, context: ExpressionContext, status?: { success: boolean; failure: boolean }): unknown {
  const functions = status === undefined ? [] : statusFunctions(status);
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(context), functions).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const result = new Evaluator(parsed, dictionary, new Map(functions.map((f) => [f.name, f]))).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

/** A value as written in YAML: a whole `${{ expr }}` keeps its type (an array for runs-on); other strings are interpolated. */
function evaluateValue(value: unknown, context: ExpressionContext): unknown {
  if (typeof value !== "string") return value;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole !== null && !whole[1]!.includes("}}")) return evaluate(whole[1]!.trim(), context);
  return interpolate(value, context);
}

function asString(value: unknown, context: ExpressionContext): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return interpolate(value, context);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`a mapping or sequence where a string was expected: ${JSON.stringify(value)}`);
}

/** An `if:` condition: `${{ }}` optional; without a status function it is `success() && (…)`. */
function condition(
  text: string | boolean | undefined,
  context: ExpressionContext,
  status: { success: boolean; failure: boolean },
): boolean {
  if (text === undefined) return status.success;
  if (typeof text === "boolean") return status.success && text;
  const expression = text
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .trim();
  const full = STATUS_FUNCTION.test(expression) ? expression : `success() && (${expression})`;
  const value = evaluate(full, context, status);
  return value !== false && value !== null && value !== 0 && value !== "" && value !== undefined;
}

function needsOf(job: WorkflowJobSpec): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** Job ids in dependency order (as written among equals); a cycle or an unknown need is an error. */
export function jobOrder(workflow: WorkflowDocument): string[] {
  const ids = Object.keys(workflow.jobs);
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, from?: string) => {
    if (!(id in workflow.jobs)) throw new Error(`job ${from ?? "?"} needs ${id}, which the workflow does not define`);
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new Error(`jobs ${id} and ${from ?? "?"} need each other`);
    state.set(id, "visiting");
    for (const need of needsOf(workflow.jobs[id]!)) visit(need, id);
    state.set(id, "done");
    order.push(id);
  };
  for (const id of ids) visit(id);
  return order;
}

function ancestors(workflow: WorkflowDocument, id: string): Set<string> {
  const seen = new Set<string>();
  const walk = (job: string) => {
    for (const need of needsOf(workflow.jobs[job]!)) {
      if (seen.has(need)) continue;
      seen.add(need);
      walk(need);
    }
  };
  walk(id);
  return seen;
}

type WorkflowCall = NonNullable<Exclude<WorkflowDocument["on"], string | string[] | undefined>["workflow_call"]>;

/**
 * What the run is given: a reusable workflow's `on.workflow_call`, or, for a workflow an event starts
 * (push, pull_request, workflow_dispatch: our own ci.yml and release.yml), its `workflow_dispatch`
 * inputs, with `events: true` (every repository secret is visible to it, so none is undeclared).
 */
function workflowCall(workflow: WorkflowDocument): WorkflowCall & { events?: true } {
  const on = workflow.on;
  if (on === undefined) throw new Error("the workflow has no on:");
  if (typeof on === "string" || Array.isArray(on)) {
    if ([on].flat().includes("workflow_call")) return {};
    return { events: true };
  }
  if (on.workflow_call !== undefined) return on.workflow_call ?? {};
  const dispatch = (on as { workflow_dispatch?: { inputs?: Record<string, WorkflowInput> } | null }).workflow_dispatch;
  return { inputs: dispatch?.inputs ?? {}, events: true };
}

/** The `inputs` context: the caller's values checked against the declarations, defaults filled in, typed. */
export function resolveInputs(
  workflow: WorkflowDocument,
  given: Record<string, string | boolean | number>,
  eventName?: string,
): Record<string, string | boolean | number> {
  const call = workflowCall(workflow);
  // A workflow an event starts has inputs only when it was dispatched; on a push `inputs` is empty.
  const declared = call.events === true && eventName !== "workflow_dispatch" ? {} : (call.inputs ?? {});
  for (const name of Object.keys(given))
    if (!(name in declared)) throw new Error(`Invalid input, ${name} is not defined in the referenced workflow`);
  const inputs: Record<string, string | boolean | number> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = given[name] ?? input.default;
    if (value === undefined) {
      if (input.required === true) throw new Error(`Input ${name} is required, but not provided while calling`);
      inputs[name] = input.type === "boolean" ? false : input.type === "number" ? 0 : "";
      continue;
    }
    const type = input.type ?? "string";
    if (type !== typeof value) throw new Error(`input ${name} is declared ${type} but got ${typeof value} ${JSON.stringify(value)}`);
    inputs[name] = value;
  }
  return inputs;
}

function cartesian(matrix: Record<string, unknown>): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === "include" || key === "exclude") continue;
    if (!Array.isArray(values)) throw new Error(`matrix ${key} is not a sequence`);
    if (values.length === 0) throw new Error(`Matrix vector '${key}' does not contain any values`);
    combos = combos.flatMap((combo) => values.map((value: unknown) => ({ ...combo, [key]: value })));
  }
  return combos;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Expands `strategy.matrix` as GitHub does: the product of the vectors, minus exclude, plus include. */
export function expandMatrix(matrix: unknown, context: ExpressionContext): Record<string, unknown>[] {
  const value = evaluateValue(matrix, context);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error(`strategy.matrix must be a mapping, got ${JSON.stringify(value)}`);
  const vectors = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateValue(item, context)]));
  const originalKeys = Object.keys(vectors).filter((key) => key !== "include" && key !== "exclude");
  let combos = originalKeys.length === 0 ? [] : cartesian(vectors);
  const exclude = (vectors.exclude ?? []) as Record<string, unknown>[];
  combos = combos.filter((combo) => !exclude.some((rule) => Object.entries(rule).every(([key, item]) => same(combo[key], item))));
  for (const include of (vectors.include ?? []) as Record<string, unknown>[]) {
    let merged = false;
    for (const combo of combos) {
      const clashes = Object.entries(include).some(([key, item]) => originalKeys.includes(key) && key in combo && !same(combo[key], item));
      if (!clashes) {
        Object.assign(combo, include);
        merged = true;
      }
    }
    if (!merged) combos.push({ ...include });
  }
  if (combos.length === 0) throw new Error("the matrix has no combinations");
  return combos;
}

/** The ref and sha a run of this event sees. */
function refOf(event: WorkflowEvent): { ref: string; sha: string; headRef: string; baseRef: string } {
  const payload = event.payload;
  const pr = payload.pull_request as { number?: number; head?: { sha?: string; ref?: string }; base?: { ref?: string } } | undefined;
  if (event.name.startsWith("pull_request") && pr !== undefined) {
    return {
      ref: `refs/pull/${pr.number ?? (payload.number as number)}/merge`,
      sha: "f".repeat(40),
      headRef: pr.head?.ref ?? "",
      baseRef: pr.base?.ref ?? "",
    };
  }
  return {
    ref: typeof payload.ref === "string" ? payload.ref : "refs/heads/main",
    sha: typeof payload.after === "string" ? payload.after : "0".repeat(40),
    headRef: "",
    baseRef: "",
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

/**
 * Stand-ins for actions/upload-artifact and actions/download-artifact (v4) over a folder shared by
 * every job of the run: upload copies `path` (a file, or a folder's contents) under `name` and
 * refuses a second artifact of the same name; download restores `name` into `path`, or every
 * artifact matching `pattern` (all without either) into `path/<name>/` (into `path` itself with
 * merge-multiple). `uploads` lists what was uploaded, in order.
 */
export function artifactStandIns(store: string): { standIns: Record<string, StandIn>; uploads: { name: string; path: string }[] } {
  const uploads: { name: string; path: string }[] = [];
  const upload: StandIn = async ({ with: inputs, workspace }) => {
    const name = inputs.name || "artifact";
    const paths = (inputs.path ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    if (paths.length !== 1 || /[*?[]/.test(paths[0]!) || paths[0]!.startsWith("!"))
      throw new Error(`upload-artifact stand-in: one plain path only, got ${JSON.stringify(inputs.path)}`);
    const source = resolve(workspace, paths[0]!);
    if (!(await exists(source))) {
      const ifNone = inputs["if-no-files-found"] || "warn";
      if (ifNone === "error") throw new Error(`upload-artifact: no files were found with the provided path: ${paths[0]!}`);
      return {};
    }
    const target = join(store, name);
    if (await exists(target))
      throw new Error(
        `upload-artifact: an artifact named ${name} already exists in this run (v4 artifacts are immutable; use overwrite: true)`,
      );
    if (await isDirectory(source)) await cp(source, target, { recursive: true });
    else {
      await mkdir(target, { recursive: true });
      await cp(source, join(target, basename(source)));
    }
    uploads.push({ name, path: paths[0]! });
    return { outputs: { "artifact-id": String(uploads.length), "artifact-url": `https://github.com/artifacts/${uploads.length}` } };
  };
  const download: StandIn = async ({ with: inputs, workspace }) => {
    const target = resolve(workspace, inputs.path || ".");
    const available = (await exists(store)) ? (await readdir(store)).sort() : [];
    if (inputs.name) {
      if (!available.includes(inputs.name)) throw new Error(`download-artifact: Artifact not found for name: ${inputs.name}`);
      await cp(join(store, inputs.name), target, { recursive: true });
      return { outputs: { "download-path": target } };
    }
    const pattern = inputs.pattern ? globToRegExp(inputs.pattern) : /.*/;
    const matched = available.filter((artifact) => pattern.test(artifact));
    // As download-artifact v5+ does: a folder per artifact only when several match and they are not
    // merged; a pattern's only match goes straight into path (v4 made runs/model-0/ even then).
    const flat = inputs["merge-multiple"] === "true" || matched.length === 1;
    for (const name of matched) await cp(join(store, name), flat ? target : join(target, name), { recursive: true });
    return { outputs: { "download-path": target } };
  };
  return { standIns: { "actions/upload-artifact": upload, "actions/download-artifact": download }, uploads };
}

interface JobScope {
  id: string;
  spec: WorkflowJobSpec;
  github: Record<string, unknown>;
  inputs: Record<string, unknown>;
  needs: Record<string, { result: JobResult; outputs: Record<string, string> }>;
  secrets: Record<string, string>;
  matrix?: Record<string, unknown>;
  strategy?: { "job-index": number; "job-total": number; "fail-fast": boolean; "max-parallel": number };
  token: string;
  name: string;
}

/** Runs one job (or matrix leg) in a fresh workspace. */
async function runJob(scope: JobScope, options: WorkflowRunOptions, workflowEnv: Record<string, string>): Promise<JobRun> {
  const { spec } = scope;
  const started = performance.now();
  const container = jobContainer(spec.container, {
    github: scope.github,
    inputs: scope.inputs,
    needs: scope.needs,
    vars: {},
    strategy: scope.strategy ?? {},
    matrix: scope.matrix ?? {},
  });
  const workspace = await mkdtemp(join(options.scratch, `${scope.id}-${scope.strategy?.["job-index"] ?? 0}-`));
  const github: Record<string, unknown> = { ...scope.github, job: scope.id, token: scope.token, workspace };
  // One RUNNER_TEMP per job, shared by its steps as on a runner (a step may leave a file for the next).
  const runner = { os: "Linux", arch: "X64", name: "GitHub Actions 1", temp: await mkdtemp(join(options.scratch, `${scope.id}-temp-`)) };
  const base: ExpressionContext = {
    github,
    inputs: scope.inputs,
    needs: scope.needs,
    vars: {},
    strategy: scope.strategy ?? {},
    matrix: scope.matrix ?? {},
  };
  const jobEnv = {
    ...workflowEnv,
    ...Object.fromEntries(
      Object.entries(spec.env ?? {}).map(([key, value]) => [key, asString(value, { ...base, secrets: scope.secrets })]),
    ),
  };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const ran: StepRun[] = [];
  const standIns: StandInUse[] = [];
  const annotations: Annotation[] = [];
  let summary = "";
  let failed = false;
  const fromFiles: Record<string, string> = {};
  const { ref, sha, headRef, baseRef } = refOf(options.event);
  const runnerEnv = {
    GITHUB_REF: ref,
    GITHUB_SHA: sha,
    GITHUB_HEAD_REF: headRef,
    GITHUB_BASE_REF: baseRef,
    GITHUB_JOB: scope.id,
    GITHUB_WORKFLOW: String(github.workflow),
    GITHUB_RUN_ATTEMPT: String(github.run_attempt),
    GITHUB_RUN_ID: String(github.run_id),
    RUNNER_NAME: runner.name,
    RUNNER_TEMP: runner.temp,
  };
  for (const [index, step] of (spec.steps ?? []).entries()) {
    const context: ExpressionContext = {
      ...base,
      job: { status: failed ? "failure" : "success" },
      runner,
      env: { ...jobEnv, ...fromFiles },
      secrets: scope.secrets,
      steps,
    };
    const name = step.name === undefined ? (step.uses ?? `Run ${(step.run ?? "").split("\n")[0]!}`) : asString(step.name, context);
    if (!condition(step.if, context, { success: !failed, failure: failed })) {
      ran.push({
        name,
        ...(step.id === undefined ? {} : { id: step.id }),
        ...(step.uses === undefined ? {} : { uses: step.uses }),
        status: "skipped",
        outputs: {},
        log: "",
      });
      if (step.id !== undefined) steps[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, asString(value, context)]));
    const env = { ...options.env, ...jobEnv, ...fromFiles, ...stepEnv, ...runnerEnv };
    const withValues = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([key, value]) => [
        key,
        asString(value, { ...context, env: { ...(context.env as Record<string, string>), ...stepEnv } }),
      ]),
    );
    let result: StepRun;
    if (step.uses !== undefined) {
      result = await runUses(step, name, withValues, env, workspace, scope, options, standIns);
    } else if (step.run !== undefined) {
      result = await runScript(step, name, index, context, env, workspace, options);
    } else {
      throw new Error(`job ${scope.id}, step "${name}": neither run nor uses`);
    }
    ran.push(result);
    if (step.id !== undefined) steps[step.id] = { outputs: result.outputs, outcome: result.status, conclusion: result.status };
    const extra = stepExtras.get(result);
    if (extra !== undefined) {
      summary += extra.summary;
      annotations.push(...extra.annotations);
      Object.assign(fromFiles, extra.env);
    }
    if (result.status === "failure") failed = true;
  }
  const finalContext: ExpressionContext = {
    ...base,
    job: { status: failed ? "failure" : "success" },
    runner,
    env: { ...jobEnv, ...fromFiles },
    secrets: scope.secrets,
    steps,
  };
  // Job outputs are evaluated when the job ends, whatever its result: a failed job's outputs are still seen by `always()` jobs.
  const outputs = Object.fromEntries(Object.entries(spec.outputs ?? {}).map(([key, value]) => [key, asString(value, finalContext)]));
  return {
    job: scope.id,
    name: scope.name,
    status: failed ? "failure" : "success",
    outputs,
    steps: ran,
    standIns,
    ...(scope.matrix === undefined ? {} : { matrix: scope.matrix }),
    ...(scope.strategy === undefined
      ? {}
      : {
          strategy: {
            "job-index": scope.strategy["job-index"],
            "job-total": scope.strategy["job-total"],
            "fail-fast": scope.strategy["fail-fast"],
          },
        }),
    permissions: spec.permissions ?? options.workflow.permissions,
    runsOn: evaluateValue(spec["runs-on"], base),
    timeoutMinutes: evaluateValue(spec["timeout-minutes"], base),
    ...(container === undefined ? {} : { container }),
    ...(spec.concurrency === undefined ? {} : { concurrency: concurrencyOf(spec.concurrency, base) }),
    summary,
    annotations,
    workspace,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * A job's `container:` evaluated as the runner does: a string is the image, a mapping gives image and
 * options, and an image that evaluates to '' means no container (actions/runner#266, #2235).
 */
export function jobContainer(spec: unknown, context: ExpressionContext): JobContainer | undefined {
  const value = evaluateValue(spec, context);
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value === "" ? undefined : { image: value };
  if (typeof value !== "object" || Array.isArray(value))
    throw new Error(`container must be a string or a mapping, got ${JSON.stringify(value)}`);
  const mapping = value as Record<string, unknown>;
  for (const key of Object.keys(mapping))
    if (key !== "image" && key !== "options") throw new Error(`container.${key} is not supported here (image and options only)`);
  const image = asString(mapping.image, context);
  if (image === "") return undefined;
  const options = asString(mapping.options, context);
  return options === "" ? { image } : { image, options };
}

/** What a step produced besides its status and outputs (kept off StepRun to keep that small). */
const stepExtras = new WeakMap<StepRun, { summary: string; annotations: Annotation[]; env: Record<string, string> }>();

function concurrencyOf(
  spec: NonNullable<WorkflowJobSpec["concurrency"]>,
  context: ExpressionContext,
): { group: string; cancelInProgress: boolean } {
  if (typeof spec === "string") return { group: asString(spec, context), cancelInProgress: false };
  return { group: asString(spec.group, context), cancelInProgress: evaluateValue(spec["cancel-in-progress"] ?? false, context) === true };
}

async function runScript(
  step: WorkflowStepSpec,
  name: string,
  index: number,
  context: ExpressionContext,
  env: Record<string, string>,
  workspace: string,
  options: WorkflowRunOptions,
): Promise<StepRun> {
  const shell = step.shell ?? "bash";
  if (shell !== "bash") throw new Error(`step "${name}": shell ${shell} is not supported here (bash only)`);
  const temp = await mkdtemp(join(options.scratch, "step-"));
  const files = { output: join(temp, "output"), env: join(temp, "env"), summary: join(temp, "summary.md") };
  for (const file of Object.values(files)) await writeFile(file, "");
  const script = join(temp, `step-${index}.sh`);
  await writeFile(script, interpolate(step.run!, context));
  const cwd = step["working-directory"] === undefined ? workspace : resolve(workspace, asString(step["working-directory"], context));
  const processEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? temp,
    LANG: "C.UTF-8",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    ...env,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
  };
  const result = await runProcess("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", script], {
    cwd,
    env: processEnv,
    timeoutMs: options.timeoutMs ?? 300_000,
  });
  const run: StepRun = {
    name,
    ...(step.id === undefined ? {} : { id: step.id }),
    status: result.exitCode === 0 ? "success" : "failure",
    outputs: parseKeyValueFile(await readFile(files.output, "utf8")),
    log: result.stdout + result.stderr,
  };
  const annotations = parseWorkflowCommands(result.stdout)
    .filter((command): command is Annotation => ["error", "warning", "notice"].includes(command.command))
    .map((command) => ({ ...command, level: command.command as Annotation["level"] }));
  stepExtras.set(run, {
    summary: await readFile(files.summary, "utf8"),
    annotations,
    env: parseKeyValueFile(await readFile(files.env, "utf8")),
  });
  return run;
}

/** Evaluates a composite action's outputs from the steps that ran, as the runner does even after a step failed. */
function compositeOutputs(
  manifest: ActionManifest,
  inputs: Record<string, string>,
  inner: { id?: string; outcome: string; outputs: Record<string, string> }[],
  github: Record<string, unknown>,
): Record<string, string> {
  const steps: Record<string, unknown> = {};
  for (const step of inner)
    if (step.id !== undefined)
      steps[step.id] = {
        outputs: step.outputs,
        outcome: step.outcome === "stood-in" ? "success" : step.outcome,
        conclusion: step.outcome === "stood-in" ? "success" : step.outcome,
      };
  const allInputs = Object.fromEntries(
    Object.entries(manifest.inputs).map(([name, input]) => [
      name,
      inputs[name] ?? (input.default === undefined ? "" : interpolate(input.default, { github })),
    ]),
  );
  return Object.fromEntries(
    Object.entries(manifest.outputs).map(([name, output]) => [
      name,
      output.value === undefined ? "" : interpolate(output.value, { steps, inputs: allInputs, github }),
    ]),
  );
}

async function runUses(
  step: WorkflowStepSpec,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  workspace: string,
  scope: JobScope,
  options: WorkflowRunOptions,
  standIns: StandInUse[],
): Promise<StepRun> {
  const uses = step.uses!;
  const id = step.id === undefined ? {} : { id: step.id };
  if (uses.startsWith("./") || uses.startsWith("../"))
    throw new Error(
      `job ${scope.id}, step "${name}": uses ${uses} — a local path in a reusable workflow names the caller's repository, not modelship's; use modelship/modelship/<path>@<ref>`,
    );
  if (uses.startsWith("docker://")) throw new Error(`job ${scope.id}, step "${name}": docker actions cannot run here (${uses})`);
  const own = OWN_ACTION.exec(uses);
  if (own === null) {
    const key = uses.split("@")[0]!;
    const standIn = options.standIns[key];
    if (standIn === undefined) throw new Error(`job ${scope.id}, step "${name}" uses ${uses}, which cannot run here and has no stand-in`);
    standIns.push({ step: name, uses: key });
    try {
      const result = await standIn({ with: inputs, workspace });
      return { name, ...id, uses, status: "success", outputs: result.outputs ?? {}, standIn: key, log: "" };
    } catch (error) {
      return {
        name,
        ...id,
        uses,
        status: "failure",
        outputs: {},
        standIn: key,
        log: error instanceof Error ? error.message : String(error),
      };
    }
  }
  const action = `actions/${own[1]!}`;
  const manifest = await loadAction(action);
  const common = {
    inputs,
    env,
    cwd: workspace,
    event: options.event,
    repository: options.repository,
    apiUrl: options.apiUrl,
    token: scope.token,
    timeoutMs: options.timeoutMs ?? 300_000,
  };
  if (manifest.runs.using === "composite") {
    let run;
    try {
      run = await runCompositeAction({ ...common, action, standIns: options.standIns });
    } catch (error) {
      // A step without a stand-in is the test's mistake; a stand-in that threw is the step failing.
      if (error instanceof Error && /has no stand-in|neither run nor uses|must say shell/.test(error.message)) throw error;
      return { name, ...id, uses, status: "failure", outputs: {}, log: error instanceof Error ? error.message : String(error) };
    }
    const innerSteps = manifest.runs.steps ?? [];
    const inner = run.steps.map((innerStep, index) => {
      const innerUses = innerSteps[index]?.uses as string | undefined;
      return { name: innerStep.name, ...(innerUses === undefined ? {} : { uses: innerUses }), outcome: innerStep.outcome };
    });
    for (const innerStep of inner)
      if (innerStep.outcome === "stood-in" && innerStep.uses !== undefined)
        standIns.push({ step: innerStep.name, uses: innerStep.uses.split("@")[0]!, within: action });
    const outputs =
      run.exitCode === 0
        ? run.outputs
        : compositeOutputs(manifest, inputs, run.steps, { token: scope.token, repository: options.repository });
    const result: StepRun = {
      name,
      ...id,
      uses,
      status: run.exitCode === 0 ? "success" : "failure",
      outputs,
      inner,
      log: run.steps.map((innerStep) => `## ${innerStep.name}: ${innerStep.outcome}\n${innerStep.stdout}${innerStep.stderr}`).join("\n"),
    };
    stepExtras.set(result, { summary: run.summary, annotations: run.annotations, env: {} });
    return result;
  }
  const run = await runAction({ ...common, action, workflow: scope.github.workflow as string });
  const result: StepRun = {
    name,
    ...id,
    uses,
    status: run.exitCode === 0 ? "success" : "failure",
    outputs: run.outputs,
    log: run.stdout + run.stderr,
  };
  stepExtras.set(result, { summary: run.summary, annotations: run.annotations, env: run.env });
  return result;
}

/** Runs the workflow's jobs in dependency order and returns what each did. */
export async function runWorkflow(given: WorkflowRunOptions): Promise<WorkflowRun> {
  const previous = given.rerun?.previous;
  if (previous !== undefined && (given.inputs !== undefined || given.secrets !== undefined))
    throw new Error("a re-run takes the inputs and secrets of the attempt it re-runs; pass none");
  const options: WorkflowRunOptions =
    previous === undefined ? given : { ...given, inputs: previous.call.inputs, secrets: previous.call.secrets, event: previous.call.event };
  const { workflow } = options;
  const inputs = resolveInputs(workflow, options.inputs ?? {}, options.event.name);
  const declaredSecrets = workflowCall(workflow).secrets ?? {};
  for (const name of Object.keys(options.secrets ?? {}))
    if (workflowCall(workflow).events !== true && !(name in declaredSecrets))
      throw new Error(`Invalid secret, ${name} is not defined in the referenced workflow`);
  const secrets = {
    ...Object.fromEntries(Object.keys(declaredSecrets).map((name) => [name, ""])),
    ...options.secrets,
    GITHUB_TOKEN: options.token,
  };
  const attempt = previous === undefined ? 1 : previous.attempt + 1;
  const order = jobOrder(workflow);
  // A re-run of a job re-runs every job that needs it, as GitHub's "Re-run job" does.
  const rerunning = new Set(options.rerun?.jobs ?? order);
  if (options.rerun !== undefined)
    for (const id of order) if (needsOf(workflow.jobs[id]!).some((need) => rerunning.has(need))) rerunning.add(id);
  const { ref, sha } = refOf(options.event);
  const [owner] = options.repository.split("/");
  const github = {
    event_name: options.event.name,
    event: options.event.payload,
    ref,
    sha,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ""),
    repository: options.repository,
    repository_owner: owner,
    workflow: options.workflowName ?? "model",
    run_id: "4242",
    run_number: "1",
    run_attempt: String(attempt),
    actor: "octocat",
    api_url: options.apiUrl,
    server_url: "https://github.com",
    graphql_url: `${options.apiUrl}/graphql`,
    token: options.token,
  };
  const workflowEnv = Object.fromEntries(
    Object.entries(workflow.env ?? {}).map(([key, value]) => [key, asString(value, { github, inputs, vars: {}, secrets })]),
  );
  const jobs: Record<string, JobOutcome> = {};
  const usedStandIns = new Set<string>();
  for (const id of order) {
    if (!rerunning.has(id)) {
      const before = previous?.jobs[id];
      if (before === undefined) throw new Error(`re-run: job ${id} has no result in the previous attempt`);
      jobs[id] = before;
      continue;
    }
    const spec = workflow.jobs[id]!;
    if (spec.uses !== undefined) throw new Error(`job ${id} calls ${spec.uses}: nested reusable workflows are not supported here`);
    const needs = Object.fromEntries(needsOf(spec).map((need) => [need, { result: jobs[need]!.result, outputs: jobs[need]!.outputs }]));
    const upstream = [...ancestors(workflow, id)].map((job) => jobs[job]!.result);
    const status = { success: upstream.every((result) => result === "success"), failure: upstream.includes("failure") };
    const jobContext: ExpressionContext = { github, inputs, needs, vars: {} };
    const permissions = spec.permissions ?? workflow.permissions;
    const token = options.tokenFor?.(id, permissions) ?? options.token;
    if (!condition(spec.if, jobContext, status)) {
      const name =
        spec.name === undefined
          ? id
          : spec.name.includes("matrix.") || spec.name.includes("strategy.")
            ? spec.name
            : asString(spec.name, jobContext);
      jobs[id] = {
        result: "skipped",
        outputs: {},
        attempt,
        runs: [
          {
            job: id,
            name,
            status: "skipped",
            outputs: {},
            steps: [],
            standIns: [],
            permissions,
            ...(spec.if === undefined ? { skippedBy: "success()" } : { skippedBy: String(spec.if) }),
            summary: "",
            annotations: [],
            seconds: 0,
          },
        ],
      };
      continue;
    }
    const combos = spec.strategy?.matrix === undefined ? [undefined] : expandMatrix(spec.strategy.matrix, jobContext);
    const runs: JobRun[] = [];
    for (const [index, matrix] of combos.entries()) {
      const strategy = {
        "job-index": index,
        "job-total": combos.length,
        "fail-fast": spec.strategy?.["fail-fast"] ?? true,
        "max-parallel": spec.strategy?.["max-parallel"] ?? combos.length,
      };
      const legContext: ExpressionContext = { ...jobContext, strategy, matrix: matrix ?? {} };
      const name =
        spec.name === undefined
          ? matrix === undefined
            ? id
            : `${id} (${Object.values(matrix)
                .map((value) => (typeof value === "string" ? value : JSON.stringify(value)))
                .join(", ")})`
          : asString(spec.name, legContext);
      runs.push(
        await runJob(
          { id, spec, github, inputs, needs, secrets, ...(matrix === undefined ? {} : { matrix, strategy }), token, name },
          options,
          workflowEnv,
        ),
      );
    }
    const outputs: Record<string, string> = {};
    for (const run of runs)
      for (const [key, value] of Object.entries(run.outputs)) if (value !== "" || !(key in outputs)) outputs[key] = value;
    for (const run of runs) for (const use of run.standIns) usedStandIns.add(use.uses);
    jobs[id] = { result: runs.some((run) => run.status === "failure") ? "failure" : "success", outputs, runs, attempt };
  }
  const jobsContext = Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, { result: job.result, outputs: job.outputs }]));
  const outputs = Object.fromEntries(
    Object.entries(workflowCall(workflow).outputs ?? {}).map(([name, output]) => [
      name,
      asString(output.value, { github, inputs, jobs: jobsContext, vars: {} }),
    ]),
  );
  return {
    order,
    jobs,
    outputs,
    standIns: [...usedStandIns].sort(),
    attempt,
    call: { inputs: options.inputs ?? {}, secrets: options.secrets ?? {}, event: options.event },
  };
}
