/** promote / canary / verify-promotion as terminal text: golden text written here from the results' values, colour, -q and -v. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PLAIN, unstyled } from "../../../src/common/text-style.ts";
import { dryRunNote, type CanaryResult } from "../../../src/gitops/canary-job.ts";
import { describeState, renderCanaryText, renderPromotionText, renderVerifyText } from "../../../src/gitops/gitops-text.ts";
import type { CheckResult } from "../../../src/gitops/health.ts";
import type { VerifyResult } from "../../../src/gitops/promotion-check.ts";
import type { PromotionResult } from "../../../src/gitops/promotion-pr.ts";
import type { RolloutState } from "../../../src/gitops/targets/target-types.ts";

const URI = (version: string) => `https://github.com/o/models/releases/download/toy%2Fv${version}/model.onnx`;
const stableOnly: RolloutState = { stable: { version: "0.0.1", uri: URI("0.0.1") } };
const canary10: RolloutState = { ...stableOnly, canary: { version: "0.0.2", uri: URI("0.0.2"), weight: 10 } };
const canary50: RolloutState = { ...stableOnly, canary: { version: "0.0.2", uri: URI("0.0.2"), weight: 50 } };

function promotion(overrides: Partial<PromotionResult> = {}): PromotionResult {
  return {
    status: "opened",
    model: { name: "toy", version: "0.0.2", uri: URI("0.0.2"), digest: "sha256:ab" },
    branch: "modelship/prod/toy",
    title: "Canary toy 0.0.2 at 10% in prod",
    body: "| markdown | table |",
    before: stableOnly,
    after: canary10,
    files: ["prod/isvc.yaml"],
    prNumber: 7,
    prUrl: "https://github.com/o/gitops/pull/7",
    ...overrides,
  };
}

describe("describeState", () => {
  it("names the stable and canary versions and the canary's weight, a model without a version by its URI", () => {
    assert.equal(describeState({}), "nothing deployed");
    assert.equal(describeState(canary10), "stable 0.0.1, canary 0.0.2 at 10%");
    assert.equal(describeState({ stable: { version: "", uri: "s3://b/m.onnx" } }), "stable s3://b/m.onnx");
  });
});

describe("promote as text", () => {
  it("says which PR was opened, for which environment, the rollout before → after and the files", () => {
    const text = renderPromotionText({ ...promotion(), environment: { name: "prod" } }, PLAIN);
    assert.equal(
      text,
      [
        "✓ prod: opened PR #7 https://github.com/o/gitops/pull/7: Canary toy 0.0.2 at 10% in prod",
        "  stable 0.0.1 → stable 0.0.1, canary 0.0.2 at 10%",
        "  1 file: prod/isvc.yaml",
      ].join("\n"),
    );
    assert.equal(renderPromotionText({ ...promotion(), environment: { name: "prod" } }, { ...PLAIN, quiet: true }), text.split("\n")[0]);
    assert.equal(unstyled(renderPromotionText({ ...promotion(), environment: { name: "prod" } }, { ...PLAIN, color: true })), text);
    assert.ok(!text.includes("| markdown"), "the PR body stays out of the terminal");
  });

  it("says when the PR was up to date, pushed without GitHub, nothing to change, and what it closed", () => {
    assert.equal(
      renderPromotionText(promotion({ status: "unchanged" }), { ...PLAIN, quiet: true }),
      "✓ PR #7 https://github.com/o/gitops/pull/7 is already up to date: Canary toy 0.0.2 at 10% in prod",
    );
    assert.equal(
      renderPromotionText(
        promotion({ status: "pushed", prNumber: undefined, prUrl: undefined, bodyPath: ".modelship/promotion/prod.md" }),
        {
          ...PLAIN,
          quiet: true,
        },
      ),
      "✓ pushed branch modelship/prod/toy (PR body: .modelship/promotion/prod.md): Canary toy 0.0.2 at 10% in prod",
    );
    assert.equal(
      renderPromotionText(promotion({ status: "no-change", before: canary10, files: [], prNumber: undefined, prUrl: undefined }), PLAIN),
      "✓ nothing to do: the base already says stable 0.0.1, canary 0.0.2 at 10%",
    );
    const closing = renderPromotionText(promotion({ status: "updated", closedPr: 3, superseded: [4, 5] }), PLAIN).split("\n");
    assert.deepEqual(closing.slice(-2), ["  closed the obsolete PR #3", "  superseded and closed #4, #5"]);
  });
});

const errorRate: CheckResult = {
  name: "error-rate",
  canary: 0.2,
  stable: 0.01,
  threshold: "≤ 0.05",
  status: "fail",
  detail: "0.2 is above the maximum 0.05",
};
const latency: CheckResult = {
  name: "p99-latency",
  canary: 0.12,
  stable: 0.11,
  threshold: "≤ 0.5",
  status: "pass",
  detail: "0.12 is within ≤ 0.5",
};
const saturation: CheckResult = {
  name: "saturation",
  canary: null,
  stable: null,
  threshold: "≤ 0.9",
  status: "no-data",
  detail: "no data",
};

describe("canary as text", () => {
  const rollback: CanaryResult = {
    environment: "prod",
    state: canary50,
    decision: { action: "rollback", reason: "error-rate failed" },
    checks: [latency, errorRate, saturation],
    promotion: promotion({
      title: "Roll back toy 0.0.2 in prod",
      prNumber: 9,
      prUrl: "https://github.com/o/gitops/pull/9",
      after: stableOnly,
    }),
  };
  const step: CanaryResult = {
    environment: "staging",
    state: canary10,
    decision: { action: "step", weight: 50, reason: "every check passed and the bake time elapsed" },
    checks: [latency],
    dryRun: dryRunNote({ action: "step", weight: 50, reason: "" }, "staging", "toy"),
  };
  const idle: CanaryResult = {
    environment: "dev",
    state: stableOnly,
    decision: { action: "none", reason: "no canary runs in dev (0.0.1 serves all traffic)" },
    checks: [],
  };
  const DEFAULT_TEXT = [
    "✗ prod: roll back 0.0.2 — error-rate failed",
    "    ✗ error-rate: 0.2 is above the maximum 0.05 (canary 0.2, stable 0.01; ≤ 0.05)",
    "    ? saturation: no data (canary —; ≤ 0.9)",
    "    ✓ 1 health check passed",
    "  opened PR #9 https://github.com/o/gitops/pull/9: Roll back toy 0.0.2 in prod",
    "✓ staging: step up 10% → 50% — every check passed and the bake time elapsed",
    "    ✓ 1 health check passed",
    "  dry run: nothing was pushed and no pull request opened (it would have pushed branch modelship/staging/toy and opened a pull request to step the canary up to 50% in staging)",
    "· dev: nothing to do — no canary runs in dev (0.0.1 serves all traffic)",
  ].join("\n");

  it("says per environment what was decided, the failing checks with their values, the PR, and that a dry run pushed nothing", () => {
    assert.equal(renderCanaryText([rollback, step, idle], PLAIN), DEFAULT_TEXT);
  });

  it("with -q keeps decisions, failed checks and PRs; with -v lists the passing checks", () => {
    assert.equal(
      renderCanaryText([rollback, step, idle], { ...PLAIN, quiet: true }),
      DEFAULT_TEXT.split("\n")
        .filter((line) => !line.includes("saturation") && !line.includes("health check passed"))
        .join("\n"),
    );
    const verbose = renderCanaryText([rollback], { ...PLAIN, verbose: true });
    assert.ok(verbose.includes("    ✓ p99-latency: 0.12 is within ≤ 0.5 (canary 0.12, stable 0.11; ≤ 0.5)"), verbose);
  });

  it("colours the rollback red, only through escapes", () => {
    const coloured = renderCanaryText([rollback, step, idle], { ...PLAIN, color: true });
    assert.ok(coloured.startsWith("\u001b[31m✗\u001b[39m prod: \u001b[1mroll back 0.0.2\u001b[22m"));
    assert.equal(unstyled(coloured), DEFAULT_TEXT);
  });

  it("shows an A/B comparison per metric: values, n, difference with its interval, p and the verdict", () => {
    // 120 of 1,000 candidate requests converted against 100 of 1,000 stable ones: Δ = 0.02; the pooled
    // two-proportion z = 0.02 / sqrt(0.11·0.89·2/1000) = 1.4293, two-sided p = 0.1529 (scipy norm.sf);
    // Newcombe's interval from the two Wilson intervals (z 1.96): [−0.007492, 0.047551].
    const ab: CanaryResult = {
      environment: "prod",
      state: canary50,
      decision: { action: "hold", reason: "no metric differs significantly yet" },
      checks: [],
      comparison: {
        metrics: [
          {
            name: "conversion",
            kind: "proportion",
            higherIsBetter: true,
            candidate: { value: 0.12, n: 1000 },
            stable: { value: 0.1, n: 1000 },
            test: { difference: 0.02, interval: [-0.007492, 0.047551], pValue: 0.1529, confidence: 0.95 },
            verdict: "no difference",
            queries: [],
          },
        ],
        alpha: 0.05,
        perMetricAlpha: 0.05,
        minSamples: 500,
        candidateVersion: "0.0.2",
        stableVersion: "0.0.1",
      },
    };
    assert.equal(
      renderCanaryText([ab], PLAIN),
      [
        "! prod: hold — no metric differs significantly yet",
        "    · A/B conversion: no difference: candidate 0.12 (n 1,000) vs stable 0.1 (n 1,000), Δ +0.02 95% CI [-0.0075, 0.0476], p 0.1529 (α 0.05)",
      ].join("\n"),
    );
  });

  it("escapes check names, details and PR titles", () => {
    const text = renderCanaryText(
      [{ ...rollback, checks: [{ ...errorRate, name: "err\u001b[2J" }], promotion: promotion({ title: "Roll back \u202etoy" }) }],
      PLAIN,
    );
    // eslint-disable-next-line no-control-regex -- these escapes are what must not reach the terminal
    assert.ok(!/\u001b|\u202e/u.test(text), JSON.stringify(text));
    assert.ok(text.includes("✗ err\\u001b[2J: 0.2 is above") && text.includes("Roll back \\u202etoy"), text);
  });

  it("says what self-healing did with a rollback pull request", () => {
    const healed: CanaryResult = { ...rollback, selfHeal: { outcome: "waiting", reason: "check ci is pending", checks: [] } };
    assert.equal(renderCanaryText([healed], PLAIN).split("\n").at(-1), "  self-healing: waiting — check ci is pending");
  });

  it("says so when no environment was checked", () => {
    assert.equal(renderCanaryText([], PLAIN), "nothing to do: no environment was checked");
  });
});

describe("verify-promotion as text", () => {
  const good = {
    file: "prod/isvc.yaml",
    line: 12,
    uri: URI("0.0.2"),
    ok: true,
    detail: "toy@0.0.2 from github:o/models: gate verdict pass, every sha256 verified (digest ab12); provenance ✅ attested by o/models",
    registry: "github:o/models",
    provenance: "verified" as const,
  };
  const bad = {
    file: "staging/isvc.yaml",
    line: 8,
    uri: "https://evil.example/model.onnx",
    ok: false,
    detail: "no trusted registry serves https://evil.example/model.onnx; fix: release it to github:o/models",
  };
  const failing: Omit<VerifyResult, "markdown"> = {
    ok: false,
    files: ["prod/isvc.yaml", "staging/isvc.yaml", "CODEOWNERS"],
    uris: [good, bad],
    problems: ["staging/isvc.yaml:3: spec.predictor.model.runtime: must be a string"],
    rulesChanges: [{ file: "CODEOWNERS", allowed: false }],
    warnings: [],
  };

  it("leads with the verdict and lists each refused URI at file:line with why and the fix, problems and rules changes", () => {
    const text = renderVerifyText(failing, PLAIN);
    assert.equal(
      text,
      [
        "✗ verify-promotion fails: 1 of 2 model URIs refused, 1 manifest problem, 1 rules file changed — this change must not be merged",
        "  ✗ staging/isvc.yaml:8 https://evil.example/model.onnx: no trusted registry serves https://evil.example/model.onnx; fix: release it to github:o/models",
        "  ✗ staging/isvc.yaml:3: spec.predictor.model.runtime: must be a string",
        "  ✗ CODEOWNERS: changes the promotion rules; land the rules change on its own, or set verify.rules_changes: codeowners and require code-owner review",
        `  ✓ prod/isvc.yaml:12 ${URI("0.0.2")}`,
      ].join("\n"),
    );
    assert.equal(renderVerifyText(failing, { ...PLAIN, quiet: true }), text.split("\n").slice(0, 4).join("\n"));
    assert.equal(unstyled(renderVerifyText(failing, { ...PLAIN, color: true })), text);
    assert.ok(renderVerifyText(failing, { ...PLAIN, color: true }).startsWith("\u001b[31m✗\u001b[39m verify-promotion fails"));
  });

  it("escapes what the pull request under review controls: file names, URIs and the details quoting them", () => {
    // A GitOps PR's author picks the file name and the URI; an OSC 8 hyperlink or a screen clear must not reach the terminal.
    const attack = {
      file: "prod/\u001b[2J\u001b[32m✓ all good\u001b[0m.yaml",
      line: 1,
      uri: "https://evil.example/\u001b]8;;https://github.com\u0007model.onnx",
      ok: false,
      detail: "no trusted registry serves https://evil.example/\u001b]8;;https://github.com\u0007model.onnx",
    };
    const text = renderVerifyText({ ...failing, uris: [attack], problems: ["\u202eevil.yaml: bad"] }, { ...PLAIN, color: true });
    // eslint-disable-next-line no-control-regex -- these escapes are what must not reach the terminal
    assert.ok(!/\u001b\[2J|\u001b\[32m✓ all|\u001b\]|\u0007|\u202e/u.test(text), JSON.stringify(text));
    assert.ok(text.includes("prod/\\u001b[2J\\u001b[32m✓ all good\\u001b[0m.yaml:1 https://evil.example/\\u001b]8;;"), text);
    assert.ok(text.includes("\\u202eevil.yaml: bad"), text);
  });

  it("folds failures past the limit into '… and N more', and -v lists them all", () => {
    const problems = Array.from({ length: 20 }, (_, i) => `apps/m${i}.yaml:1: not a manifest`);
    const many = { ...failing, uris: [], rulesChanges: [], problems };
    const lines = renderVerifyText(many, PLAIN).split("\n");
    // 20 problems: 15 shown, 5 folded.
    assert.equal(lines.filter((line) => line.startsWith("  ✗ ")).length, 15);
    assert.equal(lines.at(-1), "  … and 5 more (--format markdown lists them all)");
    assert.equal(
      renderVerifyText(many, { ...PLAIN, verbose: true })
        .split("\n")
        .filter((line) => line.startsWith("  ✗ ")).length,
      20,
    );
  });

  it("passes with warnings and the URIs checked; -v adds each URI's registry check (no markdown icons)", () => {
    const passing = {
      ...failing,
      ok: true,
      uris: [good],
      problems: [],
      rulesChanges: [],
      warnings: ["provenance is off for github:o/other"],
    };
    assert.equal(
      renderVerifyText(passing, PLAIN),
      [
        "✓ verify-promotion passes: 1 model URI in 3 changed files released and gated",
        "  ! provenance is off for github:o/other",
        // The URIs that passed, at file:line; -v adds what each was checked for.
        `  ✓ prod/isvc.yaml:12 ${URI("0.0.2")}`,
      ].join("\n"),
    );
    assert.equal(
      renderVerifyText(passing, { ...PLAIN, verbose: true }).split("\n")[2],
      `  ✓ prod/isvc.yaml:12 ${URI("0.0.2")}: toy@0.0.2 from github:o/models: gate verdict pass, every sha256 verified (digest ab12); provenance ✓ attested by o/models`,
    );
    assert.equal(
      renderVerifyText({ ...passing, uris: [], files: ["README.md"], warnings: [] }, PLAIN),
      "✓ verify-promotion passes: no model URI changes in 1 changed file",
    );
  });
});
