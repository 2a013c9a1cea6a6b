/**
 * Reference profiles of data files: `profileData` streams files through the readers, `mergeProfiles`
 * combines shards, `readProfile` loads one back. The pieces live beside this file: the builder,
 * column accumulators, histograms, merging and reading, and the KLL sketch in `sketch/`.
 */
import type { ReferenceProfile } from "./profile-types.ts";
import { profileSources, type ProfileOptions } from "./profile-sources.ts";
import { readOptionsFor } from "../contract/load-contract.ts";
import { openTable } from "../readers/open-table.ts";
import { redactProfile } from "../pii/redact-reports.ts";
import { redactorFor, type Redactor } from "../pii/redact.ts";

export { mergeProfiles } from "./profile-merge.ts";
export { schemaHash } from "./profile-builder.ts";
export { readProfile } from "./profile-read.ts";
export type { ProfileOptions } from "./profile-sources.ts";
export type * from "./profile-types.ts";
export { PROFILE_DEFAULTS, REFERENCE_PROFILE_SCHEMA } from "./profile-types.ts";

/**
 * Profiles data files (read with the contract's dialect) into a schema-checked, mergeable reference
 * profile, with the values of redacted columns hidden (`redactProfile`): by default under the
 * contract and the key in MODELSHIP_REDACTION_KEY, since a profile is released and may be public.
 */
export async function profileData(options: ProfileOptions & { redactor?: Redactor }): Promise<ReferenceProfile> {
  const read = readOptionsFor(options.contract);
  const redactor = options.redactor ?? redactorFor(options.contract);
  const profile = await profileSources({ ...options, open: (path) => openTable(path, read), read, redactor });
  return redactProfile(profile, redactor);
}
