/**
 * Whether argv asks only for the version (`modelship --version`, `modelship version`, with -v or
 * --verbose anywhere before `--`), decided as run-cli.ts decides it, so the entry can answer before
 * loading any command. Imports nothing: it runs on every start.
 */
export function isVersionRequest(argv: readonly string[]): boolean {
  const end = argv.includes("--") ? argv.indexOf("--") : argv.length;
  const name = argv.find((arg, index) => !(index < end && (arg === "--verbose" || arg === "-v")));
  return name === "--version" || name === "version";
}
