import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-MKN2HTCF.js";
import "./chunks/chunk-7PWQV75Q.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-OUOPILH4.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-HU5FQVQT.js";
import "./chunks/chunk-ZMW7YHJN.js";
import "./chunks/chunk-FHTIUO32.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-DNN77E4Z.js";
import "./chunks/chunk-AXAVXKTZ.js";
import "./chunks/chunk-CYAICF2V.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-PDH3Q5ZQ.js";
import "./chunks/chunk-QH3KL6H2.js";

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
