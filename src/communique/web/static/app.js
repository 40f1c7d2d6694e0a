// The web app: a hash route picks a view, which fetches from the JSON API and builds its part of
// the page. No data is ever written into the page as HTML.

import { route } from "./api.js";
import { notice } from "./dom.js";
import { articleView } from "./article.js";
import { articlesView } from "./articles.js";
import { actorsView, actorView } from "./actors.js";
import { eventsView } from "./events.js";
import { mapView } from "./map.js";
import { networkView } from "./network.js";
import { quotesView } from "./quotes.js";
import { timelineView } from "./timeline.js";

const VIEWS = {
  events: (root, params) => eventsView(root, params),
  articles: (root, params) => articlesView(root, params),
  article: (root, params, id) => articleView(root, id, params),
  quotes: (root, params) => quotesView(root, params),
  actors: (root, params) => actorsView(root, params),
  actor: (root, params, name) => actorView(root, decodeURIComponent(name)),
  timeline: (root, params) => timelineView(root, params),
  network: (root, params) => networkView(root, params),
  map: (root, params) => mapView(root, params),
};

let shown = 0; // a slow answer for a view the user has left must not overwrite the new one

async function render() {
  const ticket = ++shown;
  const { view, params } = route();
  const [name, ...rest] = view.split("/");
  const root = document.getElementById("view");
  const part = document.createElement("div");
  root.replaceChildren(part);
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("here", a.getAttribute("href") === `#/${name}`);
  const draw = VIEWS[name];
  if (!draw) {
    part.append(notice(`There is no page "${name}".`, "error"));
    return;
  }
  try {
    await draw(part, params, rest.join("/"));
  } catch (error) {
    if (ticket === shown) part.append(notice(error.message || String(error), "error"));
  }
  document.body.dataset.ready = "yes"; // for tests and screenshots: the view has drawn
}

window.addEventListener("hashchange", render);
render();
