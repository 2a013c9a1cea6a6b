import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  runFetchStage
} from "./chunks/chunk-3WXO4FBN.js";
import "./chunks/chunk-GKYZESYP.js";
import "./chunks/chunk-HQC77T56.js";
import "./chunks/chunk-52CNYNRR.js";
import "./chunks/chunk-M2IIIG4L.js";
import "./chunks/chunk-OD4DNHLU.js";
import {
  actionStageRun,
  core_exports,
  getInput,
  getRequiredInput,
  runAction
} from "./chunks/chunk-DN64TCPN.js";
import "./chunks/chunk-L7GURJM5.js";

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
