/**
 * The screenshots of `modelship site` in the docs (docs/site.md, the README): builds the site test's
 * world (test/support/site-world.ts), writes its site with the built CLI (dist/cli.js: run
 * `npm run build` first), loads every page in headless Chromium (test/support/browser.ts, which needs
 * `/usr/bin/chromium`) and, when no page has a problem, writes the index and the top of a version
 * page as docs/images/site-index.png and docs/images/site-version.png.
 *
 *   npm run site:screenshots
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSite, describeProblem } from "../test/support/browser.ts";
import { runModelship } from "../test/support/cli.ts";
import { buildSiteWorld } from "../test/support/site-world.ts";

const images = join(import.meta.dirname, "../docs/images");
const dir = await mkdtemp(join(tmpdir(), "modelship-site-screenshots-"));
try {
  const world = await buildSiteWorld(dir);
  const run = await runModelship(dir, ["site", ...world.argv], { timeoutMs: 120_000 });
  if (run.exitCode !== 0) throw new Error(`modelship site failed:\n${run.output}`);
  const result = await crawlSite(join(dir, "site"), {
    screenshots: [
      { page: "index.html", file: join(images, "site-index.png") },
      { page: world.versionPage, file: join(images, "site-version.png"), maxHeight: 1600 },
    ],
  });
  if (result.problems.length > 0) throw new Error(`the site has problems:\n${result.problems.map(describeProblem).join("\n")}`);
  console.log(`wrote ${result.screenshots.join(" and ")} (${result.pages.length} pages checked)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
