/** OWNER/REPO names of GitHub repositories, as modelship.yaml's schema accepts them. */

/** A repository's owner and name. */
export interface RepositoryName {
  owner: string;
  repo: string;
}

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** `OWNER/REPO` split into its parts, or undefined when `text` is not one (callers word their own errors). */
export function parseRepository(text: string): RepositoryName | undefined {
  const match = REPOSITORY.exec(text);
  return match === null ? undefined : { owner: match[1]!, repo: match[2]! };
}
