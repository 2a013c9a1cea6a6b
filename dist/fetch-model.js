import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunks/chunk-4DK3P5VF.js";
import "./chunks/chunk-RGYWJXFP.js";
import "./chunks/chunk-K6P62RG5.js";
import "./chunks/chunk-IY2O7OQE.js";
import "./chunks/chunk-24FDCR3H.js";
import "./chunks/chunk-QZ5TWO4K.js";
import "./chunks/chunk-F2TOL7QQ.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-H22DEWEB.js";
import "./chunks/chunk-LFRDFJH6.js";

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
