// Canonical actors with their counts, and one actor's page: names, roles over time, events as
// source and as target, quotes.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, pager, table } from "./dom.js";
import { EVENT_COLUMNS, openEvent } from "./events.js";

export async function actorsView(root, params) {
  const values = paramsObject(params);
  root.append(el("h1", { text: "Actors" }), filterForm([["q", "Name", "part of a name or alias"]], values, (found) => go("actors", found)));
  const status = root.appendChild(notice("Loading…"));
  const result = await get("actors", { q: values.q, limit: 50, offset: Number(values.offset || 0) });
  status.remove();
  const columns = [
    ["name", (r) => el("a", { href: link(`actor/${r.id}`) }, r.name)],
    ["kind", (r) => r.kind], ["country", (r) => r.country || ""], ["code", (r) => r.code || ""],
    ["articles", (r) => r.articles], ["as source", (r) => r.as_source], ["as target", (r) => r.as_target],
  ];
  const turn = (next) => go("actors", { q: values.q, offset: next });
  root.append(pager(result, turn), table(columns, result.items, (r) => go(`actor/${r.id}`)));
}

/** #/actor/12 is the canonical actor 12; #/actor/NAME (older links) finds the actor of that name. */
export async function actorView(root, which) {
  if (/^\d+$/.test(which)) return profileView(root, Number(which));
  const found = await get("actors", { q: which, limit: 50 });
  const same = found.items.find((r) => r.name.toLowerCase() === which.toLowerCase());
  if (same) return profileView(root, same.id);
  return eventsByName(root, which);
}

async function profileView(root, id) {
  const status = root.appendChild(notice("Loading…"));
  const actor = await get(`actors/${id}`, { limit: 100 });
  status.remove();
  root.append(el("h1", { class: "actor-name", text: actor.name }),
    el("dl", { class: "facts actor-facts" },
      fact("kind", actor.kind), fact("code", actor.code), fact("country", actor.country),
      fact("sector", actor.sector), fact("origin", actor.origin), fact("articles", actor.articles)),
    el("p", {}, el("a", { href: link("timeline", { actor: actor.name }) }, "timeline"), " · ",
      el("a", { href: link("network", { actor: actor.name }) }, "network"), " · ",
      el("a", { href: link("events", { actor: actor.name }) }, "all events")),
    el("h2", { text: "Also called" }),
    el("ul", { class: "aliases" }, actor.aliases.map((a) => el("li", { title: a.origin }, a.name, el("span", { class: "meta", text: ` ${a.origin}` })))),
    el("h2", { text: "Roles over time" }), roleList(actor.roles),
    el("h2", { text: "How its mentions were joined" }),
    el("ul", { class: "evidence" }, actor.evidence.map((e) => el("li", { text: `${e.evidence}: ${e.entities}` }))));
  for (const [role, title] of [["as_source", "As source (acting)"], ["as_target", "As target (acted upon)"]]) {
    const part = actor[role];
    root.append(el("h2", { class: role, text: `${title}: ${part.total}` }),
      part.items.length ? table(EVENT_COLUMNS, part.items, openEvent) : el("p", { text: "none" }));
  }
  root.append(el("h2", { class: "quotes-heading", text: `Quotes: ${actor.quotes.total}` }),
    actor.quotes.items.length ? el("ol", { class: "quotes" }, actor.quotes.items.map(quoteItem)) : el("p", { text: "none" }));
}

function fact(name, value) {
  return value === null || value === undefined || value === "" ? [] : [el("dt", { text: name }), el("dd", { text: String(value) })];
}

function roleList(roles) {
  if (!roles.length) return el("p", { text: "none stated" });
  return el("ul", { class: "roles" }, roles.map((r) => el("li", {},
    el("strong", { text: r.role }), " — ",
    r.article_id
      ? ["seen ", el("a", { href: link(`article/${r.article_id}`) }, r.seen || "undated"), r.title ? ` (${r.title})` : ""]
      : `imported, ${r.valid_from || "…"} to ${r.valid_to || "…"}`)));
}

function quoteItem(q) {
  return el("li", {},
    el("blockquote", { text: q.text }),
    el("p", { class: "meta" }, `${q.kind} · ${q.attribution} · ${q.published || ""} · `,
      el("a", { href: link(`article/${q.article_id}`, { quote: q.quote }) }, `${q.outlet || ""} ${q.article}`.trim())));
}

async function eventsByName(root, name) {
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
