// tieline dashboard. Charts are Vega/Vega-Lite specifications built by the server (the same ones
// `tieline dyad --plot` and notebooks use) and drawn by the vendored Vega bundle; this script only
// fetches them, wires clicks, keeps the view in the URL and lists events and articles.
// Text from the store is always inserted as text nodes (never as HTML).

const QUAD_NAMES = ["statement", "verbal cooperation", "material cooperation", "verbal conflict",
  "material conflict"];
const EVENTS_PAGE = 25;
const SHIFTS_SHOWN = 10;
const DRIVERS_SHOWN = 4;
// The busiest ties drawn in the network: about what fits 460 by 400 pixels with readable labels.
const NETWORK_EDGES = 40;
const HEADLINE_WORDS = 14;
const EMBED = { actions: false, renderer: "svg", tooltip: true };

const state = {
  a: null, b: null, by: "month", directed: false, start: "", end: "", allDates: false,
  period: null, offset: 0, q: "", scope: "dyad", cameo: "", plover: "", quad: "", shade: "index",
  doc: null, event: null, countries: [], summary: null,
};
const views = { series: null, map: null, network: null };
// Filters change faster than answers come back: each loader keeps the number of its latest request
// and drops answers to older ones, so the last choice is what the page shows.
const latest = { series: 0, events: 0, map: 0, network: 0 };
const $ = (sel) => document.querySelector(sel);

// ---------------------------------------------------------------- helpers
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function fmt(v, digits) {
  if (v === null || v === undefined) return "–";
  const s = Number(v).toFixed(digits === undefined ? 2 : digits);
  return v > 0 ? "+" + s : s;
}

function showError(err) {
  const box = $("#status");
  box.textContent = String(err && err.message ? err.message : err);
  box.hidden = false;
}

function clearError() {
  $("#status").hidden = true;
}

function query(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "" && v !== false) out.set(k, String(v));
  }
  return out.toString();
}

async function api(path, params) {
  const qs = query(params);
  const res = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const e = body && body.error;
    throw new Error(e ? e.message + (e.hint ? " (" + e.hint + ")" : "") : res.status + " " + res.statusText);
  }
  return body;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function periodLabel(period, by) {
  const [y, m, d] = period.split("-");
  if (by === "year") return y;
  if (by === "quarter") return "Q" + (Math.floor((Number(m) - 1) / 3) + 1) + " " + y;
  if (by === "month") return MONTHS[Number(m) - 1] + " " + y;
  if (by === "week") return "week of " + Number(d) + " " + MONTHS[Number(m) - 1] + " " + y;
  return Number(d) + " " + MONTHS[Number(m) - 1] + " " + y;
}

function monthLabel(iso) {
  return iso ? MONTHS[Number(iso.slice(5, 7)) - 1] + " " + iso.slice(0, 4) : "";
}

function name(code) {
  const c = state.countries.find((x) => x.code === code);
  return c && c.name ? c.name : code;
}

// An actor by name: a person or group by its own name, a country by the country's name.
function actorName(item, role) {
  const code = item[role + "_code"], own = item[role + "_name"];
  if (own && own !== code && own !== item[role + "_country"]) return own;
  return name(item[role + "_country"] || code) || "?";
}

// Articles without a title (CSV corpora) are named by their opening words.
function headline(doc) {
  if (doc.title) return doc.title;
  const words = (doc.text || "").trim().split(/\s+/).slice(0, HEADLINE_WORDS).join(" ");
  return words ? words + "…" : "Untitled article";
}

function outsideSpan(date) {
  const s = state.summary;
  return Boolean(date && s && ((s.span_start && date < s.span_start) || (s.span_end && date > s.span_end)));
}

async function embed(selector, spec) {
  const node = $(selector);
  const result = await window.vegaEmbed(node, spec, EMBED);
  return result.view;
}

// ---------------------------------------------------------------- URL state
const HASH_KEYS = ["a", "b", "by", "directed", "start", "end", "all_dates", "period", "q", "scope", "cameo",
  "plover", "quad", "shade", "doc", "event"];

function readHash() {
  const p = new URLSearchParams(window.location.hash.slice(1));
  if (p.get("a")) state.a = p.get("a").toUpperCase();
  if (p.get("b")) state.b = p.get("b").toUpperCase();
  if (["day", "week", "month", "quarter", "year"].includes(p.get("by"))) state.by = p.get("by");
  state.directed = p.get("directed") === "1";
  state.allDates = p.get("all_dates") === "1";
  state.start = p.get("start") || "";
  state.end = p.get("end") || "";
  state.period = p.get("period") || null;
  state.q = p.get("q") || "";
  state.scope = ["dyad", "a", "all"].includes(p.get("scope")) ? p.get("scope") : "dyad";
  state.cameo = p.get("cameo") || "";
  state.plover = p.get("plover") || "";
  state.quad = p.get("quad") || "";
  state.shade = p.get("shade") === "volume" ? "volume" : "index";
  state.doc = p.get("doc") || null;
  state.event = p.get("event") || null;
}

function writeHash() {
  const values = {
    a: state.a, b: state.b, by: state.by, directed: state.directed ? "1" : "", start: state.start, end: state.end,
    all_dates: state.allDates ? "1" : "", period: state.period, q: state.q,
    scope: state.scope === "dyad" ? "" : state.scope, cameo: state.cameo, plover: state.plover, quad: state.quad,
    shade: state.shade === "index" ? "" : state.shade, doc: state.doc, event: state.event,
  };
  const p = new URLSearchParams();
  for (const k of HASH_KEYS) if (values[k]) p.set(k, values[k]);
  history.replaceState(null, "", "#" + p.toString());
}

// ---------------------------------------------------------------- picker
function fillSelect(select, selected) {
  clear(select);
  const list = state.countries.slice();
  if (selected && !list.some((c) => c.code === selected)) list.unshift({ code: selected, name: selected, n_events: 0 });
  for (const c of list) {
    const label = c.name && c.name !== c.code ? c.name + " (" + c.code + ")" : c.code;
    select.append(el("option", { value: c.code, selected: c.code === selected }, label + " · " + c.n_events));
  }
}

function syncForm() {
  fillSelect($("#dyad-a"), state.a);
  fillSelect($("#dyad-b"), state.b);
  $("#by").value = state.by;
  $("#directed").checked = state.directed;
  $("#all-dates").checked = state.allDates;
  $("#start").value = state.start;
  $("#end").value = state.end;
  $("#q").value = state.q;
  $("#scope").value = state.scope;
  $("#cameo").value = state.cameo;
  $("#plover").value = state.plover;
  $("#quad").value = state.quad;
  $("#shade").value = state.shade;
}

function readForm() {
  state.a = $("#dyad-a").value || null;
  state.b = $("#dyad-b").value || null;
  state.by = $("#by").value;
  state.directed = $("#directed").checked;
  state.allDates = $("#all-dates").checked;
  state.start = $("#start").value;
  state.end = $("#end").value;
}

function readFilters() {
  state.q = $("#q").value.trim();
  state.scope = $("#scope").value;
  state.cameo = $("#cameo").value;
  state.plover = $("#plover").value;
  state.quad = $("#quad").value;
}

function fillFilters(codes) {
  for (const r of codes.cameo_roots) $("#cameo").append(el("option", { value: r.code }, r.code + " " + r.name));
  for (const t of codes.plover) $("#plover").append(el("option", { value: t.code }, t.code));
  for (const q of codes.quad_classes) $("#quad").append(el("option", { value: String(q.code) }, q.code + " " + q.name));
}

function renderTop(rows) {
  const box = $("#top-dyads");
  clear(box);
  for (const r of rows) {
    const chip = el("button", { type: "button", dataset: { a: r.a, b: r.b },
      title: (r.a_name || r.a) + " – " + (r.b_name || r.b) + ": " + r.n_events + " events, index " + fmt(r.index) },
      (r.a_name || r.a) + " – " + (r.b_name || r.b), el("small", {}, String(r.n_events)));
    chip.addEventListener("click", () => selectDyad(r.a, r.b));
    box.append(chip);
  }
  if (!rows.length) box.append(el("span", { className: "muted small" }, "no dyads yet"));
  markTopChips();
}

function markTopChips() {
  for (const chip of document.querySelectorAll("#top-dyads button")) {
    const pair = [chip.dataset.a, chip.dataset.b];
    chip.classList.toggle("active", pair.includes(state.a) && pair.includes(state.b) && state.a !== state.b);
  }
}

async function selectDyad(a, b, period) {
  state.a = a;
  state.b = b;
  state.period = period || null;
  syncForm();
  await Promise.all([loadSeries(), loadNetwork()]);
}

// ---------------------------------------------------------------- series chart
function seriesParams() {
  return { by: state.by, directed: state.directed, start: state.start, end: state.end, all_dates: state.allDates };
}

async function loadSeries() {
  clearError();
  markTopChips();
  if (!state.a || !state.b) return;
  writeHash();
  $("#brief").href = "/brief/" + encodeURIComponent(state.a) + "/" + encodeURIComponent(state.b) + "?" +
    query({ start: state.start, end: state.end, by: ["month", "quarter", "year"].includes(state.by) ? state.by : "" });
  const box = $("#series-chart");
  let spec;
  const ticket = ++latest.series;
  try {
    spec = await api("/api/dyad/" + encodeURIComponent(state.a) + "/" + encodeURIComponent(state.b) + "/chart",
      seriesParams());
  } catch (err) {
    showError(err);
    return;
  }
  if (ticket !== latest.series) return;
  const arrow = state.directed ? " → " : " – ";
  $("#series-title").textContent = name(state.a) + arrow + name(state.b) + " per " + state.by;
  $("#series-note").textContent = spec.usermeta.n_events + " events in " + spec.usermeta.points + " " + state.by +
    (spec.usermeta.points === 1 ? "" : "s");
  if (views.series) views.series.finalize();
  views.series = null;
  clear(box);
  if (!spec.usermeta.n_events) {
    box.append(el("p", { className: "empty muted" }, "No dated events between " + name(state.a) + " and " +
      name(state.b) + " in this range."));
  } else {
    views.series = await embed("#series-chart", spec);
    views.series.addEventListener("click", (event, item) => {
      const d = item && item.datum;
      if (d && d.period && d.n_events) selectPeriod(d.period);
    });
  }
  box.dataset.dyad = state.a + "-" + state.b;
  box.dataset.points = String(spec.usermeta.points);
  const known = state.period && spec.usermeta.n_events;
  if (known) await selectPeriod(state.period);
  else {
    state.period = null;
    await Promise.all([reloadEvents(), loadMap()]);
  }
}

async function selectPeriod(period) {
  state.period = period;
  writeHash();
  if (views.series) await views.series.signal("selected_period", period).runAsync();
  $("#series-chart").dataset.selected = period;
  await Promise.all([reloadEvents(), loadMap()]);
}

// ---------------------------------------------------------------- events
function eventFilters() {
  const f = { q: state.q, cameo_root: state.cameo, plover: state.plover, quad_class: state.quad,
    start: state.start, end: state.end };
  if (state.scope !== "all" && state.a) {
    f.a = state.a;
    if (state.scope === "dyad" && state.b) { f.b = state.b; f.directed = state.directed; }
  }
  if (state.period && state.scope === "dyad") { f.by = state.by; f.period = state.period; }
  return f;
}

function highlight(text, spans, cls) {
  // Spans are offsets in code points, as Python counts; Array.from splits by code point too.
  const chars = Array.from(text || "");
  const ordered = spans.filter(([, s]) => s && s[0] >= 0 && s[1] > s[0] && s[1] <= chars.length)
    .sort((p, q) => p[1][0] - q[1][0] || q[1][1] - p[1][1]);
  const out = el(cls === "span" ? "span" : "p", { className: cls });
  let pos = 0;
  for (const [role, [s, e]] of ordered) {
    if (s < pos) continue;  // overlapping span: keep the first
    if (s > pos) out.append(chars.slice(pos, s).join(""));
    out.append(el("mark", { className: role, title: role }, chars.slice(s, e).join("")));
    pos = e;
  }
  out.append(chars.slice(pos).join(""));
  return out;
}

function roleSpans(item) {
  return [["source", item.source_span], ["target", item.target_span], ["trigger", item.trigger_span]];
}

function eventMeta(item) {
  const quad = item.quad_class;
  const meta = el("div", { className: "meta" },
    el("span", {}, item.date || "undated"),
    el("span", { className: "actors" }, actorName(item, "source") + " (" + item.source_code + ") → " +
      actorName(item, "target") + " (" + item.target_code + ")"),
    el("span", { className: "quad q" + quad }, (item.cameo_name || "") + " (" + item.cameo + ")"),
    el("span", {}, (item.plover || "") + " · " + (QUAD_NAMES[quad] || "")),
    el("span", {}, "Goldstein " + fmt(item.goldstein, 1)));
  if (outsideSpan(item.date)) {
    meta.append(el("span", { className: "flag", title: "The sentence dates this event outside the corpus' " +
      "publication span; it is left out of series unless 'include old in-text dates' is ticked." },
    "old in-text date"));
  }
  if (item.place_name) meta.append(el("span", {}, "at " + item.place_name));
  for (const q of item.quantities || []) meta.append(el("span", { className: "qty" }, q.text));
  return meta;
}

function eventItem(item) {
  const li = el("li", { className: "event", dataset: { id: item.event_id, doc: item.doc_id } });
  li.append(highlight(item.sentence, roleSpans(item), "sentence"));
  const meta = eventMeta(item);
  const article = el("button", { type: "button", className: "ghost article" }, "article");
  article.addEventListener("click", () => openDocument(item.doc_id, item.event_id));
  const why = el("button", { type: "button", className: "ghost why" }, "explain");
  why.addEventListener("click", () => toggleExplain(li, item.event_id));
  meta.append(article, why);
  li.append(meta);
  return li;
}

async function toggleExplain(li, id) {
  const open = li.querySelector("dl.explain");
  if (open) { open.remove(); return; }
  let full;
  try { full = await api("/api/events/" + encodeURIComponent(id)); } catch (err) { showError(err); return; }
  const dl = el("dl", { className: "explain" });
  const rows = [
    ["rule", full.explain.rule], ["trigger", full.explain.trigger], ["event", full.explain.event],
    ["source", full.explain.source_resolution], ["target", full.explain.target_resolution],
    ["date", full.explain.date], ["place", full.explain.place], ["confidence", full.explain.confidence],
  ];
  for (const [k, v] of rows) if (v !== null && v !== undefined) dl.append(el("dt", {}, k), el("dd", {}, String(v)));
  li.append(dl);
}

async function reloadEvents() {
  latest.events += 1;
  state.offset = 0;
  clear($("#events"));
  await loadEvents();
}

async function loadEvents() {
  const filters = eventFilters();
  writeHash();
  $("#csv").href = "/api/events.csv?" + query(filters);
  $("#clear-period").hidden = !state.period;
  let page;
  const ticket = latest.events;
  try {
    page = await api("/api/events", Object.assign({ limit: EVENTS_PAGE, offset: state.offset }, filters));
  } catch (err) {
    showError(err);
    return;
  }
  if (ticket !== latest.events) return;
  const list = $("#events");
  for (const item of page.items) list.append(eventItem(item));
  state.offset = page.offset + page.items.length;
  const where = state.scope === "all" ? "all events" : state.scope === "a" || !state.b ? name(state.a) +
    " and its partners" : name(state.a) + (state.directed ? " → " : " – ") + name(state.b);
  $("#events-title").textContent = "Events · " + where + (filters.period ? " · " + periodLabel(state.period, state.by) : "");
  const narrowed = [state.q && "“" + state.q + "”", state.cameo && "CAMEO " + state.cameo, state.plover,
    state.quad && QUAD_NAMES[Number(state.quad)]].filter(Boolean).join(", ");
  $("#events-note").textContent = page.total + " event" + (page.total === 1 ? "" : "s") +
    (narrowed ? " matching " + narrowed : "") + ", newest first. Source, trigger and target are highlighted." +
    (filters.period ? "" : " Click a bar or point of the chart for one period.");
  list.dataset.total = String(page.total);
  $("#more").hidden = state.offset >= page.total;
}

// ---------------------------------------------------------------- the article
function docEventItem(ev, focus) {
  const li = el("li", { className: "doc-event" + (ev.event_id === focus ? " focus" : ""), dataset: { id: ev.event_id } },
    el("span", { className: "quad q" + ev.quad_class }, ev.cameo + " " + (ev.cameo_name || "")), " ",
    el("span", { className: "muted" }, actorName(ev, "source") + " → " + actorName(ev, "target") +
      (ev.date ? " · " + ev.date : "")));
  li.addEventListener("click", () => openDocument(ev.doc_id, ev.event_id));
  return li;
}

function renderDocText(doc, focus) {
  // The text as written, each coded sentence a span; the focused event's sentence is highlighted
  // with its source, trigger and target.
  const box = $("#doc-text");
  clear(box);
  const chars = Array.from(doc.text || "");
  const bySentence = new Map();
  for (const ev of doc.events) {
    if (!ev.sentence_span) continue;
    const key = ev.sentence_span.join(":");
    if (!bySentence.has(key) || ev.event_id === focus) bySentence.set(key, ev);
  }
  const spans = [...bySentence.values()].sort((p, q) => p.sentence_span[0] - q.sentence_span[0]);
  let pos = 0;
  let focusNode = null;
  for (const ev of spans) {
    const [s, e] = ev.sentence_span;
    if (s < pos) continue;
    if (s > pos) box.append(chars.slice(pos, s).join(""));
    const sentence = chars.slice(s, e).join("");
    const isFocus = ev.event_id === focus;
    const node = isFocus ? highlight(sentence, roleSpans(ev), "span") : el("span", {}, sentence);
    node.className = "coded" + (isFocus ? " focus" : "");
    node.title = ev.cameo + " " + (ev.cameo_name || "");
    if (!isFocus) node.addEventListener("click", () => openDocument(doc.doc_id, ev.event_id));
    if (isFocus) focusNode = node;
    box.append(node);
    pos = e;
  }
  box.append(chars.slice(pos).join(""));
  const focused = doc.events.find((ev) => ev.event_id === focus);
  if (focused && !focused.sentence_span) {
    box.prepend(el("p", { className: "muted small" }, "This event's sentence is not found verbatim in the text:"),
      highlight(focused.sentence, roleSpans(focused), "sentence focus"));
  }
  return focusNode;
}

async function openDocument(docId, eventId) {
  let doc;
  try { doc = await api("/api/documents/" + encodeURIComponent(docId)); } catch (err) { showError(err); return; }
  state.doc = docId;
  state.event = eventId || (doc.events[0] && doc.events[0].event_id) || null;
  writeHash();
  $("#doc-title").textContent = headline(doc);
  $("#doc-title").classList.toggle("derived", !doc.title);
  const meta = $("#doc-meta");
  clear(meta);
  meta.append([doc.source, doc.published].filter(Boolean).join(" · ") || "no source or date");
  if (doc.url && /^https?:\/\//.test(doc.url)) {
    meta.append(" · ", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, "original article ↗"));
  }
  const focusNode = renderDocText(doc, state.event);
  $("#doc-events-title").textContent = doc.n_events + " event" + (doc.n_events === 1 ? "" : "s") + " in this article";
  const list = $("#doc-events");
  clear(list);
  for (const ev of doc.events) list.append(docEventItem(ev, state.event));
  const view = $("#doc-view");
  view.hidden = false;
  view.dataset.doc = docId;
  if (focusNode) focusNode.scrollIntoView({ block: "center" });
}

function closeDocument() {
  $("#doc-view").hidden = true;
  state.doc = null;
  state.event = null;
  writeHash();
}

// ---------------------------------------------------------------- network and map
async function loadNetwork() {
  let spec;
  const ticket = ++latest.network;
  try { spec = await api("/api/network/chart", { limit: NETWORK_EDGES, a: state.a, b: state.b }); } catch (err) {
    showError(err);
    return;
  }
  if (ticket !== latest.network) return;
  const box = $("#network");
  spec.width = Math.max(300, box.clientWidth - 8);
  if (views.network) views.network.finalize();
  views.network = await embed("#network", spec);
  box.dataset.nodes = String(spec.data[0].values.length);
  let picked = null;
  views.network.addEventListener("click", (event, item) => {
    const d = item && item.datum;
    if (!d) return;
    if (d.a && d.b) { picked = null; selectDyad(d.a, d.b); } else if (d.id) {
      if (picked && picked !== d.id) { const first = picked; picked = null; selectDyad(first, d.id); } else picked = d.id;
    }
  });
}

async function loadMap() {
  const filters = eventFilters();
  let spec;
  const ticket = ++latest.map;
  try { spec = await api("/api/map", Object.assign({ shade: state.shade }, filters)); } catch (err) {
    showError(err);
    return;
  }
  if (ticket !== latest.map) return;
  const box = $("#map");
  spec.width = Math.max(300, box.clientWidth - 4);
  spec.signals.find((s) => s.name === "scale").value *= spec.width / 720;
  if (views.map) views.map.finalize();
  views.map = await embed("#map", spec);
  const places = spec.data.find((d) => d.name === "places").values;
  box.dataset.places = String(places.length);
  $("#map-title").textContent = "Map · " + places.length + " place" + (places.length === 1 ? "" : "s") +
    (state.a ? " · shaded by " + (state.shade === "index" ? "tie with " + name(state.a) : "events") : "");
  views.map.addEventListener("click", (event, item) => {
    const d = item && item.datum;
    if (d && d.code && state.a && d.code !== state.a) selectDyad(state.a, d.code);
  });
}

// ---------------------------------------------------------------- shifts
function shiftCard(s) {
  const li = el("li", { className: "shift-item" });
  const details = el("details", {});
  const summary = el("summary", {},
    el("strong", {}, (s.a_name || s.a) + " – " + (s.b_name || s.b)), " · " + periodLabel(s.period, s.by) + " ",
    el("span", { className: "towards-" + s.direction }, s.direction === "conflict" ? "▼ conflict" : "▲ cooperation"));
  details.append(summary);
  details.append(el("p", { className: "muted small" }, "index " + fmt(s.index) + " against a baseline of " +
    fmt(s.baseline_mean) + " (z " + fmt(s.z, 1) + ", " + s.n_events + " events)"));
  // Each driving sentence once: a symmetric event is stored both ways from one sentence.
  const seen = new Set();
  const drivers = el("ul", { className: "drivers" });
  for (const e of s.events) {
    if (seen.has(e.sentence) || seen.size >= DRIVERS_SHOWN) continue;
    seen.add(e.sentence);
    const link = el("button", { type: "button", className: "link" }, "article");
    link.addEventListener("click", () => openDocument(e.doc_id, e.event_id));
    drivers.append(el("li", { className: "driver" }, el("span", { className: "muted" }, e.date + " "), e.sentence,
      " ", link));
  }
  details.append(drivers);
  const open = el("button", { type: "button", className: "ghost shift" }, "open this dyad and period");
  open.addEventListener("click", () => {
    state.by = s.by;
    state.directed = false;
    state.scope = "dyad";
    selectDyad(s.a, s.b, s.period);
  });
  details.append(open);
  li.append(details);
  return li;
}

async function loadShifts() {
  let shifts;
  try { shifts = await api("/api/shifts", { limit: SHIFTS_SHOWN, drivers: DRIVERS_SHOWN, all_dates: state.allDates }); } catch (err) {
    showError(err);
    return;
  }
  const list = $("#shifts");
  clear(list);
  for (const s of shifts) list.append(shiftCard(s));
  if (!shifts.length) list.append(el("li", { className: "muted small" }, "No shifts found."));
}

// ---------------------------------------------------------------- start
function describeStore(summary) {
  const parts = [summary.n_events.toLocaleString() + " events"];
  if (summary.n_documents !== null) parts.push(summary.n_documents.toLocaleString() + " articles");
  if (summary.first_date) parts.push(monthLabel(summary.first_date) + " – " + monthLabel(summary.last_date));
  parts.push(summary.n_dyads + " dyads");
  const text = parts.join(" · ");
  if (!summary.n_outside_span) return text;
  return text + " · " + summary.n_outside_span + " events with older in-text dates kept out of series";
}

async function start() {
  readHash();
  let summary, countries, top, codes;
  try {
    [summary, countries, top, codes] = await Promise.all([
      api("/api/summary"), api("/api/countries"), api("/api/top", { limit: 10 }), api("/api/codes")]);
  } catch (err) {
    showError(err);
    return;
  }
  state.summary = summary;
  state.countries = countries;
  $("#summary").textContent = describeStore(summary);
  if (!state.a && top.length) { state.a = top[0].a; state.b = top[0].b; }
  fillFilters(codes);
  syncForm();
  renderTop(top);

  $("#dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const before = state.allDates;
    readForm();
    state.period = null;
    loadSeries();
    loadNetwork();
    if (before !== state.allDates) loadShifts();
  });
  $("#swap").addEventListener("click", () => {
    readForm();
    [state.a, state.b] = [state.b, state.a];
    syncForm();
  });
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); readFilters(); reloadEvents(); loadMap(); });
  for (const id of ["#scope", "#cameo", "#plover", "#quad"]) {
    $(id).addEventListener("change", () => { readFilters(); reloadEvents(); loadMap(); });
  }
  $("#q").addEventListener("search", () => { readFilters(); reloadEvents(); loadMap(); });
  $("#clear-period").addEventListener("click", async () => {
    state.period = null;
    if (views.series) await views.series.signal("selected_period", "").runAsync();
    reloadEvents();
    loadMap();
  });
  $("#shade").addEventListener("change", () => { state.shade = $("#shade").value; loadMap(); });
  $("#more").addEventListener("click", loadEvents);
  $("#doc-close").addEventListener("click", closeDocument);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("#doc-view").hidden) closeDocument(); });
  const opened = state.doc && openDocument(state.doc, state.event);
  await Promise.all([loadSeries(), loadNetwork(), loadShifts(), opened]);
  document.body.dataset.ready = "1";
}

// Module scripts run after the document is parsed, and in order: the Vega bundle is loaded.
start();
