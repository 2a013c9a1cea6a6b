/**
 * Commands printed for a user to paste into a POSIX shell (bash, zsh, sh): each word quoted only
 * when it must be, in single quotes (inside which a shell expands nothing), so what the shell runs
 * is exactly the argv the demo ran.
 */

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a shell word: unchanged when safe, else single-quoted ('\'' for a single quote). */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** An argv as one line of shell words. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}

/**
 * `npx modelship ARGS…` run in `dir` (relative to the repository root; "" or "." is the root), as a
 * line to paste from the repository root: npx runs the project's own `modelship` bin on the Node 24
 * that `npm ci` installed, from any folder below the root (docs/demo.md).
 */
export function modelshipCommandLine(dir: string, args: readonly string[]): string {
  const command = shellLine(["npx", "modelship", ...args]);
  return dir === "" || dir === "." ? command : `(cd ${shellQuote(dir)} && ${command})`;
}
