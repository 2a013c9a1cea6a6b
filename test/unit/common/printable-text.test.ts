/** The renderers' shared helpers: escaping what must not reach a terminal raw, and short numbers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bytes, mark, percent, printable, shortSha, significant, truncateLines } from "../../../src/common/printable-text.ts";

test("printable escapes controls, bidi and zero-width characters, separators and lone surrogates, and nothing else", () => {
  assert.equal(printable("a\u001b[31mred\u001b[0m"), "a\\u001b[31mred\\u001b[0m");
  assert.equal(printable("line\nnext\r\ttab"), "line\\nnext\\r\\ttab");
  assert.equal(printable("\u0000\u007f\u0085\u009b"), "\\u0000\\u007f\\u0085\\u009b", "NUL, DEL and C1 (NEL, CSI)");
  assert.equal(printable("abc\u202edcba\u2066x\u2069"), "abc\\u202edcba\\u2066x\\u2069", "bidi override and isolates");
  assert.equal(printable("a\u200bb\ufeff\u00ad"), "a\\u200bb\\ufeff\\u00ad", "zero-width space, BOM, soft hyphen");
  assert.equal(printable("\u2028\u2029"), "\\u2028\\u2029");
  assert.equal(printable("\ud800x"), "\\ud800x", "a lone surrogate");
  assert.equal(printable("tag\u{e0041}"), "tag\\u{e0041}", "a tag character beyond the BMP");
  const ordinary = 'Ünïcödé 名前 emoji 🚀 "quotes" \\ back <html> | pipes';
  assert.equal(printable(ordinary), ordinary);
});

test("significant: four significant digits, integers in full, tiny and missing values", () => {
  assert.equal(significant(0.8223684210526315), "0.8224");
  assert.equal(significant(0.34126), "0.3413");
  assert.equal(significant(12345.678), "12,350");
  assert.equal(significant(4000), "4,000");
  assert.equal(significant(-0.000123456), "-0.0001235");
  assert.equal(significant(1.23456e-7), "1.235e-7", "below 1e-4 with an exponent");
  assert.equal(significant(0.5, 3), "0.5");
  assert.equal(significant(null), "—");
  assert.equal(significant(Number.NaN), "—");
  assert.equal(significant(Number.NEGATIVE_INFINITY), "-∞");
});

test("percent, bytes and shortSha", () => {
  assert.equal(percent(3 / 1000), "0.30%");
  assert.equal(percent(1 / 40000), "<0.01%");
  assert.equal(percent(0), "0.00%");
  assert.equal(percent(1), "100.00%");
  assert.equal(bytes(812), "812 B");
  assert.equal(bytes(12_595), "12.3 KiB"); // 12,595 / 1,024 = 12.2998
  assert.equal(bytes(4 * 1024 * 1024), "4.0 MiB");
  assert.equal(shortSha(`sha256:${"0123456789abcdef".repeat(4)}`), "0123456789ab");
});

test("mark: a symbol per outcome, coloured only when asked", () => {
  assert.deepEqual(
    (["pass", "fail", "warn", "skip", "info"] as const).map((status) => mark({ color: false }, status)),
    ["✓", "✗", "!", "-", "·"],
  );
  assert.equal(mark({ color: true }, "fail"), "\u001b[31m✗\u001b[39m");
});

test("truncateLines keeps what fits and counts the rest on the last line", () => {
  assert.deepEqual(truncateLines(["a", "b"], 2, "x"), ["a", "b"]);
  assert.deepEqual(truncateLines(["a", "b", "c", "d"], 3, "report.json", "  "), ["a", "b", "  … and 2 more (see report.json)"]);
});
