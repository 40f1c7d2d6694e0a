// A timeline for chosen actors: events per period for each, and their events in date order with
// the reports of one real-world event shown once, with how many there are.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, svg } from "./dom.js";
import { actorLinks } from "./events.js";

const COLOURS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; // the .c0 … .c9 colours of app.css

export async function timelineView(root, params) {
  const values = paramsObject(params, ["actor"]);
  const sides = (values.actor || []).map((side) => side.trim()).filter(Boolean).slice(0, 2);
  const by = values.by || "month";
  const choose = el("label", {}, "By", el("select", { name: "by" },
    ["day", "month", "year"].map((p) => el("option", { value: p, selected: p === by }, p))));
  const fields = [["actor", "Actor side", "RUS (or RUS,BLR)"], ["other", "Other side (optional)", "NATO"],
    ["type", "Type", ""], ["since", "Since", ""], ["until", "Until", ""]];
  const form = filterForm(fields, { ...values, actor: sides[0], other: sides[1] },
    ({ other, ...found }) => go("timeline", { ...found, actor: [found.actor, other].filter(Boolean) }), [choose]);
  root.append(el("h1", { text: "Timeline" }), form);
  if (!sides.length) {
    root.append(notice("Name an actor side (RUS, NATO, an exact name; several joined by commas), and another to see the events between the two."));
    return;
  }
  const status = root.appendChild(notice("Loading…"));
  const found = await get("timeline", { actor: sides, by, type: values.type, since: values.since, until: values.until, limit: 200 });
  status.remove();
  const title = sides.length === 2 ? `Between ${sides[0]} and ${sides[1]}` : `Events of ${sides[0]}`;
  root.append(el("h2", { text: title }), chart(found),
    el("h2", { text: `Events (${found.events.length}; the reports of one event shown once)` }), eventList(found.events));
}

function chart(found) {
  const periods = [...new Set(found.periods.map((p) => p.period))].sort();
  if (!periods.length) return notice("No dated events.");
  const types = [...new Set(found.periods.map((p) => p.plover))].sort();
  const count = new Map(found.periods.map((p) => [`${p.period}|${p.plover}`, p]));
  const totals = periods.map((period) => types.reduce((n, t) => n + ((count.get(`${period}|${t}`) || {}).events || 0), 0));
  const most = Math.max(...totals);
  const [width, height, pad] = [Math.max(480, periods.length * 40 + 80), 220, 30];
  const slot = (width - pad * 2) / periods.length;
  const shapes = [];
  periods.forEach((period, i) => {
    let base = height - pad;
    types.forEach((type, j) => {
      const row = count.get(`${period}|${type}`);
      if (!row) return;
      const h = ((height - pad * 2) * row.events) / most;
      base -= h;
      shapes.push(svg("rect", { x: pad + i * slot, y: base, width: Math.min(slot * 0.8, 36), height: h, class: `bar c${j % COLOURS.length}` },
        svg("title", { text: `${period} ${type}: ${row.events} events in ${row.reports} reports, ${row.articles} articles` })));
    });
    shapes.push(svg("text", { x: pad + i * slot, y: height - 10, class: "axis", text: period }));
  });
  shapes.push(svg("text", { x: 4, y: pad - 8, class: "axis", text: `max ${most} events` }));
  const legend = el("p", { class: "legend" }, types.map((type, j) =>
    el("span", { class: "swatch-label" }, el("span", { class: `swatch c${j % COLOURS.length}` }), type)));
  return el("div", { class: "chart" }, legend, svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img" }, shapes));
}

function eventList(events) {
  return el("ol", { class: "timeline" }, events.map((e) => el("li", {},
    el("span", { class: "when", text: e.date || e.published || "undated" }),
    el("span", { class: "what", text: `${e.plover}${e.cameo ? ` ${e.cameo}` : ""}` }),
    el("span", {}, actorLinks(e, "source"), " → ", actorLinks(e, "target")),
    e.reports > 1 ? el("span", { class: "badge", title: `${e.reports} reports in ${e.articles} articles`, text: `${e.reports} reports` }) : null,
    el("a", { href: link(`article/${e.article_id}`, { event: e.event }) }, `«${e.trigger}» ${e.article}`))));
}
