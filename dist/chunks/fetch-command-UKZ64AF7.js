import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  manifestGateLine,
  manifestLines
} from "./chunk-UWT2GGIJ.js";
import {
  commandOutput,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  runFetchStage
} from "./chunk-ZHMLVF6U.js";
import {
  mark,
  printable,
  shortSha
} from "./chunk-WW4KD5R5.js";
import "./chunk-OB66M5SJ.js";
import "./chunk-FGAOEPT5.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-WMANSC4W.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-V7YB4A7J.js";
import "./chunk-OXQJNLJL.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-4LQGMG53.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";
import {
  paint,
  plural
} from "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/stages/fetch-text.ts
function provenanceLine(provenance, options) {
  const text = printable(provenance.text.replace(/\*\*|`/g, ""));
  return `  ${mark(options, provenance.status)} build provenance ${provenance.status === "pass" ? text : paint(options, "yellow", text)}`;
}
function renderFetchText(result, options) {
  const { manifest } = result;
  const cache = result.fromCache ? " (from the cache)" : "";
  const lines = [
    `${mark(options, "pass")} ${paint(options, "bold", `Fetched ${printable(result.model)} ${printable(result.version)}`)} into ${paint(options, "cyan", printable(result.path))}: ${plural(manifest.files.length, "file")} verified${cache}`
  ];
  if (options.quiet) return lines.join("\n");
  if (options.verbose) lines.push(...manifestLines(manifest, options));
  else lines.push(manifestGateLine(manifest, options));
  lines.push(provenanceLine(result.provenance, options));
  lines.push(`  model: ${printable(result.modelPath)}${options.verbose ? "" : ` (digest ${shortSha(manifest.digest)})`}`);
  return lines.join("\n");
}

// src/cli/commands/fetch-command.ts
var flags = {
  dir: { type: "string", short: "d", value: "DIR", description: "where the files go (default .modelship/fetched/MODEL)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  cache: { type: "string", value: "DIR", description: "keep verified packages here by digest, and reuse them" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var fetchCommand = {
  name: "fetch",
  summary: "download a released model and verify every file against its manifest and SHA256SUMS",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "fetch", env: context.env });
    if (!values.help && positionals.length === 0)
      throw new UserError("fetch needs the model to fetch: MODEL, MODEL@VERSION, MODEL@latest or oci://REGISTRY/REPO@sha256:\u2026", {
        hint: "e.g. modelship fetch adult-income@1.2.0 (modelship fetch --help lists the options)"
      });
    if (positionals.length > 1)
      throw new UserError(`fetch takes one model, got ${positionals.length}: ${positionals.join(" ")}`, {
        hint: "fetch one MODEL[@VERSION] at a time"
      });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship fetch MODEL[@VERSION|@latest] | oci://REGISTRY/REPO@sha256:DIGEST [--dir DIR] [--registry SPEC] [--cache DIR]",
          summary: "Downloads a model version and checks every file's sha256 and size against manifest.json and SHA256SUMS before\nanything uses it; a mismatch names the file and nothing is left in --dir. An oci:// modelcar (pinned by digest) is pulled\nand verified layer by layer, and must be the release --registry holds (the same manifest.json, not retired, gated);\ncredentials from MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD.",
          flags,
          notes: "exit status: 0 fetched and verified, 2 input error or verification failed"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const fetched = await runFetchStage(
      { ref: positionals[0], dir: values.dir, registry: values.registry, tagFormat: values["tag-format"], cacheDir: values.cache },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: fetched.manifest,
      text: () => renderFetchText(fetched, output.text),
      failed: false
    });
    return ExitCode.ok;
  }
};
export {
  fetchCommand
};
