// The refused-requests tab, the live feed (server-sent events) and the page's wiring.
"use strict";

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
