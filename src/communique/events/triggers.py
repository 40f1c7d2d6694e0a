"""Find event triggers in a parsed sentence: verbs, verb+preposition, light-verb phrases, nouns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from communique.events.lexicon import Lexicon, TriggerEntry

VERB_TAGS = frozenset({"VERB", "AUX"})
NOUN_TAGS = frozenset({"NOUN"})  # a capitalised "Rally" is usually part of a name
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "agent", "dative"})
LIGHT_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "pobj"})
ADJ_DEPS = frozenset({"ccomp", "oprd", "acomp"})
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "nsubjpass"})
"""Relations through which a trigger can be the content of another ("agreed to withdraw")."""
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})
HYPHENS = frozenset({"-", "–", "—"})


@dataclass(slots=True)
class Trigger:
    """A token that signals an event, the lexicon entry it matched and any light-verb object."""

    token: Token
    entry: TriggerEntry
    obj: Token | None = None  # the noun of a light-verb phrase ("talks" in "held talks")

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def start(self) -> int:
        return self.token.idx

    @property
    def end(self) -> int:
        last = self.token
        if self.obj is not None and self.obj.i > last.i:
            last = self.obj
        return last.idx + len(last.text)


def noun_keys(token: Token) -> list[str]:
    """Lexicon keys of a noun, most specific first: "air strike", "build-up", "strike"."""
    lemma = token.lemma_.lower()
    keys = [f"{child.lemma_.lower()} {lemma}" for child in token.lefts
            if child.dep_ in ("compound", "amod")]
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 2].whitespace_:
        keys.append(f"{doc[i - 2].lower_}-{token.lower_}")
    if token.lower_ != lemma:
        keys.append(token.lower_)
    keys.append(lemma)
    return keys


def _objects(verb: Token) -> Iterator[Token]:
    """Nouns a light verb may take: objects and prepositional objects, with their conjuncts."""
    for child in verb.children:
        if child.dep_ in LIGHT_OBJECT_DEPS or (child.dep_ in ADJ_DEPS and child.pos_ == "ADJ"):
            yield child  # an adjective complement counts too: "found them guilty"
        elif child.dep_ in ("prep", "prt"):
            yield from (g for g in child.children if g.dep_ == "pobj")


def match_light(verb: Token, lex: Lexicon) -> Trigger | None:
    """A light-verb phrase headed by ``verb`` ("held talks", "raised concerns")."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.light_verbs:
        return None
    for obj in _objects(verb):
        for key in noun_keys(obj):
            if " " in key and key in lex.nouns and not lex.cue(lemma, "terminate"):
                # the specific compound wins over the verb's own reading: "issued a travel warning"
                return Trigger(verb, replace(lex.nouns[key], kind="light"), obj)
            entry = lex.light.get((lemma, key.split(" ")[-1]))
            if entry is None and " " in key:  # "ended mediation efforts", "halted aid deliveries"
                entry = lex.light.get((lemma, key.split(" ")[0]))
            if entry is not None:
                return Trigger(verb, entry, obj)
    return None


def match_verb(verb: Token, lex: Lexicon) -> Trigger | None:
    """A verb trigger: light phrase first, then verb+particle, then the bare verb."""
    light = match_light(verb, lex)
    if light is not None:
        return light
    lemma = verb.lemma_.lower()
    for child in verb.rights:  # a preposition before the verb is no particle ("On Monday, X called Y")
        if child.dep_ in PARTICLE_DEPS and not _dates(child):
            entry = lex.phrasal.get((lemma, child.lower_))
            if entry is not None:
                return Trigger(verb, entry)
    entry = lex.verbs.get(lemma)
    if entry is None or _is_bare_particle_verb(verb, lex):
        return None
    return Trigger(verb, entry)


def _dates(prep: Token) -> bool:
    """ "called the new leader on Wednesday": a preposition whose object is a date or a time is no
    particle of the verb (not "called on")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _is_bare_particle_verb(verb: Token, lex: Lexicon) -> bool:
    """True when a particle changes the verb's meaning ("back down" is not "back")."""
    lemma = verb.lemma_.lower()
    return any(child.dep_ == "prt" and (lemma, child.lower_) not in lex.phrasal
               and child.lower_ in ("down", "off", "up", "out") for child in verb.children)


def match_noun(noun: Token, lex: Lexicon) -> Trigger | None:
    """A nominal trigger ("talks", "air strike", "build-up")."""
    for key in noun_keys(noun):
        entry = lex.nouns.get(key)
        if entry is not None:
            return Trigger(noun, entry)
    return None


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Every trigger in the sentence; light-verb objects are not triggers of their own."""
    found: list[Trigger] = []
    for token in sent:
        trigger = None
        if token.tag_ == "VBG" and token.dep_ in NOMINAL_DEPS:
            trigger = match_noun(token, lex)  # a gerund used as a noun ("in tank shelling")
        elif token.pos_ in VERB_TAGS or token.tag_.startswith("VB"):
            trigger = match_verb(token, lex)
        elif token.pos_ in NOUN_TAGS:
            trigger = match_noun(token, lex)
        if trigger is not None:
            found.append(trigger)
    objects = {t.obj.i for t in found if t.obj is not None}
    return [t for t in found if t.token.i not in objects]


def governing_trigger(trigger: Trigger, by_index: dict[int, Trigger]) -> Trigger | None:
    """The trigger this one is the content of, within two steps up the tree, or None."""
    token = trigger.token
    for _ in range(3):
        if token.dep_ not in EMBEDDING_DEPS or token.head.i == token.i:
            return None
        token = token.head
        found = by_index.get(token.i)
        if found is not None:
            return found
    return None
