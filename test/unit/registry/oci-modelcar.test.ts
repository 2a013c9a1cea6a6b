/**
 * The modelcar image of a release (src/registry/oci-modelcar.ts), read back with tools that are not
 * ours: node:zlib gunzips each layer and GNU tar lists and unpacks it, so the entries, modes, owners,
 * times and link targets are the spec's; the two layers unpacked in order make a root file system in
 * which busybox runs what KServe's modelcar sidecar runs (chroot; as root only) and python-onnx loads
 * the model; config.pbtxt is the one in the release's triton-model-repository.tar.gz. The same
 * release gives the same digest; busybox that is not a static amd64/arm64 ELF is refused.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { isUserError } from "../../../src/common/errors.ts";
import {
  ANNOTATION,
  BASE_ENTRIES,
  baseEntriesProblem,
  baseLayer,
  buildModelcar,
  modelcarLayout,
  modelcarRepository,
  modelcarTag,
  modelsLayer,
  packageFileMediaType,
  staticElfArchitecture,
} from "../../../src/registry/oci-modelcar.ts";
import { TRITON_ARCHIVE_NAME } from "../../../src/registry/triton-repository.ts";
import { python } from "../../support/python.ts";
import { toyReleases, type ToyRelease, type ToyReleases } from "../../support/toy-release.ts";

const BUSYBOX = "/bin/busybox";
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** One line of GNU tar's verbose listing: permissions, owner/group, size, time, name and link target. */
interface Listed {
  perms: string;
  owner: string;
  size: number;
  time: string;
  name: string;
  link?: string;
}

/** `tar -tvzf` of a gzip layer, in UTC, parsed. */
function tarList(file: string): Listed[] {
  const out = execFileSync("tar", ["--numeric-owner", "-tvzf", file], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
  return out
    .trimEnd()
    .split("\n")
    .map((line) => {
      const match = /^(\S{10}) (\S+)\s+(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d) (.*?)(?: -> (.*))?$/.exec(line);
      assert.ok(match, `a tar listing line: ${line}`);
      return {
        perms: match[1]!,
        owner: match[2]!,
        size: Number(match[3]),
        time: match[4]!,
        name: match[5]!,
        ...(match[6] === undefined ? {} : { link: match[6] }),
      };
    });
}

const TIME = "2000-01-01 00:00";
/** node-tar's portable form writes a folder without a time (as in the Triton archive): the epoch. */
const dirEntry = (name: string): Listed => ({ perms: "drwxr-xr-x", owner: "0/0", size: 0, time: "1970-01-01 00:00", name });
const fileEntry = (name: string, size: number, perms = "-rw-r--r--"): Listed => ({ perms, owner: "0/0", size, time: TIME, name });

/** The user KServe's modelcar container runs as (KServe's webhook: `runAsUser: 1010`). */
const KSERVE_UID = "1010";
/** coreutils' chroot, by path: the commands inside run with PATH=/bin, which has no chroot. */
const CHROOT = ["/usr/sbin/chroot", "/usr/bin/chroot"].find((path) => existsSync(path)) ?? "chroot";
const SUDO = "/usr/bin/sudo";
/**
 * How chroot runs as root: directly when the tests are root (as in .ci/run's container), through
 * passwordless `sudo -n` where there is one (a GitHub-hosted runner), else not at all.
 */
const rootCommand: ((args: string[]) => [string, string[]]) | undefined =
  process.getuid?.() === 0
    ? (args) => [CHROOT, args]
    : existsSync(SUDO) && spawnSync(SUDO, ["-n", "true"]).status === 0
      ? (args) => [SUDO, ["-n", CHROOT, ...args]]
      : undefined;

/** chroot `args` as root, the commands inside with PATH=/bin. */
function chroot(args: string[]): { status: number | null; stdout: Buffer; stderr: Buffer } {
  const [command, argv] = rootCommand?.(args) ?? [CHROOT, args];
  return spawnSync(command, argv, { env: { ...process.env, PATH: "/bin" }, maxBuffer: 64 * 1024 * 1024 });
}

let scratch: ToyReleases;
let work: string;
let release: ToyRelease;

before(async () => {
  scratch = await toyReleases();
  work = await mkdtemp(join(scratch.dir, "work-"));
  release = await scratch.release();
});
after(async () => {
  await scratch?.remove();
});

/** Writes `bytes` to a fresh file under the scratch folder. */
let files = 0;
async function saved(bytes: Uint8Array, name = "blob"): Promise<string> {
  const path = join(work, `${++files}-${name}`);
  await writeFile(path, bytes);
  return path;
}

const build = (over: Partial<Parameters<typeof buildModelcar>[0]> = {}) =>
  buildModelcar({
    manifest: release.manifest,
    manifestBytes: release.manifestBytes,
    modelBytes: release.modelBytes,
    busybox: BUSYBOX,
    sourceUrl: "https://github.com/octo/models",
    ...over,
  });

describe("the modelcar image of a release", () => {
  test("the same release, busybox and source give the same digest; another busybox copy at another path too; another model does not", async () => {
    const first = await build();
    const copy = await saved(await readFile(BUSYBOX), "busybox");
    const second = await build({ busybox: copy });
    assert.equal(second.digest, first.digest);
    assert.deepEqual(second.imageBytes, first.imageBytes);
    assert.equal(first.digest, `sha256:${sha256(first.imageBytes)}`);
    const other = await scratch.release({ other: true });
    const third = await build({ manifest: other.manifest, manifestBytes: other.manifestBytes, modelBytes: other.modelBytes });
    assert.notEqual(third.digest, first.digest);
    assert.equal(third.layers[0]!.equals(first.layers[0]!), true, "the same base layer");
  });

  test("the layers gunzip (node:zlib) and untar (GNU tar) to exactly the spec's entries, modes, owners, times and links", async () => {
    const image = await build();
    const busyboxSize = (await stat(BUSYBOX)).size;
    assert.deepEqual(tarList(await saved(image.layers[0]!, "base.tar.gz")), [
      dirEntry("bin/"),
      fileEntry("bin/busybox", busyboxSize, "-rwxr-xr-x"),
      ...["sh", "ln", "sleep", "echo", "ls", "cat"].map((applet) => ({
        perms: "lrwxr-xr-x",
        owner: "0/0",
        size: 0,
        time: TIME,
        name: `bin/${applet}`,
        link: "busybox",
      })),
    ]);
    const config = await readFile(join(release.dir, "model.onnx"));
    const pbtxt = execFileSync("tar", ["-xzOf", join(release.dir, TRITON_ARCHIVE_NAME), "toy/config.pbtxt"]);
    assert.deepEqual(tarList(await saved(image.layers[1]!, "models.tar.gz")), [
      dirEntry("models/"),
      dirEntry("models/toy/"),
      fileEntry("models/toy/config.pbtxt", pbtxt.length),
      dirEntry("models/toy/1/"),
      fileEntry("models/toy/1/model.onnx", config.length),
    ]);
    // diff_ids are the sha256 of each layer's tar as gunzip gives it; the manifest names each gzip blob.
    const imageConfig = JSON.parse(image.config.toString("utf8")) as { rootfs: { diff_ids: string[] } };
    assert.deepEqual(
      imageConfig.rootfs.diff_ids,
      image.layers.map((gz) => `sha256:${sha256(gunzipSync(gz))}`),
    );
    assert.deepEqual(
      image.image.layers.map((layer) => [layer.mediaType, layer.digest, layer.size]),
      image.layers.map((gz) => ["application/vnd.oci.image.layer.v1.tar+gzip", `sha256:${sha256(gz)}`, gz.length]),
    );
  });

  test("the config and annotations are the spec's, from the manifest and the bytes", async () => {
    const image = await build();
    const architecture = { x86_64: "amd64", aarch64: "arm64" }[execFileSync("uname", ["-m"], { encoding: "utf8" }).trim()];
    const diffIds = image.layers.map((gz) => `sha256:${sha256(gunzipSync(gz))}`);
    assert.equal(
      image.config.toString("utf8"),
      `{"architecture":"${architecture}","os":"linux","created":"2026-03-01T12:00:00.000Z","config":{"Env":["PATH=/bin"],"Cmd":["/bin/sh"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["${diffIds[0]}","${diffIds[1]}"]}}`,
    );
    assert.deepEqual(image.image.config, {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: `sha256:${sha256(image.config)}`,
      size: image.config.length,
    });
    assert.equal(image.image.mediaType, "application/vnd.oci.image.manifest.v1+json");
    assert.equal(image.image.artifactType, undefined);
    const sums = await readFile(join(release.dir, "SHA256SUMS"));
    assert.deepEqual(image.image.annotations, {
      "org.opencontainers.image.title": "toy",
      "org.opencontainers.image.version": "1.0.0",
      "org.opencontainers.image.created": "2026-03-01T12:00:00.000Z",
      "org.opencontainers.image.source": "https://github.com/octo/models",
      "org.opencontainers.image.revision": "0123456789abcdef0123456789abcdef01234567",
      "dev.modelship.schema": "modelship/modelcar@1",
      "dev.modelship.model.sha256": sha256(await readFile(join(release.dir, "model.onnx"))),
      "dev.modelship.manifest.sha256": sha256(await readFile(join(release.dir, "manifest.json"))),
      "dev.modelship.package.digest": sha256(sums),
      "dev.modelship.gate.verdict": "pass",
      "dev.modelship.layout": "triton-model-repository",
    });
    // Without a source URL, no source annotation.
    const bare = await build({ sourceUrl: undefined });
    assert.equal(bare.image.annotations?.[ANNOTATION.source], undefined);
  });

  test(
    "KServe's modelcar rules: the layers unpacked in order by GNU tar make a root where busybox links /mnt/models, user 1010 reads the model, and python-onnx loads it",
    { skip: rootCommand === undefined && process.env.CI !== "true" ? "chroot needs root or passwordless sudo (CI has one)" : false },
    async () => {
      const image = await build();
      const rootfs = await mkdtemp(join(work, "rootfs-"));
      // A container's / is 0755; mkdtemp makes 0700. /mnt is made here so that no root-owned folder is left to remove.
      await chmod(rootfs, 0o755);
      await mkdir(join(rootfs, "mnt"), { mode: 0o755 });
      for (const [index, gz] of image.layers.entries())
        execFileSync("tar", ["-xzf", await saved(gz, `layer-${index}.tar.gz`), "-C", rootfs]);
      const shell = chroot([rootfs, "/bin/sh", "-c", "mkdir -p /mnt && ln -s /models /mnt/models && ls /mnt/models/toy/1 && sleep 0"]);
      assert.equal(shell.status, 0, shell.stderr.toString());
      assert.equal(shell.stdout.toString(), "model.onnx\n");
      // The sidecar runs as user 1010: the model must be world-readable through the link.
      const read = chroot([`--userspec=${KSERVE_UID}:${KSERVE_UID}`, rootfs, "/bin/cat", "/mnt/models/toy/1/model.onnx"]);
      assert.equal(read.status, 0, read.stderr.toString());
      assert.equal(sha256(read.stdout), release.manifest.files.find((file) => file.role === "model")!.sha256);
      const loaded = python<{ inputs: string[]; outputs: string[] }>(
        `import onnx\nm = onnx.load(data["path"])\nonnx.checker.check_model(m)\nemit({"inputs": [i.name for i in m.graph.input if i.name not in {w.name for w in m.graph.initializer}], "outputs": [o.name for o in m.graph.output]})`,
        { path: join(rootfs, "models/toy/1/model.onnx") },
      );
      assert.deepEqual(loaded, { inputs: ["x"], outputs: ["probability"] });
      const pbtxt = execFileSync("tar", ["-xzOf", join(release.dir, TRITON_ARCHIVE_NAME), "toy/config.pbtxt"]);
      assert.deepEqual(await readFile(join(rootfs, "models/toy/config.pbtxt")), pbtxt);
    },
  );

  test("the onnx-file layout, for a release without a Triton model repository: models/model.onnx alone", async () => {
    const manifest = { ...release.manifest, serving: release.manifest.serving!.filter((asset) => asset.layout === "onnx-file") };
    assert.deepEqual(modelcarLayout(manifest), { layout: "onnx-file", model: "toy" });
    assert.deepEqual(modelcarLayout(release.manifest), { layout: "triton-model-repository", model: "toy" });
    const layer = await modelsLayer({ model: "toy", layout: "onnx-file", modelBytes: release.modelBytes });
    assert.deepEqual(tarList(await saved(layer.gz, "onnx-file.tar.gz")), [
      dirEntry("models/"),
      fileEntry("models/model.onnx", release.modelBytes.length),
    ]);
    const image = await build({ manifest });
    assert.equal(image.image.annotations?.[ANNOTATION.layout], "onnx-file");
    assert.deepEqual(image.layers[1], layer.gz);
    // The layer is a function of its inputs alone: rebuilt, the same bytes.
    const again = await modelsLayer({ model: "toy", layout: "onnx-file", modelBytes: Buffer.from(release.modelBytes) });
    assert.equal(again.diffId, layer.diffId);
    assert.equal(again.diffId, `sha256:${sha256(gunzipSync(layer.gz))}`);
  });

  test("a model path in the name never reaches the layer, and bytes that are not the released model are refused", async () => {
    for (const name of ["../escape", "a/b", "..", ""])
      await assert.rejects(
        modelsLayer({ model: name, layout: "triton-model-repository", modelBytes: release.modelBytes }),
        (error: unknown) => isUserError(error) && /cannot name a folder/.test(error.problem),
        name,
      );
    await assert.rejects(
      build({ modelBytes: Buffer.concat([release.modelBytes, Buffer.from([0])]) }),
      /the model bytes are not the model\.onnx that toy 1\.0\.0's manifest lists/,
    );
  });
});

describe("the base layer's busybox", () => {
  test("Debian's busybox-static is a static ELF of this machine's architecture", async () => {
    const bytes = await readFile(BUSYBOX);
    // `file`, an independent ELF reader, says the same.
    const described = execFileSync("file", ["-b", BUSYBOX], { encoding: "utf8" });
    assert.match(described, /statically linked/);
    const base = await baseLayer(BUSYBOX);
    assert.equal(base.architecture, /x86-64/.test(described) ? "amd64" : /aarch64/.test(described) ? "arm64" : "?");
    assert.deepEqual(staticElfArchitecture(bytes), { architecture: base.architecture });
  });

  test("a dynamically linked executable, a file that is not ELF, a missing file are refused with the fix", async () => {
    const dynamic = "/bin/ls";
    assert.match(execFileSync("file", ["-bL", dynamic], { encoding: "utf8" }), /dynamically linked/);
    const hint = /Fix: apt-get install busybox-static, or set release\.oci\.busybox/;
    await assert.rejects(baseLayer(dynamic), (error: Error) => {
      assert.ok(isUserError(error));
      assert.match(error.message, /^\/bin\/ls: is dynamically linked/);
      assert.match(error.message, hint);
      return true;
    });
    await assert.rejects(baseLayer(await saved(Buffer.from("#!/bin/sh\necho hi\n"), "script")), /is not an ELF executable/);
    await assert.rejects(
      baseLayer(join(work, "no-busybox")),
      (error: Error) => /busybox is not there/.test(error.message) && hint.test(error.message),
    );
  });

  test("e_machine picks the architecture (System V ABI: 62 x86-64, 183 AArch64); other machines and 32-bit ELF are refused", () => {
    // A 64-bit little-endian ELF header with no program headers, machine set per case.
    const header = (machine: number, elfClass = 2): Buffer => {
      const bytes = Buffer.alloc(64);
      bytes.write("\x7fELF", 0, "latin1");
      bytes[4] = elfClass;
      bytes[5] = 1;
      bytes[6] = 1;
      bytes.writeUInt16LE(2, 16);
      bytes.writeUInt16LE(machine, 18);
      bytes.writeUInt16LE(56, 54);
      return bytes;
    };
    assert.deepEqual(staticElfArchitecture(header(183)), { architecture: "arm64" });
    assert.deepEqual(staticElfArchitecture(header(62)), { architecture: "amd64" });
    assert.match((staticElfArchitecture(header(40)) as { problem: string }).problem, /machine 40, neither amd64 nor arm64/);
    assert.match((staticElfArchitecture(header(62, 1)) as { problem: string }).problem, /not a 64-bit little-endian/);
    // A PT_INTERP program header (type 3) makes it dynamic.
    const withInterp = Buffer.concat([header(183), Buffer.alloc(56)]);
    withInterp.writeBigUInt64LE(64n, 32);
    withInterp.writeUInt16LE(1, 56);
    withInterp.writeUInt32LE(3, 64);
    assert.match((staticElfArchitecture(withInterp) as { problem: string }).problem, /dynamically linked/);
  });

  test("baseEntriesProblem accepts exactly the base's entries, and names a models/ path, a whiteout, a link elsewhere, a device", async () => {
    const listed = tarList(await saved((await baseLayer(BUSYBOX)).gz, "base-entries.tar.gz"));
    const modes = { d: "Directory", "-": "File", l: "SymbolicLink" } as Record<string, string>;
    // The entries as GNU tar reads them, turned into the verifier's shape.
    const entries = listed.map((entry) => ({
      path: entry.name,
      type: modes[entry.perms[0]!]!,
      mode: parseInt(entry.perms.slice(1).replace(/[^-]/g, "1").replace(/-/g, "0"), 2),
      linkpath: entry.link,
    }));
    assert.equal(baseEntriesProblem(entries), undefined);
    assert.equal(entries.length, BASE_ENTRIES.length);
    const cases: [typeof entries, RegExp][] = [
      [
        [...entries, { path: "models/toy/1/model.onnx", type: "File", mode: 0o644, linkpath: undefined }],
        /holds "models\/toy\/1\/model\.onnx"/,
      ],
      [[...entries, { path: "bin/.wh.models", type: "File", mode: 0o644, linkpath: undefined }], /holds "bin\/\.wh\.models"/],
      [
        entries.map((entry) => (entry.path === "bin/sh" ? { ...entry, linkpath: "/models" } : entry)),
        /"bin\/sh" \(SymbolicLink → \/models\)/,
      ],
      [
        entries.map((entry) => (entry.path === "bin/busybox" ? { ...entry, type: "CharacterDevice" } : entry)),
        /"bin\/busybox" \(CharacterDevice\)/,
      ],
      [entries.slice(0, -1), /lacks bin\/cat/],
      [entries.map((entry) => (entry.path === "bin/busybox" ? { ...entry, mode: 0o4755 } : entry)), /mode 4755, not bin\/busybox/],
    ];
    for (const [changed, problem] of cases) assert.match(baseEntriesProblem(changed) ?? "accepted", problem);
  });
});

describe("names and the package artifact", () => {
  test("the tag is the version with + as _, and the repository is <prefix>/<model>", () => {
    assert.equal(modelcarTag("1.4.0"), "1.4.0");
    assert.equal(modelcarTag("1.4.0+build.7"), "1.4.0_build.7");
    assert.throws(() => modelcarTag(".hidden"), /cannot be an OCI tag/);
    assert.deepEqual(modelcarRepository({ registry: "ghcr.io", repository: "octo/models" }, "adult-income"), {
      registry: "ghcr.io",
      repository: "octo/models/adult-income",
    });
    assert.throws(
      () => modelcarRepository({ registry: "ghcr.io", repository: "octo/models" }, "Adult"),
      (error: unknown) => isUserError(error) && /"Adult" under ghcr\.io\/octo\/models is not an OCI repository name/.test(error.problem),
    );
  });

  test("the artifact refers to the image and carries manifest.json and every package file but the model and the Triton archive", async () => {
    const image = await build();
    const files = new Map<string, Buffer>();
    for (const name of ["gate-report.json", "metrics.json", "model-card.md"]) files.set(name, await readFile(join(release.dir, name)));
    const artifact = image.artifact(image.descriptor, files);
    assert.equal(artifact.digest, `sha256:${sha256(artifact.bytes)}`);
    assert.deepEqual(JSON.parse(artifact.bytes.toString("utf8")), artifact.manifest);
    assert.equal(artifact.manifest.artifactType, "application/vnd.modelship.package.v1+json");
    assert.deepEqual(artifact.manifest.config, {
      mediaType: "application/vnd.oci.empty.v1+json",
      digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
      size: 2,
    });
    assert.deepEqual(artifact.manifest.subject, {
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      digest: image.digest,
      size: image.imageBytes.length,
    });
    assert.deepEqual(artifact.manifest.annotations, {
      "org.opencontainers.image.created": "2026-03-01T12:00:00.000Z",
      "dev.modelship.manifest.sha256": sha256(release.manifestBytes),
    });
    assert.deepEqual(
      artifact.manifest.layers.map((layer) => [layer.annotations?.["org.opencontainers.image.title"], layer.mediaType]),
      [
        ["manifest.json", "application/vnd.modelship.manifest.v1+json"],
        ["gate-report.json", "application/vnd.modelship.gate-report.v1+json"],
        ["metrics.json", "application/vnd.modelship.metrics.v1+json"],
        ["model-card.md", "text/markdown"],
      ],
    );
    assert.deepEqual(
      artifact.blobs.map((blob) => `sha256:${sha256(blob)}`),
      [artifact.manifest.config.digest, ...artifact.manifest.layers.map((layer) => layer.digest)],
    );
    assert.equal(packageFileMediaType({ name: "notes.txt", role: "other" }), "application/octet-stream");
    // A missing file, or one changed since release, is refused.
    const missing = new Map(files);
    missing.delete("metrics.json");
    assert.throws(() => image.artifact(image.descriptor, missing), /lacks metrics\.json, which its manifest lists/);
    const changed = new Map(files).set("gate-report.json", Buffer.from("{}"));
    assert.throws(() => image.artifact(image.descriptor, changed), /gate-report\.json of toy 1\.0\.0 does not match the sha256/);
  });
});
