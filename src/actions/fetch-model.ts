/** The fetch-model action: download a released model version and verify every file before use. */
import { loadConfig } from "../config/modelship-config.ts";
import { resolveRegistry } from "../stages/release-settings.ts";
import { readGitHubContext } from "../github/context.ts";
import { parseModelRef } from "../registry/version.ts";
import { fetchModel } from "../registry/fetch.ts";
import { openStore } from "../registry/open-store.ts";
import { ActionsLogger, core, getInput, getRequiredInput, runAction, TOOL_VERSION } from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const { model, version } = parseModelRef(getRequiredInput("model", "name the model, e.g. model: adult-income@1.2.0 (or @latest)"));
  const context = readGitHubContext();
  const store = openStore({
    spec: resolveRegistry(getInput("registry"), loaded, "github"),
    token,
    repository: context.repository,
    tagFormat: getInput("tag-format") ?? loaded.config?.release?.tag_format,
    logger,
    userAgentVersion: TOOL_VERSION,
  });
  const cacheDir = getInput("cache-dir");
  const fetched = await fetchModel({
    store,
    model,
    version,
    dir: getInput("dir") ?? `.modelship/fetched/${model}`,
    ...(cacheDir === undefined ? {} : { cacheDir }),
    logger,
  });
  core.setOutput("path", fetched.path);
  core.setOutput("version", fetched.version);
  core.setOutput("manifest", fetched.manifestPath);
  core.setOutput("model-path", fetched.modelPath);
  core.setOutput("digest", fetched.manifest.digest);
});
