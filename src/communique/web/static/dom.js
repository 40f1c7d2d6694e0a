// Building the page. Data is only ever put in as text (text nodes, textContent, attribute values),
// never parsed as HTML: an article holding "<script>" shows those characters.

const SVG = "http://www.w3.org/2000/svg";

function fill(node, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: el("a", {href: "#/x", class: "y"}, "text", otherNode). */
export function el(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** An SVG element. */
export function svg(tag, props = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), props, children);
}

/** A link target for a URL from the data: only http(s), anything else (javascript:, data:) is dropped. */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A table from rows: columns are [heading, row => cell (text or node)]; onRow makes rows clickable. */
export function table(columns, rows, onRow) {
  const head = el("thead", {}, el("tr", {}, columns.map(([name]) => el("th", { text: name }))));
  const body = el("tbody", {}, rows.map((row) => {
    const tr = el("tr", {}, columns.map(([, cell]) => el("td", {}, cell(row) ?? "")));
    if (onRow) {
      tr.classList.add("clickable");
      tr.tabIndex = 0;
      tr.addEventListener("click", (event) => { if (!event.target.closest("a")) onRow(row); });
      tr.addEventListener("keydown", (event) => { if (event.key === "Enter") onRow(row); });
    }
    return tr;
  }));
  return el("table", { class: "data" }, head, body);
}

/** "1–50 of 230" with previous/next buttons that call go(newOffset). */
export function pager(result, go) {
  const { total, limit, offset } = result;
  const last = Math.min(offset + limit, total);
  return el("div", { class: "pager" },
    el("button", { type: "button", onclick: () => go(Math.max(0, offset - limit)), disabled: offset === 0 }, "◀ previous"),
    el("span", { text: total ? `${offset + 1}–${last} of ${total}` : "nothing found" }),
    el("button", { type: "button", onclick: () => go(offset + limit), disabled: last >= total }, "next ▶"));
}

/** A filter form: fields are [name, label, placeholder]; submit calls onSubmit(values without blanks). */
export function filterForm(fields, values, onSubmit, extra = []) {
  const inputs = fields.map(([name, label, placeholder]) =>
    el("label", {}, label, el("input", { name, value: values[name] || "", placeholder: placeholder || "" })));
  const form = el("form", { class: "filters" }, inputs, extra, el("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const found = {};
    for (const [name, value] of new FormData(form)) if (String(value).trim()) found[name] = String(value).trim();
    onSubmit(found);
  });
  return form;
}

/** A status line for loading and errors. */
export function notice(text, kind = "info") {
  return el("p", { class: `notice ${kind}`, text });
}

/** "Source → Target" of a flat event row. */
export function who(row) {
  return `${row.source || "?"} → ${row.target || "?"}`;
}
