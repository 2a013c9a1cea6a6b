/**
 * Which `oci://` model URIs the base branch's rules trust (gitops/trust-policy.ts): only
 * `<prefix>/<model>@sha256:…` under a registry entry's `oci` prefix, on the same registry host, one
 * segment deeper, pinned by digest; an entry's `oci` that is no repository prefix is refused, and
 * loadPromotionRules reads `oci` from modelship.yaml (the schema allows it).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../../src/common/errors.ts";
import { matchRegistry, trustedRegistry, type TrustedRegistry } from "../../../src/gitops/trust-policy.ts";
import { loadPromotionRules } from "../../../src/stages/verify-settings.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;
const SERVER = "https://github.com";

function entry(oci: string | undefined, registry = "github:octo/models"): TrustedRegistry {
  const resolved = trustedRegistry({
    where: "verify.registries[0]",
    registry,
    defaultServer: SERVER,
    provenance: registry.startsWith("/")
      ? "off"
      : { workflow: ".github/workflows/model.yml", ref: "refs/heads/main", events: ["push"], issuer: "x" },
    ...(oci === undefined ? {} : { oci }),
  });
  assert.ok(typeof resolved !== "string", typeof resolved === "string" ? resolved : "");
  return resolved;
}

describe("oci:// URIs and the registries the rules trust", () => {
  const trusted = [entry("ghcr.io/octo/models"), entry(undefined, "/srv/registry")];

  test("an image <prefix>/<model>@sha256 of the entry's registry matches it, naming the model and the image", () => {
    const match = matchRegistry(`oci://ghcr.io/octo/models/adult-income@${DIGEST}`, trusted);
    assert.ok("image" in match, JSON.stringify(match));
    assert.equal(match.registry.spec, "github:octo/models");
    assert.deepEqual(match.image, {
      model: "adult-income",
      reference: { registry: "ghcr.io", repository: "octo/models/adult-income", digest: DIGEST },
    });
    // `oci://` may be written in the entry too; the host is compared in lower case, as registries are.
    assert.ok("image" in matchRegistry(`oci://GHCR.io/octo/models/churn@${DIGEST}`, [entry("oci://ghcr.io/octo/models")]));
  });

  for (const [what, uri] of [
    ["another host", `oci://ghcr.evil.io/octo/models/adult-income@${DIGEST}`],
    ["the same host on another port", `oci://ghcr.io:5000/octo/models/adult-income@${DIGEST}`],
    ["another repository", `oci://ghcr.io/octo/evil/adult-income@${DIGEST}`],
    ["a repository that only starts like the prefix", `oci://ghcr.io/octo/models-evil/adult-income@${DIGEST}`],
    ["two segments under the prefix", `oci://ghcr.io/octo/models/adult-income/extra@${DIGEST}`],
    ["the prefix itself", `oci://ghcr.io/octo/models@${DIGEST}`],
  ] as const)
    test(`an image in ${what} matches no registry`, () => {
      const match = matchRegistry(uri, trusted);
      assert.ok("problem" in match, JSON.stringify(match));
      assert.match(
        match.problem,
        /which is not <prefix>\/<model> under an OCI repository the base branch's rules trust \(ghcr\.io\/octo\/models\)/,
      );
    });

  test("a tag alone is refused: pin the digest; a tag with a digest is pinned", () => {
    const tagged = matchRegistry("oci://ghcr.io/octo/models/adult-income:1.4.0", trusted);
    assert.ok("problem" in tagged);
    assert.match(tagged.problem, /named by the tag 1\.4\.0, which can be moved to other bytes: pin the digest/);
    const bare = matchRegistry("oci://ghcr.io/octo/models/adult-income", trusted);
    assert.ok("problem" in bare && /pin the digest/.test(bare.problem));
    assert.ok("image" in matchRegistry(`oci://ghcr.io/octo/models/adult-income:1.4.0@${DIGEST}`, trusted));
  });

  test("without an oci prefix no image matches, and the problem says so", () => {
    const match = matchRegistry(`oci://ghcr.io/octo/models/adult-income@${DIGEST}`, [entry(undefined)]);
    assert.ok("problem" in match);
    assert.match(match.problem, /none: no verify\.registries entry names an oci prefix/);
  });

  test("an oci prefix that is not REGISTRY/PATH, or names a tag, is refused", () => {
    const options = { where: "verify.registries[0]", registry: "github:octo/models", defaultServer: SERVER, provenance: "off" as const };
    const problem = (oci: string): string => {
      const resolved = trustedRegistry({ ...options, oci });
      assert.equal(typeof resolved, "string");
      return resolved as string;
    };
    assert.match(problem("ghcr.io"), /names no repository after the registry/);
    assert.match(problem("ghcr.io/octo/models:1.0"), /names a tag or digest/);
    assert.match(problem("ghcr.io/Octo/Models"), /is not a repository name/);
  });

  test("loadPromotionRules reads an entry's oci prefix from modelship.yaml, and names the entry when it is wrong", async () => {
    const rules = (oci: string) =>
      stringify({ model: "adult-income", verify: { registries: [{ registry: "github:octo/models", oci, provenance: "off" }] } });
    const read = (text: string) => (path: string) => Promise.resolve(path === "modelship.yaml" ? text : undefined);
    const loaded = await loadPromotionRules(read(rules("ghcr.io/octo/models")), { file: "modelship.yaml", base: "main", server: SERVER });
    assert.deepEqual(loaded.registries[0]!.oci, { registry: "ghcr.io", repository: "octo/models" });
    await assert.rejects(
      loadPromotionRules(read(rules("ghcr.io/octo/models:latest")), { file: "modelship.yaml", base: "main", server: SERVER }),
      (error: Error) =>
        isUserError(error) && /verify\.registries\[0\]\.oci "ghcr\.io\/octo\/models:latest" names a tag or digest/.test(error.message),
    );
  });
});
