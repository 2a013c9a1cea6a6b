/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY through a real loopback proxy (test/support/proxy.ts) that
 * records what it is asked for: the GitHub client against the GitHub fake, guarded downloads (drift
 * data, Prometheus), and git over smart HTTP (`git http-backend`). The request-forgery defence is
 * attacked through the proxy: an internal target must be refused before the proxy is asked anything,
 * every guarded target (https and plain http) must be tunnelled to the address modelship checked,
 * not to a name the proxy resolves again, and a proxy that never answers must not hang the request.
 *
 * As in test/security/safe-downloads.test.ts, loopback stands in for every internal range, and a
 * "public" origin is 127.0.0.2 through the guarded client's test seams (a resolver for *.test names,
 * a classifier that treats 127.0.0.2 as public).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { lookup } from "node:dns/promises";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUserError, type UserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { gitOutput } from "../../src/git/git-command.ts";
import { GitWorkspace } from "../../src/git/git-workspace.ts";
import { readHealth } from "../../src/gitops/health.ts";
import { createGitHubClient } from "../../src/github/octokit.ts";
import { classifyAddress } from "../../src/net/address-class.ts";
import { AllowList } from "../../src/net/allow-internal.ts";
import { guardedGet, type NetworkPolicy, type ResolvedAddress } from "../../src/net/safe-http.ts";
import { GitHubStore } from "../../src/registry/github-store.ts";
import { tagFor } from "../../src/registry/model-version.ts";
import { seedBareRemote } from "../support/git.ts";
import { writeTestPackage } from "../support/registry-package.ts";
import { startGitHttp } from "../support/git-http.ts";
import { FakeGitHub } from "../support/github/server.ts";
import { TestProxy } from "../support/proxy.ts";

const CSV = "x,group\n1.5,a\n2.5,b\n";
const FIX =
  /Fix: if this internal source is intended, add "[^"]+" to network\.allow_internal in modelship\.yaml or to MODELSHIP_ALLOW_INTERNAL/;

/** A loopback origin (http, or https with `tls`) that counts connections and answers by path. */
interface Origin {
  port: number;
  connections: number;
  requests: { path: string; host: string | undefined }[];
  /** Requests that carried a Proxy-Authorization header (meant for the proxy only). */
  proxyAuthorizations: number;
  server: Server;
}
const servers: { close(): Promise<unknown> }[] = [];

async function startOrigin(
  host: string,
  answers: Record<string, (response: ServerResponse) => void>,
  tls?: { key: string; cert: string },
  port = 0,
): Promise<Origin> {
  const server = tls === undefined ? createServer() : createTlsServer(tls);
  const origin: Origin = { port: 0, connections: 0, requests: [], proxyAuthorizations: 0, server };
  server.on(tls === undefined ? "connection" : "secureConnection", () => origin.connections++);
  server.on("request", (request, response: ServerResponse) => {
    const path = (request.url ?? "/").replace(/\?.*$/, "");
    origin.requests.push({ path: request.url ?? "/", host: request.headers.host });
    if (request.headers["proxy-authorization"] !== undefined) origin.proxyAuthorizations++;
    const answer = answers[path];
    if (answer === undefined) response.writeHead(404).end("not here");
    else answer(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  origin.port = (server.address() as AddressInfo).port;
  servers.push({
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  });
  return origin;
}

/**
 * A "proxy" that accepts connections and then (`answer` undefined) says nothing, or answers CONNECT
 * with `answer` and then says nothing more, however long the client waits.
 */
async function startSilentProxy(answer?: string): Promise<{ url: string; connections: number }> {
  const sockets = new Set<Socket>();
  const silent = { url: "", connections: 0 };
  const server = createNetServer((socket) => {
    silent.connections++;
    sockets.add(socket);
    socket.on("error", () => undefined);
    if (answer !== undefined) socket.once("data", () => socket.write(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  silent.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  });
  return silent;
}

/** Settles `promise` or says it still hangs after `ms`: what it settled with, as text. */
async function outcomeWithin(promise: Promise<unknown>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(
        () => "answered",
        (error: unknown) => `failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      ),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => {
          resolve(`still hanging after ${ms} ms`);
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function startProxy(options: Parameters<typeof TestProxy.start>[0] = {}): Promise<TestProxy> {
  const proxy = await TestProxy.start(options);
  servers.push(proxy);
  return proxy;
}

const csv = (response: ServerResponse): void => {
  response.writeHead(200, { "content-type": "text/csv" }).end(CSV);
};

/** Test names resolve as `names` says (default: every *.test name to 127.0.0.2, other names by DNS); 127.0.0.2 is public. */
function policy(env: NodeJS.ProcessEnv, extra: Partial<NetworkPolicy> = {}, names: Record<string, string[]> = {}): NetworkPolicy {
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    const addresses = names[hostname] ?? (hostname.endsWith(".test") ? ["127.0.0.2"] : undefined);
    if (addresses === undefined) return (await lookup(hostname, { all: true })) as ResolvedAddress[];
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return {
    allowInternal: AllowList.NONE,
    resolve,
    classify: (address) => (address === "127.0.0.2" ? undefined : classifyAddress(address)),
    env,
    ...extra,
  };
}

async function rejectsUser(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a refusal");
}

let root: string;
let tls: { key: string; cert: string };
before(async () => {
  root = await mkdtemp(join(tmpdir(), "modelship-proxies-"));
  // A self-signed certificate for data.example.test, trusted through the `ca` seam.
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=data.example.test",
      "-addext",
      "subjectAltName=DNS:data.example.test",
      "-keyout",
      join(root, "key.pem"),
      "-out",
      join(root, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  tls = { key: await readFile(join(root, "key.pem"), "utf8"), cert: await readFile(join(root, "cert.pem"), "utf8") };
});
after(async () => {
  for (const server of servers) await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("guarded downloads through a proxy", () => {
  test("attack: plain http is tunnelled to the IP modelship checked, never forwarded by name for the proxy to resolve again", async () => {
    // Whoever controls a metrics server redirects to a name that is public for our DNS and internal
    // for the proxy's: forwarded by name, the request would reach the decoy inside the proxy's network.
    const origin = await startOrigin("127.0.0.2", { "/current.csv": csv });
    const decoy = await startOrigin(
      "127.0.0.1",
      { "/current.csv": (response) => response.writeHead(200).end("SECRET") },
      undefined,
      origin.port,
    );
    const proxy = await startProxy({ hosts: { "data.example.test": "127.0.0.1" }, credentials: "ci:pw" });
    const url = `http://data.example.test:${origin.port}/current.csv?part=1`;
    const response = await guardedGet(new URL(url), policy({ HTTP_PROXY: proxy.urlWith("ci:pw") }), { what: "downloading" });
    assert.equal(await response.text(), CSV);
    assert.deepEqual(
      proxy.requests.map(({ method, target, status }) => ({ method, target, status })),
      [{ method: "CONNECT", target: `127.0.0.2:${origin.port}`, status: 200 }],
    );
    // Inside the tunnel: origin form, Host naming the host, and the proxy's credentials stay with the proxy.
    assert.deepEqual(origin.requests, [{ path: "/current.csv?part=1", host: `data.example.test:${origin.port}` }]);
    assert.equal(origin.proxyAuthorizations, 0);
    assert.equal(decoy.connections, 0);
  });

  test("a proxy that allows CONNECT only to port 443 refuses plain http: a UserError naming https and NO_PROXY, no fall-back to forwarding", async () => {
    const origin = await startOrigin("127.0.0.2", { "/api/v1/query": csv });
    const proxy = await startProxy({ connectPorts: [443] });
    const error = await rejectsUser(
      guardedGet(new URL(`http://prometheus.example.test:${origin.port}/api/v1/query`), policy({ HTTP_PROXY: proxy.url }), {
        what: "querying Prometheus",
      }),
      new RegExp(
        `^querying Prometheus: the proxy http://127\\.0\\.0\\.1:\\d+ \\(HTTP_PROXY\\) refused to connect to 127\\.0\\.0\\.2:${origin.port}: HTTP 403; proxies often allow CONNECT only to port 443`,
      ),
      /Fix: use the https:\/\/ URL on port 443 if the server has one, or add prometheus\.example\.test to NO_PROXY \(or no_proxy\)/,
    );
    assert.doesNotMatch(error.message, /check the proxy URL and its credentials/);
    assert.deepEqual(
      proxy.requests.map(({ method, target, status }) => `${method} ${target} ${status}`),
      [`CONNECT 127.0.0.2:${origin.port} 403`],
    );
    assert.equal(origin.connections, 0);
  });

  test("attack: a proxy that accepts the connection and never answers CONNECT fails the request after the idle timeout (https and http)", async () => {
    const silent = await startSilentProxy();
    const env = { HTTPS_PROXY: silent.url, HTTP_PROXY: silent.url };
    for (const url of ["https://data.example.test/current.csv", "http://data.example.test:8080/current.csv"]) {
      const started = Date.now();
      const outcome = await outcomeWithin(guardedGet(new URL(url), policy(env), { what: "downloading", idleTimeoutMs: 300 }), 5_000);
      // The error the rest of the request's idle timeout raises (callers report a TimeoutError as "no answer within …").
      assert.equal(outcome, `failed: TimeoutError: ${url} sent nothing for 0.3 s`);
      assert.ok(Date.now() - started >= 250, `gave up after ${Date.now() - started} ms`);
    }
    assert.equal(silent.connections, 2);
  });

  test("a proxy that opens the tunnel and then says nothing (the TLS handshake stalls) fails after the idle timeout too", async () => {
    const silent = await startSilentProxy("HTTP/1.1 200 Connection Established\r\n\r\n");
    const url = "https://data.example.test/current.csv";
    const outcome = await outcomeWithin(
      guardedGet(new URL(url), policy({ HTTPS_PROXY: silent.url }), { what: "downloading", idleTimeoutMs: 300 }),
      5_000,
    );
    assert.equal(outcome, `failed: TimeoutError: ${url} sent nothing for 0.3 s`);
  });

  test("https: tunnelled to the IP modelship checked, never to a name the proxy resolves again; TLS still checks the host's name", async () => {
    const origin = await startOrigin("127.0.0.2", { "/current.csv": csv }, tls);
    // An internal decoy on the same port of 127.0.0.1, and the proxy's DNS sending the name there:
    // the rebinding a proxy that resolved the name again would fall for.
    const decoy = await startOrigin("127.0.0.1", { "/current.csv": csv }, tls, origin.port);
    const proxy = await startProxy({ hosts: { "data.example.test": "127.0.0.1" } });
    const url = new URL(`https://data.example.test:${origin.port}/current.csv`);
    const network = policy({ HTTPS_PROXY: proxy.url }, { ca: tls.cert });
    const response = await guardedGet(url, network, { what: "downloading" });
    assert.equal(await response.text(), CSV);
    assert.deepEqual(
      proxy.requests.map(({ method, target, host }) => ({ method, target, host })),
      [{ method: "CONNECT", target: `127.0.0.2:${origin.port}`, host: `127.0.0.2:${origin.port}` }],
    );
    assert.deepEqual(origin.requests, [{ path: "/current.csv", host: `data.example.test:${origin.port}` }]);
    assert.equal(decoy.connections, 0);
    // The certificate names data.example.test only: another name on the same address fails TLS, through the tunnel too.
    await assert.rejects(
      guardedGet(new URL(`https://other.example.test:${origin.port}/current.csv`), network, { what: "downloading" }),
      /altnames|does not match|ERR_TLS_CERT_ALTNAME_INVALID/,
    );
  });

  test("attack: an internal target through the proxy is refused before the proxy is asked anything", async () => {
    const internal = await startOrigin("127.0.0.1", { "/admin": csv });
    const proxy = await startProxy({ hosts: { "internal.example.test": "127.0.0.1" } });
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
    const names = { "internal.example.test": ["127.0.0.1"], "mixed.example.test": ["127.0.0.2", "127.0.0.1"] };
    const network = policy(env, {}, names);
    const port = internal.port;
    // By name, https and http (both CONNECT): the name resolves to loopback.
    await rejectsUser(
      guardedGet(new URL(`https://internal.example.test:${port}/admin`), network, { what: "downloading" }),
      /refused to connect to https:\/\/internal\.example\.test:\d+\/admin \(the first request\): internal\.example\.test resolves to 127\.0\.0\.1, a loopback address/,
      FIX,
    );
    await rejectsUser(
      guardedGet(new URL(`http://internal.example.test:${port}/admin`), network, { what: "downloading" }),
      /internal\.example\.test resolves to 127\.0\.0\.1, a loopback address/,
      FIX,
    );
    // By IP literal, IPv4-mapped included, and the cloud metadata address.
    await rejectsUser(
      guardedGet(new URL(`http://127.0.0.1:${port}/admin`), network, { what: "downloading" }),
      /127\.0\.0\.1 is a loopback address/,
    );
    await rejectsUser(
      guardedGet(new URL(`https://[::ffff:127.0.0.1]:${port}/admin`), network, { what: "downloading" }),
      /loopback address/,
    );
    await rejectsUser(
      guardedGet(new URL("http://169.254.169.254/latest/meta-data/"), network, { what: "downloading" }),
      /instance metadata/,
    );
    assert.equal(proxy.requests.length, 0, "the proxy was asked for an internal target");
    // A name with one internal address among public ones: only the public one is asked for (nothing
    // listens there, so the proxy answers 502), over http as over https.
    for (const scheme of ["http", "https"])
      await rejectsUser(
        guardedGet(new URL(`${scheme}://mixed.example.test:${port}/admin`), network, { what: "downloading" }),
        new RegExp(`refused to connect to 127\\.0\\.0\\.2:${port}: HTTP 502$`, "m"),
      );
    assert.deepEqual(
      proxy.requests.map((request) => `${request.method} ${request.target}`),
      [`CONNECT 127.0.0.2:${port}`, `CONNECT 127.0.0.2:${port}`],
    );
    assert.equal(internal.connections, 0);
  });

  test("the allowlist works through the proxy, and the proxy itself (on loopback) needs no entry", async () => {
    const internal = await startOrigin("127.0.0.1", { "/current.csv": csv });
    const proxy = await startProxy();
    const url = `http://127.0.0.1:${internal.port}/current.csv`;
    const allowed = policy(
      { HTTP_PROXY: proxy.url },
      { allowInternal: AllowList.parse({ entries: [`127.0.0.1:${internal.port}`], source: "test" }) },
    );
    assert.equal(await (await guardedGet(new URL(url), allowed, { what: "downloading" })).text(), CSV);
    assert.deepEqual(
      proxy.requests.map((request) => `${request.method} ${request.target}`),
      [`CONNECT 127.0.0.1:${internal.port}`],
    );
  });

  test("NO_PROXY sends a listed host straight to it; lowercase no_proxy wins", async () => {
    const origin = await startOrigin("127.0.0.2", { "/current.csv": csv });
    const proxy = await startProxy({ hosts: { "data.example.test": "127.0.0.2" } });
    const url = new URL(`http://data.example.test:${origin.port}/current.csv`);
    const direct = policy({ HTTP_PROXY: proxy.url, NO_PROXY: ".example.test" });
    assert.equal(await (await guardedGet(url, direct, { what: "downloading" })).text(), CSV);
    assert.deepEqual(proxy.requests, []);
    const proxied = policy({ HTTP_PROXY: proxy.url, no_proxy: "other.test", NO_PROXY: ".example.test" });
    assert.equal(await (await guardedGet(url, proxied, { what: "downloading" })).text(), CSV);
    assert.equal(proxy.requests.length, 1);
    assert.equal(origin.requests.length, 2);
  });

  test("proxy credentials in the URL go as Proxy-Authorization; a 407 is a UserError naming the variable, without the password", async () => {
    const origin = await startOrigin("127.0.0.2", { "/current.csv": csv }, tls);
    const proxy = await startProxy({ credentials: "ci:pa ss" });
    const url = new URL(`https://data.example.test:${origin.port}/current.csv`);
    const good = policy({ https_proxy: proxy.urlWith("ci:pa%20ss") }, { ca: tls.cert });
    assert.equal(await (await guardedGet(url, good, { what: "downloading" })).text(), CSV);
    assert.equal(proxy.requests[0]!.proxyAuthorization, `Basic ${Buffer.from("ci:pa ss").toString("base64")}`);
    const bad = policy({ https_proxy: proxy.urlWith("ci:wrong-s3cret") }, { ca: tls.cert });
    const error = await rejectsUser(
      guardedGet(url, bad, { what: "downloading" }),
      /^downloading: the proxy http:\/\/127\.0\.0\.1:\d+ \(https_proxy\) refused to connect to 127\.0\.0\.2:\d+: HTTP 407 \(proxy authentication required\)/,
      /Fix: check the proxy URL and its credentials in https_proxy/,
    );
    assert.doesNotMatch(error.message, /s3cret/);
  });

  test("a Prometheus query goes through the proxy", async () => {
    const prometheus = await startOrigin("127.0.0.2", {
      "/api/v1/query": (response) => {
        response
          .writeHead(200, { "content-type": "application/json" })
          .end(
            JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1700000000, "0.0125"] }] } }),
          );
      },
    });
    const proxy = await startProxy({ hosts: { "prometheus.example.test": "127.0.0.2" } });
    const base = `http://prometheus.example.test:${prometheus.port}`;
    const [result] = await readHealth(
      { kind: "prometheus", url: base, timeoutMs: 5_000, network: policy({ HTTP_PROXY: proxy.url }) },
      [{ name: "errors", query: 'sum(rate(errors{version="{{version}}"}[{{window}}]))', max: 0.05 }],
      { model: "m", canaryVersion: "0.0.2", window: "10m" },
    );
    assert.equal(result!.canary, 0.0125);
    assert.equal(result!.status, "pass");
    // Tunnelled to the checked address; the query itself travels inside the tunnel.
    assert.deepEqual(
      proxy.requests.map((request) => `${request.method} ${request.target}`),
      [`CONNECT 127.0.0.2:${prometheus.port}`],
    );
    assert.equal(prometheus.requests.length, 1);
    const asked = new URL(prometheus.requests[0]!.path, base);
    assert.equal(prometheus.requests[0]!.host, `prometheus.example.test:${prometheus.port}`);
    assert.equal(asked.pathname, "/api/v1/query");
    assert.equal(asked.searchParams.get("query"), 'sum(rate(errors{version="0.0.2"}[10m]))');
  });
});

describe("the GitHub client through a proxy", () => {
  let github: FakeGitHub;
  before(async () => {
    github = await FakeGitHub.start();
    servers.push(github);
    github.addRepo("octo/models");
    github.addToken("t0ken", "write");
  });
  const client = (env: NodeJS.ProcessEnv) =>
    createGitHubClient({
      token: "t0ken",
      logger: new MemoryLogger(),
      userAgentVersion: "0.0.0-test",
      baseUrl: github.url,
      retries: 0,
      env,
    });

  test("GET and POST go through HTTP_PROXY (loopback is not bypassed by default); lowercase http_proxy wins", async () => {
    const proxy = await startProxy();
    // HTTP_PROXY names a port nothing listens on: only http_proxy can have worked.
    const octokit = client({ http_proxy: proxy.url, HTTP_PROXY: "http://127.0.0.1:9" });
    const { data: repo } = await octokit.rest.repos.get({ owner: "octo", repo: "models" });
    assert.equal(repo.full_name, "octo/models");
    const { data: issue } = await octokit.rest.issues.create({ owner: "octo", repo: "models", title: "through the proxy" });
    assert.equal(issue.title, "through the proxy");
    assert.deepEqual(
      proxy.requests.map(({ method, target }) => `${method} ${target}`),
      [`GET ${github.url}/repos/octo/models`, `POST ${github.url}/repos/octo/models/issues`],
    );
    assert.deepEqual(
      github.calls.slice(-2).map((call) => call.status),
      [200, 201],
    );
  });

  test("a release goes up (streamed uploads) and comes back (the storage redirect, guarded) through the proxy", async () => {
    const proxy = await startProxy();
    const env = { HTTP_PROXY: proxy.url };
    const logger = new MemoryLogger();
    const store = new GitHubStore({ client: client(env), owner: "octo", repo: "models", logger, retryBaseMs: 1, network: policy(env) });
    const modelBytes = Buffer.from("not really onnx, but bytes to carry");
    const pkg = await writeTestPackage({
      dir: join(root, "package"),
      model: "toy",
      version: "1.0.0",
      tag: tagFor("toy", "1.0.0"),
      files: { "model.onnx": modelBytes, "model-card.md": "# toy\n" },
      notes: "through the proxy",
    });
    await store.publish(pkg);
    const uploads = proxy.requests.filter((request) => request.method === "POST" && request.target.startsWith(github.uploadsUrl));
    assert.deepEqual(
      uploads.map((request) => [new URL(request.target).searchParams.get("name"), request.status]).sort(),
      [
        ["manifest.json", 201],
        ["model-card.md", 201],
        ["model.onnx", 201],
        ["SHA256SUMS", 201],
      ].sort(),
    );
    const before = proxy.requests.length;
    await mkdir(join(root, "fetched"));
    const { names } = await store.download("toy", "1.0.0", join(root, "fetched"));
    assert.ok(names.includes("model.onnx"));
    assert.deepEqual(await readFile(join(root, "fetched", "model.onnx")), modelBytes);
    // Every request of the download went through the proxy: the API calls (the GitHub client forwards
    // http in absolute form to the API URL the user configured) and, after each asset's API call, the
    // guarded storage hop, tunnelled to the address modelship checked.
    const downloads = proxy.requests.slice(before).map((request) => `${request.method} ${request.target}`);
    const storage = new URL(github.url);
    const hops = downloads.filter((line) => line.startsWith(`GET ${github.url}/repos/octo/models/releases/assets/`));
    assert.equal(hops.length, 4, downloads.join("\n"));
    for (const hop of hops) assert.equal(downloads[downloads.indexOf(hop) + 1], `CONNECT 127.0.0.1:${storage.port}`, downloads.join("\n"));
    // Only answers the API means (the 404 of the tag looked up before the release is made), no proxy failure.
    assert.deepEqual(
      proxy.requests
        .filter((request) => request.status >= 400)
        .map((request) => `${request.status} ${request.target.replace(/^https?:\/\/[^/]+/, "")}`),
      ["404 /repos/octo/models/releases/tags/toy%2Fv1.0.0"],
    );
  });

  test("a proxy variable that is no http(s) URL is a UserError when the client is made, naming the variable", () => {
    assert.throws(
      () => client({ HTTP_PROXY: "socks5://user:s3cret@proxy:1080" }),
      (error: unknown) =>
        isUserError(error) && /^HTTP_PROXY: socks5: proxies are not supported/.test(error.message) && !error.message.includes("s3cret"),
    );
  });

  test("NO_PROXY=127.0.0.1 goes straight to the fake", async () => {
    const proxy = await startProxy();
    const { data } = await client({ HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" }).rest.repos.get({
      owner: "octo",
      repo: "models",
    });
    assert.equal(data.full_name, "octo/models");
    assert.deepEqual(proxy.requests, []);
  });
});

describe("git through a proxy", () => {
  test("a clone over smart HTTP goes through http_proxy, which reaches git through our environment", async () => {
    const repos = join(root, "repos");
    await mkdir(repos, { recursive: true });
    const bare = seedBareRemote(repos, { "apps/model.yaml": "version: 1\n" });
    const server = await startGitHttp(join(bare, ".."));
    servers.push(server);
    const proxy = await startProxy({ hosts: { "git.example.test": "127.0.0.1" } });
    // A name only the proxy can resolve: without the proxy git cannot even find the host.
    const remote = `http://git.example.test:${server.port}/${bare.split("/").pop()!}`;
    const saved = { ...process.env };
    try {
      for (const name of ["no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY", "https_proxy", "HTTPS_PROXY"])
        Reflect.deleteProperty(process.env, name);
      process.env.http_proxy = proxy.url;
      // git-command.ts: the caller's environment, proxy included, is what git runs with.
      const refs = await gitOutput(["ls-remote", remote, "refs/heads/main"]);
      assert.match(refs, /^[0-9a-f]{40}\trefs\/heads\/main\n$/);
      const workspace = await GitWorkspace.clone({ remote, base: "main", dir: join(root, "clone"), logger: new MemoryLogger() });
      assert.equal(await readFile(join(workspace.dir, "apps/model.yaml"), "utf8"), "version: 1\n");
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
    }
    const asked = proxy.requests.map((request) => `${request.method} ${request.target.replace(/\?.*$/, "")}`);
    assert.ok(asked.includes(`GET ${remote}/info/refs`), asked.join("\n"));
    assert.ok(asked.includes(`POST ${remote}/git-upload-pack`), asked.join("\n"));
    assert.ok(proxy.requests.every((request) => request.status === 200));
    assert.equal(server.requests.length, proxy.requests.length);
  });
});
