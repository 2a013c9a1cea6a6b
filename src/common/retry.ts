/** Retry settings shared by every client that backs off (the GitHub client, the release store, downloads). */

/** `MODELSHIP_RETRY_BASE_MS`: how long one backoff unit lasts, in ms (tests set it small); undefined when unset or not a whole number. */
export function retryBaseFromEnv(): number | undefined {
  const value = process.env.MODELSHIP_RETRY_BASE_MS;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
