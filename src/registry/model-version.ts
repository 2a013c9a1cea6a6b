/**
 * Model versions are semantic versions (MAJOR.MINOR.PATCH, optionally -prerelease); tags follow a
 * configurable format, `{model}/v{version}` by default, so one repository can hold many models.
 */
import { UserError } from "../common/errors.ts";
import { refNameProblem } from "../common/ref-name.ts";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export const DEFAULT_TAG_FORMAT = "{model}/v{version}";

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

/** Parses a version (a leading "v" is allowed); undefined when it is not one. */
export function parseVersion(text: string): SemVer | undefined {
  const match = SEMVER.exec(text.startsWith("v") ? text.slice(1) : text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split(".") ?? [] };
}

/**
 * The version without a leading "v", or a UserError saying what a version looks like. `setting` names
 * where the text came from (a flag, a variable, an input) for the fix.
 */
export function normalizeVersion(text: string, setting?: string): string {
  if (parseVersion(text) === undefined) {
    const build = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(\+.*)$/.exec(text)?.[1];
    const example = "a semantic version like 1.4.0 (or v1.4.0, 2.0.0-rc.1)";
    throw new UserError(
      build === undefined
        ? `"${text}" is not a version`
        : `"${text}" is not a version a release can have: it carries build metadata (${build})`,
      {
        hint: `${setting === undefined ? "give" : `give ${setting}`} ${example}${build === undefined ? "" : `, without the ${build} part`}`,
      },
    );
  }
  return text.startsWith("v") ? text.slice(1) : text;
}

/** Semantic-version order (prereleases before their release, identifiers compared as semver says). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new Error(`compareVersions: "${a}" or "${b}" is not a version`);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  if (x.prerelease.length === 0 || y.prerelease.length === 0) return Math.sign(y.prerelease.length - x.prerelease.length);
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

export type Bump = "patch" | "minor" | "major";

/** The next version after `latest` (or 0.1.0 / 1.0.0 / 0.0.1 when there is none). */
export function bumpVersion(latest: string | undefined, bump: Bump): string {
  if (latest === undefined) return bump === "major" ? "1.0.0" : bump === "minor" ? "0.1.0" : "0.0.1";
  const v = parseVersion(latest)!;
  // A prerelease bumps to the release it leads to when that release is of the asked size (as npm and
  // semver do): 1.2.0-rc.1 + patch or minor = 1.2.0, 2.0.0-rc.1 + major = 2.0.0.
  if (v.prerelease.length > 0) {
    if (bump === "patch" || (bump === "minor" && v.patch === 0) || (bump === "major" && v.minor === 0 && v.patch === 0))
      return `${v.major}.${v.minor}.${v.patch}`;
  }
  if (bump === "major") return `${v.major + 1}.0.0`;
  if (bump === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

/** Checks a model name: letters, digits, dot, dash, underscore (it becomes part of tags and paths). `setting` names where it was set. */
export function checkModelName(name: string, setting?: string): string {
  if (!MODEL_NAME.test(name))
    throw new UserError(`"${name}" is not a valid model name`, {
      hint: `${setting === undefined ? "use" : `give ${setting}`} letters, digits, '.', '-' and '_' (at most 100), starting with a letter or digit, e.g. adult-income`,
    });
  return name;
}

/**
 * Checks a tag format before any work: it has {version}, and fills in to a tag name git accepts
 * (for `model` and `version`, or a sample of each). `setting` names where the format was set.
 */
export function checkTagFormat(format: string, options: { model?: string; version?: string; setting?: string } = {}): string {
  const setting = options.setting ?? "the tag format";
  if (!format.includes("{version}"))
    throw new UserError(`tag format "${format}" has no {version}`, {
      hint: `give ${setting} a format with {version}, e.g. ${DEFAULT_TAG_FORMAT}`,
    });
  const tag = format.replaceAll("{model}", options.model ?? "model").replaceAll("{version}", options.version ?? "1.0.0");
  const problem = refNameProblem(tag);
  if (problem !== undefined)
    throw new UserError(`tag format "${format}" gives the tag "${tag}", which git does not accept as a tag name: ${problem}`, {
      hint: `give ${setting} a format of letters, digits, '.', '-', '_' and '/', e.g. ${DEFAULT_TAG_FORMAT}`,
    });
  return format;
}

/** The tag of a version: `format` with {model} and {version} filled in. */
export function tagFor(model: string, version: string, format = DEFAULT_TAG_FORMAT): string {
  if (!format.includes("{version}"))
    throw new UserError(`tag format "${format}" has no {version}`, { hint: `use e.g. ${DEFAULT_TAG_FORMAT}` });
  return format.replaceAll("{model}", model).replaceAll("{version}", version);
}

/** The version a tag holds for `model` under `format`, or undefined when the tag belongs to something else. */
export function versionFromTag(tag: string, model: string, format = DEFAULT_TAG_FORMAT): string | undefined {
  const [before, after] = format.replaceAll("{model}", model).split("{version}") as [string, string];
  if (!tag.startsWith(before) || !tag.endsWith(after)) return undefined;
  const version = tag.slice(before.length, tag.length - after.length);
  return parseVersion(version) !== undefined && !version.startsWith("v") ? version : undefined;
}

/** The model and version of a tag made with `format`, read without knowing the model (from a release URL). */
export function parseTag(tag: string, format = DEFAULT_TAG_FORMAT): { model: string; version: string } | undefined {
  const name = MODEL_NAME.source.slice(1, -1);
  const semver = SEMVER.source.slice(1, -1);
  const pattern = format
    .split(/(\{model\}|\{version\})/)
    .map((part) =>
      part === "{model}"
        ? `(?<model>${name})`
        : part === "{version}"
          ? `(?<version>${semver})`
          : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  const model = new RegExp(`^${pattern}$`, "i").exec(tag)?.groups?.model;
  const version = model === undefined ? undefined : versionFromTag(tag, model, format);
  return model === undefined || version === undefined ? undefined : { model, version };
}

/** True for a name checkModelName accepts. */
export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name);
}

/** `name`, `name@1.2.0`, `name@v1.2.0` or `name@latest`. */
export function parseModelRef(text: string): { model: string; version: string } {
  const at = text.lastIndexOf("@");
  const model = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? "latest" : text.slice(at + 1);
  if (model === "" || version === "")
    throw new UserError(`"${text}" is not MODEL or MODEL@VERSION`, { hint: "e.g. adult-income@1.2.0 or adult-income@latest" });
  return { model, version };
}
