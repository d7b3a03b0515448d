// tieline dashboard: plain JavaScript drawing SVG; talks only to this server's /api.
// Text from the store is always inserted as text nodes (never as HTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const QUADS = [
    { key: "q1", label: "verbal cooperation", color: "#9fd8a4" },
    { key: "q2", label: "material cooperation", color: "#2e9b47" },
    { key: "q3", label: "verbal conflict", color: "#f4a261" },
    { key: "q4", label: "material conflict", color: "#c0392b" },
  ];
  const QUAD_NAMES = ["statement", "verbal cooperation", "material cooperation", "verbal conflict",
    "material conflict"];
  const EVENTS_PAGE = 25;

  const state = {
    a: null, b: null, by: "month", directed: false, start: "", end: "",
    series: null, period: null, offset: 0, countries: [],
  };
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

  function sv(tag, attrs, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function tip(node, text) {
    sv("title", {}, node).textContent = text;
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

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "" && v !== false) url.searchParams.set(k, String(v));
    }
    const res = await fetch(url.toString(), { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const e = body && body.error;
      throw new Error(e ? e.message + (e.hint ? " (" + e.hint + ")" : "") : res.status + " " + res.statusText);
    }
    return body;
  }

  // Dates are ISO "YYYY-MM-DD" strings from the API; arithmetic is done in UTC.
  function ms(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function iso(t) {
    return new Date(t).toISOString().slice(0, 10);
  }

  function nextPeriod(period, by) {
    const d = new Date(ms(period));
    if (by === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (by === "week") d.setUTCDate(d.getUTCDate() + 7);
    else if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else if (by === "quarter") d.setUTCMonth(d.getUTCMonth() + 3);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return iso(d.getTime());
  }

  function periodLabel(period, by) {
    const [y, m] = period.split("-");
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    if (by === "year") return y;
    if (by === "quarter") return y + " Q" + (Math.floor((Number(m) - 1) / 3) + 1);
    if (by === "month") return months[Number(m) - 1] + " " + y;
    if (by === "week") return "week of " + period;
    return period;
  }

  // Index colour: red (−1) through grey (0) to green (+1).
  function indexColor(v) {
    if (v === null || v === undefined) return "#9aa3ad";
    const mix = (a, b, t) => Math.round(a + (b - a) * t);
    const grey = [154, 163, 173], red = [192, 57, 43], green = [46, 155, 71];
    const to = v < 0 ? red : green, t = Math.min(1, Math.abs(v));
    return "rgb(" + grey.map((g, i) => mix(g, to[i], t)).join(",") + ")";
  }

  function countryLabel(code) {
    const c = state.countries.find((x) => x.code === code);
    return c && c.name && c.name !== code ? c.name : code;
  }

  // ---------------------------------------------------------------- URL state
  function readHash() {
    const p = new URLSearchParams(window.location.hash.slice(1));
    if (p.get("a")) state.a = p.get("a").toUpperCase();
    if (p.get("b")) state.b = p.get("b").toUpperCase();
    if (["day", "week", "month", "quarter", "year"].includes(p.get("by"))) state.by = p.get("by");
    state.directed = p.get("directed") === "1";
    state.start = p.get("start") || "";
    state.end = p.get("end") || "";
    state.period = p.get("period") || null;
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (state.a) p.set("a", state.a);
    if (state.b) p.set("b", state.b);
    p.set("by", state.by);
    if (state.directed) p.set("directed", "1");
    if (state.start) p.set("start", state.start);
    if (state.end) p.set("end", state.end);
    if (state.period) p.set("period", state.period);
    history.replaceState(null, "", "#" + p.toString());
  }

  // ---------------------------------------------------------------- picker
  function fillSelect(select, selected) {
    clear(select);
    const codes = new Set(state.countries.map((c) => c.code));
    const list = state.countries.slice();
    if (selected && !codes.has(selected)) list.unshift({ code: selected, name: selected, n_events: 0 });
    for (const c of list) {
      const name = c.name && c.name !== c.code ? c.name + " (" + c.code + ")" : c.code;
      select.append(el("option", { value: c.code, selected: c.code === selected }, name + " · " + c.n_events));
    }
  }

  function syncForm() {
    fillSelect($("#dyad-a"), state.a);
    fillSelect($("#dyad-b"), state.b);
    $("#by").value = state.by;
    $("#directed").checked = state.directed;
    $("#start").value = state.start;
    $("#end").value = state.end;
  }

  function readForm() {
    state.a = $("#dyad-a").value || null;
    state.b = $("#dyad-b").value || null;
    state.by = $("#by").value;
    state.directed = $("#directed").checked;
    state.start = $("#start").value;
    state.end = $("#end").value;
  }

  function markTopChips() {
    for (const chip of document.querySelectorAll("#top-dyads button")) {
      const pair = [chip.dataset.a, chip.dataset.b];
      chip.classList.toggle("active", pair.includes(state.a) && pair.includes(state.b) && state.a !== state.b);
    }
  }

  function renderTop(rows) {
    const box = $("#top-dyads");
    clear(box);
    for (const r of rows) {
      const chip = el("button", { type: "button", dataset: { a: r.a, b: r.b },
        title: (r.a_name || r.a) + " – " + (r.b_name || r.b) + ": " + r.n_events + " events, index " + fmt(r.index) },
        r.a + "–" + r.b, el("small", {}, String(r.n_events)));
      chip.addEventListener("click", () => selectDyad(r.a, r.b));
      box.append(chip);
    }
    if (!rows.length) box.append(el("span", { className: "muted small" }, "no dyads yet"));
    markTopChips();
  }

  async function selectDyad(a, b, period) {
    state.a = a;
    state.b = b;
    state.period = period || null;
    syncForm();
    await loadSeries();
  }

  // ---------------------------------------------------------------- series chart
  async function loadSeries() {
    clearError();
    markTopChips();
    if (!state.a || !state.b) return;
    writeHash();
    let series;
    try {
      series = await api("/api/dyad/" + encodeURIComponent(state.a) + "/" + encodeURIComponent(state.b) + "/series",
        { by: state.by, directed: state.directed, start: state.start, end: state.end });
    } catch (err) {
      showError(err);
      return;
    }
    state.series = series;
    const arrow = state.directed ? " → " : " – ";
    $("#series-title").textContent = countryLabel(series.a) + arrow + countryLabel(series.b) + " per " + series.by +
      " (" + series.points.reduce((s, p) => s + p.n_events, 0) + " events)";
    drawSeries(series);
    const known = state.period && series.points.some((p) => p.period === state.period);
    if (known) await selectPeriod(state.period);
    else {
      state.period = null;
      clear($("#events"));
      $("#more").hidden = true;
      $("#events-title").textContent = "Events";
      $("#events-note").textContent = "Click a point of the chart to list the events behind it.";
      await loadMap();
    }
  }

  // A round tick step giving at most five steps up to v (1, 2, 2.5 or 5 times a power of ten).
  function niceStep(v) {
    const raw = Math.max(1, v / 5);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
    return 10 * p;
  }

  function drawSeries(series) {
    const root = $("#series-chart");
    clear(root);
    const W = 900, H = 320, m = { l: 46, r: 50, t: 24, b: 34 };
    root.setAttribute("viewBox", "0 0 " + W + " " + H);
    root.dataset.dyad = series.a + "-" + series.b;
    const pts = series.points;
    root.dataset.points = String(pts.filter((p) => p.index !== null).length);
    if (!pts.length) {
      sv("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, root).textContent =
        "No dated events for this dyad" + (state.start || state.end ? " in this range" : "");
      return;
    }
    const by = series.by;
    const t0 = ms(pts[0].period), t1 = ms(nextPeriod(pts[pts.length - 1].period, by));
    const x = (t) => m.l + (t - t0) / (t1 - t0) * (W - m.l - m.r);
    const most = Math.max(...pts.map((p) => p.n_events));
    const step = niceStep(most), top = step * Math.max(1, Math.ceil(most / step));
    const yN = (v) => H - m.b - (v / top) * (H - m.t - m.b);
    const yI = (v) => m.t + ((1 - v) / 2) * (H - m.t - m.b);

    const axis = sv("g", { class: "axis" }, root);
    for (let count = 0; count <= top + 1e-9; count += step) {
      const y = yN(count);
      sv("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, class: "grid" }, axis);
      sv("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, axis).textContent =
        Number.isInteger(count) ? String(count) : count.toFixed(1);
    }
    for (const v of [-1, -0.5, 0, 0.5, 1]) {
      sv("text", { x: W - m.r + 6, y: yI(v) + 4 }, axis).textContent = v === 0 ? "0" : fmt(v, 1);
    }
    sv("line", { x1: m.l, x2: W - m.r, y1: yI(0), y2: yI(0), class: "zero" }, axis);
    sv("text", { x: m.l - 6, y: m.t - 10, "text-anchor": "end" }, axis).textContent = "events";
    sv("text", { x: W - m.r + 6, y: m.t - 10 }, axis).textContent = "index";
    // About eight period labels, evenly spaced among the periods.
    const every = Math.max(1, Math.ceil(pts.length / 8));
    pts.forEach((p, i) => {
      if (i % every) return;
      const cx = (x(ms(p.period)) + x(ms(nextPeriod(p.period, by)))) / 2;
      sv("text", { x: cx, y: H - m.b + 16, "text-anchor": "middle" }, axis).textContent = periodLabel(p.period, by);
    });

    const bars = sv("g", { class: "bars" }, root);
    for (const p of pts) {
      const xs = x(ms(p.period)), xe = x(ms(nextPeriod(p.period, by)));
      const w = Math.max(1, (xe - xs) * 0.8);
      const g = sv("g", { class: "bar-group" + (p.period === state.period ? " selected" : ""),
        "data-period": p.period }, bars);
      let base = 0;
      for (const q of QUADS) {
        const v = p[q.key];
        if (!v) continue;
        const r = sv("rect", { x: xs + (xe - xs - w) / 2, y: yN(base + v), width: w,
          height: Math.max(0.5, yN(base) - yN(base + v)), fill: q.color, class: "bar " + q.key }, g);
        tip(r, periodLabel(p.period, by) + ": " + v + " " + q.label);
        base += v;
      }
      g.addEventListener("click", () => selectPeriod(p.period));
    }

    const withIndex = pts.filter((p) => p.index !== null);
    const cx = (p) => (x(ms(p.period)) + x(ms(nextPeriod(p.period, by)))) / 2;
    if (withIndex.length > 1) {
      const d = withIndex.map((p, i) => (i ? "L" : "M") + cx(p).toFixed(1) + " " + yI(p.index).toFixed(1)).join(" ");
      sv("path", { d: d, class: "index-line" }, root);
    }
    const band = (W - m.l - m.r) / pts.length;
    const radius = Math.max(2.5, Math.min(5.5, band / 3));
    const dots = sv("g", { class: "points" }, root);
    for (const p of withIndex) {
      const c = sv("circle", { cx: cx(p), cy: yI(p.index), r: radius,
        class: "point" + (p.period === state.period ? " selected" : ""), "data-period": p.period }, dots);
      tip(c, periodLabel(p.period, by) + ": index " + fmt(p.index) + ", " + p.n_events + " events, Goldstein " +
        fmt(p.goldstein_mean, 1));
      c.addEventListener("click", () => selectPeriod(p.period));
    }
  }

  // ---------------------------------------------------------------- events
  function highlight(item) {
    // Spans are offsets in code points, as Python counts; Array.from splits by code point too.
    const chars = Array.from(item.sentence || "");
    const spans = [["source", item.source_span], ["target", item.target_span], ["trigger", item.trigger_span]]
      .filter(([, s]) => s && s[0] >= 0 && s[1] > s[0] && s[1] <= chars.length)
      .sort((p, q) => p[1][0] - q[1][0] || q[1][1] - p[1][1]);
    const out = el("p", { className: "sentence" });
    let pos = 0;
    for (const [cls, [s, e]] of spans) {
      if (s < pos) continue;  // overlapping span: keep the first
      if (s > pos) out.append(chars.slice(pos, s).join(""));
      out.append(el("mark", { className: cls, title: cls }, chars.slice(s, e).join("")));
      pos = e;
    }
    out.append(chars.slice(pos).join(""));
    return out;
  }

  function eventItem(item) {
    const li = el("li", { className: "event", dataset: { id: item.event_id } });
    li.append(highlight(item));
    const quad = item.quad_class;
    const meta = el("div", { className: "meta" },
      el("span", {}, item.date || "undated"),
      el("span", {}, (item.source_code || "?") + " → " + (item.target_code || "?")),
      el("span", { className: "quad q" + quad }, (item.cameo_name || "") + " (" + item.cameo + ")"),
      el("span", {}, QUAD_NAMES[quad] || ""),
      el("span", {}, "Goldstein " + fmt(item.goldstein, 1)));
    if (item.place_name) meta.append(el("span", {}, "at " + item.place_name + " (" + item.place_precision + ")"));
    for (const q of item.quantities || []) meta.append(el("span", { className: "qty" }, q.text));
    const why = el("button", { type: "button", className: "ghost why" }, "explain");
    why.addEventListener("click", () => toggleExplain(li, item.event_id));
    meta.append(why);
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
    for (const [k, v] of rows) {
      if (v === null || v === undefined) continue;
      dl.append(el("dt", {}, k), el("dd", {}, String(v)));
    }
    const doc = full.document;
    if (doc) {
      const dd = el("dd", {}, doc.title || doc.doc_id);
      if (doc.url && /^https?:\/\//.test(doc.url)) {
        dd.append(" ", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, "source"));
      }
      dl.append(el("dt", {}, "document"), dd);
    }
    li.append(dl);
  }

  async function selectPeriod(period) {
    state.period = period;
    state.offset = 0;
    writeHash();
    for (const n of document.querySelectorAll("#series-chart [data-period]")) {
      n.classList.toggle("selected", n.dataset.period === period);
    }
    clear($("#events"));
    await loadEvents();
    await loadMap();
  }

  async function loadEvents() {
    if (!state.period) return;
    let page;
    try {
      page = await api("/api/events", { a: state.a, b: state.b, directed: state.directed, by: state.by,
        period: state.period, limit: EVENTS_PAGE, offset: state.offset });
    } catch (err) {
      showError(err);
      return;
    }
    const list = $("#events");
    for (const item of page.items) list.append(eventItem(item));
    state.offset = page.offset + page.items.length;
    $("#events-title").textContent = "Events · " + periodLabel(state.period, state.by) + " · " +
      state.a + (state.directed ? " → " : " – ") + state.b;
    $("#events-note").textContent = page.total + " event" + (page.total === 1 ? "" : "s") +
      ", newest first. Source actor, trigger and target are highlighted.";
    $("#more").hidden = state.offset >= page.total;
  }

  // ---------------------------------------------------------------- network
  function layout(nodes, edges, W, H) {
    // Fruchterman–Reingold from a circle: deterministic, fine for the hundred busiest ties.
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n),
      y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n) }));
    const index = new Map(nodes.map((nd, i) => [nd.id, i]));
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
    let temp = W / 8;
    for (let it = 0; it < 250; it++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(0.01, Math.hypot(dx, dy)), f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.a), j = index.get(e.b);
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy)), f = (d * d) / k;
        disp[i].x -= (dx / d) * f; disp[i].y -= (dy / d) * f;
        disp[j].x += (dx / d) * f; disp[j].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y)), step = Math.min(d, temp);
        pos[i].x += (disp[i].x / d) * step; pos[i].y += (disp[i].y / d) * step;
        // A weak pull to the centre keeps unconnected parts on screen.
        pos[i].x += (W / 2 - pos[i].x) * 0.03; pos[i].y += (H / 2 - pos[i].y) * 0.03;
      }
      temp *= 0.98;
    }
    // Fit into the box with a margin for labels.
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y), pad = 26;
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return pos.map((p) => ({
      x: x1 > x0 ? pad + ((p.x - x0) / (x1 - x0)) * (W - 2 * pad) : W / 2,
      y: y1 > y0 ? pad + ((p.y - y0) / (y1 - y0)) * (H - 2 * pad) : H / 2,
    }));
  }

  async function loadNetwork() {
    let net;
    try {
      net = await api("/api/network", { start: state.start, end: state.end, limit: 60 });
    } catch (err) {
      showError(err);
      return;
    }
    const root = $("#network");
    clear(root);
    const W = 460, H = 380;
    root.dataset.nodes = String(net.nodes.length);
    if (!net.nodes.length) {
      sv("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, root).textContent = "No ties yet";
      return;
    }
    const pos = layout(net.nodes, net.edges, W, H);
    const at = new Map(net.nodes.map((nd, i) => [nd.id, pos[i]]));
    const maxE = Math.max(...net.edges.map((e) => e.n_events), 1);
    const maxN = Math.max(...net.nodes.map((nd) => nd.n_events), 1);
    const edges = sv("g", {}, root);
    for (const e of net.edges) {
      const p = at.get(e.a), q = at.get(e.b);
      const line = sv("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, class: "edge",
        stroke: indexColor(e.index), "stroke-width": (1 + 7 * Math.sqrt(e.n_events / maxE)).toFixed(1),
        opacity: 0.75, "data-a": e.a, "data-b": e.b }, edges);
      tip(line, countryLabel(e.a) + " – " + countryLabel(e.b) + ": " + e.n_events + " events, index " +
        fmt(e.index) + ", mean Goldstein " + fmt(e.goldstein_mean, 1));
      line.addEventListener("click", () => selectDyad(e.a, e.b));
    }
    const nodes = sv("g", {}, root);
    for (const nd of net.nodes) {
      const p = at.get(nd.id);
      const g = sv("g", { class: "node" + (nd.id === state.a || nd.id === state.b ? " active" : ""),
        transform: "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")", "data-id": nd.id }, nodes);
      const r = 5 + 11 * Math.sqrt(nd.n_events / maxN);
      sv("circle", { r: r.toFixed(1) }, g);
      sv("text", { y: -r - 3, "text-anchor": "middle" }, g).textContent = nd.id;
      tip(g, (nd.name || nd.id) + ": " + nd.n_events + " events in the ties shown");
      g.addEventListener("click", () => {
        // First click picks A; a second country then opens the dyad.
        if (!state.a || state.a === nd.id || (state.a && state.b)) {
          state.a = nd.id; state.b = null; syncForm();
          for (const other of root.querySelectorAll(".node")) other.classList.toggle("active", other === g);
        } else selectDyad(state.a, nd.id);
      });
    }
  }

  // ---------------------------------------------------------------- map
  let basemap = null;

  async function loadMap() {
    const params = { start: state.start, end: state.end, limit: 400 };
    let title = "Map · all events";
    if (state.a && state.b) {
      Object.assign(params, { a: state.a, b: state.b, directed: state.directed });
      title = "Map · " + state.a + (state.directed ? " → " : " – ") + state.b;
      if (state.period) {
        Object.assign(params, { by: state.by, period: state.period });
        title += " · " + periodLabel(state.period, state.by);
      }
    }
    let places;
    try {
      if (basemap === null) basemap = await api("/api/basemap");
      places = await api("/api/places", params);
    } catch (err) {
      showError(err);
      return;
    }
    $("#map-title").textContent = title;
    drawMap(places);
  }

  function drawMap(places) {
    const root = $("#map");
    clear(root);
    const W = 720, H = 360;
    const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
    // Zoom to the places (at least a 90° by 45° window, 2:1 like the whole map).
    let vx = 0, vy = 0, vw = W, vh = H;
    if (places.length) {
      const px = places.map((p) => x(p.longitude)), py = places.map((p) => y(p.latitude));
      const cx = (Math.min(...px) + Math.max(...px)) / 2, cy = (Math.min(...py) + Math.max(...py)) / 2;
      vw = Math.min(W, Math.max(W / 4, (Math.max(...px) - Math.min(...px)) * 1.4,
        (Math.max(...py) - Math.min(...py)) * 2.8));
      vh = vw / 2;
      vx = Math.min(Math.max(0, cx - vw / 2), W - vw);
      vy = Math.min(Math.max(0, cy - vh / 2), H - vh);
    }
    const k = vw / W;  // sizes below are in screen units, scaled back by the zoom
    root.setAttribute("viewBox", [vx, vy, vw, vh].map((v) => v.toFixed(1)).join(" "));
    sv("rect", { x: 0, y: 0, width: W, height: H, class: "ocean" }, root);
    const grid = sv("g", {}, root);
    for (let lon = -150; lon <= 150; lon += 30) sv("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, class: "graticule" }, grid);
    for (let lat = -60; lat <= 60; lat += 30) sv("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), class: "graticule" }, grid);
    // The land is drawn as the dots of large towns: the continents' shape without map tiles.
    const land = sv("g", { class: "land" }, root);
    for (const [lat, lon] of basemap || []) {
      sv("circle", { cx: x(lon).toFixed(1), cy: y(lat).toFixed(1), r: (1.1 * k).toFixed(2) }, land);
    }
    root.dataset.places = String(places.length);
    const maxN = Math.max(...places.map((p) => p.n_events), 1);
    const dots = sv("g", {}, root);
    for (const p of places.slice().sort((u, v) => v.n_events - u.n_events)) {
      const c = sv("circle", { cx: x(p.longitude).toFixed(1), cy: y(p.latitude).toFixed(1),
        r: ((3 + 11 * Math.sqrt(p.n_events / maxN)) * k).toFixed(2), fill: indexColor(p.index), class: "place",
        "stroke-width": (0.8 * k).toFixed(2) }, dots);
      tip(c, p.name + " (" + (p.precision || "?") + ", " + (p.country || "?") + "): " + p.n_events +
        " events, index " + fmt(p.index));
    }
    if (!places.length) {
      sv("text", { x: W / 2, y: H - 12, "text-anchor": "middle" }, root).textContent = "No located events";
    } else {
      for (const p of places.slice(0, 8)) {
        const t = sv("text", { x: (x(p.longitude) + 6 * k).toFixed(1), y: (y(p.latitude) - 6 * k).toFixed(1),
          style: "font-size:" + (11 * k).toFixed(2) + "px", class: "place-label" }, root);
        t.textContent = p.name;
      }
    }
  }

  // ---------------------------------------------------------------- shifts
  async function loadShifts() {
    let shifts;
    try {
      shifts = await api("/api/shifts", { limit: 12, drivers: 2 });
    } catch (err) {
      showError(err);
      return;
    }
    const list = $("#shifts");
    clear(list);
    for (const s of shifts) {
      const li = el("li", { className: "shift-item" });
      const head = el("button", { type: "button", className: "shift" },
        el("strong", {}, s.a + "–" + s.b), " · " + periodLabel(s.period, s.by) + " · ",
        el("span", { className: "towards-" + s.direction }, "towards " + s.direction),
        el("span", { className: "muted" }, " (index " + fmt(s.index) + " vs " + fmt(s.baseline_mean) +
          ", z " + fmt(s.z, 1) + ", " + s.n_events + " events)"));
      head.addEventListener("click", () => {
        state.by = s.by;
        state.directed = false;
        selectDyad(s.a, s.b, s.period);
      });
      li.append(head);
      for (const e of s.events) li.append(el("p", { className: "driver" }, e.date + ": " + e.sentence));
      list.append(li);
    }
    if (!shifts.length) list.append(el("li", { className: "muted small" }, "No shifts found."));
  }

  // ---------------------------------------------------------------- start
  async function start() {
    readHash();
    let summary, countries, top;
    try {
      [summary, countries, top] = await Promise.all([
        api("/api/summary"), api("/api/countries"), api("/api/top", { limit: 10 })]);
    } catch (err) {
      showError(err);
      return;
    }
    state.countries = countries;
    $("#summary").textContent = summary.n_events.toLocaleString() + " events · " +
      (summary.n_documents === null ? "" : summary.n_documents.toLocaleString() + " documents · ") +
      (summary.first_date ? summary.first_date + " to " + summary.last_date + " · " : "") +
      summary.n_dyads + " dyads";
    if (!state.a && top.length) { state.a = top[0].a; state.b = top[0].b; }
    syncForm();
    renderTop(top);

    $("#dyad-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      readForm();
      state.period = null;
      loadSeries();
      loadNetwork();
    });
    $("#swap").addEventListener("click", () => {
      readForm();
      [state.a, state.b] = [state.b, state.a];
      syncForm();
    });
    $("#more").addEventListener("click", loadEvents);
    await Promise.all([loadSeries(), loadNetwork(), loadShifts()]);
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", start);
})();
