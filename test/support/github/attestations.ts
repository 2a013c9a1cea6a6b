/**
 * Artifact attestations: list a repository's attestations of one subject digest, as
 * `actions/attest-build-provenance` stores them. GitHub answers 404 when there are none, and pages
 * with opaque `before`/`after` cursors in the `Link` header instead of page numbers.
 */
import { errorResult, notFound, type Handler, type HandlerContext, type HandlerResult } from "./responses.ts";
import { repoKey, type RepoRecord } from "./state.ts";

/** Where a repository's attestations of a digest are kept in `FakeState.attestations`. */
export function attestationKey(repo: RepoRecord, subjectDigest: string): string {
  return `${repoKey(`${repo.owner}/${repo.name}`)}#${subjectDigest.toLowerCase()}`;
}

/** An opaque-looking cursor for the position after `index` attestations. */
function cursor(index: number): string {
  return Buffer.from(`attestation-cursor:${index}`).toString("base64url");
}

function position(value: string): number | undefined {
  const match = /^attestation-cursor:(\d+)$/.exec(Buffer.from(value, "base64url").toString("utf8"));
  return match === null ? undefined : Number(match[1]);
}

function listAttestations(context: HandlerContext): HandlerResult {
  const repo = context.state.findRepo(context.params.owner!, context.params.repo!);
  const subjectDigest = context.params.subject_digest!;
  const stored = repo === undefined ? [] : (context.state.attestations.get(attestationKey(repo, subjectDigest)) ?? []);
  if (repo === undefined || stored.length === 0) return notFound();
  const perPage = Math.min(Math.max(Number.parseInt(context.query.per_page ?? "30", 10) || 30, 1), 100);
  const after = context.query.after;
  const before = context.query.before;
  const cursorValue = after ?? before;
  const at = cursorValue === undefined ? 0 : position(cursorValue);
  if (at === undefined || at > stored.length) return errorResult(400, "Invalid cursor");
  const start = before === undefined ? at : Math.max(at - perPage, 0);
  const end = before === undefined ? Math.min(at + perPage, stored.length) : at;
  const link = (rel: string, name: "after" | "before", index: number): string => {
    const query = new URLSearchParams({ per_page: String(perPage), [name]: cursor(index) });
    return `<${context.apiUrl}${context.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (end < stored.length) links.push(link("next", "after", end));
  if (start > 0) links.push(link("prev", "before", start));
  return {
    status: 200,
    body: {
      attestations: stored.slice(start, end).map((bundle) => ({ bundle, repository_id: repo.id })),
    },
    headers: links.length === 0 ? {} : { link: links.join(", ") },
  };
}

/** Handlers for the attestation operations, by operationId. */
export const attestationHandlers: Record<string, Handler> = { "repos/list-attestations": listAttestations };
