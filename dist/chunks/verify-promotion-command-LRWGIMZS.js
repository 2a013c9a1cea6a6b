import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runVerifyStage
} from "./chunk-OMS4L5UP.js";
import {
  renderVerifyText
} from "./chunk-UXIXN7OT.js";
import "./chunk-WYWBGQTR.js";
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
import "./chunk-Z64YVPXU.js";
import "./chunk-WW4KD5R5.js";
import "./chunk-M7G5CJWX.js";
import "./chunk-OB66M5SJ.js";
import {
  checkOutputFile
} from "./chunk-AZJWTHTA.js";
import "./chunk-WMANSC4W.js";
import "./chunk-YNXDJ5Z6.js";
import "./chunk-GBAVK5Q7.js";
import "./chunk-H7ABQTTS.js";
import "./chunk-IBGUEDEO.js";
import "./chunk-XYL5FBBP.js";
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
import {
  writeFileAtomic
} from "./chunk-L4AE6QMJ.js";
import "./chunk-NR5AHLJJ.js";
import "./chunk-GKTFBMQJ.js";
import "./chunk-4S56GKNV.js";
import "./chunk-ZX6A6IWO.js";
import "./chunk-YVAZ7I5R.js";
import "./chunk-RGJ5T3QL.js";
import "./chunk-LTT6RTNS.js";
import "./chunk-7W4PFK2E.js";
import "./chunk-NP3NC7G4.js";
import "./chunk-OBDTE6IB.js";
import "./chunk-HFKEWQQZ.js";
import "./chunk-R4CRXXNC.js";
import "./chunk-QRTANFC2.js";
import "./chunk-GJTNEUV4.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";
import "./chunk-U5WQZHIB.js";
import "./chunk-USSVTGDK.js";
import "./chunk-333R3S4T.js";

// src/cli/commands/verify-promotion-command.ts
var flags = {
  head: { type: "string", value: "REF", description: "the change to check: a branch or refs/pull/N/head" },
  remote: {
    type: "string",
    value: "URL",
    description: "git URL or path of the GitOps repository (default promote.remote, else the GitHub URL of promote.repository, else the git repository the command runs in)"
  },
  base: { type: "string", value: "BRANCH", description: "the branch the change would merge into (default promote.base, else main)" },
  rules: {
    type: "string",
    value: "PATH",
    description: "modelship.yaml's path in the GitOps repository, read at the base branch (default modelship.yaml)"
  },
  report: { type: "string", value: "FILE", description: "also write the markdown report here" },
  config: {
    type: "string",
    value: "FILE",
    description: "the local modelship.yaml that names the GitOps repository (default: ./modelship.yaml)"
  },
  ...outputFlags,
  help: { type: "boolean", short: "h", description: "show this help" }
};
var verifyPromotionCommand = {
  name: "verify-promotion",
  summary: "check a GitOps change by its base branch's rules: every model URI it deploys is released, intact, gated and attested",
  flagSets: [{ flags }],
  async run(context) {
    const { flags: values } = parseFlags(context.argv, flags, { command: "verify-promotion", env: context.env, positionals: false });
    if (values.help) {
      context.print(
        renderHelp({
          usage: "modelship verify-promotion --head REF [--base BRANCH] [--remote URL] [--rules PATH]",
          summary: "Diffs REF against the base branch of the GitOps repository and judges it by the rules the base branch has (its\nmodelship.yaml: verify.registries, verify.rules_changes, promote.environments' targets). Every model URI the change\nbrings in must be exactly the model file of a release in a trusted registry: every file matches its sha256, its gate\nverdict passed for those bytes, and its build provenance verifies. Changed manifests must validate; a change to the\nrules or .github/ fails unless the rules leave it to the code owners.",
          flags,
          notes: "exit status: 0 every check passed, 1 a check failed (do not merge), 2 input error"
        })
      );
      return ExitCode.ok;
    }
    if (values.head === void 0)
      throw new UserError("no change to check: --head is missing", {
        hint: "pass --head BRANCH or --head refs/pull/N/head (or set MODELSHIP_HEAD); `modelship verify-promotion --help` shows every flag"
      });
    const output = commandOutput(context, values);
    if (values.report !== void 0) await checkOutputFile(values.report, "--report");
    const result = await runVerifyStage(
      {
        head: values.head,
        remote: values.remote,
        base: values.base,
        rulesFile: values.rules,
        gitopsToken: context.env.MODELSHIP_GITOPS_TOKEN || void 0
      },
      cliStageRun(output.context, values.config)
    );
    if (values.report !== void 0) await writeFileAtomic(values.report, `${result.markdown}
`);
    output.emit({
      failed: !result.ok,
      markdown: () => result.markdown,
      text: () => renderVerifyText(result, output.text),
      reports: [values.report],
      json: {
        ok: result.ok,
        files: result.files,
        deleted: result.deleted,
        uris: result.uris,
        problems: result.problems,
        rulesChanges: result.rulesChanges,
        warnings: result.warnings
      }
    });
    return result.ok ? ExitCode.ok : ExitCode.checksFailed;
  }
};
export {
  verifyPromotionCommand
};
