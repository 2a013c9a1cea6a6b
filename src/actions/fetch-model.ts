/** The fetch-model action: download a released model version and verify every file before use. */
import { startAction } from "./start.ts";

await startAction("fetch-model", async () => {
  const { runFetchStage } = await import("../stages/fetch-stage.ts");
  const { actionStageRun, core, getInput, getRequiredInput } = await import("./runtime.ts");
  const run = actionStageRun({ config: getInput("config"), token: getInput("token") });
  const fetched = await runFetchStage(
    {
      ref: getRequiredInput("model", "name the model, e.g. model: adult-income@1.2.0 (or @latest)"),
      dir: getInput("dir"),
      registry: getInput("registry"),
      tagFormat: getInput("tag-format"),
      cacheDir: getInput("cache-dir"),
    },
    run,
  );
  core.setOutput("path", fetched.path);
  core.setOutput("version", fetched.version);
  core.setOutput("manifest", fetched.manifestPath);
  core.setOutput("model-path", fetched.modelPath);
  core.setOutput("digest", fetched.manifest.digest);
});
