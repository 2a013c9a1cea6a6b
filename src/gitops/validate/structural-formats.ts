/**
 * The string formats kube-apiserver checks in custom resources (apiextensions-apiserver
 * `pkg/apiserver/validation/formats.go` names them; kube-openapi `pkg/validation/strfmt` checks them).
 * Integer and number formats (int32, int64, float, double) are kept by the apiserver but never
 * range-checked: kube-openapi's type validator accepts any integer for `type: integer`.
 */
import { isIPv4, isIPv6 } from "node:net";

const DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DATE_TIME_CLOCK = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const LOOSE_DURATION = /(\d+)\s*([A-Za-zµ]+)/g;
const DURATION_UNITS = [
  ["ns", "nano"],
  ["us", "µs", "micro"],
  ["ms", "milli"],
  ["s", "sec"],
  ["m", "min"],
  ["h", "hr", "hour"],
  ["d", "day"],
  ["w", "wk", "week"],
];

/** `YYYY-MM-DD` naming a real day (Go's time.Parse with RFC 3339 full-date). */
function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** strfmt.IsDateTime: a date, `t`, and a clock with a zone, case-insensitively. */
function isDateTime(text: string): boolean {
  if (text.length < 4) return false;
  const parts = text.toLowerCase().split("t");
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const clock = DATE_TIME_CLOCK.exec(parts[1]!);
  return clock !== null && clock[1]! <= "23" && clock[2]! <= "59" && clock[3]! <= "59";
}

/** strfmt.ParseDuration: Go's time.ParseDuration, or any `<n> <unit>` run with units up to weeks. */
function isDuration(text: string): boolean {
  if (text === "0" || GO_DURATION.test(text)) return true;
  let ok = false;
  for (const match of text.matchAll(LOOSE_DURATION)) {
    const unit = match[2]!.toLowerCase();
    ok ||= DURATION_UNITS.some((variants) =>
      variants.some((variant, i) => variant === unit || (i === variants.length - 1 && unit.startsWith(variant))),
    );
  }
  return ok;
}

function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split("/");
  if (address === undefined || bits === undefined || rest.length > 0 || !/^\d{1,3}$/.test(bits)) return false;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  return Number(bits) <= max;
}

/** The checks by the apiserver's format name (dashes removed, as go-openapi normalises them). */
const CHECKS: Record<string, (text: string) => boolean> = {
  datetime: isDateTime,
  date: isDate,
  byte: (text) => BASE64.test(text),
  duration: isDuration,
  password: () => true,
  ipv4: (text) => isIPv4(text),
  ipv6: (text) => isIPv6(text),
  cidr: isCidr,
  mac: (text) => /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(text) || /^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/.test(text),
  uuid: (text) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text),
  uuid3: (text) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text),
  uuid4: (text) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(text),
  uuid5: (text) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(text),
  hexcolor: (text) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(text),
  bsonobjectid: (text) => /^[0-9a-fA-F]{24}$/.test(text),
  ssn: (text) => /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(text),
  k8sshortname: (text) => text.length <= 63 && new RegExp(`^${DNS_LABEL}$`).test(text),
  k8slongname: (text) => text.length <= 253 && new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`).test(text),
};

/**
 * Whether `text` has string format `format`: `undefined` when this validator does not check the
 * format (the apiserver ignores unknown formats; email, uri, hostname, isbn, creditcard and rgbcolor
 * it checks and we do not: docs/manifest-validation.md).
 */
export function matchesFormat(format: string, text: string): boolean | undefined {
  const check = CHECKS[format.replaceAll("-", "")];
  return check === undefined ? undefined : check(text);
}
