// Articles: search titles and texts, newest first.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, pager, table } from "./dom.js";

const FIELDS = [["q", "Words", "in the title or text"], ["outlet", "Outlet", ""], ["since", "Since", "2024-03-01"], ["until", "Until", ""]];

export async function articlesView(root, params) {
  const values = paramsObject(params);
  root.append(el("h1", { text: "Articles" }), filterForm(FIELDS, values, (found) => go("articles", found)));
  const status = root.appendChild(notice("Loading…"));
  const filters = Object.fromEntries(FIELDS.map(([name]) => [name, values[name]]));
  const result = await get("articles", { ...filters, limit: 50, offset: Number(values.offset || 0) });
  status.remove();
  const columns = [
    ["published", (r) => r.published || ""],
    ["title", (r) => el("a", { href: link(`article/${r.id}`) }, r.title || r.doc_id)],
    ["outlet", (r) => r.outlet || ""],
    ["events", (r) => r.events],
    ["quotes", (r) => r.quotes],
  ];
  const turn = (next) => go("articles", { ...filters, offset: next });
  root.append(pager(result, turn), table(columns, result.items, (r) => go(`article/${r.id}`)));
}
