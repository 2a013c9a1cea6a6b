/**
 * A real browser for the site tests: Debian's Chromium (`/usr/bin/chromium`), headless, driven by
 * playwright-core, which never downloads a browser of its own.
 *
 * `crawlSite` serves a folder over a loopback HTTP server under a sub-path (`/owner-site/`, as GitHub
 * Pages serves a project site, so a link that starts with `/` breaks here as it would there), opens
 * index.html and follows every same-origin `<a href>`. For each page it records console errors, page
 * errors, failed requests, responses of 400 or more, any request to another host (aborted: a site
 * that needs a CDN, a web font or a script from elsewhere fails), every chart's box (an `<svg>` with no
 * width or height fails), broken images, links and `#fragments` that lead nowhere, links that leave
 * the sub-path, `javascript:` links, a page wider than a phone's screen, and axe-core's serious or
 * critical accessibility violations. Then
 * it writes the screenshots asked for. A test asserts that the list of problems is empty, so a failure
 * prints each one.
 *
 * CI (`.ci/run`, which sets CI=true) installs chromium and these tests must run there; elsewhere they
 * are skipped with a reason when it is missing, as the torch and Prometheus tests are.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** The sub-path the site is served under, as GitHub Pages serves https://OWNER.github.io/REPO/. */
export const SITE_BASE = "/owner-site/";

/**
 * The flags Chromium runs with: no sandbox (tests run as root in containers), no GPU, and none of
 * its own traffic (component updates, sync, QUIC probes, first-run pages), which a sandbox without
 * a network refuses and which would otherwise show up as requests the site did not make.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The `skip` option for a suite that needs Chromium: false when it is there, and in CI (where a
 * missing browser must fail the run, not hide it); else the reason it is skipped.
 */
export function chromiumSkip(what: string): string | false {
  if (existsSync(CHROMIUM) || process.env.CI === "true") return false;
  return `${CHROMIUM} is not installed (apt-get install chromium) — skipping ${what}`;
}

/** What a check found wrong, on which page (its path under the site root). */
export type ProblemKind =
  | "load"
  | "console-error"
  | "page-error"
  | "request-failed"
  | "http-error"
  | "external-request"
  | "external-reference"
  | "outside-base"
  | "unsafe-link"
  | "dead-link"
  | "dead-fragment"
  | "empty-chart"
  | "broken-image"
  | "overflow"
  | "accessibility";

export interface SiteProblem {
  page: string;
  kind: ProblemKind;
  detail: string;
}

/** One top-level `<svg>` of a page and the size it rendered at, in CSS pixels. */
export interface ChartBox {
  page: string;
  label: string;
  width: number;
  height: number;
}

/** A screenshot to write: `page` (a path under the site root) at `width` CSS pixels (1280), full page (its top `maxHeight` pixels when given), to `file`. */
export interface ScreenshotRequest {
  page: string;
  file: string;
  width?: number;
  maxHeight?: number;
}

export interface CrawlOptions {
  /** Screenshots to take once the crawl is done; their folders are created. */
  screenshots?: ScreenshotRequest[];
  /** Run axe-core on every page and report its serious and critical violations (default true). */
  accessibility?: boolean;
  /** A phone's width in CSS pixels (default 390): every page must fit it without scrolling sideways (a wide table scrolls in its own box). */
  mobileWidth?: number;
}

export interface CrawlResult {
  /** Every page visited, as paths under the site root, in the order visited (index.html first). */
  pages: string[];
  /** Every same-origin link followed or checked, as `from → to` (to: a path under the site root, with its #fragment). */
  links: string[];
  charts: ChartBox[];
  problems: SiteProblem[];
  /** The screenshot files written. */
  screenshots: string[];
}

/** A problem as one line, for an assertion that prints every one. */
export function describeProblem(problem: SiteProblem): string {
  return `${problem.page}: ${problem.kind}: ${problem.detail}`;
}

/** What the in-page script (PAGE_FACTS) reports. */
interface PageFacts {
  links: { href: string; resolved: string }[];
  resources: { tag: string; raw: string; resolved: string }[];
  ids: string[];
  charts: { label: string; width: number; height: number }[];
  brokenImages: string[];
}

/**
 * Runs in the page (a string: the tests' TypeScript has no DOM types). Charts are the outermost
 * `<svg>` elements; their box is getBoundingClientRect's, which is zero for one that is hidden.
 */
const PAGE_FACTS = `(() => {
  const all = (selector) => [...document.querySelectorAll(selector)];
  const links = all("a[href]").map((a) => ({ href: a.getAttribute("href"), resolved: a.href }));
  const resources = [
    ...all("link[href]").map((e) => ({ tag: "link", raw: e.getAttribute("href"), resolved: e.href })),
    ...all("img[src], script[src], source[src], iframe[src], video[src], audio[src]").map((e) => ({
      tag: e.localName, raw: e.getAttribute("src"), resolved: e.src })),
    ...all("object[data]").map((e) => ({ tag: "object", raw: e.getAttribute("data"), resolved: e.data })),
  ];
  const ids = [...all("[id]").map((e) => e.id), ...all("a[name]").map((e) => e.getAttribute("name"))];
  const charts = all("svg").filter((svg) => !svg.parentElement?.closest("svg")).map((svg, index) => {
    const box = svg.getBoundingClientRect();
    const title = svg.querySelector(":scope > title")?.textContent?.trim();
    return { label: svg.getAttribute("aria-label") || title || "svg #" + (index + 1), width: box.width, height: box.height };
  });
  const brokenImages = all("img").filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.getAttribute("src") ?? "");
  return { links, resources, ids, charts, brokenImages };
})()`;

/** axe-core's serious and critical violations of the page, one line each (axe is evaluated through DevTools, so the page's CSP does not block it). */
const AXE_RUN = `axe.run(document, { resultTypes: ["violations"] }).then((result) => result.violations
  .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
  .map((violation) => violation.impact + " " + violation.id + ": " + violation.help + " — " +
    violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ") +
    (violation.nodes.length > 3 ? " and " + (violation.nodes.length - 3) + " more" : "")))`;

let axeSource: string | undefined;
async function axeScript(): Promise<string> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

interface StaticServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

/** Serves `root` read-only under `base`, as GitHub Pages does: a folder's index.html, a folder without its slash redirected, anything else 404. */
async function serveFolder(root: string, base: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if ((request.method !== "GET" && request.method !== "HEAD") || !url.pathname.startsWith(base)) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      let rel: string;
      try {
        rel = decodeURIComponent(url.pathname.slice(base.length));
      } catch {
        response.writeHead(400).end();
        return;
      }
      let file = resolve(root, rel === "" ? "." : rel);
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(404).end();
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          response.writeHead(301, { location: `${url.pathname}/` }).end();
          return;
        }
        file = join(file, "index.html");
      }
      const body = await readFile(file).catch(() => undefined);
      if (body === undefined) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      response.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(request.method === "HEAD" ? undefined : body);
    })();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}

/** Headless Chromium with a fresh profile; `close` also removes the profile. */
async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed: apt-get install chromium (.ci/run installs it)`);
  const profile = await mkdtemp(join(tmpdir(), "modelship-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 60_000,
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** Crawls the site in `root` in Chromium from index.html (see the file's comment for what it checks). */
export async function crawlSite(root: string, options: CrawlOptions = {}): Promise<CrawlResult> {
  root = resolve(root);
  const server = await serveFolder(root, SITE_BASE);
  const siteUrl = `${server.origin}${SITE_BASE}`;
  const browser = await launchChromium();
  try {
    return await crawl(browser.context, root, server.origin, siteUrl, options);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function crawl(context: BrowserContext, root: string, origin: string, siteUrl: string, options: CrawlOptions): Promise<CrawlResult> {
  const problems: SiteProblem[] = [];
  const charts: ChartBox[] = [];
  const links: string[] = [];
  const pages: string[] = [];
  const idsOf = new Map<string, Set<string>>();
  const wantedFragments: { from: string; page: string; fragment: string }[] = [];
  const statusOf = new Map<string, Promise<number>>();
  const queue = ["index.html"];
  const queued = new Set(queue);

  /** The path under the site root that a same-origin URL names (a folder: its index.html), or undefined outside the sub-path. */
  const sitePath = (url: URL): string | undefined => {
    if (!url.pathname.startsWith(SITE_BASE)) return undefined;
    const rel = decodeURIComponent(url.pathname.slice(SITE_BASE.length));
    return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
  };
  /** The HTTP status of a path under the site root (HEAD, once per path). */
  const status = (path: string): Promise<number> => {
    let known = statusOf.get(path);
    if (known === undefined) {
      known = fetch(new URL(encodeURI(path), siteUrl), { method: "HEAD", redirect: "follow" }).then((response) => response.status);
      statusOf.set(path, known);
    }
    return known;
  };

  while (queue.length > 0) {
    const path = queue.shift()!;
    pages.push(path);
    const add = (kind: ProblemKind, detail: string) => problems.push({ page: path, kind, detail });
    const page = await context.newPage();
    try {
      await watch(page, origin, add);
      const response = await page.goto(new URL(encodeURI(path), siteUrl).href, { waitUntil: "load", timeout: 30_000 });
      if (response === null || response.status() !== 200) {
        add("load", `${path} answered ${response?.status() ?? "nothing"}`);
        continue;
      }
      const facts = await page.evaluate<PageFacts>(PAGE_FACTS);
      idsOf.set(path, new Set(facts.ids));
      for (const chart of facts.charts) {
        charts.push({ page: path, ...chart });
        if (!(chart.width > 0 && chart.height > 0)) add("empty-chart", `"${chart.label}" is ${chart.width}×${chart.height}`);
      }
      for (const src of facts.brokenImages) add("broken-image", `<img src="${src}"> did not render`);

      for (const link of facts.links) {
        if (/^\s*(javascript|data|vbscript):/i.test(link.href)) {
          add("unsafe-link", `<a href="${link.href}">`);
          continue;
        }
        const url = new URL(link.resolved);
        if (url.origin !== origin) continue; // a link to another site (a pull request, the docs) is not followed
        const target = sitePath(url);
        if (target === undefined) {
          add("outside-base", `<a href="${link.href}"> leaves ${SITE_BASE}: it breaks on GitHub Pages, which serves the site under /REPO/`);
          continue;
        }
        links.push(`${path} → ${target}${url.hash}`);
        const code = await status(target);
        if (code !== 200) {
          add("dead-link", `<a href="${link.href}"> → ${target} answers ${code}`);
          continue;
        }
        if (url.hash.length > 1) wantedFragments.push({ from: path, page: target, fragment: decodeURIComponent(url.hash.slice(1)) });
        if (target.endsWith(".html") && !queued.has(target)) {
          queued.add(target);
          queue.push(target);
        }
      }
      for (const resource of facts.resources) {
        const url = new URL(resource.resolved);
        if (url.protocol === "data:") continue;
        if (url.origin !== origin) {
          add("external-reference", `<${resource.tag}> names ${resource.raw}: the site must need nothing from another host`);
          continue;
        }
        const target = sitePath(url);
        if (target === undefined) add("outside-base", `<${resource.tag}> names ${resource.raw}, outside ${SITE_BASE}`);
        else if ((await status(target)) !== 200)
          add("dead-link", `<${resource.tag}> names ${resource.raw} → ${target} answers ${await status(target)}`);
      }
      const mobileWidth = options.mobileWidth ?? 390;
      await page.setViewportSize({ width: mobileWidth, height: 800 });
      const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
      if (scrollWidth > mobileWidth)
        add("overflow", `${scrollWidth} CSS pixels wide on a ${mobileWidth}-pixel screen: the page scrolls sideways`);
      await page.setViewportSize({ width: 1280, height: 800 });
      if (options.accessibility !== false) {
        await page.evaluate(await axeScript());
        for (const violation of await page.evaluate<string[]>(AXE_RUN)) add("accessibility", violation);
      }
    } finally {
      await page.close();
    }
  }

  for (const wanted of wantedFragments) {
    const ids = idsOf.get(wanted.page);
    if (ids !== undefined && !ids.has(wanted.fragment))
      problems.push({ page: wanted.from, kind: "dead-fragment", detail: `${wanted.page}#${wanted.fragment}: no element has that id` });
  }

  const screenshots: string[] = [];
  for (const shot of options.screenshots ?? []) {
    const page = await context.newPage();
    try {
      const width = shot.width ?? 1280;
      await page.setViewportSize({ width, height: 800 });
      await page.goto(new URL(encodeURI(shot.page), siteUrl).href, { waitUntil: "load" });
      await mkdir(resolve(shot.file, ".."), { recursive: true });
      const height = await page.evaluate<number>("document.documentElement.scrollHeight");
      const clip = shot.maxHeight === undefined || height <= shot.maxHeight ? undefined : { x: 0, y: 0, width, height: shot.maxHeight };
      await page.screenshot({ path: shot.file, fullPage: true, animations: "disabled", ...(clip === undefined ? {} : { clip }) });
      screenshots.push(shot.file);
    } finally {
      await page.close();
    }
  }
  return { pages, links, charts, problems, screenshots };
}

/** Records what goes wrong while a page loads, and aborts every request to another host. */
async function watch(page: Page, origin: string, add: (kind: ProblemKind, detail: string) => void): Promise<void> {
  const external = (url: string) => !url.startsWith("data:") && new URL(url).origin !== origin;
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    add("console-error", `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => {
    add("page-error", error.message);
  });
  page.on("requestfailed", (request) => {
    if (!external(request.url())) add("request-failed", `${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) add("http-error", `${response.status()} ${response.url()}`);
  });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (!external(url)) return route.continue();
    add("external-request", `${route.request().resourceType()} ${url}`);
    return route.abort("blockedbyclient");
  });
}
