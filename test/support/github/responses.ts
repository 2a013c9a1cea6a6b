/** What a resource handler returns, GitHub's error shapes, and page slicing with a `Link` header. */
import type { RenderContext } from "./render.ts";

/** One handler's answer; the server validates `body` against the operation's response schema. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Everything a handler gets about one request. */
export interface HandlerContext extends RenderContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The login of the token's user. */
  login: string;
  /** The request path (without query), to build pagination links. */
  path: string;
  /** The request's `content-type` (release asset uploads keep it). */
  contentType: string | undefined;
  /** The request's `accept` (`application/octet-stream` asks for a release asset's bytes). */
  accept?: string;
}

/** A handler for one operation; one that asks git (a linked remote) answers later. */
export type Handler = (context: HandlerContext) => HandlerResult | Promise<HandlerResult>;

const DOCS = "https://docs.github.com/rest";

/** GitHub's 404 body. */
export function notFound(): HandlerResult {
  return { status: 404, body: { message: "Not Found", documentation_url: DOCS, status: "404" } };
}

/** GitHub's 422 body with its `errors: [{resource, field, code}]` list. */
export function validationFailed(errors: { resource: string; field?: string; code: string; message?: string }[]): HandlerResult {
  return { status: 422, body: { message: "Validation Failed", errors, documentation_url: DOCS, status: "422" } };
}

/** A plain GitHub error body for any status. */
export function errorResult(status: number, message: string): HandlerResult {
  return { status, body: { message, documentation_url: DOCS, status: String(status) } };
}

/**
 * Serves one page of `items` the way GitHub does: `per_page` (default 30, at most 100) and `page`
 * (1-based), with a `Link` header carrying first/prev/next/last so Octokit's paginate can follow it.
 */
export function paginate(context: HandlerContext, items: unknown[]): HandlerResult {
  const perPage = Math.min(Math.max(Number.parseInt(context.query.per_page ?? "30", 10) || 30, 1), 100);
  const page = Math.max(Number.parseInt(context.query.page ?? "1", 10) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const body = items.slice((page - 1) * perPage, page * perPage);
  const link = (target: number, rel: string): string => {
    const query = new URLSearchParams({ ...context.query, per_page: String(perPage), page: String(target) });
    return `<${context.apiUrl}${context.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { status: 200, body, headers: links.length === 0 ? {} : { link: links.join(", ") } };
}

/** Parses a path parameter that must be a positive integer; `undefined` when it is not one. */
export function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9]\d*$/.test(value)) return undefined;
  return Number(value);
}
