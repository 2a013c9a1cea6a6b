/**
 * The dashboard's charts as inline SVG: a line chart (a drift trend, with its threshold line) and a
 * horizontal bar chart (importances, fairness rates), with intervals as whiskers.
 *
 * Our own small renderer rather than a library: the pages must carry no script (the CSP forbids it),
 * so the chart has to be drawn at build time in Node. Vega-Lite does that headless (`view.toSVG()`)
 * but adds about 1 MB to the bundle and, without node-canvas, estimates text widths; Observable Plot
 * needs a DOM (jsdom, heavier still). Two chart types with linear scales are about 200 lines,
 * deterministic to the byte (coordinates rounded to 2 decimals, no randomness, no clock), so a re-run
 * writes the same page and a test can derive every coordinate. Each chart is `role="img"` with an
 * aria-label, a <title> and a <desc>; the page puts the numbers in a table beside it too. Colours
 * come from classes in the site's CSS (no inline styles: the CSP allows none).
 */
import { join, markup, trusted, type Html } from "./html.ts";

/** Coordinates in the SVG, rounded to 2 decimals so the output is the same on every run and platform. */
export function coord(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export interface LinePoint {
  /** Milliseconds since the epoch. */
  x: number;
  y: number;
  /** A class for the point's marker (e.g. its status). */
  className?: string;
  /** What the marker's tooltip says. */
  label: string;
}

export interface LineChartSpec {
  title: string;
  description: string;
  yLabel: string;
  points: LinePoint[];
  threshold?: { value: number; label: string };
  /** Default [0, the largest value or threshold × 1.1, else 1]. */
  yDomain?: [number, number];
  formatY?: (value: number) => string;
  width?: number;
  height?: number;
}

/** Margins of the line chart's plot area. */
export const LINE_MARGIN = { top: 16, right: 16, bottom: 40, left: 56 };
const DAY_MS = 86_400_000;

/** Linear map from `domain` to `range`. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (value) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0));
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The opening of a chart: its size, role, name, title and description. */
function svgOpen(width: number, height: number, title: string, description: string, className: string): Html {
  return markup`<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}"><title>${title}</title><desc>${description}</desc>`;
}

/** The x domain of the points: their extent, or a day either side of a single time. */
export function timeDomain(points: readonly { x: number }[]): [number, number] {
  const xs = points.map((point) => point.x);
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  return low === high ? [low - DAY_MS, high + DAY_MS] : [low, high];
}

/** The default y domain: from 0 to 1.1 × the largest of the values and the threshold (1 when all are 0). */
export function valueDomain(values: readonly number[]): [number, number] {
  const high = Math.max(0, ...values);
  return [0, high === 0 ? 1 : high * 1.1];
}

function classes(...names: (string | undefined)[]): string {
  return names.filter((name) => name !== undefined && name !== "").join(" ");
}

/** A line chart of values over time. */
export function lineChart(spec: LineChartSpec): Html {
  const width = spec.width ?? 640;
  const height = spec.height ?? 240;
  const format = spec.formatY ?? ((value: number) => value.toFixed(2));
  const m = LINE_MARGIN;
  const points = [...spec.points].sort((a, b) => a.x - b.x);
  const open = svgOpen(width, height, spec.title, spec.description, "chart line-chart");
  if (points.length === 0)
    return markup`${open}<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">no data</text></svg>`;
  const sx = linearScale(timeDomain(points), [m.left, width - m.right]);
  const yDomain = spec.yDomain ?? valueDomain([...points.map((point) => point.y), ...(spec.threshold ? [spec.threshold.value] : [])]);
  const sy = linearScale(yDomain, [height - m.bottom, m.top]);
  const bottom = height - m.bottom;
  const right = width - m.right;
  const ticks = [0, 1, 2, 3, 4].map((i) => yDomain[0] + ((yDomain[1] - yDomain[0]) * i) / 4);
  const yAxis = ticks.map((tick) => {
    const y = coord(sy(tick));
    return markup`<line class="grid" x1="${m.left}" y1="${y}" x2="${right}" y2="${y}"/><text class="tick" x="${m.left - 6}" y="${coord(sy(tick) + 4)}" text-anchor="end">${format(tick)}</text>`;
  });
  const first = points[0]!.x;
  const last = points.at(-1)!.x;
  const xTicks = first === last ? [first] : [first, last];
  const xAxis = xTicks.map((tick, index) => {
    const anchor = xTicks.length === 1 ? "middle" : index === 0 ? "start" : "end";
    return markup`<text class="tick" x="${coord(sx(tick))}" y="${bottom + 16}" text-anchor="${anchor}">${isoDay(tick)}</text>`;
  });
  let threshold = trusted("");
  if (spec.threshold !== undefined) {
    const y = sy(spec.threshold.value);
    threshold = markup`<line class="threshold" x1="${m.left}" y1="${coord(y)}" x2="${right}" y2="${coord(y)}"/><text class="threshold-label" x="${m.left + 4}" y="${coord(y - 4)}" text-anchor="start">${spec.threshold.label}</text>`;
  }
  const path = points.map((point) => `${coord(sx(point.x))},${coord(sy(point.y))}`).join(" ");
  const markers = points.map(
    (point) =>
      markup`<circle class="${classes("point", point.className)}" cx="${coord(sx(point.x))}" cy="${coord(sy(point.y))}" r="4"><title>${point.label}</title></circle>`,
  );
  const middle = coord((m.top + bottom) / 2);
  const axes = markup`<line class="axis" x1="${m.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/><line class="axis" x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${bottom}"/>`;
  const label = markup`<text class="axis-label" x="12" y="${middle}" text-anchor="middle" transform="rotate(-90 12 ${middle})">${spec.yLabel}</text>`;
  const line = markup`<polyline class="series" fill="none" points="${path}"/>`;
  return markup`${open}${join(yAxis)}${axes}${join(xAxis)}${label}${threshold}${line}${join(markers)}</svg>`;
}

export interface Bar {
  label: string;
  value: number;
  ci?: [number, number];
  className?: string;
}

export interface BarChartSpec {
  title: string;
  description: string;
  bars: Bar[];
  format?: (value: number) => string;
  width?: number;
}

/** Layout of the bar chart: the label column, the value column, each row's height and its bar's. */
export const BAR_LAYOUT = { left: 168, right: 64, top: 8, bottom: 24, row: 24, bar: 16, maxLabel: 24 };

/** A label cut to `BAR_LAYOUT.maxLabel` characters (the whole label is in the row's tooltip and the table). */
export function shortLabel(label: string): string {
  // Code points, not UTF-16 units: a cut never splits a surrogate pair (a combined emoji may lose its tail: harmless here).
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- see above
  const chars = [...label];
  return chars.length <= BAR_LAYOUT.maxLabel ? label : `${chars.slice(0, BAR_LAYOUT.maxLabel - 1).join("")}…`;
}

/** The value domain of bars: always holds 0 and every value and interval end ([0, 1] when all are 0). */
export function barDomain(bars: readonly Bar[]): [number, number] {
  const values = bars.flatMap((bar) => [bar.value, ...(bar.ci ?? [])]);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  return low === high ? [0, 1] : [low, high];
}

/** A horizontal bar chart, one row per bar in the given order, with intervals as whiskers. */
export function barChart(spec: BarChartSpec): Html {
  const width = spec.width ?? 640;
  const format = spec.format ?? ((value: number) => value.toFixed(3));
  const l = BAR_LAYOUT;
  const height = l.top + Math.max(1, spec.bars.length) * l.row + l.bottom;
  const open = svgOpen(width, height, spec.title, spec.description, "chart bar-chart");
  if (spec.bars.length === 0)
    return markup`${open}<text class="empty" x="${width / 2}" y="${height / 2}" text-anchor="middle">no data</text></svg>`;
  const sx = linearScale(barDomain(spec.bars), [l.left, width - l.right]);
  const zero = sx(0);
  const rows = spec.bars.map((bar, index) => {
    const y = l.top + index * l.row + (l.row - l.bar) / 2;
    const middle = coord(y + l.bar / 2);
    const text = coord(y + l.bar / 2 + 4);
    const end = sx(bar.value);
    const whisker =
      bar.ci === undefined
        ? trusted("")
        : markup`<line class="whisker" x1="${coord(sx(bar.ci[0]))}" y1="${middle}" x2="${coord(sx(bar.ci[1]))}" y2="${middle}"/>`;
    const tooltip = `${bar.label}: ${format(bar.value)}${bar.ci === undefined ? "" : ` [${format(bar.ci[0])}, ${format(bar.ci[1])}]`}`;
    return markup`<g class="${classes("bar-row", bar.className)}"><title>${tooltip}</title><text class="bar-label" x="${l.left - 6}" y="${text}" text-anchor="end">${shortLabel(bar.label)}</text><rect class="bar" x="${coord(Math.min(zero, end))}" y="${coord(y)}" width="${coord(Math.abs(end - zero))}" height="${l.bar}"/>${whisker}<text class="bar-value" x="${width - l.right + 6}" y="${text}">${format(bar.value)}</text></g>`;
  });
  const axis = markup`<line class="axis" x1="${coord(zero)}" y1="${l.top}" x2="${coord(zero)}" y2="${height - l.bottom}"/>`;
  return markup`${open}${join(rows)}${axis}</svg>`;
}
