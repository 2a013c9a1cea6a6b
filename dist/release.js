import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runRelease
} from "./chunks/chunk-PI7WOVES.js";
import "./chunks/chunk-RJHQEZD2.js";
import "./chunks/chunk-SIUYJETE.js";
import {
  profileReferenceData
} from "./chunks/chunk-THWGFQOR.js";
import "./chunks/chunk-JXHCXMKP.js";
import "./chunks/chunk-UYS4OL5N.js";
import "./chunks/chunk-L5XO6FWB.js";
import "./chunks/chunk-2JLUTBR7.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  openStore,
  resolveReleaseSettings
} from "./chunks/chunk-7IDGTSNA.js";
import "./chunks/chunk-KHB5SRES.js";
import {
  loadConfig
} from "./chunks/chunk-DJHQ6P2E.js";
import "./chunks/chunk-NFZVXVTP.js";
import {
  readGitHubContext
} from "./chunks/chunk-Q6FO4WYG.js";
import {
  ActionsLogger,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-UHWMLVSL.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-3IK26WUN.js";

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
  settings.referenceProfilePath = await profileReferenceData({ existing: settings.referenceProfilePath, data: getListInput("reference-data"), loaded, logger, toolVersion: TOOL_VERSION });
  const context = readGitHubContext();
  const store = openStore({ spec: settings.registry, token, repository: context.repository, tagFormat: settings.tagFormat, logger, userAgentVersion: TOOL_VERSION });
  const result = await runRelease({ ...settings, store, toolVersion: TOOL_VERSION, gitSha: context.sha, runUrl: context.runUrl, logger });
  core_exports.setOutput("version", result.version);
  core_exports.setOutput("tag", result.tag);
  core_exports.setOutput("release-url", result.url);
  core_exports.setOutput("manifest-url", result.manifestUrl);
  core_exports.setOutput("model-uri", result.modelUri);
  core_exports.setOutput("digest", result.digest);
  core_exports.setOutput("action", result.action);
  await writeJobSummary(`## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}

${result.notes}

[Release](${result.url}) \xB7 [manifest.json](${result.manifestUrl}) \xB7 [model](${result.modelUri})`);
});
