/** Versions and tags: semantic-version order, bumps, and tags that hold one model's versions. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { parseModelUri } from "../../../src/gitops/model-uri.ts";
import {
  bumpVersion,
  checkModelName,
  compareVersions,
  normalizeVersion,
  parseTag,
  tagFor,
  versionFromTag,
} from "../../../src/registry/model-version.ts";

describe("versions", () => {
  test("order is semver's: numeric parts, prereleases before their release, numeric identifiers below text", () => {
    // The order listed in the Semantic Versioning 2.0.0 specification, §11.
    const spec = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.2.0",
      "1.10.0",
      "2.0.0",
    ];
    const shuffled = [...spec].reverse();
    assert.deepEqual(shuffled.sort(compareVersions), spec);
  });

  test("bumps go from the newest release; the first release is 0.0.1, 0.1.0 or 1.0.0", () => {
    assert.equal(bumpVersion("1.4.2", "patch"), "1.4.3");
    assert.equal(bumpVersion("1.4.2", "minor"), "1.5.0");
    assert.equal(bumpVersion("1.4.2", "major"), "2.0.0");
    assert.equal(bumpVersion("1.5.0-rc.1", "patch"), "1.5.0");
    // A prerelease bumps to the release it leads to when that release is of the asked size (npm's semver.inc).
    assert.equal(bumpVersion("1.2.0-rc.1", "minor"), "1.2.0");
    assert.equal(bumpVersion("1.2.3-rc.1", "minor"), "1.3.0");
    assert.equal(bumpVersion("2.0.0-rc.1", "major"), "2.0.0");
    assert.equal(bumpVersion("2.1.0-rc.1", "major"), "3.0.0");
    assert.deepEqual(
      [bumpVersion(undefined, "patch"), bumpVersion(undefined, "minor"), bumpVersion(undefined, "major")],
      ["0.0.1", "0.1.0", "1.0.0"],
    );
  });

  test("a malformed version or model name is a user error saying what one looks like", () => {
    assert.equal(normalizeVersion("v1.2.3"), "1.2.3");
    assert.throws(() => normalizeVersion("1.2"), /"1\.2" is not a version[\s\S]*semantic version like 1\.4\.0/);
    assert.throws(() => normalizeVersion("01.2.3"), /not a version/);
    assert.throws(() => checkModelName("my model"), /not a valid model name/);
    assert.equal(checkModelName("adult-income"), "adult-income");
  });

  test("tags hold the model and version; a tag of another model or format is not read as ours", () => {
    assert.equal(tagFor("adult", "1.2.3"), "adult/v1.2.3");
    assert.equal(versionFromTag("adult/v1.2.3", "adult"), "1.2.3");
    assert.equal(versionFromTag("adult-v2/v1.2.3", "adult"), undefined);
    assert.equal(versionFromTag("adult/vnext", "adult"), undefined);
    assert.equal(tagFor("adult", "2.0.0", "models-{model}-{version}"), "models-adult-2.0.0");
    assert.equal(versionFromTag("models-adult-2.0.0", "adult", "models-{model}-{version}"), "2.0.0");
    assert.throws(() => tagFor("adult", "1.0.0", "{model}"), /has no \{version\}/);
  });

  test("a tag is read back into its model and version without knowing the model, for every format tagFor writes", () => {
    for (const format of ["{model}/v{version}", "models-{model}-{version}", "{model}-v{version}", "v{version}/{model}"]) {
      for (const [model, version] of [
        ["adult", "1.2.3"],
        ["adult-income", "0.0.2"],
        ["fraud_v2.onnx", "10.0.0-rc.1"],
      ] as const) {
        assert.deepEqual(parseTag(tagFor(model, version, format), format), { model, version }, `${format} ${model} ${version}`);
      }
    }
    assert.equal(parseTag("adult/vnext"), undefined);
    assert.equal(parseTag("adult/1.2.3"), undefined);
  });
});

describe("model URIs", () => {
  test("a GitHub release asset URL names its registry, model, version and file; the tag may be URL-encoded", () => {
    assert.deepEqual(parseModelUri("https://github.com/octo/models/releases/download/adult-income%2Fv0.0.2/model.onnx"), {
      registry: "github:octo/models",
      model: "adult-income",
      version: "0.0.2",
      file: "model.onnx",
      server: "https://github.com",
    });
    assert.deepEqual(
      parseModelUri("https://ghe.example.com/octo/models/releases/download/models-adult-1.0.0/model.onnx", "models-{model}-{version}"),
      { registry: "github:octo/models", model: "adult", version: "1.0.0", file: "model.onnx", server: "https://ghe.example.com" },
    );
  });

  test("a local registry file URL names the registry folder; anything else is not a release", () => {
    const root = "/srv/registry";
    assert.deepEqual(parseModelUri(pathToFileURL(`${root}/adult-income/0.0.1/model.onnx`).href), {
      registry: root,
      model: "adult-income",
      version: "0.0.1",
      file: "model.onnx",
    });
    for (const uri of [
      "s3://bucket/adult-income/0.0.1/model.onnx",
      "https://example.com/model.onnx",
      "https://github.com/octo/models/releases/download/latest/model.onnx",
      pathToFileURL("/srv/adult-income/latest/model.onnx").href,
      "not a url",
    ]) {
      assert.equal(parseModelUri(uri), undefined, uri);
    }
  });
});
