/** `modelship release`: package the gated model and publish it as an immutable, versioned release. */
import { runReleaseStage } from "../../stages/release-stage.ts";
import { renderReleaseText } from "../../stages/release-text.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { choiceFlag, listFlag, parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  model: { type: "string", short: "m", value: "FILE", description: "the model file (default model.onnx in train.output)" },
  "model-name": { type: "string", value: "NAME", description: "the model's name (default `model:` in modelship.yaml)" },
  version: { type: "string", value: "X.Y.Z", description: "the version to release (default: bump the newest release)" },
  bump: { type: "string", value: "PART", choices: ["patch", "minor", "major"], description: "patch (default), minor or major" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)",
  },
  "gate-report": { type: "string", value: "FILE", description: "the gate report (default .modelship/evaluation/gate-report.json)" },
  "reference-profile": { type: "string", value: "FILE", description: "the reference profile for drift checks (default profile.output)" },
  "reference-data": {
    type: "string",
    multiple: true,
    value: "FILE|train",
    description: "when no profile file exists, profile this data (train: data.train) as the drift reference",
  },
  "run-record": { type: "string", value: "FILE", description: "the run record (default run-record.json beside the model)" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  oci: {
    type: "string",
    value: "REGISTRY/PATH",
    description: "also push a KServe modelcar image to REGISTRY/PATH/MODEL:VERSION (default release.oci.repository)",
  },
  "allow-ungated": { type: "boolean", description: "release although the gate report is missing, failed or for other bytes (recorded)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const releaseCommand: Command = {
  name: "release",
  summary: "package the gated model (manifest, SHA256SUMS, model card) and publish an immutable version",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "release", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship release [--version X.Y.Z | --bump patch] [--registry SPEC] [--allow-ungated]",
          summary:
            "Packages model.onnx with its gate report, reference profile, run record and a model card, writes manifest.json\nand SHA256SUMS, and publishes the version: a GitHub Release (draft, every asset, then published) or a local folder.\nA model whose gate report is missing, failed or made for other bytes is refused unless --allow-ungated.",
          flags,
          notes: "exit status: 0 released (or already released with the same bytes), 2 refused or input error",
        }),
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runReleaseStage(
      {
        model: values["model-name"],
        modelPath: values.model,
        version: values.version,
        bump: choiceFlag(values.bump, "bump", ["patch", "minor", "major"]),
        registry: values.registry,
        tagFormat: values["tag-format"],
        gateReport: values["gate-report"],
        referenceProfile: values["reference-profile"],
        runRecord: values["run-record"],
        allowUngated: values["allow-ungated"],
        referenceData: listFlag(values["reference-data"]),
        oci: values.oci,
      },
      cliStageRun(output.context, values.config),
    );
    output.emit({
      json: result,
      text: () => renderReleaseText(result, output.text),
      failed: false,
    });
    return ExitCode.ok;
  },
};
