import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-UKLSOGOV.js";
import "./chunks/chunk-OHYPZJGH.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-FYVV4NEY.js";
import "./chunks/chunk-WRCWUBJC.js";
import "./chunks/chunk-FKJ7JCSZ.js";
import "./chunks/chunk-NVKYSDFF.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-LC6K3RCJ.js";
import "./chunks/chunk-SPN2YSXJ.js";
import "./chunks/chunk-VXINPS6Q.js";
import "./chunks/chunk-FH5TOFOZ.js";
import "./chunks/chunk-DJZQNN3P.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-XWHTO7IV.js";
import "./chunks/chunk-O3SQ3WKX.js";
import "./chunks/chunk-IIWHS54Y.js";
import "./chunks/chunk-2DA7VCXQ.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-2VH4JETB.js";
import "./chunks/chunk-DPAG27KB.js";

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
  core_exports.info(`Release: ${result.url}`);
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
