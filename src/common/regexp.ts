/** Text as a regular expression that matches it literally (`/` escaped too, for patterns shown between slashes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
