import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  ExitCode,
  ProgressBar
} from "./chunk-I3SDEOJT.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-RNR6NDII.js";
import {
  DEFAULT_CONFIG_FILE
} from "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import {
  withProgress
} from "./chunk-QRTANFC2.js";
import {
  getErrorMessage,
  isUserError
} from "./chunk-SU4BFKON.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/run-cli.ts
import { existsSync } from "node:fs";
import { join } from "node:path";

// src/common/logger.ts
function where(properties) {
  if (!properties?.file) return "";
  return properties.startLine ? `${properties.file}:${properties.startLine}: ` : `${properties.file}: `;
}
var ConsoleLogger = class {
  #verbose;
  #write;
  #writeError;
  constructor(options = {}) {
    this.#verbose = options.verbose ?? false;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}
`));
    this.#writeError = options.writeError ?? ((line) => process.stderr.write(`${line}
`));
  }
  debug(message) {
    if (this.#verbose) this.#writeError(`debug: ${message}`);
  }
  info(message) {
    this.#write(message);
  }
  warning(message, properties) {
    this.#writeError(`warning: ${where(properties)}${message}`);
  }
  error(message, properties) {
    this.#writeError(`error: ${where(properties)}${message}`);
  }
  notice(message, properties) {
    this.#writeError(`notice: ${where(properties)}${message}`);
  }
  async group(name, fn) {
    this.#write(`\u2500\u2500 ${name}`);
    return fn();
  }
};

// src/cli/run-cli.ts
var COMMAND_MODULES = {
  init: async () => (await import("./init-command-VQDKNHMM.js")).initCommand,
  validate: async () => (await import("./validate-command-QTYUPRLO.js")).validateCommand,
  profile: async () => (await import("./profile-command-EHZGFOJX.js")).profileCommand,
  contract: async () => (await import("./contract-command-VQB424CB.js")).contractCommand,
  train: async () => (await import("./train-command-HO2C2PAM.js")).trainCommand,
  evaluate: async () => (await import("./evaluate-command-HFWF4YFV.js")).evaluateCommand,
  predict: async () => (await import("./predict-command-4U73OMY4.js")).predictCommand,
  release: async () => (await import("./release-command-NGGXDT3K.js")).releaseCommand,
  fetch: async () => (await import("./fetch-command-UKZ64AF7.js")).fetchCommand,
  registry: async () => (await import("./registry-command-VSJLTYDA.js")).registryCommand,
  promote: async () => (await import("./promote-command-ODGDALLW.js")).promoteCommand,
  canary: async () => (await import("./canary-command-7F5JPDBR.js")).canaryCommand,
  "verify-promotion": async () => (await import("./verify-promotion-command-LRWGIMZS.js")).verifyPromotionCommand,
  drift: async () => (await import("./drift-command-SF7TZMKS.js")).driftCommand,
  dora: async () => (await import("./dora-command-FSMRTLKU.js")).doraCommand,
  site: async () => (await import("./site-command-7K7GPO2D.js")).siteCommand
};
var COMMAND_NAMES = Object.keys(COMMAND_MODULES);
async function loadCommands() {
  return Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
}
async function usage(version) {
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
    "exit status: 0 ok, 1 checks failed, 2 usage or input error"
  ].join("\n");
}
var NOTHING_SET = /^(no contract given|no data files given|nothing to train|no target column|no test data)\b/;
var NO_CONFIG_HINT = "  No modelship.yaml here: run `npx modelship init` first (it writes one from your CSV), or pass --config FILE.\n";
function unconfigured(problem, context) {
  if (!NOTHING_SET.test(problem)) return false;
  if (context.argv.some((arg) => arg === "--config" || arg.startsWith("--config=")) || (context.env.MODELSHIP_CONFIG ?? "") !== "")
    return false;
  return !existsSync(join(context.cwd, DEFAULT_CONFIG_FILE));
}
async function runCli(argv, options) {
  const io = options.io ?? { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };
  const env = options.env ?? process.env;
  const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const isVerbose = (arg, index) => index < end && (arg === "--verbose" || arg === "-v");
  const verbose = argv.some(isVerbose) || /^(1|true|yes)$/i.test(env.MODELSHIP_VERBOSE ?? "");
  const args = argv.filter((arg, index) => !isVerbose(arg, index));
  const logger = new ConsoleLogger({
    verbose,
    write: (line) => {
      io.stderr(`${line}
`);
    },
    writeError: (line) => {
      io.stderr(`${line}
`);
    }
  });
  const [name, ...rest] = args;
  if (name === void 0 || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${await usage(options.version)}
`);
    return name === void 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "--version" || name === "version") {
    io.stdout(`${options.version}
`);
    return ExitCode.ok;
  }
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : void 0;
  if (load === void 0) {
    const near = COMMAND_NAMES.find((candidate) => candidate.startsWith(name.slice(0, 3)));
    const fix = near !== void 0 && name.length >= 3 ? `did you mean \`modelship ${near}\`? ` : "";
    io.stderr(
      `modelship: unknown command "${name}"
  Fix: ${fix}run \`modelship --help\` for the commands

${await usage(options.version)}
`
    );
    return ExitCode.usage;
  }
  const command = await load();
  const context = {
    argv: rest,
    env,
    cwd: options.cwd ?? process.cwd(),
    logger,
    print: (text) => {
      io.stdout(`${text}
`);
    },
    version: options.version,
    verbose,
    // Without a given io, the process's own streams: colour and progress follow what they are.
    ...options.io === void 0 ? { stdout: process.stdout, progress: new ProgressBar(process.stderr, env) } : {}
  };
  try {
    const bar = context.progress;
    return await (bar?.enabled === true ? withProgress(
      (event) => {
        bar.show(event);
      },
      () => command.run(context)
    ) : command.run(context));
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(`modelship ${command.name}: ${error.message}
${unconfigured(error.problem, context) ? NO_CONFIG_HINT : ""}`);
      return ExitCode.usage;
    }
    io.stderr(`modelship ${command.name}: internal error, please report it: ${getErrorMessage(error)}
`);
    if (error instanceof Error && error.stack) io.stderr(`${error.stack}
`);
    return ExitCode.bug;
  }
}
export {
  COMMAND_NAMES,
  loadCommands,
  runCli
};
