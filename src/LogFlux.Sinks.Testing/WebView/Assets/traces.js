// The traces tab: the traces seen, and the waterfall of the one picked (spans nested by parent, logs under each span).
"use strict";

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
