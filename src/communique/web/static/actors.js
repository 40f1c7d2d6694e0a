// Actors with their counts; one actor's events as source and as target.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, pager, table } from "./dom.js";
import { EVENT_COLUMNS, openEvent } from "./events.js";

export async function actorsView(root, params) {
  const values = paramsObject(params);
  root.append(el("h1", { text: "Actors" }), filterForm([["q", "Name", "part of a name"]], values, (found) => go("actors", found)));
  const status = root.appendChild(notice("Loading…"));
  const result = await get("actors", { q: values.q, limit: 50, offset: Number(values.offset || 0) });
  status.remove();
  const columns = [
    ["name", (r) => el("a", { href: link(`actor/${encodeURIComponent(r.name)}`) }, r.name)],
    ["kind", (r) => r.kind], ["country", (r) => r.country || ""], ["code", (r) => r.code || ""],
    ["articles", (r) => r.articles], ["as source", (r) => r.as_source], ["as target", (r) => r.as_target],
  ];
  const turn = (next) => go("actors", { q: values.q, offset: next });
  root.append(pager(result, turn), table(columns, result.items, (r) => go(`actor/${encodeURIComponent(r.name)}`)));
}

export async function actorView(root, name) {
  root.append(el("h1", { text: name }),
    el("p", {}, el("a", { href: link("timeline", { actor: name }) }, "timeline"), " · ",
      el("a", { href: link("network", { actor: name }) }, "network"), " · ",
      el("a", { href: link("events", { actor: name }) }, "all events")));
  const status = root.appendChild(notice("Loading…"));
  const found = await get(`actors/${encodeURIComponent(name)}/events`, { limit: 100 });
  status.remove();
  for (const [role, title] of [["as_source", "As source (acting)"], ["as_target", "As target (acted upon)"]]) {
    const part = found[role];
    root.append(el("h2", { text: `${title}: ${part.total}` }),
      part.items.length ? table(EVENT_COLUMNS, part.items, openEvent) : el("p", { text: "none" }));
  }
}
