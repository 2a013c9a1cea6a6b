import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-LYNDPWY5.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/site.ts
await startAction("site", async () => {
  const { runSiteStage } = await import("./chunks/site-stage-7QSNOSFW.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-JQYJHMK6.js");
  const { core, getInput, getOptionalLinesInput } = await import("./chunks/runtime-HWLYO2UZ.js");
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), registry: getInput("registry") });
  const result = await runSiteStage(
    { outDir: getInput("out"), drift: getOptionalLinesInput("drift"), dora: getInput("dora"), title: getInput("title"), gitops },
    run
  );
  core.setOutput("path", result.outDir);
  core.setOutput("index", result.indexPath);
  core.setOutput("pages", String(result.pages));
  core.info(`Site written: ${result.indexPath} (${result.pages} pages)`);
});
