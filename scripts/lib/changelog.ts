/**
 * Reads a CHANGELOG.md in the Keep a Changelog format (https://keepachangelog.com/en/1.1.0/): one
 * `## [VERSION] - YYYY-MM-DD` section per release, newest first, under an `## [Unreleased]` section,
 * with the link reference definitions (`[1.3.0]: https://…/compare/v1.2.0...v1.3.0`) at the end.
 * The release workflow (.github/workflows/release.yml) writes a GitHub Release's notes from the
 * section of the version it releases (scripts/release-notes.ts), so a release says what CHANGELOG.md
 * says and a release without its section fails before anything is tagged or published.
 */
import { UserError } from "../../src/common/errors.ts";

/** One `## ` section: its heading's label (`1.3.0`, `Unreleased`), date and body. */
export interface ChangelogSection {
  label: string;
  date: string | undefined;
  yanked: boolean;
  /** 1-based line of the heading. */
  line: number;
  /** The lines under the heading up to the next `## ` heading, blank lines at either end dropped. */
  body: string;
}

/** `## [1.3.0] - 2026-12-06`, `## 1.3.0 - 2026-12-06 [YANKED]`, `## [Unreleased]` (KaC allows an en or em dash too). */
const HEADING = /^##\s+\[?([^\]\s]+)\]?(?:\s+[-–—]\s+(\S+))?(\s+\[YANKED\])?\s*$/i;
/** A link reference definition: `[label]: url`. */
const LINK_DEFINITION = /^\s{0,3}\[([^\]]+)\]:\s*(\S+)/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** The file's `## ` sections in order, and its link definitions by lower-cased label. */
export function parseChangelog(text: string): { sections: ChangelogSection[]; links: Map<string, string> } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const links = new Map<string, string>();
  for (const line of lines) {
    const match = LINK_DEFINITION.exec(line);
    if (match) links.set(match[1]!.toLowerCase(), match[2]!);
  }
  const starts: { index: number; label: string; date: string | undefined; yanked: boolean }[] = [];
  let fence = false;
  lines.forEach((line, index) => {
    if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
    if (fence || !line.startsWith("## ")) return;
    const match = HEADING.exec(line);
    starts.push({ index, label: match?.[1] ?? line.slice(3).trim(), date: match?.[2], yanked: match?.[3] !== undefined });
  });
  const labels = new Set(starts.map((start) => start.label.toLowerCase()));
  const sections = starts.map((start, position) => {
    const end = starts[position + 1]?.index ?? lines.length;
    // The definitions of the versions' own links close the file: they belong to no section.
    const body = lines.slice(start.index + 1, end).filter((line) => !labels.has(LINK_DEFINITION.exec(line)?.[1]?.toLowerCase() ?? "\0"));
    while (body.length > 0 && body[0]!.trim() === "") body.shift();
    while (body.length > 0 && body.at(-1)!.trim() === "") body.pop();
    return { label: start.label, date: start.date, yanked: start.yanked, line: start.index + 1, body: body.join("\n") };
  });
  return { sections, links };
}

/**
 * The release notes of `version` (`1.3.0` or `v1.3.0`): its section's body, and a line linking its
 * comparison when the file defines one. A missing, duplicated, undated or empty section is a
 * UserError naming `file`, the line and the fix.
 */
export function releaseNotes(text: string, version: string, file = "CHANGELOG.md"): string {
  const wanted = VERSION.exec(version.trim())?.[1];
  if (wanted === undefined)
    throw new UserError(`"${version}" is not a version like 1.3.0`, { hint: "pass the version being released: --version v1.3.0" });
  const { sections, links } = parseChangelog(text);
  const matching = sections.filter((section) => section.label.replace(/^v/, "") === wanted);
  const heading = `## [${wanted}] - ${new Date().toISOString().slice(0, 10)}`;
  if (matching.length === 0) {
    const versions = sections.map((section) => section.label).filter((label) => label.toLowerCase() !== "unreleased");
    throw new UserError(`no section for ${wanted} (versions here: ${versions.join(", ") || "none"})`, {
      file,
      hint: `move the entries of ## [Unreleased] under a new \`${heading}\` heading and commit it before releasing`,
    });
  }
  if (matching.length > 1)
    throw new UserError(`${matching.length} sections for ${wanted}, at lines ${matching.map((section) => section.line).join(", ")}`, {
      file,
      line: matching[1]!.line,
      hint: "merge them into one section",
    });
  const section = matching[0]!;
  if (section.date === undefined || !ISO_DATE.test(section.date))
    throw new UserError(`the section for ${wanted} has no release date`, {
      file,
      line: section.line,
      hint: `date it as Keep a Changelog does: \`${heading}\``,
    });
  if (section.body.trim() === "")
    throw new UserError(`the section for ${wanted} is empty`, {
      file,
      line: section.line,
      hint: "list what changed under ### Added, ### Changed, ### Fixed, … headings",
    });
  const link = links.get(section.label.toLowerCase());
  return `${section.body}\n${link === undefined ? "" : `\n**Full changelog**: ${link}\n`}`;
}
