// The events table: filters as in `communique events`, one page at a time.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, pager, table } from "./dom.js";

const FIELDS = [
  ["actor", "Actor", "RUS, NATO, a name"], ["source", "Source", "who acts"], ["target", "Target", "acted upon"],
  ["type", "Type", "ACCUSE or 11"], ["since", "Since", "2024-03-01"], ["until", "Until", "2024-03-31"],
];

export const EVENT_COLUMNS = [
  ["date", (r) => r.date || r.published || ""],
  ["type", (r) => [r.plover, r.mode].filter(Boolean).join(" / ")],
  ["CAMEO", (r) => r.cameo || ""],
  ["source", (r) => actorLinks(r, "source")],
  ["target", (r) => actorLinks(r, "target")],
  ["place", (r) => r.location || ""],
  ["trigger", (r) => el("span", { class: "trigger", text: r.trigger })],
  ["article", (r) => el("a", { href: link(`article/${r.article_id}`, { event: r.event }) }, r.title || r.article)],
];

/** One side of a flat event row: each actor's name as the article wrote it, linked to the page of
 * its canonical actor ("Antonov" → Anatoly Antonov's page); "?" for no actor. */
export function actorLinks(row, role) {
  if (!row[role]) return "?";
  const names = row[role].split("; ");
  const ids = (row[`${role}_actor_ids`] || "").split("; ");
  const canonical = (row[`${role}_actors`] || "").split("; ");
  return names.flatMap((name, i) => {
    const id = ids[i];
    const shown = id ? el("a", { href: link(`actor/${id}`), title: canonical[i] || name }, name) : name;
    return i ? ["; ", shown] : [shown];
  });
}

export function openEvent(row) {
  go(`article/${row.article_id}`, { event: row.event });
}

export async function eventsView(root, params) {
  const values = paramsObject(params);
  const offset = Number(values.offset || 0);
  root.append(el("h1", { text: "Events" }),
    filterForm(FIELDS, values, (found) => go("events", found)));
  const status = root.appendChild(notice("Loading…"));
  const filters = Object.fromEntries(FIELDS.map(([name]) => [name, values[name]]));
  const result = await get("events", { ...filters, limit: 50, offset });
  status.remove();
  const turn = (next) => go("events", { ...filters, offset: next });
  root.append(pager(result, turn), table(EVENT_COLUMNS, result.items, openEvent), pager(result, turn));
}
