/** What `canary --dry-run` (and the action's dry-run input) says where a pull request would have been opened. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dryRunNote } from "../../../src/gitops/canary-job.ts";

describe("the canary's dry-run note", () => {
  it("names the branch and what the PR would have done, for each decision that opens one", () => {
    const opened =
      "dry run: nothing was pushed and no pull request opened (it would have pushed branch modelship/prod/toy and opened a pull request to";
    assert.equal(dryRunNote({ action: "step", weight: 25, reason: "" }, "prod", "toy"), `${opened} step the canary up to 25% in prod)`);
    assert.equal(dryRunNote({ action: "promote", reason: "" }, "prod", "toy"), `${opened} promote the canary to stable in prod)`);
    assert.equal(dryRunNote({ action: "rollback", reason: "" }, "prod", "toy"), `${opened} roll the canary back in prod)`);
  });

  it("says nothing where no pull request would have been opened (hold, none)", () => {
    assert.equal(dryRunNote({ action: "hold", reason: "" }, "prod", "toy"), undefined);
    assert.equal(dryRunNote({ action: "none", reason: "" }, "prod", "toy"), undefined);
  });
});
