"""Within-document coreference: role nouns, definite descriptions and pronouns, by rule.

Candidates are earlier mentions within a few sentences that agree in kind, number and gender;
the nearest sentence wins, then subjects (salience), then the nearest mention.
"""

from __future__ import annotations

import bisect

from communique.actors.registry import Draft, Mention, Registry
from communique.actors.vocabulary import Vocabulary

WINDOW = 3
"""Sentences back in which an antecedent is sought (pronouns: 2)."""

DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
IT_KINDS = frozenset({"country", "organization", "igo", "media"})
THEY_KINDS = frozenset({"group"})
"""Plural pronouns go to groups and plural bodies ("officials"); to organisations they were
right 11 times in 62 on entities/gum_news, and "it" 7 in 28, so neither is resolved."""


class Antecedents:
    """Mentions in text order with their sentence numbers, growing as anaphors are resolved."""

    def __init__(self, doc, registry: Registry) -> None:
        self.registry = registry
        self.sent_starts = doc.sent_starts
        self.items: list[tuple[int, Mention]] = sorted(
            ((m.start, m) for m in registry.mentions), key=lambda x: x[0]
        )
        self.doc = doc

    def sentence(self, token_index: int) -> int:
        return bisect.bisect_right(self.sent_starts, token_index) - 1

    def before(self, token_index: int, window: int):
        """Earlier mentions within ``window`` sentences, nearest first, with their draft."""
        here = self.sentence(token_index)
        stop = bisect.bisect_left(self.items, token_index, key=lambda x: x[0])
        for k in range(stop - 1, -1, -1):
            mention = self.items[k][1]
            distance = here - self.sentence(mention.start)
            if distance > window:
                break
            yield distance, mention, self.registry.drafts[mention.key]

    def add(self, draft: Draft, start: int, end: int, form: str) -> None:
        span = (self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
        mention = Mention(start, end, span, (), form, self.doc[end - 1].dep_ in ("nsubj", "nsubjpass"))
        self.registry.add(draft, mention)
        bisect.insort(self.items, (start, mention), key=lambda x: x[0])


def is_subject(doc, mention: Mention) -> bool:
    """Whether the mention heads a clause subject (salient antecedent)."""
    return doc[mention.start:mention.end].root.dep_ in ("nsubj", "nsubjpass")


def best(antecedents: Antecedents, token_index: int, window: int, accept) -> Draft | None:
    """The agreeing antecedent in the nearest sentence, subjects first, then the nearest."""
    choice = None
    for distance, mention, draft in antecedents.before(token_index, window):
        if not accept(draft):
            continue
        rank = (distance, not is_subject(antecedents.doc, mention))
        if choice is None or rank < choice[0]:
            choice = (rank, draft)
    return choice[1] if choice else None


def pronoun_filter(features, vocab: Vocabulary):
    """An agreement test for a pronoun's antecedent."""
    def accept(draft: Draft) -> bool:
        if features.gender in ("m", "f"):
            return draft.kind == "person" and draft.gender in (None, features.gender)
        if features.gender == "n":
            return draft.kind in IT_KINDS and not draft.plural
        return draft.plural or draft.kind in THEY_KINDS
    return accept


def resolve_pronouns(doc, vocab: Vocabulary, antecedents: Antecedents, claimed: list) -> None:
    """Third-person pronouns to the agreeing, salient, recent entity."""
    for tok in doc:
        features = vocab.pronouns.get(tok.lower_)
        if features is None or claimed[tok.i] is not None or tok.tag_ not in ("PRP", "PRP$"):
            continue
        if tok.lower_ == "it":
            continue  # mostly an event, a thing or a dummy subject ("it was time")
        draft = best(antecedents, tok.i, 2, pronoun_filter(features, vocab))
        if draft is not None:
            if draft.kind == "person" and features.gender in ("m", "f"):
                draft.gender = features.gender  # later pronouns must agree with this one
            antecedents.add(draft, tok.i, tok.i + 1, "pronoun")
            claimed[tok.i] = "pronoun"


def definite_head(doc, tok) -> int | None:
    """The first token of a definite noun phrase headed by ``tok`` ("the Russian envoy"), or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
        return None  # a title before a name, not an anaphor
    first = tok.left_edge.i
    if first < tok.i and doc[first].lower_ in DETERMINERS:
        return first
    return None


def role_filter(tok, vocab: Vocabulary, claimed: list):
    """A role noun refers to a person with the same role word or sector and no other country."""
    role = vocab.roles[tok.lower_]
    countries = {getattr(claimed[c.i], "name", None) for c in tok.lefts}
    iso = {n.target.iso3 for n in countries if n is not None and hasattr(n.target, "iso3")}

    def accept(draft: Draft) -> bool:
        if draft.kind != "person" or draft.role is None:
            return False
        if iso and draft.country not in iso:
            return False
        return draft.role.split()[-1] == tok.lower_ or vocab.roles[draft.role].sector == role.sector
    return accept


def kind_filter(noun: str, vocab: Vocabulary):
    """"the alliance" -> an IGO that names it; "the country" -> a country; "the festival" ->
    an entity whose multi-word name ends in the noun ("Lantern Festival")."""
    kinds = vocab.anaphors.get(noun, frozenset())

    def accept(draft: Draft) -> bool:
        if draft.kind == "igo":  # "the alliance" is NATO, not any IGO
            igo = vocab.igos.get(draft.name)
            return igo is not None and noun in igo.anaphors
        if draft.kind in kinds and draft.key[0] != "body":
            return True
        words = draft.name.lower().split()
        return draft.kind not in ("person", "country") and len(words) > 1 and words[-1] == noun
    return accept


def blocks_description(item, is_role: bool) -> bool:
    """Whether a claimed premodifier makes a definite phrase something other than an anaphor. A
    country adjective does not before a role noun ("the Russian envoy" is the Russian ambassador
    named earlier; ``role_filter`` checks the country), but a name does ("the Sputnik reporter")."""
    if item is None or item == "body":
        return False
    return not (is_role and hasattr(getattr(getattr(item, "name", None), "target", None), "iso3"))


def resolve_nominals(doc, vocab: Vocabulary, antecedents: Antecedents, claimed: list) -> None:
    """Definite descriptions: "the Russian envoy", "the alliance", "the country"."""
    for tok in doc:
        if claimed[tok.i] is not None:
            continue
        first = definite_head(doc, tok) if tok.tag_ in ("NN", "NNP") else None
        is_role = tok.lower_ in vocab.roles
        if first is None or any(blocks_description(claimed[i], is_role) for i in range(first, tok.i)):
            continue
        noun = tok.lower_ if is_role else tok.lemma_.lower()
        accept = role_filter(tok, vocab, claimed) if is_role else kind_filter(noun, vocab)
        draft = best(antecedents, tok.i, WINDOW, accept)
        if draft is not None:
            antecedents.add(draft, first, tok.i + 1, "nominal")
            for i in range(first, tok.i + 1):
                claimed[i] = "nominal"


def resolve(doc, vocab: Vocabulary, registry: Registry, claimed: list) -> None:
    """Add nominal and pronoun mentions to the entities already found."""
    antecedents = Antecedents(doc, registry)
    resolve_nominals(doc, vocab, antecedents, claimed)
    resolve_collectives(doc, vocab, antecedents, claimed)
    add_topic_chains(doc, vocab, antecedents, claimed)
    resolve_pronouns(doc, vocab, antecedents, claimed)


CHAIN_MIN = 3
"""An entity-type noun (anaphors.tsv) heading this many definite noun phrases is an entity the
article is about ("the festival", "this constituency"); tuned on entities/gum_news."""


def chain_heads(doc, claimed: list) -> dict[str, list[tuple[int, int]]]:
    """Singular common-noun heads of unclaimed definite noun phrases, with their token ranges."""
    heads: dict[str, list[tuple[int, int]]] = {}
    for root in doc:
        if root.tag_ != "NN" or root.dep_ == "compound" or claimed[root.i] is not None:
            continue
        first = root.left_edge.i
        if first < root.i and doc[first].lower_ in DETERMINERS:
            heads.setdefault(root.lemma_.lower(), []).append((first, root.i + 1))
    return heads


def add_topic_chains(doc, vocab: Vocabulary, antecedents: Antecedents, claimed: list) -> None:
    """Recurring definite descriptions become one entity with every such mention."""
    for noun, ranges in chain_heads(doc, claimed).items():
        kinds = vocab.anaphors.get(noun)
        if len(ranges) < CHAIN_MIN or kinds is None:
            continue
        kind = "place" if "country" in kinds else vocab.anaphor_kind[noun]
        draft = Draft(("topic", noun), doc[ranges[0][0]:ranges[0][1]].text, kind)
        for start, end in ranges:
            antecedents.add(draft, start, end, "nominal")
            for i in range(start, end):
                claimed[i] = "nominal"


COLLECTIVE_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2}
DEFINITE = frozenset({"the", "these", "those", "both"})


def collective_number(tok) -> int | None:
    """How many actors a definite plural names: "the two governments" 2, "both countries" 2;
    None for "two governments" (new ones) or a plain "the governments"."""
    words = [c.lower_ for c in tok.lefts]
    numbers = [COLLECTIVE_NUMBERS[w] for w in words if w in COLLECTIVE_NUMBERS]
    if not numbers or not DEFINITE.intersection(words):
        return None
    return numbers[-1]


def collective_filter(kinds: frozenset[str]):
    """An agreement test for one antecedent of a collective: its kind, or "kind:sector"."""
    def accept(draft: Draft) -> bool:
        return draft.kind in kinds or f"{draft.kind}:{draft.sector}" in kinds
    return accept


def collective_antecedents(antecedents: Antecedents, token_index: int, count: int, accept) -> list[Draft]:
    """The ``count`` nearest distinct agreeing actors before a collective, in text order; a
    country and its government count once ("Finland ... the Finnish government")."""
    found: list[Draft] = []
    seen: set = set()
    for _, _, draft in antecedents.before(token_index, WINDOW):
        identity = draft.country or draft.key
        if accept(draft) and identity not in seen:
            seen.add(identity)
            found.append(draft)
        if len(found) == count:
            break
    first_mention = {id(d): min(m.start for m in d.mentions) for d in found}
    return sorted(found, key=lambda d: first_mention[id(d)])


def resolve_collectives(doc, vocab: Vocabulary, antecedents: Antecedents, claimed: list) -> None:
    """ "the two governments", "both countries": one mention of each of the actors named before
    (the same span on every entity, which the events stage reads as both sides)."""
    for tok in doc:
        kinds = vocab.collectives.get(tok.lemma_.lower()) if tok.tag_ == "NNS" else None
        if kinds is None or claimed[tok.i] is not None:
            continue
        count = collective_number(tok)
        if count is None:
            continue
        drafts = collective_antecedents(antecedents, tok.i, count, collective_filter(kinds))
        if len(drafts) < count:
            continue
        first = tok.left_edge.i
        for draft in drafts:
            antecedents.add(draft, first, tok.i + 1, "nominal")
        for i in range(first, tok.i + 1):
            claimed[i] = "nominal"
