/** releaseViewOf only adds links and deltas: a registry that cannot be opened or read never blocks a promotion. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { UserError } from "../../../src/common/errors.ts";
import { releaseViewOf } from "../../../src/gitops/release-check.ts";
import type { RegistryStore } from "../../../src/registry/registry-types.ts";

const DEPLOYED = { version: "1.2.0", uri: "https://github.com/octo/models/releases/download/adult-income%2Fv1.2.0/model.onnx" };

test("a registry opener that throws synchronously gives the fallback view", async () => {
  let opened = 0;
  const openRegistry = (): RegistryStore => {
    opened += 1;
    throw new UserError("registry github:octo/models needs a GitHub token");
  };
  assert.deepEqual(await releaseViewOf(DEPLOYED, openRegistry, undefined), { version: "1.2.0" });
  assert.equal(opened, 1);
});

test("a registry whose locate fails gives the fallback view", async () => {
  const openRegistry = (): RegistryStore => ({ locate: () => Promise.reject(new Error("HTTP 500")) }) as unknown as RegistryStore;
  assert.deepEqual(await releaseViewOf(DEPLOYED, openRegistry, undefined), { version: "1.2.0" });
});

test("no deployed model gives no view", async () => {
  assert.equal(await releaseViewOf(undefined, () => assert.fail("not opened"), undefined), undefined);
});
