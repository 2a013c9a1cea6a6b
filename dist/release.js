import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runRelease
} from "./chunks/chunk-UDHUO4G5.js";
import "./chunks/chunk-U53L7IG7.js";
import "./chunks/chunk-BRWCXJMB.js";
import {
  profileReferenceData
} from "./chunks/chunk-O2Q7UWU4.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-L2G6GJRX.js";
import "./chunks/chunk-TDJCC7PL.js";
import "./chunks/chunk-AVPIG4VR.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  openStore,
  resolveReleaseSettings
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
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-R6EBND7X.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-I6K5MFCQ.js";

// src/actions/release.ts
await runAction(async () => {
  const logger = new ActionsLogger();
  const token = getInput("token");
  if (token !== void 0) core_exports.setSecret(token);
  const loaded = await loadConfig({ file: getInput("config") });
  const settings = await resolveReleaseSettings(
    {
      model: getInput("model-name"),
      modelPath: getInput("model"),
      version: getInput("version"),
      bump: getInput("bump") === void 0 ? void 0 : getChoiceInput("bump", ["patch", "minor", "major"], "patch"),
      registry: getInput("registry"),
      tagFormat: getInput("tag-format"),
      gateReport: getInput("gate-report"),
      referenceProfile: getInput("reference-profile"),
      runRecord: getInput("run-record"),
      allowUngated: getInput("allow-ungated") === void 0 ? void 0 : getBooleanInput("allow-ungated", false)
    },
    loaded,
    { registry: "github" }
  );
  settings.referenceProfilePath = await profileReferenceData({
    existing: settings.referenceProfilePath,
    data: getListInput("reference-data"),
    loaded,
    logger,
    toolVersion: TOOL_VERSION
  });
  const context = readGitHubContext();
  const store = openStore({
    spec: settings.registry,
    token,
    repository: context.repository,
    tagFormat: settings.tagFormat,
    logger,
    userAgentVersion: TOOL_VERSION
  });
  const result = await runRelease({ ...settings, store, toolVersion: TOOL_VERSION, gitSha: context.sha, runUrl: context.runUrl, logger });
  core_exports.setOutput("version", result.version);
  core_exports.setOutput("tag", result.tag);
  core_exports.setOutput("release-url", result.url);
  core_exports.setOutput("manifest-url", result.manifestUrl);
  core_exports.setOutput("model-uri", result.modelUri);
  core_exports.setOutput("digest", result.digest);
  core_exports.setOutput("action", result.action);
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}

${result.notes}

[Release](${result.url}) \xB7 [manifest.json](${result.manifestUrl}) \xB7 [model](${result.modelUri})`
  );
});
