import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-XFXW2P33.js";
import "./chunks/chunk-U7EIPJ3P.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-LEQU6TPW.js";
import "./chunks/chunk-UILLY3C4.js";
import "./chunks/chunk-YZVWVLHO.js";
import "./chunks/chunk-ZZ5CV7LZ.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-OAUCG3WP.js";
import "./chunks/chunk-K6P62RG5.js";
import "./chunks/chunk-IY2O7OQE.js";
import "./chunks/chunk-7QQXAH3Y.js";
import "./chunks/chunk-NAF7LRKD.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-HFYPUWDN.js";
import "./chunks/chunk-24FDCR3H.js";
import "./chunks/chunk-QZ5TWO4K.js";
import "./chunks/chunk-F2TOL7QQ.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-H22DEWEB.js";
import "./chunks/chunk-LFRDFJH6.js";

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
