/**
 * The dashboard's renderer against hostile data: a model name, card, column name, group label,
 * feature, environment, release URL and pull-request link written by an attacker (`<script>`,
 * `"><img onerror>`, `javascript:`). Every page must keep to a fixed set of elements and attributes,
 * carry no event handler and no link but to the site's own pages or an http(s) URL, show the text
 * escaped, and carry the CSP that forbids script. Also the accessible structure (one h1, ordered
 * headings, captions, scoped headers, lang) and file names that never leave the site's folder.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { escapeHtml, markup, safeHref } from "../../../src/site/html.ts";
import { SITE_SCHEMA, type SiteData, type SiteVersion } from "../../../src/site/site-data.ts";
import { driftPagePath, pathSegment, renderSite, shownTime, SITE_CSP, versionPagePath } from "../../../src/site/site-render.ts";

const SCRIPT = "<script>alert(1)</script>";
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const HOSTILE = `${SCRIPT}${BREAKOUT}`;

function version(model: string, name: string): SiteVersion {
  return {
    model,
    version: name,
    tag: `${model}/v${name} ${HOSTILE}`,
    url: "javascript:alert(1)",
    created: "2026-10-01T09:00:00.000Z",
    digest: "sha256:00",
    retired: { at: "2026-10-06T00:00:00.000Z", reason: HOSTILE, by: HOSTILE },
    gate: { verdict: "pass", modelMatches: true, allowUngated: false, reason: HOSTILE },
    metrics: [{ name: HOSTILE, value: 0.9, ci: [0.8, 0.95] }],
    gates: [
      {
        id: HOSTILE,
        kind: "fairness",
        name: HOSTILE,
        metric: HOSTILE,
        status: `pass${BREAKOUT}`,
        severity: HOSTILE,
        value: 0.1,
        observed: 0.12,
        ci: [0.05, 0.12],
        threshold: { max: 0.2 },
        n: 100,
        reason: HOSTILE,
      },
    ],
    fairness: [
      {
        grouping: HOSTILE,
        columns: [HOSTILE],
        privileged: HOSTILE,
        groups: [
          { label: HOSTILE, count: 50, small: false, rates: { [HOSTILE]: 0.3, selection_rate: 0.2 }, ci: { selection_rate: [0.1, 0.3] } },
        ],
        metrics: [{ name: HOSTILE, value: 0.1, worst: HOSTILE }],
        redacted: false,
      },
    ],
    explanations: { method: HOSTILE, metric: HOSTILE, features: [{ feature: HOSTILE, importance: 0.2, ci: [0.1, 0.3], sensitive: true }] },
    card: `# Card\n\n${HOSTILE}\n<a href="javascript:alert(1)">click</a>\n`,
    lineage: {
      gitSha: HOSTILE,
      runUrl: "javascript:alert(1)",
      data: [{ path: HOSTILE, sha256: HOSTILE, bytes: 1 }],
      previousVersion: HOSTILE,
      champion: { source: HOSTILE, sha256: HOSTILE },
    },
    provenance: { manifestSha256: HOSTILE, attestation: { status: "not-checked", detail: HOSTILE } },
    files: [{ name: HOSTILE, role: HOSTILE, sha256: HOSTILE, bytes: 3 }],
    problems: [HOSTILE],
  };
}

function hostileSite(): SiteData {
  const model = `../../${HOSTILE}`;
  return {
    schema: SITE_SCHEMA,
    tool: { name: "modelship", version: "0.0.0-test" },
    created: "2026-10-10T00:00:00.000Z",
    title: HOSTILE,
    registry: { description: HOSTILE },
    gitops: { remote: HOSTILE, base: HOSTILE, environments: [HOSTILE] },
    models: [{ name: model, versions: [version(model, `1.0.0${HOSTILE}`)] }],
    deployments: [
      {
        model,
        environment: HOSTILE,
        strategy: HOSTILE,
        stable: { version: `1.0.0${HOSTILE}`, uri: "javascript:alert(1)" },
        canary: { version: "", uri: HOSTILE, weight: 10 },
      },
    ],
    promotions: [
      {
        model,
        version: HOSTILE,
        environment: HOSTILE,
        action: HOSTILE,
        openedAt: HOSTILE,
        mergedAt: HOSTILE,
        ref: "javascript:alert(1)//pull/1",
      },
      {
        model,
        version: HOSTILE,
        environment: HOSTILE,
        action: HOSTILE,
        openedAt: HOSTILE,
        mergedAt: HOSTILE,
        ref: `https://github.com/o/r/pull/2?${BREAKOUT}`,
      },
    ],
    drift: [
      {
        model,
        environment: HOSTILE,
        created: "2026-10-06T06:00:00.000Z",
        status: `drift${BREAKOUT}`,
        share: 0.5,
        threshold: 0.5,
        driftedColumns: [HOSTILE],
        columnsChecked: 3,
        performance: { metric: "accuracy", current: 0.8, status: HOSTILE },
      },
    ],
    dora: {
      created: HOSTILE,
      window: { since: HOSTILE, until: HOSTILE, days: 28 },
      rows: [{ model, environment: HOSTILE, deploymentFrequency: { perWeek: 1, band: HOSTILE } }],
    },
    redactedColumns: [HOSTILE],
  };
}

/** The elements a page may hold: HTML's structure and text, and the SVG the charts draw. */
const ELEMENTS = new Set(
  "html head meta title link body a header nav main footer h1 h2 h3 p div span code pre ul li dl dt dd table caption thead tbody tr th td figure figcaption svg desc g text rect line polyline circle".split(
    " ",
  ),
);
const ATTRIBUTES = new Set(
  "lang charset name content http-equiv rel href class id aria-label role scope xmlns viewbox width height x y x1 y1 x2 y2 cx cy r points fill text-anchor transform".split(
    " ",
  ),
);

function tagsOf(page: string): { name: string; attributes: string[] }[] {
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    name: match[1]!.toLowerCase(),
    attributes: [...match[2]!.matchAll(/\s+([^\s=>/]+)(?:="[^"]*")?/g)].map((attribute) => attribute[1]!.toLowerCase()),
  }));
}

describe("escaping", () => {
  test("escapeHtml escapes the five characters and the backtick, and drops control characters", () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&\`</a>\u0000\u001b`),
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;",
    );
  });

  test("markup escapes every interpolated value, in content and attributes, and keeps Html", () => {
    const inner = markup`<b>${"<i>"}</b>`;
    assert.equal(
      markup`<p title="${BREAKOUT}">${SCRIPT}${inner}</p>`.toString(),
      `<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>&lt;i&gt;</b></p>`,
    );
  });

  test("safeHref keeps absolute http(s) URLs only", () => {
    assert.equal(safeHref("https://github.com/o/r/pull/1"), "https://github.com/o/r/pull/1");
    for (const url of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>",
      "file:///etc/passwd",
      "/relative",
      "vbscript:x",
      "https://user:pw@host/",
    ])
      assert.equal(safeHref(url), undefined, url);
  });
});

test("times are shown in UTC to the minute; anything else as it is", () => {
  assert.equal(shownTime("2026-10-01T09:00:00.000Z"), "2026-10-01 09:00 UTC");
  assert.equal(shownTime("2026-10-01T11:30:59+02:00"), "2026-10-01 09:30 UTC");
  assert.equal(shownTime("2026-13-45T00:00:00Z"), "2026-13-45T00:00:00Z");
  assert.equal(shownTime(HOSTILE), HOSTILE);
});

describe("renderSite with hostile data", () => {
  const files = renderSite(hostileSite());
  const pages = [...files].filter(([path]) => path.endsWith(".html"));

  test("every page holds only known elements and attributes: no script, no img, no event handler", () => {
    assert.ok(pages.length >= 4, `pages: ${pages.map(([path]) => path).join(", ")}`);
    for (const [path, page] of pages) {
      assert.doesNotMatch(page, /<script|<img|<iframe|<object|<embed/i, path);
      for (const tag of tagsOf(page)) {
        assert.ok(ELEMENTS.has(tag.name), `${path}: element <${tag.name}>`);
        for (const attribute of tag.attributes) assert.ok(ATTRIBUTES.has(attribute), `${path}: attribute ${attribute} on <${tag.name}>`);
      }
    }
  });

  test("a column whose importance is undefined stays in the table as — (and out of the chart)", () => {
    const site = hostileSite();
    const [first] = site.models[0]!.versions;
    const explanations = {
      method: "permutation_importance",
      features: [
        { feature: "age", importance: 0.1 },
        { feature: "race", importance: null, sensitive: true },
      ],
    };
    const page = renderSite({ ...site, models: [{ ...site.models[0]!, versions: [{ ...first!, explanations }] }] }).get(
      versionPagePath(site.models[0]!.name, first!.version),
    )!;
    const table = page.slice(page.indexOf('<h2 id="explanations">'));
    assert.match(table, /<th scope="row">race<\/th><td[^>]*>—<\/td>/);
  });

  test("the training run links only where its URL is a GitHub Actions run; any other URL is text", () => {
    const site = hostileSite();
    const [first] = site.models[0]!.versions;
    const page = (runUrl: string) =>
      renderSite({ ...site, models: [{ ...site.models[0]!, versions: [{ ...first!, lineage: { ...first!.lineage, runUrl } }] }] }).get(
        versionPagePath(site.models[0]!.name, first!.version),
      )!;
    const run = "https://github.com/octo-org/adult-income/actions/runs/123456789";
    assert.ok(page(run).includes(`<a href="${run}"`));
    const phish = "https://evil.example/login?next=github.com/octo-org/adult-income/actions/runs/1";
    assert.ok(!page(phish).includes(`href="${phish}`) && !page(phish).includes('href="https://evil.example'));
    assert.ok(page(phish).includes("evil.example/login"), "shown as text");
  });

  test("links go to the site's own pages or to http(s) URLs; never javascript: or data:", () => {
    for (const [path, page] of pages)
      for (const [, href] of page.matchAll(/\shref="([^"]*)"/g)) {
        const inside = href!.replace(/^(\.\.\/)*/, "");
        const ok =
          /^https?:\/\//.test(href!) ||
          (/^[A-Za-z0-9._/~-]+\.(html|css)$/.test(inside) && !inside.split("/").includes("..")) ||
          href === "#main";
        assert.ok(ok, `${path}: href="${href!}"`);
      }
  });

  test("the hostile text is shown escaped", () => {
    const version = files.get(versionPagePath(`../../${HOSTILE}`, `1.0.0${HOSTILE}`))!;
    assert.ok(version, "the version page exists");
    assert.ok(version.includes("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(version.includes("&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;"), "the card is text");
  });

  test("every page carries the CSP that allows no script, lang, one h1 and ordered headings", () => {
    assert.match(SITE_CSP, /default-src 'none'/);
    assert.doesNotMatch(SITE_CSP, /script-src/);
    for (const [path, page] of pages) {
      assert.ok(page.startsWith('<!doctype html>\n<html lang="en">'), path);
      assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${SITE_CSP.replace(/'/g, "&#39;")}">`), path);
      const levels = [...page.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
      assert.equal(levels.filter((level) => level === 1).length, 1, `${path}: one h1`);
      assert.equal(levels[0], 1, path);
      for (let i = 1; i < levels.length; i++)
        assert.ok(levels[i]! <= levels[i - 1]! + 1, `${path}: h${levels[i - 1]!} then h${levels[i]!}`);
      assert.match(page, /<a class="skip" href="#main">/, path);
    }
  });

  test("every table has a caption and scoped headers; every chart is an image with a name", () => {
    for (const [path, page] of pages) {
      assert.equal((page.match(/<table>/g) ?? []).length, (page.match(/<table><caption>/g) ?? []).length, path);
      assert.doesNotMatch(page, /<th>/, path);
      for (const svg of page.match(/<svg [^>]*>/g) ?? []) assert.match(svg, /role="img" aria-label="[^"]+"/, path);
    }
  });

  test("file names stay in the site's folder", () => {
    for (const path of files.keys()) {
      assert.ok(!path.split("/").includes(".."), path);
      assert.match(path, /^[A-Za-z0-9._/~-]+$/, path);
    }
    assert.equal(pathSegment("adult-income"), "adult-income");
    assert.notEqual(pathSegment("a/b"), pathSegment("a_b"));
    assert.match(driftPagePath("..", "."), /^drift\/x~[0-9a-f]{10}\/x~[0-9a-f]{10}\.html$/);
  });

  test("no two names share a page: long names, names shaped like a hashed one, case, device names", () => {
    // An 83-character valid model name is hashed; its hashed form, taken as a name, must not land on the same page.
    const long = "credit-risk-scoring-model-for-the-retail-lending-division-emea-and-apac-regions-v2-xx";
    const hashed = pathSegment(long);
    assert.notEqual(pathSegment(hashed), hashed);
    const names = [long, hashed, "Adult-Income", "adult-income", "CON", "con", "nul.txt", "a/b", "a_b"];
    const segments = names.map((name) => pathSegment(name).toLowerCase());
    assert.equal(new Set(segments).size, names.length, segments.join(" "));
    for (const segment of segments) assert.doesNotMatch(segment, /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/);
  });
});
