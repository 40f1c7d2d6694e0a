// Where the events happened, on a world outline that ships with the app (Natural Earth via the
// world-atlas package, built by `make assets`): nothing is fetched from elsewhere.

import { get, go, paramsObject } from "./api.js";
import { el, filterForm, notice, svg, table } from "./dom.js";

const [WIDTH, HEIGHT] = [960, 480];

/** Equirectangular projection onto the drawing. */
export function project(lon, lat) {
  return [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];
}

export async function mapView(root, params) {
  const values = paramsObject(params);
  const fields = [["actor", "Actor", "RUS"], ["source", "Source", ""], ["target", "Target", ""], ["type", "Type", ""], ["since", "Since", ""], ["until", "Until", ""]];
  root.append(el("h1", { text: "Map of event locations" }), filterForm(fields, values, (found) => go("map", found)));
  const status = root.appendChild(notice("Loading…"));
  const filters = Object.fromEntries(fields.map(([name]) => [name, values[name]]));
  const [found, world] = await Promise.all([get("places", filters), outline()]);
  status.remove();
  if (world) root.append(drawing(world, found.places));
  else root.append(notice("The world outline is not built: run `make assets` (it needs Node.js and npm) and restart the server. The places are listed below.", "warn"));
  root.append(table([["place", (p) => p.name], ["country", (p) => p.country || ""], ["lat", (p) => p.lat.toFixed(3)], ["lon", (p) => p.lon.toFixed(3)], ["events", (p) => p.events]], found.places));
}

/** The countries as GeoJSON features, or null when the assets are missing. */
async function outline() {
  try {
    await loadScript("/static/vendor/topojson-client.min.js");
    const response = await fetch("/static/vendor/countries-110m.json");
    if (!response.ok || !window.topojson) return null;
    const topology = await response.json();
    return window.topojson.feature(topology, topology.objects.countries).features;
  } catch {
    return null;
  }
}

function loadScript(src) {
  if (window.topojson) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

/**
 * A ring's longitudes made continuous: the outline's rings that cross the antimeridian (Russia, Fiji)
 * jump from +180 to -180, which a flat projection would draw as a line across the whole map.
 */
export function unwrap(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i) {
      const before = ring[i - 1][0];
      if (lon - before > 180) shift -= 360;
      else if (before - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function ringPath(ring, offset) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${project(lon + offset, lat).map((v) => v.toFixed(1)).join(",")}`).join("") + "Z";
}

/** The path of a ring, drawn again one world-width over when it reaches past the edge. */
function ringPaths(ring) {
  const flat = unwrap(ring);
  const lons = flat.map(([lon]) => lon);
  const offsets = [0];
  if (Math.max(...lons) > 180) offsets.push(-360);
  if (Math.min(...lons) < -180) offsets.push(360);
  return offsets.map((offset) => ringPath(flat, offset)).join("");
}

function featurePath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map(ringPaths).join("")).join("");
}

function drawing(world, places) {
  const most = Math.max(1, ...places.map((p) => p.events));
  const countries = world.map((f) => svg("path", { d: featurePath(f.geometry), class: "country" },
    svg("title", { text: (f.properties && f.properties.name) || "" })));
  const dots = places.map((p) => {
    const [x, y] = project(p.lon, p.lat);
    return svg("circle", { cx: x, cy: y, r: 3 + 9 * Math.sqrt(p.events / most), class: "place" },
      svg("title", { text: `${p.name}${p.country ? `, ${p.country}` : ""}: ${p.events} events` }));
  });
  return svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "img", overflow: "hidden" },
    svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }), countries, dots);
}
