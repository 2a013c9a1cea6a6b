/**
 * What the run record says about the container a training ran in: the image the workflow names in
 * MODELSHIP_TRAIN_IMAGE with the digest it pins, and the CUDA toolkit the image ships (CUDA_VERSION,
 * else PyTorch's CUDA build, asked of a stand-in python3 on PATH).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { imageDigest, trainContainer, TRAIN_IMAGE_VARIABLE } from "../../../src/train/container-image.ts";
import { detectCudaToolkit } from "../../../src/train/gpu.ts";

/** A digest as a registry computes one: sha256 of some bytes, in lowercase hex. */
const HEX = createHash("sha256").update("a manifest").digest("hex");

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelship-container-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A folder with a `python3` that answers the torch query with `answer` and notes that it was asked. */
async function pythonAnswering(name: string, script: string): Promise<{ path: string; asked: string }> {
  const bin = join(dir, name);
  await mkdir(bin);
  const asked = join(dir, `${name}.asked`);
  await writeFile(join(bin, "python3"), `#!/bin/sh\necho "$@" >> "${asked}"\n${script}\n`);
  await chmod(join(bin, "python3"), 0o755);
  return { path: `${bin}:/usr/bin:/bin`, asked };
}

describe("the train container in the run record", () => {
  test("a reference pinned by digest gives the digest; a tag alone or a malformed digest gives none", () => {
    assert.equal(imageDigest(`pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime@sha256:${HEX}`), `sha256:${HEX}`);
    assert.equal(imageDigest(`ghcr.io/octo-org/train@sha256:${HEX}`), `sha256:${HEX}`);
    assert.equal(imageDigest("pytorch/pytorch:latest"), undefined);
    assert.equal(imageDigest(`pytorch/pytorch@sha256:${HEX.slice(1)}`), undefined, "63 hex digits");
    assert.equal(imageDigest(`pytorch/pytorch@sha256:${HEX}0`), undefined, "65 hex digits");
    assert.equal(imageDigest(`pytorch/pytorch@sha256:${HEX.toUpperCase()}`), undefined, "digests are lowercase hex");
    assert.equal(imageDigest(`pytorch/pytorch@sha512:${HEX}${HEX}`), undefined, "sha256 only");
  });

  test("MODELSHIP_TRAIN_IMAGE names the container; unset or empty means the job ran on the runner itself", () => {
    const image = `pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime@sha256:${HEX}`;
    assert.deepEqual(trainContainer({ [TRAIN_IMAGE_VARIABLE]: image }), { image, digest: `sha256:${HEX}` });
    assert.deepEqual(trainContainer({ [TRAIN_IMAGE_VARIABLE]: "pytorch/pytorch:latest" }), { image: "pytorch/pytorch:latest" });
    assert.equal(trainContainer({ [TRAIN_IMAGE_VARIABLE]: "" }), undefined);
    assert.equal(trainContainer({}), undefined);
  });

  test("CUDA_VERSION (NVIDIA's CUDA images) is the toolkit, and PyTorch is not asked", async () => {
    const python = await pythonAnswering("python-unasked", "echo 11.8");
    assert.deepEqual(await detectCudaToolkit({ PATH: python.path, CUDA_VERSION: "12.6.3" }, { torch: true }), {
      version: "12.6.3",
      source: "CUDA_VERSION",
    });
    await assert.rejects(readFile(python.asked), "python3 was not run");
  });

  test("without CUDA_VERSION, PyTorch's CUDA build is the toolkit, when asked for", async () => {
    const python = await pythonAnswering("python-cuda", 'case "$2" in *torch.version.cuda*) echo 12.4 ;; *) exit 2 ;; esac');
    assert.deepEqual(await detectCudaToolkit({ PATH: python.path }, { torch: true }), { version: "12.4", source: "torch" });
    assert.equal(await detectCudaToolkit({ PATH: python.path }), undefined, "not asked: no answer");
  });

  test("PyTorch is imported as the training command runs: without the runner's credentials, and outside the checkout", async () => {
    const python = await pythonAnswering(
      "python-env",
      'pwd >> "$0.pwd"; if [ -n "$ACTIONS_RUNTIME_TOKEN$GITHUB_TOKEN$INPUT_TOKEN" ]; then echo 9.9; else echo 12.4; fi',
    );
    const env = { PATH: python.path, ACTIONS_RUNTIME_TOKEN: "runtime", GITHUB_TOKEN: "ghs_x", INPUT_TOKEN: "ghs_y" };
    assert.deepEqual(await detectCudaToolkit(env, { torch: true }), { version: "12.4", source: "torch" }, "no token reached python3");
    const cwd = (await readFile(join(dir, "python-env", "python3.pwd"), "utf8")).trim();
    assert.notEqual(cwd, process.cwd(), "not in the working directory, whose folders would shadow torch");
  });

  test("a CPU build of PyTorch, no PyTorch, or no Python is no answer, not an error", async () => {
    const cpu = await pythonAnswering("python-cpu", "echo");
    assert.equal(await detectCudaToolkit({ PATH: cpu.path }, { torch: true }), undefined, "torch.version.cuda is None");
    const none = await pythonAnswering("python-no-torch", "echo \"ModuleNotFoundError: No module named 'torch'\" >&2; exit 1");
    assert.equal(await detectCudaToolkit({ PATH: none.path }, { torch: true }), undefined);
    assert.equal(await detectCudaToolkit({ PATH: join(dir, "nowhere") }, { torch: true }), undefined);
    assert.equal(await detectCudaToolkit({ PATH: cpu.path, CUDA_VERSION: "not a version" }, { torch: true }), undefined);
  });
});
