/**
 * The browser harness (test/support/browser.ts) itself: a small hand-written site, one page of which
 * breaks every rule once, shows that each check fires on what it is for and stays quiet on a good page,
 * and that a screenshot is a PNG of the width asked for. The site test relies on an empty problem list
 * meaning something.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromiumSkip, crawlSite, describeProblem, type CrawlResult, type ProblemKind } from "../support/browser.ts";

const page = (title: string, body: string, head = `<link rel="stylesheet" href="style.css">`) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head>\n<body><main id="main"><h1>${title}</h1>\n${body}\n</main></body></html>\n`;

/** A chart of a known size: 240 × 120 CSS pixels from its width and height attributes. */
const CHART = `<svg role="img" aria-label="a good chart" width="240" height="120" viewBox="0 0 240 120"><rect width="240" height="120" fill="#ccd"/></svg>`;

const SITE: Record<string, string> = {
  "style.css": "body { font-family: sans-serif; color: #111; background: #fff; }\n",
  "index.html": page(
    "Index",
    `<p><a href="#main">Skip to the content</a></p>\n<p><a href="good.html#details">details</a>, <a href="broken.html">broken</a>,` +
      ` <a href="sub/">a folder</a>, <a href="https://github.com/owner/repo/pull/1">a pull request</a></p>\n${CHART}`,
  ),
  // A strict CSP, as the site sets: the harness's own script (axe-core) must not trip it.
  "good.html": page(
    "Good",
    `<h2 id="details">Details</h2><p><a href="index.html">home</a></p>`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:">` +
      `<link rel="stylesheet" href="style.css">`,
  ),
  "sub/index.html": page("Folder", `<p><a href="../index.html">home</a></p>`, `<link rel="stylesheet" href="../style.css">`),
  "broken.html": page(
    "Broken",
    [
      `<script>console.error("boom from the page"); throw new Error("uncaught in the page");</script>`,
      `<img src="missing.png" alt="a missing picture">`,
      `<img src="data:image/png;base64,AAAA">`,
      `<svg role="img" aria-label="an empty chart" width="0" height="0"></svg>`,
      `<div style="width: 900px">a fixed width wider than a phone</div>`,
      `<p><a href="nowhere.html">dead</a> <a href="/drift.html">absolute</a> <a href="good.html#no-such-id">fragment</a>`,
      ` <a href="javascript:alert(1)">script</a></p>`,
    ].join("\n"),
    `<link rel="stylesheet" href="missing.css"><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">`,
  ),
};

describe("the browser harness", { skip: chromiumSkip("the browser harness test"), timeout: 180_000 }, () => {
  let dir: string;
  let result: CrawlResult;
  const on = (path: string) => result.problems.filter((problem) => problem.page === path);
  const kinds = (path: string) => new Set(on(path).map((problem) => problem.kind));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelship-browser-harness-"));
    for (const [path, text] of Object.entries(SITE)) {
      await mkdir(join(dir, "site", path, ".."), { recursive: true });
      await writeFile(join(dir, "site", path), text);
    }
    result = await crawlSite(join(dir, "site"), {
      screenshots: [
        { page: "index.html", file: join(dir, "shots", "index.png") },
        { page: "index.html", file: join(dir, "shots", "index-mobile.png"), width: 390 },
      ],
    });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("visits every page reachable by a link, once, and no page outside the site", () => {
    assert.deepEqual([...result.pages].sort(), ["broken.html", "good.html", "index.html", "sub/index.html"]);
  });

  test("finds nothing wrong with the good pages", () => {
    assert.deepEqual([...on("index.html"), ...on("good.html"), ...on("sub/index.html")].map(describeProblem), []);
  });

  test("measures each chart as the browser drew it", () => {
    assert.deepEqual(result.charts, [
      { page: "index.html", label: "a good chart", width: 240, height: 120 },
      { page: "broken.html", label: "an empty chart", width: 0, height: 0 },
    ]);
  });

  test("fires every check on the broken page", () => {
    const expected: ProblemKind[] = [
      "console-error",
      "page-error",
      "http-error",
      "request-failed",
      "external-request",
      "external-reference",
      "broken-image",
      "empty-chart",
      "overflow",
      "dead-link",
      "outside-base",
      "unsafe-link",
      "accessibility",
    ];
    const found = kinds("broken.html");
    assert.deepEqual(
      expected.filter((kind) => !found.has(kind)),
      [],
      `every kind fires; found:\n${on("broken.html").map(describeProblem).join("\n")}`,
    );
    const details = on("broken.html").map(describeProblem).join("\n");
    for (const needle of [
      "boom from the page",
      "uncaught in the page",
      "404 http://127.0.0.1:",
      "/owner-site/missing.png",
      "/owner-site/missing.css: net::ERR_ABORTED",
      "https://fonts.googleapis.com/css2?family=Roboto",
      `"an empty chart" is 0×0`,
      `<a href="nowhere.html"> → nowhere.html answers 404`,
      `<a href="/drift.html"> leaves /owner-site/`,
      `<a href="javascript:alert(1)">`,
      "critical image-alt",
      "on a 390-pixel screen",
    ])
      assert.ok(details.includes(needle), `the problems name ${needle}:\n${details}`);
  });

  test("reports a #fragment that names no element on the page that links to it", () => {
    assert.deepEqual(result.problems.filter((problem) => problem.kind === "dead-fragment").map(describeProblem), [
      "broken.html: dead-fragment: good.html#no-such-id: no element has that id",
    ]);
  });

  test("writes full-page PNG screenshots at the width asked for", async () => {
    assert.deepEqual(result.screenshots, [join(dir, "shots", "index.png"), join(dir, "shots", "index-mobile.png")]);
    for (const [file, width] of [
      ["index.png", 1280],
      ["index-mobile.png", 390],
    ] as const) {
      const png = await readFile(join(dir, "shots", file));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is a PNG`);
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      assert.equal(png.readUInt32BE(16), width, `${file}'s width`);
      assert.ok(png.readUInt32BE(20) > 0);
    }
  });
});
