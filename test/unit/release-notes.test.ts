/**
 * scripts/lib/changelog.ts and scripts/release-notes.ts on a CHANGELOG.md written here: the notes of
 * a version are its section's body alone (not the next section, not the link definitions that close
 * the file, not a `## ` inside a code block), plus its comparison link; a missing, duplicated,
 * undated or empty section fails with the file, line and fix, and the script exits 1 without a stack.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { isUserError, type UserError } from "../../src/common/errors.ts";
import { parseChangelog, releaseNotes } from "../../scripts/lib/changelog.ts";

const ROOT = join(import.meta.dirname, "../..");

const CHANGELOG = `# Changelog

All notable changes are written here.

## [Unreleased]

### Added

- Something on main.

## [1.3.0] - 2026-11-02

### Added

- Blue-green rollouts.

\`\`\`yaml
## not a heading: a comment in a code block
strategy: blue-green
\`\`\`

### Fixed

- The canary's summary is escaped.

## [1.2.0] - 2026-10-01

### Changed

- Node 24.

[unreleased]: https://github.com/modelship/modelship/compare/v1.3.0...HEAD
[1.3.0]: https://github.com/modelship/modelship/compare/v1.2.0...v1.3.0
[1.2.0]: https://github.com/modelship/modelship/releases/tag/v1.2.0
`;

/** The UserError `run` throws. */
function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    assert.ok(isUserError(error), `not a UserError: ${String(error)}`);
    return error;
  }
  assert.fail("no error");
}

describe("releaseNotes", () => {
  test("a middle section: its body up to the next heading, a code block's `## ` included, and its link", () => {
    const expected = [
      "### Added",
      "",
      "- Blue-green rollouts.",
      "",
      "```yaml",
      "## not a heading: a comment in a code block",
      "strategy: blue-green",
      "```",
      "",
      "### Fixed",
      "",
      "- The canary's summary is escaped.",
      "",
      "**Full changelog**: https://github.com/modelship/modelship/compare/v1.2.0...v1.3.0",
      "",
    ].join("\n");
    assert.equal(releaseNotes(CHANGELOG, "v1.3.0"), expected);
    assert.equal(releaseNotes(CHANGELOG, "1.3.0"), expected);
  });

  test("the last section stops before the link definitions that close the file", () => {
    assert.equal(
      releaseNotes(CHANGELOG, "v1.2.0"),
      "### Changed\n\n- Node 24.\n\n**Full changelog**: https://github.com/modelship/modelship/releases/tag/v1.2.0\n",
    );
  });

  test("sections in order, with their dates and heading lines; CRLF files read the same", () => {
    const { sections } = parseChangelog(CHANGELOG.replace(/\n/g, "\r\n"));
    assert.deepEqual(
      sections.map(({ label, date, line }) => ({ label, date, line })),
      [
        { label: "Unreleased", date: undefined, line: 5 },
        { label: "1.3.0", date: "2026-11-02", line: 11 },
        { label: "1.2.0", date: "2026-10-01", line: 26 },
      ],
    );
  });

  test("a version without a section names the versions there and the fix", () => {
    const error = userError(() => releaseNotes(CHANGELOG, "v1.4.0"));
    assert.equal(error.file, "CHANGELOG.md");
    assert.match(error.problem, /no section for 1\.4\.0 \(versions here: 1\.3\.0, 1\.2\.0\)/);
    assert.match(error.hint ?? "", /## \[1\.4\.0\] - \d{4}-\d{2}-\d{2}/);
    // Unreleased is never a release's notes.
    assert.match(userError(() => releaseNotes(CHANGELOG, "Unreleased")).problem, /not a version like 1\.3\.0/);
  });

  test("an undated, empty or duplicated section fails at its line", () => {
    const undated = userError(() => releaseNotes(CHANGELOG.replace("## [1.3.0] - 2026-11-02", "## [1.3.0]"), "1.3.0"));
    assert.deepEqual([undated.line, undated.problem], [11, "the section for 1.3.0 has no release date"]);
    const empty = userError(() => releaseNotes("# Changelog\n\n## [2.0.0] - 2026-12-01\n\n## [1.0.0] - 2026-01-01\n- x\n", "2.0.0"));
    assert.deepEqual([empty.line, empty.problem], [3, "the section for 2.0.0 is empty"]);
    const twice = userError(() => releaseNotes(`${CHANGELOG}\n## [1.2.0] - 2026-10-02\n- again\n`, "1.2.0"));
    assert.equal(twice.line, 36); // 34 lines, the blank one the file ends with (35), then the heading
    assert.match(twice.problem, /2 sections for 1\.2\.0, at lines 26, 36/);
  });
});

describe("scripts/release-notes.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "release-notes-"));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const changelog = join(dir, "CHANGELOG.md");
  writeFileSync(changelog, CHANGELOG);
  const script = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "scripts/release-notes.ts"), "--changelog", changelog, ...args], { encoding: "utf8" });

  test("--out writes the notes", () => {
    const out = join(dir, "notes", "notes.md");
    const result = script("--version", "v1.2.0", "--out", out);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(out, "utf8"), releaseNotes(CHANGELOG, "1.2.0"));
  });

  test("a missing section exits 1 with the file and the fix, no stack trace", () => {
    const result = script("--version", "v9.9.9");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /CHANGELOG\.md: no section for 9\.9\.9/);
    assert.match(result.stderr, /Fix: move the entries of ## \[Unreleased\]/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(result.stdout, "");
    assert.equal(script().status, 2, "--version is required");
  });
});

describe("CHANGELOG.md", () => {
  test("opens with [Unreleased]; every released section is dated and has notes", () => {
    const text = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    const { sections } = parseChangelog(text);
    assert.equal(sections[0]?.label, "Unreleased");
    assert.notEqual(sections[0].body.trim(), "");
    for (const section of sections.slice(1)) assert.ok(releaseNotes(text, section.label).trim() !== "", section.label);
  });
});
