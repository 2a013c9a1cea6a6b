/**
 * Planted personal data for the PII tests: seeded values whose truth is known (what each really is)
 * beside what the detectors are documented to make of them (src/data/pii/pii-detectors.ts, "Known
 * misses"), plus lookalikes and decoys. Check digits are computed here, independently of the code
 * under test: Luhn by the textbook doubling, IBAN mod-97 with BigInt.
 */
import { mulberry32 } from "../../../../src/common/seeded-random.ts";
import type { PiiDetector } from "../../../../src/data/pii/pii-detectors.ts";

export type Builtin = Exclude<PiiDetector, "custom">;

/** One planted value: what it is (`truth`, undefined for a decoy), what the detectors say (`expect`), and why. */
export interface Planted {
  text: string;
  truth: Builtin | undefined;
  expect: Builtin | undefined;
  category: string;
}

/** The Luhn check digit that makes `payload + digit` pass (double every second digit from the right of the full number). */
export function luhnDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    // The check digit will sit at the right, so the payload's last digit is doubled.
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return String((10 - (sum % 10)) % 10);
}

/** ISO 13616 check digits: 98 − (BBAN + country + "00", letters as 10..35) mod 97. */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = Array.from(`${bban}${country}00`, (char) => char)
    .map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char))
    .join("");
  const check = 98n - (BigInt(numeric) % 97n);
  return check.toString().padStart(2, "0");
}

/** Whether a compact IBAN passes mod-97 (BigInt, for the lookalikes' sake). */
export function ibanValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const numeric = Array.from(rearranged, (char) => char)
    .map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char))
    .join("");
  return BigInt(numeric) % 97n === 1n;
}

function groups(text: string, size: number, separator: string): string {
  return text.match(new RegExp(`.{1,${size}}`, "g"))!.join(separator);
}

/** The planted values: about 40 per category, seeded. */
export function plantedValues(seed = 24): Planted[] {
  const random = mulberry32(seed);
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const digits = (count: number) => Array.from({ length: count }, () => String(int(0, 9))).join("");
  const letters = (count: number) => Array.from({ length: count }, () => String.fromCharCode(65 + int(0, 25))).join("");
  const word = () => letters(int(3, 8)).toLowerCase();
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!;
  const out: Planted[] = [];
  const plant = (count: number, category: string, truth: Builtin | undefined, expect: Builtin | undefined, make: () => string) => {
    for (let i = 0; i < count; i++) out.push({ text: make(), truth, expect, category });
  };

  // e-mail
  plant(20, "email", "email", "email", () => `${word()}.${word()}@${word()}.${pick(["com", "org", "de", "io"])}`);
  plant(10, "email with +tag in a subdomain", "email", "email", () => `${word()}+${word()}@${word()}.${word()}.co.uk`);
  plant(10, "email inside free text", "email", "email", () => `please write to ${word()}@${word()}.net today`);
  plant(5, "email miss: obfuscated", "email", undefined, () => `${word()} at ${word()} dot com`);
  plant(5, "email miss: no dotted domain", "email", undefined, () => `${word()}@localhost`);
  plant(5, "email decoy: handle", undefined, undefined, () => `@${word()}`);
  plant(5, "email decoy: one-letter TLD", undefined, undefined, () => `${word()}@${word()}.c`);

  // phones
  const area = () => `${int(2, 9)}${digits(2)}`;
  plant(10, "phone E.164", "phone", "phone", () => `+1${area()}${digits(7)}`);
  plant(10, "phone +44 grouped", "phone", "phone", () => `+44 20 ${digits(4)} ${digits(4)}`);
  plant(10, "phone NANP (555) 123-4567", "phone", "phone", () => `(${area()}) ${digits(3)}-${digits(4)}`);
  plant(10, "phone NANP 555-123-4567", "phone", "phone", () => `${area()}-${digits(3)}-${digits(4)}`);
  plant(10, "phone UK 020 7946 0958", "phone", "phone", () => `020 ${digits(4)} ${digits(4)}`);
  plant(10, "phone FR 06 12 34 56 78", "phone", "phone", () => `0${int(1, 9)} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`);
  plant(5, "phone miss: national without separators", "phone", undefined, () => `${area()}${digits(7)}`);
  plant(5, "phone miss: 7-digit local number", "phone", undefined, () => `${int(2, 9)}${digits(2)}-${digits(4)}`);

  // payment cards (valid Luhn, known issuers) and lookalikes
  const card = (prefix: string, length: number) => {
    const payload = prefix + digits(length - prefix.length - 1);
    return payload + luhnDigit(payload);
  };
  const visa = () => card("4", 16);
  const mastercard = () => card(String(int(51, 55)), 16);
  const amex = () => card(pick(["34", "37"]), 15);
  const discover = () => card("6011", 16);
  plant(10, "card plain", "payment_card", "payment_card", () => pick([visa, mastercard, discover, amex])());
  plant(10, "card 4-4-4-4 spaced", "payment_card", "payment_card", () => groups(pick([visa, mastercard, discover])(), 4, " "));
  plant(10, "card 4-4-4-4 dashed", "payment_card", "payment_card", () => groups(pick([visa, mastercard, discover])(), 4, "-"));
  plant(5, "card Amex 4-6-5", "payment_card", "payment_card", () => {
    const number = amex();
    return `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`;
  });
  plant(10, "card lookalike: Luhn fails", undefined, undefined, () => {
    const number = pick([visa, mastercard, discover])();
    const last = (Number(number.at(-1)) + int(1, 9)) % 10;
    return groups(number.slice(0, -1) + String(last), 4, pick([" ", "-", ""]));
  });
  plant(5, "card lookalike: Luhn passes, no issuer starts with 1", undefined, undefined, () => card("1", 16));
  plant(3, "card false positive: a 16-digit order id that starts with 4 and passes Luhn", undefined, "payment_card", visa);

  // IBANs
  const iban = (country: string, bban: string) => `${country}${ibanCheckDigits(country, bban)}${bban}`;
  const de = () => iban("DE", digits(18));
  const gb = () => iban("GB", letters(4) + digits(14));
  const nl = () => iban("NL", letters(4) + digits(10));
  const fr = () => iban("FR", digits(10) + letters(3) + digits(8) + digits(2));
  plant(12, "iban compact", "iban", "iban", () => pick([de, gb, nl, fr])());
  plant(12, "iban in groups of four", "iban", "iban", () => groups(pick([de, gb, nl, fr])(), 4, " "));
  plant(8, "iban lookalike: wrong check digits", undefined, undefined, () => {
    const valid = pick([de, gb, nl, fr])();
    const check = Number(valid.slice(2, 4));
    const wrong = String(check >= 98 ? check - 1 : check + 1).padStart(2, "0");
    return groups(valid.slice(0, 2) + wrong + valid.slice(4), 4, pick(["", " "]));
  });
  plant(5, "iban lookalike: mod-97 passes, length wrong for DE", undefined, undefined, () => iban("DE", digits(17)));
  plant(4, "iban miss: lowercase", "iban", undefined, () => pick([de, gb, nl])().toLowerCase());

  // US SSNs
  const ssnArea = () => {
    let value = int(1, 899);
    while (value === 666) value = int(1, 899);
    return String(value).padStart(3, "0");
  };
  const ssnGroup = () => String(int(1, 99)).padStart(2, "0");
  const ssnSerial = () => String(int(1, 9999)).padStart(4, "0");
  plant(20, "ssn", "us_ssn", "us_ssn", () => `${ssnArea()}-${ssnGroup()}-${ssnSerial()}`);
  plant(4, "ssn invalid: area 000", undefined, undefined, () => `000-${ssnGroup()}-${ssnSerial()}`);
  plant(4, "ssn invalid: area 666", undefined, undefined, () => `666-${ssnGroup()}-${ssnSerial()}`);
  plant(4, "ssn invalid: area 9xx", undefined, undefined, () => `9${digits(2)}-${ssnGroup()}-${ssnSerial()}`);
  plant(4, "ssn invalid: group 00", undefined, undefined, () => `${ssnArea()}-00-${ssnSerial()}`);
  plant(4, "ssn invalid: serial 0000", undefined, undefined, () => `${ssnArea()}-${ssnGroup()}-0000`);
  plant(4, "ssn miss: no dashes", "us_ssn", undefined, () => `${ssnArea()}${ssnGroup()}${ssnSerial()}`);

  // IP addresses
  const octet = () => String(int(0, 255));
  const hex = () => int(1, 0xffff).toString(16);
  plant(15, "ipv4", "ip_address", "ip_address", () => `${int(1, 223)}.${octet()}.${octet()}.${octet()}`);
  plant(5, "ipv4 inside free text", "ip_address", "ip_address", () => `login from 10.${octet()}.${octet()}.${octet()} failed`);
  plant(8, "ipv6 full", "ip_address", "ip_address", () => Array.from({ length: 8 }, hex).join(":"));
  plant(7, "ipv6 compressed", "ip_address", "ip_address", () => `2001:db8::${hex()}:${hex()}`);
  plant(4, "ip lookalike: octet above 255", undefined, undefined, () => `${int(256, 999)}.${octet()}.${octet()}.${octet()}`);
  plant(
    4,
    "ip lookalike: five-part version",
    undefined,
    undefined,
    () => `${int(1, 9)}.${int(0, 9)}.${int(0, 9)}.${int(0, 9)}.${int(0, 9)}`,
  );
  plant(4, "ip lookalike: v-prefixed version", undefined, undefined, () => `v${int(1, 9)}.${int(0, 9)}.${int(0, 9)}.${int(0, 9)}`);
  plant(4, "ip lookalike: time of day", undefined, undefined, () => `${int(10, 23)}:${int(10, 59)}:${int(10, 59)}`);
  plant(4, "ip lookalike: MAC address", undefined, undefined, () => Array.from({ length: 6 }, () => int(16, 255).toString(16)).join(":"));
  plant(
    3,
    "ip false positive: a four-part version string",
    undefined,
    "ip_address",
    () => `${int(1, 9)}.${int(0, 9)}.${int(0, 9)}.${int(1, 9)}`,
  );
  plant(3, "ip miss: leading zeros", "ip_address", undefined, () => `010.0${int(10, 99)}.001.0${int(10, 99)}`);
  plant(2, "ip miss: loopback shorthand", "ip_address", undefined, () => "::1");

  // Decoys that must not fire
  plant(
    10,
    "decoy: ISO date",
    undefined,
    undefined,
    () => `20${int(10, 29)}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`,
  );
  plant(
    5,
    "decoy: date-time",
    undefined,
    undefined,
    () => `2024-0${int(1, 9)}-1${int(0, 9)}T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z`,
  );
  plant(5, "decoy: European date", undefined, undefined, () => `${int(10, 28)}/${String(int(1, 12)).padStart(2, "0")}/20${int(10, 29)}`);
  plant(10, "decoy: decimal", undefined, undefined, () => `${pick(["", "-"])}${int(0, 99999)}.${digits(int(1, 12))}`);
  plant(5, "decoy: zip code", undefined, undefined, () => (random() < 0.5 ? digits(5) : `${digits(5)}-${digits(4)}`));
  plant(10, "decoy: order number", undefined, undefined, () => `ORD-20${int(10, 29)}-${digits(6)}`);
  plant(5, "decoy: 10-digit integer", undefined, undefined, () => `${int(1, 9)}${digits(9)}`);
  plant(5, "decoy: epoch milliseconds", undefined, undefined, () => `17${digits(11)}`);
  plant(5, "decoy: price", undefined, undefined, () => `$${int(1, 999)},${digits(3)}.${digits(2)}`);
  plant(5, "decoy: UUID", undefined, undefined, () =>
    [8, 4, 4, 4, 12].map((length) => Array.from({ length }, () => int(0, 15).toString(16)).join("")).join("-"),
  );
  plant(5, "decoy: words", undefined, undefined, () => `${word()} ${word()} ${word()}`);
  return out;
}
