/**
 * The dashboard's SVG charts: every coordinate checked against the linear scales worked out here from
 * the layout constants (a 640 × 240 line chart with margins 16/16/40/56; a bar chart with a 168-wide
 * label column and a 64-wide value column), and the accessible parts (role, label, title, desc, size).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { barChart, lineChart, shortLabel } from "../../../src/site/svg-chart.ts";

const DAY = 86_400_000;
const T0 = Date.parse("2026-10-01T00:00:00Z");

function attribute(svg: string, element: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`, "g"))].map((match) => match[1]!);
}

describe("lineChart", () => {
  const svg = lineChart({
    title: "Drifted share",
    description: "share per report",
    yLabel: "share",
    yDomain: [0, 1],
    threshold: { value: 0.5, label: "threshold 50%" },
    points: [
      { x: T0 + 3 * DAY, y: 1, label: "c", className: "status-drift" },
      { x: T0, y: 0, label: "a" },
      { x: T0 + DAY, y: 0.5, label: "b" },
    ],
  }).toString();

  test("points sit on the scales: x over [56, 624] from the first to the last time, y over [200, 16] from 0 to 1", () => {
    // x: 56 + (t − t0)/(3 days) × 568; y: 200 − v × 184.
    const x1 = Math.round((56 + (1 / 3) * 568) * 100) / 100;
    assert.deepEqual(attribute(svg, "polyline", "points"), [`56,200 ${x1},108 624,16`]);
    assert.deepEqual(attribute(svg, "circle", "cx"), ["56", String(x1), "624"]);
    assert.deepEqual(attribute(svg, "circle", "cy"), ["200", "108", "16"]);
    assert.deepEqual(attribute(svg, "circle", "class"), ["point", "point", "point status-drift"]);
  });

  test("the threshold is a line across the plot at its value", () => {
    const threshold = /<line class="threshold" x1="56" y1="108" x2="624" y2="108"\/>/;
    assert.match(svg, threshold);
    assert.match(svg, /threshold 50%/);
  });

  test("it is an image with a name, a title, a description and a size", () => {
    assert.match(
      svg,
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="chart line-chart" viewBox="0 0 640 240" width="640" height="240" role="img" aria-label="Drifted share"><title>Drifted share<\/title><desc>share per report<\/desc>/,
    );
    assert.match(svg, /<\/svg>$/);
  });

  test("one point: centred, a day either side", () => {
    const one = lineChart({
      title: "t",
      description: "d",
      yLabel: "y",
      yDomain: [0, 1],
      points: [{ x: T0, y: 0.25, label: "a" }],
    }).toString();
    // x: 56 + (1 day / 2 days) × 568 = 340; y: 200 − 0.25 × 184 = 154.
    assert.deepEqual(attribute(one, "polyline", "points"), ["340,154"]);
  });

  test("default y domain: 0 to 1.1 × the largest of the values and the threshold", () => {
    const auto = lineChart({
      title: "t",
      description: "d",
      yLabel: "y",
      threshold: { value: 2, label: "x" },
      points: [
        { x: T0, y: 1, label: "a" },
        { x: T0 + DAY, y: 0.5, label: "b" },
      ],
    }).toString();
    // domain [0, 2.2]: y(1) = 200 − 184/2.2, y(0.5) = 200 − 92/2.2.
    const y = (value: number) => Math.round((200 - (value / 2.2) * 184) * 100) / 100;
    assert.deepEqual(attribute(auto, "polyline", "points"), [`56,${y(1)} 624,${y(0.5)}`]);
  });

  test("no points: says so", () => {
    assert.match(lineChart({ title: "t", description: "d", yLabel: "y", points: [] }).toString(), /no data/);
  });
});

describe("barChart", () => {
  const svg = barChart({
    title: "Importance",
    description: "drop per feature",
    bars: [
      { label: "capital_gain", value: 0.5, ci: [0.4, 0.6] },
      { label: "race", value: -0.25, className: "flagged" },
    ],
  }).toString();

  test("bars start at zero on a scale that holds every value and interval end", () => {
    // domain [−0.25, 0.6] over [168, 576]: zero at 168 + 0.25/0.85 × 408 = 288.
    const scale = (value: number) => 168 + ((value + 0.25) / 0.85) * 408;
    const round = (value: number) => String(Math.round(value * 100) / 100);
    assert.deepEqual(attribute(svg, "rect", "x"), [round(scale(0)), round(scale(-0.25))]);
    assert.deepEqual(attribute(svg, "rect", "width"), [round(scale(0.5) - scale(0)), round(scale(0) - scale(-0.25))]);
    // Rows 24 high from y = 8, each bar 16 high and centred: y = 8 + 24i + 4.
    assert.deepEqual(attribute(svg, "rect", "y"), ["12", "36"]);
    assert.deepEqual(attribute(svg, "line", "x1").slice(0, 1), [round(scale(0.4))]);
    assert.deepEqual(attribute(svg, "line", "x2").slice(0, 1), [round(scale(0.6))]);
  });

  test("its height follows the rows; it is an image with a name", () => {
    // 8 + 2 × 24 + 24 = 80.
    assert.match(
      svg,
      /viewBox="0 0 640 80" width="640" height="80" role="img" aria-label="Importance"><title>Importance<\/title><desc>drop per feature<\/desc>/,
    );
    assert.match(svg, /<g class="bar-row flagged">/);
  });

  test("a long label is cut, with the whole one in the row's tooltip", () => {
    const long = "a_very_long_feature_name_indeed_yes";
    const chart = barChart({ title: "t", description: "d", bars: [{ label: long, value: 1 }] }).toString();
    assert.equal(shortLabel(long), `${long.slice(0, 23)}…`);
    assert.match(chart, new RegExp(`<title>${long}: 1.000</title>`));
    assert.match(chart, new RegExp(`>${long.slice(0, 23)}…</text>`));
  });
});
