import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunks/chunk-TK5XIBHX.js";
import "./chunks/chunk-FQHJJIWZ.js";
import "./chunks/chunk-TU67Z6CI.js";
import "./chunks/chunk-C4RNAJ2Z.js";
import "./chunks/chunk-WFFBTO2P.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-ZRBTEC3G.js";
import "./chunks/chunk-K5RVHLOP.js";

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
