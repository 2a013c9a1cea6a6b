/**
 * Health pushed to us: a `repository_dispatch` (event type `modelship-health`) that an Alertmanager
 * webhook relay sends (docs/self-healing.md, examples/alertmanager-relay/). It only wakes the canary
 * job, which then checks every environment (the alerts' `modelship_environment` labels are logged);
 * the decision still comes from the health checks (Prometheus or the metrics document), never from
 * the payload. The payload is untrusted (anyone with the token the relay holds can send one): its size
 * and types are checked, names it gives are used only when modelship.yaml configures them, and
 * anything else is ignored with a note.
 */

/** The `event_type` the relay sends and the caller workflow listens for. */
export const HEALTH_EVENT_TYPE = "modelship-health";
/** The alert label that names the environment (an Alertmanager label on the alerting rule). */
export const ENVIRONMENT_LABEL = "modelship_environment";
/** GitHub caps `client_payload` well below this; a bigger one is not from our relay. */
const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_ALERTS = 1000;

export interface HealthWake {
  /** The configured environments the alerts name (for the log); undefined when they name none clearly. */
  environments?: string[];
  /** What was ignored and why, for the log. */
  notes: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A name from the payload as it may appear in a log line: printable, short. */
function shown(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return JSON.stringify(clean.length > 64 ? `${clean.slice(0, 64)}…` : clean);
}

/**
 * What a run's event says about which environments to check: undefined for any event but a
 * `repository_dispatch` (a schedule or a manual run checks them all).
 */
export function readHealthDispatch(
  event: { name?: string; payload: Record<string, unknown> },
  configured: readonly string[],
): HealthWake | undefined {
  if (event.name !== "repository_dispatch") return undefined;
  const notes: string[] = [];
  const all = (note: string): HealthWake => ({ notes: [...notes, `${note}; checking every environment`] });
  // GitHub puts the dispatch's event_type in `action`.
  const type = event.payload.action;
  if (type !== HEALTH_EVENT_TYPE)
    return all(`repository_dispatch of type ${typeof type === "string" ? shown(type) : "(none)"} is not ${HEALTH_EVENT_TYPE}`);
  const payload = event.payload.client_payload;
  if (!isObject(payload)) return all("the dispatch has no client_payload object");
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES)
    return all(`the client_payload is larger than ${MAX_PAYLOAD_BYTES} bytes, ignored`);
  const alerts = payload.alerts;
  if (!Array.isArray(alerts)) return all("the client_payload has no alerts list (Alertmanager's webhook body)");
  if (alerts.length > MAX_ALERTS) return all(`the client_payload has more than ${MAX_ALERTS} alerts, ignored`);
  const known = new Set(configured);
  const named = new Set<string>();
  let unlabelled = 0;
  for (const alert of alerts) {
    const labels = isObject(alert) && isObject(alert.labels) ? alert.labels : undefined;
    const name = labels?.[ENVIRONMENT_LABEL];
    if (typeof name !== "string") {
      unlabelled++;
      continue;
    }
    if (known.has(name)) named.add(name);
    else notes.push(`alert label ${ENVIRONMENT_LABEL}=${shown(name)} is not an environment in modelship.yaml, ignored`);
  }
  // An alert that names no environment may concern any of them.
  if (unlabelled > 0) return all(`${unlabelled} alert(s) without a ${ENVIRONMENT_LABEL} label`);
  if (named.size === 0) return all("no alert names a configured environment");
  // In modelship.yaml's order, so runs are reproducible whatever the alerts' order.
  return { environments: configured.filter((name) => named.has(name)), notes };
}
