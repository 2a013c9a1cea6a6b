import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gateVerdictText
} from "./chunk-UWT2GGIJ.js";
import {
  choiceFlag,
  commandOutput,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  runReleaseStage
} from "./chunk-MIJCNV4Q.js";
import {
  mark,
  printable,
  shortSha
} from "./chunk-WW4KD5R5.js";
import "./chunk-ZMMWZKTW.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-E5B55GBZ.js";
import "./chunk-FGAOEPT5.js";
import "./chunk-2TKCLNYM.js";
import "./chunk-A43L2ZJY.js";
import "./chunk-52YBHNOW.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-DPH7L46L.js";
import "./chunk-OXQJNLJL.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-7VUA2BAW.js";
import "./chunk-VASYQY3D.js";
import "./chunk-GKGV24WD.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-JXPNSGRB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-QT3TIHE5.js";
import "./chunk-ROYMXGRN.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-5US5NQLX.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import {
  paint
} from "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/stages/release-text.ts
function renderReleaseText(result, options) {
  const gate = gateVerdictText(result.verdict, result.allowUngated);
  const name = `${printable(result.model)} ${printable(result.version)}`;
  const tag = `tag ${printable(result.tag)}`;
  const what = result.action === "unchanged" ? `${paint(options, "bold", `${name} was already released`)} with these bytes (${tag}): nothing changed` : result.action === "resumed" ? `${paint(options, "bold", `Released ${name}`)} (${tag}), completing an interrupted release` : `${paint(options, "bold", `Released ${name}`)} (${tag})`;
  const verdictMark = gate.mark === "pass" ? "pass" : "warn";
  const lines = [`${mark(options, verdictMark)} ${what}; ${paint(options, gate.mark === "pass" ? "green" : "yellow", gate.text)}`];
  if (options.quiet) return lines.join("\n");
  lines.push(`  ${paint(options, "cyan", printable(result.url))}`);
  lines.push(`  model: ${printable(result.modelUri)}`);
  if (result.oci !== void 0)
    lines.push(`  image: ${printable(result.oci.uri)}${result.oci.action === "unchanged" ? " (already pushed)" : ""}`);
  lines.push(`  digest: ${options.verbose ? printable(result.digest) : shortSha(result.digest)}`);
  if (options.verbose) {
    lines.push(`  manifest: ${printable(result.manifestUrl)}`);
    for (const [layout, uri] of Object.entries(result.servingUris))
      if (uri !== void 0 && uri !== result.modelUri) lines.push(`  ${printable(layout)}: ${printable(uri)}`);
  }
  return lines.join("\n");
}

// src/cli/commands/release-command.ts
var flags = {
  model: { type: "string", short: "m", value: "FILE", description: "the model file (default model.onnx in train.output)" },
  "model-name": { type: "string", value: "NAME", description: "the model's name (default `model:` in modelship.yaml)" },
  version: { type: "string", value: "X.Y.Z", description: "the version to release (default: bump the newest release)" },
  bump: { type: "string", value: "PART", choices: ["patch", "minor", "major"], description: "patch (default), minor or major" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "gate-report": { type: "string", value: "FILE", description: "the gate report (default .modelship/evaluation/gate-report.json)" },
  "reference-profile": { type: "string", value: "FILE", description: "the reference profile for drift checks (default profile.output)" },
  "reference-data": {
    type: "string",
    multiple: true,
    value: "FILE|train",
    description: "when no profile file exists, profile this data (train: data.train) as the drift reference"
  },
  "run-record": { type: "string", value: "FILE", description: "the run record (default run-record.json beside the model)" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  oci: {
    type: "string",
    value: "REGISTRY/PATH",
    description: "also push a KServe modelcar image to REGISTRY/PATH/MODEL:VERSION (default release.oci.repository)"
  },
  "allow-ungated": { type: "boolean", description: "release although the gate report is missing, failed or for other bytes (recorded)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var releaseCommand = {
  name: "release",
  summary: "package the gated model (manifest, SHA256SUMS, model card) and publish an immutable version",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "release", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship release [--version X.Y.Z | --bump patch] [--registry SPEC] [--allow-ungated]",
          summary: "Packages model.onnx with its gate report, reference profile, run record and a model card, writes manifest.json\nand SHA256SUMS, and publishes the version: a GitHub Release (draft, every asset, then published) or a local folder.\nA model whose gate report is missing, failed or made for other bytes is refused unless --allow-ungated.",
          flags,
          notes: "exit status: 0 released (or already released with the same bytes), 2 refused or input error"
        })
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
        oci: values.oci
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result,
      text: () => renderReleaseText(result, output.text),
      failed: false
    });
    return ExitCode.ok;
  }
};
export {
  releaseCommand
};
