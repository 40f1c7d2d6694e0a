#!/usr/bin/env python3
"""Count the event actor errors issue 16 wants gone, in a ``communique extract`` output file.

    .venv/bin/python scripts/event_actor_audit.py OUT.jsonl [--examples N]

Three counts, over every event of every document:

- **no source**: the event names no source entity (``source`` is empty), so a store, a network
  or a timeline shows it as "? → ...";
- **source = target**: some source and some target are one actor: the same entity id, or two
  entities with the same name (case-insensitive), or the same span;
- **headline fragment**: a source or target entity (an actor, as a store sees it) whose name ends
  in a hyphen, or whose mentions all lie in lines written in Title Case (headlines) and whose
  name, or words as written there, the rest of the document never writes: "Bernie Sanders Promises
  Action", "Buffalo to Albany", "Afro-" are words of a headline the name finder took whole, not
  names the article uses. A mention written in capitals ("GOP", "NATO") is not such a fragment:
  Title Case makes no acronyms, so the headline wrote it as any line would. (A side with no entity
  is only a phrase of the parse, not an actor.)

Standard library only, so it runs on any output file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "the", "to", "up", "vs", "via", "with",
})
"""Words a headline leaves in lower case; they neither prove nor disprove Title Case."""
TITLE_CASE_SHARE = 1.0
"""Share of the other words that must start with a capital for a line to be a headline: all
(the same rule as communique.actors.headlines)."""
MIN_TITLE_WORDS = 4


def lines_with_offsets(text: str) -> Iterator[tuple[int, int]]:
    """``[start, end)`` of every line of the text."""
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, start + len(line.rstrip("\r\n"))
        start += len(line)


def is_title_case(line: str) -> bool:
    """A line whose words, short function words aside, nearly all start with a capital."""
    words = [w for w in WORD.findall(line) if w.lower() not in SMALL_WORDS]
    if len(words) < MIN_TITLE_WORDS:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= TITLE_CASE_SHARE * len(words)


def title_case_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges of the document's Title Case lines."""
    return [(s, e) for s, e in lines_with_offsets(text) if is_title_case(text[s:e])]


def body_text(text: str, headlines: list[tuple[int, int]]) -> str:
    """The text with its Title Case lines blanked out."""
    chars = list(text)
    for start, end in headlines:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def is_headline_fragment(entity: dict, text: str, headlines: list[tuple[int, int]], body: str) -> bool:
    """An actor named only in Title Case lines by words the rest of the document never writes."""
    name = (entity.get("name") or "").strip()
    if name.endswith(("-", "–")):
        return True
    mentions = entity.get("mentions") or []
    if not mentions or not headlines:
        return False
    only_in_headlines = all(any(s <= m[0] and m[1] <= e for s, e in headlines) for m in mentions)
    written = [text[m[0] : m[1]] for m in mentions]
    if not only_in_headlines or any(is_acronym(words) for words in written):
        return False
    return not any(written_in(body, words) for words in [name, *written])


def is_acronym(words: str) -> bool:
    """ "GOP", "U.N.": letters all capitals, two or more of them."""
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def written_in(body: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``body`` as whole words, with the same capitals."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", body) is not None


def is_self_directed(event: dict, entities: dict[str, dict]) -> bool:
    """Some source and some target are one actor."""
    sources, targets = event.get("source") or [], event.get("target") or []
    if set(sources) & set(targets):
        return True
    names = {(entities.get(s) or {}).get("name", "").lower() for s in sources} - {""}
    if any((entities.get(t) or {}).get("name", "").lower() in names for t in targets):
        return True
    source_spans = {tuple(s) for s in event.get("source_spans") or []}
    return any(tuple(t) in source_spans for t in event.get("target_spans") or [])


def audit_document(doc: dict, counts: dict[str, int], examples: dict[str, list[str]]) -> None:
    """Add one output line's events to the counts, keeping a few examples of each error."""
    text = doc.get("text") or ""
    entities = {e["id"]: e for e in doc.get("entities") or [] if isinstance(e, dict) and "id" in e}
    headlines = title_case_ranges(text) if text else []
    body = body_text(text, headlines) if headlines else text
    for event in doc.get("events") or []:
        counts["events"] += 1
        found = []
        if not event.get("source"):
            found.append("no_source")
        if is_self_directed(event, entities):
            found.append("source_is_target")
        sides = [entities[i] for i in (event.get("source") or []) + (event.get("target") or [])
                 if i in entities]
        if text and any(is_headline_fragment(e, text, headlines, body) for e in sides):
            found.append("headline_fragment")
        for name in found:
            counts[name] += 1
            examples[name].append(describe(doc, event, entities, text))


def describe(doc: dict, event: dict, entities: dict[str, dict], text: str) -> str:
    """One line for an example: document, type, the two sides as written."""
    def side(name: str) -> str:
        names = [(entities.get(i) or {}).get("name", "?") for i in event.get(name) or []]
        return " + ".join(names) or "?"
    return f"{doc.get('id')}: {event.get('plover')} {side('source')} → {side('target')}"


def audit(path: str, texts: dict[str, str]) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Counts and examples over an output file; ``texts`` supplies texts the output lacks."""
    counts = {"events": 0, "no_source": 0, "source_is_target": 0, "headline_fragment": 0}
    examples: dict[str, list[str]] = {k: [] for k in counts}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            doc = json.loads(line)
            doc.setdefault("text", texts.get(doc.get("id"), ""))
            audit_document(doc, counts, examples)
    return counts, examples


def read_texts(path: str | None) -> dict[str, str]:
    """Document texts by id from the extract input (the output has no text field)."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as lines:
        return {d["id"]: d.get("text", "") for d in map(json.loads, filter(str.strip, lines))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="a communique extract output file (JSONL)")
    parser.add_argument("--input", help="the extract's input file, for the texts (needed for "
                        "headline fragments when the output has no text)")
    parser.add_argument("--examples", type=int, default=0, help="print up to N examples of each error")
    args = parser.parse_args(argv)
    counts, examples = audit(args.output, read_texts(args.input))
    for name in ("events", "no_source", "source_is_target", "headline_fragment"):
        print(f"{name}\t{counts[name]}")
    for name, found in examples.items():
        for line in found[: args.examples]:
            print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
