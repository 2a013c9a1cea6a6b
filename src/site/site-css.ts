/**
 * The dashboard's one stylesheet (site.css): a readable single column, tables that scroll sideways on
 * small screens, charts that shrink to the width, a dark scheme for `prefers-color-scheme: dark`, and
 * the classes the SVG charts draw with (the CSP allows no inline style).
 */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0550ae;
  --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --series: #0969da; --bar: #8250df;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #4493f8;
    --pass: #3fb950; --warn: #d29922; --fail: #f85149; --series: #4493f8; --bar: #ab7df8;
  }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--series); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header { border-bottom: 1px solid var(--line); background: var(--panel); }
header nav { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.note { color: var(--muted); }
.table-scroll { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; min-width: 100%; font-size: .9375rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
code { overflow-wrap: anywhere; }
pre.card { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); border: 1px solid var(--line); padding: 1rem; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.status-pass, .status-ok, .status-verified { color: var(--pass); }
.status-warn, .status-insufficient_data, .status-not-checked { color: var(--warn); }
.status-fail, .status-drift, .status-not-verified, .status-retired { color: var(--fail); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
figure { margin: 0 0 1rem; }
figcaption { color: var(--muted); font-size: .875rem; }
svg.chart { display: block; width: 100%; max-width: 48rem; height: auto; font-size: 12px; }
svg.chart text { fill: var(--fg); }
svg.chart .tick, svg.chart .axis-label { fill: var(--muted); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .threshold { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.chart text.threshold-label { fill: var(--fail); }
svg.chart .series { stroke: var(--series); stroke-width: 2; }
svg.chart .point { fill: var(--series); }
svg.chart .point.status-drift { fill: var(--fail); }
svg.chart .point.status-warn { fill: var(--warn); }
svg.chart .bar { fill: var(--bar); }
svg.chart .flagged .bar { fill: var(--fail); }
svg.chart .whisker { stroke: var(--fg); stroke-width: 1.5; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .5rem; }
}
`;
