/** The release action: inputs → runReleaseStage → outputs and a job summary. */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAction } from "./start.ts";

await startAction("release", async () => {
  const { runReleaseStage } = await import("../stages/release-stage.ts");
  const { actionStageRun, core, getBooleanInput, getChoiceInput, getInput, getListInput, writeJobSummary } = await import("./runtime.ts");
  const run = actionStageRun({
    config: getInput("config"),
    token: getInput("token"),
    redactionKey: getInput("redaction-key"),
    oci: { username: getInput("oci-username"), password: getInput("oci-password") },
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
      manifestOut: join(process.env.RUNNER_TEMP ?? tmpdir(), `modelship-released-${process.pid}`, "manifest.json"),
    },
    run,
  );
  // The stage's log names the version; the URL is said once, here (and in the outputs and summary).
  core.info(`Release: ${result.url}`);
  core.setOutput("version", result.version);
  core.setOutput("tag", result.tag);
  core.setOutput("release-url", result.url);
  core.setOutput("manifest-url", result.manifestUrl);
  core.setOutput("manifest-path", result.manifestPath ?? "");
  core.setOutput("model-uri", result.modelUri);
  core.setOutput("digest", result.digest);
  core.setOutput("action", result.action);
  // The modelcar image, for the job's attest step (subject-name and subject-digest, push-to-registry) and for promote.
  core.setOutput("oci-uri", result.oci?.uri ?? "");
  core.setOutput("oci-image", result.oci === undefined ? "" : result.oci.uri.slice("oci://".length).split("@")[0]!);
  // Only an image this run built is attested by it: a tag that already held another image of this release keeps its own attestation.
  core.setOutput("oci-digest", result.oci?.built === true ? result.oci.digest : "");
  if (result.oci?.built === false)
    core.warning(
      `${result.oci.uri} is not the image this run built from the release (another base layer): it is left as it is and not attested by this run; verify-promotion requires the attestation of the run that pushed it.`,
    );
  await writeJobSummary(
    `## ${result.action === "unchanged" ? "Already released" : "Released"}: ${result.model} ${result.version}\n\n${result.notes}\n\n[Release](${result.url}) · [manifest.json](${result.manifestUrl}) · [model](${result.modelUri})${result.oci === undefined ? "" : `\n\nOCI image: \`${result.oci.uri}\` (${result.oci.action === "unchanged" ? "already pushed" : "pushed"})`}`,
  );
});
