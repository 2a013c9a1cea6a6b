/**
 * The one sort of float64 keys that evaluation's hot paths share (ROC/PR curves, the bootstrap's
 * set-up): a comparator sort of an index permutation costs several times more at a million rows.
 */

/** Byte order of this machine: where the high 32 bits of a float64 sit in a Uint32Array view. */
const HIGH_WORD = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * Row indices ordered by `key` (ascending, or descending with `descending`), with the sortable keys
 * in that order, by an LSD radix sort on the float64 bit patterns: 6 passes of 11 bits (2048 buckets
 * stay in cache), a pass skipped when every row shares its digit. Keys travel with the indices so
 * every pass reads sequentially. The sort is stable: ties stay in ascending row order either way.
 * Keys must be finite; −0 sorts as +0.
 */
export function radixSortFloat64(key: Float64Array, descending = false): { order: Uint32Array; high: Uint32Array; low: Uint32Array } {
  const n = key.length;
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) copy[i] = key[i]! + 0; // s + 0 turns −0 into +0: one tie group
  const bits = new Uint32Array(copy.buffer);
  // Descending sorts ascending on the complement of the order-preserving unsigned form.
  const flip = descending ? 0xffffffff : 0;
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + HIGH_WORD]!;
    const l = bits[2 * i + 1 - HIGH_WORD]!;
    // Map IEEE order onto unsigned order: negatives flip every bit, positives flip the sign bit.
    if (h & 0x80000000) {
      high[i] = (~h ^ flip) >>> 0;
      low[i] = (~l ^ flip) >>> 0;
    } else {
      high[i] = (h ^ 0x80000000 ^ flip) >>> 0;
      low[i] = (l ^ flip) >>> 0;
    }
    order[i] = i;
  }
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  let nextOrder = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const word = pass < 3 ? low : high;
    const shift = (pass % 3) * 11;
    count.fill(0);
    for (let k = 0; k < n; k++) count[(word[k]! >>> shift) & 0x7ff]!++;
    if (n === 0 || count[(word[0]! >>> shift) & 0x7ff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const to = count[(word[k]! >>> shift) & 0x7ff]!++;
      nextHigh[to] = high[k]!;
      nextLow[to] = low[k]!;
      nextOrder[to] = order[k]!;
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
    [order, nextOrder] = [nextOrder, order];
  }
  return { order, high, low };
}
