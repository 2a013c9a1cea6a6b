import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  fetchModel,
  openStore,
  parseModelRef,
  resolveRegistry
} from "./chunks/chunk-KXYY6WI6.js";
import "./chunks/chunk-NESHBA3I.js";
import {
  loadConfig
} from "./chunks/chunk-54FPIRKX.js";
import "./chunks/chunk-SGJFWRIS.js";
import {
  readGitHubContext
} from "./chunks/chunk-XSH5H6CH.js";
import {
  ActionsLogger,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/fetch-model.ts
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== void 0) core_exports.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const { model, version } = parseModelRef(getRequiredInput("model", "name the model, e.g. model: adult-income@1.2.0 (or @latest)"));
  const context = readGitHubContext();
  const store = openStore({
    spec: resolveRegistry(getInput("registry"), loaded, "github"),
    token,
    repository: context.repository,
    tagFormat: getInput("tag-format") ?? loaded.config?.release?.tag_format,
    logger,
    userAgentVersion: TOOL_VERSION
  });
  const cacheDir = getInput("cache-dir");
  const fetched = await fetchModel({
    store,
    model,
    version,
    dir: getInput("dir") ?? `.modelship/fetched/${model}`,
    ...cacheDir === void 0 ? {} : { cacheDir },
    logger
  });
  core_exports.setOutput("path", fetched.path);
  core_exports.setOutput("version", fetched.version);
  core_exports.setOutput("manifest", fetched.manifestPath);
  core_exports.setOutput("model-path", fetched.modelPath);
  core_exports.setOutput("digest", fetched.manifest.digest);
});
