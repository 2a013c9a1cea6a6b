/**
 * Every relative link and #anchor of README.md, CONTRIBUTING.md, SECURITY.md, CHANGELOG.md, docs/ and
 * the examples' markdown resolves (scripts/lib/links.ts), offline. External links need a network:
 * scripts/check-links.ts --external checks them in CI (.github/workflows/ci.yml, job "links"); here
 * its HTTP logic runs against a loopback server. Each rule is first shown to catch a broken link, so
 * none passes by finding nothing.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  anchorsOf,
  brokenRelativeLinks,
  checkExternalUrls,
  extractLinks,
  githubSlug,
  isCheckableUrl,
  markdownFiles,
  type ExternalCheckOptions,
} from "../../scripts/lib/links.ts";

const root = join(import.meta.dirname, "../..");

/** A scratch repository of markdown files. */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "links-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("GitHub's heading anchors", () => {
  // Expected anchors as GitHub makes them (github-slugger): lower case; punctuation and emoji
  // dropped; each space a hyphen (so a dropped emoji leaves its space); `_` kept; a repeat gets -1.
  test("slugs", () => {
    assert.equal(githubSlug("Pinning modelship by commit SHA"), "pinning-modelship-by-commit-sha");
    assert.equal(githubSlug("❌ `adult-income` fails 10 of 27 gates"), "-adult-income-fails-10-of-27-gates");
    assert.equal(githubSlug("`model-ci.yml`"), "model-ciyml");
    assert.equal(githubSlug("`modelship` (root action)"), "modelship-root-action");
    assert.equal(githubSlug("How to add…"), "how-to-add");
    assert.equal(githubSlug("A/B testing"), "ab-testing");
    assert.equal(githubSlug("Just-in-time (JIT) runners"), "just-in-time-jit-runners");
    assert.equal(githubSlug("`min_group_size` and **bold** [a link](x.md)"), "min_group_size-and-bold-a-link");
  });

  test("repeats are numbered; headings in code blocks are not headings; explicit ids count", () => {
    const anchors = anchorsOf('# Setup\n## Setup\n```yaml\n# modelship.yaml\n```\n<a id="custom"></a>\n## Setup\n');
    assert.deepEqual([...anchors].sort(), ["custom", "setup", "setup-1", "setup-2"]);
  });
});

describe("finding links", () => {
  test("inline, images, reference definitions, autolinks, multi-line text; not in code", () => {
    const text = [
      'See [the guide](docs/a.md#x) and ![logo](img/logo.png "Logo").',
      "A link whose [text runs",
      "over two lines](docs/b.md).",
      "`[not a link](nowhere.md)` and <https://example.org/page>, bare https://doi.org/10.1/x.",
      "```md",
      "[in a block](nowhere.md)",
      "```",
      "[ref]: ../CHANGELOG.md",
    ].join("\n");
    assert.deepEqual(
      extractLinks("README.md", text).map(({ line, target, kind }) => `${line} ${kind} ${target}`),
      [
        "1 link docs/a.md#x",
        "1 link img/logo.png",
        "3 link docs/b.md",
        "4 link https://example.org/page",
        "4 bare https://doi.org/10.1/x",
        "8 link ../CHANGELOG.md",
      ],
    );
  });

  test("external links that are placeholders or in-cluster names are not fetched", () => {
    assert.ok(isCheckableUrl("https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/"));
    for (const url of [
      "https://github.com/OWNER/REPO",
      "http://prometheus.monitoring.svc:9090",
      "http://localhost:8080/x",
      "http://127.0.0.1:9/",
      "https://data.example.com/…",
      "http://modelship-relay/",
    ])
      assert.ok(!isCheckableUrl(url), url);
  });
});

describe("relative links", () => {
  test("a missing file, a missing anchor and a link out of the repository are each caught", () => {
    const dir = fixture({
      "README.md": [
        "# Title",
        "[ok](docs/guide.md#the-part) [ok too](#title) [folder](docs) [gone](docs/gone.md)",
        "[bad anchor](docs/guide.md#no-such-part) [self bad](#nothing)",
        "[outside](../elsewhere.md)",
        "[ref]: docs/missing.md",
      ].join("\n"),
      "docs/guide.md": "# Guide\n\n## The part\n\n[back](../README.md#title) [code line](../src/x.ts#L3)\n",
      "src/x.ts": "export {};\n",
    });
    try {
      assert.deepEqual(
        brokenRelativeLinks(dir, markdownFiles(dir)).map((link) => `${link.file}:${link.line}: ${link.target}: ${link.reason}`),
        [
          "README.md:2: docs/gone.md: docs/gone.md does not exist",
          "README.md:3: docs/guide.md#no-such-part: docs/guide.md has no heading whose anchor is #no-such-part",
          "README.md:3: #nothing: README.md has no heading whose anchor is #nothing",
          "README.md:4: ../elsewhere.md: points outside the repository",
          "README.md:5: docs/missing.md: docs/missing.md does not exist",
        ],
      );
      // The script says the same and fails.
      const run = spawnSync(process.execPath, [join(root, "scripts/check-links.ts"), "--root", dir], { encoding: "utf8" });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /^README\.md:2: docs\/gone\.md: docs\/gone\.md does not exist$/m);
      assert.match(run.stdout, /relative links: 2 files, 5 broken/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("every relative link and anchor of our markdown resolves", () => {
    const files = markdownFiles(root);
    for (const file of [
      "README.md",
      "CONTRIBUTING.md",
      "SECURITY.md",
      "CHANGELOG.md",
      "docs/README.md",
      "docs/data.md",
      "examples/gitops-repo/README.md",
    ])
      assert.ok(files.includes(file), `scans ${file}`);
    const broken = brokenRelativeLinks(root, files).map((link) => `${link.file}:${link.line}: ${link.target}: ${link.reason}`);
    assert.deepEqual(broken, []);
  });

  test("check-links.ts passes the repository offline", () => {
    const out = execFileSync(process.execPath, [join(root, "scripts/check-links.ts")], { encoding: "utf8" });
    assert.match(out, /relative links: \d+ files, 0 broken/);
  });
});

describe("external links (a loopback server stands in for the web)", () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, string[]>();
  before(async () => {
    server = createServer((request, response) => {
      const path = request.url!;
      const seen = hits.get(path) ?? [];
      seen.push(request.method!);
      hits.set(path, seen);
      if (path === "/ok") response.writeHead(200).end("ok");
      else if (path === "/no-head") response.writeHead(request.method === "HEAD" ? 405 : 200).end();
      else if (path === "/moved") response.writeHead(301, { location: "/ok" }).end();
      else if (path === "/busy-once")
        response.writeHead(seen.length <= 2 ? 503 : 200).end(); // HEAD and GET of try 1
      else if (path === "/slow") setTimeout(() => response.writeHead(200).end(), 2000).unref();
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const options: ExternalCheckOptions = { timeoutMs: 300, retries: 1, backoffMs: 10, concurrency: 4, flakyHosts: [], userAgent: "test" };

  test("live pages pass (HEAD, GET where HEAD is refused, redirects, a retry after 503); dead ones fail", async () => {
    const results = await checkExternalUrls(
      [`${base}/ok`, `${base}/no-head`, `${base}/moved#part`, `${base}/busy-once`, `${base}/gone`, `${base}/slow`, `${base}/ok#again`],
      options,
    );
    assert.deepEqual(
      results.map(({ url, ok, warning, detail }) => [url.slice(base.length), ok, warning, detail]),
      [
        ["/ok", true, false, "200"],
        ["/no-head", true, false, "200"],
        ["/moved", true, false, "200"],
        ["/busy-once", true, false, "200"],
        ["/gone", false, false, "HTTP 404"],
        ["/slow", false, false, "no answer in 300 ms"],
      ],
    );
    assert.deepEqual(hits.get("/ok"), ["HEAD", "HEAD"], "the redirect's target once, /ok once (its #again dropped): HEAD sufficed");
    assert.deepEqual(hits.get("/no-head"), ["HEAD", "GET"]);
    assert.deepEqual(hits.get("/busy-once"), ["HEAD", "GET", "HEAD"], "retried after the 503");
    assert.deepEqual(hits.get("/gone"), ["HEAD", "GET"], "a 404 is not retried");
  });

  test("a failure on a known-flaky host is a warning", async () => {
    const [result] = await checkExternalUrls([`${base}/gone-too`], { ...options, flakyHosts: ["127.0.0.1"] });
    assert.deepEqual(result, { url: `${base}/gone-too`, ok: false, warning: true, detail: "HTTP 404" });
  });
});
