// The LogFlux local receiver's web view. Entries are untrusted input: every value reaches the page through
// textContent or setAttribute, never through HTML parsing.
"use strict";

const token = new URLSearchParams(location.search).get("t") || "";
const levelNames = ["?", "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

const state = {
  capacity: 5000,
  lastSeq: 0,
  entries: [],          // feed items of kind "entry", oldest first
  requests: [],         // feed items of kind "request" that were refused, aborted or accepted with warnings
  selectedSeq: null,
  selectedTrace: null,
  tab: "entries",
  filters: { type: "", level: "", source: "", logger: "", text: "", attributes: [] },
};

// ---- small DOM helpers ----------------------------------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (name === "className") node.className = value;
    else if (name === "onclick") node.addEventListener("click", value);
    else if (name === "style") Object.assign(node.style, value); // CSSOM, allowed by the page's content security policy
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const $ = (id) => document.getElementById(id);

// ---- reading payloads (both spellings the official clients use) -------------------------------------------------

const str = (obj, name) => (obj && typeof obj[name] === "string" ? obj[name] : "");
const metricKind = (p) => str(p, "kind") || str(p, "metric_type");
const spanName = (p) => str(p, "name") || str(p, "description");
const levelName = (level) => levelNames[level] || String(level);
const timeOf = (ts) => (typeof ts === "string" && ts.length >= 19 ? ts.slice(11, 23) : String(ts || ""));
const attrs = (p) => (p && typeof p.attributes === "object" && p.attributes !== null ? p.attributes : {});
const millis = (ts) => { const t = Date.parse(ts); return Number.isNaN(t) ? 0 : t; };

function summary(p) {
  switch (p.type) {
    case "metric":
      return `${str(p, "name")} = ${p.value}${str(p, "unit") ? " " + str(p, "unit") : ""} (${metricKind(p)})`;
    case "trace":
      return `${str(p, "operation")} "${spanName(p)}" ${p.duration_ms ?? 0} ms ${str(p, "status")}`;
    case "event":
      return str(p, "event");
    case "audit":
      return `${str(p, "actor")} ${str(p, "action")} ${str(p, "resource")}/${str(p, "resource_id")}` +
        (str(p, "outcome") ? ` → ${str(p, "outcome")}` : "");
    case "telemetry": {
      const readings = Array.isArray(p.readings) ? p.readings : [];
      return `device ${str(p, "device_id")}: ` + readings.map((r) => `${str(r, "name")}=${r.value}${str(r, "unit") ? " " + str(r, "unit") : ""}`).join(", ");
    }
    default: {
      const logger = str(p, "logger") ? str(p, "logger") + ": " : "";
      const error = str(p, "error_type") ? `  ⚠ ${str(p, "error_type")}` : "";
      return logger + str(p, "message") + error;
    }
  }
}

// ---- filters --------------------------------------------------------------------------------------------------

function matches(item) {
  const p = item.payload, f = state.filters;
  if (f.type && p.type !== f.type) return false;
  if (f.level && String(p.level) !== f.level) return false;
  if (f.source && str(p, "source") !== f.source) return false;
  if (f.logger && str(p, "logger") !== f.logger) return false;
  for (const [key, value] of f.attributes) {
    if (attrs(p)[key] !== value) return false;
  }
  if (f.text) {
    if (item.searchText === undefined) item.searchText = JSON.stringify(p).toLowerCase();
    if (!item.searchText.includes(f.text.toLowerCase())) return false;
  }
  return true;
}

function setFilter(name, value) {
  state.filters[name] = value;
  const input = $("filter-" + name);
  if (input) input.value = value;
  renderEntries();
}

function addAttributeFilter(key, value) {
  if (!state.filters.attributes.some(([k, v]) => k === key && v === value)) {
    state.filters.attributes.push([key, value]);
  }
  renderAttributeFilters();
  renderEntries();
}

function renderAttributeFilters() {
  const box = $("attribute-filters");
  box.replaceChildren(...state.filters.attributes.map(([key, value], index) =>
    el("span", {
      className: "chip filter", title: "remove this filter", "data-key": key,
      onclick: () => { state.filters.attributes.splice(index, 1); renderAttributeFilters(); renderEntries(); },
    }, `${key}=${value}`)));
}

// ---- entries tab ----------------------------------------------------------------------------------------------

function entryRow(item) {
  const p = item.payload;
  const row = el("tr", { className: "entry", "data-seq": item.seq, "data-type": p.type, onclick: () => select(item.seq) },
    el("td", {}, timeOf(p.ts)),
    el("td", {}, el("span", { className: "type" }, p.type)),
    el("td", { className: "level-" + p.level }, levelName(p.level)),
    el("td", {}, str(p, "source")),
    el("td", { className: "summary" }, summary(p)));
  if (item.seq === state.selectedSeq) row.classList.add("selected");
  return row;
}

function renderEntries() {
  pendingRows = [];
  const rows = state.entries.filter(matches).map(entryRow);
  $("entries").tBodies[0].replaceChildren(...rows);
  $("entries-empty").hidden = state.entries.length > 0;
  renderCounts();
  followTail();
}

// New rows are added once per frame, so that replaying a full ring on connect costs one layout, not thousands.
let pendingRows = [];
function appendEntry(item) {
  if (!matches(item)) return;
  pendingRows.push(item);
  if (pendingRows.length === 1) {
    requestAnimationFrame(() => {
      const rows = pendingRows.map(entryRow);
      pendingRows = [];
      $("entries").tBodies[0].append(...rows);
      $("entries-empty").hidden = state.entries.length > 0;
      renderCounts();
      followTail();
    });
  }
}

function followTail() {
  if ($("follow").checked) {
    const list = document.querySelector("#view-entries .list");
    list.scrollTop = list.scrollHeight;
  }
}

function renderCounts() {
  const shown = $("entries").tBodies[0].rows.length;
  $("counts").textContent = `${state.entries.length} entries (${shown} shown), ring of ${state.capacity}`;
}

function select(seq) {
  state.selectedSeq = seq;
  for (const row of $("entries").tBodies[0].rows) row.classList.toggle("selected", Number(row.dataset.seq) === seq);
  const item = state.entries.find((e) => e.seq === seq);
  const detail = $("detail");
  if (!item) { detail.hidden = true; return; }
  detail.replaceChildren(...entryDetail(item));
  detail.hidden = false;
}

function prop(label, value, onFilter) {
  if (value === "" || value === undefined || value === null) return [];
  const dd = onFilter
    ? el("dd", {}, el("span", { className: "clickable", title: "filter by this value", onclick: onFilter }, value))
    : el("dd", {}, value);
  return [el("dt", {}, label), dd];
}

function mapSection(title, map, onClick) {
  const keys = Object.keys(map || {});
  if (keys.length === 0) return null;
  return [el("h3", {}, title), el("dl", { className: "props" }, ...keys.flatMap((key) =>
    prop(key, String(map[key]), onClick ? () => onClick(key, String(map[key])) : null)))];
}

const known = new Set(["v", "type", "level", "ts", "source", "logger", "message", "attributes", "meta", "stack_trace",
  "error_chain", "breadcrumbs", "error_type", "error_message", "readings"]);

function entryDetail(item) {
  const p = item.payload;
  const parts = [el("h2", {}, `${p.type} / ${levelName(p.level)}: ${summary(p)}`)];
  const props = el("dl", { className: "props" },
    ...prop("time", str(p, "ts")),
    ...prop("type", p.type, () => setFilter("type", p.type)),
    ...prop("level", `${levelName(p.level)} (${p.level})`, () => setFilter("level", String(p.level))),
    ...prop("source", str(p, "source"), () => setFilter("source", str(p, "source"))),
    ...prop("logger", str(p, "logger"), () => setFilter("logger", str(p, "logger"))),
    ...prop("message", str(p, "message")),
    ...Object.keys(p).filter((k) => !known.has(k)).flatMap((k) =>
      prop(k, typeof p[k] === "string" ? p[k] : JSON.stringify(p[k]))),
    ...prop("received", `request #${item.request}, part ${item.part}, entry type ${item.entry_type}`));
  parts.push(props);

  if (str(p, "error_type") || str(p, "error_message")) {
    parts.push(el("h3", {}, "Error"), el("div", { className: "error-headline" }, `${str(p, "error_type")}: ${str(p, "error_message")}`));
  }
  if (Array.isArray(p.error_chain) && p.error_chain.length > 0) {
    parts.push(el("h3", {}, "Error chain"), el("ol", { className: "stack" },
      ...p.error_chain.map((link) => el("li", {}, `${str(link, "type")}: ${str(link, "message")}`))));
  }
  if (Array.isArray(p.stack_trace) && p.stack_trace.length > 0) {
    parts.push(el("h3", {}, `Stack trace (${p.stack_trace.length} frame(s), throw site first)`), el("ol", { className: "stack" },
      ...p.stack_trace.map((f) => el("li", {}, str(f, "function") +
        (str(f, "file") ? `  at ${str(f, "file")}${f.line !== undefined ? ":" + f.line : ""}` : "")))));
  }
  if (Array.isArray(p.breadcrumbs) && p.breadcrumbs.length > 0) {
    parts.push(el("h3", {}, `Breadcrumbs (${p.breadcrumbs.length}, most recent last)`), el("table", { className: "small breadcrumbs" },
      el("tbody", {}, ...p.breadcrumbs.map((b) => el("tr", {},
        el("td", {}, timeOf(b.timestamp)), el("td", {}, str(b, "category")), el("td", {}, str(b, "level")),
        el("td", {}, str(b, "message")),
        el("td", {}, Object.entries(b.data || {}).map(([k, v]) => `${k}=${v}`).join(" ")))))));
  }
  if (Array.isArray(p.readings) && p.readings.length > 0) {
    parts.push(el("h3", {}, "Readings"), el("table", { className: "small" }, el("tbody", {},
      ...p.readings.map((r) => el("tr", {}, el("td", {}, str(r, "name")), el("td", {}, String(r.value)), el("td", {}, str(r, "unit")))))));
  }
  const attributeSection = mapSection("Attributes (click to filter)", attrs(p), addAttributeFilter);
  if (attributeSection) parts.push(...attributeSection);
  const metaSection = mapSection("Meta", p.meta);
  if (metaSection) parts.push(...metaSection);
  parts.push(el("h3", {}, "Decrypted JSON"), el("pre", { className: "json" }, JSON.stringify(p, null, 2)));
  return parts;
}

// ---- traces tab -----------------------------------------------------------------------------------------------

function tracesById() {
  const traces = new Map();
  for (const item of state.entries) {
    const p = item.payload;
    if (p.type !== "trace") continue;
    if (!traces.has(p.trace_id)) traces.set(p.trace_id, []);
    traces.get(p.trace_id).push(p);
  }
  return traces;
}

function renderTraces() {
  const traces = tracesById();
  const list = [...traces.entries()].map(([id, spans]) => {
    const start = Math.min(...spans.map((s) => millis(s.start_time)));
    const end = Math.max(...spans.map((s) => millis(s.end_time)));
    const ids = new Set(spans.map((s) => s.span_id));
    const root = spans.find((s) => !s.parent_span_id || !ids.has(s.parent_span_id)) || spans[0];
    return { id, spans, start, end, root };
  }).sort((a, b) => b.start - a.start);

  $("trace-list").replaceChildren(...list.map((t) => el("li", {
    className: t.id === state.selectedTrace ? "selected" : "", "data-trace-id": t.id,
    onclick: () => { state.selectedTrace = t.id; renderTraces(); },
  }, el("div", {}, `${str(t.root, "operation")} "${spanName(t.root)}"`),
    el("div", { className: "trace-id" }, `${t.spans.length} span(s), ${t.end - t.start} ms, ${t.id}`))));

  const chosen = list.find((t) => t.id === state.selectedTrace);
  $("waterfall").replaceChildren(...(chosen ? waterfall(chosen) : [el("p", { className: "empty" }, "Pick a trace to see its spans.")]));
}

function waterfall(trace) {
  const { spans, start } = trace;
  const total = Math.max(trace.end - start, 1);
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    if (span.parent_span_id && ids.has(span.parent_span_id) && span.parent_span_id !== span.span_id) {
      if (!children.has(span.parent_span_id)) children.set(span.parent_span_id, []);
      children.get(span.parent_span_id).push(span);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a, b) => millis(a.start_time) - millis(b.start_time);
  const logs = state.entries.map((e) => e.payload)
    .filter((p) => p.type !== "trace" && attrs(p).trace_id === trace.id);

  const rows = [el("h2", {}, `Trace ${trace.id}`)];
  const visited = new Set();
  const visit = (span, depth) => {
    if (visited.has(span.span_id)) return;
    visited.add(span.span_id);
    const left = ((millis(span.start_time) - start) / total) * 100;
    const width = ((millis(span.end_time) - millis(span.start_time)) / total) * 100;
    rows.push(el("div", { className: "span-row", "data-span-id": span.span_id, "data-depth": depth, "data-parent-span-id": span.parent_span_id || "" },
      el("div", { className: "span-label", style: { paddingLeft: `${depth * 18}px` }, title: `${str(span, "operation")} "${spanName(span)}"` },
        el("span", { className: "span-name" }, `${str(span, "operation")} "${spanName(span)}"`),
        el("span", { className: "span-duration" }, `${span.duration_ms ?? 0} ms`)),
      el("div", { className: "span-track" },
        el("div", { className: "span-bar" + (span.status === "error" ? " error" : ""), style: { left: `${left.toFixed(3)}%`, width: `${width.toFixed(3)}%` } }))));
    for (const log of logs.filter((p) => attrs(p).span_id === span.span_id)) {
      rows.push(el("div", { className: "span-log", style: { paddingLeft: `${depth * 18 + 18}px` }, "data-span-id": span.span_id },
        `${timeOf(log.ts)} ${levelName(log.level)} ${summary(log)}`));
    }
    for (const child of (children.get(span.span_id) || []).sort(byStart)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byStart)) visit(root, 0);
  return rows;
}

// ---- metrics tab ----------------------------------------------------------------------------------------------

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

// ---- rejected tab ---------------------------------------------------------------------------------------------

function requestItem(r) {
  const refused = r.aborted || r.status >= 400 || r.status === 0;
  const outcome = r.aborted ? "aborted" : String(r.status);
  return el("li", { className: refused ? "rejected" : "warning", "data-request": r.number },
    el("div", {}, `#${r.number} ${r.method} ${r.path} → ${outcome}`, r.part_count ? ` (${r.part_count} part(s))` : "",
      r.fault ? ` [fault: ${r.fault}]` : "", ` at ${timeOf(r.received_at)}`),
    r.reason ? el("div", { className: "reason" }, r.reason) : null,
    r.part_errors.length > 1 ? el("ul", {}, ...r.part_errors.map((e) => el("li", {}, e))) : null,
    r.warnings.length ? el("ul", { className: "warnings" }, ...r.warnings.map((w) => el("li", {}, "warning: " + w))) : null);
}

function renderRequestCount() {
  const refused = state.requests.filter((r) => r.aborted || r.status >= 400 || r.status === 0).length;
  const badge = $("rejected-count");
  badge.textContent = String(refused);
  badge.classList.toggle("alert", refused > 0);
  $("rejected-empty").hidden = state.requests.length > 0;
}

// ---- feed -----------------------------------------------------------------------------------------------------

let pending = false;
function scheduleTabRender() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    if (state.tab === "traces") renderTraces();
    if (state.tab === "metrics") renderMetrics();
    renderCounts();
  });
}

function receive(item) {
  if (item.seq <= state.lastSeq) return; // a reconnect replays the ring
  state.lastSeq = item.seq;
  if (item.kind === "entry") {
    state.entries.push(item);
    if (state.entries.length > state.capacity) {
      const dropped = state.entries.shift();
      const firstRow = $("entries").tBodies[0].rows[0];
      if (firstRow && Number(firstRow.dataset.seq) === dropped.seq) firstRow.remove();
      pendingRows = pendingRows.filter((i) => i !== dropped);
    }
    appendEntry(item);
  } else if (item.kind === "request") {
    const notable = item.aborted || item.status >= 400 || item.status === 0 || item.warnings.length > 0;
    if (!notable) return;
    state.requests.push(item);
    if (state.requests.length > state.capacity) state.requests.shift();
    $("rejected-list").append(requestItem(item));
    renderRequestCount();
  }
  scheduleTabRender();
}

function connect() {
  const source = new EventSource("/ui/api/stream?t=" + encodeURIComponent(token));
  source.addEventListener("hello", (e) => { state.capacity = JSON.parse(e.data).capacity; });
  source.addEventListener("item", (e) => receive(JSON.parse(e.data)));
  source.onopen = () => { $("status").dataset.state = "live"; $("status").textContent = "live"; };
  source.onerror = () => { $("status").dataset.state = "reconnecting"; $("status").textContent = "reconnecting…"; };
}

// ---- wiring ---------------------------------------------------------------------------------------------------

function showTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll("#tabs button")) button.classList.toggle("active", button.dataset.tab === tab);
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-" + tab;
  $("filters").hidden = tab !== "entries";
  if (tab === "traces") renderTraces();
  if (tab === "metrics") renderMetrics();
}

for (const button of document.querySelectorAll("#tabs button")) button.addEventListener("click", () => showTab(button.dataset.tab));
for (const name of ["type", "level", "source", "logger", "text"]) {
  const apply = (e) => {
    if (state.filters[name] === e.target.value.trim()) return;
    state.filters[name] = e.target.value.trim();
    renderEntries();
  };
  $("filter-" + name).addEventListener("input", apply);
  $("filter-" + name).addEventListener("change", apply);
}
$("clear-filters").addEventListener("click", () => {
  for (const name of ["type", "level", "source", "logger", "text"]) setFilter(name, "");
  state.filters.attributes = [];
  renderAttributeFilters();
  renderEntries();
});
$("export").href = "/ui/api/export?t=" + encodeURIComponent(token);
renderEntries();
renderRequestCount();
connect();
