/** The release action: inputs → runRelease → outputs and a job summary. */
import { profileReferenceData } from "../stages/reference-data.ts";
import { loadConfig } from "../config/modelship-config.ts";
import { resolveReleaseSettings } from "../stages/release-settings.ts";
import { openStore } from "../registry/open-store.ts";
import { runRelease } from "../stages/release-stage.ts";
import type { Bump } from "../registry/version.ts";
import { readGitHubContext } from "../github/context.ts";
import {
  ActionsLogger,
  core,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  TOOL_VERSION,
  writeJobSummary,
} from "./runtime.ts";

await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== undefined) core.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = await resolveReleaseSettings(
    {
      model: getInput("model-name"),
      modelPath: getInput("model"),
      version: getInput("version"),
      bump: getInput("bump") === undefined ? undefined : getChoiceInput<Bump>("bump", ["patch", "minor", "major"], "patch"),
      registry: getInput("registry"),
      tagFormat: getInput("tag-format"),
      gateReport: getInput("gate-report"),
      referenceProfile: getInput("reference-profile"),
      runRecord: getInput("run-record"),
      allowUngated: getInput("allow-ungated") === undefined ? undefined : getBooleanInput("allow-ungated", false),
    },
    loaded,
    { registry: "github" },
  );
  settings.referenceProfilePath = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: getListInput("reference-data"),
    loaded,
    logger,
    toolVersion: TOOL_VERSION,
  });
  const context = readGitHubContext();
  const store = openStore({
    spec: settings.registry,
    token,
    repository: context.repository,
    tagFormat: settings.tagFormat,
    logger,
    userAgentVersion: TOOL_VERSION,
  });
  const result = await runRelease({ ...settings, store, toolVersion: TOOL_VERSION, gitSha: context.sha, runUrl: context.runUrl, logger });
  core.setOutput("version", result.version);
  core.setOutput("tag", result.tag);
  core.setOutput("release-url", result.url);
  core.setOutput("manifest-url", result.manifestUrl);
  core.setOutput("model-uri", result.modelUri);
  core.setOutput("digest", result.digest);
  core.setOutput("action", result.action);
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}\n\n${result.notes}\n\n[Release](${result.url}) · [manifest.json](${result.manifestUrl}) · [model](${result.modelUri})`,
  );
});
