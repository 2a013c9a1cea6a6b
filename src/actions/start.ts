/**
 * The first thing every JavaScript action does: say which action and version is running, before
 * anything heavy is loaded, so the log shows the step started (and with which modelship) at once.
 * The action's body then imports what it needs (dynamic `import()`, so the bundle loads its chunks
 * only now) and runs in `runAction`'s failure funnel, where a module that fails to load is reported
 * like any other bug. Imports nothing heavy itself: it is on every action's start.
 */
import { TOOL_VERSION } from "../common/tool-version.ts";

/** Logs `modelship VERSION: NAME`, then runs `body` through runtime.ts' `runAction`. */
export async function startAction(name: string, body: () => Promise<void>): Promise<void> {
  // What core.info writes: the text and a newline on stdout (no workflow command in it to escape).
  process.stdout.write(`modelship ${TOOL_VERSION}: ${name}\n`);
  const { runAction } = await import("./runtime.ts");
  await runAction(body);
}
