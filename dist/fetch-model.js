import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunks/chunk-JIW57FMX.js";
import "./chunks/chunk-55Q5D4H7.js";
import "./chunks/chunk-JY2OOAAB.js";
import "./chunks/chunk-5BI4AZKT.js";
import "./chunks/chunk-MOHOK2SR.js";
import "./chunks/chunk-AR5WJP6Z.js";
import "./chunks/chunk-Z75KWGKU.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-YSM7FE72.js";
import "./chunks/chunk-2BUAMGEV.js";

// src/actions/fetch-model.ts
await runAction(async () => {
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
  core_exports.setOutput("path", fetched.path);
  core_exports.setOutput("version", fetched.version);
  core_exports.setOutput("manifest", fetched.manifestPath);
  core_exports.setOutput("model-path", fetched.modelPath);
  core_exports.setOutput("digest", fetched.manifest.digest);
});
