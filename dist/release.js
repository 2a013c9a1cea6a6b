import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/release.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
await startAction("release", async () => {
  const { runReleaseStage } = await import("./chunks/release-stage-LOACUUAE.js");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getListInput, writeJobSummary } = await import("./chunks/runtime-PRD6EMPR.js");
  const run = actionStageRun({
    config: getInput("config"),
    token: getInput("token"),
    redactionKey: getInput("redaction-key"),
    oci: { username: getInput("oci-username"), password: getInput("oci-password") }
  });
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
      oci: getInput("oci"),
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
  core.setOutput("oci-uri", result.oci?.uri ?? "");
  core.setOutput("oci-image", result.oci === void 0 ? "" : result.oci.uri.slice("oci://".length).split("@")[0]);
  core.setOutput("oci-digest", result.oci?.built === true ? result.oci.digest : "");
  if (result.oci?.built === false)
    core.warning(
      `${result.oci.uri} is not the image this run built from the release (another base layer): it is left as it is and not attested by this run; verify-promotion requires the attestation of the run that pushed it.`
    );
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}

${result.notes}

[Release](${result.url}) \xB7 [manifest.json](${result.manifestUrl}) \xB7 [model](${result.modelUri})${result.oci === void 0 ? "" : `

OCI image: \`${result.oci.uri}\` (${result.oci.action === "unchanged" ? "already pushed" : "pushed"})`}`
  );
});
