"""People: names, the titles around them ("Russia's Deputy Foreign Minister ..."), and their codes."""

from __future__ import annotations

from dataclasses import dataclass

from communique.actors.mentions import COUNTRY_NAME_KINDS, NameMatch, span_of
from communique.actors.registry import Draft, Mention, Registry, improve
from communique.actors.vocabulary import Country, Igo, Role, Vocabulary

TITLE_LINKS = frozenset({"of", "to", "for", "'s", "’s", "-", "–", "and", "the"})
"""Small words allowed inside a title before a name ("Secretary of State", "ambassador to the US")."""

HOST_PREPOSITIONS = frozenset({"to", "in", "at"})
"""A country after these in a title is where the person serves, not whom they represent."""

TITLE_PART_PREPOSITIONS = HOST_PREPOSITIONS | {"of", "for"}
"""Prepositions that open the rest of a title after its role noun ("ambassador to the US")."""

TITLE_OBJECTS = frozenset({"ORG", "GPE", "NORP"})
"""Entities a title names after "of" ("Secretary of Homeland Security", "Minister of Finance")."""

HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


@dataclass(slots=True)
class Title:
    """A role read from the text around a name: its words, role, and whom the person represents."""

    text: str
    role: Role | None
    role_word: str | None
    country: Country | None
    igo: Igo | None
    head: tuple[int, int] | None = None  # tokens up to the role noun when more of the title follows it


def find_role(words: list[str], vocab: Vocabulary) -> tuple[str, Role] | None:
    """The last role phrase in ``words`` (lower case), the longest where several end together."""
    for end in range(len(words), 0, -1):
        for width in (4, 3, 2, 1):
            phrase = " ".join(words[max(0, end - width):end])
            if end - width >= 0 and phrase in vocab.roles:
                return phrase, vocab.roles[phrase]
    return None


def read_title(tokens, claimed: list, vocab: Vocabulary) -> Title | None:
    """A Title from a run of tokens, or None when no role noun is in it."""
    words = [t.lower_ for t in tokens if t.text not in ("-", "–")]
    found = find_role(words, vocab)
    if found is None:
        return None
    country = igo = None
    previous = ""
    for tok in tokens:
        match = claimed[tok.i]
        if isinstance(match, NameMatch) and previous not in HOST_PREPOSITIONS:
            if match.name.kind == "igo" and igo is None:
                igo = match.name.target
            elif match.name.kind in COUNTRY_NAME_KINDS and country is None:
                country = match.name.target
        if tok.lower_ != "the":
            previous = tok.lower_
    text = tokens.text
    if text.lower().startswith("the "):
        text = text[4:]
    return Title(text, found[1], found[0], country, igo)


def _title_token(tok, claimed: list, vocab: Vocabulary) -> bool:
    if claimed[tok.i] is not None and claimed[tok.i] != "body":
        return isinstance(claimed[tok.i], NameMatch)
    if tok.lower_ in TITLE_LINKS or tok.lower_ in vocab.roles:
        return True
    return tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ") and tok.ent_type_ not in ("DATE", "TIME")


def title_before(doc, start: int, claimed: list, vocab: Vocabulary) -> Title | None:
    """The title premodifying a name: "the Russian ambassador to the US [Anatoly Antonov]"."""
    first = start
    sentence_start = doc.sentence_start(start)
    while first > sentence_start and first > start - 10 and _title_token(doc[first - 1], claimed, vocab):
        first -= 1
    while first < start and doc[first].lower_ in TITLE_LINKS and doc[first].lower_ != "the":
        first += 1
    if first == start:
        return None
    title = read_title(doc[first:start], claimed, vocab)
    if title is not None and title.role_word is not None:
        title.head = _title_head(doc[first:start], title.role_word)
    return title


def _title_head(tokens, role_word: str) -> tuple[int, int] | None:
    """The words up to the role noun ("the Russian ambassador") when a prepositional part follows
    it ("to the US"): the parser often reads the name as that part's object, so the subject of
    the verb is the head alone, and it must name the person too."""
    last_word = role_word.split()[-1]
    ends = [t.i + 1 for t in tokens if t.lower_ == last_word]
    if not ends or ends[-1] >= tokens.end or tokens.doc[ends[-1]].lower_ not in TITLE_PART_PREPOSITIONS:
        return None
    return tokens.start, ends[-1]


def title_apposed(doc, start: int, end: int, claimed: list, vocab: Vocabulary) -> Title | None:
    """A title in apposition: "Anatoly Antonov, the Russian ambassador," or "the envoy, Antonov,"."""
    root = doc[start:end].root
    for tok in root.children:
        if tok.dep_ == "appos" and tok.i >= end:
            return _subtree_title(doc, tok, claimed, vocab)
    if root.dep_ == "appos" and root.head.i < start:
        return _subtree_title(doc, root.head, claimed, vocab, stop=start)
    return None


def _subtree_title(doc, head, claimed: list, vocab: Vocabulary, stop: int | None = None) -> Title | None:
    left = head.left_edge.i
    right = min(head.right_edge.i + 1, stop if stop is not None else len(doc))
    while right > left and doc[right - 1].is_punct:
        right -= 1
    if right - left > 12 or right <= left:  # a long apposition is a clause, not a title
        return None
    return read_title(doc[left:right], claimed, vocab)


def person_draft(name: str, title: Title | None, gender: str | None) -> Draft:
    """A person with the role and country their title gives."""
    draft = Draft(("person", name.lower()), name, "person", gender=gender)
    if title is not None and title.role is not None:
        draft.title, draft.sector, draft.role = title.text, title.role.sector, title.role_word
        draft.gender = draft.gender or title.role.gender
        if title.igo is not None:
            draft.code, draft.sector = title.igo.code, "igo"
        elif title.country is not None:
            draft.country = title.country.iso3
            draft.code = title.country.iso3 + title.role.agent
        else:
            draft.code = "---" + title.role.agent
    return draft


def person_spans(doc, claimed: list, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Token ranges of person names: spaCy's PERSON entities plus names that follow a role noun."""
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while start < end and (claimed[start] is not None or doc[start].lower_ == "the"):
            start += 1
        roles_inside = [t.i for t in doc.tokens[start:end] if t.lower_ in vocab.roles]
        if roles_inside:  # "Foreign Minister Sergey Ryabkov" tagged whole: the name follows the role
            start = roles_inside[-1] + 1
        if end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        if end > start and any(t.is_title for t in doc.tokens[start:end]):
            spans.append((start, end))
    taken = {i for s, e in spans for i in range(s, e)}
    spans += [s for s in names_after_roles(doc, claimed, vocab) if not taken.intersection(range(*s))]
    return sorted(spans)


def names_after_roles(doc, claimed: list, vocab: Vocabulary) -> list[tuple[int, int]]:
    """Proper-noun runs right after a role and its complement, missed by the NER
    ("ambassador to the US Anatoly Antonov", parsed as one organisation)."""
    spans = []
    for tok in doc:
        if tok.lower_ not in vocab.roles or tok.tag_ not in ("NN", "NNP"):  # "officials of X": X is no name
            continue
        i = tok.i + 1
        while i < len(doc) and (doc[i].lower_ in TITLE_LINKS or claimed[i] is not None):
            i += 1
        department = doc.ent_of[i] if i < len(doc) and doc.lower[i - 1] == "of" else None
        if department is not None and department.start == i and department.label_ in TITLE_OBJECTS:
            i = department.end  # "Secretary of Homeland Security [Dana Pike]": the department is no name
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and claimed[j] is None:
            j += 1
        if j - i >= 2 and doc[i].ent_type_ != "PERSON":
            spans.append((i, min(j, i + 4)))
    return spans


def surname_index(registry: Registry) -> dict[str, Draft]:
    """Persons by the last and the full word of their name, for later short mentions."""
    index = {}
    for draft in registry.drafts.values():
        if draft.kind == "person":
            words = draft.name.split()
            index.setdefault(words[-1], draft)
            index.setdefault(draft.name, draft)
    return index


def add_people(doc, vocab: Vocabulary, registry: Registry, claimed: list) -> None:
    """Every person name, with its title; short names ("Antonov") join the full one."""
    for start, end in person_spans(doc, claimed, vocab):
        if any(claimed[i] is not None for i in range(start, end)):
            continue
        known = surname_index(registry)
        name = doc[start:end].text
        draft = known.get(name) or known.get(name.split()[-1])
        before = title_before(doc, start, claimed, vocab)
        if draft is None or (draft.title is None and before is not None):
            title = before or title_apposed(doc, start, end, claimed, vocab)
            honorific = HONORIFICS.get(doc[start - 1].lower_) if start else None
            titled = person_draft(name, title, honorific)
            if draft is not None:  # named bare first (a headline), with a title later: keep it
                improve(draft, titled)
            draft = draft or titled
        registry.add(draft, Mention(start, end, span_of(doc, start, end), ()))
        head = before.head if before is not None else None
        if head is not None and not registry.covers(span_of(doc, *head)):
            registry.add(draft, Mention(*head, span_of(doc, *head), (), "nominal"))
        for i in range(start, end):
            claimed[i] = "person"
    add_surnames(doc, registry, claimed)


def add_surnames(doc, registry: Registry, claimed: list) -> None:
    """Lone surnames the NER missed or mislabelled ("Antonov said")."""
    known = surname_index(registry)
    for tok in doc:
        if claimed[tok.i] is None and tok.pos_ == "PROPN" and tok.text in known:
            registry.add(known[tok.text], Mention(tok.i, tok.i + 1, span_of(doc, tok.i, tok.i + 1), ()))
            claimed[tok.i] = "person"
