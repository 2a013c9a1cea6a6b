import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  profileReferenceData,
  runRelease
} from "./chunks/chunk-CELAUCX2.js";
import "./chunks/chunk-7EHGI3H7.js";
import "./chunks/chunk-SIUYJETE.js";
import "./chunks/chunk-TGL2NZAY.js";
import "./chunks/chunk-JXHCXMKP.js";
import "./chunks/chunk-UYS4OL5N.js";
import "./chunks/chunk-7HAKC2YM.js";
import "./chunks/chunk-CUQBNP3L.js";
import "./chunks/chunk-B5I2PWMP.js";
import {
  openStore,
  resolveReleaseSettings
} from "./chunks/chunk-5OZQLUCR.js";
import "./chunks/chunk-H33CGX66.js";
import {
  loadConfig
} from "./chunks/chunk-PQTLHJCH.js";
import "./chunks/chunk-QFKC65LX.js";
import {
  readGitHubContext
} from "./chunks/chunk-U2SRJF27.js";
import {
  ActionsLogger,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-6TN6WETV.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-CXJFAAGQ.js";

// src/actions/release.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  const referenceData = getListInput("reference-data");
  if (settings.referenceProfilePath === void 0 && referenceData.length > 0) {
    settings.referenceProfilePath = await profileReferenceData({ data: referenceData, loaded, outDir: join(process.env.RUNNER_TEMP ?? tmpdir(), "modelship-reference"), logger, toolVersion: TOOL_VERSION });
  }
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
