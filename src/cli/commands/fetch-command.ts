/** `modelship fetch MODEL[@VERSION]` or `modelship fetch oci://REGISTRY/REPO@sha256:…`: download a released model and verify every file before use. */
import { UserError } from "../../common/errors.ts";
import { runFetchStage } from "../../stages/fetch-stage.ts";
import { renderFetchText } from "../../stages/fetch-text.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  dir: { type: "string", short: "d", value: "DIR", description: "where the files go (default .modelship/fetched/MODEL)" },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)",
  },
  cache: { type: "string", value: "DIR", description: "keep verified packages here by digest, and reuse them" },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const fetchCommand: Command = {
  name: "fetch",
  summary: "download a released model and verify every file against its manifest and SHA256SUMS",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "fetch", env: context.env });
    if (!values.help && positionals.length === 0)
      throw new UserError("fetch needs the model to fetch: MODEL, MODEL@VERSION, MODEL@latest or oci://REGISTRY/REPO@sha256:…", {
        hint: "e.g. modelship fetch adult-income@1.2.0 (modelship fetch --help lists the options)",
      });
    if (positionals.length > 1)
      throw new UserError(`fetch takes one model, got ${positionals.length}: ${positionals.join(" ")}`, {
        hint: "fetch one MODEL[@VERSION] at a time",
      });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship fetch MODEL[@VERSION|@latest] | oci://REGISTRY/REPO@sha256:DIGEST [--dir DIR] [--registry SPEC] [--cache DIR]",
          summary:
            "Downloads a model version and checks every file's sha256 and size against manifest.json and SHA256SUMS before\nanything uses it; a mismatch names the file and nothing is left in --dir. An oci:// modelcar (pinned by digest) is pulled\nand verified layer by layer, and must be the release --registry holds (the same manifest.json, not retired, gated);\ncredentials from MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD.",
          flags,
          notes: "exit status: 0 fetched and verified, 2 input error or verification failed",
        }),
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const fetched = await runFetchStage(
      { ref: positionals[0]!, dir: values.dir, registry: values.registry, tagFormat: values["tag-format"], cacheDir: values.cache },
      cliStageRun(output.context, values.config),
    );
    output.emit({
      json: fetched.manifest,
      text: () => renderFetchText(fetched, output.text),
      failed: false,
    });
    return ExitCode.ok;
  },
};
