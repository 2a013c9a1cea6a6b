/**
 * The links of our markdown (README.md, CONTRIBUTING.md, SECURITY.md, CHANGELOG.md, docs/ and the
 * examples' markdown), as GitHub renders them: inline links and images, reference definitions,
 * autolinks and bare URLs, outside fenced code blocks and code spans. A relative link must name a
 * file or folder of the repository, and its #anchor a heading of the target (GitHub's slug of it, the
 * way github-slugger makes them: lower case, punctuation dropped, spaces to hyphens, a repeat gets
 * -1, -2…) or an explicit `id`/`name` anchor. External links are listed for scripts/check-links.ts,
 * which checks them where there is a network (CI); the unit test checks the relative ones offline.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";

/** The markdown files whose links must resolve, relative to `root`, with `/`, sorted. */
export function markdownFiles(root: string): string[] {
  const found = ["README.md", "CONTRIBUTING.md", "SECURITY.md", "CHANGELOG.md"].filter((file) => existsSync(join(root, file)));
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk("docs");
  walk("examples");
  return found.sort();
}

export interface Link {
  /** The markdown file, relative to the root. */
  file: string;
  line: number;
  /** As written (angle brackets and title removed). */
  target: string;
  /**
   * `link`: written as one (`[text](target)`, a reference definition, `<https://…>`, `<a href>`).
   * `bare`: a URL in prose that GitHub autolinks; often a value (an OIDC issuer, a default server),
   * so the external check leaves these alone.
   */
  kind: "link" | "bare";
}

/** `text`'s lines with fenced code blocks blanked (so line numbers are kept). */
function prose(text: string): string[] {
  let fence: string | undefined;
  return text.split("\n").map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return "";
    }
    if (marker !== undefined) {
      fence = marker;
      return "";
    }
    return line;
  });
}

/** `text` with its code spans blanked to spaces (a link or URL inside one is text), newlines and offsets kept. */
const withoutCode = (text: string): string => text.replace(/(`+)[\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, " "));

/** Every link of a markdown text, in order of where it starts; link text may run over several lines. */
export function extractLinks(file: string, text: string): Link[] {
  const body = withoutCode(prose(text).join("\n"));
  const lineStarts = [0, ...[...body.matchAll(/\n/g)].map((match) => match.index + 1)];
  const lineOf = (offset: number) => lineStarts.findLastIndex((start) => start <= offset) + 1;
  const found: (Link & { offset: number })[] = [];
  const add = (offset: number, target: string, kind: Link["kind"] = "link") =>
    found.push({ file, line: lineOf(offset), target, kind, offset });
  const spans: [number, number][] = [];
  const inSpan = (offset: number) => spans.some(([start, end]) => offset >= start && offset < end);
  for (const match of body.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?/gm)) {
    add(match.index, match[1]!);
    spans.push([match.index, match.index + match[0].length]);
  }
  // [text](target "title") and ![alt](target); the text may hold one level of brackets (a badge's image).
  for (const match of body.matchAll(/!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
    add(match.index + match[0].lastIndexOf("(") + 1, match[1]!);
    spans.push([match.index, match.index + match[0].length]);
  }
  for (const match of body.matchAll(/<(https?:\/\/[^\s>]+)>/g)) {
    if (inSpan(match.index)) continue;
    add(match.index, match[1]!);
    spans.push([match.index, match.index + match[0].length]);
  }
  // <a href="…"> in inline HTML.
  for (const match of body.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
    add(match.index, match[1]!);
    spans.push([match.index, match.index + match[0].length]);
  }
  // Bare URLs GitHub autolinks, outside the links above; trailing punctuation is not part of them.
  for (const match of body.matchAll(/https?:\/\/[^\s<>()[\]"'`]+/g)) {
    if (!inSpan(match.index)) add(match.index, match[0].replace(/[.,;:!?*_~]+$/, ""), "bare");
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ file, line, target, kind }) => ({ file, line, target, kind }));
}

export const isExternal = (target: string): boolean => /^https?:\/\//i.test(target);

/** GitHub's anchor for a heading's markdown text (github-slugger, after GitHub renders the inline markup). */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/<[^>]+>/g, "") // inline HTML tags
    .replace(/`/g, "")
    .replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, "") // emphasis markers, not snake_case
    .replace(/&[a-z]+;|&#\d+;/gi, "");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors a markdown text offers: its headings' slugs (repeats numbered) and explicit ids and names. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of line.matchAll(/<[a-z]+\s[^>]*(?:id|name)="([^"]+)"/gi)) anchors.add(match[1]!);
  }
  return anchors;
}

export interface BrokenLink extends Link {
  reason: string;
}

/**
 * The relative links of `files` (relative to `root`) that do not resolve: the file or folder is
 * missing or outside the repository, or the #anchor is no heading of the markdown it names.
 */
export function brokenRelativeLinks(root: string, files: string[]): BrokenLink[] {
  const texts = new Map<string, string>();
  const read = (path: string) => {
    let text = texts.get(path);
    if (text === undefined) texts.set(path, (text = readFileSync(join(root, path), "utf8")));
    return text;
  };
  const broken: BrokenLink[] = [];
  for (const file of files) {
    for (const link of extractLinks(file, read(file))) {
      const { target } = link;
      if (isExternal(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // mailto:, other schemes
      const hash = target.indexOf("#");
      const pathPart = decodeURIComponent((hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, ""));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved =
        pathPart === ""
          ? file
          : normalize(pathPart.startsWith("/") ? pathPart.slice(1) : join(dirname(file), pathPart))
              .split(sep)
              .join("/");
      if (resolved === ".." || resolved.startsWith("../") || relative(root, join(root, resolved)).startsWith("..")) {
        broken.push({ ...link, reason: "points outside the repository" });
        continue;
      }
      if (!existsSync(join(root, resolved))) {
        broken.push({ ...link, reason: `${resolved} does not exist` });
        continue;
      }
      if (anchor === undefined || anchor === "" || !resolved.endsWith(".md") || statSync(join(root, resolved)).isDirectory()) continue;
      if (!anchorsOf(read(resolved)).has(anchor.toLowerCase()))
        broken.push({ ...link, reason: `${resolved} has no heading whose anchor is #${anchor}` });
    }
  }
  return broken;
}

/**
 * Whether an external link names a real page: placeholders (OWNER, an ellipsis), example and
 * in-cluster hosts (`example.com`, `*.svc`, a name without a dot, loopback) are prose, not pages.
 */
export function isCheckableUrl(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  const host = url.hostname;
  if (/OWNER|…|%E2%80%A6/.test(target)) return false;
  if (!host.includes(".") || /^(?:127\.|0\.|10\.|192\.168\.|\[)/.test(host) || host === "localhost") return false;
  return !/(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|local|internal|svc|cluster\.local)$/.test(host);
}

export interface ExternalCheckOptions {
  /** Per request. */
  timeoutMs: number;
  /** Further tries after a timeout, a network error, 429 or 5xx. */
  retries: number;
  /** The wait before the first retry, doubled each time (a Retry-After of up to 30 s wins). */
  backoffMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Hosts known to be flaky (rate limits, bot walls): their failures are warnings, not errors. */
  flakyHosts: string[];
  userAgent: string;
}

export interface ExternalResult {
  url: string;
  ok: boolean;
  /** A failure on a flaky host. */
  warning: boolean;
  /** The final HTTP status, or the network error's message. */
  detail: string;
}

/** Known-flaky hosts, each with why: their failures warn in CI instead of failing it. */
export const FLAKY_HOSTS: Record<string, string> = {
  "doi.org": "the resolver redirects to the UCI archive, which often times out",
  "docs.github.com": "answers bursts from Actions runners with 429",
  "github.blog": "answers bursts from Actions runners with 429 or 403",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One URL: HEAD, then GET where HEAD is refused or fails; retried on timeouts, network errors, 429 and 5xx. */
async function checkOne(url: string, options: ExternalCheckOptions): Promise<ExternalResult> {
  const host = new URL(url).hostname;
  const warning = options.flakyHosts.some((flaky) => host === flaky || host.endsWith(`.${flaky}`));
  const request = async (method: "HEAD" | "GET"): Promise<Response> => {
    const response = await fetch(url, {
      method,
      redirect: "follow",
      headers: { "user-agent": options.userAgent, accept: "text/html,application/xhtml+xml,*/*" },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    return response;
  };
  let detail = "";
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let wait = options.backoffMs * 2 ** attempt;
    try {
      let response = await request("HEAD").catch(() => undefined);
      // Many servers refuse or mishandle HEAD (405, 403, 404 from some CDNs): GET decides.
      if (response === undefined || response.status >= 400) response = await request("GET");
      if (response.status < 400) return { url, ok: true, warning: false, detail: String(response.status) };
      detail = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) break;
      const retryAfter = Number(response.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0) wait = Math.min(retryAfter * 1000, 30_000);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      detail =
        (error as Error).name === "TimeoutError"
          ? `no answer in ${options.timeoutMs} ms`
          : `${(error as Error).message}${cause ? ` (${cause})` : ""}`;
    }
    if (attempt < options.retries) await sleep(wait);
  }
  return { url, ok: false, warning, detail };
}

/** Checks each URL once (fragments dropped), `concurrency` at a time, in the order given. */
export async function checkExternalUrls(urls: string[], options: ExternalCheckOptions): Promise<ExternalResult[]> {
  const unique = [...new Set(urls.map((url) => url.replace(/#.*$/, "")))];
  const results: ExternalResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const index = next++;
      results[index] = await checkOne(unique[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, unique.length) }, worker));
  return results;
}
