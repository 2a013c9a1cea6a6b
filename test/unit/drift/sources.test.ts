import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { MemoryLogger } from "../../../src/common/logger.ts";
import { formatFromName, readableExtension } from "../../../src/data/readers/open-table.ts";
import { expandGlob, resolveCurrentSources, type ResolvedSources } from "../../../src/drift/sources.ts";
import { AllowList } from "../../../src/net/allow-internal.ts";

/** The test servers listen on loopback, which downloads reach only when allowed. */
const LOOPBACK = { allowInternal: AllowList.parse({ entries: ["127.0.0.1"], source: "test" }) };

const CSV = "age,income\n31,52000\n45,61000\n";
const root = await mkdtemp(join(tmpdir(), "modelship-sources-"));
after(() => rm(root, { recursive: true, force: true }));

/** Asserts `promise` rejects with a UserError whose message matches every pattern; returns it. */
async function rejectsUser(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a rejection");
}

function loggedText(logger: MemoryLogger): string {
  return logger.entries.map((entry) => `${entry.level}: ${entry.message}`).join("\n");
}

describe("expandGlob", () => {
  let dir: string;
  before(async () => {
    dir = join(root, "globs");
    for (const file of [
      "a.csv",
      "b.csv",
      "c.csv",
      "notes.md",
      "data/part-1.csv",
      "data/part-2.jsonl",
      "data/part-10.csv",
      "data/sub/z.csv.gz",
      "data/sub/readme.md",
    ]) {
      await mkdir(join(dir, file, ".."), { recursive: true });
      await writeFile(join(dir, file), "x\n");
    }
    await mkdir(join(dir, "folder.csv")); // A folder that looks like a data file.
    await symlink(join(dir, "a.csv"), join(dir, "data", "link.csv"));
  });

  it("matches ** across folders, files only, sorted and absolute", async () => {
    const files = await expandGlob("**/*.csv", dir);
    assert.deepEqual(
      files,
      ["a.csv", "b.csv", "c.csv", "data/link.csv", "data/part-1.csv", "data/part-10.csv"].map((file) => join(dir, file)),
    );
  });

  it("matches ? as one character", async () => {
    assert.deepEqual(await expandGlob("data/part-?.*", dir), [join(dir, "data/part-1.csv"), join(dir, "data/part-2.jsonl")]);
    assert.deepEqual(await expandGlob("data/part-?.csv", dir), [join(dir, "data/part-1.csv")]);
  });

  it("matches character classes", async () => {
    assert.deepEqual(await expandGlob("[ab].csv", dir), [join(dir, "a.csv"), join(dir, "b.csv")]);
  });

  it("keeps only files the readers open", async () => {
    assert.deepEqual(
      await expandGlob("data/**/*", dir),
      ["data/link.csv", "data/part-1.csv", "data/part-10.csv", "data/part-2.jsonl", "data/sub/z.csv.gz"].map((file) => join(dir, file)),
    );
    await rejectsUser(expandGlob("**/*.md", dir), /\*\*\/\*\.md matches 2 file\(s\)/, /none with an extension modelship reads/);
  });

  it("takes absolute patterns", async () => {
    assert.deepEqual(await expandGlob(join(dir, "[c].csv"), "/"), [join(dir, "c.csv")]);
  });

  it("names the pattern and the folder when nothing matches", async () => {
    await rejectsUser(
      expandGlob("data/*.parquet", dir),
      /data\/\*\.parquet matches no files/,
      new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    );
  });

  it("treats a pattern without magic as a plain path", async () => {
    assert.deepEqual(await expandGlob("notes.md", dir), [join(dir, "notes.md")]);
    const error = await rejectsUser(expandGlob("data/missing.csv", dir), /^data\/missing\.csv: no such file/);
    assert.match(error.message, new RegExp(`looked in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await rejectsUser(expandGlob("data", dir), /data: is a folder/, /data\/\*\*\/\*\.csv/);
  });

  it("knows the extensions the readers know", () => {
    for (const name of ["x.csv", "x.TSV", "x.txt", "x.jsonl", "x.ndjson", "x.csv.gz", "x.jsonl.gzip", "x.parquet", "x.pq"]) {
      assert.ok(readableExtension(name) !== undefined, name);
      assert.doesNotThrow(() => formatFromName(name), name);
    }
    for (const name of ["x.json", "x.md", "x.gz", "x.csv.zip", "csv"]) assert.equal(readableExtension(name), undefined, name);
  });
});

/** One scripted answer: what the server does for the n-th request to a path. */
type Answer = (response: ServerResponse) => void;

interface Served {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Answers per path, used in turn; the last one repeats. */
  script: Map<string, Answer[]>;
}

const csvAnswer =
  (body: string | Buffer = CSV, type = "text/plain"): Answer =>
  (response) => {
    response.writeHead(200, { "content-type": type });
    response.end(body);
  };
const statusAnswer =
  (status: number, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, headers);
    response.end(`status ${status}`);
  };

describe("resolveCurrentSources", () => {
  let server: Server;
  const served: Served = { url: "", requests: [], script: new Map() };
  const counts = new Map<string, number>();

  before(async () => {
    server = createServer((request, response) => {
      const path = (request.url ?? "/").replace(/\?.*$/, "");
      served.requests.push({ path: request.url ?? "/", headers: request.headers });
      const answers = served.script.get(path);
      if (answers === undefined) {
        statusAnswer(404)(response);
        return;
      }
      const count = counts.get(path) ?? 0;
      counts.set(path, count + 1);
      answers[Math.min(count, answers.length - 1)]!(response);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });
  beforeEach(() => {
    served.requests = [];
    served.script = new Map();
    counts.clear();
  });

  const tempDir = join(root, "downloads");
  const options = (logger: MemoryLogger, extra: Partial<Parameters<typeof resolveCurrentSources>[1]> = {}) => ({
    logger,
    tempDir,
    retries: 4,
    retryBaseMs: 2,
    cwd: root,
    network: LOOPBACK,
    ...extra,
  });

  it("downloads a CSV byte for byte, keeping the URL's extension, and cleans up", async () => {
    const bytes = Buffer.from(`${CSV}${"7,8\n".repeat(50_000)}`);
    served.script.set("/data/current.csv", [csvAnswer(bytes, "application/octet-stream")]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/data/current.csv`] }, options(logger));
    assert.equal(resolved.files.length, 1);
    assert.match(resolved.files[0]!, /current\.csv$/);
    assert.ok((await readFile(resolved.files[0]!)).equals(bytes));
    assert.deepEqual(resolved.sources, [`${served.url}/data/current.csv`]);
    assert.equal(served.requests.length, 1);
    await resolved.cleanup();
    assert.equal(existsSync(resolved.files[0]!), false);
    await resolved.cleanup(); // Twice is fine.
  });

  it("keeps a compound extension such as .csv.gz", async () => {
    const bytes = gzipSync(CSV);
    served.script.set("/current.csv.gz", [csvAnswer(bytes, "application/gzip")]);
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/current.csv.gz`] }, options(new MemoryLogger()));
    assert.match(resolved.files[0]!, /current\.csv\.gz$/);
    assert.ok((await readFile(resolved.files[0]!)).equals(bytes));
    await resolved.cleanup();
  });

  it("takes the extension from the content type when the path has none", async () => {
    served.script.set("/export", [csvAnswer(CSV, "text/csv; charset=utf-8")]);
    served.script.set("/events", [csvAnswer('{"a":1}\n', "application/x-ndjson")]);
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/export`, `${served.url}/events`] }, options(new MemoryLogger()));
    assert.equal(resolved.files.length, 2);
    assert.ok(resolved.files.some((file) => file.endsWith("export.csv")));
    assert.ok(resolved.files.some((file) => file.endsWith("events.jsonl")));
    assert.equal(
      await readFile(
        resolved.files.find((file) => file.endsWith(".jsonl"))!,
        "utf8",
      ),
      '{"a":1}\n',
    );
    await resolved.cleanup();
  });

  it("refuses a download whose format it cannot tell, leaving nothing behind", async () => {
    served.script.set("/ok.csv", [csvAnswer()]);
    served.script.set("/blob", [csvAnswer("x", "application/octet-stream")]);
    const before = existsSync(tempDir) ? await readdir(tempDir) : [];
    await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/ok.csv`, `${served.url}/blob`] }, options(new MemoryLogger())),
      /cannot tell the format of http:\/\/127\.0\.0\.1:\d+\/blob/,
      /application\/octet-stream/,
      /ends in \.csv/,
    );
    assert.deepEqual(await readdir(tempDir), before);
  });

  it("stops a download past maxBytes without retrying, leaving nothing behind", async () => {
    served.script.set("/endless.csv", [csvAnswer(Buffer.from(`${CSV}${"7,8\n".repeat(5_000)}`))]);
    const before = existsSync(tempDir) ? await readdir(tempDir) : [];
    await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/endless.csv`] }, options(new MemoryLogger(), { maxBytes: 1_000 })),
      /endless\.csv sent more than 1000 bytes/,
    );
    assert.equal(served.requests.length, 1);
    assert.deepEqual(await readdir(tempDir), before);
    // At the cap exactly, the download goes through.
    served.script.set("/small.csv", [csvAnswer(CSV)]);
    const resolved = await resolveCurrentSources(
      { urls: [`${served.url}/small.csv`] },
      options(new MemoryLogger(), { maxBytes: Buffer.byteLength(CSV) }),
    );
    assert.equal(await readFile(resolved.files[0]!, "utf8"), CSV);
    await resolved.cleanup();
  });

  it("reads the cap from MODELSHIP_MAX_DOWNLOAD_BYTES and names it when it is not a number", async () => {
    served.script.set("/current.csv", [csvAnswer(`${CSV}${"7,8\n".repeat(1_000)}`)]);
    const saved = process.env.MODELSHIP_MAX_DOWNLOAD_BYTES;
    try {
      process.env.MODELSHIP_MAX_DOWNLOAD_BYTES = "500";
      await rejectsUser(resolveCurrentSources({ urls: [`${served.url}/current.csv`] }, options(new MemoryLogger())), /more than 500 bytes/);
      process.env.MODELSHIP_MAX_DOWNLOAD_BYTES = "10GB";
      const error = await rejectsUser(
        resolveCurrentSources({ urls: [`${served.url}/current.csv`] }, options(new MemoryLogger())),
        /MODELSHIP_MAX_DOWNLOAD_BYTES must be a whole number of bytes above 0, got "10GB"/,
      );
      assert.match(error.hint ?? "", /21474836480/);
    } finally {
      if (saved === undefined) delete process.env.MODELSHIP_MAX_DOWNLOAD_BYTES;
      else process.env.MODELSHIP_MAX_DOWNLOAD_BYTES = saved;
    }
  });

  it("retries 503 twice, then succeeds, warning each time", async () => {
    served.script.set("/flaky.csv", [statusAnswer(503), statusAnswer(503), csvAnswer()]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/flaky.csv`] }, options(logger));
    assert.equal(served.requests.length, 3);
    assert.equal(await readFile(resolved.files[0]!, "utf8"), CSV);
    const warnings = logger.entries.filter((entry) => entry.level === "warning").map((entry) => entry.message);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /flaky\.csv failed \(HTTP 503 Service Unavailable\); retry 1 of 4 in 2 ms/);
    assert.match(warnings[1]!, /retry 2 of 4 in 8 ms/); // n² units.
    await resolved.cleanup();
  });

  it("waits Retry-After units after a 429", async () => {
    served.script.set("/limited.csv", [statusAnswer(429, { "retry-after": "3" }), csvAnswer()]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/limited.csv`] }, options(logger, { retryBaseMs: 5 }));
    assert.equal(served.requests.length, 2);
    const warnings = logger.entries.filter((entry) => entry.level === "warning");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /HTTP 429.*retry 1 of 4 in 15 ms/);
    await resolved.cleanup();
  });

  it("fails fast on 404, naming the URL", async () => {
    const logger = new MemoryLogger();
    const error = await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/gone.csv?sig=topsecret`] }, options(logger)),
      /\/gone\.csv was not found \(HTTP 404\)/,
    );
    assert.equal(served.requests.length, 1);
    assert.doesNotMatch(error.message, /topsecret|sig=/);
    assert.equal(logger.entries.filter((entry) => entry.level === "warning").length, 0);
  });

  it("fails fast on 403 and 401, pointing at the auth secret", async () => {
    served.script.set("/private.csv", [statusAnswer(403)]);
    served.script.set("/login.csv", [statusAnswer(401)]);
    await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/private.csv`] }, options(new MemoryLogger())),
      /private\.csv was refused \(HTTP 403\): check the auth header secret/,
    );
    assert.equal(served.requests.length, 1);
    await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/login.csv`] }, options(new MemoryLogger())),
      /was refused \(HTTP 401\)/,
    );
    assert.equal(served.requests.length, 2);
  });

  it("gives up after retries + 1 attempts of a 500", async () => {
    served.script.set("/broken.csv", [statusAnswer(500)]);
    const logger = new MemoryLogger();
    await rejectsUser(
      resolveCurrentSources({ urls: [`${served.url}/broken.csv`] }, options(logger, { retries: 2, retryBaseMs: 1 })),
      /could not download http:\/\/127\.0\.0\.1:\d+\/broken\.csv after 3 attempts: HTTP 500/,
      /Fix: /,
    );
    assert.equal(served.requests.length, 3);
    assert.equal(logger.entries.filter((entry) => entry.level === "warning").length, 2);
  });

  it("retries a connection that is refused, and says why it gave up", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await rejectsUser(
      resolveCurrentSources({ urls: [`http://127.0.0.1:${port}/x.csv`] }, options(new MemoryLogger(), { retries: 1, retryBaseMs: 1 })),
      /after 2 attempts: .*ECONNREFUSED/,
    );
  });

  it("times out a stalled response per attempt", async () => {
    served.script.set("/slow.csv", [() => undefined /* never answers */, csvAnswer()]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${served.url}/slow.csv`] }, options(logger, { timeoutMs: 100 }));
    assert.equal(served.requests.length, 2);
    assert.match(loggedText(logger), /failed \(timed out \(no data for 100 ms\)\); retry 1 of 4/);
    await resolved.cleanup();
  });

  it("sends the auth header but never logs or reports it", async () => {
    served.script.set("/secured.csv", [statusAnswer(502), csvAnswer()]);
    const logger = new MemoryLogger();
    const token = "Bearer s3cr3t-token-value";
    const resolved = await resolveCurrentSources(
      { urls: [`${served.url}/secured.csv`] },
      options(logger, { headers: { Authorization: token } }),
    );
    assert.deepEqual(
      served.requests.map((request) => request.headers.authorization),
      [token, token],
    );
    assert.doesNotMatch(loggedText(logger), /s3cr3t/);
    assert.doesNotMatch(JSON.stringify(resolved.sources), /s3cr3t/);
    await resolved.cleanup();
  });

  it("sends URL credentials as Basic auth and keeps them and the query out of sources, logs and errors", async () => {
    served.script.set("/basic.csv", [statusAnswer(503), csvAnswer()]);
    const logger = new MemoryLogger();
    const url = `${served.url.replace("//", "//alice:pa55word@")}/basic.csv?token=qu3ry-secret#frag`;
    const resolved = await resolveCurrentSources({ urls: [url] }, options(logger));
    assert.deepEqual(resolved.sources, [`${served.url}/basic.csv`]);
    assert.equal(served.requests[0]!.headers.authorization, `Basic ${Buffer.from("alice:pa55word").toString("base64")}`);
    assert.equal(served.requests[0]!.path, "/basic.csv?token=qu3ry-secret");
    const text = loggedText(logger) + JSON.stringify(resolved);
    assert.doesNotMatch(text, /alice|pa55word|qu3ry-secret|token=/);
    await resolved.cleanup();

    served.script.set("/basic-down.csv", [statusAnswer(500)]);
    const failing = `${served.url.replace("//", "//alice:pa55word@")}/basic-down.csv?token=qu3ry-secret`;
    const failLogger = new MemoryLogger();
    const error = await rejectsUser(resolveCurrentSources({ urls: [failing] }, options(failLogger, { retries: 1, retryBaseMs: 1 })));
    assert.doesNotMatch(error.message + loggedText(failLogger), /alice|pa55word|qu3ry-secret|token=/);
  });

  it("refuses URLs that are not https (plain http only to allowed internal hosts)", async () => {
    await rejectsUser(
      resolveCurrentSources({ urls: ["ftp://example.com/data.csv"] }, options(new MemoryLogger())),
      /ftp: is not supported/,
      /https:\/\//,
    );
    await rejectsUser(
      resolveCurrentSources({ urls: ["http://example.com/data.csv?key=hidden"] }, options(new MemoryLogger())),
      /cannot download http:\/\/example\.com\/data\.csv: plain http/,
    );
    await rejectsUser(resolveCurrentSources({ urls: ["file:///etc/passwd"] }, options(new MemoryLogger())), /file: is not supported/);
    const error = await rejectsUser(
      resolveCurrentSources({ urls: ["not a url?key=hidden"] }, options(new MemoryLogger())),
      /not a valid URL/,
    );
    assert.doesNotMatch(error.message, /hidden/);
    assert.equal(served.requests.length, 0);
  });

  it("combines paths and URLs: sorted, deduplicated files, sources as given", async () => {
    const dir = join(root, "combined");
    await mkdir(join(dir, "data"), { recursive: true });
    await writeFile(join(dir, "data", "b.csv"), CSV);
    await writeFile(join(dir, "data", "a.csv"), CSV);
    served.script.set("/remote.csv", [csvAnswer()]);
    const resolved: ResolvedSources = await resolveCurrentSources(
      { paths: ["data/*.csv", "data/a.csv"], urls: [`${served.url}/remote.csv`, `${served.url}/remote.csv`] },
      options(new MemoryLogger(), { cwd: dir }),
    );
    assert.equal(served.requests.length, 1);
    assert.equal(resolved.files.length, 3);
    assert.deepEqual(resolved.files, [...resolved.files].sort());
    assert.ok(resolved.files.includes(join(dir, "data", "a.csv")));
    assert.ok(resolved.files.includes(join(dir, "data", "b.csv")));
    assert.deepEqual(resolved.sources, ["data/*.csv", "data/a.csv", `${served.url}/remote.csv`]);
    await resolved.cleanup();
    assert.ok(existsSync(join(dir, "data", "a.csv")), "cleanup leaves local files alone");
  });

  it("checks every path before downloading anything", async () => {
    served.script.set("/remote.csv", [csvAnswer()]);
    await rejectsUser(
      resolveCurrentSources({ paths: ["nope/*.csv"], urls: [`${served.url}/remote.csv`] }, options(new MemoryLogger())),
      /nope\/\*\.csv matches no files/,
    );
    assert.equal(served.requests.length, 0);
    await rejectsUser(resolveCurrentSources({}, options(new MemoryLogger())), /no current data/);
  });
});

describe("resolveCurrentSources redirects", () => {
  /** Two servers on different ports: two origins. */
  interface Origin {
    server: Server;
    url: string;
    requests: { path: string; headers: IncomingHttpHeaders }[];
    script: Map<string, Answer[]>;
    counts: Map<string, number>;
  }
  const start = async (): Promise<Origin> => {
    const origin: Origin = { server: createServer(), url: "", requests: [], script: new Map(), counts: new Map() };
    origin.server.on("request", (request, response: ServerResponse) => {
      const path = (request.url ?? "/").replace(/\?.*$/, "");
      origin.requests.push({ path: request.url ?? "/", headers: request.headers });
      const answers = origin.script.get(path) ?? [statusAnswer(404)];
      const count = origin.counts.get(path) ?? 0;
      origin.counts.set(path, count + 1);
      answers[Math.min(count, answers.length - 1)]!(response);
    });
    await new Promise<void>((done) => origin.server.listen(0, "127.0.0.1", done));
    origin.url = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
    return origin;
  };
  const redirect = (status: number, location: string): Answer => statusAnswer(status, { location });
  let a: Origin;
  let b: Origin;
  before(async () => {
    a = await start();
    b = await start();
  });
  after(async () => {
    for (const origin of [a, b]) {
      origin.server.closeAllConnections();
      await new Promise((done) => origin.server.close(done));
    }
  });
  beforeEach(() => {
    for (const origin of [a, b]) {
      origin.requests = [];
      origin.script = new Map();
      origin.counts.clear();
    }
  });
  const options = (logger: MemoryLogger, extra: Partial<Parameters<typeof resolveCurrentSources>[1]> = {}) => ({
    logger,
    tempDir: join(root, "redirects"),
    retries: 2,
    retryBaseMs: 1,
    cwd: root,
    network: LOOPBACK,
    ...extra,
  });
  const apiKey = { "X-Api-Key": "k3y-s3cret-value" };

  it("keeps the auth header on a same-origin redirect", async () => {
    a.script.set("/old.csv", [redirect(302, "/new.csv")]);
    a.script.set("/new.csv", [csvAnswer()]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${a.url}/old.csv`] }, options(logger, { headers: apiKey }));
    assert.deepEqual(
      a.requests.map((request) => [request.path, request.headers["x-api-key"]]),
      [
        ["/old.csv", "k3y-s3cret-value"],
        ["/new.csv", "k3y-s3cret-value"],
      ],
    );
    assert.equal(await readFile(resolved.files[0]!, "utf8"), CSV);
    assert.deepEqual(resolved.sources, [`${a.url}/old.csv`]);
    assert.doesNotMatch(loggedText(logger), /k3y-s3cret|not sent/);
    await resolved.cleanup();
  });

  it("drops the auth header and Basic credentials on a cross-origin redirect, and says so", async () => {
    a.script.set("/moved.csv", [redirect(307, `${b.url}/data.csv?sig=s1gnature-value`)]);
    b.script.set("/data.csv", [csvAnswer()]);
    const logger = new MemoryLogger();
    const url = `${a.url.replace("//", "//alice:pa55word@")}/moved.csv?token=qu3ry-secret`;
    const resolved = await resolveCurrentSources({ urls: [url] }, options(logger, { headers: apiKey }));
    assert.equal(a.requests.length, 1);
    assert.equal(a.requests[0]!.headers["x-api-key"], "k3y-s3cret-value");
    assert.equal(a.requests[0]!.headers.authorization, `Basic ${Buffer.from("alice:pa55word").toString("base64")}`);
    assert.equal(b.requests.length, 1);
    assert.equal(b.requests[0]!.path, "/data.csv?sig=s1gnature-value");
    assert.equal(b.requests[0]!.headers["x-api-key"], undefined);
    assert.equal(b.requests[0]!.headers.authorization, undefined);
    assert.equal(await readFile(resolved.files[0]!, "utf8"), CSV);
    const info = logger.entries.filter((entry) => entry.level === "info" && /not sent/.test(entry.message));
    assert.equal(info.length, 1);
    assert.ok(info[0]!.message.includes(b.url.replace("http://", "")), info[0]!.message);
    assert.doesNotMatch(loggedText(logger) + JSON.stringify(resolved), /k3y-s3cret|alice|pa55word|qu3ry-secret|s1gnature|token=|sig=/);
    await resolved.cleanup();
  });

  it("does not send the auth header again when a redirect comes back to the first origin", async () => {
    a.script.set("/out.csv", [redirect(302, `${b.url}/bounce`)]);
    b.script.set("/bounce", [redirect(301, `${a.url}/back.csv`)]);
    a.script.set("/back.csv", [csvAnswer()]);
    const resolved = await resolveCurrentSources(
      { urls: [`${a.url}/out.csv`] },
      options(new MemoryLogger(), { headers: { Authorization: "Bearer t0ken-value" } }),
    );
    assert.deepEqual(
      [...a.requests, ...b.requests].map((request) => [request.path, request.headers.authorization]),
      [
        ["/out.csv", "Bearer t0ken-value"],
        ["/back.csv", undefined],
        ["/bounce", undefined],
      ],
    );
    await resolved.cleanup();
  });

  it("starts each retry from the first URL, with the auth header", async () => {
    a.script.set("/start.csv", [redirect(303, "/flaky.csv")]);
    a.script.set("/flaky.csv", [statusAnswer(503), csvAnswer()]);
    const logger = new MemoryLogger();
    const resolved = await resolveCurrentSources({ urls: [`${a.url}/start.csv`] }, options(logger, { headers: apiKey }));
    assert.deepEqual(
      a.requests.map((request) => [request.path, request.headers["x-api-key"]]),
      ["/start.csv", "/flaky.csv", "/start.csv", "/flaky.csv"].map((path) => [path, "k3y-s3cret-value"]),
    );
    assert.equal(logger.entries.filter((entry) => entry.level === "warning").length, 1);
    await resolved.cleanup();
  });

  it("follows 5 redirects but refuses a 6th, without retrying", async () => {
    for (let hop = 0; hop < 6; hop++) a.script.set(`/hop${hop}.csv`, [redirect(302, `/hop${hop + 1}.csv`)]);
    a.script.set("/hop5.csv", [csvAnswer()]);
    const resolved = await resolveCurrentSources({ urls: [`${a.url}/hop0.csv`] }, options(new MemoryLogger()));
    assert.equal(a.requests.length, 6);
    await resolved.cleanup();

    a.requests = [];
    a.counts.clear();
    a.script.set("/hop5.csv", [redirect(308, "/hop6.csv")]);
    a.script.set("/hop6.csv", [csvAnswer()]);
    const logger = new MemoryLogger();
    await rejectsUser(
      resolveCurrentSources({ urls: [`${a.url}/hop0.csv?key=qu3ry-secret`] }, options(logger)),
      /redirected more than 5 times/,
      /to http:\/\/127\.0\.0\.1:\d+\/hop6\.csv/,
    );
    assert.equal(a.requests.length, 6, "no request for the 6th redirect, and no retry");
    assert.equal(logger.entries.filter((entry) => entry.level === "warning").length, 0);
  });

  it("refuses a redirect loop", async () => {
    a.script.set("/ping.csv", [redirect(302, "/pong.csv")]);
    a.script.set("/pong.csv", [redirect(302, "/ping.csv")]);
    await rejectsUser(
      resolveCurrentSources({ urls: [`${a.url}/ping.csv`] }, options(new MemoryLogger())),
      /redirected in a loop/,
      /pong\.csv to http:\/\/127\.0\.0\.1:\d+\/ping\.csv/,
    );
    assert.equal(a.requests.length, 2);
  });

  it("refuses a redirect to plain http on another host without requesting it", async () => {
    a.script.set("/leave.csv", [redirect(302, "http://user:pw-secret@example.com/data.csv?key=hidden-key")]);
    const logger = new MemoryLogger();
    const error = await rejectsUser(
      resolveCurrentSources({ urls: [`${a.url}/leave.csv`] }, options(logger, { headers: apiKey })),
      /redirected from http:\/\/127\.0\.0\.1:\d+\/leave\.csv to http:\/\/example\.com\/data\.csv, which is not https/,
    );
    assert.equal(a.requests.length, 1);
    assert.doesNotMatch(error.message + loggedText(logger), /hidden-key|key=|pw-secret|user@|k3y-s3cret/);
  });

  it("says the auth header stayed behind when the other origin refuses the download", async () => {
    a.script.set("/elsewhere.csv", [redirect(302, `${b.url}/private.csv`)]);
    b.script.set("/private.csv", [statusAnswer(401)]);
    await rejectsUser(
      resolveCurrentSources({ urls: [`${a.url}/elsewhere.csv`] }, options(new MemoryLogger(), { headers: apiKey })),
      /refused \(HTTP 401\) by http:\/\/127\.0\.0\.1:\d+, which it was redirected to; the auth header is not sent to another origin/,
    );
  });

  it("treats a 3xx without Location as a failed download", async () => {
    a.script.set("/nowhere.csv", [statusAnswer(302)]);
    await rejectsUser(resolveCurrentSources({ urls: [`${a.url}/nowhere.csv`] }, options(new MemoryLogger())), /failed with HTTP 302/);
    assert.equal(a.requests.length, 1);
  });
});
