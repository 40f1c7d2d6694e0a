"""Source and target of a trigger from the dependency parse: subjects, objects, modifiers."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from communique.actors.mentions import is_dateline
from communique.events.lexicon import load_lexicon
from communique.events.triggers import HYPHENS, Trigger

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
VERB_TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "into", "at", "over")
NOUN_TARGET_PREPS = ("with", "against", "on", "of", "to", "toward", "towards", "into", "over")
NP_STOP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "case"})
ACTOR_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON", "FAC", "LOC"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "conj"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "nsubjpass", "conj", "acomp"})


@dataclass(slots=True)
class Roles:
    """Token spans (inclusive token indices) for the source and target sides of one trigger."""

    sources: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    inherited: bool = False  # the source came from a governing verb, not the trigger itself


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia and the US"); a list the parser
    reads as apposition counts too ("the US, Russia, and Switzerland")."""
    found = [token, *token.conjuncts]
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ and child.ent_type_ == token.ent_type_:
            found.extend((child, *child.conjuncts))
    return list(dict.fromkeys(found))


def noun_phrase(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``head``: its left side, its "of" phrase."""
    end = head.i
    for child in head.rights:
        if child.dep_ in NP_STOP_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            break
        end = max(end, child.right_edge.i)
    start = head.i
    for child in head.lefts:
        if child.dep_ not in ("cc", "conj", "punct", "preconj"):
            start = min(start, child.left_edge.i)
    return start, end


def actor_phrases(head: Token) -> list[tuple[int, int]]:
    """The actors named by a noun phrase: one per conjunct, split modifiers where coordinated
    ("Russia-NATO talks"). A person's name is one actor whatever its title holds: "US Secretary
    of State Rex Tillerson" split at "of" made "US Secretary" the source and "Rex" the target
    (``_one_person``)."""
    phrases: list[tuple[int, int]] = []
    for token in conjuncts(head):
        if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
            token = token.head.head
        token = after_dateline(token)
        if token is None:
            continue  # a dateline the parser made a subject: a place, not who acted
        token = apposed_name(token)
        groups = [] if _one_person(token) else modifier_actors(token)
        phrases.extend(groups if len(groups) > 1 else [noun_phrase(token)])
    return phrases


def _one_person(token: Token) -> bool:
    """A person's name whose words before it hold no "and": "Secretary of State X" is one
    actor; "X and Speaker Y", which the parser may hang from Y, is two."""
    return token.ent_type_ == "PERSON" and not any(
        t.dep_ == "cc" for t in token.doc[token.left_edge.i : token.i])


def after_dateline(token: Token) -> Token | None:
    """For a dateline the parser took for a phrase ("OSLO, May 3 (Wire) - Norway's foreign
    minister Kari Dahl met ..."), the person it hung from it (Dahl, in apposition to OSLO), or
    the noun after the dateline's dash hung from it ("LIMA, Peru -- A court ruled": the court),
    or None; any other token is itself."""
    dash = dateline_dash(token)
    if is_dateline(token.doc, token.left_edge.i, token.i + 1):
        names = [c for c in token.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if names or dash is None:
            return names[-1] if names else None
    elif dash is None or token.i > dash:
        return token
    after = [d for d in token.subtree if d.i > dash and d.dep_ == "appos" and d.head.i < dash
             and d.pos_ in ("NOUN", "PROPN")]
    return after[0] if after else None


DATELINE_DASHES = frozenset({"-", "--", "---", "–", "—"})
MAX_DATELINE_TOKENS = 12
"""The longest dateline: "ADDIS ABABA, May 15 (Wire) --"."""


def dateline_dash(token: Token) -> int | None:
    """The index of the dash closing a dateline that opens the paragraph of ``token``'s sentence
    ("KABUL - ", "THE HAGUE, Netherlands -- ", "Lima, May 3 (Wire) - "), or None. A dateline
    holds no verb, and a word in capitals or a comma: "Iran - talks resume" is no dateline."""
    doc, first = token.doc, token.sent.start
    if first > 0 and "\n" not in doc[first - 1].whitespace_ + doc[first - 1].text:
        return None
    for word in doc[first + 1 : min(token.sent.end, first + MAX_DATELINE_TOKENS)]:
        if word.pos_ in ("VERB", "AUX"):
            return None
        if word.text in DATELINE_DASHES and (word.whitespace_ or doc[word.i - 1].whitespace_):
            prefix = doc[first : word.i]
            capitals = any(w.is_upper and w.is_alpha and len(w) > 1 for w in prefix)
            return word.i if capitals or any(w.text == "," for w in prefix) else None
    return None


def outside_dateline(phrases: list[tuple[int, int]], doc) -> list[tuple[int, int]]:
    """The phrases without the words of a dateline: a place that says where the story was
    filed is no side of an event ("KABUL - A Taliban attack" made Kabul the attacker)."""
    kept = []
    for first, last in phrases:
        dash = dateline_dash(doc[first])
        if dash is None or first > dash:
            kept.append((first, last))
        elif last > dash:
            kept.append((dash + 1, last))
    return kept


def apposed_name(token: Token) -> Token:
    """The name in apposition to a common noun ("the opposition newspaper La Prensa" -> La
    Prensa, "her Estonian counterpart Marek Kask" -> Kask); else the token itself. A noun with an
    actor as possessor or "of" phrase keeps it ("Niger's ambassador Brah Mohamane"): that actor
    carries the country code (plover_gsr dyad_f1 0.582 -> 0.577 when the name always won)."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return token
    if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in token.children) or prep_objects(token, ("of",)):
        return token  # "a member of the Syrian parliament, Mohammed Mamoun" is the parliament's
    for child in token.rights:
        if child.dep_ != "appos" or child.ent_type_ not in ACTOR_ENTS:
            continue
        if child.ent_type_ != "PERSON" and modifier_actors(token):
            return token  # "the main Hutu rebel group, FDD": the modifier carries the code
        return child  # a person's title carries the country of "her Estonian counterpart"
    return token


def _actor_like(token: Token) -> bool:
    if token.is_punct:
        return False
    if token.ent_type_ in ACTOR_ENTS:
        return True
    if token.is_upper and token.is_alpha and len(token) > 1:
        return True  # an acronym the tagger read as an adjective ("the Ruritania-OSCE talks")
    return token.pos_ == "PROPN" and token.ent_type_ not in NOT_ACTORS


def modifier_actors(noun: Token) -> list[tuple[int, int]]:
    """Actor names modifying a noun, split at "and" and dashes ("Russia-NATO talks")."""
    groups: list[tuple[int, int]] = []
    current: list[int] = []
    for token in noun.doc[noun.left_edge.i : noun.i]:
        if _actor_like(token) and token.dep_ != "poss" and _modifies(token, noun):
            current.append(token.i)
            continue
        if current and (token.text in HYPHENS or token.dep_ in ("cc", "punct", "case")
                        or not _actor_like(token)):
            groups.append((current[0], current[-1]))
            current = []
    if current:
        groups.append((current[0], current[-1]))
    return groups


def _modifies(token: Token, noun: Token) -> bool:
    """True when ``token`` hangs from ``noun`` through modifier relations only."""
    while token.i != noun.i:
        if token.dep_ not in MODIFIER_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def subject_of(verb: Token) -> tuple[list[tuple[int, int]], bool]:
    """The subject phrases of a verb, inherited through coordination, xcomp or a relative clause."""
    for step in range(4):
        deps = SUBJECT_DEPS if step == 0 else SUBJECT_DEPS | {"nsubjpass"}
        subjects = [c for c in verb.children if c.dep_ in deps]
        if subjects:
            return [p for s in subjects for p in actor_phrases(s)], step > 0
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and not is_passive(verb)):
            return actor_phrases(verb.head), step > 0
        if verb.dep_ not in ("conj", "xcomp", "advcl", "acomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    return [], False


def prep_objects(head: Token, preps: tuple[str, ...]) -> list[tuple[int, int]]:
    """Actor phrases of the objects of the given prepositions under ``head``."""
    found = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ not in NOT_ACTORS:
                    found.extend(actor_phrases(obj))
                elif obj.dep_ == "pobj" and (group := _group_counted(obj)) is not None:
                    found.append((obj.left_edge.i, noun_phrase(group)[1]))
    return found


def _group_counted(token: Token) -> Token | None:
    """ "the arrest of one of three smugglers": the group a number with an "of" phrase counts ("smugglers"),
    or None. Money and percentages count no one."""
    if not token.like_num or token.ent_type_ not in ("", "CARDINAL"):
        return None
    return next((o for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for o in c.children if o.dep_ == "pobj"), None)


def passive_agent(verb: Token) -> list[tuple[int, int]]:
    """The "by" phrase of a passive verb."""
    return prep_objects(verb, ("by",))


def is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle modifying a noun ("the envoy expelled by Moscow")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
        c.dep_ in OBJECT_DEPS for c in verb.children)


def verb_roles(trigger: Trigger) -> Roles:
    """Source and target of a verbal or light-verb trigger; passives are inverted."""
    verb, entry = trigger.token, trigger.entry
    roles = Roles()
    if is_passive(verb):
        roles.sources = passive_agent(verb)
        roles.targets = [p for c in verb.children if c.dep_ == "nsubjpass" for p in actor_phrases(c)]
        if verb.dep_ == "acl":
            roles.targets = actor_phrases(verb.head)
    else:
        roles.sources, roles.inherited = subject_of(verb)
        roles.targets = [p for c in verb.children if c.dep_ in OBJECT_DEPS
                         and (trigger.obj is None or c.i != trigger.obj.i) for p in actor_phrases(c)]
    if not entry.no_target:
        # the recipient or opponent in a prepositional phrase is the target; the direct object
        # stays as a second target ("returned the artifacts to Peru")
        preps = entry.target_preps or VERB_TARGET_PREPS
        recipients = prep_objects(verb, preps) or _prep_targets(trigger, preps)
        roles.targets = recipients + roles.targets
        if not roles.targets and entry.plover != "CONSULT":
            roles.targets = prep_objects(verb, ("in",))
    if entry.inverse:
        roles.sources, roles.targets = roles.targets, roles.sources
    roles.targets = [owner for t in roles.targets for owner in owners(trigger.token.doc, t)]
    return roles


def owners(doc, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """The actor behind a non-actor noun phrase ("calls by Belarus" -> Belarus), else the phrase."""
    head = doc[phrase[0] : phrase[1] + 1].root
    if head.pos_ != "NOUN" or head.ent_type_ or load_lexicon().cue(head.lemma_.lower(), "actor"):
        return [phrase]  # "the Ethiopian government" is an actor itself, not Ethiopia's thing
    found = [p for c in head.children if c.dep_ == "poss" for p in actor_phrases(c)]
    found += modifier_actors(head) + prep_objects(head, ("by", "from"))
    return found or [phrase]


def _prep_targets(trigger: Trigger, preps: tuple[str, ...]) -> list[tuple[int, int]]:
    """Targets in prepositional phrases of the verb, of the light object, or of a complement."""
    targets: list[tuple[int, int]] = []
    if trigger.obj is not None:
        targets = prep_objects(trigger.obj, preps)
    if not targets:
        for child in trigger.token.children:
            if child.dep_ in ("xcomp", "ccomp", "advcl") and not targets:
                deps = OBJECT_DEPS | ({"nsubj"} if child.dep_ == "ccomp" else set())
                targets = [p for c in child.children if c.dep_ in deps
                           for p in actor_phrases(c)] or prep_objects(child, preps)
    return targets


def noun_roles(trigger: Trigger) -> Roles:
    """Source and target of a nominal trigger: possessor, actor modifiers, "between", "by"."""
    noun, entry = trigger.token, trigger.entry
    roles = Roles()
    between = prep_objects(noun, ("between", "among"))
    possessors = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in NOT_ACTORS]
    named = [p for c in possessors if c.pos_ != "PRON" for p in actor_phrases(c)]
    # "pressure from Congress": "from" names the agent unless the entry makes it the target
    agent_preps = ("by",) if "from" in (entry.target_preps or ()) else ("by", "from")
    roles.sources = named + modifier_actors(noun) + prep_objects(noun, agent_preps) + between
    if not between and not entry.no_target:
        roles.targets = prep_objects(noun, entry.target_preps or NOUN_TARGET_PREPS)
    if not roles.sources:
        # "its demand": the possessive pronoun stands for the subject of the clause
        _climb(noun, roles, entry.target_preps or VERB_TARGET_PREPS)
    if not roles.sources:
        roles.sources = [p for c in possessors for p in actor_phrases(c)]
    return roles


def _climb(noun: Token, roles: Roles, preps: tuple[str, ...]) -> None:
    """A noun with no actor of its own takes the subject of the verb it depends on."""
    token = noun
    for _ in range(4):
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            roles.sources = passive_agent(token) if is_passive(token) else subject_of(token)[0]
            roles.inherited = True
            if not roles.targets:
                # "sent draft treaties to X": the recipient of the carrying verb is the target
                roles.targets = prep_objects(token, tuple(dict.fromkeys((*preps, "to"))))
            return


def find_roles(trigger: Trigger) -> Roles:
    """Source and target token ranges of any trigger."""
    roles = noun_roles(trigger) if trigger.kind == "noun" else verb_roles(trigger)
    doc = trigger.token.doc
    roles.sources, roles.targets = outside_dateline(roles.sources, doc), outside_dateline(roles.targets, doc)
    sources = set(roles.sources)
    roles.targets = [t for t in dict.fromkeys(roles.targets) if t not in sources]
    roles.sources = list(dict.fromkeys(roles.sources))
    return roles
