import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runValidateStage
} from "./chunk-BUVAY3N5.js";
import "./chunk-DUVNE2TN.js";
import {
  renderValidationText
} from "./chunk-BCJU35BN.js";
import {
  choiceFlag,
  commandOutput,
  integerFlag,
  listFlag,
  outputFlags,
  parseFlags,
  renderHelp
} from "./chunk-CVSIDJ6X.js";
import {
  ExitCode,
  cliStageRun
} from "./chunk-I3SDEOJT.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-AZJWTHTA.js";
import "./chunk-MAHMYA47.js";
import "./chunk-WC5L3K5J.js";
import "./chunk-764VFCH4.js";
import "./chunk-TQQPERQT.js";
import "./chunk-HWW2H3QW.js";
import "./chunk-FBLJ2B7Y.js";
import "./chunk-RCYMTRN5.js";
import "./chunk-RNR6NDII.js";
import "./chunk-L4AE6QMJ.js";
import "./chunk-7VUA2BAW.js";
import "./chunk-GKGV24WD.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-TRMWJGGS.js";
import "./chunk-FBC54HEI.js";
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
import "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/validate-command.ts
var FAIL_ON = ["error", "warning", "never"];
var flags = {
  contract: { type: "string", short: "c", value: "FILE", description: "data contract (modelship YAML or Frictionless Table Schema)" },
  train: { type: "string", value: "FILE", description: "training data (with --test: train/test hygiene checks)" },
  test: { type: "string", value: "FILE", description: "test data" },
  "base-contract": { type: "string", value: "FILE", description: "previous contract to diff against" },
  "fail-on": { type: "string", value: "LEVEL", choices: FAIL_ON, description: "error (default), warning or never" },
  "max-examples": { type: "string", value: "N", numeric: "integer", description: "failing values listed per check (default 5)" },
  "report-dir": { type: "string", value: "DIR", description: "where the JSON and markdown reports go (default .modelship/reports)" },
  config: { type: "string", value: "FILE", description: "modelship.yaml (default: ./modelship.yaml when present)" },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var validateCommand = {
  name: "validate",
  summary: "check data files against a data contract",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values, positionals } = parseFlags(context.argv, flags, { command: "validate", env: context.env });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship validate [DATA...] [--contract FILE] [--train FILE --test FILE]",
          summary: "Checks data files (CSV, CSV.gz, JSON Lines, Parquet) against a data contract and writes a validation report.\nOne file is checked alone; with two (or --train/--test) the train/test hygiene checks run too.",
          flags,
          notes: "exit status: 0 passed, 1 checks failed, 2 usage or input error"
        })
      );
      return ExitCode.ok;
    }
    const output = commandOutput(context, values);
    const result = await runValidateStage(
      {
        contract: values.contract,
        data: listFlag(positionals),
        train: values.train,
        test: values.test,
        baseContract: values["base-contract"],
        failOn: choiceFlag(values["fail-on"], "fail-on", FAIL_ON),
        maxExamples: integerFlag(values["max-examples"], "max-examples"),
        // Annotations are workflow commands: a terminal gets the report instead.
        maxAnnotations: 0,
        reportDir: values["report-dir"]
      },
      cliStageRun(output.context, values.config)
    );
    output.emit({
      json: result.report,
      markdown: () => result.markdown,
      text: () => renderValidationText(result.report, output.text, { contractDiff: result.contractDiff }),
      reports: [result.reportPath, result.markdownPath],
      failed: !result.passed
    });
    return result.passed ? ExitCode.ok : ExitCode.checksFailed;
  }
};
export {
  validateCommand
};
