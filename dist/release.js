import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runReleaseStage
} from "./chunks/chunk-MUUYPGYV.js";
import "./chunks/chunk-RZ4XAMEC.js";
import "./chunks/chunk-BRWCXJMB.js";
import "./chunks/chunk-63NOYDUD.js";
import "./chunks/chunk-XWHKT4QQ.js";
import "./chunks/chunk-TYVJT2QX.js";
import "./chunks/chunk-Y7B762HE.js";
import "./chunks/chunk-44TVQWWB.js";
import "./chunks/chunk-5AIFLWSX.js";
import "./chunks/chunk-R2E5VZUO.js";
import "./chunks/chunk-JY2OOAAB.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-CJDYYHPO.js";
import "./chunks/chunk-ZELXXSV6.js";
import "./chunks/chunk-GKTFBMQJ.js";
import "./chunks/chunk-BED2KROE.js";
import "./chunks/chunk-MOHOK2SR.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getBooleanInput,
  getChoiceInput,
  getInput,
  getListInput,
  runAction,
  writeJobSummary
} from "./chunks/chunk-YSM7FE72.js";
import "./chunks/chunk-2BUAMGEV.js";

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
