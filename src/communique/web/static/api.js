// The JSON API, and the hash routes of the app (#/view?key=value&key=value).

/** GET /api/<path>?params; repeated keys come from array values. Throws with the server's message. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of [].concat(value)) if (one !== undefined && one !== null && one !== "") query.append(key, one);
  }
  const response = await fetch(`/api/${path}${query.size ? `?${query}` : ""}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = JSON.stringify((await response.json()).detail); } catch { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

/** The current route: {view, params (URLSearchParams)}. */
export function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [view, query] = hash.split("?");
  return { view: view || "events", params: new URLSearchParams(query || "") };
}

/** A hash link: link("article/3", {event: "V2"}). */
export function link(view, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of [].concat(value)) if (one !== undefined && one !== null && one !== "") query.append(key, one);
  }
  return `#/${view}${query.size ? `?${query}` : ""}`;
}

/** Go to a route (adds a history entry, so Back works). */
export function go(view, params) {
  location.hash = link(view, params);
}

/** The route's parameters as a plain object (the last value of repeated keys, or all of `many`). */
export function paramsObject(params, many = []) {
  const out = {};
  for (const key of new Set(params.keys())) out[key] = many.includes(key) ? params.getAll(key) : params.get(key);
  return out;
}
