/**
 * `modelship site` in a real browser: the built CLI (dist/cli.js) writes the site of a realistic world
 * (test/support/site-world.ts: a registry of three versions, a GitOps repository with staging and
 * production, drift reports, a DORA report), and headless Chromium (test/support/browser.ts) loads
 * every page under a GitHub Pages-like sub-path: no console error, failed request or request to
 * another host, every chart drawn with a size, every link and #fragment resolving, no serious
 * accessibility violation. Screenshots of the index (desktop and mobile) and of a version page go to
 * test-output/site-browser/ (gitignored), the test's output folder, so a person (or CI's artifacts)
 * can look at what the browser saw.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromiumSkip, crawlSite, describeProblem, type CrawlResult } from "../support/browser.ts";
import { runModelship } from "../support/cli.ts";
import { buildSiteWorld, SITE_WORLD_MODEL } from "../support/site-world.ts";

/** The test's output folder: screenshots stay here after the run (test-output/ is gitignored). */
const SITE_BROWSER_OUTPUT = join(import.meta.dirname, "../../test-output/site-browser");

describe("modelship site in headless Chromium", { skip: chromiumSkip("the site's browser test"), timeout: 300_000 }, () => {
  let dir: string;
  let site: string;
  let versionPage: string;
  let result: CrawlResult;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-site-browser-"));
    const world = await buildSiteWorld(dir);
    versionPage = world.versionPage;
    site = join(dir, "site");
    const run = await runModelship(dir, ["site", ...world.argv], { timeoutMs: 120_000 });
    assert.equal(run.exitCode, 0, run.output);
    result = await crawlSite(site, {
      screenshots: [
        { page: "index.html", file: join(SITE_BROWSER_OUTPUT, "index.png") },
        { page: "index.html", file: join(SITE_BROWSER_OUTPUT, "index-mobile.png"), width: 390 },
        { page: versionPage, file: join(SITE_BROWSER_OUTPUT, "version.png") },
      ],
    });
    console.log(`site-browser: screenshots in ${SITE_BROWSER_OUTPUT}`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("every page loads with no console error, failed request, request to another host, dead link or accessibility violation", () => {
    assert.deepEqual(result.problems.map(describeProblem), []);
  });

  test("the crawl reaches a page for every released version, every drift trend and the promotion history from the index", async () => {
    // The versions and the environments with drift reports, from the world's registry and reports.
    const versions = (await readdir(join(dir, "registry", SITE_WORLD_MODEL), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    assert.equal(versions.length, 3);
    for (const version of versions) {
      const page = versionPage.replace(/[^/]+\.html$/, `${version}.html`);
      assert.ok(result.pages.includes(page), `${page} among ${result.pages.join(", ")}`);
    }
    const environments = new Set((await readdir(join(dir, "drift-reports"))).map((name) => name.replace(/-\d{4}-\d{2}-\d{2}$/, "")));
    for (const environment of environments)
      assert.ok(
        result.pages.some((page) => page.includes("drift") && page.includes(environment)),
        `a drift page for ${environment} among ${result.pages.join(", ")}`,
      );
    assert.ok(
      result.pages.some((page) => /promotion|history/.test(page)),
      `a promotion history page among ${result.pages.join(", ")}`,
    );
    assert.ok(result.links.length >= result.pages.length - 1, "every page but the index was reached by a link");
  });

  test("every chart renders with a non-zero size, and the drift trend and version page have charts", () => {
    assert.ok(result.charts.length > 0, "the site has charts");
    assert.deepEqual(
      result.charts.filter((chart) => !(chart.width > 0 && chart.height > 0)),
      [],
    );
    assert.ok(
      result.charts.some((chart) => /drift/.test(chart.page)),
      `a chart on a drift page: ${JSON.stringify(result.charts)}`,
    );
    assert.ok(
      result.charts.some((chart) => chart.page === versionPage),
      `a chart on ${versionPage}`,
    );
  });

  test("writes the screenshots of the index and of a version page into the test's output folder", async () => {
    assert.deepEqual(result.screenshots, [
      join(SITE_BROWSER_OUTPUT, "index.png"),
      join(SITE_BROWSER_OUTPUT, "index-mobile.png"),
      join(SITE_BROWSER_OUTPUT, "version.png"),
    ]);
    for (const [file, width] of [
      ["index.png", 1280],
      ["index-mobile.png", 390],
      ["version.png", 1280],
    ] as const) {
      const png = await readFile(join(SITE_BROWSER_OUTPUT, file));
      assert.equal(png.toString("latin1", 1, 4), "PNG", file);
      assert.equal(png.readUInt32BE(16), width, `${file} is ${width} CSS pixels wide`);
    }
  });
});
