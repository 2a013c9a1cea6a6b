/**
 * The health relay's repository_dispatch as the canary job reads it (src/gitops/health-dispatch.ts):
 * the configured names the alerts carry, for the log (the job checks every environment whatever they
 * say), and anything untrusted — other event types, names not in modelship.yaml, wrong types,
 * oversized payloads — noted; it never decides anything.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readHealthDispatch } from "../../../src/gitops/health-dispatch.ts";

const CONFIGURED = ["staging", "production"];

function dispatch(clientPayload: unknown, action: unknown = "modelship-health"): { name: string; payload: Record<string, unknown> } {
  return { name: "repository_dispatch", payload: { action, client_payload: clientPayload } };
}

function alerts(...labels: Record<string, unknown>[]): { version: string; status: string; alerts: unknown[] } {
  return { version: "4", status: "firing", alerts: labels.map((set) => ({ status: "firing", labels: set })) };
}

describe("readHealthDispatch", () => {
  it("ignores every event but a repository_dispatch (a schedule checks everything)", () => {
    assert.equal(readHealthDispatch({ name: "schedule", payload: { action: "modelship-health" } }, CONFIGURED), undefined);
    assert.equal(readHealthDispatch({ payload: {} }, CONFIGURED), undefined);
  });

  it("names the configured environments the alerts name, in modelship.yaml's order", () => {
    const wake = readHealthDispatch(
      dispatch(
        alerts({ modelship_environment: "production" }, { modelship_environment: "staging" }, { modelship_environment: "production" }),
      ),
      CONFIGURED,
    );
    assert.deepEqual(wake, { environments: ["staging", "production"], notes: [] });
  });

  it("ignores names modelship.yaml does not configure, with a note that cannot break a log line", () => {
    const wake = readHealthDispatch(
      dispatch(alerts({ modelship_environment: "production" }, { modelship_environment: "prod\n::error::x" })),
      CONFIGURED,
    )!;
    assert.deepEqual(wake.environments, ["production"]);
    assert.equal(wake.notes.length, 1);
    assert.ok(!wake.notes[0]!.includes("\n"), wake.notes[0]);
    assert.match(wake.notes[0]!, /"prod\?::error::x" is not an environment in modelship\.yaml, ignored/);
  });

  it("names none, with a note, when the payload cannot say", () => {
    const cases: [unknown, unknown, RegExp][] = [
      [alerts({ modelship_environment: "production" }), "something-else", /type "something-else" is not modelship-health/],
      ["not an object", "modelship-health", /no client_payload object/],
      [{ version: "4", alerts: "many" }, "modelship-health", /no alerts list/],
      [alerts({ modelship_environment: "nowhere" }), "modelship-health", /no alert names a configured environment/],
      [alerts({ modelship_environment: 7 }), "modelship-health", /without a modelship_environment label/],
      // An unlabelled alert may be about any environment.
      [alerts({ modelship_environment: "production" }, { alertname: "x" }), "modelship-health", /1 alert\(s\) without/],
      [{ alerts: Array.from({ length: 1001 }, () => ({})) }, "modelship-health", /more than 1000 alerts/],
      [{ alerts: [], padding: "x".repeat(70_000) }, "modelship-health", /larger than 65536 bytes/],
    ];
    for (const [payload, action, note] of cases) {
      const wake = readHealthDispatch(dispatch(payload, action), CONFIGURED)!;
      assert.equal(wake.environments, undefined, String(note));
      assert.match(wake.notes.join("; "), note);
      assert.match(wake.notes.at(-1)!, /checking every environment$/);
    }
  });
});
