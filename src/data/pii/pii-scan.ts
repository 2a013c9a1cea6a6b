/**
 * The personal-data checks on one contract column (docs/privacy.md#pii-detection): `pii: forbid`,
 * `pii: hashed`, `forbid_patterns`, and the scan of columns without a `pii` setting.
 *
 * `classify` is a function of one text, so validation works it out once per distinct text (the
 * fast CSV path caches it in the prepared cell; the readers' path through a bounded memo here).
 * The findings keep counts and line numbers only: no value ever reaches the report.
 */
import type { ColumnContract, DataContract, HashFormat, PiiScanSettings, Severity } from "../contract/contract-types.ts";
import type { CheckExample, CheckResult, PiiFinding } from "../validate/validation-report-types.ts";
import { BUILTIN_PII_DETECTORS, createPiiMatcher, type PiiDetector } from "./pii-detectors.ts";
import { configuredRegexText } from "./regex-safety.ts";

/** The scan when a contract has no `pii:` block: every built-in detector on every text column. */
export const DEFAULT_PII_SCAN: PiiScanSettings = {
  scan: true,
  detectors: [...BUILTIN_PII_DETECTORS],
  patterns: [],
  minShare: 0,
  severity: "warning",
};

/** The contract's scan settings, defaulted. */
export function piiSettingsOf(contract: Pick<DataContract, "pii">): PiiScanSettings {
  return contract.pii ?? DEFAULT_PII_SCAN;
}

/** What one text means for the column's PII checks; `hit` and `forbidden` are indices, -1 for none. */
export interface PiiOutcome {
  hit: number;
  notHashed: boolean;
  forbidden: number;
}

/** The fewest characters of an integer the scan reads: an SSN has 9 digits, a card 13 to 19. */
export const IDENTIFIER_DIGITS = 9;

/** The outcome of a text nothing fired on: validation skips `add` for it (the common case costs one comparison a row). */
export const PII_CLEAN: PiiOutcome = Object.freeze({ hit: -1, notHashed: false, forbidden: -1 });

/** Distinct texts the readers' path remembers before starting over (memory bound). */
const MEMO_LIMIT = 65536;

/** Lines kept per finding in the report. */
const MAX_LINES = 10;

/** What each detector finds, for the example messages. */
const DETECTOR_NOUNS: Record<PiiDetector, string> = {
  email: "an e-mail address",
  phone: "a phone number",
  payment_card: "a payment card number",
  iban: "an IBAN",
  us_ssn: "a US social security number",
  ip_address: "an IP address",
  custom: "a configured pattern",
};

/** Common digest lengths in hex characters: MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512. */
const HEX_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
/** Modular crypt format: `$id$param$…$digest` (bcrypt `$2b$12$…`, `$argon2id$v=19$m=…$salt$hash`, `$6$salt$hash`, `$scrypt$…`). */
const MODULAR_CRYPT = /^\$[a-z0-9-]{1,32}(?:\$[A-Za-z0-9./+=,_-]+){2,}$/;
/** `algorithm$[iterations$]salt$digest` (Django `pbkdf2_sha256$600000$…`, `sha256$salt$hex`, Werkzeug `pbkdf2:sha256:600000$…`). */
const DJANGO_STYLE = /^[a-z][a-z0-9_:-]{1,40}(?:\$\d+)?\$[A-Za-z0-9./+=_-]+\$[A-Za-z0-9./+=_-]+$/;

/** Whether a text looks like the declared hash format. */
export function matchesHashFormat(text: string, format: HashFormat): boolean {
  switch (format.format) {
    case "hex":
      return HEX.test(text) && (format.length === undefined ? HEX_LENGTHS.has(text.length) : text.length === format.length);
    case "base64":
      return BASE64.test(text) && (format.length === undefined ? text.length >= 22 : text.length === format.length);
    case "salted": {
      if (!MODULAR_CRYPT.test(text) && !DJANGO_STYLE.test(text)) return false;
      // The last part is the digest: at least 16 characters, so `a$b$c` is not a hash.
      return text.length - text.lastIndexOf("$") - 1 >= 16;
    }
  }
}

/** The hash format in words, for messages and thresholds. */
export function describeHashFormat(format: HashFormat): string {
  if (format.format === "salted") return "a salted hash";
  const length =
    format.length === undefined ? (format.format === "hex" ? "32–128 characters" : "22+ characters") : `${format.length} characters`;
  return `${format.format}, ${length}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

function linesText(lines: readonly number[], count: number): string {
  if (lines.length === 0) return "";
  const more = count > lines.length ? ", …" : "";
  return ` (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}${more})`;
}

/** Counts and first lines of one detector (or pattern). */
interface Finding {
  detector: PiiDetector;
  pattern?: string;
  count: number;
  lines: number[];
}

/** Builds a check result; validate-column.ts passes its own builder (same ids, statuses, shares). */
export type MakeCheck = (
  check: string,
  severity: Severity,
  threshold: string | undefined,
  tally: { failing: number; total: number; examples: CheckExample[] },
  failed: boolean,
  message: string,
) => CheckResult;

/** The PII checks of one column of one file. */
export class PiiColumnScan {
  readonly #column: ColumnContract;
  readonly #path: string;
  readonly #maxExamples: number;
  readonly #settings: PiiScanSettings;
  /** `forbid` or the scan of a column without `pii`; undefined: no detectors run. */
  readonly #detect: ((text: string) => { detector: PiiDetector; pattern?: number } | undefined) | undefined;
  readonly #labels: Finding[] = [];
  readonly #labelIndex = new Map<string, number>();
  readonly #hashed: HashFormat | undefined;
  readonly #forbid: RegExp[];
  readonly #forbidFindings: Finding[];
  readonly #memo = new Map<string, PiiOutcome>();
  /** Texts shorter than this are not given to the detectors (0: all; IDENTIFIER_DIGITS for an integer column). */
  readonly #detectMinLength: number;
  #hits = 0;
  #hitExamples: CheckExample[] = [];
  #notHashed = 0;
  #hashExamples: CheckExample[] = [];
  #forbidden = 0;
  #forbidExamples: CheckExample[] = [];

  /** The scan for `column`, or undefined when it has no PII check to run. */
  static for(options: { column: ColumnContract; settings: PiiScanSettings; path: string; maxExamples: number }): PiiColumnScan | undefined {
    const { column, settings } = options;
    const textual = column.type === "string" || column.type === "categorical";
    // An integer column may hold identifiers written as digits (a card, 4111111111111111): the scan
    // reads its values of IDENTIFIER_DIGITS or more characters. Number, boolean and date columns are not scanned.
    const integers = column.pii === undefined && settings.scan && column.type === "integer";
    const detects = column.pii === "forbid" || (column.pii === undefined && settings.scan && textual) || integers;
    if (!detects && column.pii !== "hashed" && column.forbidPatterns.length === 0) return undefined;
    return new PiiColumnScan(options, detects, integers ? IDENTIFIER_DIGITS : 0);
  }

  private constructor(
    options: { column: ColumnContract; settings: PiiScanSettings; path: string; maxExamples: number },
    detects: boolean,
    detectMinLength: number,
  ) {
    this.#detectMinLength = detectMinLength;
    this.#column = options.column;
    this.#path = options.path;
    this.#maxExamples = options.maxExamples;
    this.#settings = options.settings;
    if (detects) {
      const custom = options.settings.patterns.map((pattern) => new RegExp(pattern.regex, "u"));
      this.#detect = createPiiMatcher(options.settings.detectors, custom);
    }
    this.#hashed = options.column.pii === "hashed" ? (options.column.hashed ?? { format: "hex" }) : undefined;
    this.#forbid = options.column.forbidPatterns.map((regex) => new RegExp(regex, "u"));
    this.#forbidFindings = options.column.forbidPatterns.map((regex) => ({
      detector: "custom",
      pattern: `/${regex}/`,
      count: 0,
      lines: [],
    }));
  }

  /**
   * False when only values of IDENTIFIER_DIGITS or more characters need `classify` (the scan of an
   * integer column with no other PII check), so the fast path need not spell out shorter numbers.
   */
  get everyValue(): boolean {
    return this.#detectMinLength === 0 || this.#forbid.length > 0;
  }

  /** What one text means for this column's checks (a function of the text alone). */
  classify(text: string): PiiOutcome {
    const memo = this.#memo;
    const known = memo.get(text);
    if (known !== undefined) return known;
    let hit = -1;
    const found = text.length >= this.#detectMinLength ? this.#detect?.(text) : undefined;
    if (found !== undefined) hit = this.#label(found.detector, found.pattern);
    const notHashed = this.#hashed !== undefined && !matchesHashFormat(text, this.#hashed);
    let forbidden = -1;
    // Configured regexes backtrack: they see a capped text (regex-safety.ts).
    const capped = this.#forbid.length === 0 ? text : configuredRegexText(text);
    for (let index = 0; index < this.#forbid.length; index++) {
      if (this.#forbid[index]!.test(capped)) {
        forbidden = index;
        break;
      }
    }
    const outcome = hit === -1 && !notHashed && forbidden === -1 ? PII_CLEAN : { hit, notHashed, forbidden };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, outcome);
    return outcome;
  }

  #label(detector: PiiDetector, pattern: number | undefined): number {
    const name = pattern === undefined ? undefined : this.#settings.patterns[pattern]!.name;
    const key = name === undefined ? detector : `${detector}:${name}`;
    let index = this.#labelIndex.get(key);
    if (index === undefined) {
      index = this.#labels.length;
      this.#labels.push({ detector, ...(name === undefined ? {} : { pattern: name }), count: 0, lines: [] });
      this.#labelIndex.set(key, index);
    }
    return index;
  }

  /** Counts one non-null value something fired on (callers skip PII_CLEAN; `finish` gets the total). */
  add(outcome: PiiOutcome, line: number | undefined): void {
    if (outcome === PII_CLEAN) return;
    if (outcome.hit >= 0) {
      this.#hits++;
      const finding = this.#labels[outcome.hit]!;
      record(finding, line);
      if (this.#hitExamples.length < this.#maxExamples)
        this.#hitExamples.push({ file: this.#path, line, message: `a value looks like ${noun(finding)}` });
    }
    if (outcome.notHashed) {
      this.#notHashed++;
      if (this.#hashExamples.length < this.#maxExamples)
        this.#hashExamples.push({ file: this.#path, line, message: `a value is not ${describeHashFormat(this.#hashed!)}` });
    }
    if (outcome.forbidden >= 0) {
      this.#forbidden++;
      const finding = this.#forbidFindings[outcome.forbidden]!;
      record(finding, line);
      if (this.#forbidExamples.length < this.#maxExamples)
        this.#forbidExamples.push({ file: this.#path, line, message: `a value matches the forbidden pattern ${finding.pattern!}` });
    }
  }

  /** Whether any check kept fewer examples than it had failures. */
  get truncated(): boolean {
    return (
      this.#hits > this.#hitExamples.length || this.#notHashed > this.#hashExamples.length || this.#forbidden > this.#forbidExamples.length
    );
  }

  /** The column's PII check results over its `total` non-null values; `make` builds each (ids `column.NAME.CHECK`). */
  finish(total: number, make: MakeCheck): CheckResult[] {
    const column = this.#column;
    const results: CheckResult[] = [];
    const withFindings = (result: CheckResult, findings: Finding[]): CheckResult => {
      const used = findings.filter((finding) => finding.count > 0);
      const shown: PiiFinding[] = used.map((finding) => ({
        detector: finding.detector,
        ...(finding.pattern === undefined ? {} : { pattern: finding.pattern }),
        count: finding.count,
        share: total === 0 ? 0 : finding.count / total,
        lines: finding.lines,
      }));
      result.pii = { findings: shown };
      return result;
    };
    const summary = (findings: Finding[]) =>
      findings
        .filter((finding) => finding.count > 0)
        .map((finding) => `${describe(finding)}: ${finding.count.toLocaleString("en-US")}${linesText(finding.lines, finding.count)}`)
        .join("; ");
    if (this.#detect !== undefined && column.pii === "forbid") {
      const failing = this.#hits;
      results.push(
        withFindings(
          make(
            "pii",
            column.severity,
            "no personal data",
            { failing, total, examples: this.#hitExamples },
            failing > 0,
            failing > 0
              ? `${plural(failing, "value")} ${failing === 1 ? "looks" : "look"} like personal data: ${summary(this.#labels)}`
              : `no personal data found in ${plural(total, "value")}`,
          ),
          this.#labels,
        ),
      );
    } else if (this.#detect !== undefined && this.#hits > 0 && this.#hits / total > this.#settings.minShare) {
      // A column without `pii`: reported only when something fired, as a warning by default.
      const share = this.#hits / total;
      results.push(
        withFindings(
          make(
            "pii_scan",
            this.#settings.severity,
            this.#settings.minShare > 0 ? `≤ ${this.#settings.minShare}` : "no detections",
            { failing: this.#hits, total, examples: this.#hitExamples },
            true,
            `${plural(this.#hits, "value")} (${(share * 100).toFixed(2)}%) ${this.#hits === 1 ? "looks" : "look"} like personal data: ${summary(this.#labels)}; ` +
              `set pii: forbid, hashed or allow on column "${column.name}" in the contract`,
          ),
          this.#labels,
        ),
      );
    }
    if (this.#hashed !== undefined) {
      const failing = this.#notHashed;
      const format = describeHashFormat(this.#hashed);
      results.push(
        make(
          "hashed",
          column.severity,
          format,
          { failing, total, examples: this.#hashExamples },
          failing > 0,
          failing > 0
            ? `${plural(failing, "value")} ${failing === 1 ? "is" : "are"} not ${format}${linesText(
                this.#hashExamples.map((example) => example.line).filter((line) => line !== undefined),
                failing,
              )}`
            : `all ${plural(total, "value")} are ${format}`,
        ),
      );
    }
    if (this.#forbid.length > 0) {
      const failing = this.#forbidden;
      results.push(
        withFindings(
          make(
            "forbid_patterns",
            column.severity,
            `none of ${column.forbidPatterns.map((regex) => `/${regex}/`).join(", ")}`,
            { failing, total, examples: this.#forbidExamples },
            failing > 0,
            failing > 0
              ? `${plural(failing, "value")} ${failing === 1 ? "matches" : "match"} a forbidden pattern: ${summary(this.#forbidFindings)}`
              : `no value matches a forbidden pattern`,
          ),
          this.#forbidFindings,
        ),
      );
    }
    return results;
  }
}

function record(finding: Finding, line: number | undefined): void {
  finding.count++;
  if (line !== undefined && finding.lines.length < MAX_LINES) finding.lines.push(line);
}

/** A finding's name in summaries: the detector, or `pattern NAME`. */
function describe(finding: Finding): string {
  return finding.detector === "custom" ? `pattern ${finding.pattern!}` : finding.detector;
}

function noun(finding: Finding): string {
  return finding.detector === "custom" ? `pattern ${finding.pattern!}` : `${DETECTOR_NOUNS[finding.detector]} (${finding.detector})`;
}
