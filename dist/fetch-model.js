import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunks/chunk-3DYWT3J6.js";
import "./chunks/chunk-P7BFEAK3.js";
import "./chunks/chunk-Y2E2HNBE.js";
import "./chunks/chunk-3M4Q4ESR.js";
import "./chunks/chunk-TXDK3HM6.js";
import "./chunks/chunk-OLVC4NSS.js";
import "./chunks/chunk-2J5Z4KCR.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-ZC5XNF6T.js";
import "./chunks/chunk-EA62S6YL.js";

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
