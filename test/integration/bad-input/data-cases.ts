/**
 * Bad input for the data commands (validate, profile, contract) and for modelship.yaml and flags in
 * general: malformed data, contracts and config, alias bombs, output paths that cannot be written.
 */
import { gzipSync } from "node:zlib";
import { aliasBomb, modelshipIn, type BadInputCase } from "../../support/bad-input.ts";

const HEADER = "age,hours,sex,label\n";
const validate = (data: string, ...rest: string[]) => ["validate", data, "--contract", "contract.yaml", "--report-dir", "reports", ...rest];

/** A gzip file of 600 varied rows cut in half: the stream ends before its trailer. */
function truncatedGzip(): Buffer {
  let rows = HEADER;
  for (let i = 0; i < 600; i++) rows += `${i % 90},${(i * 7) % 99},${i % 2 ? "F" : "M"},${i % 3 ? "no" : "yes"}\n`;
  const whole = gzipSync(rows);
  return whole.subarray(0, whole.length >> 1);
}

/** Six levels of nine aliases each: 9^6 = 531441 copies from a few lines (a "billion laughs"). */
const ALIAS_BOMB = aliasBomb(6);

/** An alias bomb inside an otherwise valid contract. */
const CONTRACT_BOMB = `${ALIAS_BOMB.replace(/^/gm, "# ").replace(/^# $/gm, "")}x-bomb:\n${ALIAS_BOMB.replace(/^(?=.)/gm, "  ")}columns:\n  - { name: age, type: integer }\n`;

export const DATA_CASES: BadInputCase[] = [
  // ── data files ────────────────────────────────────────────────────────────
  {
    name: "validate: a ragged row names the file and line",
    files: { "bad.csv": `${HEADER}30,40,F,no\n52,45,M\n` },
    cli: validate("bad.csv"),
    says: ["bad.csv:3", /field/],
  },
  {
    name: "validate: an unterminated quote names the line it opened on",
    files: { "bad.csv": `${HEADER}30,40,"F,no\n52,45,M,yes\n` },
    cli: validate("bad.csv"),
    says: ["bad.csv:2", /quote/i],
  },
  { name: "validate: an empty data file", files: { "bad.csv": "" }, cli: validate("bad.csv"), says: ["bad.csv", /empty/i] },
  { name: "validate: a header without rows", files: { "bad.csv": HEADER }, cli: validate("bad.csv"), says: ["bad.csv", /no data rows/i] },
  {
    name: "validate: a duplicate header name",
    files: { "bad.csv": `age,hours,sex,label,age\n30,40,F,no,1\n` },
    cli: validate("bad.csv"),
    says: ["bad.csv:1", /duplicate/i],
  },
  {
    name: "validate: a NUL byte in the data",
    files: { "bad.csv": Buffer.from(`${HEADER}30,40,F\u0000,no\n`) },
    cli: validate("bad.csv"),
    says: ["bad.csv:2", /NUL/],
  },
  {
    name: "validate: invalid UTF-8 in the data",
    files: { "bad.csv": Buffer.concat([Buffer.from(`${HEADER}30,40,`), Buffer.from([0xc3, 0x28]), Buffer.from(",no\n")]) },
    cli: validate("bad.csv"),
    says: ["bad.csv:2", /UTF-8/],
  },
  { name: "validate: a data file that does not exist", cli: validate("nope.csv"), says: ["nope.csv", /not found|no such|does not exist/i] },
  {
    name: "validate: a data path that is a folder",
    files: { "folder.csv": { folder: true } },
    cli: validate("folder.csv"),
    says: ["folder.csv", /folder|directory/i],
  },
  {
    name: "validate: a data file of an unknown format",
    files: { "data.xlsx": "PK\u0003\u0004" },
    cli: validate("data.xlsx"),
    says: ["data.xlsx", /\.csv/],
  },
  {
    name: "validate: a .parquet file that is not Parquet",
    files: { "bad.parquet": "age,hours\n1,2\n" },
    cli: validate("bad.parquet"),
    says: ["bad.parquet", /parquet/i],
  },
  {
    name: "validate: a .csv.gz file with gzip's magic bytes and garbage after",
    files: { "bad.csv.gz": Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from("garbage".repeat(20))]) },
    cli: validate("bad.csv.gz"),
    says: ["bad.csv.gz", /gzip/i],
  },
  {
    name: "validate: a truncated .csv.gz file",
    files: { "cut.csv.gz": truncatedGzip() },
    cli: validate("cut.csv.gz"),
    says: ["cut.csv.gz", /gzip|truncated|unexpected end/i],
  },
  {
    name: "validate: a JSON Lines row that is not JSON",
    files: { "bad.jsonl": '{"age":30,"hours":40,"sex":"F","label":"no"}\n{"age":31,\n' },
    cli: validate("bad.jsonl"),
    says: ["bad.jsonl:2", /JSON/],
  },
  {
    name: "validate: a JSON Lines row that is an array",
    files: { "bad.jsonl": '{"age":30,"hours":40,"sex":"F","label":"no"}\n[1,2]\n' },
    cli: validate("bad.jsonl"),
    says: ["bad.jsonl:2", /object/i],
  },
  {
    name: "validate: a semicolon-separated file read as CSV says to set dialect.delimiter",
    files: { "semi.csv": "age;hours;sex;label\n30;40;F;no\n" },
    cli: validate("semi.csv"),
    says: ["semi.csv:1", "dialect", 'delimiter: ";"', "contract.yaml"],
  },
  {
    name: "validate: a tab-separated file read as CSV says to set dialect.delimiter",
    files: { "tabs.csv": "age\thours\tsex\tlabel\n30\t40\tF\tno\n" },
    cli: validate("tabs.csv"),
    says: ["tabs.csv:1", '"\\t"'],
  },
  {
    name: "validate: values out of range fail the checks with a report (exit 1)",
    files: { "bad.csv": `${HEADER}30,40,F,no\n300,45,X,maybe\n` },
    cli: validate("bad.csv"),
    exit: 1,
    says: ["bad.csv:3"],
    leaves: ["reports"],
  },
  // ── contracts ─────────────────────────────────────────────────────────────
  {
    name: "validate: a contract that does not exist",
    cli: ["validate", "test.csv", "--contract", "nope.yaml"],
    says: ["nope.yaml", /not found/],
  },
  {
    name: "validate: a contract path that is a folder",
    files: { "c.yaml": { folder: true } },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml", /directory|folder/],
  },
  {
    name: "validate: an empty contract",
    files: { "c.yaml": "" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml", /columns/],
  },
  {
    name: "validate: a contract with a YAML syntax error names line and column",
    files: { "c.yaml": "columns:\n  - name: age\n    type: [integer\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: [/c\.yaml:\d+:\d+/, /syntax/i],
  },
  {
    name: "validate: a contract with an unknown type names the pointer",
    files: { "c.yaml": "columns:\n  - name: age\n    type: int\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml:3", "/columns/0/type"],
  },
  {
    name: "validate: a contract with a bad regex names the pointer",
    files: { "c.yaml": "columns:\n  - name: sex\n    type: string\n    pattern: '[a-'\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml:4", "/columns/0/pattern"],
  },
  {
    name: "validate: a contract with a duplicate key",
    files: { "c.yaml": "columns:\n  - name: age\n    type: integer\n    type: string\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml:4", /unique|duplicate/i],
  },
  {
    name: "validate: a contract naming one column twice",
    files: { "c.yaml": "columns:\n  - { name: age, type: integer }\n  - { name: age, type: number }\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml", /age/, /twice|duplicate|more than once/i],
  },
  {
    name: "validate: a contract that is a YAML alias bomb",
    files: { "c.yaml": CONTRACT_BOMB },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml", /alias/i],
  },
  {
    name: "validate: a JSON contract with a syntax error",
    files: { "c.json": '{"columns": [{"name": "age", "type": "integer"}' },
    cli: ["validate", "test.csv", "--contract", "c.json"],
    says: ["c.json:1", /syntax/i],
  },
  {
    name: "validate: a contract whose columns is not a list",
    files: { "c.yaml": "columns: age\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml:1", "/columns"],
  },
  {
    name: "validate: a contract with min above max",
    files: { "c.yaml": "columns:\n  - { name: age, type: integer, min: 90, max: 10 }\n" },
    cli: ["validate", "test.csv", "--contract", "c.yaml"],
    says: ["c.yaml", /min|max/],
  },
  {
    name: "validate: --base-contract that does not exist",
    cli: validate("test.csv", "--base-contract", "old.yaml"),
    says: ["old.yaml", /not found/],
  },
  // ── flags and environment variables ───────────────────────────────────────
  {
    name: "validate: --report-dir that is a file",
    files: { taken: "x" },
    cli: ["validate", "test.csv", "--contract", "contract.yaml", "--report-dir", "taken"],
    says: ["--report-dir", "taken", /is a file/],
  },
  {
    name: "validate: --report-dir under a file",
    files: { taken: "x" },
    cli: ["validate", "test.csv", "--contract", "contract.yaml", "--report-dir", "taken/reports"],
    says: ["--report-dir", "taken", /is a file/],
  },
  {
    name: "validate: --report-dir checked before the data is read",
    files: { taken: "x", "bad.csv": "" },
    cli: ["validate", "bad.csv", "--contract", "contract.yaml", "--report-dir", "taken"],
    says: ["--report-dir"],
  },
  {
    name: "validate: MODELSHIP_REPORT_DIR that is a file",
    files: { taken: "x" },
    cli: ["validate", "test.csv", "--contract", "contract.yaml"],
    env: { MODELSHIP_REPORT_DIR: "taken" },
    says: ["taken", /is a file/],
  },
  {
    name: "validate: --fail-on with an unknown level",
    cli: validate("test.csv", "--fail-on", "sometimes"),
    says: ["--fail-on", "MODELSHIP_FAIL_ON", /error, warning/],
  },
  {
    name: "validate: MODELSHIP_FAIL_ON with an unknown level",
    cli: validate("test.csv"),
    env: { MODELSHIP_FAIL_ON: "loud" },
    says: ["MODELSHIP_FAIL_ON", "loud"],
  },
  {
    name: "validate: --max-examples -3 is refused as a negative count, not an ambiguous argument",
    cli: validate("test.csv", "--max-examples", "-3"),
    says: ["--max-examples", '"-3"', /whole number/],
  },
  { name: "validate: --max-examples abc", cli: validate("test.csv", "--max-examples", "abc"), says: ["--max-examples", '"abc"'] },
  { name: "validate: --max-examples 1.5", cli: validate("test.csv", "--max-examples", "1.5"), says: ["--max-examples", /whole number/] },
  {
    name: "validate: MODELSHIP_JSON that is not a boolean",
    cli: validate("test.csv"),
    env: { MODELSHIP_JSON: "maybe" },
    says: ["MODELSHIP_JSON", "maybe", /true or false/],
  },
  { name: "validate: an unknown flag", cli: validate("test.csv", "--colour"), says: ["--colour", "modelship validate --help"] },
  { name: "validate: a flag without its value", cli: ["validate", "test.csv", "--contract"], says: ["--contract", /argument|value/] },
  {
    name: "validate: a bad flag is reported before a bad data file is read",
    files: { "bad.csv": "" },
    cli: validate("bad.csv", "--max-examples", "many"),
    says: ["--max-examples"],
  },
  {
    name: "validate: no data and no modelship.yaml",
    remove: ["modelship.yaml"],
    cli: ["validate", "--contract", "contract.yaml"],
    says: [/no data/i, "data.train"],
  },
  { name: "an unknown command", cli: ["frobnicate"], says: ['unknown command "frobnicate"'] },
  // ── modelship.yaml ────────────────────────────────────────────────────────
  {
    name: "modelship.yaml with a YAML syntax error",
    files: { "modelship.yaml": "model: toy\ndata:\n  contract: [contract.yaml\n" },
    cli: ["validate"],
    says: [/modelship\.yaml:\d+:\d+/, /syntax/i],
  },
  {
    name: "modelship.yaml that is an alias bomb",
    files: { "modelship.yaml": `model: toy\nx-bomb:\n${ALIAS_BOMB.replace(/^(?=.)/gm, "  ")}` },
    cli: ["validate"],
    says: ["modelship.yaml", /alias/i],
  },
  {
    name: "modelship.yaml with a second YAML document names the line it starts on",
    files: { "modelship.yaml": "model: toy\n---\nvalidate:\n  fail_on: error\n" },
    cli: ["validate"],
    says: ["modelship.yaml:2", /2 YAML documents/, /merge/],
  },
  {
    name: "modelship.yaml with an unknown key names its line and pointer",
    files: { "modelship.yaml": "model: toy\nvalidat:\n  fail_on: error\n" },
    cli: ["validate"],
    says: ["modelship.yaml:2", "/validat"],
  },
  {
    name: "modelship.yaml with a value of the wrong type",
    files: { "modelship.yaml": "model: toy\nvalidate:\n  max_examples: five\n" },
    cli: ["validate"],
    says: ["modelship.yaml:3", "/validate/max_examples"],
  },
  {
    name: "modelship.yaml of an unknown version",
    files: { "modelship.yaml": "version: 2\nmodel: toy\n" },
    cli: ["validate"],
    says: ["modelship.yaml:1", "/version"],
  },
  {
    name: "modelship.yaml that is a list",
    files: { "modelship.yaml": "- model: toy\n" },
    cli: ["validate"],
    says: ["modelship.yaml", /object|mapping/i],
  },
  {
    name: "modelship.yaml with two documents",
    files: { "modelship.yaml": "model: toy\n---\nmodel: other\n" },
    cli: ["validate"],
    says: ["modelship.yaml:2", /document/i],
  },
  { name: "--config that does not exist", cli: ["validate", "--config", "nope.yaml"], says: ["nope.yaml", /not found/] },
  {
    name: "--config that is a folder",
    files: { conf: { folder: true } },
    cli: ["validate", "--config", "conf"],
    says: ["conf", /directory|folder/],
  },
  {
    name: "MODELSHIP_CONFIG that does not exist",
    cli: ["validate"],
    env: { MODELSHIP_CONFIG: "missing.yaml" },
    says: ["missing.yaml", /not found/],
  },
  {
    name: "modelship.yaml naming a contract that does not exist",
    files: { "modelship.yaml": "model: toy\ndata:\n  contract: gone.yaml\n  train: train.csv\n" },
    cli: ["validate"],
    says: ["gone.yaml", /not found/],
  },
  // ── profile ───────────────────────────────────────────────────────────────
  {
    name: "profile: --bins 0",
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--bins", "0"],
    says: ["bins", /1|positive|at least/],
  },
  {
    name: "profile: --bins -3",
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--bins", "-3"],
    says: ["--bins", '"-3"'],
  },
  {
    name: "profile: --top-k abc",
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--top-k", "abc"],
    says: ["--top-k"],
  },
  {
    name: "profile: --output that is a folder",
    files: { out: { folder: true } },
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "out"],
    says: ["--output", "out", /folder/],
  },
  {
    name: "profile: --output under a file",
    files: { taken: "x" },
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "taken/p.json"],
    says: ["--output", "taken", /is a file/],
  },
  {
    name: "profile: --bins-from that does not exist",
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--bins-from", "nope.json"],
    says: ["nope.json", /not found/],
  },
  {
    name: "profile: --bins-from that is not a profile",
    files: { "other.json": '{"hello": 1}\n' },
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--bins-from", "other.json"],
    says: ["other.json"],
  },
  {
    name: "profile: --bins-from that is not JSON",
    files: { "other.json": "{ not json" },
    cli: ["profile", "train.csv", "--contract", "contract.yaml", "--output", "p.json", "--bins-from", "other.json"],
    says: ["other.json:1"],
  },
  {
    name: "profile: --bins-from a profile of another contract names --bins-from",
    files: {
      "c2.yaml":
        "columns:\n  - { name: age, type: number }\n  - { name: hours, type: integer }\n  - { name: sex, type: string }\n  - { name: label, type: string }\n",
    },
    cli: ["profile", "train.csv", "--contract", "c2.yaml", "--output", "p.json", "--bins-from", "profile.json"],
    says: ["--bins-from", /another schema/],
  },
  {
    name: "profile: no contract and no modelship.yaml",
    remove: ["modelship.yaml"],
    cli: ["profile", "train.csv", "--output", "p.json"],
    says: ["--contract", "data.contract"],
  },
  {
    name: "profile: a semicolon-separated file says to set dialect.delimiter",
    files: { "semi.csv": "age;hours;sex;label\n30;40;F;no\n" },
    cli: ["profile", "semi.csv", "--contract", "contract.yaml", "--output", "p.json"],
    says: ["semi.csv:1", 'delimiter: ";"'],
  },
  { name: "profile merge: only one profile", cli: ["profile", "merge", "profile.json", "--output", "m.json"], says: [/at least two/] },
  {
    name: "profile merge: a profile that is not JSON",
    files: { "bad.json": "{\n  oops\n" },
    cli: ["profile", "merge", "profile.json", "bad.json", "--output", "m.json"],
    says: ["bad.json"],
  },
  {
    name: "profile merge: profiles made with other bins",
    setup: (work) => modelshipIn(work, ["profile", "test.csv", "--contract", "contract.yaml", "--output", "five.json", "--bins", "5"]),
    cli: ["profile", "merge", "profile.json", "five.json", "--output", "m.json"],
    says: [/bins|edges|settings/],
  },
  // ── contract ──────────────────────────────────────────────────────────────
  { name: "contract: no subcommand", cli: ["contract"], says: ["contract infer", "contract diff"] },
  { name: "contract: an unknown subcommand", cli: ["contract", "guess"], says: ['"contract guess"'] },
  { name: "contract infer: no data", cli: ["contract", "infer"], says: [/needs a data file/] },
  {
    name: "contract infer: --output that exists is not clobbered",
    cli: ["contract", "infer", "train.csv", "--output", "contract.yaml"],
    says: ["contract.yaml", "--force"],
  },
  {
    name: "contract infer: --output under a file",
    files: { taken: "x" },
    cli: ["contract", "infer", "train.csv", "--output", "taken/c.yaml"],
    says: ["--output", "taken"],
  },
  { name: "contract infer: --max-enum -1", cli: ["contract", "infer", "train.csv", "--max-enum", "-1"], says: ["--max-enum", '"-1"'] },
  {
    name: "contract infer: --target that is not a column",
    cli: ["contract", "infer", "train.csv", "--target", "income"],
    says: ["income", /column/],
  },
  {
    name: "contract infer: a two-character --delimiter",
    cli: ["contract", "infer", "train.csv", "--delimiter", ";;"],
    says: ["delimiter", /one character|single/i],
  },
  {
    name: "contract infer: an empty data file",
    files: { "empty.csv": "" },
    cli: ["contract", "infer", "empty.csv"],
    says: ["empty.csv", /empty/i],
  },
  { name: "contract diff: one contract", cli: ["contract", "diff", "contract.yaml"], says: [/two contracts/] },
  {
    name: "contract diff: a broken contract",
    files: { "c.yaml": "columns:\n  - name: age\n    type: int\n" },
    cli: ["contract", "diff", "contract.yaml", "c.yaml"],
    says: ["c.yaml:3", "/columns/0/type"],
  },
  // ── drift's reference, checked against the contract ──────────────────────
  {
    name: "drift: a reference profile of another contract names --reference, not --bins-from",
    files: {
      "c2.yaml":
        "columns:\n  - { name: age, type: number }\n  - { name: hours, type: integer }\n  - { name: sex, type: string }\n  - { name: label, type: string }\n",
      "modelship.yaml": "model: toy\ndata:\n  contract: c2.yaml\n",
    },
    cli: ["drift", "test.csv", "--reference", "profile.json", "--report-dir", "drift"],
    says: ["--reference", /another schema/],
  },
];
