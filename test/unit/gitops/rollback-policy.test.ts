/**
 * The self-healing policy keys of promote.environments.<name> (schemas/modelship.schema.json →
 * resolveEnvironment): defaults that keep today's behaviour, verify-promotion's check always first
 * and required, the merge method from the rollback's auto-merge method, and mistakes named by pointer.
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { isUserError } from "../../../src/common/errors.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { resolveEnvironment } from "../../../src/stages/promote-settings.ts";

function production(extra: Record<string, unknown>) {
  const text = stringify({
    model: "income-clf",
    promote: {
      repository: "octo/gitops",
      environments: { production: { targets: [{ kind: "argo-rollouts", file: "apps/rollout.yaml" }], ...extra } },
    },
  });
  return resolveEnvironment("production", parseConfig(text, { file: "modelship.yaml", cwd: tmpdir() }));
}

describe("the rollback policy of an environment", () => {
  it("defaults to pr, requiring verify-promotion's check run from GitHub Actions, squash-merged", () => {
    assert.deepEqual(production({}).rollback, {
      mode: "pr",
      requiredChecks: ["verify-promotion"],
      verifyCheck: "verify-promotion",
      checksApp: "github-actions",
      method: "squash",
    });
  });

  it("reads merge, the listed checks (verify's first, no repeats), another verify name, the app and the method", () => {
    const settings = production({
      rollback: "merge",
      rollback_checks: ["lint", "verify-gitops", "lint"],
      verify_check: "verify-gitops",
      rollback_checks_app: "my-ci",
      pull_request: { auto_merge: { rollback: "rebase" } },
    }).rollback;
    assert.deepEqual(settings, {
      mode: "merge",
      requiredChecks: ["verify-gitops", "lint"],
      verifyCheck: "verify-gitops",
      checksApp: "my-ci",
      method: "rebase",
    });
    // Auto-merge off for rollbacks: modelship still merges, with squash.
    assert.equal(production({ rollback: "merge", pull_request: { auto_merge: { rollback: false } } }).rollback.method, "squash");
  });

  it("refuses an unknown mode, an empty check name and an app slug that is not one, by pointer", () => {
    for (const [extra, pointer] of [
      [{ rollback: "auto" }, "/promote/environments/production/rollback"],
      [{ rollback_checks: [""] }, "/promote/environments/production/rollback_checks/0"],
      [{ rollback_checks_app: "GitHub Actions" }, "/promote/environments/production/rollback_checks_app"],
    ] as const) {
      assert.throws(
        () => production(extra),
        (error: unknown) => isUserError(error) && error.message.includes("modelship.yaml") && error.message.includes(pointer),
        JSON.stringify(extra),
      );
    }
  });
});
