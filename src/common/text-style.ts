/**
 * Plain text for people at a terminal: the shared options every report's text renderer takes, and
 * the few styles they use. Colour is decided once, by the face (the CLI), and passed down, so a
 * renderer is a pure function of its report and these options (and its golden text is testable).
 */

/** How a report's text is rendered. */
export interface TextOptions {
  /** ANSI colours (a TTY without NO_COLOR). */
  color: boolean;
  /** `-v`: list what passed too, not only what failed or warned. */
  verbose: boolean;
  /** `-q`: only failures and errors (the verdict line stays, so silence is never ambiguous). */
  quiet: boolean;
}

export const PLAIN: TextOptions = { color: false, verbose: false, quiet: false };

/** Whether to colour: only on a TTY, never with NO_COLOR set (https://no-color.org: any non-empty value), and with FORCE_COLOR (non-empty, not "0") even off a TTY. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof CODES;

/** `text` in `style` when colour is on, else `text` unchanged. */
export function paint(options: Pick<TextOptions, "color">, style: Style, text: string): string {
  if (!options.color || text === "") return text;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/** Strips ANSI escapes, for widths and for tests. */
export function unstyled(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character is what this removes
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** `n thing` or `n things` (English plural by `s`, or the plural given). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}
