/**
 * Detectors for personal data in single values: each looks for one kind of identifier anywhere in a
 * text (so a free-text comment that mentions an e-mail address fires too) and checks what can be
 * checked (Luhn for cards, mod-97 for IBANs, the SSA's invalid ranges for SSNs, octet ranges for
 * IPs), so that plain integers, dates, decimals, zip codes and order numbers do not fire.
 *
 * Validation runs a detector once per distinct text, not per row, and every detector starts with a
 * character-count prefilter: a column of ordinary words costs one pass over each distinct text.
 *
 * Known misses (also in docs/privacy.md):
 * - email: addresses with quoted local parts or IP-literal domains (`"a b"@x.org`, `a@[10.0.0.1]`),
 *   internationalised domains written in Unicode, and obfuscated forms (`a at b dot com`).
 * - phone: national numbers written without separators (`5551234567`, indistinguishable from an ID),
 *   numbers with fewer than 10 digits unless written with `+`, extensions (`x123` is ignored, the
 *   number still fires), and national formats other than NANP, UK-style and `0`-trunk groups.
 * - payment_card: numbers whose digits are split otherwise than in groups of 4 (or Amex 4-6-5), and
 *   cards from issuers outside the prefix table below. False positive: a 13–19 digit ID that starts
 *   with a card prefix passes Luhn one time in ten.
 * - iban: countries missing from the length table, IBANs with lowercase letters or separators other
 *   than single spaces between groups of four.
 * - us_ssn: SSNs written without dashes (a bare 9-digit number is as likely an ID), or with spaces.
 * - ip_address: IPv4 with leading zeros in an octet (`010.0.0.1`), IPv6 with a zone (`fe80::1%eth0`)
 *   and the unspecified/loopback shorthands (`::`, `::1`). False positive: a four-part version string
 *   whose parts are all ≤ 255 (`1.2.3.4`) is an address as far as the text goes.
 */

import { isIP } from "node:net";
import { configuredRegexText } from "./regex-safety.ts";

/** The built-in detectors, plus `custom` for a regex configured in the contract. */
export type PiiDetector = "email" | "phone" | "payment_card" | "iban" | "us_ssn" | "ip_address" | "custom";

/** Every detector, in the order they are tried (most specific first: a card is not reported as a phone). */
export const PII_DETECTORS: readonly PiiDetector[] = ["email", "payment_card", "iban", "us_ssn", "ip_address", "phone", "custom"];

/** The built-in detectors (all but `custom`). */
export const BUILTIN_PII_DETECTORS: readonly Exclude<PiiDetector, "custom">[] = [
  "email",
  "payment_card",
  "iban",
  "us_ssn",
  "ip_address",
  "phone",
];

/** Counts of the characters the prefilters look at, taken in one pass. */
interface CharCounts {
  digits: number;
  at: boolean;
  dots: number;
  colons: number;
  dashes: number;
  upper: number;
}

function countChars(text: string): CharCounts {
  let digits = 0;
  let at = false;
  let dots = 0;
  let colons = 0;
  let dashes = 0;
  let upper = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 64) at = true;
    else if (code === 46) dots++;
    else if (code === 58) colons++;
    else if (code === 45) dashes++;
    else if (code >= 65 && code <= 90) upper++;
  }
  return { digits, at, dots, colons, dashes, upper };
}

// --- e-mail ---------------------------------------------------------------------------------------

/** RFC 5322 dot-atom local part and a dotted domain with an alphabetic TLD of two letters or more. */
const EMAIL =
  /(?<![\w.!#$%&'*+/=?^`{|}~-])[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])/;

export function isEmailText(text: string): boolean {
  return EMAIL.test(text);
}

// --- payment cards --------------------------------------------------------------------------------

/**
 * 13–19 digits, contiguous or in groups separated by one space or dash, not inside a longer number
 * or a word (the digits of an IBAN's BBAN are not a card).
 */
const CARD_CANDIDATE = /(?<![\w.,-]|\d )(?:\d{13,19}|\d{4}(?:[ -]\d{2,7}){2,4})(?!\w|[.,-]\d| \d)/g;

/** The Luhn mod-10 check of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer (IIN) prefixes and lengths of the common networks: Visa, Mastercard, Amex, Discover, JCB,
 * Diners Club, UnionPay and Maestro (https://en.wikipedia.org/wiki/Payment_card_number#Issuer_identification_number_(IIN)).
 */
function knownIssuer(digits: string): boolean {
  const length = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return length === 13 || length === 16 || length === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return length === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return length === 15; // Amex
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) {
    return length >= 16 && length <= 19; // Discover
  }
  if (p4 >= 3528 && p4 <= 3589) return length >= 16 && length <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return length >= 14 && length <= 19; // Diners
  if (p2 === 62) return length >= 16 && length <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return length >= 13 && length <= 19; // Maestro
  return false;
}

/** Separators must be consistent and groups card-like: 4-4-4-4(-3), 4-6-5 (Amex) or 4-6-4 (Diners). */
function cardGrouping(candidate: string): boolean {
  const groups = candidate.split(/[ -]/);
  if (groups.length === 1) return true;
  const separators = new Set(candidate.replace(/\d/g, ""));
  if (separators.size !== 1) return false;
  const lengths = groups.map((group) => group.length).join(",");
  return /^4,4,4,4(,[1-4])?$|^4,4,4,[1-4]$|^4,6,[45]$/.test(lengths);
}

export function isPaymentCardText(text: string): boolean {
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (digits.length < 13 || digits.length > 19) continue;
    if (cardGrouping(match[0]) && knownIssuer(digits) && luhnValid(digits)) return true;
  }
  return false;
}

// --- IBAN -----------------------------------------------------------------------------------------

/**
 * IBAN lengths per country, from the SWIFT IBAN registry
 * (https://www.swift.com/standards/data-standards/iban-international-bank-account-number).
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
}; // prettier-ignore

/** Country code, two check digits, then the BBAN contiguous or in space-separated groups of four. */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])/g;

/** ISO 13616 check: move the first four characters to the end, letters to 10..35, remainder mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let index = 0; index < rearranged.length; index++) {
    const code = rearranged.charCodeAt(index);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

export function isIbanText(text: string): boolean {
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const compact = match[0].replace(/ /g, "");
    const expected = IBAN_LENGTHS[compact.slice(0, 2)];
    if (expected !== undefined && compact.length === expected && ibanChecksumValid(compact)) return true;
  }
  return false;
}

// --- US SSN ---------------------------------------------------------------------------------------

const SSN_CANDIDATE = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d]|-\d)/g;

/** The SSA never issues area 000, 666 or 900–999, group 00, or serial 0000 (https://www.ssa.gov/kc/SSAFactSheet--IssuingSSNs.pdf). */
export function isUsSsnText(text: string): boolean {
  for (const match of text.matchAll(SSN_CANDIDATE)) {
    const area = match[1]!;
    if (area === "000" || area === "666" || area[0] === "9") continue;
    if (match[2] === "00" || match[3] === "0000") continue;
    return true;
  }
  return false;
}

// --- IP addresses ---------------------------------------------------------------------------------

/** Four dotted numbers, not part of a longer dotted sequence (`1.2.3.4.5`) or a word (`v1.2.3.4`). */
const IPV4_CANDIDATE = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\w)/g;
/** Hex groups with at least two colons, optionally ending in an embedded IPv4 (`::ffff:1.2.3.4`). */
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?![\w:])/g;

export function isIpAddressText(text: string, counts: CharCounts = countChars(text)): boolean {
  if (counts.dots >= 3) {
    for (const match of text.matchAll(IPV4_CANDIDATE)) if (isIP(match[0]) === 4) return true;
  }
  if (counts.colons >= 2) {
    for (const match of text.matchAll(IPV6_CANDIDATE)) {
      const groups = match[0].split(":").filter((group) => group !== "").length;
      if (groups >= 3 && isIP(match[0]) === 6) return true;
    }
  }
  return false;
}

// --- phone numbers --------------------------------------------------------------------------------

/**
 * `+` and 8–15 digits: compact (E.164), or a country code then groups each after one separator or in
 * parentheses (`+44 20 7946 0958`, `+1 (415) 555-0134`, `+44 (0)20 7946 0958`). Groups need their
 * separators, so a long run of digits is read one way only (no backtracking blow-up).
 */
const INTERNATIONAL_PHONE = /(?<![\w+])\+(?:[1-9]\d{7,14}|[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)\d{0,5}|[ .-]\d{1,5}){1,6})(?!\w|[.-]\d)/g;
/** NANP: `(555) 123-4567`, `555-123-4567`, `555.123.4567`, `1-555-123-4567`. */
const NANP_PHONE = /(?<![\w.+-]|\d[ .-])(?:1[ .-])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}([ .-]))\d{3}[ .-]\d{4}(?!\w|[ .-]\d)/g;
/**
 * Trunk-prefix national numbers in groups: `020 7946 0958`, `06 12 34 56 78`, `0171-1234567`.
 * National formats are not read inside a longer run of digit groups (`… 0532 0130 00` of a spaced IBAN).
 */
const TRUNK_PHONE = /(?<![\w.+-]|\d[ .-])0\d{1,4}(?:[ .-]\d{2,8}){1,4}(?!\w|[ .-]\d)/g;

function digitCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

export function isPhoneText(text: string): boolean {
  if (text.includes("+")) {
    for (const match of text.matchAll(INTERNATIONAL_PHONE)) {
      const digits = digitCount(match[0]);
      // A signed decimal (`+1.234567890`) is a number, not a phone.
      if (digits >= 8 && digits <= 15 && !/^\+\d+\.\d+$/.test(match[0])) return true;
    }
  }
  for (const match of text.matchAll(NANP_PHONE)) {
    // The two separators after the area code must agree (`555-123-4567`, not `555-123.4567`).
    const first = match[1];
    const rest = match[0].slice(-5, -4);
    if (first === undefined || first === rest) return true;
  }
  for (const match of text.matchAll(TRUNK_PHONE)) {
    const digits = digitCount(match[0]);
    if (digits < 10 || digits > 11) continue;
    if (new Set(match[0].replace(/\d/g, "")).size === 1) return true;
  }
  return false;
}

// --- the scan -------------------------------------------------------------------------------------

/** What fired on one value: the detector and, for `custom`, the index of the pattern. */
export interface PiiHit {
  detector: PiiDetector;
  pattern?: number;
}

/**
 * A detector over a chosen set of built-ins and custom patterns. Built-ins are tried in
 * PII_DETECTORS order after their prefilter, then the custom patterns in order.
 */
export function createPiiMatcher(
  detectors: readonly PiiDetector[] = BUILTIN_PII_DETECTORS,
  custom: readonly RegExp[] = [],
): (text: string) => PiiHit | undefined {
  const on = new Set(detectors);
  const email = on.has("email");
  const card = on.has("payment_card");
  const iban = on.has("iban");
  const ssn = on.has("us_ssn");
  const ip = on.has("ip_address");
  const phone = on.has("phone");
  const patterns = custom.map((pattern) =>
    pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) : pattern,
  );
  return (text) => {
    if (text.length >= 6) {
      const counts = countChars(text);
      if (email && counts.at && isEmailText(text)) return { detector: "email" };
      if (card && counts.digits >= 13 && isPaymentCardText(text)) return { detector: "payment_card" };
      if (iban && counts.digits >= 2 && counts.upper >= 2 && text.length >= 15 && isIbanText(text)) return { detector: "iban" };
      if (ssn && counts.digits >= 9 && counts.dashes >= 2 && isUsSsnText(text)) return { detector: "us_ssn" };
      if (ip && (counts.dots >= 3 || counts.colons >= 2) && isIpAddressText(text, counts)) return { detector: "ip_address" };
      if (phone && counts.digits >= 8 && isPhoneText(text)) return { detector: "phone" };
    }
    // Configured regexes backtrack: they see a capped text (regex-safety.ts).
    const capped = patterns.length === 0 ? text : configuredRegexText(text);
    for (let index = 0; index < patterns.length; index++) {
      if (patterns[index]!.test(capped)) return { detector: "custom", pattern: index };
    }
    return undefined;
  };
}

const DEFAULT_MATCHER = createPiiMatcher();

/** The first detector that fires on one value (built-ins, then the custom regexes), or undefined. */
export function detectPii(text: string, custom?: readonly RegExp[]): PiiDetector | undefined {
  if (custom === undefined || custom.length === 0) return DEFAULT_MATCHER(text)?.detector;
  return createPiiMatcher(BUILTIN_PII_DETECTORS, custom)(text)?.detector;
}
