/** The site action: inputs → runSiteStage → outputs (the site's folder, its index, the number of pages). */
import { startAction } from "./start.ts";

await startAction("site", async () => {
  const { runSiteStage } = await import("../stages/site-stage.ts");
  const { gitOpsActionInputs } = await import("./stage-context.ts");
  const { core, getInput, getOptionalLinesInput } = await import("./runtime.ts");
  const { run, gitops } = gitOpsActionInputs({ gitopsRepo: getInput("gitops-repo"), registry: getInput("registry") });
  const result = await runSiteStage(
    { outDir: getInput("out"), drift: getOptionalLinesInput("drift"), dora: getInput("dora"), title: getInput("title"), gitops },
    run,
  );
  core.setOutput("path", result.outDir);
  core.setOutput("index", result.indexPath);
  core.setOutput("pages", String(result.pages));
  core.info(`Site written: ${result.indexPath} (${result.pages} pages)`);
});
