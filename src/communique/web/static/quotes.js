// The quote browser: speakers and channels to pick from, and the quotes with their source.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, pager } from "./dom.js";

const FIELDS = [["speaker", "Speaker", "Antonov"], ["channel", "Channel", "interview"], ["outlet", "Outlet", ""], ["since", "Since", ""], ["until", "Until", ""]];
// What people said or wrote is what quotes are counted as; thoughts and perceptions on request.
const ATTRIBUTIONS = [["speech,writing", "said or written"], ["speech", "said"], ["writing", "written"],
  ["thought", "thought"], ["perception", "seen or shown"], ["all", "all"]];
const DEFAULT_ATTRIBUTION = "speech,writing";

function attributionSelect(value) {
  return el("label", {}, "Attribution", el("select", { name: "attribution" },
    ATTRIBUTIONS.map(([kinds, label]) => el("option", { value: kinds, selected: kinds === value }, label))));
}

export async function quotesView(root, params) {
  const values = paramsObject(params);
  const filters = Object.fromEntries(FIELDS.map(([name]) => [name, values[name]]));
  filters.attribution = values.attribution || DEFAULT_ATTRIBUTION;
  root.append(el("h1", { text: "Quotes" }),
    filterForm(FIELDS, values, (found) => go("quotes", found), [attributionSelect(filters.attribution)]));
  const status = root.appendChild(notice("Loading…"));
  const [facets, result] = await Promise.all([
    get("quotes/facets"),
    get("quotes", { ...filters, limit: 50, offset: Number(values.offset || 0) }),
  ]);
  status.remove();
  const facet = (title, key, items) => el("section", {}, el("h3", { text: title }), el("ul", { class: "facet" },
    items.map((f) => el("li", {}, el("a", { href: link("quotes", { ...filters, [key]: f.name, offset: null }) }, f.name), ` ${f.quotes}`))));
  const turn = (next) => go("quotes", { ...filters, offset: next });
  root.append(el("div", { class: "with-side" },
    el("aside", { class: "facets" }, facet("Speakers", "speaker", facets.speakers), facet("Channels", "channel", facets.channels)),
    el("div", {}, pager(result, turn), el("ol", { class: "quotes" }, result.items.map(quoteItem)))));
}

function quoteItem(q) {
  return el("li", {},
    el("blockquote", { text: q.text }),
    el("p", { class: "meta" },
      el("strong", { text: q.speaker || q.speaker_text || "unknown speaker" }),
      q.channel ? ` via ${q.channel}` : "", ` · ${q.kind} · ${q.attribution} · ${q.published || ""} · `,
      el("a", { href: link(`article/${q.article_id}`, { quote: q.quote }) }, `${q.outlet || ""} ${q.article}`.trim())));
}
