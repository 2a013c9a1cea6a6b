import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/site.ts
await startAction("site", async () => {
  const { runSiteStage } = await import("./chunks/site-stage-SRDHU56E.js");
  const { gitOpsActionInputs } = await import("./chunks/stage-context-R52PLW3P.js");
  const { core, getInput, getOptionalLinesInput } = await import("./chunks/runtime-PRD6EMPR.js");
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
