/**
 * The root action (`uses: OWNER/modelship@v1` with `command: validate-data`): runs the named
 * JavaScript action. Inputs are shared by name, so `with:` works as it would on the action itself.
 */
import { getErrorMessage } from "../common/errors.ts";

/** JavaScript actions the root action can run (composite ones are used by their own path). */
const COMMANDS = [
  "validate-data",
  "comment",
  "select-best",
  "release",
  "fetch-model",
  "promote",
  "canary",
  "verify-promotion",
  "drift",
  "dora",
  "site",
] as const;

// core.getInput("command"), read directly: @actions/core (runtime.ts) loads only where needed, so the
// named action's first log line comes at once.
const command = (process.env.INPUT_COMMAND ?? "").trim();
if (!(COMMANDS as readonly string[]).includes(command)) {
  const { core } = await import("./runtime.ts");
  core.setFailed(
    `input "command" must be one of ${COMMANDS.join(", ")}, got "${command}". Fix: set \`with: command: validate-data\` (or use the action by its own path, e.g. OWNER/modelship/actions/validate-data@v1).`,
  );
} else {
  try {
    // Each action's bundle runs itself on import; dist/ holds them side by side. A URL keeps
    // esbuild from trying to bundle the sibling (it exists only in dist/).
    await import(new URL(`./${command}.js`, import.meta.url).href);
  } catch (error) {
    const { core } = await import("./runtime.ts");
    core.setFailed(`could not start ${command}: ${getErrorMessage(error)}`);
  }
}
