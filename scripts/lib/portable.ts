/**
 * Finds what would break on a stranger's clone: a tracked file that names the project's shared
 * notes folder beside the repository, or an absolute path of one machine (a home, a work folder, a
 * temp folder). Tests, benches and scripts must use what ships in the repository (datasets/adult/,
 * test/support/) or paths relative to their own file, and `os.tmpdir()` for scratch space.
 *
 * Allowed absolute paths are those a documented system package puts on every machine
 * (`/usr/bin/python3`, `/usr/bin/prometheus`, `/usr/bin/time`, …) and paths inside a container or
 * a made-up example (`/mnt/models`, `/srv/registry`, `/etc/passwd` as an attack), which name no
 * developer's machine.
 */

/** The folders the rule covers (tracked files under them), and the root files that configure the build. */
export const PORTABLE_ROOTS = ["src/", "test/", "bench/", "scripts/", "bin/"];
export const PORTABLE_FILES = ["package.json", "tsconfig.json", "eslint.config.js"];

interface Rule {
  pattern: RegExp;
  what: string;
  fix: string;
}

const SHARED_FIX = "use the copy that ships in the repository (datasets/adult/ for the Adult data) or derive the value in the test";

const RULES: Rule[] = [
  { pattern: /\.\.[/\\]shared\b/g, what: "the shared folder beside the repository", fix: SHARED_FIX },
  {
    pattern: /(?<![\w./\\-])shared[/\\](?:datasets|research|upstream-crds|hooks|STYLE\.md|DESIGN\.md)\b/g,
    what: "the shared folder beside the repository",
    fix: SHARED_FIX,
  },
  {
    pattern: /\bcrosscheck(?:\.py|_output\.json)|\banchors-(?:quality|gitops|ml-actions)\.md\b/g,
    what: "a research note outside the repository",
    fix: SHARED_FIX,
  },
  {
    // A path that starts a word, a string or a file:// URL; the same folder names inside a URL or after
    // another folder's name are a relative part, not a machine's path.
    pattern: /(?<=^|[\s"'`([{=,]|file:\/\/)\/(?:work|home|Users|root|tmp|private\/var|var\/folders|var\/tmp)\/[^\s"'`)\]]*/g,
    what: "an absolute path of one machine",
    fix: "build the path from import.meta.dirname (inside the repository) or os.tmpdir() (scratch space)",
  },
  {
    // As written in a file or inside a string literal (a doubled backslash), or with forward slashes.
    pattern: /\b[A-Za-z]:(?:\\{1,2}|\/)(?:Users|work|temp|tmp)(?:\\{1,2}|\/)[^\s"'`]*/gi,
    what: "an absolute Windows path of one machine",
    fix: "build the path from import.meta.dirname or os.tmpdir()",
  },
];

export interface PortableFinding {
  file: string;
  line: number;
  column: number;
  text: string;
  message: string;
}

/** Every non-portable path in `text`, a file at `file` relative to the repository root. */
export function findNonPortable(file: string, text: string): PortableFinding[] {
  const findings: PortableFinding[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    for (const rule of RULES) {
      for (const match of line.matchAll(rule.pattern)) {
        findings.push({ file, line: index + 1, column: match.index + 1, text: match[0], message: `names ${rule.what}: ${rule.fix}` });
      }
    }
  });
  return findings;
}

/** True for a tracked path the rule covers. */
export function coveredByPortableRule(path: string): boolean {
  return PORTABLE_FILES.includes(path) || PORTABLE_ROOTS.some((root) => path.startsWith(root));
}
