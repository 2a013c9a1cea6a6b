/**
 * Request forgery through downloads: a URL or a redirect must not make the runner talk to its own
 * network (a drift download from https://data.example.com/… redirected to
 * http://127.0.0.1:8080/admin/export.csv, the cloud metadata service, an in-cluster admin API).
 * Every attack runs against real loopback servers (node:http) that count TCP connections, so "the
 * server saw nothing" means no connection was even opened. The paths: drift `--url` downloads
 * (resolveCurrentSources, and `modelship drift --url` end to end), Prometheus and canary metrics
 * health queries (readHealth), and release asset downloads (GitHubStore against the GitHub fake).
 *
 * Loopback stands in for every internal range; a "public" origin is simulated with the client's two
 * test-only seams: a resolver that maps test names (data.example.test) to 127.0.0.2, and a
 * classifier that treats 127.0.0.2, and only it, as public. Everything else is classified as in
 * production.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, beforeEach, describe, test } from "node:test";
import { isUserError, type UserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { resolveCurrentSources } from "../../src/drift/sources.ts";
import { readHealth, type HealthCheck, type HealthContext, type HealthSource } from "../../src/gitops/health.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import { classifyAddress } from "../../src/net/address-class.ts";
import { AllowList } from "../../src/net/allow-internal.ts";
import { guardedGet, NO_INTERNAL, type NetworkPolicy, type ResolvedAddress } from "../../src/net/safe-http.ts";
import { GitHubStore } from "../../src/registry/github-store.ts";
import { tagFor } from "../../src/registry/model-version.ts";
import { CLI_PATH, hasStackTrace, type CliRun } from "../support/cli.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { writeTestPackage } from "../support/registry-package.ts";

const CSV = "x,group\n1.5,a\n2.5,b\n";
const METRICS = JSON.stringify({ versions: { "0.0.2": { error_rate: 0.01 } } });
const FIX =
  /Fix: if this internal source is intended, add "[^"]+" to network\.allow_internal in modelship\.yaml or to MODELSHIP_ALLOW_INTERNAL/;

/** A loopback server that counts connections (not just requests) and answers by path. */
interface Origin {
  url: string;
  port: number;
  connections: number;
  requests: string[];
  answers: Map<string, (response: ServerResponse) => void>;
  server: Server;
}

const origins: Origin[] = [];

async function startOrigin(host = "127.0.0.1", port = 0): Promise<Origin> {
  const origin: Origin = { url: "", port: 0, connections: 0, requests: [], answers: new Map(), server: createServer() };
  origin.server.on("connection", () => origin.connections++);
  origin.server.on("request", (request, response: ServerResponse) => {
    const path = (request.url ?? "/").replace(/\?.*$/, "");
    origin.requests.push(request.url ?? "/");
    const answer = origin.answers.get(path);
    if (answer === undefined) {
      response.writeHead(404).end("not here");
      return;
    }
    answer(response);
  });
  await new Promise<void>((resolve, reject) => {
    origin.server.once("error", reject);
    origin.server.listen(port, host, resolve);
  });
  origin.port = (origin.server.address() as AddressInfo).port;
  origin.url = `http://${host.includes(":") ? `[${host}]` : host}:${origin.port}`;
  origins.push(origin);
  return origin;
}

const csv =
  (body = CSV) =>
  (response: ServerResponse): void => {
    response.writeHead(200, { "content-type": "text/csv" }).end(body);
  };
const json =
  (body = METRICS) =>
  (response: ServerResponse): void => {
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  };
const redirect =
  (location: string, status = 302) =>
  (response: ServerResponse): void => {
    response.writeHead(status, { location }).end();
  };

after(async () => {
  for (const origin of origins) {
    origin.server.closeAllConnections();
    await new Promise((resolve) => origin.server.close(resolve));
  }
});

function allow(...entries: string[]): AllowList {
  return AllowList.parse({ entries, source: "test" });
}

/** The test-only seams: test names resolve to 127.0.0.2 (the "public" origin), and 127.0.0.2 is classified public. */
function withPublicOrigin(allowInternal: AllowList, resolve?: NetworkPolicy["resolve"]): NetworkPolicy {
  return {
    allowInternal,
    resolve: resolve ?? ((hostname) => Promise.resolve(hostname.endsWith(".test") ? [{ address: "127.0.0.2", family: 4 }] : [])),
    classify: (address) => (address === "127.0.0.2" ? undefined : classifyAddress(address)),
  };
}

async function rejectsUser(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    assert.ok(!hasStackTrace(error.message));
    return error;
  }
  assert.fail("expected a refusal");
}

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), "modelship-safe-downloads-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Downloads drift data; the temp folder is checked empty afterwards by the tests that are refused. */
function download(urls: string[], network?: NetworkPolicy) {
  return resolveCurrentSources(
    { urls },
    { logger: new MemoryLogger(), tempDir: join(root, "downloads"), retries: 0, retryBaseMs: 1, cwd: root, network },
  );
}

async function assertNoTempFiles(): Promise<void> {
  await mkdir(join(root, "downloads"), { recursive: true });
  assert.deepEqual(await readdir(join(root, "downloads")), [], "nothing is left in the temp folder");
}

const CHECKS: HealthCheck[] = [{ name: "error-rate", metric: "error_rate", max: 0.05 }];
const CONTEXT: HealthContext = { model: "m", canaryVersion: "0.0.2", window: "10m" };
function metricsUrl(url: string, network?: NetworkPolicy): HealthSource {
  return { kind: "metrics-url", url, timeoutMs: 2_000, network };
}

describe("the first request", () => {
  let target: Origin;
  beforeEach(async () => {
    target = await startOrigin();
    target.answers.set("/current.csv", csv());
    target.answers.set("/metrics.json", json());
  });

  test("a drift URL on loopback is refused without the allowlist, by address and by name; the server sees no connection", async () => {
    const error = await rejectsUser(
      download([`https://127.0.0.1:${target.port}/current.csv?sig=s3cret`]),
      new RegExp(
        `^downloading https://127\\.0\\.0\\.1:${target.port}/current\\.csv: refused to connect to https://127\\.0\\.0\\.1:${target.port}/current\\.csv \\(the first request\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      new RegExp(`add "127\\.0\\.0\\.1:${target.port}" to network\\.allow_internal`),
      FIX,
    );
    assert.doesNotMatch(error.message, /s3cret|sig=/);
    await rejectsUser(
      download([`https://localhost:${target.port}/current.csv`]),
      /\(the first request\): localhost resolves to 127\.0\.0\.1, a loopback address/,
      new RegExp(`add "localhost:${target.port}"`),
    );
    // Plain http to loopback is refused on the address too, before the http rule is even asked.
    await rejectsUser(download([`${target.url}/current.csv`]), /127\.0\.0\.1 is a loopback address/, FIX);
    assert.equal(target.connections, 0);
    await assertNoTempFiles();
  });

  test("a Prometheus on loopback is refused without the allowlist; the server sees no connection", async () => {
    await rejectsUser(
      readHealth(
        { kind: "prometheus", url: target.url, timeoutMs: 2_000, network: NO_INTERNAL },
        [{ name: "e", query: "up", max: 1 }],
        CONTEXT,
      ),
      new RegExp(
        `^Prometheus at ${target.url}, query up \\(check "e"\\): refused to connect to ${target.url}/api/v1/query \\(the first request\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      FIX,
    );
    await rejectsUser(
      readHealth(metricsUrl(`http://localhost:${target.port}/metrics.json`), CHECKS, CONTEXT),
      /localhost resolves to 127\.0\.0\.1/,
    );
    assert.equal(target.connections, 0);
  });

  test("the allowlist lets a named internal source through: host, host:port, CIDR, a name, and from the environment's form", async () => {
    for (const entry of ["127.0.0.1", `127.0.0.1:${target.port}`, "127.0.0.0/8", "::ffff:127.0.0.1"]) {
      const resolved = await download([`${target.url}/current.csv`], { allowInternal: allow(entry) });
      assert.equal(await readFile(resolved.files[0]!, "utf8"), CSV, entry);
      await resolved.cleanup();
      const [check] = await readHealth(metricsUrl(`${target.url}/metrics.json`, { allowInternal: allow(entry) }), CHECKS, CONTEXT);
      assert.equal(check!.status, "pass", entry);
    }
    const byName = await download([`http://localhost:${target.port}/current.csv`], { allowInternal: allow(`localhost:${target.port}`) });
    assert.equal(await readFile(byName.files[0]!, "utf8"), CSV);
    await byName.cleanup();
    const before = target.connections;
    // Another port of the same host is another source.
    await rejectsUser(
      download([`${target.url}/current.csv`], { allowInternal: allow(`127.0.0.1:${target.port + 1}`, "10.0.0.0/8", "localhost") }),
      /127\.0\.0\.1 is a loopback address/,
    );
    assert.equal(target.connections, before);
  });

  test("IPv6 loopback, IPv4-mapped loopback, 0.0.0.0, a decimal IPv4 and the metadata address are refused before connecting", async () => {
    const v6 = await startOrigin("::1");
    v6.answers.set("/metrics.json", json());
    const cases: [string, RegExp][] = [
      [`http://[::1]:${v6.port}/metrics.json`, /::1 is a loopback address/],
      [
        `http://[::ffff:127.0.0.1]:${target.port}/metrics.json`,
        /::ffff:7f00:1 is a loopback address \(it carries the IPv4 address 127\.0\.0\.1\)/,
      ],
      [`http://0.0.0.0:${target.port}/metrics.json`, /0\.0\.0\.0 is an unspecified address/],
      [`http://2130706433:${target.port}/metrics.json`, /127\.0\.0\.1 is a loopback address/],
      [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        /169\.254\.169\.254 is a link-local address, where cloud providers serve instance metadata/,
      ],
      ["http://[fd00:ec2::254]/latest/meta-data/", /fd00:ec2::254 is a private address/],
      ["http://100.100.100.200/latest/meta-data/", /100\.100\.100\.200 is a carrier-grade NAT address/],
      // IPv6 forms that carry an IPv4 address: 6to4, Teredo (inverted), NAT64 local-use, SIIT.
      [
        `http://[2002:7f00:1::]:${target.port}/metrics.json`,
        /2002:7f00:1:: is a loopback address \(it carries the IPv4 address 127\.0\.0\.1\)/,
      ],
      ["http://[2002:a9fe:a9fe::1]/latest/meta-data/", /carries the IPv4 address 169\.254\.169\.254\), where cloud providers/],
      [
        `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${target.port}/m`,
        /is a loopback address \(it carries the IPv4 address 127\.0\.0\.1\)/,
      ],
      ["http://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/", /is a link-local address \(it carries the IPv4 address 169\.254\.169\.254\)/],
      [`http://[::ffff:0:7f00:1]:${target.port}/m`, /is a loopback address \(it carries the IPv4 address 127\.0\.0\.1\)/],
      ["http://198.18.0.1/", /198\.18\.0\.1 is a reserved address/],
    ];
    const resolve = (): Promise<ResolvedAddress[]> => assert.fail("an IP literal is never looked up");
    for (const [url, pattern] of cases) {
      const started = Date.now();
      await rejectsUser(
        readHealth(metricsUrl(url, { allowInternal: AllowList.NONE, resolve }), CHECKS, CONTEXT),
        pattern,
        /\(the first request\)/,
        FIX,
      );
      await rejectsUser(download([url.replace("http:", "https:")], { allowInternal: AllowList.NONE, resolve }), pattern);
      assert.ok(Date.now() - started < 1_500, `${url} is refused at once, not after a connection timeout`);
    }
    assert.equal(v6.connections, 0);
    assert.equal(target.connections, 0);
    await assertNoTempFiles();
  });
});

describe("redirects", () => {
  let allowed: Origin;
  let internal: Origin;
  let publicOrigin: Origin;
  beforeEach(async () => {
    allowed = await startOrigin();
    internal = await startOrigin();
    internal.answers.set("/admin/export.csv", csv("secret,admin\n1,2\n"));
    internal.answers.set("/metrics.json", json());
    publicOrigin = await startOrigin("127.0.0.2");
  });

  test("a redirect from an allowed 127.0.0.1:A to 127.0.0.1:B, which is not allowed, is refused; B sees no connection", async () => {
    allowed.answers.set("/metrics.json", redirect(`${internal.url}/metrics.json`));
    allowed.answers.set("/data.csv", redirect(`${internal.url}/admin/export.csv?token=t0ken`));
    const network = { allowInternal: allow(`127.0.0.1:${allowed.port}`) };
    await rejectsUser(
      readHealth(metricsUrl(`${allowed.url}/metrics.json`, network), CHECKS, CONTEXT),
      new RegExp(
        `refused to connect to ${internal.url}/metrics\\.json \\(the redirect from ${allowed.url}/metrics\\.json\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      new RegExp(`add "127\\.0\\.0\\.1:${internal.port}"`),
    );
    const error = await rejectsUser(
      download([`${allowed.url}/data.csv`], network),
      new RegExp(
        `^downloading ${allowed.url}/data\\.csv: refused to connect to ${internal.url}/admin/export\\.csv \\(the redirect from ${allowed.url}/data\\.csv\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      FIX,
    );
    assert.doesNotMatch(error.message, /t0ken/);
    assert.equal(allowed.requests.length, 2);
    assert.equal(internal.connections, 0);
    await assertNoTempFiles();

    // With B allowed too, the whole chain goes through.
    const both = { allowInternal: allow(`127.0.0.1:${allowed.port}`, `127.0.0.1:${internal.port}`) };
    const [check] = await readHealth(metricsUrl(`${allowed.url}/metrics.json`, both), CHECKS, CONTEXT);
    assert.equal(check!.status, "pass");
  });

  test("a redirect from a public origin to loopback is refused (the headline attack); loopback sees no connection", async () => {
    publicOrigin.answers.set("/metrics.json", redirect(`http://127.0.0.1:${internal.port}/metrics.json`));
    publicOrigin.answers.set("/current.csv", redirect(`http://localhost:${internal.port}/admin/export.csv`, 307));
    const network = withPublicOrigin(AllowList.NONE);
    // The public origin itself is fine: a plain answer passes.
    publicOrigin.answers.set("/plain.json", json());
    const [plain] = await readHealth(metricsUrl(`http://data.example.test:${publicOrigin.port}/plain.json`, network), CHECKS, CONTEXT);
    assert.equal(plain!.status, "pass");
    await rejectsUser(
      readHealth(metricsUrl(`http://data.example.test:${publicOrigin.port}/metrics.json`, network), CHECKS, CONTEXT),
      new RegExp(
        `refused to connect to http://127\\.0\\.0\\.1:${internal.port}/metrics\\.json \\(the redirect from http://data\\.example\\.test:${publicOrigin.port}/metrics\\.json\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      FIX,
    );
    // By name: the redirect's host resolves (through the real resolver: localhost) to loopback.
    await rejectsUser(
      readHealth(
        metricsUrl(`http://data.example.test:${publicOrigin.port}/current.csv`, {
          ...network,
          resolve: (hostname) =>
            Promise.resolve(
              hostname.endsWith(".test") ? [{ address: "127.0.0.2", family: 4 as const }] : [{ address: "127.0.0.1", family: 4 as const }],
            ),
        }),
        CHECKS,
        CONTEXT,
      ),
      /\(the redirect from http:\/\/data\.example\.test:\d+\/current\.csv\): localhost resolves to 127\.0\.0\.1, a loopback address/,
    );
    assert.equal(internal.connections, 0);
  });

  test("a redirect that changes the scheme is refused: http → https, → file:, and https → http for drift data", async () => {
    allowed.answers.set("/up.json", redirect(`https://127.0.0.1:${allowed.port}/metrics.json`));
    allowed.answers.set("/file.json", redirect("file:///etc/passwd"));
    allowed.answers.set("/up.csv", redirect(`https://localhost:${internal.port}/admin/export.csv`));
    allowed.answers.set("/file.csv", redirect("file:///etc/passwd"));
    const network = { allowInternal: allow("127.0.0.0/8", "localhost") };
    await rejectsUser(
      readHealth(metricsUrl(`${allowed.url}/up.json`, network), CHECKS, CONTEXT),
      /the redirect from http:\/\/127\.0\.0\.1:\d+\/up\.json to https:\/\/127\.0\.0\.1:\d+\/metrics\.json was not followed: it changes the scheme from http to https/,
    );
    await rejectsUser(
      readHealth(metricsUrl(`${allowed.url}/file.json`, network), CHECKS, CONTEXT),
      /to file:\/\/\/etc\/passwd was not followed: file: is not supported/,
    );
    await rejectsUser(
      download([`${allowed.url}/up.csv`], network),
      /which is refused \(it changes the scheme from http to https\); the redirect was not followed/,
    );
    await rejectsUser(
      download([`${allowed.url}/file.csv`], network),
      /to file:\/\/\/etc\/passwd, which is refused \(file: is not supported\)/,
    );
    assert.equal(allowed.requests.length, 4, "only the redirecting requests");
    assert.equal(internal.connections, 0);
    await assertNoTempFiles();
  });
});

describe("DNS rebinding", () => {
  test("the address checked is the address connected to: a name that turns internal on the next lookup reaches only the checked address", async () => {
    const publicOrigin = await startOrigin("127.0.0.2");
    const loopback = await startOrigin("127.0.0.1", publicOrigin.port);
    publicOrigin.answers.set("/metrics.json", json());
    loopback.answers.set("/metrics.json", json(JSON.stringify({ versions: { "0.0.2": { error_rate: 0.99 } } })));
    let lookups = 0;
    const rebinding = withPublicOrigin(AllowList.NONE, () => {
      lookups++;
      return Promise.resolve([{ address: lookups === 1 ? "127.0.0.2" : "127.0.0.1", family: 4 }]);
    });
    const [check] = await readHealth(
      metricsUrl(`http://rebind.example.test:${publicOrigin.port}/metrics.json`, rebinding),
      CHECKS,
      CONTEXT,
    );
    assert.equal(check!.status, "pass", "the answer came from the address that was checked");
    assert.equal(lookups, 1, "one lookup: the one whose answer was checked and connected to");
    assert.equal(loopback.connections, 0);
  });

  test("a name that is public on the first lookup and 127.0.0.1 on the second is refused on the second connection", async () => {
    const publicOrigin = await startOrigin("127.0.0.2");
    const loopback = await startOrigin("127.0.0.1", publicOrigin.port);
    publicOrigin.answers.set("/start.json", redirect("/metrics.json"));
    publicOrigin.answers.set("/start.csv", redirect("/current.csv"));
    loopback.answers.set("/metrics.json", json());
    loopback.answers.set("/current.csv", csv("secret,admin\n1,2\n"));
    let lookups = 0;
    const rebinding = withPublicOrigin(AllowList.NONE, () => {
      lookups++;
      return Promise.resolve([{ address: lookups % 2 === 1 ? "127.0.0.2" : "127.0.0.1", family: 4 }]);
    });
    await rejectsUser(
      readHealth(metricsUrl(`http://rebind.example.test:${publicOrigin.port}/start.json`, rebinding), CHECKS, CONTEXT),
      /refused to connect to http:\/\/rebind\.example\.test:\d+\/metrics\.json \(the redirect from http:\/\/rebind\.example\.test:\d+\/start\.json\): rebind\.example\.test resolves to 127\.0\.0\.1, a loopback address/,
      new RegExp(`add "rebind\\.example\\.test:${publicOrigin.port}"`),
    );
    assert.equal(lookups, 2);
    assert.equal(publicOrigin.requests.length, 1);
    assert.equal(loopback.connections, 0);

    // Drift data over https: the name resolves to loopback on the lookup of the connection itself.
    lookups = 1;
    await rejectsUser(
      download([`https://rebind.example.test:${publicOrigin.port}/current.csv`], rebinding),
      /\(the first request\): rebind\.example\.test resolves to 127\.0\.0\.1, a loopback address/,
    );
    assert.equal(loopback.connections, 0);
    await assertNoTempFiles();
  });

  test("a name that resolves to a public and an internal address connects only to the public one", async () => {
    const publicOrigin = await startOrigin("127.0.0.2");
    const loopback = await startOrigin("127.0.0.1", publicOrigin.port);
    publicOrigin.answers.set("/metrics.json", json());
    loopback.answers.set("/metrics.json", json());
    const mixed = withPublicOrigin(AllowList.NONE, () =>
      Promise.resolve([
        { address: "127.0.0.1", family: 4 },
        { address: "127.0.0.2", family: 4 },
      ]),
    );
    const [check] = await readHealth(metricsUrl(`http://mixed.example.test:${publicOrigin.port}/metrics.json`, mixed), CHECKS, CONTEXT);
    assert.equal(check!.status, "pass");
    assert.equal(publicOrigin.requests.length, 1);
    assert.equal(loopback.connections, 0);
  });
});

describe("limits: size, silence, and allowlist entries that would do the wrong thing", () => {
  let origin: Origin;
  const loopback = (): NetworkPolicy => ({ allowInternal: allow("127.0.0.1") });
  before(async () => {
    origin = await startOrigin();
    // 32 MiB of zeros as a few KiB of gzip: a decompression bomb.
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    origin.answers.set("/bomb.json", (response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
    });
    origin.answers.set("/big.bin", (response) => {
      response.writeHead(200).end(Buffer.alloc(4096));
    });
    origin.answers.set("/silent", () => {
      // Never answers.
    });
    origin.answers.set("/stall.json", (response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"versions": {');
    });
  });

  test("a gzip bomb from a metrics URL is cut off at 16 MiB decoded, as a UserError", async () => {
    assert.ok(gzipSync(Buffer.alloc(32 * 1024 * 1024)).length < 64 * 1024, "the bomb is small on the wire");
    await rejectsUser(
      readHealth(metricsUrl(`${origin.url}/bomb.json`, loopback()), CHECKS, CONTEXT),
      new RegExp(`sent more than ${16 * 1024 * 1024} bytes \\(decoded\\)`),
    );
  });

  test("maxBytes cuts a plain body off too, and lets one of exactly that size through", async () => {
    const options = { what: "test" };
    const exact = await guardedGet(new URL(`${origin.url}/big.bin`), loopback(), { ...options, maxBytes: 4096 });
    assert.equal((await exact.arrayBuffer()).byteLength, 4096);
    const over = await guardedGet(new URL(`${origin.url}/big.bin`), loopback(), { ...options, maxBytes: 4095 });
    await rejectsUser(over.arrayBuffer(), /sent more than 4095 bytes/);
  });

  test("a server that never answers, or stalls in its body, is given up on after the idle timeout", async () => {
    const started = Date.now();
    await assert.rejects(guardedGet(new URL(`${origin.url}/silent`), loopback(), { what: "test", idleTimeoutMs: 300 }), {
      name: "TimeoutError",
    });
    const stalled = await guardedGet(new URL(`${origin.url}/stall.json`), loopback(), { what: "test", idleTimeoutMs: 300 });
    await assert.rejects(
      stalled.text(),
      (error: unknown) => error instanceof Error && /sent nothing for 0\.3 s|TimeoutError/.test(`${error.name} ${error.message}`),
    );
    assert.ok(Date.now() - started < 5_000, "both end within a few idle timeouts");
    // A health query whose body stalls past its timeout says so, rather than "cannot connect".
    await rejectsUser(
      readHealth({ kind: "metrics-url", url: `${origin.url}/stall.json`, timeoutMs: 300, network: loopback() }, CHECKS, CONTEXT),
      /no answer within 300 ms/,
    );
  });

  test("user:pass@ in a metrics URL is sent as Basic auth to its own origin, never to a redirect's, and never shown", async () => {
    const other = await startOrigin();
    const seen: (string | undefined)[] = [];
    other.server.prependListener("request", (request) => seen.push(request.headers.authorization));
    other.answers.set("/metrics.json", json());
    origin.answers.set("/private.json", (response) => {
      const request = response.req;
      if (request.headers.authorization === `Basic ${Buffer.from("reader:p@ss w0rd").toString("base64")}`) json()(response);
      else response.writeHead(401).end();
    });
    origin.answers.set("/elsewhere.json", redirect(`${other.url}/metrics.json`));
    const network = { allowInternal: allow("127.0.0.1") };
    const [check] = await readHealth(
      metricsUrl(`http://reader:p%40ss%20w0rd@127.0.0.1:${origin.port}/private.json`, network),
      CHECKS,
      CONTEXT,
    );
    assert.equal(check!.status, "pass");
    const [moved] = await readHealth(metricsUrl(`http://reader:s3cret@127.0.0.1:${origin.port}/elsewhere.json`, network), CHECKS, CONTEXT);
    assert.equal(moved!.status, "pass");
    assert.deepEqual(seen, [undefined], "the redirect's origin got no credentials");
    const error = await rejectsUser(
      readHealth(metricsUrl(`http://reader:s3cret@127.0.0.1:${origin.port}/missing.json`, network), CHECKS, CONTEXT),
      new RegExp(`canary metrics at http://127\\.0\\.0\\.1:${origin.port}/missing\\.json: HTTP 404`),
    );
    assert.doesNotMatch(error.message, /s3cret|reader/);
    // A malformed escape in the credentials is the user's mistake, said as one (not a URIError).
    await rejectsUser(
      readHealth(metricsUrl(`http://reader:%zz@127.0.0.1:${origin.port}/private.json`, network), CHECKS, CONTEXT),
      /the credentials in the URL are not valid percent-encoding/,
    );
  });

  test("allowlist entries that would quietly match the wrong thing are refused: ::1:8080, 127.1, 2130706433, 10.0.0.0/0, 10.1.2.3/8", () => {
    for (const entry of ["::1:8080", "127.1", "2130706433", "0x7f.1", "10.0.0.0/0", "10.1.2.3/8"])
      assert.throws(
        () => allow(entry),
        (error: unknown) => isUserError(error) && error.message.includes(JSON.stringify(entry)) && /\[::1\]:8080/.test(error.message),
        entry,
      );
    for (const entry of ["::1", "[::1]:8080", "fd00::10", "10.0.0.0/8", "prometheus.monitoring:9090"]) assert.ok(allow(entry), entry);
  });
});

describe("release asset downloads (the GitHub registry)", () => {
  const OWNER = "octo-org";
  const REPO = "models";
  const TOKEN = "ghs_registryWriteToken00000000000000000";
  let github: FakeGitHub;
  before(async () => {
    github = await FakeGitHub.start();
    github.addRepo(`${OWNER}/${REPO}`);
    github.addToken(TOKEN, "write");
  });
  after(async () => {
    await github.close();
  });

  async function published(version: string, network?: NetworkPolicy): Promise<GitHubStore> {
    const logger = new MemoryLogger();
    const client = createGitHubClient({ token: TOKEN, baseUrl: github.url, logger, userAgentVersion: "test", retryBaseMs: 1 });
    const store = new GitHubStore({ client, owner: OWNER, repo: REPO, logger, retryBaseMs: 1, retries: 0, network });
    const pkg = await writeTestPackage({
      dir: join(root, `package-${version}`),
      model: "adult-income",
      version,
      tag: tagFor("adult-income", version),
      files: { "model.onnx": Buffer.from("onnx bytes"), "gate-report.json": '{"verdict":"pass"}\n' },
      metrics: {},
      lineage: { gitSha: "c".repeat(40) },
      notes: "notes",
      targetCommitish: "c".repeat(40),
    });
    await store.publish(pkg);
    return store;
  }

  test("the storage redirect on the API's own host and port needs no allowlist (GITHUB_API_URL is trusted)", async () => {
    const store = await published("1.0.0", NO_INTERNAL);
    const dir = join(root, "fetched-1");
    await mkdir(dir, { recursive: true });
    const { names } = await store.download("adult-income", "1.0.0", dir);
    assert.ok(names.includes("model.onnx"));
    assert.equal(await readFile(join(dir, "model.onnx"), "utf8"), "onnx bytes");
  });

  test("a storage redirect to another internal address, or to another scheme, is refused; the target sees no connection", async () => {
    const internal = await startOrigin();
    internal.answers.set("/admin/export.csv", csv());
    const store = await published("1.0.1");
    github.inject({
      method: "GET",
      path: /\/releases\/assets\/\d+$/,
      status: 302,
      headers: { location: `${internal.url}/admin/export.csv?X-Amz-Signature=s1gned` },
      times: 1,
    });
    const dir = join(root, "fetched-2");
    await mkdir(dir, { recursive: true });
    const error = await rejectsUser(
      store.download("adult-income", "1.0.1", dir),
      new RegExp(
        `refused to connect to ${internal.url}/admin/export\\.csv \\(the redirect from ${github.url}/repos/${OWNER}/${REPO}/releases/assets/\\d+\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
      new RegExp(`add "127\\.0\\.0\\.1:${internal.port}"`),
    );
    assert.doesNotMatch(error.message, /s1gned|Signature/);
    assert.equal(internal.connections, 0);

    github.inject({
      method: "GET",
      path: /\/releases\/assets\/\d+$/,
      status: 302,
      headers: { location: `https://localhost:${new URL(github.url).port}/_storage/release-assets/1/model.onnx` },
      times: 1,
    });
    await rejectsUser(store.download("adult-income", "1.0.1", dir), /which was not followed: it changes the scheme from http to https/);
  });
});

/** Runs the built CLI without blocking this process's event loop, where the test servers answer. */
function runCliAsync(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => {
      resolve({ status: status ?? -1, stdout, stderr });
    });
  });
}

describe("modelship drift --url, end to end", () => {
  let dir: string;
  let tempDir: string;
  before(async () => {
    dir = join(root, "cli");
    tempDir = join(root, "cli-temp");
    await mkdir(tempDir, { recursive: true });
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "contract.yaml"),
      "name: toy-data\ncolumns:\n  - { name: x, type: number, role: feature }\n  - { name: group, type: categorical, role: feature }\n",
    );
    const rows = ["x,group", ...Array.from({ length: 200 }, (_, index) => `${(index % 10) + 0.5},${index % 2 === 0 ? "a" : "b"}`)];
    await writeFile(join(dir, "train.csv"), `${rows.join("\n")}\n`);
  });
  test("a redirect to loopback is refused with exit 2 and the fix; with the allowlist (file or environment) the data is checked", async () => {
    const origin = await startOrigin();
    const admin = await startOrigin();
    const rows = ["x,group", ...Array.from({ length: 200 }, (_, index) => `${(index % 10) + 0.5},${index % 2 === 0 ? "a" : "b"}`)];
    origin.answers.set("/data.csv", redirect(`${admin.url}/admin/export.csv?key=hidden`));
    admin.answers.set("/admin/export.csv", csv(`${rows.join("\n")}\n`));
    const config = (entries: string[]) =>
      writeFile(
        join(dir, "modelship.yaml"),
        `model: toy\ndata: { contract: contract.yaml }\n${entries.length === 0 ? "" : `network:\n  allow_internal: [${entries.map((entry) => JSON.stringify(entry)).join(", ")}]\n`}`,
      );
    const run = (env: Record<string, string> = {}) =>
      runCliAsync(["drift", "--reference", "train.csv", "--url", `${origin.url}/data.csv?token=t0ken`, "--report-dir", "out"], {
        cwd: dir,
        env: { MODELSHIP_ALLOW_INTERNAL: "", RUNNER_TEMP: tempDir, MODELSHIP_RETRY_BASE_MS: "1", ...env },
      });

    await config([]);
    const first = await run();
    assert.equal(first.status, 2, first.stderr);
    assert.match(
      first.stderr,
      new RegExp(
        `downloading ${origin.url}/data\\.csv: refused to connect to ${origin.url}/data\\.csv \\(the first request\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
    );
    assert.match(
      first.stderr,
      new RegExp(`add "127\\.0\\.0\\.1:${origin.port}" to network\\.allow_internal in modelship\\.yaml or to MODELSHIP_ALLOW_INTERNAL`),
    );
    assert.equal(origin.connections, 0);

    await config([`127.0.0.1:${origin.port}`]);
    const redirected = await run();
    assert.equal(redirected.status, 2, redirected.stderr);
    assert.match(
      redirected.stderr,
      new RegExp(
        `refused to connect to ${admin.url}/admin/export\\.csv \\(the redirect from ${origin.url}/data\\.csv\\): 127\\.0\\.0\\.1 is a loopback address`,
      ),
    );
    assert.match(redirected.stderr, new RegExp(`Fix: if this internal source is intended, add "127\\.0\\.0\\.1:${admin.port}"`));
    assert.doesNotMatch(redirected.stderr, /hidden|t0ken|key=|token=/);
    for (const result of [first, redirected]) assert.ok(!hasStackTrace(result.stderr), result.stderr);
    assert.equal(origin.requests.length, 1);
    assert.equal(admin.connections, 0);
    assert.deepEqual(await readdir(tempDir), [], "no download is left in RUNNER_TEMP");

    // modelship.yaml names the first hop, MODELSHIP_ALLOW_INTERNAL the second: both lists count.
    const allowed = await run({ MODELSHIP_ALLOW_INTERNAL: `10.0.0.0/8,\n127.0.0.1:${admin.port}` });
    assert.ok(allowed.status === 0 || allowed.status === 1, allowed.stderr);
    assert.equal(admin.requests.length, 1);
    assert.deepEqual(await readdir(tempDir), []);

    await config(["http://prometheus:9090"]);
    const bad = await run();
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /network\.allow_internal: "http:\/\/prometheus:9090" is not a host name, host:port, IP address or CIDR range/);
    assert.ok(!hasStackTrace(bad.stderr), bad.stderr);
  });
});
