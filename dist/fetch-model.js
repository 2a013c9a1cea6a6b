import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  startAction
} from "./chunks/chunk-S52KHOIA.js";
import "./chunks/chunk-USSVTGDK.js";
import "./chunks/chunk-333R3S4T.js";

// src/actions/fetch-model.ts
await startAction("fetch-model", async () => {
  const { runFetchStage } = await import("./chunks/fetch-stage-EBUFAZOR.js");
  const { actionStageRun, core, getInput, getRequiredInput } = await import("./chunks/runtime-PRD6EMPR.js");
  const run = actionStageRun({ config: getInput("config"), token: getInput("token") });
  const fetched = await runFetchStage(
    {
      ref: getRequiredInput("model", "name the model, e.g. model: adult-income@1.2.0 (or @latest)"),
      dir: getInput("dir"),
      registry: getInput("registry"),
      tagFormat: getInput("tag-format"),
      cacheDir: getInput("cache-dir")
    },
    run
  );
  core.setOutput("path", fetched.path);
  core.setOutput("version", fetched.version);
  core.setOutput("manifest", fetched.manifestPath);
  core.setOutput("model-path", fetched.modelPath);
  core.setOutput("digest", fetched.manifest.digest);
});
