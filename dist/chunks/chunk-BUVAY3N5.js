import { createRequire as __modelshipCreateRequire } from "node:module";
const require = __modelshipCreateRequire(import.meta.url);
import {
  diffContracts,
  renderContractDiffMarkdown
} from "./chunk-DUVNE2TN.js";
import {
  checkOutputFolder
} from "./chunk-AZJWTHTA.js";
import {
  threadCount
} from "./chunk-MAHMYA47.js";
import {
  loadContract,
  parseContract,
  readOptionsFor
} from "./chunk-WC5L3K5J.js";
import {
  gitOutput
} from "./chunk-FBLJ2B7Y.js";
import {
  loadStageConfig
} from "./chunk-RCYMTRN5.js";
import {
  OutputSet
} from "./chunk-L4AE6QMJ.js";
import {
  redactValidationReport
} from "./chunk-7VUA2BAW.js";
import {
  redactorFor
} from "./chunk-GKGV24WD.js";
import {
  failsOn
} from "./chunk-GKTFBMQJ.js";
import {
  DEFAULT_CONFIG_FILE,
  pick,
  requireSetting
} from "./chunk-YVAZ7I5R.js";
import {
  assertWritable
} from "./chunk-RGJ5T3QL.js";
import {
  ColumnValidator,
  ColumnWorkers,
  FastColumnFeed,
  Tally,
  WorkerBadInput,
  checkResult,
  fastValidateRefusal,
  isFastCsvSource,
  mixWords,
  openFastCsv,
  policySeverity,
  setWords,
  wordsOf
} from "./chunk-TRMWJGGS.js";
import {
  Hash64,
  HashTable64,
  MAX_EXACT_DISTINCT,
  RepeatCounter,
  TextHashCache
} from "./chunk-FBC54HEI.js";
import {
  code,
  details,
  escapeMarkdown,
  formatNumber,
  formatPercent,
  sections,
  statusIcon,
  table
} from "./chunk-HFKEWQQZ.js";
import {
  checkHeaderDelimiter
} from "./chunk-ROYMXGRN.js";
import {
  BATCH,
  openTable
} from "./chunk-WP7KJD34.js";
import {
  UserError
} from "./chunk-SU4BFKON.js";

// src/stages/validate-stage.ts
import { join } from "node:path";

// src/data/validate/validation-markdown.ts
function checkName(check, several) {
  const name = check.column === void 0 ? code(check.check) : `${code(check.column)} ${escapeMarkdown(check.check)}`;
  return several ? `${escapeMarkdown(check.dataset)}: ${name}` : name;
}
function failingCell(check) {
  if (check.total === 0) return formatNumber(check.failing);
  return `${formatNumber(check.failing)} / ${formatNumber(check.total)} (${formatPercent(check.share ?? check.failing / check.total, 2)})`;
}
function examplesBlock(checks) {
  const withExamples = checks.filter((check) => check.examples.length > 0);
  if (withExamples.length === 0) return void 0;
  const lines = [];
  for (const check of withExamples) {
    lines.push(
      `**${check.column === void 0 ? escapeMarkdown(check.check) : `${escapeMarkdown(check.column)} \xB7 ${escapeMarkdown(check.check)}`}**`,
      ""
    );
    for (const example of check.examples) {
      const where = example.line === void 0 ? example.file : `${example.file}:${example.line}`;
      lines.push(`- ${code(where)} ${escapeMarkdown(example.message)}`);
    }
    if (check.failing > check.examples.length) lines.push(`- \u2026 ${formatNumber(check.failing - check.examples.length)} more`);
    lines.push("");
  }
  return details(
    `First failing values (${withExamples.length} check${withExamples.length === 1 ? "" : "s"})`,
    lines.join("\n").trim(),
    true
  );
}
function kAnonymityBlock(checks, several) {
  const blocks = checks.flatMap((check) => {
    const detail = check.kAnonymity;
    if (detail === void 0 || detail.rows === 0) return [];
    const names = (columns) => columns.map(code).join(", ");
    const row = (label, figures) => [
      label,
      formatNumber(figures.classes),
      formatNumber(figures.smallestClass),
      formatNumber(figures.classesBelowK),
      `${formatNumber(figures.rowsAtRisk)} (${formatPercent(figures.shareAtRisk, 2)})${figures.exact ? "" : " \u2264"}`
    ];
    const rows = [
      row(`all: ${names(detail.quasiIdentifiers)}`, detail),
      ...detail.dropped.map(
        (entry) => row(`without ${code(entry.column)}${entry.column === detail.hurtsMost ? " (hurts most)" : ""}`, entry)
      ),
      ...(detail.subsets ?? []).filter((entry) => entry.columns.length < detail.quasiIdentifiers.length - 1).sort((a, b) => a.columns.length - b.columns.length).map((entry) => row(`only ${names(entry.columns)}`, entry))
    ];
    const title = `k-anonymity${several ? ` of ${escapeMarkdown(check.dataset)}` : ""} (k = ${detail.k}, ${formatNumber(detail.rows)} rows)`;
    const notes = [
      `Rows at risk are in equivalence classes smaller than k (rows sharing one combination of the quasi-identifiers' values).`,
      detail.exact ? void 0 : `Past the cap on classes the rows at risk are an upper bound (\u2264) and the classes a lower bound.`,
      detail.dropToPass === void 0 ? void 0 : `The fewest to drop (or generalise) to pass: ${detail.dropToPass.map(code).join(", ")}.`
    ].filter((note) => note !== void 0);
    return [
      details(
        title,
        `${table(["quasi-identifiers", "classes", "smallest class", "classes < k", "rows at risk"], rows, {
          align: ["left", "right", "right", "right", "right"]
        })}

_${notes.join(" ")}_`,
        check.status === "fail" || check.status === "warn"
      )
    ];
  });
  return blocks.length === 0 ? void 0 : blocks.join("\n\n");
}
function piiBlock(checks, several) {
  const rows = checks.flatMap(
    (check) => (check.pii?.findings ?? []).map((finding) => [
      statusIcon(check.status),
      checkName(check, several),
      finding.pattern === void 0 ? code(finding.detector) : `${code(finding.detector)} ${code(finding.pattern)}`,
      formatNumber(finding.count),
      formatPercent(finding.share, 2),
      `${finding.lines.join(", ")}${finding.count > finding.lines.length ? ", \u2026" : ""}`
    ])
  );
  if (rows.length === 0) return void 0;
  return details(
    `Personal data found (${rows.length} detector${rows.length === 1 ? "" : "s"} fired)`,
    `${table(["", "check", "detector", "values", "share", "first lines"], rows, { align: ["center", "left", "left", "right", "right", "left"] })}

_Values are never shown. Mark each column \`pii: forbid\`, \`hashed\` or \`allow\` in the contract; see docs/privacy.md._`,
    true
  );
}
function renderValidationMarkdown(report, options = {}) {
  const hashes = "#".repeat(options.headingLevel ?? 3);
  const { summary } = report;
  const several = report.datasets.length > 1;
  const verdict = report.passed ? `${statusIcon(summary.warnings > 0 ? "warn" : "pass")} **Data validation passed**${summary.warnings > 0 ? ` with ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}` : `${statusIcon("fail")} **Data validation failed**: ${summary.errors} error${summary.errors === 1 ? "" : "s"}${summary.warnings > 0 ? `, ${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}` : ""}`;
  const datasets = table(
    ["dataset", "file", "format", "rows", "columns", "sha256"],
    report.datasets.map((dataset) => [
      escapeMarkdown(dataset.label),
      code(dataset.path),
      dataset.format,
      formatNumber(dataset.rows),
      formatNumber(dataset.columns.length),
      code(dataset.sha256.slice(0, 12))
    ]),
    { align: ["left", "left", "left", "right", "right", "left"] }
  );
  const problems = report.checks.filter((check) => check.status === "fail" || check.status === "warn");
  const passing = report.checks.filter((check) => check.status === "pass" || check.status === "skip");
  const problemTable = problems.length === 0 ? void 0 : table(
    ["", "check", "failing", "threshold", "what is wrong"],
    problems.map((check) => [
      statusIcon(check.status),
      checkName(check, several),
      failingCell(check),
      check.threshold === void 0 ? "" : escapeMarkdown(check.threshold),
      escapeMarkdown(check.message)
    ]),
    { align: ["center", "left", "right", "left", "left"], maxRows: 100 }
  );
  const passingTable = passing.length === 0 ? void 0 : details(
    `${passing.length} check${passing.length === 1 ? "" : "s"} passed or skipped`,
    table(
      ["", "check", "checked", "threshold"],
      passing.map((check) => [
        statusIcon(check.status),
        checkName(check, several),
        formatNumber(check.total),
        check.threshold === void 0 ? "" : escapeMarkdown(check.threshold)
      ]),
      { align: ["center", "left", "right", "left"], maxRows: 300 }
    )
  );
  const footer = [
    `Contract ${code(report.contract.path)} (${code(report.contract.sha256.slice(0, 12))})`,
    options.reportPath === void 0 ? void 0 : `full report ${code(options.reportPath)}`,
    options.runUrl === void 0 ? void 0 : `[workflow run](${options.runUrl})`,
    `modelship ${report.tool.version}`
  ].filter((part) => part !== void 0).join(" \xB7 ");
  return sections(
    `${hashes} Data validation`,
    verdict,
    datasets,
    problemTable,
    examplesBlock(problems.filter((check) => check.pii === void 0)),
    piiBlock(problems, several),
    kAnonymityBlock(report.checks, several),
    report.truncated ? `_Examples were capped; the JSON report lists every check._` : void 0,
    options.contractDiff === void 0 ? void 0 : `${hashes}# Contract changes

${options.contractDiff}`,
    passingTable,
    `<sub>${footer}</sub>`
  );
}

// schemas/validation-report.schema.json
var validation_report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://modelship.dev/schemas/validation-report.schema.json",
  title: "modelship validation report",
  description: "The result of checking data files against a data contract, written by `modelship validate` and the validate-data action as validation-report.json (its markdown rendering sits beside it).",
  type: "object",
  additionalProperties: false,
  required: ["schema", "tool", "created", "contract", "datasets", "passed", "summary", "checks", "truncated"],
  $defs: {
    count: { description: "A count.", type: "integer", minimum: 0 },
    example: {
      description: "One failing value, with where it is.",
      type: "object",
      additionalProperties: false,
      required: ["file", "message"],
      properties: {
        file: { description: "The data file, as given.", type: "string" },
        line: {
          description: "1-based line in the file where the row starts (the row number for Parquet).",
          type: "integer",
          minimum: 1
        },
        value: { description: "The offending value as text, shortened to 200 characters.", type: "string" },
        message: { description: 'Why this value fails, e.g. `"abc" is not an integer`.', type: "string" }
      }
    },
    check: {
      description: "The outcome of one check on one dataset.",
      type: "object",
      additionalProperties: false,
      required: ["id", "scope", "dataset", "check", "severity", "status", "failing", "total", "message", "examples"],
      properties: {
        id: {
          description: "Stable identifier, e.g. `column.age.type`, `dataset.duplicates`, `hygiene.test_in_train`; unique together with `dataset`.",
          type: "string"
        },
        scope: {
          description: "What the check is about: one column, a whole dataset, or train/test hygiene.",
          enum: ["column", "dataset", "hygiene"]
        },
        dataset: {
          description: "Label of the dataset checked: `data`, `train` or `test` (hygiene checks are about `test`).",
          type: "string"
        },
        column: { description: "The contract column the check is about, if any.", type: "string" },
        check: {
          description: "The check's name: required, type, nullable, max_null_share, empty, min, max, enum, pattern, length, unique, row_count, unknown_columns, duplicates, class_balance, k_anonymity, single_value_columns, test_in_train, conflicting_labels, unseen_target_classes, unseen_categories.",
          type: "string"
        },
        severity: {
          description: "What a failure means: an error fails validation, a warning does not (unless fail-on is warning).",
          enum: ["error", "warning"]
        },
        status: {
          description: "pass; fail (an error); warn (a failing check of severity warning); skip (nothing to check).",
          enum: ["pass", "fail", "warn", "skip"]
        },
        failing: { $ref: "#/$defs/count", description: "Rows, values, classes or columns that failed." },
        total: {
          $ref: "#/$defs/count",
          description: "What was checked: the denominator of `share` (0 when the check is not a share)."
        },
        share: { description: "failing / total, when total > 0.", type: "number", minimum: 0, maximum: 1 },
        threshold: { description: "The limit applied, e.g. `\u2264 100`, `\u2264 0.01`, `mostly 0.99`.", type: "string" },
        message: { description: "One sentence a person can act on.", type: "string" },
        examples: {
          description: "The first failing values, capped by max-examples.",
          type: "array",
          items: { $ref: "#/$defs/example" }
        },
        kAnonymity: { $ref: "#/$defs/kAnonymity", description: "The k_anonymity check's figures; only on that check." },
        pii: {
          description: "What the pii, pii_scan and forbid_patterns checks found, per detector: counts and lines, never values (docs/privacy.md#pii-detection).",
          type: "object",
          additionalProperties: false,
          required: ["findings"],
          properties: {
            findings: {
              description: "One entry per detector (or pattern) that fired.",
              type: "array",
              items: { $ref: "#/$defs/piiFinding" }
            }
          }
        }
      }
    },
    piiFinding: {
      description: "One detector's detections in a column.",
      type: "object",
      additionalProperties: false,
      required: ["detector", "count", "share", "lines"],
      properties: {
        detector: {
          description: "The detector: a built-in one, or custom for a contract pattern or a forbidden regex.",
          enum: ["email", "phone", "payment_card", "iban", "us_ssn", "ip_address", "custom"]
        },
        pattern: { description: "For custom: the contract pattern's name, or the forbidden regex as /\u2026/.", type: "string" },
        count: { $ref: "#/$defs/count", description: "Non-null values it fired on." },
        share: { description: "count / the column's non-null values.", type: "number", minimum: 0, maximum: 1 },
        lines: {
          description: "The first lines (at most 10) where it fired.",
          type: "array",
          maxItems: 10,
          items: { type: "integer", minimum: 1, description: "A 1-based line (row number for Parquet)." }
        }
      }
    },
    kAnonymityFigures: {
      description: "Equivalence classes over some quasi-identifiers (rows sharing one combination of their values); never the values.",
      type: "object",
      required: ["classes", "classesBelowK", "rowsAtRisk", "shareAtRisk", "smallestClass", "exact"],
      properties: {
        classes: { $ref: "#/$defs/count", description: "Distinct combinations (a lower bound when not exact)." },
        classesBelowK: { $ref: "#/$defs/count", description: "Classes with fewer than k rows (among those counted exactly)." },
        rowsAtRisk: { $ref: "#/$defs/count", description: "Rows in classes with fewer than k rows (an upper bound when not exact)." },
        shareAtRisk: { description: "rowsAtRisk / rows (0 for no rows).", type: "number", minimum: 0, maximum: 1 },
        smallestClass: {
          $ref: "#/$defs/count",
          description: "Rows in the smallest class (among those counted exactly); 0 for no rows."
        },
        exact: { description: "False when there were more classes than max_classes (docs/privacy.md#k-anonymity).", type: "boolean" }
      }
    },
    kAnonymity: {
      description: "The k_anonymity check's figures over the contract's quasi-identifiers (docs/privacy.md#k-anonymity).",
      type: "object",
      unevaluatedProperties: false,
      allOf: [{ $ref: "#/$defs/kAnonymityFigures" }],
      required: ["quasiIdentifiers", "k", "rows", "dropped"],
      properties: {
        quasiIdentifiers: {
          description: "The quasi-identifiers, as the contract lists them.",
          type: "array",
          items: { type: "string", description: "A column name." }
        },
        k: { description: "The smallest class allowed.", type: "integer", minimum: 2 },
        rows: { $ref: "#/$defs/count", description: "Rows checked." },
        hurtsMost: {
          description: "The quasi-identifier whose removal lowers rowsAtRisk most (ties: the first listed); absent when no row is at risk.",
          type: "string"
        },
        dropToPass: {
          description: "When the check fails: the fewest quasi-identifiers to drop for it to pass (most kept, then fewest rows at risk); among every subset with at most 4 of them, else among single drops. Absent when none passes.",
          type: "array",
          items: { type: "string", description: "A quasi-identifier to drop." }
        },
        dropped: {
          description: "Each quasi-identifier dropped in turn: the figures over the others.",
          type: "array",
          items: {
            description: "The figures without one quasi-identifier.",
            type: "object",
            unevaluatedProperties: false,
            allOf: [{ $ref: "#/$defs/kAnonymityFigures" }],
            required: ["column"],
            properties: { column: { description: "The quasi-identifier dropped.", type: "string" } }
          }
        },
        subsets: {
          description: "With at most 4 quasi-identifiers: every proper, non-empty subset of them and its figures.",
          type: "array",
          items: {
            description: "The figures over one subset.",
            type: "object",
            unevaluatedProperties: false,
            allOf: [{ $ref: "#/$defs/kAnonymityFigures" }],
            required: ["columns"],
            properties: {
              columns: {
                description: "The subset, in the contract's order of quasi-identifiers.",
                type: "array",
                items: { type: "string", description: "A column name." }
              }
            }
          }
        }
      }
    }
  },
  properties: {
    schema: { description: "Format identifier and version of this document.", const: "modelship/validation-report@1" },
    tool: {
      description: "The program that wrote the report.",
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: {
        name: { description: "Always modelship.", const: "modelship" },
        version: { description: "modelship's version.", type: "string" }
      }
    },
    created: { description: "When the report was made, RFC 3339.", type: "string", format: "date-time" },
    contract: {
      description: "The data contract the data was checked against.",
      type: "object",
      additionalProperties: false,
      required: ["path", "sha256", "source"],
      properties: {
        path: { description: "Path of the contract file as given.", type: "string" },
        sha256: { description: "sha256 (hex) of the contract file's bytes.", type: "string", pattern: "^[0-9a-f]{64}$" },
        source: {
          description: "The contract's format: modelship YAML or a Frictionless Table Schema.",
          enum: ["modelship", "frictionless"]
        }
      }
    },
    datasets: {
      description: "The data files checked, with their fingerprints.",
      type: "array",
      minItems: 1,
      items: {
        description: "One data file.",
        type: "object",
        additionalProperties: false,
        required: ["label", "path", "format", "sha256", "bytes", "rows", "columns"],
        properties: {
          label: { description: "`data` for a single file, `train` or `test` for a split.", type: "string" },
          path: { description: "The file as given.", type: "string" },
          format: { description: "How the file was read.", enum: ["csv", "jsonl", "parquet"] },
          sha256: {
            description: "sha256 (hex) of the file's bytes as stored (compressed, if it is).",
            type: "string",
            pattern: "^[0-9a-f]{64}$"
          },
          bytes: { $ref: "#/$defs/count", description: "Size of the file in bytes." },
          rows: { $ref: "#/$defs/count", description: "Data rows read." },
          columns: {
            description: "Column names in file order.",
            type: "array",
            items: { type: "string", description: "A column name." }
          }
        }
      }
    },
    passed: { description: "True when no check failed with severity error.", type: "boolean" },
    summary: {
      description: "Counts of checks by outcome.",
      type: "object",
      additionalProperties: false,
      required: ["checks", "passed", "errors", "warnings", "skipped"],
      properties: {
        checks: { $ref: "#/$defs/count", description: "Checks run." },
        passed: { $ref: "#/$defs/count", description: "Checks that passed." },
        errors: { $ref: "#/$defs/count", description: "Checks that failed with severity error." },
        warnings: { $ref: "#/$defs/count", description: "Checks that failed with severity warning." },
        skipped: { $ref: "#/$defs/count", description: "Checks with nothing to check." }
      }
    },
    checks: {
      description: "Every check, failing or not, in a stable order: per dataset, then hygiene.",
      type: "array",
      items: { $ref: "#/$defs/check" }
    },
    truncated: { description: "True when some check had more failures than examples listed.", type: "boolean" }
  }
};

// src/data/validate/k-anonymity.ts
var ALL_SUBSETS_UP_TO = 4;
var MAX_QUASI_IDENTIFIERS = 30;
var SEED = new Hash64();
var ClassCounts = class {
  #ids;
  // Class id → row count.
  #counts = new Int32Array(64);
  #rows = 0;
  #overflow = 0;
  maxClasses;
  constructor(maxClasses) {
    this.maxClasses = maxClasses;
    this.#ids = new HashTable64({ initialCapacity: 32, maxSize: maxClasses });
  }
  /**
   * Adds `count` rows of the class with hash (h1, h2) (h2 is never 0: `Hash64.h2`). Returns the
   * class's id, or -1 when the class is new and the table is full (its rows are then counted as overflow).
   */
  add(h1, h2, count = 1) {
    this.#rows += count;
    const id = this.#ids.size;
    const known = this.#ids.setIfAbsent(h1, h2, id);
    if (known !== void 0) {
      this.#counts[known] += count;
      return known;
    }
    if (this.#ids.size === id) {
      this.#overflow += count;
      return -1;
    }
    if (id >= this.#counts.length) {
      const grown = new Int32Array(this.#counts.length * 2);
      grown.set(this.#counts);
      this.#counts = grown;
    }
    this.#counts[id] = count;
    return id;
  }
  /** Counts `rows` rows whose classes are unknown (another counter's overflow): at risk in the figures. */
  addOverflow(rows) {
    this.#rows += rows;
    this.#overflow += rows;
  }
  /** Every stored class's hash, row count and id. */
  forEach(each) {
    this.#ids.forEach((h1, h2, id) => {
      each(h1, h2, this.#counts[id], id);
    });
  }
  /** The row count of class `id`. */
  count(id) {
    return this.#counts[id];
  }
  /** Classes stored. */
  get size() {
    return this.#ids.size;
  }
  /** Rows added. */
  get rows() {
    return this.#rows;
  }
  /** Rows whose class was not stored. */
  get overflow() {
    return this.#overflow;
  }
  /** True while every class was stored: the figures are then exact. */
  get exact() {
    return this.#overflow === 0;
  }
  /** The figures for k (see `KAnonymityFigures`); overflow rows count as at risk. */
  figures(k) {
    let classesBelowK = 0;
    let rowsAtRisk = this.#overflow;
    let smallestClass = Infinity;
    for (let id = 0; id < this.#ids.size; id++) {
      const count = this.#counts[id];
      if (count < k) {
        classesBelowK++;
        rowsAtRisk += count;
      }
      if (count < smallestClass) smallestClass = count;
    }
    return {
      // Overflow rows are in one class at least.
      classes: this.#ids.size + (this.#overflow > 0 ? 1 : 0),
      classesBelowK,
      rowsAtRisk,
      shareAtRisk: this.#rows === 0 ? 0 : rowsAtRisk / this.#rows,
      smallestClass: smallestClass === Infinity ? this.#overflow > 0 ? 1 : 0 : smallestClass,
      exact: this.exact
    };
  }
};
function combinations(count) {
  const all = (1 << count) - 1;
  if (count <= ALL_SUBSETS_UP_TO) {
    const subsets = [all];
    for (let mask = 1; mask < all; mask++) subsets.push(mask);
    return subsets;
  }
  return [all, ...Array.from({ length: count }, (_, i) => all & ~(1 << i))];
}
var KAnonymityCounter = class {
  quasiIdentifiers;
  masks;
  /** The classes over all QIs. */
  classes;
  // Each stored class's cells as CellWords, QI after QI (class id · QIs + QI).
  #cells = wordsOf(0);
  #scratch;
  constructor(quasiIdentifiers, maxClasses) {
    if (quasiIdentifiers.length === 0 || quasiIdentifiers.length > MAX_QUASI_IDENTIFIERS)
      throw new Error(`k-anonymity needs 1 to ${MAX_QUASI_IDENTIFIERS} quasi-identifiers`);
    this.quasiIdentifiers = quasiIdentifiers;
    this.masks = combinations(quasiIdentifiers.length);
    this.classes = new ClassCounts(maxClasses);
  }
  /**
   * Adds `rows` rows given each QI's cell words (`words[i]`: the i-th QI's, as the fast path makes
   * them; undefined for a QI absent from the data, which hashes as null).
   */
  addWords(words, rows) {
    const { high, low } = this.#room(rows);
    high.fill(SEED.high, 0, rows);
    low.fill(SEED.low, 0, rows);
    for (const column of words) mixWords(high, low, column, rows);
    const hash = new Hash64();
    const classes = this.classes;
    for (let r = 0; r < rows; r++) {
      hash.high = high[r];
      hash.low = low[r];
      const before = classes.size;
      const id = classes.add(hash.h1, hash.h2);
      if (classes.size > before) this.#keep(id, (i) => words[i], r);
    }
  }
  /** Adds `rows` rows given each QI's canonical values (`values[i][r]`), hashed as the fast path hashes them. */
  addValues(values, rows) {
    const { words } = this.#room(rows);
    const given = values.map((column, i) => {
      if (column === void 0) return void 0;
      const own = words[i];
      for (let r = 0; r < rows; r++) setWords(own, r, column[r] ?? null);
      return own;
    });
    this.addWords(given, rows);
  }
  /** Adds another counter's classes (same QIs): the result counts the union of both inputs. */
  merge(other) {
    if (other.quasiIdentifiers.join("\0") !== this.quasiIdentifiers.join("\0"))
      throw new Error("k-anonymity counters over different quasi-identifiers do not merge");
    const q = this.quasiIdentifiers.length;
    const cells = other.#cells;
    other.classes.forEach((h1, h2, count, otherId) => {
      const before = this.classes.size;
      const id = this.classes.add(h1, h2, count);
      if (this.classes.size > before) this.#keep(id, () => cells, otherId * q, true);
    });
    this.classes.addOverflow(other.classes.overflow);
  }
  /** The figures over the QIs in `mask`, from the classes over all of them. */
  figuresOf(mask, k) {
    const q = this.quasiIdentifiers.length;
    const all = this.classes;
    if (mask === (1 << q) - 1) return all.figures(k);
    const merged = new ClassCounts(Infinity);
    const hash = new Hash64();
    const { kind, w1, w2 } = this.#cells;
    for (let id = 0; id < all.size; id++) {
      hash.reset();
      for (let i = 0; i < q; i++) {
        if ((mask >>> i & 1) === 0) continue;
        const at = id * q + i;
        const cell = kind[at];
        if (cell === 0) hash.missing();
        else {
          hash.word(w1[at]);
          if (cell >= 2) hash.word(w2[at]);
          if (cell === 3) hash.word(536870912);
        }
      }
      merged.add(hash.h1, hash.h2, all.count(id));
    }
    merged.addOverflow(all.overflow);
    return merged.figures(k);
  }
  /**
   * The report's figures for k: over all QIs, each QI dropped, and every subset when there are few
   * QIs; with `maxShare`, also the fewest QIs to drop for the check to pass, when it fails.
   */
  detail(k, maxShare) {
    const qis = this.quasiIdentifiers;
    const all = (1 << qis.length) - 1;
    const rows = this.classes.rows;
    const figuresOf = (mask) => {
      if (mask === 0) {
        const risk = rows > 0 && rows < k ? rows : 0;
        return {
          classes: rows > 0 ? 1 : 0,
          classesBelowK: risk > 0 ? 1 : 0,
          rowsAtRisk: risk,
          shareAtRisk: risk > 0 ? 1 : 0,
          smallestClass: rows,
          exact: true
        };
      }
      return this.figuresOf(mask, k);
    };
    const figures = new Map(this.masks.map((mask) => [mask, figuresOf(mask)]));
    const of = (mask) => figures.get(mask) ?? figuresOf(mask);
    const full = of(all);
    const dropped = qis.map((column, i) => ({ column, ...of(all & ~(1 << i)) }));
    let hurtsMost;
    let best = 0;
    for (const entry of dropped) {
      const gain = full.rowsAtRisk - entry.rowsAtRisk;
      if (gain > best) {
        best = gain;
        hurtsMost = entry.column;
      }
    }
    const detail = { quasiIdentifiers: [...qis], k, rows, ...full, dropped };
    if (hurtsMost !== void 0) detail.hurtsMost = hurtsMost;
    if (qis.length <= ALL_SUBSETS_UP_TO)
      detail.subsets = this.masks.filter((mask) => mask !== all).map((mask) => ({ columns: qis.filter((_, i) => mask >>> i & 1), ...of(mask) }));
    if (maxShare !== void 0 && full.shareAtRisk > maxShare) {
      const kept = qis.length <= ALL_SUBSETS_UP_TO ? [...this.masks.filter((mask) => mask !== all), 0] : dropped.map((_, i) => all & ~(1 << i));
      const ones = (mask) => qis.filter((_, i) => mask >>> i & 1).length;
      let chosen;
      for (const mask of kept) {
        if (of(mask).shareAtRisk > maxShare) continue;
        if (chosen === void 0 || ones(mask) > ones(chosen) || ones(mask) === ones(chosen) && of(mask).rowsAtRisk < of(chosen).rowsAtRisk)
          chosen = mask;
      }
      if (chosen !== void 0) detail.dropToPass = qis.filter((_, i) => (chosen >>> i & 1) === 0);
    }
    return detail;
  }
  /** Stores a new class's cells: QI i's from `source(i)` at `at` (or at `at + i` when `packed`). */
  #keep(id, source, at, packed = false) {
    const q = this.quasiIdentifiers.length;
    if ((id + 1) * q > this.#cells.kind.length) {
      const grown = wordsOf(Math.max(64, this.#cells.kind.length * 2, (id + 1) * q));
      grown.kind.set(this.#cells.kind);
      grown.w1.set(this.#cells.w1);
      grown.w2.set(this.#cells.w2);
      this.#cells = grown;
    }
    const { kind, w1, w2 } = this.#cells;
    for (let i = 0; i < q; i++) {
      const words = source(i);
      const from = packed ? at + i : at;
      const to = id * q + i;
      if (words === void 0) kind[to] = 0;
      else {
        kind[to] = words.kind[from];
        w1[to] = words.w1[from];
        w2[to] = words.w2[from];
      }
    }
  }
  #room(rows) {
    if (this.#scratch === void 0 || this.#scratch.high.length < rows) {
      const size = Math.max(rows, 1024);
      this.#scratch = { high: new Int32Array(size), low: new Int32Array(size), words: this.quasiIdentifiers.map(() => wordsOf(size)) };
    }
    return this.#scratch;
  }
};
function kAnonymityMessage(detail, check, absent = []) {
  const count = (value) => value.toLocaleString("en-US");
  const over = detail.quasiIdentifiers.map((name) => `"${name}"`).join(", ");
  const bound = detail.exact ? "" : ` (more than ${count(check.maxClasses)} classes: rows at risk are an upper bound)`;
  if (detail.rows === 0) return `no rows: nothing to check over ${over}`;
  const head = detail.rowsAtRisk === 0 ? `every row is in a class of at least k = ${check.k} rows over ${over}` : `${count(detail.rowsAtRisk)} row(s) (${formatPercent(detail.shareAtRisk, 2)}) are in ${count(detail.classesBelowK)} class(es) smaller than k = ${check.k} over ${over}${bound}`;
  const parts = [head, `${count(detail.classes)} classes, the smallest of ${count(detail.smallestClass)} row(s)`];
  if (detail.hurtsMost !== void 0) {
    const without = detail.dropped.find((entry) => entry.column === detail.hurtsMost);
    parts.push(
      `dropping "${detail.hurtsMost}" would cut rows at risk most, to ${count(without.rowsAtRisk)} (${formatPercent(without.shareAtRisk, 2)})`
    );
  }
  if (absent.length > 0) parts.push(`not in the data, so null in every row: ${absent.map((name) => `"${name}"`).join(", ")}`);
  if (detail.dropToPass !== void 0)
    parts.push(`the fewest to drop (or generalise) to pass: ${detail.dropToPass.map((name) => `"${name}"`).join(", ")}`);
  return parts.join("; ");
}

// src/data/validate/validate-dataset.ts
var MAX_CLASSES = 1e3;
var MAX_TRAIN_CATEGORIES = 1e4;
function classKey(value) {
  return value === null ? void 0 : String(value);
}
function hashValue(hash, value, cache) {
  if (value === null) hash.missing();
  else if (typeof value === "number") hash.number(value);
  else if (typeof value === "boolean") hash.word(value ? 1 : 2);
  else hash.cachedText(value, cache);
}
function rowColumns(columns) {
  return columns.flatMap((column, index) => column.roles.includes("id") ? [] : [index]);
}
function featureColumns(columns) {
  const features = columns.flatMap((column, index) => column.roles.includes("feature") ? [index] : []);
  if (features.length > 0) return features;
  const excluded = /* @__PURE__ */ new Set(["target", "id", "prediction", "timestamp"]);
  return columns.flatMap((column, index) => column.roles.some((role) => excluded.has(role)) ? [] : [index]);
}
function newLanes() {
  const seed = new Hash64();
  return {
    high: new Int32Array(BATCH),
    low: new Int32Array(BATCH),
    reset(rows) {
      this.high.fill(seed.high, 0, rows);
      this.low.fill(seed.low, 0, rows);
    }
  };
}
async function validateDataset(options) {
  const { contract, label, source, maxExamples } = options;
  const path = source.path;
  const checks = [];
  const spec = (id, check, severity, extra = {}) => ({
    id,
    scope: "dataset",
    dataset: label,
    check,
    severity,
    ...extra
  });
  checkHeaderDelimiter(
    { columns: source.columns, file: path, line: source.headerLine },
    { file: contract.file, names: contract.columns.map((column) => column.name), delimiter: contract.dialect.delimiter }
  );
  const positions = /* @__PURE__ */ new Map();
  source.columns.forEach((name, index) => {
    if (!positions.has(name)) positions.set(name, index);
  });
  const indices = contract.columns.map((column) => positions.get(column.name) ?? -1);
  const missingSeverity = policySeverity(contract.dataset.missingColumns);
  contract.columns.forEach((column, c) => {
    if (!column.required) return;
    const present = indices[c] >= 0;
    const severity = missingSeverity ?? "warning";
    const tally = { failing: present ? 0 : 1, total: 1, examples: [] };
    const status = !present && missingSeverity === void 0 ? "skip" : void 0;
    checks.push(
      checkResult(
        { ...spec(`column.${column.name}.required`, "required", severity), scope: "column", column: column.name },
        tally,
        !present,
        present ? "present" : `column "${column.name}" is not in the data (header${source.headerLine === void 0 ? "" : ` at line ${source.headerLine}`})`,
        status
      )
    );
  });
  const known = new Set(contract.columns.map((column) => column.name));
  const unknown = source.columns.filter((name) => !known.has(name));
  const unknownSeverity = policySeverity(contract.dataset.unknownColumns);
  if (unknownSeverity !== void 0) {
    const message = unknown.length === 0 ? "every column is in the contract" : `not in the contract: ${unknown.map((name) => `"${name}"`).join(", ")}; add them to ${contract.file} or drop them`;
    checks.push(
      checkResult(
        spec("dataset.unknown_columns", "unknown_columns", unknownSeverity, { threshold: "none" }),
        {
          failing: unknown.length,
          total: source.columns.length,
          examples: source.headerLine === void 0 || unknown.length === 0 ? [] : [{ file: path, line: source.headerLine, message: `unknown column(s) ${unknown.join(", ")}` }]
        },
        unknown.length > 0,
        message
      )
    );
  }
  const columnValidators = contract.columns.map(
    (column, c) => indices[c] >= 0 ? new ColumnValidator({ column, path, dataset: label, maxExamples, pii: contract.pii }) : void 0
  );
  const validators = [...columnValidators];
  let canonical = contract.columns.map(() => []);
  const hashed = rowColumns(contract.columns);
  const caches = contract.columns.map(() => new TextHashCache());
  const features = featureColumns(contract.columns);
  const targetIndex = contract.columns.findIndex((column) => column.roles.includes("target"));
  const hygiene = options.hygiene;
  const repeats = new RepeatCounter();
  const train = options.keepTrainState ? {
    path,
    rows: repeats.table,
    features: new HashTable64({ maxSize: MAX_EXACT_DISTINCT }),
    classIds: /* @__PURE__ */ new Map(),
    classNames: [],
    categories: /* @__PURE__ */ new Map()
  } : void 0;
  if (train !== void 0) {
    contract.columns.forEach((column, c) => {
      if (column.type === "categorical" && !column.roles.includes("target") && indices[c] >= 0) train.categories.set(c, /* @__PURE__ */ new Set());
    });
  }
  const kCheck = contract.kAnonymity;
  const kColumns = kCheck?.quasiIdentifiers.map((name) => contract.columns.findIndex((column) => column.name === name)) ?? [];
  const kCounter = kCheck === void 0 ? void 0 : new KAnonymityCounter(kCheck.quasiIdentifiers, kCheck.maxClasses);
  const duplicates = new Tally(maxExamples);
  const classes = /* @__PURE__ */ new Map();
  let classOverflow = false;
  const rowHash = new Hash64();
  const featureHash = new Hash64();
  let rows = 0;
  const checkRows = (length, lines, lanes) => {
    rows += length;
    for (let r = 0; r < length; r++) {
      const line = lines[r] ?? 0;
      if (lanes === void 0) {
        rowHash.reset();
        for (const c of hashed) hashValue(rowHash, canonical[c][r], caches[c]);
      } else {
        rowHash.high = lanes.row.high[r];
        rowHash.low = lanes.row.low[r];
      }
      const h1 = rowHash.h1;
      const h2 = rowHash.h2;
      duplicates.total++;
      const earlier = repeats.add(h1, h2, line);
      if (earlier !== void 0) {
        if (duplicates.examples.length < maxExamples)
          duplicates.fail(() => ({ file: path, line, message: `repeats line ${earlier} exactly` }));
        else duplicates.failing++;
      }
      const target = targetIndex < 0 ? void 0 : classKey(canonical[targetIndex][r]);
      if (target !== void 0 && !classOverflow) {
        classes.set(target, (classes.get(target) ?? 0) + 1);
        if (classes.size > MAX_CLASSES) classOverflow = true;
      }
      if (train === void 0 && hygiene === void 0) continue;
      if (lanes === void 0) {
        featureHash.reset();
        for (const c of features) hashValue(featureHash, canonical[c][r], caches[c]);
      } else {
        featureHash.high = lanes.feature.high[r];
        featureHash.low = lanes.feature.low[r];
      }
      if (train !== void 0) {
        if (target !== void 0) {
          let id = train.classIds.get(target);
          if (id === void 0) {
            id = train.classNames.length;
            train.classIds.set(target, id);
            train.classNames.push(target);
          }
          const seen = train.features.setIfAbsent(featureHash.h1, featureHash.h2, id);
          if (seen !== void 0 && seen !== id && seen !== -2) train.features.set(featureHash.h1, featureHash.h2, -2);
        }
        for (const [c, set] of train.categories) {
          const value = canonical[c][r];
          if (set === null || value === null) continue;
          set.add(value);
          if (set.size > MAX_TRAIN_CATEGORIES) train.categories.set(c, null);
        }
      }
      hygiene?.row({
        rowH1: h1,
        rowH2: h2,
        featureH1: featureHash.h1,
        featureH2: featureHash.h2,
        target,
        line,
        values: canonical,
        index: r
      });
    }
  };
  if (isFastCsvSource(source)) {
    const keepsValues = (column) => column.roles.includes("target") || (train !== void 0 || hygiene !== void 0) && column.type === "categorical";
    const workers = ColumnWorkers.start({
      columns: contract.columns.flatMap(
        (column, c) => indices[c] >= 0 && !keepsValues(column) ? [{ c, index: indices[c], contract: column }] : []
      ),
      threads: threadCount(),
      data: { path, dataset: label, maxExamples, nullMarkers: [...source.nullMarkers], scan: source.settings, pii: contract.pii }
    });
    const remote = new Set(workers?.columns ?? []);
    const feeds = contract.columns.map((column, c) => {
      const validator = columnValidators[c];
      return validator === void 0 || remote.has(c) ? void 0 : new FastColumnFeed(validator, column, source.nullMarkers, source.quote);
    });
    const widest = Math.max(0, ...indices) + 1;
    const lanes = { row: newLanes(), feature: newLanes() };
    const inRow = new Set(hashed);
    const inFeatures = new Set(train === void 0 && hygiene === void 0 ? [] : features);
    const slots = [0, 1].map(() => ({
      canonical: contract.columns.map(() => []),
      words: feeds.map((feed) => feed === void 0 ? void 0 : wordsOf(BATCH)),
      lines: new Int32Array(BATCH),
      length: 0
    }));
    let pending;
    const finishBatch = async (slot) => {
      const length = slot.length;
      const received = workers === void 0 ? void 0 : await workers.receive(length).catch(badInput);
      lanes.row.reset(length);
      lanes.feature.reset(length);
      for (let c = 0; c < feeds.length; c++) {
        const words = slot.words[c] ?? received?.get(c);
        if (inRow.has(c)) mixWords(lanes.row.high, lanes.row.low, words, length);
        if (inFeatures.has(c)) mixWords(lanes.feature.high, lanes.feature.low, words, length);
      }
      canonical = slot.canonical;
      kCounter?.addWords(
        kColumns.map((c) => slot.words[c] ?? received?.get(c)),
        length
      );
      checkRows(length, slot.lines, lanes);
    };
    let batches = 0;
    const badInput = (error) => {
      if (error instanceof WorkerBadInput) return source.replay(error);
      throw error;
    };
    try {
      await source.scan(
        widest,
        async (batch) => {
          const length = batch.rows;
          const slot = slots[batches++ % 2];
          slot.length = length;
          slot.lines.set(batch.lines.subarray(0, length));
          for (let c = 0; c < feeds.length; c++) {
            const feed = feeds[c];
            const values = slot.canonical[c];
            if (feed !== void 0) feed.rows(batch, indices[c], values, slot.words[c]);
            else if (!remote.has(c)) for (let r = 0; r < length; r++) values[r] = null;
          }
          if (workers === void 0) await finishBatch(slot);
          else {
            if (pending !== void 0) await finishBatch(pending);
            pending = slot;
          }
        },
        workers === void 0
      );
      if (pending !== void 0) await finishBatch(pending);
      if (workers !== void 0) {
        const { results, digest: digest2 } = await workers.finish().catch(badInput);
        for (const [c, result] of results) validators[c] = { column: contract.columns[c], ...result, finish: () => result.checks };
        source.adoptDigest(digest2);
      }
    } finally {
      await workers?.close();
    }
  } else {
    for await (const batch of source.batches()) {
      const { length, lines } = batch;
      for (let c = 0; c < validators.length; c++) {
        const values = canonical[c];
        const validator = columnValidators[c];
        if (validator === void 0) for (let r = 0; r < length; r++) values[r] = null;
        else validator.add(batch.columns[indices[c]], lines, length, values);
      }
      kCounter?.addValues(
        kColumns.map((c) => canonical[c]),
        length
      );
      checkRows(length, lines);
    }
  }
  const digest = source.digest();
  if (digest === void 0) throw new Error(`reader for ${path} gave no digest after a full read`);
  const { minRows, maxRows } = contract.dataset;
  if (minRows !== void 0 || maxRows !== void 0) {
    const low = minRows !== void 0 && rows < minRows;
    const high = maxRows !== void 0 && rows > maxRows;
    const threshold = [minRows === void 0 ? void 0 : `\u2265 ${minRows}`, maxRows === void 0 ? void 0 : `\u2264 ${maxRows}`].filter(Boolean).join(", ");
    const message = low ? `${rows} rows, fewer than ${minRows}` : high ? `${rows} rows, more than ${maxRows}` : `${rows} rows`;
    checks.push(
      checkResult(
        spec("dataset.row_count", "row_count", "error", { threshold }),
        { failing: low || high ? 1 : 0, total: 0, examples: [] },
        low || high,
        message
      )
    );
  }
  for (const validator of validators) if (validator !== void 0) checks.push(...validator.finish());
  const maxDuplicateShare = contract.dataset.maxDuplicateShare ?? 0.05;
  duplicates.failing = repeats.repeats;
  const duplicateShare = rows === 0 ? 0 : duplicates.failing / rows;
  const estimated = repeats.exact ? "" : `; estimated (more than ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct rows), \xB1 ${repeats.standardError.toLocaleString("en-US")} rows`;
  checks.push(
    checkResult(
      spec("dataset.duplicates", "duplicates", "error", { threshold: `\u2264 ${maxDuplicateShare}` }),
      duplicates,
      duplicateShare > maxDuplicateShare,
      `${duplicates.failing.toLocaleString("en-US")} row(s) repeat an earlier row (${formatPercent(duplicateShare, 2)})${hashed.length < contract.columns.length ? "; id columns are not compared" : ""}${estimated}`
    )
  );
  const minClassShare = contract.dataset.minClassShare;
  if (minClassShare !== void 0 && targetIndex >= 0)
    checks.push(classBalance({ contract, targetIndex, classes, overflow: classOverflow, minClassShare, spec }));
  if (kCheck !== void 0 && kCounter !== void 0) {
    const detail = kCounter.detail(kCheck.k, kCheck.maxShare);
    const result = checkResult(
      spec("dataset.k_anonymity", "k_anonymity", kCheck.severity, {
        threshold: `k \u2265 ${kCheck.k}; share of rows in smaller classes \u2264 ${kCheck.maxShare}`
      }),
      { failing: detail.rowsAtRisk, total: rows, examples: [] },
      detail.shareAtRisk > kCheck.maxShare,
      kAnonymityMessage(
        detail,
        kCheck,
        kColumns.flatMap((c, i) => (indices[c] ?? -1) < 0 ? [kCheck.quasiIdentifiers[i]] : [])
      )
    );
    result.kAnonymity = detail;
    checks.push(result);
  }
  const singleSeverity = policySeverity(contract.dataset.singleValueColumns);
  if (singleSeverity !== void 0) {
    const present = validators.filter((validator) => validator !== void 0);
    const single = present.filter((validator) => validator.singleValued).map((validator) => validator.column.name);
    checks.push(
      checkResult(
        spec("dataset.single_value_columns", "single_value_columns", singleSeverity, { threshold: "none" }),
        { failing: single.length, total: present.length, examples: [] },
        single.length > 0,
        single.length === 0 ? "every column has at least two distinct values" : `one distinct value only: ${single.map((name) => `"${name}"`).join(", ")}`
      )
    );
  }
  return {
    summary: { label, path, format: source.format, sha256: digest.sha256, bytes: digest.bytes, rows, columns: [...source.columns] },
    checks,
    truncated: duplicates.truncated || validators.some((validator) => validator?.truncated === true),
    train
  };
}
function classBalance(options) {
  const { contract, targetIndex, classes, minClassShare } = options;
  const target = contract.columns[targetIndex];
  const spec = options.spec("dataset.class_balance", "class_balance", "error", {
    threshold: `each class \u2265 ${minClassShare}`,
    column: target.name
  });
  if (target.type === "number")
    return checkResult(
      spec,
      { failing: 0, total: 0, examples: [] },
      false,
      `target "${target.name}" is a number (regression): no classes to balance`,
      "skip"
    );
  if (options.overflow)
    return checkResult(
      spec,
      { failing: 0, total: 0, examples: [] },
      false,
      `target "${target.name}" has more than ${MAX_CLASSES} distinct values: not a class label`,
      "skip"
    );
  const counts = new Map(classes);
  for (const value of target.enum ?? []) if (!counts.has(String(value))) counts.set(String(value), 0);
  const total = [...classes.values()].reduce((sum, count) => sum + count, 0);
  const shares = [...counts.entries()].map(([name, count]) => ({ name, share: total === 0 ? 0 : count / total })).sort((a, b) => a.share - b.share || (a.name < b.name ? -1 : 1));
  const below = shares.filter((entry) => entry.share < minClassShare);
  const listing = shares.slice(0, 5).map((entry) => `"${entry.name}" ${formatPercent(entry.share, 2)}`).join(", ");
  return checkResult(
    spec,
    { failing: below.length, total: counts.size, examples: [] },
    below.length > 0,
    below.length > 0 ? `${below.length} of ${counts.size} classes below ${formatPercent(minClassShare, 2)}: ${listing}` : `smallest classes: ${listing}`
  );
}

// src/data/validate/validate-hygiene.ts
var HygieneValidator = class {
  #contract;
  #train;
  #testPath;
  #inTrain;
  #conflicts;
  #unseenClasses;
  #unseenCategories;
  #hasTarget;
  constructor(options) {
    this.#contract = options.contract;
    this.#train = options.train;
    this.#testPath = options.testPath;
    this.#inTrain = new Tally(options.maxExamples);
    this.#conflicts = new Tally(options.maxExamples);
    this.#unseenClasses = new Tally(options.maxExamples);
    this.#unseenCategories = new Map([...options.train.categories.keys()].map((c) => [c, new Tally(options.maxExamples)]));
    this.#hasTarget = options.contract.columns.some((column) => column.roles.includes("target"));
  }
  /** Checks one test row. */
  row(row) {
    const train = this.#train;
    const file = this.#testPath;
    this.#inTrain.total++;
    const trainLine = train.rows.get(row.rowH1, row.rowH2);
    if (trainLine !== void 0)
      this.#inTrain.fail(() => ({ file, line: row.line, message: `the same row is in train at ${train.path}:${trainLine}` }));
    if (row.target !== void 0) {
      this.#conflicts.total++;
      this.#unseenClasses.total++;
      const id = train.classIds.get(row.target);
      if (id === void 0)
        this.#unseenClasses.fail(() => ({
          file,
          line: row.line,
          value: row.target,
          message: `target class "${row.target}" never occurs in train`
        }));
      const trainLabel = train.features.get(row.featureH1, row.featureH2);
      if (trainLabel !== void 0 && trainLabel !== id) {
        const said = trainLabel === -2 ? "several different labels" : `"${train.classNames[trainLabel]}"`;
        this.#conflicts.fail(() => ({
          file,
          line: row.line,
          value: row.target,
          message: `labelled "${row.target}", but train has the same features with ${said}`
        }));
      }
    }
    for (const [c, tally] of this.#unseenCategories) {
      const value = row.values[c][row.index];
      const seen = train.categories.get(c);
      if (value === null || seen === null || seen === void 0) continue;
      tally.total++;
      if (!seen.has(value))
        tally.fail(() => ({
          file,
          line: row.line,
          value: String(value),
          message: `category "${String(value)}" of "${this.#contract.columns[c].name}" never occurs in train`
        }));
    }
  }
  // Past the exact limit, train rows beyond it are not compared: counts are then lower bounds.
  #partial(table2) {
    return table2.full ? `; compared with the first ${MAX_EXACT_DISTINCT.toLocaleString("en-US")} distinct train rows only, so a lower bound` : "";
  }
  /** Whether any hygiene check kept fewer examples than failures. */
  get truncated() {
    return [this.#inTrain, this.#conflicts, this.#unseenClasses, ...this.#unseenCategories.values()].some((tally) => tally.truncated);
  }
  /** The hygiene check results. */
  finish() {
    const { hygiene } = this.#contract;
    const spec = (id, check, severity, extra = {}) => ({
      id,
      scope: "hygiene",
      dataset: "test",
      check,
      severity,
      ...extra
    });
    const results = [];
    const inTrain = this.#inTrain;
    const share = inTrain.total === 0 ? 0 : inTrain.failing / inTrain.total;
    results.push(
      checkResult(
        spec("hygiene.test_in_train", "test_in_train", "error", { threshold: `\u2264 ${hygiene.maxTestInTrainShare}` }),
        inTrain,
        share > hygiene.maxTestInTrainShare,
        `${inTrain.failing.toLocaleString("en-US")} test row(s) also in train (${formatPercent(share, 2)}): they inflate test scores${this.#partial(this.#train.rows)}`
      )
    );
    const target = this.#contract.columns.find((column) => column.roles.includes("target"));
    const conflictSeverity = policySeverity(hygiene.conflictingLabels);
    if (conflictSeverity !== void 0 && this.#hasTarget) {
      const conflicts = this.#conflicts;
      results.push(
        checkResult(
          spec("hygiene.conflicting_labels", "conflicting_labels", conflictSeverity, { threshold: "none", column: target?.name }),
          conflicts,
          conflicts.failing > 0,
          `${conflicts.failing === 0 ? "no test row contradicts a train label" : `${conflicts.failing} test row(s) have the features of a train row but another label`}${this.#partial(this.#train.features)}`
        )
      );
    }
    const classSeverity = policySeverity(hygiene.unseenTargetClasses);
    if (classSeverity !== void 0 && this.#hasTarget && target?.type !== "number") {
      const unseen = this.#unseenClasses;
      results.push(
        checkResult(
          spec("hygiene.unseen_target_classes", "unseen_target_classes", classSeverity, { threshold: "none", column: target?.name }),
          unseen,
          unseen.failing > 0,
          unseen.failing === 0 ? "every test class occurs in train" : `${unseen.failing} test row(s) have a class train never has`
        )
      );
    }
    const categorySeverity = policySeverity(hygiene.unseenCategories);
    if (categorySeverity !== void 0) {
      for (const [c, tally] of this.#unseenCategories) {
        const column = this.#contract.columns[c];
        const checkSpec = spec(`hygiene.${column.name}.unseen_categories`, "unseen_categories", categorySeverity, {
          threshold: "none",
          column: column.name
        });
        if (this.#train.categories.get(c) === null) {
          results.push(checkResult(checkSpec, tally, false, "too many categories in train to compare", "skip"));
          continue;
        }
        results.push(
          checkResult(
            checkSpec,
            tally,
            tally.failing > 0,
            tally.failing === 0 ? "every test category occurs in train" : `${tally.failing} test value(s) in categories train never has`
          )
        );
      }
    }
    return results;
  }
};

// src/data/validate/validate-datasets.ts
var VALIDATION_REPORT_SCHEMA = "modelship/validation-report@1";
var VALIDATION_BATCH_ROWS = 1024;
async function validateData(options) {
  const { contract, logger } = options;
  const maxExamples = options.maxExamples ?? 5;
  const read = { ...readOptionsFor(contract), batchSize: VALIDATION_BATCH_ROWS };
  const open = options.open ?? (async (path) => (fastValidateRefusal(path, read) === void 0 ? await openFastCsv(path, read) : void 0) ?? await openTable(path, read));
  const train = options.datasets.find((dataset) => dataset.label === "train");
  const test = options.datasets.find((dataset) => dataset.label === "test");
  const withHygiene = train !== void 0 && test !== void 0;
  const ordered = withHygiene ? [train, test, ...options.datasets.filter((dataset) => dataset !== train && dataset !== test)] : options.datasets;
  const results = /* @__PURE__ */ new Map();
  let hygiene;
  for (const dataset of ordered) {
    const started = performance.now();
    const source = await open(dataset.path);
    const trainState = withHygiene && dataset === test ? results.get(train.label)?.train : void 0;
    if (trainState !== void 0) hygiene = new HygieneValidator({ contract, train: trainState, testPath: dataset.path, maxExamples });
    const result = await validateDataset({
      contract,
      label: dataset.label,
      source,
      maxExamples,
      keepTrainState: withHygiene && dataset === train,
      hygiene: dataset === test ? hygiene : void 0
    });
    if (dataset === test) results.get(train.label).train = void 0;
    results.set(dataset.label, result);
    const seconds = (performance.now() - started) / 1e3;
    logger.info(
      `${dataset.path}: ${result.summary.rows.toLocaleString("en-US")} rows, ${result.summary.columns.length} columns checked in ${seconds.toFixed(2)} s`
    );
  }
  const checks = options.datasets.flatMap((dataset) => results.get(dataset.label).checks);
  if (hygiene !== void 0) checks.push(...hygiene.finish());
  const summary = {
    checks: checks.length,
    passed: checks.filter((check) => check.status === "pass").length,
    errors: checks.filter((check) => check.status === "fail").length,
    warnings: checks.filter((check) => check.status === "warn").length,
    skipped: checks.filter((check) => check.status === "skip").length
  };
  const report = {
    schema: VALIDATION_REPORT_SCHEMA,
    tool: { name: "modelship", version: options.toolVersion },
    created: (options.created ?? /* @__PURE__ */ new Date()).toISOString(),
    contract: { path: contract.file, sha256: contract.sha256, source: contract.source },
    datasets: options.datasets.map((dataset) => results.get(dataset.label).summary),
    passed: summary.errors === 0,
    summary,
    checks,
    truncated: [...results.values()].some((result) => result.truncated) || hygiene?.truncated === true
  };
  assertWritable(validation_report_schema_default, report, "validation report");
  return report;
}

// src/stages/validate-settings.ts
var DEFAULT_REPORT_DIR = ".modelship/reports";
function labelDatasets(files, train, test) {
  if (train !== void 0 || test !== void 0) {
    const datasets = [];
    if (train !== void 0) datasets.push({ label: "train", path: train });
    if (test !== void 0) datasets.push({ label: "test", path: test });
    return datasets;
  }
  if (files.length === 1) return [{ label: "data", path: files[0] }];
  if (files.length === 2)
    return [
      { label: "train", path: files[0] },
      { label: "test", path: files[1] }
    ];
  throw new UserError(`give one data file, or two (train and test), not ${files.length}`, {
    hint: "validate other files in separate steps, or merge them first"
  });
}
function resolveValidateSettings(explicit, loaded) {
  const config = loaded.config;
  const fromConfig = (path) => path === void 0 ? void 0 : loaded.resolvePath(path);
  const contractPath = requireSetting(pick(explicit.contract, fromConfig(config?.validate?.contract), fromConfig(config?.data?.contract)), {
    input: "contract",
    flag: "--contract",
    config: "data.contract"
  });
  let datasets;
  if (explicit.train !== void 0 || explicit.test !== void 0 || (explicit.data?.length ?? 0) > 0) {
    datasets = labelDatasets(explicit.data ?? [], explicit.train, explicit.test);
  } else if (config?.validate?.data !== void 0) {
    datasets = labelDatasets(config.validate.data.map((path) => loaded.resolvePath(path)));
  } else if (config?.data?.train !== void 0 || config?.data?.test !== void 0) {
    datasets = labelDatasets([], fromConfig(config.data.train), fromConfig(config.data.test));
  } else {
    throw new UserError("no data files given", {
      hint: `pass data files (the \`data\` input or CLI arguments), or set data.train in ${DEFAULT_CONFIG_FILE}`
    });
  }
  return {
    contractPath,
    datasets,
    baseContractPath: pick(explicit.baseContract, fromConfig(config?.validate?.base_contract)),
    failOn: pick(explicit.failOn, config?.validate?.fail_on) ?? "error",
    maxExamples: pick(explicit.maxExamples, config?.validate?.max_examples) ?? 5,
    maxAnnotations: pick(explicit.maxAnnotations, config?.validate?.max_annotations) ?? 10,
    reportDir: pick(explicit.reportDir, fromConfig(config?.validate?.report_dir)) ?? DEFAULT_REPORT_DIR,
    comment: config?.validate?.comment ?? true
  };
}

// src/stages/validate-stage.ts
function passesPolicy(report, failOn) {
  const outcome = report.summary.errors > 0 ? "error" : report.summary.warnings > 0 ? "warning" : "ok";
  return !failsOn(["error", "warning"], failOn, outcome);
}
async function baseContractFromGit(baseSha, contractPath, logger) {
  const show = () => gitOutput(["show", `${baseSha}:./${contractPath}`]);
  let text;
  try {
    text = await show();
  } catch {
    try {
      await gitOutput(["fetch", "--no-tags", "--depth=1", "origin", baseSha]);
      text = await show();
    } catch {
      logger.info(`No contract at the base commit ${baseSha.slice(0, 7)} (new file, or git cannot reach it): no contract diff.`);
      return void 0;
    }
  }
  return parseContract(text, `${contractPath}@${baseSha.slice(0, 7)}`);
}
async function runDataValidation(options) {
  const { logger } = options;
  const contract = await loadContract(options.contractPath);
  let contractDiff;
  const base = options.baseContractPath !== void 0 ? await loadContract(options.baseContractPath) : options.baseSha !== void 0 ? await baseContractFromGit(options.baseSha, options.contractPath, logger) : void 0;
  if (base !== void 0) {
    contractDiff = diffContracts(base, contract);
    if (contractDiff.changes.length > 0) {
      logger.info(
        `Contract changed: ${contractDiff.changes.length} change(s), ${contractDiff.breaking ? "some breaking" : "none breaking"}.`
      );
    }
  }
  const report = redactValidationReport(
    await logger.group(
      "Validate data against the contract",
      () => validateData({ contract, datasets: options.datasets, maxExamples: options.maxExamples, logger, toolVersion: options.toolVersion })
    ),
    redactorFor(contract)
  );
  let annotated = 0;
  const several = report.datasets.length > 1;
  for (const check of report.checks) {
    if (check.status !== "fail" && check.status !== "warn") continue;
    const title = `modelship: ${several ? `${check.dataset} ` : ""}${[check.column, check.check].filter((part) => part !== void 0).join(" ")}`;
    const annotate = (message, properties) => {
      if (check.status === "fail") logger.error(message, properties);
      else logger.warning(message, properties);
      annotated++;
    };
    for (const example of check.examples) {
      if (annotated >= options.maxAnnotations) break;
      annotate(example.message, { title, file: example.file, startLine: example.line });
    }
    if (check.examples.length === 0 && annotated < options.maxAnnotations) {
      annotate(check.message, { title, file: report.datasets.find((dataset) => dataset.label === check.dataset)?.path });
    }
  }
  const reportPath = join(options.reportDir, "validation-report.json");
  const markdownPath = join(options.reportDir, "validation-report.md");
  const markdown = renderValidationMarkdown(report, {
    contractDiff: contractDiff && contractDiff.changes.length > 0 ? renderContractDiffMarkdown(contractDiff) : void 0,
    reportPath,
    runUrl: options.runUrl
  });
  const outputs = new OutputSet();
  outputs.add(reportPath, `${JSON.stringify(report, null, 2)}
`);
  outputs.add(markdownPath, `${markdown}
`);
  await outputs.commit();
  return {
    report,
    markdown,
    reportPath,
    markdownPath,
    contractDiff,
    passed: passesPolicy(report, options.failOn),
    errors: report.summary.errors,
    warnings: report.summary.warnings
  };
}
async function runValidateStage(inputs, run) {
  const settings = resolveValidateSettings(inputs, await loadStageConfig(run.config, run.cwd));
  await checkOutputFolder(settings.reportDir, "--report-dir (validate.report_dir)");
  const result = await runDataValidation({
    ...settings,
    baseSha: inputs.baseSha,
    logger: run.logger,
    toolVersion: run.toolVersion,
    runUrl: run.runUrl
  });
  return { ...result, settings };
}

export {
  passesPolicy,
  runDataValidation,
  runValidateStage
};
