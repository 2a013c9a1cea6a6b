import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-4VQOB5O6.js";
import "./chunks/chunk-5PXIKNGC.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-272NPONH.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-7XHA3HP5.js";
import "./chunks/chunk-HQC77T56.js";
import "./chunks/chunk-KM6DXSSU.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-B5I2PWMP.js";
import "./chunks/chunk-52CNYNRR.js";
import "./chunks/chunk-M2IIIG4L.js";
import "./chunks/chunk-OD4DNHLU.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-DN64TCPN.js";
import "./chunks/chunk-L7GURJM5.js";

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
