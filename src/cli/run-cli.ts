/**
 * The CLI's one failure funnel: dispatch to a command, map the outcome to an exit status.
 * 0 passed, 1 checks failed, 2 usage or input error (a UserError: message only), 3 a bug (with stack).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { getErrorMessage, isUserError } from "../common/errors.ts";
import { DEFAULT_CONFIG_FILE } from "../config/modelship-config.ts";
import { ConsoleLogger } from "../common/logger.ts";
import { withProgress } from "../common/progress.ts";
import { ProgressBar } from "../common/progress-bar.ts";
import type { Command, CommandContext } from "./command.ts";
import { ExitCode } from "./command.ts";

/**
 * Each command's module, imported only when that command runs: a command loads its own
 * dependencies and not every command's (validate skips GitOps, sigstore and onnxruntime), which
 * keeps its process ~45 MB smaller and its start ~0.1 s sooner. In `--help`'s order.
 */
const COMMAND_MODULES: Record<string, () => Promise<Command>> = {
  init: async () => (await import("./commands/init-command.ts")).initCommand,
  validate: async () => (await import("./commands/validate-command.ts")).validateCommand,
  profile: async () => (await import("./commands/profile-command.ts")).profileCommand,
  contract: async () => (await import("./commands/contract-command.ts")).contractCommand,
  train: async () => (await import("./commands/train-command.ts")).trainCommand,
  evaluate: async () => (await import("./commands/evaluate-command.ts")).evaluateCommand,
  predict: async () => (await import("./commands/predict-command.ts")).predictCommand,
  release: async () => (await import("./commands/release-command.ts")).releaseCommand,
  fetch: async () => (await import("./commands/fetch-command.ts")).fetchCommand,
  registry: async () => (await import("./commands/registry-command.ts")).registryCommand,
  promote: async () => (await import("./commands/promote-command.ts")).promoteCommand,
  canary: async () => (await import("./commands/canary-command.ts")).canaryCommand,
  "verify-promotion": async () => (await import("./commands/verify-promotion-command.ts")).verifyPromotionCommand,
  drift: async () => (await import("./commands/drift-command.ts")).driftCommand,
  dora: async () => (await import("./commands/dora-command.ts")).doraCommand,
  site: async () => (await import("./commands/site-command.ts")).siteCommand,
};

/** The command names, in `--help`'s order. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMAND_MODULES);

/** Every command, loaded (for `--help` and for tests that walk every command's flags). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
}

async function usage(version: string): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `modelship ${version}: take an ML model from a pull request to production through GitOps`,
    "",
    "usage: modelship <command> [options]   (modelship <command> --help for details)",
    "",
    "commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Every --flag can also be set as an environment variable MODELSHIP_<FLAG> (e.g. MODELSHIP_FAIL_ON=warning).",
    "Every command takes --format text|markdown|json, -q (only failures and errors) and -v (also what passed).",
    "Colour only on a terminal, never with NO_COLOR set; progress bars only on a terminal outside CI.",
    "exit status: 0 ok, 1 checks failed, 2 usage or input error",
  ].join("\n");
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The problems of a stage that found nothing to work on: in a folder without modelship.yaml, the likely cause. */
const NOTHING_SET = /^(no contract given|no data files given|nothing to train|no target column|no test data)\b/;

const NO_CONFIG_HINT = "  No modelship.yaml here: run `npx modelship init` first (it writes one from your CSV), or pass --config FILE.\n";

/** True when `problem` is a missing setting and no config file was found (none given, none in the working directory). */
function unconfigured(problem: string, context: CommandContext): boolean {
  if (!NOTHING_SET.test(problem)) return false;
  if (context.argv.some((arg) => arg === "--config" || arg.startsWith("--config=")) || (context.env.MODELSHIP_CONFIG ?? "") !== "")
    return false;
  return !existsSync(join(context.cwd, DEFAULT_CONFIG_FILE));
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function runCli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; io?: CliIo; version: string },
): Promise<number> {
  const io = options.io ?? { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  const env = options.env ?? process.env;
  // -v/--verbose is every command's, read here so the logger prints debug lines from the start; the
  // commands list it (outputFlags) and parseFlags checks MODELSHIP_VERBOSE's value.
  const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const isVerbose = (arg: string, index: number): boolean => index < end && (arg === "--verbose" || arg === "-v");
  const verbose = argv.some(isVerbose) || /^(1|true|yes)$/i.test(env.MODELSHIP_VERBOSE ?? "");
  const args = argv.filter((arg, index) => !isVerbose(arg, index));
  // Logs go to stderr so stdout carries only the command's result (markdown, JSON, YAML).
  const logger = new ConsoleLogger({
    verbose,
    write: (line) => {
      io.stderr(`${line}\n`);
    },
    writeError: (line) => {
      io.stderr(`${line}\n`);
    },
  });
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${await usage(options.version)}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "--version" || name === "version") {
    io.stdout(`${options.version}\n`);
    return ExitCode.ok;
  }
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  if (load === undefined) {
    const near = COMMAND_NAMES.find((candidate) => candidate.startsWith(name.slice(0, 3)));
    const fix = near !== undefined && name.length >= 3 ? `did you mean \`modelship ${near}\`? ` : "";
    io.stderr(
      `modelship: unknown command "${name}"\n  Fix: ${fix}run \`modelship --help\` for the commands\n\n${await usage(options.version)}\n`,
    );
    return ExitCode.usage;
  }
  const command = await load();
  const context: CommandContext = {
    argv: rest,
    env,
    cwd: options.cwd ?? process.cwd(),
    logger,
    print: (text) => {
      io.stdout(`${text}\n`);
    },
    version: options.version,
    verbose,
    // Without a given io, the process's own streams: colour and progress follow what they are.
    ...(options.io === undefined ? { stdout: process.stdout, progress: new ProgressBar(process.stderr, env) } : {}),
  };
  try {
    const bar = context.progress;
    // Progress events from the domain (rows read, resamples, bytes downloaded) are drawn only where the bar draws.
    return await (bar?.enabled === true
      ? withProgress(
          (event) => {
            bar.show(event);
          },
          () => command.run(context),
        )
      : command.run(context));
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`modelship ${command.name}: ${error.message}\n${unconfigured(error.problem, context) ? NO_CONFIG_HINT : ""}`);
      return ExitCode.usage;
    }
    io.stderr(`modelship ${command.name}: internal error, please report it: ${getErrorMessage(error)}\n`);
    if (error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return ExitCode.bug;
  }
}
