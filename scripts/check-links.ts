/**
 * Checks every link of our markdown (README.md, CONTRIBUTING.md, SECURITY.md, CHANGELOG.md, docs/,
 * the examples' markdown; the rules are in scripts/lib/links.ts):
 *
 *   node scripts/check-links.ts                 relative links and #anchors only (offline; the unit test does the same)
 *   node scripts/check-links.ts --external      and every http(s) link, with HEAD (GET where HEAD is refused)
 *       [--timeout-ms 15000] [--retries 2] [--allow-flaky HOST]... [--root DIR]
 *
 * .github/workflows/ci.yml runs it with --external in a job of its own. Links in code blocks and
 * code spans are text, and bare URLs in prose are often values (an OIDC issuer), so only written
 * links are fetched. A failure on a known-flaky host (FLAKY_HOSTS, or --allow-flaky) is a warning;
 * any other broken link fails with its file:line and the reason. Exit 0 all good, 1 broken links,
 * 2 a bad flag.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  brokenRelativeLinks,
  checkExternalUrls,
  extractLinks,
  FLAKY_HOSTS,
  isCheckableUrl,
  isExternal,
  markdownFiles,
  type Link,
} from "./lib/links.ts";

let values;
try {
  ({ values } = parseArgs({
    options: {
      external: { type: "boolean", default: false },
      "timeout-ms": { type: "string", default: "15000" },
      retries: { type: "string", default: "2" },
      "allow-flaky": { type: "string", multiple: true, default: [] },
      root: { type: "string" },
    },
  }));
} catch (error) {
  console.error(`check-links: ${(error as Error).message}`);
  process.exit(2);
}
const timeoutMs = Number(values["timeout-ms"]);
const retries = Number(values.retries);
if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || !Number.isInteger(retries) || retries < 0) {
  console.error("check-links: --timeout-ms must be a positive whole number of milliseconds and --retries a whole number ≥ 0");
  process.exit(2);
}

const root = values.root ?? join(import.meta.dirname, "..");
const files = markdownFiles(root);
let failed = 0;

const broken = brokenRelativeLinks(root, files);
for (const link of broken) console.log(`${link.file}:${link.line}: ${link.target}: ${link.reason}`);
failed += broken.length;
console.log(`relative links: ${files.length} files, ${broken.length} broken`);

if (values.external) {
  const links: Link[] = files.flatMap((file) => extractLinks(file, readFileSync(join(root, file), "utf8")));
  const external = links.filter((link) => link.kind === "link" && isExternal(link.target) && isCheckableUrl(link.target));
  const results = await checkExternalUrls(
    external.map((link) => link.target),
    {
      timeoutMs,
      retries,
      backoffMs: 1000,
      concurrency: 8,
      flakyHosts: [...Object.keys(FLAKY_HOSTS), ...values["allow-flaky"]],
      userAgent: "modelship-link-check (+https://github.com/modelship/modelship)",
    },
  );
  let warned = 0;
  for (const result of results.filter((result) => !result.ok)) {
    const where = external
      .filter((link) => link.target.replace(/#.*$/, "") === result.url)
      .map((link) => `${link.file}:${link.line}`)
      .join(", ");
    if (result.warning) {
      warned++;
      console.log(`warning: ${where}: ${result.url}: ${result.detail} (a known-flaky host: not a failure)`);
    } else {
      failed++;
      console.log(`${where}: ${result.url}: ${result.detail}`);
    }
  }
  console.log(
    `external links: ${results.length} checked, ${results.filter((result) => !result.ok && !result.warning).length} broken, ${warned} warned`,
  );
}

if (failed > 0) {
  console.log("Fix each link above: point it at a file that exists, a heading of that file (GitHub's anchor), or a live page.");
  process.exit(1);
}
