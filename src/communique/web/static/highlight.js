// An article's text cut at every record boundary, each piece a <span> carrying the kinds of the
// records that cover it. Offsets from the API count code points (Python's str), while JavaScript
// strings count UTF-16 units, so offsets are converted before slicing.

import { el } from "./dom.js";

/** For each code point offset 0..n, the UTF-16 index where it starts. */
export function codeUnits(text) {
  const units = [0];
  let at = 0;
  for (const ch of text) {
    at += ch.length;
    units.push(at);
  }
  return units;
}

/** A slice of the text by code point offsets. */
export function slice(text, units, start, end) {
  return text.slice(units[clamp(start, units)], units[clamp(end, units)]);
}

function clamp(offset, units) {
  return Math.max(0, Math.min(units.length - 1, offset));
}

/**
 * The text as <span>s. marks: [{start, end, kind, key, label}] (code points); every piece gets the
 * class of each kind covering it and a tooltip of their labels. Returns {node, anchors} where
 * anchors maps each mark's key to the first piece it covers (for scrolling to the evidence).
 */
export function highlighted(text, marks, tag = "div") {
  const units = codeUnits(text);
  const size = units.length - 1;
  const usable = marks.filter((m) => m.end > m.start && m.start < size && m.end > 0);
  const cuts = new Set([0, size]);
  for (const m of usable) { cuts.add(clamp(m.start, units)); cuts.add(clamp(m.end, units)); }
  const points = [...cuts].sort((a, b) => a - b);
  const anchors = new Map();
  const node = el(tag, { class: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = usable.filter((m) => m.start <= start && m.end >= end);
    const piece = document.createTextNode(text.slice(units[start], units[end]));
    if (!covering.length) { node.append(piece); continue; }
    const span = el("span", { class: [...new Set(covering.map((m) => `hl-${m.kind}`))].join(" ") }, piece);
    const labels = [...new Set(covering.map((m) => m.label).filter(Boolean))];
    if (labels.length) span.title = labels.join("\n");
    for (const m of covering) if (!anchors.has(m.key)) anchors.set(m.key, span);
    node.append(span);
  }
  return { node, anchors };
}
