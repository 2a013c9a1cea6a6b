/**
 * The drift stage's settings from modelship.yaml (src/stages/drift-settings.ts): `drift.margin` lands
 * in the statistics the report records, and the keys of the old default rule (warn_p_value, psi,
 * null_rate, effect_size_floor) still pass the schema, change nothing, and are each named in a warning.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { parseConfig } from "../../../src/config/modelship-config.ts";
import { DRIFT_DEFAULTS } from "../../../src/drift/decide-drift.ts";
import { resolveDriftSettings } from "../../../src/stages/drift-settings.ts";

const loaded = (yaml: string) => parseConfig(yaml, { file: "repo/modelship.yaml", cwd: "/work" });

const RETIRED = `model: churn
drift:
  reference: latest
  warn_p_value: 0.2
  psi:
    warn: 0.05
    drift: 0.5
  null_rate:
    warn: 0.02
    drift: 0.3
  effect_size_floor: 0.4
`;

describe("drift settings: margins and the retired keys", () => {
  test("without a drift section: the default margins, no warnings", () => {
    const settings = resolveDriftSettings({}, loaded("model: churn\n"));
    assert.deepEqual(settings.statistics.margin, { numeric: 0.1, categorical: 0.05, nulls: 0.2 });
    assert.deepEqual(settings.statistics, DRIFT_DEFAULTS);
    assert.deepEqual(settings.ignoredSettings, []);
  });

  test("drift.margin passes the schema and its values land in statistics.margin; a key left out keeps its default", () => {
    const all = resolveDriftSettings(
      {},
      loaded("model: churn\ndrift:\n  margin:\n    numeric: 0.25\n    categorical: 0.1\n    nulls: 0.5\n"),
    );
    assert.deepEqual(all.statistics.margin, { numeric: 0.25, categorical: 0.1, nulls: 0.5 });
    assert.deepEqual(all.ignoredSettings, []);
    const one = resolveDriftSettings({}, loaded("model: churn\ndrift:\n  margin:\n    categorical: 0.02\n"));
    assert.deepEqual(one.statistics.margin, { numeric: 0.1, categorical: 0.02, nulls: 0.2 });
  });

  test("the schema refuses a margin key it does not know and a categorical margin above 1, naming the file", () => {
    for (const [yaml, pointer] of [
      ["model: churn\ndrift:\n  margin:\n    psi: 0.1\n", /\/drift\/margin\/psi: unknown property/],
      ["model: churn\ndrift:\n  margin:\n    categorical: 2\n", /\/drift\/margin\/categorical: must be <= 1/],
    ] as const)
      assert.throws(
        () => loaded(yaml),
        (error: unknown) => isUserError(error) && error.file === "repo/modelship.yaml" && pointer.test(error.message),
        yaml,
      );
  });

  test("warn_p_value, psi, null_rate and effect_size_floor are accepted, ignored, and each named in a warning with the file", () => {
    const settings = resolveDriftSettings({}, loaded(RETIRED));
    // Nothing of them reaches the statistics: the same settings as with no drift section.
    assert.deepEqual(settings.statistics, DRIFT_DEFAULTS);
    for (const key of ["warn_p_value", "psi", "null_rate", "effect_size_floor"])
      assert.ok(!(key in settings.statistics), `statistics has no ${key}`);
    assert.equal(settings.ignoredSettings.length, 4, settings.ignoredSettings.join("\n"));
    for (const key of ["warn_p_value", "psi", "null_rate", "effect_size_floor"]) {
      const warning = settings.ignoredSettings.find((line) => line.includes(`drift.${key} `));
      assert.ok(warning, `a warning names drift.${key}: ${settings.ignoredSettings.join("\n")}`);
      assert.match(warning, /repo\/modelship\.yaml/);
      assert.match(warning, /no longer used and is ignored/);
      assert.match(warning, /docs\/drift\.md/);
    }
  });

  test("a warn_p_value below p_value (refused by the old rule) is now only a warning", () => {
    const settings = resolveDriftSettings(
      {},
      loaded("model: churn\ndrift:\n  p_value: 0.05\n  warn_p_value: 0.01\n  effect_size_floor: null\n"),
    );
    assert.equal(settings.statistics.p_value, 0.05);
    assert.deepEqual(
      settings.ignoredSettings.map((line) => /drift\.(\w+)/.exec(line)?.[1]),
      ["warn_p_value", "effect_size_floor"],
    );
  });

  test("only the retired keys present are warned about, next to a margin that is read", () => {
    const settings = resolveDriftSettings({}, loaded("model: churn\ndrift:\n  psi:\n    drift: 0.3\n  margin:\n    numeric: 0.2\n"));
    assert.equal(settings.statistics.margin.numeric, 0.2);
    assert.equal(settings.ignoredSettings.length, 1);
    assert.match(settings.ignoredSettings[0]!, /drift\.psi .*drift\.margin\.numeric/);
  });
});
