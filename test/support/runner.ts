/**
 * Runs a modelship action the way the GitHub runner does: reads its action.yml, evaluates input
 * defaults with GitHub's own expression evaluator (`@actions/expressions`), sets `INPUT_*` and the
 * runner's files and variables, runs `node <runs.main>`, and parses what comes back: outputs, the
 * step summary, `GITHUB_ENV`, and the workflow commands on stdout (annotations with file and line,
 * masks). `loadAction`, `evaluateExpression` and `interpolate` are the pieces a step-by-step runner
 * of composite actions builds on.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { parse as parseYaml } from "yaml";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface ActionManifest {
  /** Folder of the action.yml. */
  dir: string;
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main?: string; steps?: Record<string, unknown>[] };
}

/** Reads an action's manifest: `action` is `actions/<name>`, a folder, or an action.yml path (relative to the repo root). */
export async function loadAction(action: string): Promise<ActionManifest> {
  const path = action.endsWith(".yml") || action.endsWith(".yaml") ? action : join(action, "action.yml");
  const absolute = isAbsolute(path) ? path : join(ROOT, path);
  const manifest = parseYaml(await readFile(absolute, "utf8")) as Omit<ActionManifest, "dir">;
  return {
    dir: dirname(absolute),
    name: manifest.name,
    inputs: manifest.inputs ?? {},
    outputs: manifest.outputs ?? {},
    runs: manifest.runs,
  };
}

/** An expressions context: `github`, `inputs`, `env`, `steps`, `runner`… as plain JSON. */
export type ExpressionContext = Record<string, unknown>;

/** Evaluates one expression (the text inside `${{ }}`) against `context` with GitHub's evaluator. */
export function evaluateExpression(expression: string, context: ExpressionContext): unknown {
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(context), []).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const result = new Evaluator(parsed, dictionary).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

/**
 * Runs a process and collects its output. Asynchronous on purpose: the GitHub fake runs in the
 * test's process and must keep answering while the action runs.
 */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolvePromise({
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** Replaces every `${{ … }}` in `text` with its value as the runner does (strings as-is, objects as JSON). */
export function interpolate(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_match, expression: string) => {
    const value = evaluateExpression(expression.trim(), context);
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return value === null || value === undefined ? "" : JSON.stringify(value);
  });
}

export interface RunActionOptions {
  /** `actions/<name>`, or a path to the action's folder or action.yml. */
  action: string;
  inputs?: Record<string, string>;
  /** Extra environment for the action's process. */
  env?: Record<string, string>;
  event?: { name: string; payload: object };
  repository?: string;
  apiUrl?: string;
  /** The workspace (GITHUB_WORKSPACE and the process's cwd); default a fresh temp folder. */
  cwd?: string;
  /** `github.token`, used by input defaults such as `${{ github.token }}`. */
  token?: string;
  workflow?: string;
  timeoutMs?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation extends WorkflowCommand {
  level: "error" | "warning" | "notice";
}

export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  /** Variables the action exported through GITHUB_ENV. */
  env: Record<string, string>;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  stdout: string;
  stderr: string;
  secretsMasked: string[];
}

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

function unescapeProperty(text: string): string {
  return text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%3A/gi, ":").replace(/%2C/gi, ",").replace(/%25/g, "%");
}

/** Parses `::command k=v,k=v::message` lines (GitHub's escaping) from stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? "").split(",")) {
      const equals = pair.indexOf("=");
      if (equals > 0) properties[pair.slice(0, equals).trim()] = unescapeProperty(pair.slice(equals + 1));
    }
    commands.push({ command: match[1]!, properties, message: unescapeData(match[3]!) });
  }
  return commands;
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, "");
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      index++;
      while (index < lines.length && lines[index]!.replace(/\r$/, "") !== heredoc[2]) value.push(lines[index++]!);
      if (index >= lines.length) throw new Error(`unterminated heredoc for ${heredoc[1]} in an output file`);
      result[heredoc[1]!] = value.join("\n");
      continue;
    }
    const equals = line.indexOf("=");
    if (equals <= 0) throw new Error(`malformed line in an output file: ${line}`);
    result[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return result;
}

/** The runner's input variable name: `INPUT_` + upper-cased name with spaces as `_` (dashes kept). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/** What a runner sets up for one action: its temp folder and files, `github` context, environment and inputs. */
export interface PreparedRunner {
  temp: string;
  workspace: string;
  files: { output: string; summary: string; env: string; state: string; path: string; event: string };
  github: Record<string, unknown>;
  runner: { os: string; arch: string; temp: string };
  /** The environment of the action's process, with `INPUT_*` set. */
  env: Record<string, string>;
  /** Inputs after defaults, by name (what `inputs.<name>` evaluates to). */
  inputs: Record<string, string>;
}

/**
 * Prepares a run the way the runner does for any kind of action: the workflow files, the event,
 * the `github` context and variables, and the inputs with their defaults evaluated. An input the
 * action does not declare is an error (the runner would warn: Unexpected input).
 */
export async function prepareRunner(
  manifest: ActionManifest,
  options: Omit<RunActionOptions, "action" | "timeoutMs"> & { job?: string },
): Promise<PreparedRunner> {
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in manifest.inputs)) throw new Error(`${manifest.dir} has no input "${name}" (the runner would warn: Unexpected input)`);
  }
  const temp = await mkdtemp(join(tmpdir(), "modelship-runner-"));
  const workspace = options.cwd ?? join(temp, "workspace");
  await mkdir(workspace, { recursive: true });
  const files = {
    output: join(temp, "output"),
    summary: join(temp, "summary.md"),
    env: join(temp, "env"),
    state: join(temp, "state"),
    path: join(temp, "path"),
    event: join(temp, "event.json"),
  };
  for (const file of Object.values(files)) await writeFile(file, "");
  const event = options.event ?? { name: "push", payload: {} };
  await writeFile(files.event, JSON.stringify(event.payload));
  const repository = options.repository ?? "octo-org/octo-repo";
  const apiUrl = options.apiUrl ?? "https://api.github.com";
  const github = {
    token: options.token ?? "ghs_defaultWorkflowToken0000000000000",
    workflow: options.workflow ?? "model",
    repository,
    repository_owner: repository.split("/")[0],
    event_name: event.name,
    event: event.payload,
    api_url: apiUrl,
    server_url: "https://github.com",
    run_id: "4242",
    run_attempt: "1",
    sha: "0".repeat(40),
    ref: "refs/heads/main",
    action_path: manifest.dir,
    workspace,
    job: options.job ?? "test",
  };
  const runner = { os: "Linux", arch: "X64", temp };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? temp,
    TMPDIR: temp,
    LANG: "C.UTF-8",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner ?? "",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_RUN_ID: github.run_id,
    GITHUB_RUN_ATTEMPT: github.run_attempt,
    GITHUB_RUN_NUMBER: "1",
    GITHUB_JOB: github.job,
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_ACTOR: "octocat",
    GITHUB_ACTION_PATH: manifest.dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    RUNNER_TEMP: temp,
    RUNNER_OS: runner.os,
    RUNNER_ARCH: runner.arch,
    RUNNER_DEBUG: "",
    ...options.env,
  };
  const inputs: Record<string, string> = {};
  const context: ExpressionContext = { github, env: {}, runner, inputs: {} };
  for (const [name, input] of Object.entries(manifest.inputs)) {
    inputs[name] = options.inputs?.[name] ?? (input.default === undefined ? "" : interpolate(input.default, context));
    env[inputVariable(name)] = inputs[name];
  }
  return { temp, workspace, files, github, runner, env, inputs };
}

/** Runs a JavaScript action as the runner does and returns what it produced. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const manifest = await loadAction(options.action);
  if (manifest.runs.main === undefined)
    throw new Error(`${options.action} is not a JavaScript action (runs.using: ${manifest.runs.using})`);
  const { temp, workspace, files, env } = await prepareRunner(manifest, options);
  try {
    const main = resolve(manifest.dir, manifest.runs.main);
    const { exitCode, stdout, stderr } = await runProcess(process.execPath, [main], {
      cwd: workspace,
      env,
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    const commands = parseWorkflowCommands(stdout);
    const annotations = commands
      .filter((command): command is Annotation => ["error", "warning", "notice"].includes(command.command))
      .map((command) => ({ ...command, level: command.command as Annotation["level"] }));
    return {
      exitCode,
      outputs: parseKeyValueFile(await readFile(files.output, "utf8")),
      summary: await readFile(files.summary, "utf8"),
      env: parseKeyValueFile(await readFile(files.env, "utf8")),
      commands,
      annotations,
      stdout,
      stderr,
      secretsMasked: commands.filter((command) => command.command === "add-mask").map((command) => command.message),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
