/** Orders texts by UTF-16 code unit, so an order never depends on the machine's locale (unlike localeCompare). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
