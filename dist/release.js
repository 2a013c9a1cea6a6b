import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-D6PS5SGU.js";
import "./chunks/chunk-RCT3SU2S.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-NOR423ED.js";
import "./chunks/chunk-LMGID4YJ.js";
import "./chunks/chunk-FKJ7JCSZ.js";
import "./chunks/chunk-7I6DUH4Y.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-BA2JSKXX.js";
import "./chunks/chunk-Y2E2HNBE.js";
import "./chunks/chunk-3M4Q4ESR.js";
import "./chunks/chunk-PU2NKIVK.js";
import "./chunks/chunk-HAXYAQPI.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-6X4GN6NZ.js";
import "./chunks/chunk-TXDK3HM6.js";
import "./chunks/chunk-OLVC4NSS.js";
import "./chunks/chunk-2J5Z4KCR.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-ZC5XNF6T.js";
import "./chunks/chunk-EA62S6YL.js";

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
