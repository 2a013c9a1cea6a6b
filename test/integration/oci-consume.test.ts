/**
 * verify-promotion of a GitOps change that deploys a modelcar, and `modelship fetch oci://…`, end to
 * end: the built CLI (dist/) in a
 * child process, as a workflow runs it, against docker-registry 2.8 on loopback (TLS from the test
 * CA through NODE_EXTRA_CA_CERTS, Bearer token auth with MODELSHIP_OCI_USERNAME / _PASSWORD) and a
 * folder registry holding the releases (test/support/modelcar-world.ts). The base branch's rules
 * trust that folder with `oci: <registry>/octo/models`. A digest-pinned image of a gated release
 * passes; the same image with a blob changed in the registry's storage fails naming it; an image of
 * an ungated release fails on its gate; an image under another repository or host fails before any
 * request reaches a registry (counted in the registry's own log); a tag alone fails: pin the digest.
 * fetch gives the release's own files; a package file's blob changed in storage is refused and
 * nothing is left in --dir. drift's `production` reference, where production serves an image, reads
 * the reference profile of the release that image is.
 */
import assert from "node:assert/strict";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { runModelship } from "../support/cli.ts";
import { pushFiles, seedBareRemote } from "../support/git.ts";
import { PREFIX, pushRelease, startModelcarWorld, type ModelcarWorld } from "../support/modelcar-world.ts";
import { ociRegistrySkip } from "../support/oci-registry.ts";

const VALUES = "apps/toy/values.yaml";
const values = (uri: string): string => `# the toy model\nmodel:\n  name: toy\n  storageUri: ${uri}\n`;

describe(
  "oci:// modelcars through the CLI: verify-promotion, fetch and drift against docker-registry 2.8",
  { skip: ociRegistrySkip("the oci:// verify-promotion, fetch and drift tests") },
  () => {
    let world: ModelcarWorld;
    let bare: string;
    let branches = 0;

    before(async () => {
      world = await startModelcarWorld();
      const rules = {
        model: "toy",
        verify: { registries: [{ registry: world.store, provenance: "off", oci: `${world.oci.registry}/${PREFIX}` }] },
        promote: { environments: { production: { targets: [{ kind: "yaml-path", file: VALUES, uri_path: "model.storageUri" }] } } },
      };
      bare = seedBareRemote(world.root, { "modelship.yaml": stringify(rules), [VALUES]: values("s3://models/toy/0.9.0/model.onnx") });
    });
    after(async () => {
      await world?.cleanup();
    });

    const env = () => ({
      NODE_EXTRA_CA_CERTS: world.oci.caFile,
      MODELSHIP_ALLOW_INTERNAL: `${world.oci.registry},${world.oci.issuer}`,
      MODELSHIP_OCI_USERNAME: world.oci.reader.username,
      MODELSHIP_OCI_PASSWORD: world.oci.reader.password,
      MODELSHIP_OCI_REGISTRY: world.oci.registry,
    });

    /** Pushes a branch deploying `uri` and runs verify-promotion on it; its exit code and output. */
    const verify = async (uri: string) => {
      const branch = `deploy-${++branches}`;
      pushFiles(bare, branch, { [VALUES]: values(uri) }, { from: "main" });
      return runModelship(world.root, ["verify-promotion", "--remote", bare, "--base", "main", "--head", branch, "--format", "markdown"], {
        env: env(),
        timeoutMs: 120_000,
      });
    };

    test("the digest-pinned image of a gated release passes: pulled, verified and found to be the folder registry's release", async () => {
      const run = await verify(world.releases.gated.uri);
      assert.equal(run.exitCode, 0, run.output);
      assert.match(run.output, /toy@1\.0\.0 from .*: the image is that release \(manifest\.json sha256 [0-9a-f]{12}/);
      assert.match(run.output, /gate verdict pass, every layer and file verified/);
      assert.match(run.output, /provenance not checked \(off\)/);
    });

    test("the same image with its model layer changed in the registry's storage fails, naming the digests", async () => {
      const image = JSON.parse((await world.client().pullManifest(world.releases.gated.digest)).bytes.toString("utf8")) as {
        layers: { digest: string }[];
      };
      const hex = image.layers[1]!.digest.slice("sha256:".length);
      const file = join(world.oci.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
      const original = await readFile(file);
      const tampered = Buffer.from(original);
      tampered[tampered.length - 100] = tampered[tampered.length - 100]! ^ 0xff;
      await writeFile(file, tampered);
      try {
        const run = await verify(world.releases.gated.uri);
        assert.equal(run.exitCode, 1, run.output);
        assert.match(run.output, new RegExp(`the registry sent bytes whose digest is sha256:[0-9a-f]{64}, not sha256:${hex}`));
      } finally {
        await writeFile(file, original);
      }
    });

    test("the image of a release made with allow-ungated (its gate report is of other model bytes) fails on its gate record", async () => {
      const run = await verify(world.releases.other.uri);
      assert.equal(run.exitCode, 1, run.output);
      assert.match(run.output, /toy@1\.1\.0 \(oci:\/\/.*\) may not be promoted: its gate report was made for other model bytes/);
    });

    test("an image under another repository or host fails before any request reaches a registry", async () => {
      const before = world.oci.requests().length;
      const digest = world.releases.gated.digest;
      for (const [uri, pattern] of [
        [
          `oci://${world.oci.registry}/evil/models/toy@${digest}`,
          /an image in 127\.0\.0\.1:\d+\/evil\/models\/toy, which is not (?:<|&lt;)prefix(?:>|&gt;)\/(?:<|&lt;)model/,
        ],
        [`oci://${world.oci.registry}/${PREFIX}/toy/extra@${digest}`, /which is not (?:<|&lt;)prefix(?:>|&gt;)\/(?:<|&lt;)model/],
        [`oci://127.0.0.2:5000/${PREFIX}/toy@${digest}`, /an image in 127\.0\.0\.2:5000\/octo\/models\/toy/],
      ] as const) {
        const run = await verify(uri);
        assert.equal(run.exitCode, 1, run.output);
        assert.match(run.output, pattern);
      }
      assert.deepEqual(world.oci.requests().slice(before), [], "no request reached the registry");
    });

    test("a tag alone fails: pin the digest", async () => {
      const before = world.oci.requests().length;
      const run = await verify(`oci://${world.oci.registry}/${PREFIX}/toy:1.0.0`);
      assert.equal(run.exitCode, 1, run.output);
      assert.match(run.output, /an image named by the tag 1\.0\.0, which can be moved to other bytes: pin the digest/);
      assert.deepEqual(world.oci.requests().slice(before), []);
    });

    /** `modelship fetch REF --dir DIR --registry <the folder registry>`. */
    const fetch = (ref: string, dir: string) =>
      runModelship(world.root, ["fetch", ref, "--dir", dir, "--registry", world.store], { env: env(), timeoutMs: 120_000 });
    const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

    test("fetch oci://…@sha256 writes the release's own files, SHA256SUMS hashing to its digest", async () => {
      const { gated } = world.releases;
      const dir = join(world.root, "fetched-gated");
      const run = await fetch(gated.uri, dir);
      assert.equal(run.exitCode, 0, run.output);
      const names = (await readdir(gated.dir)).filter((name) => name !== "triton-model-repository.tar.gz" && name !== "RELEASE-NOTES.md");
      assert.deepEqual((await readdir(dir)).sort(), names.sort());
      for (const name of names) assert.ok((await readFile(join(dir, name))).equals(await readFile(join(gated.dir, name))), name);
      assert.equal(sha256(await readFile(join(dir, "SHA256SUMS"))), gated.manifest.digest);
    });

    test("fetch refuses a package file whose blob was changed in the registry's storage, and leaves no --dir", async () => {
      const report = world.releases.gated.manifest.files.find((file) => file.name === "gate-report.json")!;
      const file = join(world.oci.storage, "docker/registry/v2/blobs/sha256", report.sha256.slice(0, 2), report.sha256, "data");
      const original = await readFile(file);
      await writeFile(file, Buffer.from(original.toString("utf8").replace('"verdict":', '"verdict" :')));
      const dir = join(world.root, "fetched-tampered");
      try {
        const run = await fetch(world.releases.gated.uri, dir);
        assert.equal(run.exitCode, 2, run.output);
        assert.match(
          run.output,
          new RegExp(`@sha256:${report.sha256}: the registry sent bytes whose digest is sha256:[0-9a-f]{64}, not sha256:${report.sha256}`),
        );
        await assert.rejects(access(dir));
      } finally {
        await writeFile(file, original);
      }
    });

    test("fetch of an image named by a tag is refused: pin the digest", async () => {
      const run = await fetch(`oci://${world.oci.registry}/${PREFIX}/toy:1.0.0`, join(world.root, "fetched-tag"));
      assert.equal(run.exitCode, 2, run.output);
      assert.match(run.output, /names the image by a tag, which can be moved: pin the digest/);
    });

    test("drift --reference production, where production serves an image, reads the reference profile of the release it is", async () => {
      const repo = join(world.root, "model-repo");
      await mkdir(repo);
      const lines = ["x,group", ...Array.from({ length: 400 }, (_, index) => `${(index % 10) + 0.5},${index % 3 === 0 ? "a" : "b"}`)];
      await writeFile(join(repo, "train.csv"), `${lines.join("\n")}\n`);
      await writeFile(join(repo, "current.csv"), `${lines.slice(0, 201).join("\n")}\n`);
      await writeFile(
        join(repo, "contract.yaml"),
        "name: toy-data\ncolumns:\n  - { name: x, type: number, role: feature }\n  - { name: group, type: categorical, role: feature }\n",
      );
      await writeFile(join(repo, "model.onnx"), await readFile(join(world.toyDir, "model.onnx")));
      const gitops = seedBareRemote(repo, { "values.yaml": "model:\n  storageUri: s3://models/none\n" });
      await writeFile(
        join(repo, "modelship.yaml"),
        stringify({
          model: "toy",
          data: { contract: "contract.yaml", train: "train.csv" },
          release: { registry: world.store },
          promote: {
            remote: gitops,
            environments: {
              production: { strategy: "direct", targets: [{ kind: "yaml-path", file: "values.yaml", uri_path: "model.storageUri" }] },
            },
          },
          drift: { environment: "production" },
        }),
      );
      const released = await runModelship(repo, [
        "release",
        "--model",
        "model.onnx",
        "--version",
        "1.2.0",
        "--allow-ungated",
        "--reference-data",
        "train",
      ]);
      assert.equal(released.exitCode, 0, released.output);
      const digest = await pushRelease(world.client(), join(world.store, "toy", "1.2.0"));
      pushFiles(
        gitops,
        "main",
        { "values.yaml": `model:\n  storageUri: oci://${world.oci.registry}/${PREFIX}/toy@${digest}\n` },
        { from: "main" },
      );
      const run = await runModelship(repo, ["drift", "current.csv", "--reference", "production", "--report-dir", "out", "--json"], {
        env: env(),
        timeoutMs: 120_000,
      });
      assert.equal(run.exitCode, 0, run.output);
      const report = JSON.parse(run.stdout) as { model: { name: string; version: string }; reference: { source: string; rows: number } };
      assert.deepEqual([report.model.name, report.model.version], ["toy", "1.2.0"]);
      assert.match(report.reference.source, /^release toy@1\.2\.0/);
      assert.equal(report.reference.rows, 400);
    });
  },
);
