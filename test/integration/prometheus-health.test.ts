/**
 * Canary health against a real Prometheus (Debian's `prometheus` package; CI installs it with
 * apt-get). A small exporter serves counters, a histogram and a gauge per model version; Prometheus
 * scrapes it every second; readHealth runs real PromQL and decideCanary turns the results into a
 * step for the healthy canary and a rollback for the unhealthy one.
 *
 * The exporter adds a fixed number of requests per scrape in a fixed proportion (and starts its
 * counters high, so rate()'s extrapolation is never cut at zero): every ratio of rates is exactly
 * the ratio of the increments, whatever the scrape timing.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { decideCanary, type CanaryPolicy } from "../../src/gitops/canary-decision.ts";
import { readHealth, type HealthCheck, type HealthContext, type HealthSource } from "../../src/gitops/health.ts";
import type { RolloutState } from "../../src/gitops/targets/target-types.ts";
import { AllowList } from "../../src/net/allow-internal.ts";

const PROMETHEUS = "/usr/bin/prometheus";
/** Prometheus listens on loopback, an internal address health sources reach only when allowed. */
const LOOPBACK = { allowInternal: AllowList.parse({ entries: ["127.0.0.1"], source: "test" }) };
const MODEL = "adult-income";

/** Per scrape: requests and errors (code 500) out of 100, latency bucket increments, prediction shift. */
const TRAFFIC: Record<string, { errors: number; buckets: number[]; shift: number; role: string }> = {
  "0.0.1": { errors: 1, buckets: [60, 30, 8, 2, 0], shift: 0.01, role: "stable" },
  "0.0.2": { errors: 2, buckets: [50, 40, 8, 2, 0], shift: 0.03, role: "canary" },
  "0.0.3": { errors: 30, buckets: [10, 20, 30, 30, 10], shift: 0.25, role: "canary" },
};
const REQUESTS_PER_SCRAPE = 100;
const BUCKETS = ["0.05", "0.1", "0.25", "0.5", "1"];
/** Counters start here so that rate() never extrapolates to zero. */
const BASE = 1_000_000;

/** The error rate the exporter serves for `version`: its errors out of every scrape's requests. */
const servedErrorRate = (version: string): number => TRAFFIC[version]!.errors / REQUESTS_PER_SCRAPE;
/** A number as a reason shows it (rounded to 4 decimals, no trailing zeros), escaped for a RegExp. */
const shown = (value: number): string => Number(value.toFixed(4)).toString().replaceAll(".", "\\.");

/** p95 by histogram_quantile's linear interpolation within the bucket holding rank 95. */
function expectedP95(increments: number[]): number {
  const rank = 0.95 * REQUESTS_PER_SCRAPE;
  let cumulative = 0;
  for (const [index, count] of increments.entries()) {
    if (cumulative + count >= rank) {
      const lower = index === 0 ? 0 : Number(BUCKETS[index - 1]);
      return lower + (Number(BUCKETS[index]) - lower) * ((rank - cumulative) / count);
    }
    cumulative += count;
  }
  throw new Error("rank beyond the last finite bucket");
}

/** Text exposition format for the `scrapes`-th scrape. */
function exposition(scrapes: number): string {
  const lines = ["# HELP model_requests_total Prediction requests by model, version and HTTP code.", "# TYPE model_requests_total counter"];
  for (const [version, traffic] of Object.entries(TRAFFIC)) {
    const labels = `model="${MODEL}",version="${version}"`;
    lines.push(`model_requests_total{${labels},code="200"} ${BASE + scrapes * (REQUESTS_PER_SCRAPE - traffic.errors)}`);
    lines.push(`model_requests_total{${labels},code="500"} ${BASE + scrapes * traffic.errors}`);
  }
  lines.push("# HELP model_request_duration_seconds Prediction latency.", "# TYPE model_request_duration_seconds histogram");
  for (const [version, traffic] of Object.entries(TRAFFIC)) {
    const labels = `model="${MODEL}",version="${version}"`;
    let cumulative = 0;
    for (const [index, le] of BUCKETS.entries()) {
      cumulative += traffic.buckets[index]!;
      lines.push(`model_request_duration_seconds_bucket{${labels},le="${le}"} ${BASE + scrapes * cumulative}`);
    }
    lines.push(`model_request_duration_seconds_bucket{${labels},le="+Inf"} ${BASE + scrapes * REQUESTS_PER_SCRAPE}`);
    lines.push(`model_request_duration_seconds_sum{${labels}} ${scrapes * 20}`);
    lines.push(`model_request_duration_seconds_count{${labels}} ${BASE + scrapes * REQUESTS_PER_SCRAPE}`);
  }
  lines.push(
    "# HELP model_prediction_shift Distance between live and reference prediction distributions.",
    "# TYPE model_prediction_shift gauge",
  );
  for (const [version, traffic] of Object.entries(TRAFFIC))
    lines.push(`model_prediction_shift{model="${MODEL}",version="${version}",role="${traffic.role}"} ${traffic.shift}`);
  return `${lines.join("\n")}\n`;
}

/**
 * A port that was free a moment ago: the OS picks one for a throwaway listener, which is closed
 * again (releasing the port) before Prometheus is started to bind it.
 */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true or `timeoutMs` passes. */
async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; prometheus said:\n${output()}`);
}

const WINDOW = "10s";
const CHECKS: HealthCheck[] = [
  {
    name: "error-rate",
    query: `sum(rate(model_requests_total{model="{{model}}",version="{{version}}",code=~"5.."}[{{window}}])) / sum(rate(model_requests_total{model="{{model}}",version="{{version}}"}[{{window}}]))`,
    max: 0.05,
    maxIncrease: 0.02,
  },
  {
    name: "latency-p95",
    query: `histogram_quantile(0.95, sum by (le) (rate(model_request_duration_seconds_bucket{model="{{model}}",version="{{version}}"}[{{window}}])))`,
    max: 0.5,
  },
  { name: "prediction-shift", query: `max(model_prediction_shift{model="{{model}}",version="{{version}}",role="{{role}}"})`, max: 0.1 },
];
const POLICY: CanaryPolicy = { steps: [10, 50], bakeMinutes: 30, promote: "review" };
const NOW = new Date();
const LAST_CHANGE = new Date(NOW.getTime() - 45 * 60_000);
const stateWith = (version: string): RolloutState => ({
  stable: { version: "0.0.1", uri: "https://example.test/adult-income/0.0.1/model.onnx" },
  canary: { version, uri: `https://example.test/adult-income/${version}/model.onnx`, weight: 10 },
});
const contextFor = (canaryVersion: string): HealthContext => ({ model: MODEL, canaryVersion, stableVersion: "0.0.1", window: WINDOW });

const skip = existsSync(PROMETHEUS)
  ? false
  : `${PROMETHEUS} is not installed (apt-get install prometheus) — skipping the real-Prometheus health test`;

describe("canary health from a real Prometheus", { skip, timeout: 60_000 }, () => {
  let workspace: string;
  let exporter: Server;
  let prometheus: ChildProcess | undefined;
  let source: HealthSource & { kind: "prometheus" };
  let output = "";

  before(async () => {
    workspace = await mkdtemp(join(tmpdir(), "modelship-prometheus-"));
    let scrapes = 0;
    exporter = createServer((request, response) => {
      if (request.url !== "/metrics") {
        response.writeHead(404).end();
        return;
      }
      scrapes += 1;
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      response.end(exposition(scrapes));
    });
    await new Promise<void>((resolve) => exporter.listen(0, "127.0.0.1", resolve));
    const exporterPort = (exporter.address() as AddressInfo).port;
    const config = join(workspace, "prometheus.yml");
    await writeFile(
      config,
      [
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "scrape_configs:",
        "  - job_name: model-server",
        "    static_configs:",
        `      - targets: ["127.0.0.1:${exporterPort}"]`,
        "",
      ].join("\n"),
    );
    const port = await freePort();
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(workspace, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    prometheus.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    prometheus.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) => {
      prometheus!.once("exit", (code) => {
        reject(new Error(`prometheus exited with ${String(code)}:\n${output}`));
      });
    });
    exited.catch(() => undefined);
    source = { kind: "prometheus", url: `http://127.0.0.1:${port}`, timeoutMs: 5_000, network: LOOPBACK };

    const ready = waitFor(
      "/-/ready",
      async () => (await fetch(`${source.url}/-/ready`)).ok,
      20_000,
      () => output,
    );
    await Promise.race([ready, exited]);
    // rate() over the window needs a few samples of every series.
    const enoughSamples = `min(count_over_time(model_requests_total[${WINDOW}])) >= 3`;
    const scraped = waitFor(
      "three scrapes of the exporter",
      async () => {
        const answer = (await (
          await fetch(`${source.url}/api/v1/query?${new URLSearchParams({ query: enoughSamples }).toString()}`)
        ).json()) as { data?: { result?: unknown[] } };
        return (answer.data?.result?.length ?? 0) > 0;
      },
      30_000,
      () => output,
    );
    await Promise.race([scraped, exited]);
  });

  after(async () => {
    if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
      const gone = new Promise((resolve) => prometheus!.once("exit", resolve));
      prometheus.kill("SIGTERM");
      const timer = setTimeout(() => prometheus!.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    }
    if (exporter) {
      await new Promise<void>((resolve) => {
        exporter.close(() => {
          resolve();
        });
      });
    }
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it("reads exact error rates, a p95 from a histogram and a gauge, and steps a healthy canary up", async () => {
    const results = await readHealth(source, CHECKS, contextFor("0.0.2"));
    const [errorRate, latency, shift] = results;
    assert.equal(errorRate!.status, "pass", errorRate!.detail);
    assert.ok(Math.abs(errorRate!.canary! - servedErrorRate("0.0.2")) < 1e-9, `error rate ${String(errorRate!.canary)}`);
    assert.ok(Math.abs(errorRate!.stable! - servedErrorRate("0.0.1")) < 1e-9, `stable error rate ${String(errorRate!.stable)}`);
    assert.ok(Math.abs(latency!.canary! - expectedP95(TRAFFIC["0.0.2"]!.buckets)) < 1e-9, `p95 ${String(latency!.canary)}`);
    assert.equal(latency!.status, "pass");
    assert.equal(shift!.canary, 0.03);
    assert.equal(shift!.status, "pass");
    assert.match(shift!.query!, /role="canary"/);

    const decision = decideCanary({ state: stateWith("0.0.2"), policy: POLICY, checks: results, now: NOW, lastChange: LAST_CHANGE });
    assert.deepEqual(
      { action: decision.action, weight: decision.action === "step" ? decision.weight : undefined },
      { action: "step", weight: 50 },
      decision.reason,
    );
    assert.match(
      decision.reason,
      new RegExp(
        `error-rate: ${shown(servedErrorRate("0.0.2"))} meets ≤ 0\\.05, ≤ stable \\+ 0\\.02 with stable at ${shown(servedErrorRate("0.0.1"))}`,
      ),
    );
  });

  it("rolls back an unhealthy canary, citing its error rate against the stable model", async () => {
    const results = await readHealth(source, CHECKS, contextFor("0.0.3"));
    assert.deepEqual(
      results.map((result) => result.status),
      ["fail", "fail", "fail"],
    );
    assert.ok(Math.abs(results[0]!.canary! - servedErrorRate("0.0.3")) < 1e-9);
    assert.ok(Math.abs(results[1]!.canary! - expectedP95(TRAFFIC["0.0.3"]!.buckets)) < 1e-9);
    const decision = decideCanary({ state: stateWith("0.0.3"), policy: POLICY, checks: results, now: NOW, lastChange: LAST_CHANGE });
    assert.equal(decision.action, "rollback", decision.reason);
    const [canaryRate, stableRate] = [servedErrorRate("0.0.3"), servedErrorRate("0.0.1")];
    assert.match(
      decision.reason,
      new RegExp(
        `^Roll back canary 0\\.0\\.3 at 10%: error-rate: ${shown(canaryRate)} is above the maximum 0\\.05 and ${shown(canaryRate)} exceeds the stable model's ${shown(stableRate)} by ${shown(canaryRate - stableRate)}, more than the allowed 0\\.02; latency-p95: .* is above the maximum 0\\.5; prediction-shift: ${shown(TRAFFIC["0.0.3"]!.shift)} is above the maximum 0\\.1\\.$`,
      ),
    );
  });

  it("holds a canary Prometheus has no series for", async () => {
    const results = await readHealth(source, CHECKS, contextFor("9.9.9"));
    assert.equal(results[0]!.status, "no-data");
    assert.equal(results[1]!.status, "no-data");
    assert.equal(results[2]!.status, "no-data");
    assert.match(results[2]!.detail, /the query returned no series/);
    const decision = decideCanary({ state: stateWith("9.9.9"), policy: POLICY, checks: results, now: NOW, lastChange: LAST_CHANGE });
    assert.equal(decision.action, "hold", decision.reason);
  });

  it("refuses a query that returns two series, telling the user to aggregate", async () => {
    const check: HealthCheck = { name: "requests", query: 'model_requests_total{model="{{model}}",version="{{version}}"}', max: 1e12 };
    await assert.rejects(readHealth(source, [check], contextFor("0.0.2")), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(
        error.message,
        new RegExp(
          `^Prometheus at ${source.url}, query model_requests_total\\{model="adult-income",version="0\\.0\\.2"\\} \\(check "requests"\\): the query returned 2 series`,
        ),
      );
      assert.match(error.message, /code="200"/);
      assert.match(error.message, /Fix: aggregate the query, e\.g\. sum\(\.\.\.\) or avg\(\.\.\.\)/);
      return true;
    });
  });

  it("reports a PromQL syntax error as Prometheus words it, with the URL and the query", async () => {
    const check: HealthCheck = { name: "broken", query: "sum(rate(model_requests_total[{{window}}])", max: 1 };
    await assert.rejects(readHealth(source, [check], contextFor("0.0.2")), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(
        error.message,
        new RegExp(
          `^Prometheus at ${source.url}, query sum\\(rate\\(model_requests_total\\[10s\\]\\) \\(check "broken"\\): Prometheus refused the query: bad_data: `,
        ),
      );
      assert.match(error.message, /parse error/);
      assert.doesNotMatch(error.message, /\n\s+at /, "no stack trace");
      return true;
    });
  });

  it("says clearly when Prometheus cannot be reached", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(readHealth({ kind: "prometheus", url, network: LOOPBACK }, CHECKS, contextFor("0.0.2")), (error: unknown) => {
      assert.ok(isUserError(error));
      assert.match(
        error.message,
        new RegExp(`^Prometheus at ${url}, query .* \\(check "error-rate"\\): cannot connect \\(ECONNREFUSED\\)`),
      );
      assert.match(error.message, /Fix: check the url/);
      return true;
    });
  });
});
