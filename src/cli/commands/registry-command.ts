/** `modelship registry list|show`: the registry, for people. */
import { UserError } from "../../common/errors.ts";
import { code, formatInterval, formatNumber, table } from "../../common/markdown.ts";
import { runRegistryStage, runRetireStage, type RegistryAnswer, type RetireAnswer } from "../../stages/registry-stage.ts";
import { printable } from "../../common/printable-text.ts";
import { renderRegistryText } from "../../stages/registry-text.ts";
import { cliStageRun, ExitCode, type Command } from "../command.ts";
import { parseFlags, renderHelp, type FlagSpecs } from "../options.ts";
import { commandOutput, outputFlags } from "../output.ts";

const flags = {
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)",
  },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  reason: { type: "string", value: "TEXT", description: "retire: why the version is retired (one line, kept with the mark)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies FlagSpecs;

export const registryCommand: Command = {
  name: "registry",
  summary: "list a model's released versions, or show one version's manifest",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "registry", env: context.env });
    const [action, ref, ...extra] = positionals;
    const usage =
      "use: modelship registry list MODEL, modelship registry show MODEL[@VERSION], or modelship registry retire MODEL@VERSION [--reason TEXT]";
    if (!values.help && action === undefined) throw new UserError("registry needs a subcommand: list, show or retire", { hint: usage });
    if (values.help) {
      context.print(
        renderHelp({
          usage:
            "modelship registry list MODEL | modelship registry show MODEL[@VERSION] | modelship registry retire MODEL@VERSION [--reason TEXT]",
          summary:
            "Lists the released versions of a model (newest first), shows one version (files, gate verdict, metrics, lineage), or retires one: fetch, promote and verify-promotion then refuse it (its files stay; on GitHub the token needs contents: write).",
          flags,
        }),
      );
      return ExitCode.ok;
    }
    if (action !== "list" && action !== "show" && action !== "retire")
      throw new UserError(`unknown subcommand "registry ${action}"`, { hint: usage });
    if (ref === undefined)
      throw new UserError(`registry ${action} needs a MODEL${action === "show" ? "[@VERSION]" : action === "retire" ? "@VERSION" : ""}`, {
        hint: usage,
      });
    if (extra.length > 0) throw new UserError(`registry ${action} takes one model, got also ${extra.join(" ")}`, { hint: usage });
    if (values.reason !== undefined && action !== "retire")
      throw new UserError(`--reason is for registry retire, not registry ${action}`, { hint: usage });
    const output = commandOutput(context, values);
    if (action === "retire") {
      const retired = await runRetireStage(
        { ref, reason: values.reason, registry: values.registry, tagFormat: values["tag-format"] },
        cliStageRun(output.context, values.config),
      );
      output.emit({ json: retired, failed: false, text: () => retireText(retired), markdown: () => retireText(retired) });
      return ExitCode.ok;
    }
    const answer = await runRegistryStage(
      { action, ref, registry: values.registry, tagFormat: values["tag-format"] },
      cliStageRun(output.context, values.config),
    );
    output.emit({
      // A retired version carries its mark (`retired`); the rest of each entry is as before.
      json:
        answer.action === "list"
          ? answer.versions.map((entry) => {
              const mark = answer.retired?.find((retired) => retired.version === entry.version);
              return mark === undefined ? entry : { ...entry, retired: mark };
            })
          : answer.retired === undefined
            ? answer.manifest
            : { ...answer.manifest, retired: answer.retired },
      failed: false,
      text: () => renderRegistryText(answer, output.text),
      markdown: () => registryMarkdown(answer),
    });
    return ExitCode.ok;
  },
};

/** The list or the manifest as markdown tables (--format markdown). */
function registryMarkdown(answer: RegistryAnswer): string {
  if (answer.action === "list") {
    const { model, versions } = answer;
    return versions.length === 0
      ? `no versions of ${model} in ${answer.where}`
      : table(
          ["Version", "Tag", "Released", "Where"],
          versions.map((entry) => [
            answer.retired?.some((retired) => retired.version === entry.version) ? `${entry.version} (retired)` : entry.version,
            code(entry.tag),
            entry.created ?? "—",
            entry.url,
          ]),
        );
  }
  const { manifest } = answer;
  return [
    `${manifest.name} ${manifest.version} (${manifest.tag}), released ${manifest.created}, digest ${manifest.digest}`,
    `gate verdict: ${manifest.gate.verdict}${manifest.gate.allowUngated ? ` — released ungated: ${manifest.gate.reason ?? ""}` : ""}`,
    "",
    table(
      ["File", "Role", "Bytes", "sha256"],
      manifest.files.map((file) => [file.name, file.role, formatNumber(file.bytes), code(file.sha256)]),
    ),
    "",
    table(
      ["Metric", "Value", "CI"],
      Object.entries(manifest.metrics).map(([name, metric]) => [name, formatNumber(metric.value), formatInterval(metric.ci)]),
    ),
    "",
    `lineage: git ${manifest.lineage.gitSha ?? "—"}, run ${manifest.lineage.runUrl ?? "—"}${manifest.lineage.previousVersion === undefined ? "" : `, after ${manifest.lineage.previousVersion}`}`,
  ].join("\n");
}

/** What `registry retire` did, in one line. */
function retireText(answer: RetireAnswer): string {
  const { mark } = answer;
  const what = `${printable(mark.model)}@${printable(mark.version)}`;
  const when = `${printable(mark.retiredAt)}${mark.by === undefined ? "" : ` by ${printable(mark.by)}`}${mark.reason === undefined ? "" : `: ${printable(mark.reason)}`}`;
  return answer.action === "created"
    ? `Retired ${what} in ${printable(answer.where)} (${when}). fetch, promote and verify-promotion now refuse it.`
    : `${what} was already retired (${when}); nothing changed.`;
}
