import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-MSNXZ4WJ.js";
import "./chunks/chunk-KESLFZHL.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-XKVBDXZX.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-GKQF3EST.js";
import "./chunks/chunk-FQHJJIWZ.js";
import "./chunks/chunk-BUYS7TDU.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-TU67Z6CI.js";
import "./chunks/chunk-C4RNAJ2Z.js";
import "./chunks/chunk-WFFBTO2P.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-ZRBTEC3G.js";
import "./chunks/chunk-K5RVHLOP.js";

// src/actions/release.ts
await runAction(async () => {
  const run = actionStageRun({ config: getInput("config"), token: getInput("token") });
  const result = await runReleaseStage(
    {
      model: getInput("model-name"),
      modelPath: getInput("model"),
      version: getInput("version"),
      bump: getChoiceInput("bump", ["patch", "minor", "major"]),
      registry: getInput("registry"),
      tagFormat: getInput("tag-format"),
      gateReport: getInput("gate-report"),
      referenceProfile: getInput("reference-profile"),
      runRecord: getInput("run-record"),
      allowUngated: getBooleanInput("allow-ungated"),
      referenceData: getListInput("reference-data")
    },
    run
  );
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
