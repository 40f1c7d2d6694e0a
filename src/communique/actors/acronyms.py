"""Acronyms and the names they abbreviate: "the World Health Organization (WHO)" and a later
"WHO" are one entity."""

from __future__ import annotations

from communique.actors.registry import Draft, Registry

NAMED_BY_NER = frozenset({"organization", "place", "group", "other"})
"""Draft keys of names found by the NER or as unlabelled names; vocabulary names ("USA" the
country) already know what they stand for and are never merged away."""


def is_acronym(text: str) -> bool:
    """"OSCE", "M5S": three to six capitals and digits, at least two of them letters."""
    return 3 <= len(text) <= 6 and text.isupper() and text.isalnum() and sum(c.isalpha() for c in text) >= 2


def initials(name: str) -> str:
    """First characters of the capitalised words and numbers of a name ("Movimento 5 Stelle" -> "M5S")."""
    words = name.replace("-", " ").split()
    return "".join(word[0] for word in words if word[0].isupper() or word[0].isdigit())


def defined_in_brackets(doc, registry: Registry) -> dict[tuple, Draft]:
    """Acronym drafts whose first mention follows a name and "(": the draft of that name, by key."""
    by_end = {m.end: m for m in registry.mentions if m.form == "proper"}
    found = {}
    for mention in registry.mentions:
        name_before = by_end.get(mention.start - 1)
        if mention.start >= 2 and doc[mention.start - 1].text == "(" and name_before is not None:
            draft = registry.drafts[mention.key]
            full = registry.drafts[name_before.key]
            if is_acronym(draft.name) and full is not draft and full.kind != "person":
                found.setdefault(draft.key, full)
    return found


def link_acronyms(doc, registry: Registry) -> None:
    """Merge each acronym entity into the entity of the name it abbreviates: the name just before
    it in brackets, else a name whose initials spell it."""
    targets = defined_in_brackets(doc, registry)
    by_initials = {}
    for draft in registry.drafts.values():
        if draft.kind != "person" and " " in draft.name:
            by_initials.setdefault(initials(draft.name), draft)
    for key, draft in list(registry.drafts.items()):
        if key[0] not in NAMED_BY_NER or not is_acronym(draft.name):
            continue
        full = targets.get(key) or by_initials.get(draft.name)
        if full is not None and full is not draft:
            registry.merge(key, full.key)
