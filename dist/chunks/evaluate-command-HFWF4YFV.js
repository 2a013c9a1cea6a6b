import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  renderGateText
} from "./chunk-UXIXN7OT.js";
import "./chunk-WYWBGQTR.js";
import {
  choiceFlag,
  commandOutput,
  integerFlag,
  listFlag,
  numberFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import {
  runEvaluateStage
} from "./chunk-ZPMBN4D7.js";
import "./chunk-Z64YVPXU.js";
import "./chunk-UQYGI3RK.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-7MP7WTZ3.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-FGAOEPT5.js";
import "./chunk-52YBHNOW.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-WMANSC4W.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-IBGUEDEO.js";
import "./chunk-VVREGJ63.js";
import "./chunk-V7YB4A7J.js";
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
import "./chunk-NR5AHLJJ.js";
import "./chunk-GKGV24WD.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-XBCDKXLE.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-DBOFCCL4.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-CEPJPHC5.js";
import "./chunk-WP7KJD34.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-UO5NOVC6.js";
import "./chunk-QRTANFC2.js";
import "./chunk-4RIK3LXO.js";
import "./chunk-Q5UNJRR7.js";
import "./chunk-GJTNEUV4.js";
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/evaluate-command.ts
var FAIL_ON = ["fail", "warn", "never"];
var flags = {
  model: {
    type: "string",
    short: "m",
    value: "FILE",
    description: "the ONNX model (default model.onnx in train.output, else .modelship/model)"
  },
  contract: {
    type: "string",
    short: "c",
    value: "FILE",
    description: "data contract: dialect, aliases, target and sensitive columns (default data.contract)"
  },
  target: { type: "string", value: "COLUMN", description: "the label column (default the contract's target)" },
  feature: { type: "string", multiple: true, value: "COLUMN", description: "feature columns in order, for a model with one [N, F] input" },
  policy: { type: "string", value: "FILE", description: "gate policy file (default the gates section of modelship.yaml)" },
  champion: {
    type: "string",
    value: "FILE",
    description: "the model to beat, compared on the same rows (a file; gates.champion.release: VERSION|latest takes it from the registry)"
  },
  registry: {
    type: "string",
    short: "r",
    value: "SPEC",
    description: "the registry a released champion comes from (default release.registry, else .modelship/registry)"
  },
  threshold: {
    type: "string",
    value: "P",
    numeric: "number",
    description: "decision threshold on the positive class's probability (default 0.5)"
  },
  "positive-label": { type: "string", value: "LABEL", description: "the positive class of a binary classifier (default the second class)" },
  resamples: {
    type: "string",
    value: "N",
    numeric: "integer",
    description: "bootstrap resamples of the metric and champion intervals (default 2000; 0 turns them off; fairness has gates.fairness.resamples)"
  },
  seed: { type: "string", value: "N", numeric: "integer", description: "bootstrap seed (default 0)" },
  threads: {
    type: "string",
    value: "N",
    numeric: "integer",
    min: 1,
    description: "onnxruntime intra-op threads (MODELSHIP_THREADS also sets the bootstrap's worker threads)"
  },
  "fail-on": { type: "string", value: "LEVEL", choices: FAIL_ON, description: "fail (default), warn or never" },
  "report-dir": {
    type: "string",
    value: "DIR",
    description: "where gate-report.json and gate-report.md go (default .modelship/evaluation)"
  },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var evaluateCommand = {
  name: "evaluate",
  summary: "evaluate an ONNX model: metrics with CIs, fairness, champion comparison, gates",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "evaluate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship evaluate [DATA...] [--model model.onnx] [--policy gates.yaml] [--champion prod.onnx]",
          summary: "Runs the model over the test data in onnxruntime, computes metrics with bootstrap intervals, fairness per\nsensitive group and the paired comparison with a champion, applies the gate policy, and writes gate-report.json\nand gate-report.md (the PR comment).",
          flags,
          notes: "exit status: 0 passed, 1 a gate failed (under --fail-on), 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runEvaluateStage(
      {
        model: values.model,
        data: listFlag(positionals),
        contract: values.contract,
        target: values.target,
        features: listFlag(values.feature),
        policy: values.policy,
        champion: values.champion,
        registry: values.registry,
        threshold: numberFlag(values.threshold, "threshold"),
        positiveLabel: values["positive-label"],
        resamples: integerFlag(values.resamples, "resamples"),
        seed: integerFlag(values.seed, "seed"),
        threads: integerFlag(values.threads, "threads", 1),
        failOn: choiceFlag(values["fail-on"], "fail-on", FAIL_ON),
        reportDir: values["report-dir"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.report,
      markdown: () => result.markdown,
      text: () => renderGateText(result.report, output.text),
      reports: [result.reportPath, result.markdownPath],
      failed: !result.passed
    });
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};
export {
  evaluateCommand
};
