/**
 * Carries a structural edit back onto the user's original text line by line. The `yaml` library
 * keeps comments, key order and scalar styles, but re-serialising a document also normalises
 * things nobody asked to change (blank lines, `{a: 1}` → `{ a: 1 }`, alignment spaces). So the
 * edit is computed as a line diff between two serialisations — before and after the change — and
 * only those hunks are spliced into the original, the way a three-way merge would. A pull request
 * then shows exactly the lines the rollout changes.
 */

/** The largest middle section (after common prefix and suffix) the quadratic LCS will take. */
const MAX_LCS_CELLS = 25_000_000;

/**
 * Splices the changes from `base` to `edited` into `original`, where `base` is a (possibly
 * normalised) rendering of `original`. Returns undefined when a change cannot be placed unambiguously.
 */
export function mergeLineEdits(original: string, base: string, edited: string): string | undefined {
  if (base === edited) return original;
  if (base === original) return edited;
  const a = original.split("\n");
  const b = base.split("\n");
  const c = edited.split("\n");
  const baseToOriginal = new Int32Array(b.length).fill(-1);
  for (const [ib, ia] of matchLines(b, a) ?? []) baseToOriginal[ib] = ia;
  const pairs = matchLines(b, c);
  if (pairs === undefined) return undefined;
  // Original index of base line i, with the virtual lines before the start and after the end.
  const at = (i: number): number => (i < 0 ? -1 : i >= b.length ? a.length : baseToOriginal[i]!);

  const out: string[] = [];
  let copied = 0;
  const bounded: [number, number][] = [[-1, -1], ...pairs, [b.length, c.length]];
  for (let k = 1; k < bounded.length; k++) {
    const [pb, pc] = bounded[k - 1]!;
    const [nb, nc] = bounded[k]!;
    if (nb - pb === 1 && nc - pc === 1) continue;
    const inserted = c.slice(pc + 1, nc);
    let from: number;
    let to: number;
    if (nb - pb === 1) {
      // Pure insertion: right after the line before it, else right before the line after it.
      from = pb < 0 ? 0 : at(pb) >= 0 ? at(pb) + 1 : at(nb);
      to = from;
      if (from < 0) return undefined;
    } else {
      // Replacement of base lines pb+1..nb-1: their first and last original lines, else the anchors.
      const first = at(pb + 1);
      const last = at(nb - 1);
      from = first >= 0 ? first : pb < 0 ? 0 : at(pb) >= 0 ? at(pb) + 1 : -1;
      to = last >= 0 ? last + 1 : nb >= b.length ? a.length : at(nb);
      if (from < 0 || to < from) return undefined;
    }
    if (from < copied) return undefined;
    out.push(...a.slice(copied, from), ...inserted);
    copied = to;
  }
  out.push(...a.slice(copied));
  return out.join("\n");
}

/** Index pairs of a longest common subsequence of two line arrays, ascending; undefined when too big. */
function matchLines(x: readonly string[], y: readonly string[]): [number, number][] | undefined {
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endX - start;
  const m = endY - start;
  if (n > 0 && m > 0) {
    if (n * m > MAX_LCS_CELLS) return undefined;
    // lengths[i][j] = LCS length of x[start+i..endX) and y[start+j..endY), flattened.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] =
          x[start + i] === y[start + j]
            ? lengths[(i + 1) * width + j + 1]! + 1
            : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[start + i] === y[start + j]) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = 0; k < x.length - endX; k++) pairs.push([endX + k, endY + k]);
  return pairs;
}
