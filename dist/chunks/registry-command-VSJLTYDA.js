import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  gateVerdictText,
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
  mark,
  printable
} from "./chunk-WW4KD5R5.js";
import {
  runRegistryStage,
  runRetireStage
} from "./chunk-FGAOEPT5.js";
import {
  describeMark
} from "./chunk-OXQJNLJL.js";
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
import {
  code,
  formatInterval,
  formatNumber,
  table
} from "./chunk-HFKEWQQZ.js";
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

// src/stages/registry-text.ts
var TEXT_VERSIONS = 10;
function renderRegistryText(answer, options) {
  if (answer.action === "show") {
    const { manifest } = answer;
    const gate = gateVerdictText(manifest.gate.verdict, manifest.gate.allowUngated);
    const retired2 = answer.retired === void 0 ? "" : `; ${paint(options, "yellow", `retired ${printable(describeMark(answer.retired))}`)}`;
    const head = `${mark(options, gate.mark)} ${paint(options, "bold", `${printable(manifest.name)} ${printable(manifest.version)}`)} (tag ${printable(manifest.tag)}), released ${printable(manifest.created)}${retired2}`;
    return (options.quiet ? [head] : [head, ...manifestLines(manifest, options)]).join("\n");
  }
  const { model, versions, where } = answer;
  if (versions.length === 0) return `${mark(options, "info")} No versions of ${printable(model)} in ${printable(where)}`;
  const lines = [
    `${paint(options, "bold", printable(model))}: ${plural(versions.length, "version")} in ${printable(where)}, newest ${printable(versions[0].version)}`
  ];
  if (options.quiet) return lines.join("\n");
  const shown = options.verbose ? versions : versions.slice(0, TEXT_VERSIONS);
  const width = Math.max(...shown.map((entry) => printable(entry.version).length));
  const tagWidth = Math.max(...shown.map((entry) => printable(entry.tag).length));
  const retired = new Set((answer.retired ?? []).map((entry) => entry.version));
  for (const entry of shown)
    lines.push(
      `  ${paint(options, "bold", printable(entry.version).padEnd(width))}  ${printable(entry.tag).padEnd(tagWidth)}  ${entry.created === void 0 ? "\u2014" : printable(entry.created.slice(0, 10))}  ${paint(options, "cyan", printable(entry.url))}${retired.has(entry.version) ? `  ${paint(options, "yellow", "retired")}` : ""}`
    );
  if (shown.length < versions.length) lines.push(`  \u2026 and ${versions.length - shown.length} more (-v lists them all)`);
  return lines.join("\n");
}

// src/cli/commands/registry-command.ts
var flags = {
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "github, github:OWNER/REPO, or a folder / file:// URL (default release.registry, else .modelship/registry)"
  },
  "tag-format": { type: "string", value: "FORMAT", description: "release tag format (default {model}/v{version})" },
  reason: { type: "string", value: "TEXT", description: "retire: why the version is retired (one line, kept with the mark)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var registryCommand = {
  name: "registry",
  summary: "list a model's released versions, or show one version's manifest",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "registry", env: context.env });
    const [action, ref, ...extra] = positionals;
    const usage = "use: modelship registry list MODEL, modelship registry show MODEL[@VERSION], or modelship registry retire MODEL@VERSION [--reason TEXT]";
    if (!values.help && action === void 0) throw new UserError("registry needs a subcommand: list, show or retire", { hint: usage });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship registry list MODEL | modelship registry show MODEL[@VERSION] | modelship registry retire MODEL@VERSION [--reason TEXT]",
          summary: "Lists the released versions of a model (newest first), shows one version (files, gate verdict, metrics, lineage), or retires one: fetch, promote and verify-promotion then refuse it (its files stay; on GitHub the token needs contents: write).",
          flags
        })
      );
      return ExitCode.ok;
    }
    if (action !== "list" && action !== "show" && action !== "retire")
      throw new UserError(`unknown subcommand "registry ${action}"`, { hint: usage });
    if (ref === void 0)
      throw new UserError(`registry ${action} needs a MODEL${action === "show" ? "[@VERSION]" : action === "retire" ? "@VERSION" : ""}`, {
        hint: usage
      });
    if (extra.length > 0) throw new UserError(`registry ${action} takes one model, got also ${extra.join(" ")}`, { hint: usage });
    if (values.reason !== void 0 && action !== "retire")
      throw new UserError(`--reason is for registry retire, not registry ${action}`, { hint: usage });
    const output = commandOutput(context, values);
    if (action === "retire") {
      const retired = await runRetireStage(
        { ref, reason: values.reason, registry: values.registry, tagFormat: values["tag-format"] },
        cliStageRun(output.context, values.config)
      );
      output.emit({ json: retired, failed: false, text: () => retireText(retired), markdown: () => retireText(retired) });
      return ExitCode.ok;
    }
    const answer = await runRegistryStage(
      { action, ref, registry: values.registry, tagFormat: values["tag-format"] },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      // A retired version carries its mark (`retired`); the rest of each entry is as before.
      json: answer.action === "list" ? answer.versions.map((entry) => {
        const mark2 = answer.retired?.find((retired) => retired.version === entry.version);
        return mark2 === void 0 ? entry : { ...entry, retired: mark2 };
      }) : answer.retired === void 0 ? answer.manifest : { ...answer.manifest, retired: answer.retired },
      failed: false,
      text: () => renderRegistryText(answer, output.text),
      markdown: () => registryMarkdown(answer)
    });
    return ExitCode.ok;
  }
};
function registryMarkdown(answer) {
  if (answer.action === "list") {
    const { model, versions } = answer;
    return versions.length === 0 ? `no versions of ${model} in ${answer.where}` : table(
      ["Version", "Tag", "Released", "Where"],
      versions.map((entry) => [
        answer.retired?.some((retired) => retired.version === entry.version) ? `${entry.version} (retired)` : entry.version,
        code(entry.tag),
        entry.created ?? "\u2014",
        entry.url
      ])
    );
  }
  const { manifest } = answer;
  return [
    `${manifest.name} ${manifest.version} (${manifest.tag}), released ${manifest.created}, digest ${manifest.digest}`,
    `gate verdict: ${manifest.gate.verdict}${manifest.gate.allowUngated ? ` \u2014 released ungated: ${manifest.gate.reason ?? ""}` : ""}`,
    "",
    table(
      ["File", "Role", "Bytes", "sha256"],
      manifest.files.map((file) => [file.name, file.role, formatNumber(file.bytes), code(file.sha256)])
    ),
    "",
    table(
      ["Metric", "Value", "CI"],
      Object.entries(manifest.metrics).map(([name, metric]) => [name, formatNumber(metric.value), formatInterval(metric.ci)])
    ),
    "",
    `lineage: git ${manifest.lineage.gitSha ?? "\u2014"}, run ${manifest.lineage.runUrl ?? "\u2014"}${manifest.lineage.previousVersion === void 0 ? "" : `, after ${manifest.lineage.previousVersion}`}`
  ].join("\n");
}
function retireText(answer) {
  const { mark: mark2 } = answer;
  const what = `${printable(mark2.model)}@${printable(mark2.version)}`;
  const when = `${printable(mark2.retiredAt)}${mark2.by === void 0 ? "" : ` by ${printable(mark2.by)}`}${mark2.reason === void 0 ? "" : `: ${printable(mark2.reason)}`}`;
  return answer.action === "created" ? `Retired ${what} in ${printable(answer.where)} (${when}). fetch, promote and verify-promotion now refuse it.` : `${what} was already retired (${when}); nothing changed.`;
}
export {
  registryCommand
};
