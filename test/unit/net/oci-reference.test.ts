/**
 * `oci://` references (net/oci-reference.ts) and the parts of the OCI client that need no registry
 * (net/oci-client.ts): the `WWW-Authenticate` challenge parser and the sha256 digest. The client
 * itself is tested against a real registry in test/integration/oci-registry.test.ts.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { AllowList } from "../../../src/net/allow-internal.ts";
import { OciClient, ociDigest, parseChallenge } from "../../../src/net/oci-client.ts";
import { formatOciReference, parseOciReference } from "../../../src/net/oci-reference.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("parseOciReference", () => {
  test("registry, port, nested repository, tag and digest", () => {
    assert.deepEqual(parseOciReference("oci://ghcr.io/acme/models/churn:1.4.0"), {
      registry: "ghcr.io",
      repository: "acme/models/churn",
      tag: "1.4.0",
    });
    assert.deepEqual(parseOciReference(`oci://127.0.0.1:5000/churn@${DIGEST}`), {
      registry: "127.0.0.1:5000",
      repository: "churn",
      digest: DIGEST,
    });
    assert.deepEqual(parseOciReference(`oci://[::1]:5000/a/b:v1@${DIGEST}`), {
      registry: "[::1]:5000",
      repository: "a/b",
      tag: "v1",
      digest: DIGEST,
    });
    assert.deepEqual(parseOciReference("oci://Registry.Example.com/a__b/c-d.e"), {
      registry: "registry.example.com",
      repository: "a__b/c-d.e",
    });
  });

  test("formatting gives the reference back", () => {
    for (const text of ["oci://ghcr.io/acme/churn:1.4.0", `oci://127.0.0.1:5000/a/b:v1@${DIGEST}`, "oci://ghcr.io/acme/churn"])
      assert.equal(formatOciReference(parseOciReference(text)), text);
  });

  test("anything else is a UserError naming the setting and the fix", () => {
    const cases: [string, RegExp][] = [
      ["https://ghcr.io/acme/churn:1", /is not an oci:\/\/ reference/],
      ["http://127.0.0.1:5000/acme/churn", /is not an oci:\/\/ reference/],
      ["oci://ghcr.io", /names no repository/],
      ["oci://ghcr.io/Acme/churn", /is not a repository name/],
      ["oci://ghcr.io/acme//churn", /is not a repository name/],
      ["oci://ghcr.io/acme/churn:-bad", /is not a valid tag/],
      ["oci://ghcr.io/acme/churn@sha512:abcd", /is not a sha256 digest/],
      [`oci://ghcr.io/acme/churn@sha256:${"AB".repeat(32)}`, /is not a sha256 digest/],
      ["oci://ghcr.io:99999/acme/churn", /is not a registry host/],
      ["oci://bad_host!/acme/churn", /is not a registry host/],
    ];
    for (const [text, pattern] of cases) {
      assert.throws(
        () => parseOciReference(text, "--to"),
        (error: unknown) =>
          isUserError(error) && pattern.test(error.message) && /^--to: /.test(error.message) && /Fix: /.test(error.message),
        text,
      );
    }
  });

  test("credentials in a reference are refused without being shown", () => {
    assert.throws(
      () => parseOciReference("oci://ci:S3cret@ghcr.io/acme/churn"),
      (error: unknown) => isUserError(error) && /holds credentials/.test(error.message) && !error.message.includes("S3cret"),
    );
  });
});

describe("parseChallenge", () => {
  test("a Bearer challenge as distribution, GHCR and ECR write it", () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/churn:pull,push"'), {
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:acme/churn:pull,push" },
    });
    assert.deepEqual(parseChallenge('Bearer realm="https://r/t",error="insufficient_scope"')?.params.error, "insufficient_scope");
    assert.deepEqual(parseChallenge('Basic realm="Harbor"'), { scheme: "basic", params: { realm: "Harbor" } });
    assert.equal(parseChallenge(""), undefined);
  });
});

describe("ociDigest", () => {
  test("is sha256 in the registry's notation", () => {
    const bytes = Buffer.from("model bytes");
    assert.equal(ociDigest(bytes), `sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    // The digest of no bytes, as the OCI image spec lists it.
    assert.equal(ociDigest(new Uint8Array()), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("OciClient's scheme", () => {
  /** The URL a refused first request names: the scheme the client chose, without connecting anywhere. */
  async function firstUrl(registry: string, plainHttpLoopback: boolean): Promise<string> {
    const policy = { allowInternal: AllowList.NONE, resolve: () => Promise.resolve([{ address: "10.0.0.7", family: 4 as const }]) };
    const client = new OciClient({ registry, repository: "acme/churn" }, { policy, plainHttpLoopback });
    try {
      await client.listTags();
    } catch (error) {
      assert.ok(isUserError(error), String(error));
      return /refused to connect to (\S+)/.exec(error.message)![1]!;
    }
    assert.fail("expected a refusal");
  }

  test("https always, plain http only to a loopback registry and only when asked", async () => {
    assert.equal(await firstUrl("registry.example.test", true), "https://registry.example.test/v2/acme/churn/tags/list");
    assert.equal(await firstUrl("127.0.0.1:5000", false), "https://127.0.0.1:5000/v2/acme/churn/tags/list");
    assert.equal(await firstUrl("127.0.0.1:5000", true), "http://127.0.0.1:5000/v2/acme/churn/tags/list");
  });
});
