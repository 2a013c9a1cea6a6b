/** A rollback is decided about one canary: it refuses a file whose canary has changed since. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { applyAction, readState } from "../../../src/gitops/targets/target-dispatch.ts";
import { exampleManifest, T1, V2, V3 } from "../../support/manifests.ts";

const FILE = "apps/adult-income/inferenceservice.yaml";

test("rolling back 0.0.2 while 0.0.3 runs as the canary is refused; rolling back 0.0.3 works", () => {
  const example = exampleManifest("inferenceservice.yaml");
  const target = { kind: "kserve-standard" as const, file: FILE };
  const withV3 = applyAction(example, target, V3, { kind: "start", weight: 10 });
  assert.throws(
    () => applyAction(withV3, target, V2, { kind: "rollback" }),
    (error: unknown) => isUserError(error) && /the running canary is 0\.0\.3/.test(error.message) && error.file === FILE,
  );
  const rolledBack = applyAction(withV3, target, V3, { kind: "rollback" });
  assert.deepEqual(readState(rolledBack, target).stable?.uri, T1);
  assert.equal(readState(rolledBack, target).canary, undefined);
});
