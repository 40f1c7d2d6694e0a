"""Entities for an event's sides: the actor the actors stage found there, or a generic one.

The actors stage finds names, countries' bodies and their coreferent mentions; a side of an
event can also be an actor named only by a group noun ("police", "Democrats", "investigators",
"a campaign spokeswoman") or by a country adjective the parser split off ("Egyptian"). Such a
side gets an entity of its own, so that the event names its actors (the contract: an event has a
source) and a store can count it. A side that names no actor (a pronoun left unresolved,
"those", "a statement") gets none, and an event with no source entity is not kept.
"""

from __future__ import annotations

from spacy.tokens import Span as Phrase
from spacy.tokens import Token

from communique.actors.headlines import HeadlineText
from communique.actors.vocabulary import Country, Vocabulary
from communique.article import Article, Entity
from communique.events.completion import is_actor_token
from communique.events.lexicon import Lexicon

NOT_NAME_DEPS = frozenset({"det", "predet", "poss", "nummod", "quantmod", "case", "punct"})
"""Words left out of a generic actor's name: "the", "some", "his", "two", "'s"."""
NER_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group",
             "GPE": "place", "LOC": "place", "FAC": "place"}
COUNTRY_NAMES = ("country", "adjective")


def side_entity(article: Article, phrase: Phrase, vocab: Vocabulary, lex: Lexicon,
                headlines: HeadlineText | None = None) -> Entity | None:
    """The entity an event side names: the one with a mention there, else a generic actor for a
    phrase headed by an actor word (added to the article), else None. In a headline, a generic
    actor's name must be one the body writes (``actors.headlines``)."""
    span = (phrase.start_char, phrase.end_char)
    found = entity_of_phrase(article, phrase)
    if found is not None:
        return None if is_description(found.name, vocab) else found
    if not names_an_actor(phrase, lex) or is_description(phrase.text, vocab):
        return None
    country = _country_named(phrase, vocab)
    if country is None and headlines is not None and not headlines.confirms(*span, actor_name(phrase)):
        return None
    entity = country_entity(article, country) if country else generic_entity(article, phrase, vocab)
    if entity is not None:
        entity.mentions = sorted({*entity.mentions, span})
        article.forget_mention_index()
    return entity


def entity_of_phrase(article: Article, phrase: Phrase) -> Entity | None:
    """The entity a side's phrase names: the one with the longest mention in it, but the person
    for a person's name with its title ("Associated Press writer Jane Roe" is Roe, though the
    agency's name is longer). Any head word first made "Scalia's funeral Mass" a place, Mass."""
    root = phrase.root
    person = article.entity_at(root.idx, root.idx + len(root.text)) if root.ent_type_ == "PERSON" else None
    return person or article.entity_at(phrase.start_char, phrase.end_char)


DEFINITE = frozenset({"the", "this", "that"})


def is_description(text: str, vocab: Vocabulary) -> bool:
    """A definite description of an entity type ("the group", "The company", "this
    organisation") that no name resolved: it refers back to an actor nobody named, so it is no
    actor of its own (an actor named "the group" was among the corpus's 50 busiest, issue 16).
    The actors stage keeps a recurring one as the article's topic (entities/gum_news counts it)."""
    words = text.lower().split()
    return len(words) == 2 and words[0] in DEFINITE and words[1] in vocab.anaphors


def names_an_actor(phrase: Phrase, lex: Lexicon) -> bool:
    """A phrase the coder accepts as a side and that is no pronoun, determiner or number: a word
    of it names an actor ("Iraqi warplanes", "family members of the victims"), or its head is a
    voice or an instrument of violence ("a joint statement", "a car bomb"), as PLOVER codes them."""
    root = phrase.root
    if root.pos_ in ("PRON", "DET", "NUM") or root.like_num:
        return False
    if any(is_actor_token(t, lex) for t in phrase):
        return True
    lemma = root.lemma_.lower()
    return lex.cue(lemma, "voice") or lex.cue(lemma, "instrument")


def _country_named(phrase: Phrase, vocab: Vocabulary) -> Country | None:
    """The country a bare country name or adjective stands for ("Egyptian" split off
    "Egyptian officials" by the role finder)."""
    return _country_word(phrase.text, vocab)


def country_entity(article: Article, country: Country) -> Entity:
    """The article's entity for a country, added when the article has none."""
    for entity in article.entities:
        if entity.kind == "country" and entity.code == country.iso3:
            return entity
    return _added(article, Entity("", country.name, "country", country.iso3, None, country.iso3))


def generic_entity(article: Article, phrase: Phrase, vocab: Vocabulary) -> Entity | None:
    """An actor named by a group noun or an unlisted name, one per name and kind in an article."""
    root = phrase.root
    name = actor_name(phrase)
    if not name:
        return None
    kind, sector, agent = generic_kind(root, vocab)
    country = country_modifier(phrase, vocab)
    iso3 = country.iso3 if country else None
    code = f"{iso3 or '---'}{agent}" if agent else iso3
    for entity in article.entities:
        if entity.name.lower() == name.lower() and entity.kind == kind:
            return entity
    return _added(article, Entity("", name, kind, iso3, sector, code))


def country_modifier(phrase: Phrase, vocab: Vocabulary) -> Country | None:
    """The first country named before the head, longest name first ("South Sudanese refugees"
    is South Sudan's, not Sudan's)."""
    root = phrase.root
    for start in range(phrase.start, root.i):
        for end in range(min(root.i, start + 3), start, -1):
            country = _country_word(phrase.doc[start:end].text, vocab)
            if country is not None:
                return country
    return None


def _country_word(text: str, vocab: Vocabulary) -> Country | None:
    name = vocab.names.get(text)
    if name is None or name.kind not in COUNTRY_NAMES or not isinstance(name.target, Country):
        return None
    return name.target


def actor_name(phrase: Phrase) -> str:
    """The phrase from its first content word to its head: "the 1968 sanitation workers" ->
    "sanitation workers", "A campaign spokeswoman" -> "campaign spokeswoman"."""
    root = phrase.root
    words = [t for t in phrase if t.i <= root.i and not _left_out(t, root)]
    return " ".join(t.text for t in words).strip()


def _left_out(token: Token, root: Token) -> bool:
    if token.i == root.i:
        return False
    return token.dep_ in NOT_NAME_DEPS or token.pos_ in ("DET", "NUM", "PRON", "PUNCT") or token.like_num


def generic_kind(root: Token, vocab: Vocabulary) -> tuple[str, str | None, str | None]:
    """Kind, sector and CAMEO agent code ("GOV", "MIL") of a generic actor, from its head word."""
    word = root.lower_
    role = vocab.roles.get(word)
    if role is not None:
        return "person", role.sector, role.agent
    body = vocab.bodies.get(word) or vocab.bodies.get(root.lemma_.lower())
    if body is not None:
        return ("group" if body.plural else "organization"), body.sector, body.agent
    return NER_KINDS.get(root.ent_type_, "group"), None, None


def _added(article: Article, entity: Entity) -> Entity:
    entity.id = f"E{len(article.entities) + 1}"
    while article.entity_by_id(entity.id) is not None:
        entity.id = f"E{int(entity.id[1:]) + 1}"
    article.entities.append(entity)
    return entity
