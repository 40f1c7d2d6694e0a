// One article: its text with actors, event triggers, quotes, times and places highlighted, the
// records listed beside it, and the chosen event's sentence with its parts lit up.

import { get, link } from "./api.js";
import { el, notice, safeHref } from "./dom.js";
import { highlighted, slice, codeUnits } from "./highlight.js";

const KINDS = [
  ["actor", "Actors"], ["trigger", "Event triggers"], ["quote", "Quotes"], ["time", "Times"], ["place", "Places"],
];

export async function articleView(root, id, params) {
  root.append(notice("Loading the article…"));
  const article = await get(`articles/${encodeURIComponent(id)}`);
  const names = new Map(article.entities.map((e) => [e.id, e.name]));
  const name = (ids) => (ids && ids.length ? ids.map((i) => names.get(i) || i).join(" + ") : "?");
  root.replaceChildren();
  root.append(header(article));
  const focusBox = el("section", { class: "focus" });
  const { node, anchors } = highlighted(article.text, marksOf(article, name));
  const toggles = el("div", { class: "legend" }, KINDS.map(([kind, label]) => toggle(node, kind, label)));
  const side = sideList(article, name, (key, event) => {
    show(anchors.get(key));
    if (event) focus(focusBox, article, event, name);
  });
  root.append(focusBox, el("div", { class: "article-layout" }, el("div", {}, toggles, node), side));
  const chosenEvent = article.events.find((e) => e.id === params.get("event"));
  if (chosenEvent) {
    focus(focusBox, article, chosenEvent, name);
    show(anchors.get(`event:${chosenEvent.id}`));
  }
  const chosenQuote = params.get("quote");
  if (chosenQuote) show(anchors.get(`quote:${chosenQuote}`));
}

function header(article) {
  const href = article.url ? safeHref(article.url) : null;
  return el("div", { class: "article-head" },
    el("h1", { text: article.title || article.id }),
    el("p", { class: "meta" },
      [article.outlet, article.published, `id ${article.id}`].filter(Boolean).join(" · "),
      href ? [" · ", el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
    article.errors.length ? notice(article.errors.map((e) => `${e.stage}: ${e.message}`).join("; "), "warn") : null);
}

function marksOf(article, name) {
  const marks = [];
  for (const e of article.entities) {
    for (const [start, end] of e.mentions) {
      marks.push({ start, end, kind: "actor", key: `entity:${e.id}`, label: `${e.id} ${e.name} (${[e.kind, e.country, e.code].filter(Boolean).join(", ")})` });
    }
  }
  for (const v of article.events) {
    const [start, end] = v.trigger_span;
    marks.push({ start, end, kind: "trigger", key: `event:${v.id}`, label: `${v.id} ${v.plover}${v.cameo ? ` ${v.cameo}` : ""}: ${name(v.source)} → ${name(v.target)}` });
  }
  for (const q of article.quotes) {
    const [start, end] = q.span;
    const speaker = q.speaker ? name([q.speaker]) : (q.speaker_span ? slice(article.text, codeUnits(article.text), ...q.speaker_span) : "unknown speaker");
    marks.push({ start, end, kind: "quote", key: `quote:${q.id}`, label: `${q.id} ${q.kind} quote · speaker: ${speaker} · channel: ${q.channel || "none"}` });
  }
  for (const t of article.times) marks.push({ start: t.span[0], end: t.span[1], kind: "time", key: `time:${t.id}`, label: `${t.id} ${t.type} ${t.value || ""}` });
  for (const p of article.places) {
    marks.push({ start: p.span[0], end: p.span[1], kind: "place", key: `place:${p.id}`, label: `${p.id} ${p.name}${p.country ? `, ${p.country}` : ""}${p.metonymic ? " (metonymic)" : ""}` });
  }
  return marks;
}

function toggle(textNode, kind, label) {
  const box = el("input", { type: "checkbox", checked: true });
  box.addEventListener("change", () => textNode.classList.toggle(`hide-${kind}`, !box.checked));
  return el("label", { class: `chip hl-${kind}` }, box, label);
}

function show(anchor) {
  if (!anchor) return;
  anchor.scrollIntoView({ behavior: "smooth", block: "center" });
  anchor.classList.remove("flash");
  void anchor.offsetWidth; // restart the animation
  anchor.classList.add("flash");
}

function sideList(article, name, choose) {
  const item = (key, text, event) => el("li", {}, el("button", { type: "button", class: "record", onclick: () => choose(key, event) }, text));
  const group = (title, items) => (items.length ? [el("h3", { text: `${title} (${items.length})` }), el("ul", {}, items)] : null);
  return el("aside", { class: "records" },
    group("Events", article.events.map((v) => item(`event:${v.id}`, `${v.id} ${v.plover} ${name(v.source)} → ${name(v.target)}${v.date ? `, ${v.date}` : ""}`, v))),
    group("Quotes", article.quotes.map((q) => item(`quote:${q.id}`, `${q.id} ${q.speaker ? name([q.speaker]) : "?"}${q.channel ? ` via ${q.channel}` : ""}: ${q.text}`))),
    group("Actors", article.entities.map((e) => item(`entity:${e.id}`, `${e.id} ${e.name} [${[e.kind, e.country, e.code].filter(Boolean).join(", ")}]`))),
    group("Times", article.times.map((t) => item(`time:${t.id}`, `${t.id} ${t.text} = ${t.value || "?"}`))),
    group("Places", article.places.map((p) => item(`place:${p.id}`, `${p.id} ${p.name}${p.country ? `, ${p.country}` : ""}`))));
}

/** The event's sentence with its source, target, trigger, date and place lit up, and its facts. */
export function focus(box, article, event, name) {
  const [from, to] = event.sentence_span;
  const inSentence = ([start, end]) => start >= from && end <= to;
  const marks = [];
  const add = (spans, kind, label) => spans.filter(inSentence).forEach(([start, end]) => marks.push({ start: start - from, end: end - from, kind, key: `${kind}:${start}`, label }));
  add(event.source_spans, "source", `source: ${name(event.source)}`);
  add(event.target_spans, "target", `target: ${name(event.target)}`);
  add([event.trigger_span], "trigger", `trigger: ${event.plover}`);
  const place = article.places.find((p) => p.id === event.location);
  if (place) add([place.span], "place", `place: ${place.name}`);
  const times = article.times.filter((t) => inSentence(t.span) && t.value && event.date && (t.value.startsWith(event.date) || event.date.startsWith(t.value)));
  add(times.map((t) => t.span), "time", `date: ${event.date}`);
  const units = codeUnits(article.text);
  const sentence = slice(article.text, units, from, to);
  const facts = [
    ["type", [event.plover, event.mode, event.cameo && `CAMEO ${event.cameo}`].filter(Boolean).join(" · ")],
    ["source", name(event.source)], ["target", name(event.target)],
    ["date", event.date || "not given"], ["place", place ? place.name : "not given"],
    ["modality", event.modality], ["quad class", event.quad_class || "?"],
    ["Goldstein", event.goldstein ?? "?"],
  ];
  box.replaceChildren(
    el("h2", { text: `Event ${event.id}` }),
    highlighted(sentence, marks, "blockquote").node,
    el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: String(v) })])),
    reportsOf(article.article_id, event.id));
}

/** Every stored report of the same real-world event, this one marked, filled in when the API answers. */
function reportsOf(articleId, eventId) {
  const box = el("div", { class: "reports" }, notice("Looking for the reports of this event…"));
  get(`events/${articleId}/${encodeURIComponent(eventId)}`).then((found) => {
    const items = found.reports.map((r) => {
      const here = r.article_id === articleId && r.event_id === eventId;
      return el("li", { class: here ? "here" : null },
        el("a", { href: link(`article/${r.article_id}`, { event: r.event_id }) }, `${r.event_id} ${r.published || ""} ${r.title || r.doc_id}${r.outlet ? ` (${r.outlet})` : ""}`),
        `: «${r.trigger}» ${r.sentence}`, here ? " — this report" : null);
    });
    box.replaceChildren(el("h3", { text: `Reports of this event (${items.length})` }), el("ul", {}, items));
  }).catch((error) => box.replaceChildren(notice(error.message, "error")));
  return box;
}
