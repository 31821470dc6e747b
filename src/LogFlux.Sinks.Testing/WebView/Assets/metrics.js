// The metrics tab: one small time chart per metric name.
"use strict";

function renderMetrics() {
  const series = new Map();
  for (const item of state.entries) {
    const p = item.payload;
    if (p.type !== "metric" || typeof p.value !== "number") continue;
    if (!series.has(p.name)) series.set(p.name, []);
    series.get(p.name).push(p);
  }
  const charts = [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, points]) => metricChart(name, points));
  $("metric-charts").replaceChildren(...(charts.length ? charts : [el("p", { className: "empty" }, "No metrics yet.")]));
}

function metricChart(name, points) {
  const svgNs = "http://www.w3.org/2000/svg";
  const width = 260, height = 64, pad = 6;
  const svgEl = (tag, attributes) => {
    const node = document.createElementNS(svgNs, tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    return node;
  };
  const times = points.map((p) => millis(p.ts));
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const v0 = Math.min(...values, 0), v1 = Math.max(...values, 0);
  const x = (t) => pad + (t1 === t0 ? (width - 2 * pad) / 2 : ((t - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (v) => height - pad - (v1 === v0 ? 0 : ((v - v0) / (v1 - v0)) * (height - 2 * pad));
  const coordinates = points.map((p, i) => [x(times[i]).toFixed(1), y(values[i]).toFixed(1)]);

  const svg = svgEl("svg", { width, height, role: "img", "aria-label": `${name} over time` });
  svg.append(svgEl("line", { x1: pad, x2: width - pad, y1: y(0), y2: y(0), class: "baseline" }));
  if (points.length > 1) {
    const area = [`${coordinates[0][0]},${y(0)}`, ...coordinates.map((c) => c.join(",")), `${coordinates[coordinates.length - 1][0]},${y(0)}`];
    svg.append(svgEl("polygon", { points: area.join(" "), class: "area" }));
    svg.append(svgEl("polyline", { points: coordinates.map((c) => c.join(",")).join(" ") }));
  }
  if (points.length <= 30) {
    for (const [cx, cy] of coordinates) svg.append(svgEl("circle", { cx, cy, r: 2.5 }));
  }

  const last = points[points.length - 1];
  const kind = metricKind(last);
  const unit = str(last, "unit") ? " " + str(last, "unit") : "";
  const total = kind === "counter" ? `, total ${values.reduce((a, b) => a + b, 0)}` : "";
  return el("div", { className: "metric", "data-metric": name },
    el("div", { className: "name" }, name),
    el("div", { className: "last" }, `${kind}, ${points.length} point(s), last ${last.value}${unit}${total}, max ${Math.max(...values)}${unit}`),
    svg);
}
