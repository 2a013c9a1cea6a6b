/**
 * Runs a composite action step by step, as the runner does: input defaults and every `${{ }}` are
 * evaluated with GitHub's own expression evaluator (`@actions/expressions`), `if:` decides a step,
 * `run:` steps go to `bash -e -o pipefail` with their `env:`, each step gets a fresh GITHUB_OUTPUT
 * that fills `steps.<id>.outputs`, and the action's outputs are evaluated at the end. Third-party
 * `uses:` steps (setup-node, upload-artifact) cannot run here: tests pass stand-ins for them, and
 * the result lists which steps were stood in for.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  evaluateExpression,
  interpolate,
  loadAction,
  parseKeyValueFile,
  parseWorkflowCommands,
  prepareRunner,
  runProcess,
  type Annotation,
  type ExpressionContext,
  type WorkflowCommand,
} from "./runner.ts";

interface CompositeStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

/** What a stand-in for a `uses:` step gets, and may give back (outputs, folders to add to PATH). */
export type StandIn = (step: {
  with: Record<string, string>;
  workspace: string;
}) => Promise<{ outputs?: Record<string, string>; path?: string[] }> | { outputs?: Record<string, string>; path?: string[] };

export interface CompositeRunOptions {
  action: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  cwd: string;
  event?: { name: string; payload: object };
  repository?: string;
  /** GitHub's API (the loopback fake) and the `github.token` input defaults see. */
  apiUrl?: string;
  token?: string;
  /** Stand-ins by action name without the ref, e.g. `actions/setup-node`. */
  standIns?: Record<string, StandIn>;
  timeoutMs?: number;
}

export interface CompositeStepRun {
  name: string;
  id?: string;
  /** `skipped` when its `if:` was false; `stood-in` for a `uses:` step. */
  outcome: "success" | "failure" | "skipped" | "stood-in";
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
}

export interface CompositeRun {
  exitCode: number;
  outputs: Record<string, string>;
  steps: CompositeStepRun[];
  summary: string;
  commands: WorkflowCommand[];
  annotations: Annotation[];
}

// The status functions cannot be decided by the expression evaluator alone: this run stops at the
// first failure, so every step that runs sees success().
function condition(text: string, context: ExpressionContext): boolean {
  const expression = text
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .trim();
  const withStatus = expression.replace(/\b(success|always)\(\)/g, "true").replace(/\b(failure|cancelled)\(\)/g, "false");
  return Boolean(evaluateExpression(withStatus, context));
}

/** Runs the composite action `options.action` in `options.cwd`. */
export async function runCompositeAction(options: CompositeRunOptions): Promise<CompositeRun> {
  const manifest = await loadAction(options.action);
  if (manifest.runs.using !== "composite") throw new Error(`${options.action} is not a composite action`);
  const { temp, github, runner, inputs, env: baseEnv, files } = await prepareRunner(manifest, { ...options, job: "train" });
  try {
    const path: string[] = [];
    const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
    const ran: CompositeStepRun[] = [];
    const commands: WorkflowCommand[] = [];
    let exitCode = 0;
    for (const [index, raw] of (manifest.runs.steps ?? []).entries()) {
      const step = raw as CompositeStep;
      const context: ExpressionContext = { github, runner, inputs, steps, env: baseEnv };
      const name = step.name === undefined ? `step ${index + 1}` : interpolate(step.name, context);
      if (step.if !== undefined && !condition(step.if, context)) {
        ran.push({ name, id: step.id, outcome: "skipped", outputs: {}, stdout: "", stderr: "" });
        if (step.id !== undefined) steps[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
        continue;
      }
      const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(value, context)]));
      if (step.uses !== undefined) {
        const standIn = options.standIns?.[step.uses.split("@")[0]!];
        if (standIn === undefined) throw new Error(`step "${name}" uses ${step.uses}, which cannot run here and has no stand-in`);
        const result = await standIn({ with: withValues, workspace: options.cwd });
        path.unshift(...(result.path ?? []));
        ran.push({ name, id: step.id, outcome: "stood-in", outputs: result.outputs ?? {}, stdout: "", stderr: "" });
        if (step.id !== undefined) steps[step.id] = { outputs: result.outputs ?? {}, outcome: "success", conclusion: "success" };
        continue;
      }
      if (step.run === undefined) throw new Error(`step "${name}" has neither run nor uses`);
      if (step.shell !== "bash") throw new Error(`step "${name}" must say shell: bash (composite run steps need a shell)`);
      const outputFile = join(temp, `output-${index}`);
      await writeFile(outputFile, "");
      const script = join(temp, `step-${index}.sh`);
      await writeFile(script, interpolate(step.run, context));
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(value, context)]));
      const env = { ...baseEnv, ...stepEnv, GITHUB_OUTPUT: outputFile, PATH: [...path, baseEnv.PATH ?? ""].join(":") };
      const result = await runProcess("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", script], {
        cwd: options.cwd,
        env,
        timeoutMs: options.timeoutMs ?? 300_000,
      });
      commands.push(...parseWorkflowCommands(result.stdout));
      const outputs = parseKeyValueFile(await readFile(outputFile, "utf8"));
      const outcome = result.exitCode === 0 ? "success" : "failure";
      ran.push({ name, id: step.id, outcome, outputs, stdout: result.stdout, stderr: result.stderr });
      if (step.id !== undefined) steps[step.id] = { outputs, outcome, conclusion: outcome };
      if (result.exitCode !== 0) {
        exitCode = result.exitCode;
        break;
      }
    }
    const context: ExpressionContext = { github, runner, inputs, steps, env: baseEnv };
    const outputs =
      exitCode !== 0
        ? {}
        : Object.fromEntries(
            Object.entries(manifest.outputs).map(([name, output]) => [
              name,
              output.value === undefined ? "" : interpolate(output.value, context),
            ]),
          );
    const annotations = commands
      .filter((command): command is Annotation => ["error", "warning", "notice"].includes(command.command))
      .map((command) => ({ ...command, level: command.command as Annotation["level"] }));
    return { exitCode, outputs, steps: ran, summary: await readFile(files.summary, "utf8"), commands, annotations };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
