import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-CDF6R4VI.js";
import "./chunks/chunk-NMZCCDFK.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-C2HJJUE3.js";
import "./chunks/chunk-JV2ENBAZ.js";
import "./chunks/chunk-FKJ7JCSZ.js";
import "./chunks/chunk-AN4QDD43.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-FQ2DOUNN.js";
import "./chunks/chunk-T74HQEMQ.js";
import "./chunks/chunk-WSEOGMD4.js";
import "./chunks/chunk-R5SHQPFY.js";
import "./chunks/chunk-3NDOVNR7.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-AFFJ5EIP.js";
import "./chunks/chunk-ZKTMDAAG.js";
import "./chunks/chunk-UFNLKYSJ.js";
import "./chunks/chunk-QYDJTWZL.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-BMQDOIIZ.js";
import "./chunks/chunk-4G7CELYP.js";

// src/actions/release.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      referenceData: getListInput("reference-data"),
      // The released manifest.json, for the job's attest step (the manifest-path output).
      manifestOut: join(process.env.RUNNER_TEMP ?? tmpdir(), `modelship-released-${process.pid}`, "manifest.json")
    },
    run
  );
  core_exports.setOutput("version", result.version);
  core_exports.setOutput("tag", result.tag);
  core_exports.setOutput("release-url", result.url);
  core_exports.setOutput("manifest-url", result.manifestUrl);
  core_exports.setOutput("manifest-path", result.manifestPath ?? "");
  core_exports.setOutput("model-uri", result.modelUri);
  core_exports.setOutput("digest", result.digest);
  core_exports.setOutput("action", result.action);
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}

${result.notes}

[Release](${result.url}) \xB7 [manifest.json](${result.manifestUrl}) \xB7 [model](${result.modelUri})`
  );
});
