/**
 * `modelship site` (dist/cli.js) over the world of test/support/site-world.ts: a local registry with
 * three releases (one retired), a bare GitOps repository with staging and production, drift reports
 * and a DORA report. What the pages say is checked against the world's own files (the gate report in
 * the registry, the state the promotions left), the redacted column's raw group names must appear in
 * no file written, a re-run writes the same bytes, drift history carries forward, bad input names the
 * flag or the file and pointer, and a failure leaves the previous site and no scratch folder behind.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { validatorFor } from "../../src/common/schema-validation.ts";
import historySchema from "../../schemas/drift-history.schema.json" with { type: "json" };
import siteSchema from "../../schemas/site-data.schema.json" with { type: "json" };
import { MemoryLogger } from "../../src/common/logger.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import { GitHubStore } from "../../src/registry/github-store.ts";
import type { ModelManifest } from "../../src/registry/registry-types.ts";
import { runModelship } from "../support/cli.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { fakeGitHubEnv } from "../support/gitops-world.ts";
import { buildSiteWorld, SITE_WORLD_RAW_VALUES, SITE_WORLD_STATE } from "../support/site-world.ts";

let root: string;
let argv: string[];
let versionPage: string;

/** Every file under `dir`, relative path → bytes as text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/** The test's own HTML escaping of a text, to find it in a page. */
function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A number as the pages print it: up to 4 decimals. */
function shown(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** argv with `--out` pointed elsewhere (and anything in `extra` appended). */
function withOut(out: string, extra: string[] = []): string[] {
  const args = [...argv];
  args[args.indexOf("--out") + 1] = out;
  return ["site", ...args, ...extra];
}

describe("modelship site over a registry, a GitOps repository, drift and DORA reports", () => {
  let site: string;
  let run: Awaited<ReturnType<typeof runModelship>>;
  let scratch: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "site-cli-"));
    ({ argv, versionPage } = await buildSiteWorld(root));
    site = join(root, "site");
    // The CLI's scratch folders (the GitOps clone, downloads) go here, so the test can see them removed.
    scratch = join(root, "tmp");
    mkdirSync(scratch);
    run = await runModelship(root, ["site", ...argv], { env: { TMPDIR: scratch } });
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("it writes the index, a page per version, a drift page per model and environment, the history, the CSS and the data", () => {
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.stdout, new RegExp(`^Site written: ${escapeRegExp(join(site, "index.html"))} \\(7 pages\\)$`, "m"));
    assert.deepEqual([...readTree(site).keys()].sort(), [
      "data/drift-history.json",
      "data/site.json",
      "drift/adult-income/production.html",
      "drift/adult-income/staging.html",
      "index.html",
      "models/adult-income/1.0.0.html",
      "models/adult-income/1.1.0.html",
      "models/adult-income/1.2.0.html",
      "promotions.html",
      "site.css",
    ]);
    assert.equal(versionPage, "models/adult-income/1.2.0.html");
    assert.deepEqual(readdirSync(scratch), [], "no scratch folder left");
    assert.deepEqual(
      readdirSync(root).filter((name) => name.startsWith(".site")),
      [],
      "no staging folder left",
    );
  });

  test("the index shows what each environment serves: the stable and canary versions and weights the promotions left", () => {
    const index = readFileSync(join(site, "index.html"), "utf8");
    for (const [environment, state] of Object.entries(SITE_WORLD_STATE)) {
      const link = (version: string) => `<a href="models/adult-income/${version}.html">${version}</a>`;
      const canary = state.canary === undefined ? "—" : `${link(state.canary.version)} at ${state.canary.weight}%`;
      assert.ok(
        index.includes(
          `<tr><th scope="row">adult-income</th><td>${environment}</td><td>canary</td><td>${link(state.stable)}</td><td>${canary}</td>`,
        ),
        `${environment}: stable ${state.stable}, canary ${state.canary?.version ?? "none"}`,
      );
    }
    assert.match(index, /<span class="status-retired">retired 2026-10-06 00:00 UTC<\/span>/);
  });

  test("a version page shows every gate of the release's gate report with its value, interval and status", () => {
    const page = readFileSync(join(site, versionPage), "utf8");
    const report = JSON.parse(readFileSync(join(root, "registry", "adult-income", "1.2.0", "gate-report.json"), "utf8")) as {
      gates: { name: string; status: string; severity: string; value: number | null; ci?: [number, number]; grouping?: string }[];
      metrics: Record<string, { value: number; ci: [number, number] }>;
    };
    assert.ok(report.gates.length > 10);
    for (const gate of report.gates) {
      const value = gate.value === null ? "—" : shown(gate.value);
      const ci = gate.ci === undefined ? "—" : `[${shown(gate.ci[0])},\u00a0${shown(gate.ci[1])}]`;
      const row = `<tr><th scope="row">${escaped(gate.name)}</th><td><span class="status-${gate.status}">${gate.status}</span></td><td>${gate.severity}</td><td class="num">${value}</td><td>${ci}</td>`;
      assert.ok(page.includes(row), `gate ${gate.name}: ${row}`);
    }
    for (const [name, metric] of Object.entries(report.metrics))
      assert.ok(
        page.includes(
          `<tr><th scope="row">${name}</th><td class="num">${shown(metric.value)}</td><td>[${shown(metric.ci[0])},\u00a0${shown(metric.ci[1])}]</td></tr>`,
        ),
        name,
      );
    assert.match(page, /<h2 id="explanations">Explanations: permutation importance<\/h2>/);
    assert.match(page, /<th scope="row">capital_gain<\/th><td class="num">0.081<\/td><td>\[0.072,\u00a00.09\]<\/td>/);
    assert.match(page, /<pre class="card"># adult-income 1.2.0/);
    assert.match(page, /<code>3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c<\/code>/);
    assert.match(page, /<span class="status-not-checked">not-checked<\/span>: not checked: a folder registry has no attestations/);
  });

  test("the redacted column's raw group names appear in no file written, nor in the output; the others' do", () => {
    const files = readTree(site);
    for (const [path, text] of files) for (const raw of SITE_WORLD_RAW_VALUES) assert.ok(!text.includes(raw), `${raw} in ${path}`);
    for (const raw of SITE_WORLD_RAW_VALUES) assert.ok(!run.output.includes(raw), `${raw} in the output`);
    const page = files.get(versionPage)!;
    // sex is sensitive but not redacted: its groups keep their names; race's are numbered pseudonyms.
    assert.match(page, /<th scope="row">Female<\/th>/);
    assert.match(page, /<th scope="row">\[redacted 1\]<\/th>/);
    assert.match(page, /race is redacted: its groups are shown by pseudonym/);
  });

  test("with a redaction key the raw group names are keyed pseudonyms, and still appear nowhere", async () => {
    const out = join(root, "site-keyed");
    const keyed = await runModelship(root, withOut(out), { env: { MODELSHIP_REDACTION_KEY: "k".repeat(64) } });
    assert.equal(keyed.exitCode, 0, keyed.output);
    const files = readTree(out);
    for (const [path, text] of files) for (const raw of SITE_WORLD_RAW_VALUES) assert.ok(!text.includes(raw), `${raw} in ${path}`);
    assert.match(files.get(versionPage)!, /<th scope="row">anon:[0-9a-f]{12}<\/th>/);
  });

  test("site.json and drift-history.json match their schemas; the history holds every report once", () => {
    const data = JSON.parse(readFileSync(join(site, "data", "site.json"), "utf8")) as unknown;
    const validateSite = validatorFor(siteSchema);
    assert.ok(validateSite(data), JSON.stringify(validateSite.errors));
    const history = JSON.parse(readFileSync(join(site, "data", "drift-history.json"), "utf8")) as { points: { environment: string }[] };
    const validateHistory = validatorFor(historySchema);
    assert.ok(validateHistory(history), JSON.stringify(validateHistory.errors));
    assert.equal(history.points.length, 6);
    assert.deepEqual(history.points.map((point) => point.environment).sort(), [
      "production",
      "production",
      "production",
      "production",
      "staging",
      "staging",
    ]);
  });

  test("the promotion history lists each promotion; the DORA figures are there", () => {
    const page = readFileSync(join(site, "promotions.html"), "utf8");
    assert.equal((page.match(/<tr><th scope="row">2026-/g) ?? []).length, 12);
    assert.match(page, /<td>production<\/td><td>rollback<\/td>/);
    assert.match(page, /DORA&#39;s four keys per model and environment/);
  });

  test("a re-run with the same --now writes the same bytes", async () => {
    const first = readTree(site);
    const again = await runModelship(root, ["site", ...argv]);
    assert.equal(again.exitCode, 0, again.output);
    assert.deepEqual(readTree(site), first);
  });

  test("a previous site's drift history carries the trend forward, each report once", async () => {
    const next = join(root, "drift-next", "production-2026-10-10");
    mkdirSync(next, { recursive: true });
    const last = JSON.parse(readFileSync(join(root, "drift-reports", "production-2026-10-09", "drift-report.json"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(join(next, "drift-report.json"), JSON.stringify({ ...last, created: "2026-10-10T06:00:00.000Z" }));
    const out = join(root, "site-next");
    const args = withOut(out);
    // Drop the world's report folder: only the old site's history, the new report, and the old history again (deduplicated).
    const at = args.indexOf("--drift");
    args.splice(
      at,
      2,
      "--drift",
      join(site, "data", "drift-history.json"),
      "--drift",
      join(root, "drift-next"),
      "--drift",
      join(site, "data", "drift-history.json"),
    );
    const carried = await runModelship(root, args);
    assert.equal(carried.exitCode, 0, carried.output);
    const history = JSON.parse(readFileSync(join(out, "data", "drift-history.json"), "utf8")) as { points: unknown[] };
    assert.equal(history.points.length, 7);
    assert.match(
      readFileSync(join(out, "drift", "adult-income", "production.html"), "utf8"),
      /5 drift reports from 2026-10-06 06:00 UTC to 2026-10-10 06:00 UTC/,
    );
  });

  test("bad input names the flag, or the file and where in it; the site is left as it was", async () => {
    const before = readTree(site);
    const missing = await runModelship(root, ["site", ...argv, "--drift", join(root, "nowhere")]);
    assert.equal(missing.exitCode, 2, missing.output);
    assert.match(missing.stderr, /nowhere: no such file or folder \(--drift\)/);

    const malformed = join(root, "bad", "drift-report.json");
    mkdirSync(join(root, "bad"));
    writeFileSync(malformed, '{\n  "schema": "modelship/drift-report@1",\n  status: 1\n}\n');
    const broken = await runModelship(root, ["site", ...argv, "--drift", join(root, "bad")]);
    assert.equal(broken.exitCode, 2, broken.output);
    assert.match(broken.stderr, new RegExp(`${escapeRegExp(malformed)}:3:3: not valid JSON \\(--drift\\)`));

    const invalid = JSON.parse(readFileSync(join(root, "drift-reports", "staging-2026-10-08", "drift-report.json"), "utf8")) as Record<
      string,
      unknown
    >;
    writeFileSync(malformed, JSON.stringify({ ...invalid, status: "bogus" }));
    const wrong = await runModelship(root, ["site", ...argv, "--drift", malformed]);
    assert.equal(wrong.exitCode, 2, wrong.output);
    assert.match(wrong.stderr, new RegExp(`${escapeRegExp(malformed)}: /status: must be one of`));

    const dora = await runModelship(root, ["site", ...argv, "--dora", join(root, "nowhere.json")]);
    assert.equal(dora.exitCode, 2, dora.output);
    assert.match(dora.stderr, /nowhere\.json: no such file \(--dora\)/);
    assert.deepEqual(readTree(site), before, "the previous site is untouched");
    assert.deepEqual(
      readdirSync(root).filter((name) => name.startsWith(".site")),
      [],
    );
  });

  test("a failure after the GitOps repository was cloned leaves the previous site and no scratch folder", async () => {
    const before = readTree(site);
    const file = join(root, "not-a-registry");
    writeFileSync(file, "x\n");
    const failed = await runModelship(root, ["site", ...argv, "--registry", file], { env: { TMPDIR: scratch } });
    assert.equal(failed.exitCode, 2, failed.output);
    assert.match(failed.stderr, /not-a-registry: is a file, not a folder: it cannot be the registry/);
    assert.deepEqual(readTree(site), before);
    assert.deepEqual(readdirSync(scratch), [], "the clone's scratch folder is removed");
    assert.deepEqual(
      readdirSync(root).filter((name) => name.startsWith(".site")),
      [],
    );
  });

  test("an --out folder holding other files is refused, not replaced", async () => {
    const foreign = join(root, "foreign");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "notes.txt"), "mine\n");
    const refused = await runModelship(root, withOut(foreign));
    assert.equal(refused.exitCode, 2, refused.output);
    assert.match(refused.stderr, /holds files that are not a site modelship wrote/);
    assert.deepEqual([...readTree(foreign)], [["notes.txt", "mine\n"]]);
  });

  test("without GitOps settings the index shows the registry only, and says so", async () => {
    const repo = join(root, "registry-only");
    mkdirSync(repo);
    writeFileSync(join(repo, "modelship.yaml"), "version: 1\nmodel: adult-income\n");
    const out = join(root, "site-registry-only");
    const only = await runModelship(repo, ["site", "--registry", join(root, "registry"), "--out", out, "--now", "2026-10-10T00:00:00Z"]);
    assert.equal(only.exitCode, 0, only.output);
    const index = readFileSync(join(out, "index.html"), "utf8");
    assert.match(
      index,
      /No GitOps repository: modelship.yaml has no promote section, and neither --remote nor --gitops-repo was given. This page shows the registry only./,
    );
    assert.match(index, /<a href="models\/adult-income\/1.1.0.html">1.1.0<\/a>/);
  });
});

describe("modelship site over GitHub Releases", () => {
  test("reads each release's gate report and card, and downloads nothing else of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "site-github-"));
    const fake = await FakeGitHub.start();
    try {
      const world = await buildSiteWorld(dir);
      const token = "ghs_siteRegistryToken00000000000000000";
      fake.addRepo("octo/models");
      fake.addToken(token, "write");
      const logger = new MemoryLogger();
      const client = createGitHubClient({ token, baseUrl: fake.url, logger, userAgentVersion: "test", retryBaseMs: 1 });
      const store = new GitHubStore({ client, owner: "octo", repo: "models", logger, retryBaseMs: 1 });
      // Two of the world's packages, published as GitHub Releases (each publish takes seconds: the client spaces its writes).
      for (const version of ["1.1.0", "1.2.0"]) {
        const folder = join(dir, "packages", version);
        const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as ModelManifest;
        await store.publish({
          model: manifest.name,
          version,
          tag: manifest.tag,
          dir: folder,
          names: readdirSync(folder),
          manifest,
          notes: "notes",
        });
      }
      fake.calls.length = 0;
      const out = join(dir, "site-github");
      const args = ["site", ...world.argv, "--registry", "github:octo/models", "--out", out];
      const run = await runModelship(dir, args, { env: fakeGitHubEnv(fake, token) });
      assert.equal(run.exitCode, 0, run.output);
      const downloaded = fake.calls.filter((call) => call.path.startsWith("/_storage/")).map((call) => call.path.split("/").at(-1));
      assert.deepEqual([...new Set(downloaded)].sort(), ["gate-report.json", "manifest.json", "model-card.md"]);
      const page = readFileSync(join(out, "models", "adult-income", "1.2.0.html"), "utf8");
      assert.match(page, /<tr><th scope="row">ROC AUC ≥ 0.85 \(lower 95% CI bound\)<\/th><td><span class="status-pass">pass<\/span><\/td>/);
      assert.match(page, /<pre class="card"># adult-income 1.2.0/);
      // No release.provenance and not in GitHub Actions: nothing says whose attestations to require.
      assert.match(page, /<span class="status-not-verified">not-verified<\/span>: .*nothing says which workflow/);
      assert.deepEqual(readdirSync(join(out, "models", "adult-income")).sort(), ["1.1.0.html", "1.2.0.html"]);
      fake.assertNoSpecViolations();
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
