/**
 * HTML building for the dashboard (`modelship site`): every string from a report, manifest or
 * registry is untrusted (a pull request's author names the model, writes the card, names the
 * columns and the groups). Markup is built only with the tagged template `markup` (not `html`, which
 * Prettier would reformat as HTML), which escapes every interpolated value, in content and in quoted
 * attributes alike, unless it is already `Html` (made here); so forgetting to escape is not possible
 * by concatenation. A link is made only to an http(s) URL (`safeHref`): never `javascript:`, `data:`
 * or any other scheme.
 */

/** Markup that is safe to place in a page as is: only this module makes one. */
export class Html {
  readonly #markup: string;
  constructor(markup: string, key: symbol) {
    if (key !== TRUSTED) throw new Error("Html is made only by html.ts");
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

const TRUSTED = Symbol("trusted markup");

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** Escapes text for an element's content or a quoted attribute value; control characters but tab and newline are dropped. */
export function escapeHtml(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

/** A value placed in markup: Html as is, arrays joined, numbers and strings escaped; null, undefined and false are nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.toString();
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join("");
  return escapeHtml(String(value));
}

/** The tagged template of all markup: the literal parts are ours, every `${value}` is escaped unless it is Html. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new Html(out, TRUSTED);
}

/** Markup from text we wrote ourselves (a constant, never data). */
export function trusted(text: string): Html {
  return new Html(text, TRUSTED);
}

/** Joins markup pieces. */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ""): Html {
  const rendered = parts.map(render);
  return new Html(rendered.join(render(separator)), TRUSTED);
}

/**
 * The URL as a link target when it is an absolute http(s) URL, else undefined (then shown as text):
 * no `javascript:`, `data:`, `file:` or relative URL from data reaches an href.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  if (parsed.username !== "" || parsed.password !== "") return undefined;
  return parsed.href;
}

/** A link to `url` when it is http(s), else the label alone (escaped). */
export function externalLink(url: string | undefined, label: string): Html {
  const href = safeHref(url);
  return href === undefined ? markup`${label}` : markup`<a href="${href}" rel="noopener noreferrer">${label}</a>`;
}
