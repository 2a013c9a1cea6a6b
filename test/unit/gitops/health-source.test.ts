import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isUserError, type UserError } from "../../../src/common/errors.ts";
import { renderHealthTable } from "../../../src/gitops/health-markdown.ts";
import { checkHealthChecks, fillQuery, readHealth, type HealthCheck, type HealthContext } from "../../../src/gitops/health.ts";
import { AllowList } from "../../../src/net/allow-internal.ts";

/** The stub listens on loopback, which health sources reach only when allowed. */
const LOOPBACK = { allowInternal: AllowList.parse({ entries: ["127.0.0.1"], source: "test" }) };

const CONTEXT: HealthContext = { model: "adult-income", canaryVersion: "0.0.2", stableVersion: "0.0.1", window: "10m" };
const CHECKS: HealthCheck[] = [
  { name: "error-rate", metric: "error_rate", max: 0.05, maxIncrease: 0.02 },
  { name: "latency_p95", max: 0.5 },
  { name: "accuracy", min: 0.8 },
];

/** Asserts that `promise` rejects with a UserError whose message matches every pattern. */
async function rejectsWithUserError(promise: Promise<unknown>, ...patterns: RegExp[]): Promise<UserError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(isUserError(caught), `expected a UserError, got ${String(caught)}`);
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught;
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-health-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function metricsFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("the metrics-file health source", () => {
  it("reads each check's metric for the canary and, for max_increase, the stable model", async () => {
    const path = await metricsFile(
      "good.json",
      JSON.stringify({
        versions: { "0.0.1": { error_rate: 0.01 }, "0.0.2": { error_rate: 0.02, latency_p95: 0.2, accuracy: 0.9 } },
        observed_at: "2025-05-01T12:00:00Z",
      }),
    );
    const results = await readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT);
    assert.deepEqual(
      results.map(({ name, canary, stable, status }) => ({ name, canary, stable, status })),
      [
        { name: "error-rate", canary: 0.02, stable: 0.01, status: "pass" },
        { name: "latency_p95", canary: 0.2, stable: null, status: "pass" },
        { name: "accuracy", canary: 0.9, stable: null, status: "pass" },
      ],
    );
    assert.equal(results[0]!.threshold, "≤ 0.05, ≤ stable + 0.02");
    assert.equal(results[0]!.query, undefined);
  });

  it("fails a check whose value breaks its threshold", async () => {
    const path = await metricsFile(
      "bad-canary.json",
      JSON.stringify({ versions: { "0.0.1": { error_rate: 0.01 }, "0.0.2": { error_rate: 0.04, latency_p95: 0.2, accuracy: 0.7 } } }),
    );
    const results = await readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT);
    assert.deepEqual(
      results.map((result) => result.status),
      ["fail", "pass", "fail"],
    );
    assert.match(results[0]!.detail, /0\.04 exceeds the stable model's 0\.01 by 0\.03/);
    assert.match(results[2]!.detail, /0\.7 is below the minimum 0\.8/);
  });

  it("gives no data for a version the document does not hold", async () => {
    const path = await metricsFile("no-canary.json", JSON.stringify({ versions: { "0.0.1": { error_rate: 0.01 } } }));
    const results = await readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT);
    assert.deepEqual(
      results.map((result) => result.status),
      ["no-data", "no-data", "no-data"],
    );
    assert.match(results[0]!.detail, /no data for the canary \(the metrics document has no version 0\.0\.2\)/);
  });

  it("gives no data for a missing or null metric, and fails it with on_missing fail", async () => {
    const path = await metricsFile("partial.json", JSON.stringify({ versions: { "0.0.2": { error_rate: null } } }));
    const results = await readHealth(
      { kind: "metrics-file", path },
      [
        { name: "error-rate", metric: "error_rate", max: 0.05 },
        { name: "accuracy", min: 0.8, onMissing: "fail" },
      ],
      CONTEXT,
    );
    assert.equal(results[0]!.status, "no-data");
    assert.match(results[0]!.detail, /no "error_rate" for version 0\.0\.2/);
    assert.equal(results[1]!.status, "fail");
    assert.match(results[1]!.detail, /on_missing is "fail"/);
  });

  it("gives no data for max_increase when the stable version is missing from the document", async () => {
    const path = await metricsFile("no-stable.json", JSON.stringify({ versions: { "0.0.2": { error_rate: 0.02 } } }));
    const [result] = await readHealth({ kind: "metrics-file", path }, [CHECKS[0]!], CONTEXT);
    assert.equal(result!.status, "no-data");
    assert.match(result!.detail, /no data for the stable model 0\.0\.1 \(the metrics document has no version 0\.0\.1\)/);
  });

  it("refuses JSON with a syntax error, naming the file and the line", async () => {
    const path = await metricsFile("syntax.json", '{\n  "versions": {\n    "0.0.2": { "error_rate": 0.02 }\n');
    const error = await rejectsWithUserError(readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT), /syntax/);
    assert.equal(error.file, path);
    // The text is three lines and a newline, cut off inside the open objects: the parser runs out
    // of input at the start of line 4.
    assert.equal(error.line, 4);
  });

  it("refuses a document that breaks the schema, naming the file and the JSON pointer of each problem", async () => {
    const path = await metricsFile(
      "schema.json",
      JSON.stringify({ versions: { "0.0.2": { error_rate: "high", accuracy: 0.9 } }, observed: "yesterday" }, null, 2),
    );
    const error = await rejectsWithUserError(
      readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT),
      /canary metrics document does not match its schema \(2 problems\)/,
      /\/versions\/0\.0\.2\/error_rate: must be number or null/,
      /\/observed: unknown property "observed"/,
    );
    assert.equal(error.file, path);
    // JSON.stringify(…, null, 2) writes "{", "versions", "0.0.2", "error_rate", "accuracy", "}",
    // "}," and then "observed" on line 8. ajv reports the top level's unknown property before the
    // nested type error, so /observed is the first problem and its line is the error's line.
    assert.equal(error.line, 8, "the first problem's line");
    assert.match(error.message, new RegExp(`\\(2 problems\\):\\n {2}${path}:8:\\d+: /observed: `));
    assert.match(error.message, new RegExp(`${path}:4:\\d+: /versions/0\\.0\\.2/error_rate`));
  });

  it("refuses a document without versions", async () => {
    const path = await metricsFile("empty.json", "{}");
    await rejectsWithUserError(readHealth({ kind: "metrics-file", path }, CHECKS, CONTEXT), /missing required property "versions"/);
  });

  it("says when the file does not exist", async () => {
    const error = await rejectsWithUserError(
      readHealth({ kind: "metrics-file", path: join(dir, "missing.json") }, CHECKS, CONTEXT),
      /canary metrics file not found/,
    );
    assert.equal(error.file, join(dir, "missing.json"));
  });
});

/** A tiny HTTP server whose answer each test sets. */
class StubServer {
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
  readonly requests: IncomingMessage[] = [];
  readonly #server: Server;
  private constructor(server: Server) {
    this.#server = server;
  }
  static async start(): Promise<StubServer> {
    const stub: StubServer = new StubServer(
      createServer((request, response) => {
        stub.requests.push(request);
        stub.handler(request, response);
      }),
    );
    await new Promise<void>((resolve) => stub.#server.listen(0, "127.0.0.1", resolve));
    return stub;
  }
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }
  json(status: number, body: unknown): void {
    this.handler = (_request, response) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
  }
  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}

describe("the metrics-url health source", () => {
  let stub: StubServer;
  before(async () => {
    stub = await StubServer.start();
  });
  after(async () => {
    await stub.stop();
  });

  it("fetches the document with the configured headers", async () => {
    stub.json(200, { versions: { "0.0.2": { latency_p95: 0.3 } } });
    const [result] = await readHealth(
      { kind: "metrics-url", network: LOOPBACK, url: `${stub.url}/metrics.json`, headers: { authorization: "Bearer t0ken" } },
      [CHECKS[1]!],
      CONTEXT,
    );
    assert.equal(result!.status, "pass");
    assert.equal(stub.requests.at(-1)!.headers.authorization, "Bearer t0ken");
  });

  it("says which URL answered with an HTTP error", async () => {
    stub.json(403, { message: "forbidden" });
    await rejectsWithUserError(
      readHealth({ kind: "metrics-url", network: LOOPBACK, url: `${stub.url}/metrics.json` }, CHECKS, CONTEXT),
      new RegExp(`canary metrics at ${stub.url}/metrics.json: HTTP 403`),
      /Fix: check the headers/,
    );
  });

  it("names the URL in schema errors", async () => {
    stub.json(200, { versions: { "0.0.2": [] } });
    const error = await rejectsWithUserError(
      readHealth({ kind: "metrics-url", network: LOOPBACK, url: `${stub.url}/m.json` }, CHECKS, CONTEXT),
      /\/versions\/0\.0\.2: must be object/,
    );
    assert.equal(error.file, `${stub.url}/m.json`);
  });
});

describe("the prometheus health source (stubbed answers)", () => {
  let stub: StubServer;
  before(async () => {
    stub = await StubServer.start();
  });
  after(async () => {
    await stub.stop();
  });
  const check: HealthCheck = {
    name: "error-rate",
    query: 'sum(rate(errors{model="{{model}}",version="{{version}}",role="{{role}}"}[{{window}}]))',
    max: 0.05,
  };
  const vector = (...values: string[]): unknown => ({
    status: "success",
    data: { resultType: "vector", result: values.map((value, index) => ({ metric: { pod: `p${index}` }, value: [1714564800, value] })) },
  });

  it("sends the filled query to /api/v1/query and reads a one-sample vector", async () => {
    stub.json(200, vector("0.0125"));
    const [result] = await readHealth(
      { kind: "prometheus", network: LOOPBACK, url: `${stub.url}/`, headers: { "x-scope-orgid": "ml" } },
      [check],
      CONTEXT,
    );
    assert.equal(result!.canary, 0.0125);
    assert.equal(result!.status, "pass");
    assert.equal(result!.query, 'sum(rate(errors{model="adult-income",version="0.0.2",role="canary"}[10m]))');
    const request = stub.requests.at(-1)!;
    const url = new URL(request.url!, stub.url);
    assert.equal(url.pathname, "/api/v1/query");
    assert.equal(url.searchParams.get("query"), result!.query);
    assert.equal(request.headers["x-scope-orgid"], "ml");
  });

  it("queries the stable model with role stable for max_increase", async () => {
    stub.json(200, vector("0.01"));
    await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [{ ...check, maxIncrease: 0.01 }], CONTEXT);
    const query = new URL(stub.requests.at(-1)!.url!, stub.url).searchParams.get("query");
    assert.match(query!, /version="0\.0\.1",role="stable"/);
  });

  // A stable model modelship did not release (adopted by the first promotion) has no version: the
  // canary's version must never stand in for it, or the canary is compared with itself.
  const ADOPTED: HealthContext = {
    model: "income-clf",
    canaryVersion: "0.0.1",
    stableUri: "s3://legacy/adult-income/model.onnx",
    window: "10m",
  };
  const byRole: HealthCheck = { name: "latency", query: 'avg(latency{model="{{model}}",role="{{role}}"})', maxIncrease: 0.05 };

  it("reads an adopted stable model by role when the query selects by {{role}} alone", async () => {
    stub.handler = (request, response) => {
      const query = new URL(request.url!, stub.url).searchParams.get("query")!;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(vector(query.includes('role="stable"') ? "0.2" : "0.5")));
    };
    const [result] = await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [byRole], ADOPTED);
    assert.deepEqual([result!.canary, result!.stable, result!.status], [0.5, 0.2, "fail"]);
    assert.equal(new URL(stub.requests.at(-1)!.url!, stub.url).searchParams.get("query"), 'avg(latency{model="income-clf",role="stable"})');
  });

  it("does not read an adopted stable model by {{version}}: no data, and says how to select it", async () => {
    stub.json(200, vector("0.5"));
    const asked = stub.requests.length;
    const [result] = await readHealth(
      { kind: "prometheus", network: LOOPBACK, url: stub.url },
      [{ name: check.name, query: check.query!, maxIncrease: 0.01 }],
      ADOPTED,
    );
    assert.equal(stub.requests.length - asked, 1, "only the canary is queried");
    assert.equal(result!.stable, null);
    assert.equal(result!.status, "no-data");
    assert.match(
      result!.detail,
      /no data for the stable model at s3:\/\/legacy\/adult-income\/model\.onnx \(its version is unknown, since modelship did not release it; .*\{\{role\}\} instead of \{\{version\}\}/,
    );
  });

  it("does not read a stable model that has the canary's version by {{version}}", async () => {
    stub.json(200, vector("0.5"));
    const [result] = await readHealth(
      { kind: "prometheus", network: LOOPBACK, url: stub.url },
      [{ name: check.name, query: 'sum(errors{version="{{version}}"})', maxIncrease: 0.01 }],
      { ...ADOPTED, stableVersion: "0.0.1" },
    );
    assert.equal(result!.stable, null);
    assert.match(result!.detail, /it has the canary's version 0\.0\.1, so \{\{version\}\} cannot tell the two apart/);
  });

  it("reads a scalar", async () => {
    stub.json(200, { status: "success", data: { resultType: "scalar", result: [1714564800, "0.5"] } });
    const [result] = await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT);
    assert.equal(result!.canary, 0.5);
    assert.equal(result!.status, "fail");
  });

  it("takes an empty vector as no data", async () => {
    stub.json(200, vector());
    const [result] = await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT);
    assert.equal(result!.status, "no-data");
    assert.match(result!.detail, /the query returned no series/);
  });

  it("takes NaN as no data and +Inf as a number", async () => {
    stub.json(200, vector("NaN"));
    const [nan] = await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT);
    assert.equal(nan!.status, "no-data");
    assert.match(nan!.detail, /NaN/);
    stub.json(200, vector("+Inf"));
    const [inf] = await readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT);
    assert.equal(inf!.canary, Number.POSITIVE_INFINITY);
    assert.equal(inf!.status, "fail");
  });

  it("refuses several series, telling the user to aggregate", async () => {
    stub.json(200, vector("1", "2"));
    await rejectsWithUserError(
      readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT),
      /returned 2 series \(\{pod="p0"\}, \{pod="p1"\}\)/,
      /exactly one number/,
      /Fix: aggregate the query, e.g\. sum\(\.\.\.\) or avg\(\.\.\.\)/,
    );
  });

  it("refuses a range vector", async () => {
    stub.json(200, { status: "success", data: { resultType: "matrix", result: [] } });
    await rejectsWithUserError(readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT), /range vector/);
  });

  it("reports Prometheus's own error with the URL and the query", async () => {
    stub.json(422, { status: "error", errorType: "execution", error: "many-to-many matching not allowed" });
    await rejectsWithUserError(
      readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT),
      new RegExp(`Prometheus at ${stub.url}, query sum\\(rate\\(errors`),
      /refused the query: execution: many-to-many matching not allowed/,
    );
  });

  it("says when the answer is not JSON (a login page, a wrong path)", async () => {
    stub.handler = (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>sign in</html>");
    };
    await rejectsWithUserError(
      readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url }, [check], CONTEXT),
      /the answer is not JSON \(HTTP 200, text\/html\)/,
      /without \/api\/v1/,
    );
  });

  it("gives up after the timeout", async () => {
    stub.handler = () => undefined; // never answers
    await rejectsWithUserError(
      readHealth({ kind: "prometheus", network: LOOPBACK, url: stub.url, timeoutMs: 100 }, [check], CONTEXT),
      /no answer within 100 ms/,
    );
  });
});

describe("health check configuration", () => {
  const bad: [string, HealthCheck[], RegExp][] = [
    ["a check without a threshold", [{ name: "x", query: "up" }], /health check "x" has no threshold/],
    ["min above max", [{ name: "x", query: "up", min: 2, max: 1 }], /min 2 is above max 1/],
    [
      "two checks with one name",
      [
        { name: "x", query: "up", max: 1 },
        { name: "x", query: "up", max: 1 },
      ],
      /two health checks are named "x"/,
    ],
    ["a check without a query for Prometheus", [{ name: "x", metric: "x", max: 1 }], /has no query, which a Prometheus source needs/],
  ];
  for (const [title, checks, message] of bad) {
    it(`refuses ${title}`, async () => {
      assert.throws(
        () => {
          checkHealthChecks(checks, { kind: "prometheus", url: "http://127.0.0.1:1" });
        },
        (error: unknown) => isUserError(error) && message.test(error.message),
      );
      await rejectsWithUserError(readHealth({ kind: "prometheus", url: "http://127.0.0.1:1" }, checks, CONTEXT), message);
    });
  }

  it("fills placeholders, escaping quotes, and refuses unknown ones and bad windows", () => {
    const values = { model: "m", version: 'a"b', role: "canary", window: "1h30m" };
    assert.equal(fillQuery({ name: "q", query: 'x{version="{{ version }}"}[{{window}}]', max: 1 }, values), 'x{version="a\\"b"}[1h30m]');
    assert.throws(() => fillQuery({ name: "q", query: "{{revision}}", max: 1 }, values), /unknown placeholder \{\{revision\}\}/);
    assert.throws(
      () => fillQuery({ name: "q", query: "rate(x[{{window}}])", max: 1 }, { ...values, window: "ten minutes" }),
      /not a Prometheus duration/,
    );
  });
});

describe("renderHealthTable", () => {
  it("renders one row per check with values, thresholds and status, and folds the queries", () => {
    const markdown = renderHealthTable([
      {
        name: "error-rate",
        canary: 0.02,
        stable: 0.01,
        threshold: "≤ 0.05, ≤ stable + 0.02",
        status: "pass",
        detail: "0.02 meets ≤ 0.05",
        query: 'sum(x{v="1"})',
      },
      { name: "latency|p95", canary: null, stable: null, threshold: "≤ 0.5", status: "no-data", detail: "no data for the canary" },
      {
        name: "accuracy",
        canary: 0.123456789,
        stable: null,
        threshold: "≥ 0.8",
        status: "fail",
        detail: "0.1235 is below the minimum 0.8",
      },
    ]);
    const lines = markdown.split("\n");
    assert.equal(lines[0], "| Check | Canary | Stable | Threshold | Status | Detail |");
    assert.equal(lines[1], "| --- | ---: | ---: | --- | --- | --- |");
    assert.equal(lines[2], "| error-rate | 0.02 | 0.01 | ≤ 0.05, ≤ stable + 0.02 | ✅ pass | 0.02 meets ≤ 0.05 |");
    assert.equal(lines[3], "| latency\\|p95 | — | — | ≤ 0.5 | ❔ no data | no data for the canary |");
    assert.equal(lines[4], "| accuracy | 0.1235 | — | ≥ 0.8 | ❌ fail | 0.1235 is below the minimum 0.8 |");
    assert.match(markdown, /<details><summary>Queries<\/summary>\n\n- error-rate: `sum\(x\{v="1"\}\)`\n\n<\/details>$/);
  });

  it("says when there are no checks", () => {
    assert.equal(renderHealthTable([]), "_No health checks are configured._");
  });
});
