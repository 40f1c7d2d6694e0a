// The actor network: who did what to whom, one arrow per source, target and PLOVER quad class.

import { get, go, link, paramsObject } from "./api.js";
import { el, filterForm, notice, svg } from "./dom.js";

export const QUAD_CLASSES = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
const MAX_NODES = 60;

export async function networkView(root, params) {
  const values = paramsObject(params);
  const fields = [["actor", "Actor", "RUS"], ["type", "Type", ""], ["since", "Since", ""], ["until", "Until", ""]];
  root.append(el("h1", { text: "Actor network" }), filterForm(fields, values, (found) => go("network", found)));
  const status = root.appendChild(notice("Loading…"));
  const found = await get("network", { actor: values.actor, type: values.type, since: values.since, until: values.until, limit: 300 });
  status.remove();
  // Nodes are canonical actors, keyed by id: two unresolved "Clinton"s are two nodes of one name.
  const nodes = found.nodes.slice(0, MAX_NODES).map((n) => ({ ...n, key: nodeKey(n.id, n.name) }));
  const kept = new Set(nodes.map((n) => n.key));
  const edges = found.edges.map((e) => ({ ...e, from: nodeKey(e.source_id, e.source), to: nodeKey(e.target_id, e.target) }))
    .filter((e) => kept.has(e.from) && kept.has(e.to));
  if (!edges.length) {
    root.append(notice("No events with both a source and a target match."));
    return;
  }
  root.append(legend(), drawing(nodes, edges));
}

function nodeKey(id, name) {
  return id === null || id === undefined ? `name:${name}` : `id:${id}`;
}

function legend() {
  return el("p", { class: "legend" }, QUAD_CLASSES.map((q) =>
    el("span", { class: "swatch-label" }, el("span", { class: `swatch ${q}` }), q.replace("_", " "))));
}

/** A small force layout: nodes repel, edges pull, a weak pull to the centre; fixed start, so stable. */
export function layout(nodes, edges, width, height) {
  const at = new Map(nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    return [n.key, { x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle) }];
  }));
  const points = [...at.values()];
  for (let step = 0; step < 300; step++) {
    const cool = 1 - step / 300;
    const move = points.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const dx = points[i].x - points[j].x, dy = points[i].y - points[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const push = 6000 / d2;
        move[i].x += dx * push / Math.sqrt(d2); move[i].y += dy * push / Math.sqrt(d2);
        move[j].x -= dx * push / Math.sqrt(d2); move[j].y -= dy * push / Math.sqrt(d2);
      }
    }
    for (const e of edges) {
      const a = at.get(e.from), b = at.get(e.to);
      if (a === b) continue;
      const i = points.indexOf(a), j = points.indexOf(b);
      const dx = b.x - a.x, dy = b.y - a.y;
      move[i].x += dx * 0.02; move[i].y += dy * 0.02; move[j].x -= dx * 0.02; move[j].y -= dy * 0.02;
    }
    points.forEach((p, i) => {
      move[i].x += (width / 2 - p.x) * 0.01; move[i].y += (height / 2 - p.y) * 0.01;
      p.x = Math.min(width - 40, Math.max(40, p.x + Math.max(-20, Math.min(20, move[i].x)) * cool));
      p.y = Math.min(height - 20, Math.max(20, p.y + Math.max(-20, Math.min(20, move[i].y)) * cool));
    });
  }
  return at;
}

/** Positions stretched to fill the drawing, leaving room for labels. */
function fit(at, width, height) {
  const points = [...at.values()];
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const p of points) {
    p.x = x1 > x0 ? 40 + ((p.x - x0) / (x1 - x0)) * (width - 200) : width / 2;
    p.y = y1 > y0 ? 30 + ((p.y - y0) / (y1 - y0)) * (height - 60) : height / 2;
  }
  return at;
}

const radius = (node) => 5 + Math.sqrt(node.events) * 2;

function drawing(nodes, edges) {
  const [width, height] = [960, 640];
  const at = fit(layout(nodes, edges, width, height), width, height);
  const size = new Map(nodes.map((n) => [n.key, radius(n)]));
  const most = Math.max(...edges.map((e) => e.events));
  const marker = (q) => svg("marker", { id: `arrow-${q}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: `edge ${q}` }));
  const lines = edges.map((e, k) => {
    const a = at.get(e.from), b = at.get(e.to);
    const quad = QUAD_CLASSES.includes(e.quad_class) ? e.quad_class : "unknown";
    // Pairs with several quad classes, and both directions, get separate curves.
    const bend = 20 + 12 * (QUAD_CLASSES.indexOf(quad) + 1) + (k % 2);
    let d;
    if (a === b) {
      d = `M ${a.x} ${a.y - size.get(e.from)} c 30 -40 60 0 ${size.get(e.from) + 2} ${size.get(e.from)}`;
    } else {
      const cx = (a.x + b.x) / 2 + bend * Math.sign(b.y - a.y || 1), cy = (a.y + b.y) / 2 - bend * Math.sign(b.x - a.x || 1);
      // End the curve at the target's rim, so the arrow head shows.
      const [dx, dy] = [b.x - cx, b.y - cy];
      const back = (size.get(e.to) + 2) / Math.max(1, Math.hypot(dx, dy));
      d = `M ${a.x} ${a.y} Q ${cx} ${cy} ${b.x - dx * back} ${b.y - dy * back}`;
    }
    return svg("path", { d, class: `edge ${quad}`, "stroke-width": 1 + (4 * e.events) / most, "marker-end": `url(#arrow-${quad})` },
      svg("title", { text: `${e.source} → ${e.target}: ${e.quad_class || "no quad class"}, ${e.events} events` }));
  });
  const dots = nodes.map((n) => {
    const p = at.get(n.key);
    const page = n.id === null || n.id === undefined ? `actor/${encodeURIComponent(n.name)}` : `actor/${n.id}`;
    return svg("a", { href: link(page) },
      svg("circle", { cx: p.x, cy: p.y, r: size.get(n.key), class: "node" }, svg("title", { text: `${n.name}: ${n.events} events` })),
      svg("text", { x: p.x + size.get(n.key) + 3, y: p.y - 6, class: "label", text: n.name }));
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "network", role: "img" },
    svg("defs", {}, [...QUAD_CLASSES, "unknown"].map(marker)), lines, dots);
}
