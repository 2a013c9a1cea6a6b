/**
 * Runs the user's training command the way a workflow `run:` step would (`bash -e -c`), streaming
 * its output live, and turns every way it can go wrong into a UserError that says what happened and
 * shows the last lines it printed.
 *
 * The command gets the environment it is given minus the runner's credentials (`withheldVariables`):
 * the Actions runtime token (artifacts and caches), the OIDC request token, GitHub tokens and every
 * action input. Training code (and every library it loads) never needs them, and a command that
 * cannot see them cannot leak them into a log, a metrics file or a model. It is not a sandbox: code
 * running as the runner's user can still read its parent processes; that is why fork pull requests
 * never train on persistent self-hosted runners (reusable-workflows/model-ci.yml).
 */
import { spawn } from "node:child_process";
import { UserError } from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";

/** Lines of output kept for the error message. */
const TAIL_LINES = 20;

export interface CommandResult {
  /** Wall time in seconds. */
  seconds: number;
}

/** Keeps the last lines of a stream, and passes every complete line on. */
class LineTail {
  readonly lines: string[] = [];
  readonly #each: (line: string) => void;
  #partial = "";

  constructor(each: (line: string) => void) {
    this.#each = each;
  }

  push(chunk: string): void {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? "";
    for (const line of parts) this.#keep(line);
  }

  end(): void {
    if (this.#partial !== "") this.#keep(this.#partial);
    this.#partial = "";
  }

  #keep(line: string): void {
    this.#each(line);
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }
}

/** Variables withheld by exact name (compared in upper case, as Windows does). */
const WITHHELD_NAMES = new Set([
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_URL",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "GH_ENTERPRISE_TOKEN",
  "GITHUB_ENTERPRISE_TOKEN",
]);

/** Variables withheld by pattern: action inputs (INPUT_TOKEN…), any runtime or OIDC variable, and modelship's own tokens. */
const WITHHELD_PATTERNS = [/^INPUT_/, /^ACTIONS_RUNTIME_/, /^ACTIONS_ID_TOKEN_/, /^MODELSHIP_.*TOKEN/];

/** True when the training command must not see the variable `name`. */
export function isWithheldVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return WITHHELD_NAMES.has(upper) || WITHHELD_PATTERNS.some((pattern) => pattern.test(upper));
}

/** `env` without the variables the training command must not see, and their names (sorted), never their values. */
export function withheldVariables(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; withheld: string[] } {
  const kept: NodeJS.ProcessEnv = {};
  const withheld: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (isWithheldVariable(name)) withheld.push(name);
    else kept[name] = value;
  }
  return { env: kept, withheld: withheld.sort() };
}

/**
 * Runs `command` in bash with `env` minus the runner's credentials (see withheldVariables), logging
 * each output line; throws a UserError when it fails.
 */
export async function runCommand(options: {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}): Promise<CommandResult> {
  const { command, logger } = options;
  const { env, withheld } = withheldVariables(options.env);
  if (withheld.length > 0) logger.info(`Withheld from the training command's environment: ${withheld.join(", ")}`);
  const started = performance.now();
  const child = spawn("bash", ["-e", "-o", "pipefail", "-c", command], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail = new LineTail((line) => {
    logger.info(line);
  });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    tail.push(chunk);
  });
  child.stderr.on("data", (chunk: string) => {
    tail.push(chunk);
  });
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, exitSignal) => {
      resolve({ code: exitCode, signal: exitSignal });
    });
  }).catch((error: unknown) => {
    throw new UserError(`could not start the training command: ${String(error)}`, { hint: "bash must be on PATH on the runner" });
  });
  tail.end();
  const seconds = (performance.now() - started) / 1000;
  const last = tail.lines.length === 0 ? "(it printed nothing)" : `its last lines:\n${tail.lines.map((line) => `    ${line}`).join("\n")}`;
  if (signal !== null) {
    const why =
      signal === "SIGKILL"
        ? " (SIGKILL: most often the kernel's out-of-memory killer; use a runner with more memory, or smaller batches)"
        : "";
    throw new UserError(`the training command was killed by ${signal}${why}; ${last}`, {
      hint: "check the runner's memory and time limits",
    });
  }
  if (code === 127)
    throw new UserError(`the training command was not found (exit 127): \`${command}\`; ${last}`, {
      hint: "check the command's spelling, and that its program is installed on the runner (and on PATH)",
    });
  // 137 = 128 + SIGKILL, as a shell reports a child killed for memory.
  if (code === 137)
    throw new UserError(`the training command was killed (exit 137, SIGKILL: most often out of memory); ${last}`, {
      hint: "use a runner with more memory, or train with smaller batches",
    });
  if (code !== 0)
    throw new UserError(`the training command failed with exit code ${code}; ${last}`, {
      hint: "fix the error above; the full log is in this step's output",
    });
  return { seconds };
}
