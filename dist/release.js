import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-56LZRCHX.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/release.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
await startAction("release", async () => {
  const { runReleaseStage } = await import("./chunks/release-stage-7XVOFPHX.js");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getListInput, writeJobSummary } = await import("./chunks/runtime-QX5J7I5V.js");
  const run = actionStageRun({ config: getInput("config"), token: getInput("token"), redactionKey: getInput("redaction-key") });
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
  core.info(`Release: ${result.url}`);
  core.setOutput("version", result.version);
  core.setOutput("tag", result.tag);
  core.setOutput("release-url", result.url);
  core.setOutput("manifest-url", result.manifestUrl);
  core.setOutput("manifest-path", result.manifestPath ?? "");
  core.setOutput("model-uri", result.modelUri);
  core.setOutput("digest", result.digest);
  core.setOutput("action", result.action);
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}

${result.notes}

[Release](${result.url}) \xB7 [manifest.json](${result.manifestUrl}) \xB7 [model](${result.modelUri})`
  );
});
