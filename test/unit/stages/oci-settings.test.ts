/**
 * release.oci and the OCI credentials of a run (src/stages/oci-settings.ts): the repository prefix from
 * the flag or modelship.yaml, refused with a tag or digest or an invalid name; the busybox path resolved
 * against modelship.yaml; credentials from MODELSHIP_OCI_*, else the GitHub token for ghcr.io only.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { findBusybox, ociCredentials, openOciClient, resolveOciSettings } from "../../../src/stages/oci-settings.ts";

const loaded = (yaml: string) => parseConfig(yaml, { file: "repo/modelship.yaml", cwd: "/work" });

describe("release.oci settings", () => {
  test("the prefix comes from modelship.yaml, with or without oci://, and the flag wins", () => {
    const config = loaded("model: churn\nrelease:\n  oci:\n    repository: GHCR.io/octo/models\n    busybox: tools/busybox\n");
    assert.deepEqual(resolveOciSettings(undefined, config), {
      prefix: { registry: "ghcr.io", repository: "octo/models" },
      busybox: "repo/tools/busybox",
    });
    assert.deepEqual(resolveOciSettings("oci://registry.example.com:5000/ml", config)?.prefix, {
      registry: "registry.example.com:5000",
      repository: "ml",
    });
    assert.equal(resolveOciSettings(undefined, loaded("model: churn\n")), undefined);
    assert.equal(resolveOciSettings("", loaded("model: churn\n")), undefined);
  });

  test("a tag, a digest or an invalid repository is refused, naming where it was set", () => {
    for (const [text, pattern] of [
      ["ghcr.io/octo/models:1.0.0", /names a tag or digest/],
      [`ghcr.io/octo/models@sha256:${"a".repeat(64)}`, /names a tag or digest/],
      ["ghcr.io/Octo/Models", /not a repository name/],
    ] as const) {
      assert.throws(
        () => resolveOciSettings(undefined, loaded(`model: churn\nrelease:\n  oci:\n    repository: "${text}"\n`)),
        (error: unknown) => isUserError(error) && pattern.test(error.message) && /release\.oci\.repository/.test(error.message),
      );
    }
    assert.throws(
      () => resolveOciSettings("ghcr.io/octo/models:latest", loaded("model: churn\n")),
      (error: unknown) => isUserError(error) && /--oci/.test(error.message),
    );
  });

  test("a configured busybox is taken as given, not looked for", async () => {
    assert.equal(await findBusybox({ prefix: { registry: "r", repository: "p" }, busybox: "/opt/busybox" }), "/opt/busybox");
  });
});

describe("OCI credentials", () => {
  test("MODELSHIP_OCI_USERNAME and MODELSHIP_OCI_PASSWORD win for their registry; a password alone gets a placeholder username", () => {
    const env = { MODELSHIP_OCI_USERNAME: "robot", MODELSHIP_OCI_PASSWORD: "s3cret" };
    assert.deepEqual(ociCredentials({ env, token: "ghs_x" }, "ghcr.io", ["ghcr.io"]), { username: "robot", password: "s3cret" });
    assert.deepEqual(
      ociCredentials({ env: { MODELSHIP_OCI_PASSWORD: "s3cret" }, token: undefined }, "harbor.example.com", ["harbor.example.com"]),
      {
        username: "modelship",
        password: "s3cret",
      },
    );
  });

  test("attack: the password never goes to a host a URI names unless release.oci, the caller's rules or MODELSHIP_OCI_REGISTRY name it", () => {
    const env = { MODELSHIP_OCI_USERNAME: "robot", MODELSHIP_OCI_PASSWORD: "s3cret" };
    assert.equal(ociCredentials({ env, token: undefined }, "evil.example.com", ["harbor.example.com"]), undefined);
    assert.equal(ociCredentials({ env, token: undefined }, "evil.example.com"), undefined);
    // MODELSHIP_OCI_REGISTRY names the hosts the credentials are for (comma-separated, any case).
    const named = { ...env, MODELSHIP_OCI_REGISTRY: "Harbor.example.com, registry.example.com:5000" };
    assert.deepEqual(ociCredentials({ env: named, token: undefined }, "registry.example.com:5000"), {
      username: "robot",
      password: "s3cret",
    });
    assert.equal(ociCredentials({ env: named, token: undefined }, "registry.example.com"), undefined);
    // The client a stage opens: release.oci's registry gets them, another host named by a URI does not.
    const config = loaded("model: churn\nrelease:\n  oci:\n    repository: harbor.example.com/ml\n");
    const run = { env, token: undefined };
    assert.ok(openOciClient(run, { registry: "harbor.example.com", repository: "ml/churn" }, config).hasCredentials);
    assert.ok(!openOciClient(run, { registry: "evil.example.com", repository: "ml/churn" }, config).hasCredentials);
    assert.ok(openOciClient(run, { registry: "evil.example.com", repository: "ml/churn" }, config, { trusted: true }).hasCredentials);
  });

  test("the GitHub token goes to ghcr.io only, never to another registry", () => {
    assert.deepEqual(ociCredentials({ env: { GITHUB_ACTOR: "octocat" }, token: "ghs_x" }, "ghcr.io"), {
      username: "octocat",
      password: "ghs_x",
    });
    assert.equal(ociCredentials({ env: {}, token: "ghs_x" }, "registry.example.com"), undefined);
    assert.equal(ociCredentials({ env: {}, token: "ghs_x" }, "ghcr.io.evil.example"), undefined);
    assert.equal(ociCredentials({ env: {}, token: undefined }, "ghcr.io"), undefined);
  });
});
