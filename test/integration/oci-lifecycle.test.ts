/**
 * Issue 26's whole path through the built CLI, as a model repository and a GitOps repository run it:
 * `modelship release --oci` publishes to a folder registry and pushes the modelcar to docker-registry
 * 2.8 on loopback (TLS from the test CA, Bearer token auth); `modelship promote` writes the image's
 * digest, never its tag, into a KServe InferenceService on the promotion branch; the GitOps repository's
 * verify-promotion passes that branch; a model layer changed in the registry's storage then fails it.
 * A re-run of the release pushes nothing (the registry's own request log), and a different model under
 * the released version is refused with the tag left where it was.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { stringify } from "yaml";
import { runModelship } from "../support/cli.ts";
import { pushFiles, seedBareRemote, show, squashMerge } from "../support/git.ts";
import { ociRegistrySkip, startTestRegistry, type TestRegistry } from "../support/oci-registry.ts";
import { makeToyModel, toyGateReport } from "../support/toy-model.ts";

const ISVC = "apps/toy/inferenceservice.yaml";
const inferenceService = `# the toy model, served by Triton from /mnt/models
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: toy
  annotations:
    serving.kserve.io/deploymentMode: Standard
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      runtime: kserve-tritonserver
      protocolVersion: v2
      storageUri: s3://models/toy/0.9.0/triton-model-repository.tar.gz
`;

describe(
  "release → registry → digest-pinned promotion → verify-promotion, through the CLI",
  { skip: ociRegistrySkip("the OCI lifecycle test") },
  () => {
    let root: string;
    let registry: TestRegistry;
    let repo: string;
    let bare: string;
    let prefix: string;

    before(async () => {
      root = await mkdtemp(join(tmpdir(), "modelship-oci-lifecycle-"));
      registry = await startTestRegistry();
      prefix = `${registry.registry}/octo/models`;
      repo = join(root, "model-repo");
      await mkdir(repo);
      makeToyModel(repo);
      await toyGateReport(repo, { reportDir: join(repo, "evaluation") });
      const targets = [{ kind: "kserve-standard", file: ISVC }];
      bare = seedBareRemote(root, {
        // The GitOps repository's rules: the folder registry, and the prefix its images live under.
        "modelship.yaml": stringify({
          model: "toy",
          verify: { registries: [{ registry: join(root, "registry"), provenance: "off", oci: prefix }] },
          promote: { environments: { production: { targets } } },
        }),
        [ISVC]: inferenceService,
      });
      await writeFile(
        join(repo, "modelship.yaml"),
        stringify({
          model: "toy",
          release: { registry: "../registry", gate_report: "evaluation/gate-report.json", oci: { repository: prefix } },
          promote: {
            remote: bare,
            environments: {
              production: {
                strategy: "canary",
                steps: [10, 50],
                bake: "1m",
                pull_secret: "registry-pull",
                targets,
                health: { metrics: "canary.json", checks: [{ name: "error-rate", max: 0.01 }] },
              },
            },
          },
        }),
      );
    });
    after(async () => {
      await registry?.stop();
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    });

    const env = (who: "writer" | "reader") => ({
      NODE_EXTRA_CA_CERTS: registry.caFile,
      MODELSHIP_ALLOW_INTERNAL: `${registry.registry},${registry.issuer}`,
      MODELSHIP_OCI_USERNAME: who === "writer" ? registry.username : registry.reader.username,
      MODELSHIP_OCI_PASSWORD: who === "writer" ? registry.password : registry.reader.password,
    });
    const modelship = (args: string[], who: "writer" | "reader" = "writer") =>
      runModelship(repo, args, { env: env(who), timeoutMs: 120_000 });
    let image = "";
    let branch = "";

    test("release --oci pushes the modelcar beside the release, and a re-run pushes nothing", async () => {
      const first = await modelship(["release", "--model", "model.onnx", "--version", "1.0.0", "--format", "json"]);
      assert.equal(first.exitCode, 0, first.output);
      const result = JSON.parse(first.stdout) as { action: string; oci: { uri: string; digest: string; tag: string; action: string } };
      assert.equal(result.action, "created");
      assert.equal(result.oci.action, "created");
      assert.equal(result.oci.tag, "1.0.0");
      assert.equal(result.oci.uri, `oci://${prefix}/toy@${result.oci.digest}`);
      image = result.oci.uri;
      // The tag names the digest, as the registry's own storage says.
      const link = await readFile(
        join(registry.storage, "docker/registry/v2/repositories/octo/models/toy/_manifests/tags/1.0.0/current/link"),
        "utf8",
      );
      assert.equal(link.trim(), result.oci.digest);

      const writes = () => registry.requests().filter((request) => request.method !== "GET" && request.method !== "HEAD").length;
      const before = writes();
      const again = await modelship(["release", "--model", "model.onnx", "--version", "1.0.0"]);
      assert.equal(again.exitCode, 0, again.output);
      assert.match(again.output, /already released/);
      assert.match(again.output, new RegExp(`image: ${image.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(already pushed\\)`));
      assert.equal(writes(), before, "a re-run uploads nothing");
    });

    test("another model under the released version is refused, and the tag does not move", async () => {
      // A second folder registry takes other.onnx as 1.0.0; the OCI repository already holds 1.0.0.
      const run = await modelship([
        "release",
        "--registry",
        "../registry-2",
        "--model",
        "other.onnx",
        "--version",
        "1.0.0",
        "--allow-ungated",
      ]);
      assert.equal(run.exitCode, 2, run.output);
      assert.match(run.output, /a different model under an existing version tag/);
      const link = await readFile(
        join(registry.storage, "docker/registry/v2/repositories/octo/models/toy/_manifests/tags/1.0.0/current/link"),
        "utf8",
      );
      assert.equal(link.trim(), image.split("@")[1]);
    });

    test("promote writes the image's digest into the InferenceService, with the pull secret; verify-promotion passes it", async () => {
      const run = await modelship(["promote", "toy@1.0.0", "--env", "production"], "reader");
      branch = "modelship/production/toy";
      assert.equal(run.exitCode, 0, run.output);
      const text = show(bare, branch, ISVC);
      assert.match(text, /storageUri: oci:\/\/[^/]+\/octo\/models\/toy@sha256:[0-9a-f]{64}\n/);
      assert.ok(text.includes(`storageUri: ${image}`), text);
      assert.doesNotMatch(text, /toy:1\.0\.0/, "the tag is never written");
      assert.match(text, /imagePullSecrets:\n\s+- name: registry-pull/);

      const verify = await runModelship(root, ["verify-promotion", "--remote", bare, "--base", "main", "--head", branch], {
        env: env("reader"),
        timeoutMs: 120_000,
      });
      assert.equal(verify.exitCode, 0, verify.output);
      assert.match(verify.output, /✓ verify-promotion passes: 1 model URI in 1 changed file released and gated/);
      assert.ok(verify.output.includes(`✓ ${ISVC}:`) && verify.output.includes(image), verify.output);

      // Someone with write access to the registry's storage changes a byte of the model layer.
      const manifest = JSON.parse(
        await readFile(
          join(registry.storage, "docker/registry/v2/blobs/sha256", image.split(":").at(-1)!.slice(0, 2), image.split(":").at(-1)!, "data"),
          "utf8",
        ),
      ) as { layers: { digest: string }[] };
      const hex = manifest.layers[1]!.digest.slice("sha256:".length);
      const blob = join(registry.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
      const original = await readFile(blob);
      const tampered = Buffer.from(original);
      tampered[tampered.length - 64] = tampered[tampered.length - 64]! ^ 0x01;
      await writeFile(blob, tampered);
      try {
        const refused = await runModelship(root, ["verify-promotion", "--remote", bare, "--base", "main", "--head", branch], {
          env: env("reader"),
          timeoutMs: 120_000,
        });
        assert.equal(refused.exitCode, 1, refused.output);
        assert.match(refused.output, new RegExp(`not sha256:${hex}`));
      } finally {
        await writeFile(blob, original);
      }
    });

    test("the canary job steps up a verified image, and refuses an image from elsewhere", async () => {
      squashMerge(bare, branch, new Date(Date.now() - 3600_000));
      await writeFile(join(repo, "canary.json"), JSON.stringify({ versions: { "1.0.0": { "error-rate": 0.001 } } }));
      const step = await modelship(["canary", "--env", "production"], "reader");
      assert.equal(step.exitCode, 0, step.output);
      assert.match(step.output, /50%/);
      assert.ok(show(bare, branch, ISVC).includes(`storageUri: ${image}`), "the step keeps the image it judged");

      // A hand edit swaps the canary, and modelship's record of it, for an image of another repository: not stepped up.
      const foreign = image.replace("/octo/models/toy@", "/octo/other/toy@");
      const past = new Date(Date.now() - 3600_000).toISOString();
      pushFiles(
        bare,
        "main",
        { [ISVC]: show(bare, "main", ISVC).replaceAll(image, foreign) },
        {
          from: "main",
          env: { GIT_COMMITTER_DATE: past, GIT_AUTHOR_DATE: past },
        },
      );
      const refused = await modelship(["canary", "--env", "production"], "reader");
      assert.equal(refused.exitCode, 2, refused.output);
      assert.match(refused.output, /is not a digest-pinned image of oci:\/\/[^ ]+\/octo\/models\/toy/);
    });
  },
);
