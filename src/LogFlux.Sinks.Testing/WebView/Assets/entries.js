// The entries tab: filters, the live table and an entry's detail pane.
"use strict";

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
