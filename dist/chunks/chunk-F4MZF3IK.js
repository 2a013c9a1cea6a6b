import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  DEFAULT_LOCAL_REGISTRY,
  fetchModel,
  openStore,
  resolveRegistry
} from "./chunk-UY7KJPWB.js";
import {
  loadConfig
} from "./chunk-ZMINKXX7.js";
import {
  UserError
} from "./chunk-CXJFAAGQ.js";

// src/cli/command.ts
var ExitCode = { ok: 0, checksFailed: 1, usage: 2, bug: 3 };

// src/cli/options.ts
import { parseArgs } from "node:util";
function envNameOf(flag) {
  return `MODELSHIP_${flag.toUpperCase().replaceAll("-", "_")}`;
}
function fromEnv(flag, spec, env) {
  const raw = env[envNameOf(flag)];
  if (raw === void 0 || raw === "") return void 0;
  if (spec.type === "boolean") {
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    throw new UserError(`environment variable ${envNameOf(flag)} must be true or false, got "${raw}"`);
  }
  return spec.multiple ? raw.split(/[\n,]/).map((item) => item.trim()).filter(Boolean) : raw;
}
function parseFlags(argv, specs, options) {
  const env = options.env ?? process.env;
  const parseOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    parseOptions[name] = { type: spec.type, ...spec.multiple ? { multiple: true } : {}, ...spec.short ? { short: spec.short } : {} };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: parseOptions, allowPositionals: options.positionals ?? true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UserError(`${options.command}: ${message}`, { hint: `run \`modelship ${options.command} --help\`` });
  }
  const flags2 = {};
  for (const [name, spec] of Object.entries(specs)) flags2[name] = parsed.values[name] ?? fromEnv(name, spec, env);
  return { flags: flags2, positionals: parsed.positionals };
}
function renderHelp(options) {
  const rows = Object.entries(options.flags).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(34)} ${spec.description} [${envNameOf(name)}]`;
  });
  return [`usage: ${options.usage}`, "", options.summary, "", "options:", ...rows, options.notes ? `
${options.notes}` : ""].join("\n").trimEnd();
}
function integerFlag(value, name) {
  if (value === void 0) return void 0;
  if (!/^\d+$/.test(value)) throw new UserError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}
function choiceFlag(value, name, choices) {
  if (value === void 0) return void 0;
  if (!choices.includes(value)) throw new UserError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`);
  return value;
}
function numberFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw new UserError(`--${name} must be a number, got "${value}"`);
  return number;
}

// src/cli/commands/fetch.ts
var flags = {
  dir: { type: "string", short: "d", value: "DIR", description: "where the files go (default .modelship/fetched/MODEL)" },
  registry: { type: "string", short: "r", value: "SPEC", description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)" },
  cache: { type: "string", value: "DIR", description: "keep verified packages here by digest, and reuse them" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  json: { type: "boolean", description: "print the manifest as JSON" },
  help: { type: "boolean", short: "h", description: "show this help" }
};
function parseModelRef(text) {
  const at = text.lastIndexOf("@");
  const model = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? "latest" : text.slice(at + 1);
  if (model === "" || version === "") throw new UserError(`"${text}" is not MODEL or MODEL@VERSION`, { hint: "e.g. adult-income@1.2.0 or adult-income@latest" });
  return { model, version };
}
var fetchCommand = {
  name: "fetch",
  summary: "download a released model and verify every file against its manifest and SHA256SUMS",
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "fetch", env: context.env });
    if (values.help || positionals.length === 0) {
      context.print(renderHelp({ usage: "modelship fetch MODEL[@VERSION|@latest] [--dir DIR] [--registry SPEC] [--cache DIR]", summary: "Downloads a model version and checks every file's sha256 and size against manifest.json and SHA256SUMS before\nanything uses it; a mismatch names the file and nothing is left in --dir.", flags, notes: "exit status: 0 fetched and verified, 2 input error or verification failed" }));
      return values.help ? ExitCode.ok : ExitCode.usage;
    }
    const { model, version } = parseModelRef(positionals[0]);
    const loaded = await loadConfig({ file: values.config, cwd: context.cwd });
    const store = openStore({ spec: resolveRegistry(values.registry, loaded, DEFAULT_LOCAL_REGISTRY), token: context.env.GITHUB_TOKEN, repository: context.env.GITHUB_REPOSITORY, tagFormat: values["tag-format"] ?? loaded.config?.release?.tag_format, logger: context.logger, userAgentVersion: context.version });
    const fetched = await fetchModel({ store, model, version, dir: values.dir ?? `.modelship/fetched/${model}`, ...values.cache === void 0 ? {} : { cacheDir: values.cache }, logger: context.logger });
    if (values.json) context.print(JSON.stringify(fetched.manifest, null, 2));
    else context.print(`fetched ${model} ${fetched.version} into ${fetched.path}${fetched.fromCache ? " (from the cache)" : ""}: ${fetched.manifest.files.length} files verified (digest ${fetched.manifest.digest.slice(0, 12)})
model: ${fetched.modelPath}`);
    return ExitCode.ok;
  }
};

export {
  ExitCode,
  parseFlags,
  renderHelp,
  integerFlag,
  choiceFlag,
  numberFlag,
  parseModelRef,
  fetchCommand
};
