/**
 * The proxy rule (common/proxy-env.ts): which variable wins, when NO_PROXY bypasses, and how a bad
 * proxy URL is refused. Expected choices are written from undici's EnvHttpProxyAgent and curl's
 * documented rules, case by case.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { bypassesProxy, parseProxyUrl, proxyAuthorization, proxyFor } from "../../../src/common/proxy-env.ts";

const chosen = (url: string, env: NodeJS.ProcessEnv): string | undefined => {
  const choice = proxyFor(new URL(url), env);
  return choice === undefined ? undefined : `${choice.variable} ${choice.url.host}`;
};

describe("which proxy variable applies", () => {
  test("http URLs read http_proxy before HTTP_PROXY; https URLs https_proxy, HTTPS_PROXY, then the http proxy", () => {
    const all = { http_proxy: "lower-http:1", HTTP_PROXY: "upper-http:2", https_proxy: "lower-https:3", HTTPS_PROXY: "upper-https:4" };
    assert.equal(chosen("http://example.com/", all), "http_proxy lower-http:1");
    assert.equal(chosen("https://example.com/", all), "https_proxy lower-https:3");
    assert.equal(chosen("https://example.com/", { HTTPS_PROXY: "upper-https:4", HTTP_PROXY: "upper-http:2" }), "HTTPS_PROXY upper-https:4");
    assert.equal(chosen("http://example.com/", { HTTP_PROXY: "upper-http:2", HTTPS_PROXY: "upper-https:4" }), "HTTP_PROXY upper-http:2");
    // undici: no https proxy set, the http one serves https too.
    assert.equal(chosen("https://example.com/", { HTTP_PROXY: "upper-http:2" }), "HTTP_PROXY upper-http:2");
    assert.equal(chosen("http://example.com/", { HTTPS_PROXY: "upper-https:4" }), undefined);
    assert.equal(chosen("https://example.com/", {}), undefined);
  });

  test("a lowercase variable set to empty turns the proxy off even when the uppercase one is set", () => {
    assert.equal(chosen("http://example.com/", { http_proxy: "", HTTP_PROXY: "upper:2" }), undefined);
    // undici: an empty https_proxy hides HTTPS_PROXY, and https then falls back to the http proxy.
    assert.equal(chosen("https://example.com/", { https_proxy: "", HTTPS_PROXY: "upper-https:4" }), undefined);
    assert.equal(
      chosen("https://example.com/", { https_proxy: "", HTTPS_PROXY: "upper-https:4", HTTP_PROXY: "upper-http:2" }),
      "HTTP_PROXY upper-http:2",
    );
  });

  test("a bare host:port is an http proxy; credentials give Proxy-Authorization; other schemes are UserErrors naming the variable", () => {
    const choice = proxyFor(new URL("https://example.com/"), { HTTPS_PROXY: "u%40x:p%3Aw@proxy.corp:3128" })!;
    assert.equal(choice.url.protocol, "http:");
    assert.equal(proxyAuthorization(choice.url), `Basic ${Buffer.from("u@x:p:w").toString("base64")}`);
    assert.equal(proxyAuthorization(new URL("http://proxy.corp:3128")), undefined);
    try {
      proxyFor(new URL("https://example.com/"), { https_proxy: "socks5://user:secret@proxy:1080" });
      assert.fail("expected a refusal");
    } catch (error) {
      assert.ok(isUserError(error));
      assert.match(error.message, /^https_proxy: socks5: proxies are not supported/);
      assert.match(error.message, /Fix: set https_proxy to an http:\/\/ or https:\/\/ proxy URL/);
      assert.doesNotMatch(error.message, /secret/);
    }
  });
});

describe("a proxy URL that does not parse is refused without showing its credentials", () => {
  // Each value fails to parse because of its password: the authority ends at the first "/", or an
  // unencoded "@"/":" leaves a "port" that is no number. The message may show only the scheme and
  // what follows the last "@"; no piece of the password may appear.
  const cases: { label: string; value: string; shown: string; secrets: string[] }[] = [
    {
      label: "/",
      value: "http://ci-user:S3cr/etPW@proxy.corp:3128",
      shown: "http://…@proxy.corp:3128",
      secrets: ["S3cr", "etPW", "ci-user"],
    },
    {
      label: "@, : and /",
      value: "http://ci-user:pa@ss:wo/rd@proxy.corp:3128",
      shown: "http://…@proxy.corp:3128",
      secrets: ["pa@ss", "ss:wo", "rd@"],
    },
    {
      label: "%40 and /, over an https proxy",
      value: "https://ci-user:p%40ss/w0rd@proxy.corp:3128",
      shown: "https://…@proxy.corp:3128",
      secrets: ["p%40ss", "w0rd", "p@ss"],
    },
    {
      label: ":, /, %40 and @, no scheme",
      value: "ci-user:a:b/c%40d@e@proxy.corp:3128",
      shown: "…@proxy.corp:3128",
      secrets: ["a:b", "c%40d", "d@e"],
    },
  ];
  for (const { label, value, shown, secrets } of cases)
    test(`a password with ${label}`, () => {
      assert.throws(() => new URL(/^[a-z]+:\/\//.test(value) ? value : `http://${value}`), TypeError, "the case must not parse");
      try {
        parseProxyUrl(value, "HTTPS_PROXY");
        assert.fail("expected a refusal");
      } catch (error) {
        assert.ok(isUserError(error));
        assert.match(error.message, new RegExp(`^HTTPS_PROXY: "${shown.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}" is not a proxy URL`));
        assert.match(error.message, /Fix: set HTTPS_PROXY to the proxy's URL/);
        for (const secret of secrets) assert.ok(!error.message.includes(secret), `the message shows ${secret}: ${error.message}`);
      }
    });

  test("a value without an @ holds no credentials and is shown as written", () => {
    assert.throws(
      () => parseProxyUrl("http://proxy corp:3128", "HTTP_PROXY"),
      (error: unknown) => isUserError(error) && error.message.startsWith('HTTP_PROXY: "http://proxy corp:3128" is not a proxy URL'),
    );
  });
});

describe("NO_PROXY", () => {
  const bypass = (url: string, noProxy: string): boolean => bypassesProxy(new URL(url), noProxy);

  test("names match the host and its subdomains, with or without a leading dot or *.", () => {
    for (const entry of ["example.com", ".example.com", "*.example.com", "EXAMPLE.com"]) {
      assert.equal(bypass("https://example.com/", entry), true, entry);
      assert.equal(bypass("https://api.example.com/", entry), true, entry);
      assert.equal(bypass("https://notexample.com/", entry), false, entry);
    }
    assert.equal(bypass("https://example.com/", ""), false);
    assert.equal(bypass("https://anything.io/", "*"), true);
    assert.equal(bypass("https://anything.io/", "a.io, b.io  anything.io"), true);
  });

  test("host:port bypasses that port only (the scheme's default port counts)", () => {
    assert.equal(bypass("http://prometheus.monitoring:9090/", "prometheus.monitoring:9090"), true);
    assert.equal(bypass("http://prometheus.monitoring:9091/", "prometheus.monitoring:9090"), false);
    assert.equal(bypass("https://ghe.corp/", "ghe.corp:443"), true);
    assert.equal(bypass("http://ghe.corp/", "ghe.corp:443"), false);
  });

  test("IP addresses compare as addresses, CIDR ranges hold IP-literal hosts, loopback is not bypassed unless listed", () => {
    assert.equal(bypass("http://127.0.0.1:8080/", "localhost"), false);
    assert.equal(bypass("http://127.0.0.1:8080/", "127.0.0.1"), true);
    assert.equal(bypass("http://[::1]:8080/", "0:0::1"), true);
    assert.equal(bypass("http://[::1]:8080/", "[::1]:8080"), true);
    assert.equal(bypass("http://[::1]:8080/", "[::1]:9090"), false);
    assert.equal(bypass("http://10.1.2.3/", "10.0.0.0/8"), true);
    assert.equal(bypass("http://11.1.2.3/", "10.0.0.0/8"), false);
    assert.equal(bypass("http://[fd00::5]/", "fd00::/8"), true);
    // A name is never matched by a range: the range is about addresses, and the name is not resolved.
    assert.equal(bypass("http://ten.example/", "10.0.0.0/8"), false);
    assert.equal(proxyFor(new URL("http://10.1.2.3/"), { HTTP_PROXY: "proxy:3128", no_proxy: "10.0.0.0/8", NO_PROXY: "" }), undefined);
    // Lowercase no_proxy wins over NO_PROXY.
    assert.notEqual(proxyFor(new URL("http://10.1.2.3/"), { HTTP_PROXY: "proxy:3128", no_proxy: "", NO_PROXY: "10.0.0.0/8" }), undefined);
  });
});
