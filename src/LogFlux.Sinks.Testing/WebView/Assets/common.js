// The LogFlux local receiver's web view: shared state, DOM helpers and payload readers. Entries are untrusted
// input: every value reaches the page through textContent or setAttribute, never through HTML parsing.
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
