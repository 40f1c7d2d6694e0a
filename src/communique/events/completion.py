"""Complete roles the parse leaves short: pronoun antecedents, reciprocal pairs, a nearby target."""

from __future__ import annotations

from spacy.tokens import Token

from communique.events.arguments import (
    ACTOR_ENTS,
    NOT_ACTORS,
    VERB_TARGET_PREPS,
    Roles,
    actor_phrases,
    is_passive,
    noun_phrase,
    outside_dateline,
    prep_objects,
    subject_of,
)
from communique.events.lexicon import Lexicon
from communique.events.triggers import Trigger

RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "ASSAULT"})
"""Types where "X and Y did it" means each did it to the other: X is the source, Y the target."""
CONDITIONED = frozenset({"THREATEN"})
"""Types aimed at whoever must meet their condition: "X threatened to quit the talks unless Y
withdrew" is a threat to Y."""
AIMED_FORCES = frozenset({"MOBILIZE"})
"""Types whose object is the source's own forces ("mobilized troops for an offensive against
X"): the event is aimed at the "against" phrase of its clause, not at the troops."""
GRIEVANCES = frozenset({"PROTEST"})
"""Types that say their target in the purpose they are for ("blocked roads to press their demands
on X's government", "staged a strike to demand the return of land seized by Y")."""
GRIEVANCE_DEPS = frozenset({"poss", "pobj", "dobj"})
"""Where the one a grievance is held against stands in the purpose clause: the owner of what is
objected to ("X's policies"), an agent ("seized by Y"), whom it is demanded from."""
MEETINGS = frozenset({"CONSULT"})
"""Types whose place is only where they happen ("held talks in Geneva"), never whom they concern."""
STATE_ACTS = frozenset({"COERCE"})
"""Types whose agentless passive is the doing of the state where it happens ("was arrested in X")."""
PLACED_ENTS = frozenset({"GPE", "NORP", "PERSON", "LOC"})
"""Names that already say where or whose a target is: such a target needs no place."""
THIRD_PERSON = frozenset({"it", "they", "he", "she"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis"})
CLAUSE_ROOT_DEPS = frozenset({"ccomp", "relcl", "parataxis", "csubj"})
"""Relations that open a clause of its own; a fallback target must come from the trigger's clause."""
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})
EXTRAPOSED_DEPS = frozenset({"xcomp", "ccomp", "advcl", "csubj"})
"""Where the parser hangs the clause an expletive "it" stands for ("it is hard to say")."""
HEAD_DEPS = frozenset({"compound", "amod", "nmod", "det"})
"""Modifier relations climbed to reach the head of an actor's noun phrase ("Iraqi Kurdistan"); the
determiner too, which the tagger often puts inside a name ("the United States"), else the
fallback target is the lone word "the", which overlaps no actor."""
ATTRIBUTION_WORDS = frozenset({"according"})
"""Words heading a phrase that names who reports an event, not whom it concerns."""
BEHIND_PENALTY = 6.0
"""A fallback target before the trigger counts as this many times farther away: English targets
follow their verb (plv_train plv_acc: 0.499 at 1.0, 0.501 at 3.0, 0.506 at 6.0)."""

Phrase = tuple[int, int]


def complete_roles(trigger: Trigger, roles: Roles, lex: Lexicon) -> Roles:
    """The roles with pronoun sources resolved, reciprocal pairs split and a target where none is an actor."""
    doc = trigger.token.doc
    if not roles.sources and is_passive(trigger.token):
        roles.sources = instrument_agent(trigger.token, lex)
    if not roles.sources and is_passive(trigger.token) and trigger.entry.plover in STATE_ACTS:
        roles.sources = local_authority(trigger.token)
    roles.sources = list(dict.fromkeys(p for s in roles.sources for p in antecedent(doc[s[0]], s)))
    roles.sources = list(dict.fromkeys(p for s in roles.sources for p in voice_author(doc, s, lex)))
    if (len(roles.sources) > 1 and trigger.entry.plover in RECIPROCAL
            and not one_name(doc, roles.sources[0], roles.sources[1])
            and not any(is_actor_phrase(doc, t, lex) for t in roles.targets)):
        # "X and Y agreed to hold joint exercises": the exercises are what was agreed, Y is
        # whom X agreed with (plv_train plv_acc 0.682 -> 0.69x; see docs/benchmarks.md)
        roles.sources, roles.targets = roles.sources[:1], roles.sources[1:] + roles.targets
    if not trigger.entry.no_target:
        roles.targets = complete_targets(trigger, roles, lex)
    return roles


def complete_targets(trigger: Trigger, roles: Roles, lex: Lexicon) -> list[Phrase]:
    """The targets with what the parse leaves out: a recipient hung from the object, the
    governing verb's addressee, the nearest actor, the place of an unnamed target, a threat's
    condition."""
    doc = trigger.token.doc
    if trigger.entry.plover in AIMED_FORCES and (opponents := against_phrases(trigger.token, lex)):
        return opponents
    targets = list(dict.fromkeys(object_actors(trigger, roles, lex) + closing_recipient(trigger, lex)
                                 + roles.targets))
    if not any(is_actor_token(doc[a : b + 1].root, lex) for a, b in targets):
        targets += [t for t in content_subjects(trigger, lex) if t not in roles.sources]
    if trigger.entry.plover in GRIEVANCES and not any(is_actor_phrase(doc, t, lex) for t in targets):
        targets = [t for t in grievance_actors(trigger, lex) if t not in roles.sources][:1] + targets
    if not any(is_actor_token(doc[a : b + 1].root, lex) for a, b in targets):
        targets += [t for t in governor_addressees(trigger, lex) if t not in roles.sources]
    if not any(is_actor_phrase(doc, t, lex) for t in targets):
        nearest = nearest_actor(trigger, Roles(roles.sources, targets), lex)
        if nearest is not None:
            targets.append(nearest)
    if trigger.entry.plover not in MEETINGS:
        targets += place_targets(trigger, Roles(roles.sources, targets))
    if trigger.entry.plover in CONDITIONED:
        # after the fallback: the condition's subject is a second target, never instead of
        # the one threatened ("to ban voting in East Jerusalem if Hamas ran")
        targets += condition_subjects(trigger, lex)
    return list(dict.fromkeys(targets))


AIM_DEPS = frozenset({"dobj", "prep", "pobj", "xcomp", "acl", "advcl", "advmod", "relcl"})
"""Relations from a deployment down to what it is for ("troops for a battle against X",
"troops for an order to move against X"), not into a clause said or reported."""


def against_phrases(token: Token, lex: Lexicon) -> list[Phrase]:
    """The actors of the "against" phrases below ``token`` through ``AIM_DEPS``."""
    found: list[Phrase] = []
    for child in token.children:
        if child.dep_ not in AIM_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ == "against":
            found += [p for p in prep_objects(token, ("against",)) if is_actor_phrase(token.doc, p, lex)]
        else:
            found += against_phrases(child, lex)
    return list(dict.fromkeys(found))


def content_subjects(trigger: Trigger, lex: Lexicon) -> list[Phrase]:
    """ "its demand that Ruritania withdraw", "an allegation that the rebels had taken the town":
    a demand or a charge named by a noun is aimed at the subject of the that-clause saying
    what it is, which the parser hangs from the noun or from the verb the noun is the object of."""
    noun = trigger.token
    if trigger.kind != "noun":
        return []
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    return [p for holder in holders for clause in holder.children
            if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                        for m in clause.children)
            for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
            for p in actor_phrases(s) if is_actor_phrase(noun.doc, p, lex)]


def grievance_actors(trigger: Trigger, lex: Lexicon) -> list[Phrase]:
    """The actors named in the purpose clause of a protest or of the verb that carries it
    ("staged a strike to demand ...", "blocked roads to show their anger at X's policies"), in
    the order they come; a pronoun ("their demands") names no one new."""
    token = trigger.token
    holders = [token, token.head] if trigger.kind == "noun" and token.dep_ == "dobj" else [token]
    clauses = [c for h in holders for c in h.children if c.dep_ in ("advcl", "xcomp")
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    found = [phrase_head(t) for clause in clauses for t in clause.subtree
             if t.dep_ in GRIEVANCE_DEPS and is_actor_token(t, lex)]
    return [noun_phrase(t) for t in dict.fromkeys(found)]


def governor_addressees(trigger: Trigger, lex: Lexicon) -> list[Phrase]:
    """ "sent a letter to the WHO chief threatening to ...", "called Lavrov to discuss ...": a
    verb in a purpose or manner clause with no actor target of its own is aimed at whom the
    governing verb addresses (its "to" phrase, or its object)."""
    verb = trigger.token
    if verb.dep_ not in ("advcl", "xcomp") or verb.head.pos_ != "VERB":
        return []
    governor = verb.head
    doc = verb.doc
    found = prep_objects(governor, ("to",))
    found += [p for c in governor.children if c.dep_ in ("dobj", "dative") for p in actor_phrases(c)]
    return [p for p in found if is_actor_token(doc[p[0] : p[1] + 1].root, lex)]


def object_actors(trigger: Trigger, roles: Roles, lex: Lexicon) -> list[Phrase]:
    """The actors in a recipient's prepositional phrase hanging from a target that is a thing:
    the parser often attaches it to the object, not the verb ("returned the sculpture of the
    emperor to Peru", "contact with the United States"). An "of" phrase counts only after an
    action noun ("rejected the appeal of X"): after any noun, "the sculpture of the emperor" made
    the emperor a target (plover_gsr plv_acc 0.6461 -> 0.6429). The verb's own action-noun object
    counts too when the parse took a recipient as the target instead ("demanded the withdrawal
    of Serbian forces from Bosnia": Bosnia)."""
    doc = trigger.token.doc
    preps = trigger.entry.target_preps or VERB_TARGET_PREPS
    heads = [doc[a : b + 1].root for a, b in roles.targets]
    heads += [c for c in trigger.token.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns]
    heads = list(dict.fromkeys(heads))
    return [p for head in heads if head.pos_ == "NOUN" and not is_actor_token(head, lex)
            for p in prep_objects(head, _object_preps(head, preps, lex)) if is_actor_phrase(doc, p, lex)]


def closing_recipient(trigger: Trigger, lex: Lexicon) -> list[Phrase]:
    """ "returned a vase that was stolen in 1990 to Greece", "returned a coin engraved with the
    image of a king to the Freedonian authorities": a verb that gives "to" someone (its lexicon
    entry names "to"; with every verb's default prepositions "rejected a request from X to cross
    into Y" made Y a target), with no "to" phrase of its own, has its recipient in the "to"
    phrase that closes its object, which the parser hangs inside the object's relative clause or
    modifier."""
    verb = trigger.token
    if trigger.kind != "verb" or "to" not in (trigger.entry.target_preps or ()):
        return []  # only a verb of giving, which names "to" as its target's preposition
    if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in verb.children):
        return []
    for obj in (c for c in verb.children if c.dep_ == "dobj" and not is_actor_token(c, lex)):
        closing = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "to"
                   and t.head.i != obj.i and t.right_edge.i == obj.right_edge.i]
        if closing:
            return [p for o in closing[-1].children if o.dep_ == "pobj" for p in actor_phrases(o)
                    if is_actor_phrase(verb.doc, p, lex)]
    return []


def _object_preps(head: Token, preps: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """An action named by a noun ("the withdrawal of Serbian forces") has its doer in "of"."""
    return (*preps, "of") if head.lemma_.lower() in lex.nouns else preps


def place_targets(trigger: Trigger, roles: Roles) -> list[Phrase]:
    """ "killed 48 people in Afghanistan", "contribute troops to a force in Liberia": with no
    named target, the place where the unnamed one is (an "in" phrase of the trigger, of a target,
    of the verb whose object a target is, or of the incidents the trigger's "in" phrase names:
    "killed 48 people in two attacks in Afghanistan") stands for it, as event data codes such a target.
    A target whose words name a country, a people or a person ("12 Ruritanian soldiers") needs
    no place; one named by an organisation ("a NATO-led force in Liberia") still has it."""
    doc = trigger.token.doc
    heads = [doc[a : b + 1].root for a, b in roles.targets]
    if any(t.ent_type_ in PLACED_ENTS for a, b in roles.targets for t in _name_words(doc, a, b)):
        return []
    holders = [trigger.token, *heads, *(object_verb(h, trigger.token) for h in heads)]
    holders += [o for c in trigger.token.children if c.dep_ == "prep" and c.lower_ == "in"
                for o in c.children if o.dep_ == "pobj" and not _names_a_place(o)]
    return list(dict.fromkeys(p for head in holders if head is not None
                              for p in prep_objects(head, ("in",))
                              if _names_a_place(doc[p[0] : p[1] + 1].root)))


def object_verb(target: Token, trigger: Token) -> Token | None:
    """The verb below the trigger whose object the target is ("agreed to set up a company in X":
    "set up"): its place is where the thing it acts on is."""
    verb = target.head
    if target.dep_ != "dobj" or verb.i == trigger.i or verb.pos_ != "VERB":
        return None
    return verb if trigger in verb.ancestors else None


def _name_words(doc, first: int, last: int) -> list[Token]:
    """The words of a phrase up to its head: a name in a trailing "of" phrase is another actor."""
    head = doc[first : last + 1].root
    return [t for t in doc[first : last + 1] if t.i <= head.i]


def condition_subjects(trigger: Trigger, lex: Lexicon) -> list[Phrase]:
    """The actors subject of an "if" or "unless" clause of the trigger or of its complement
    ("threatened to stop the talks if the United States goes ahead", "threatened that unless
    Ruritania pays, ...")."""
    doc = trigger.token.doc
    token = trigger.token
    found: list[Phrase] = []
    for clause in (token, *(c for c in token.children if c.dep_ in ("xcomp", "ccomp"))):
        for child in clause.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and lex.cue(m.lower_, "condition")
                                             for m in child.children):
                found += [p for s in child.children if s.dep_ in ("nsubj", "nsubjpass")
                          for p in actor_phrases(s) if is_actor_phrase(doc, p, lex)]
    return found


def one_name(doc, first: Phrase, second: Phrase) -> bool:
    """Two phrases inside one named entity: "Asia-Pacific Economic Cooperation" split at its
    dash is one actor, not a pair."""
    inside = doc[first[1] + 1 : second[1] + 1]
    return first[1] < second[0] and all(t.ent_iob_ == "I" for t in inside)


def has_actor_source(doc, roles: Roles, lex: Lexicon) -> bool:
    """True when some source names an actor, a voice ("a report"), an instrument of violence
    ("a car bomb") or is a pronoun: "such a step" or "a plan" is no source."""
    return any(is_actor_phrase(doc, s, lex) or _is_source_word(doc, s, lex) for s in roles.sources)


def _is_source_word(doc, phrase: Phrase, lex: Lexicon) -> bool:
    head = doc[phrase[0] : phrase[1] + 1].root
    lemma = head.lemma_.lower()
    if is_expletive(head):
        return False
    return head.pos_ == "PRON" or lex.cue(lemma, "voice") or lex.cue(lemma, "instrument")


def is_expletive(token: Token) -> bool:
    """ "it was important to meet ...", "found it hard to talk": a dummy "it" standing for a clause
    that follows, not for an actor."""
    if token.lower_ != "it":
        return False
    head = token.head
    preds = [head] if head.pos_ == "ADJ" else [c for c in head.children if c.dep_ in PREDICATE_DEPS]
    return any(_has_clause(p) or _has_clause(head) for p in preds)


def _has_clause(token: Token) -> bool:
    """True when a to-infinitive or that-clause hangs from ``token``."""
    return any(c.dep_ in EXTRAPOSED_DEPS and any(g.lower_ in ("to", "that") and g.dep_ in ("aux", "mark")
                                                 for g in c.children) for c in token.children)


def voice_author(doc, phrase: Phrase, lex: Lexicon) -> list[Phrase]:
    """ "the ministry issued a statement condemning X", "Amnesty put out a report accusing Y": a
    statement or a report that a verb's subject puts out speaks for that subject, who is the
    source; else the phrase itself."""
    head = doc[phrase[0] : phrase[1] + 1].root
    if head.dep_ != "dobj" or head.head.pos_ != "VERB" or not lex.cue(head.lemma_.lower(), "voice"):
        return [phrase]
    authors = [p for p in subject_of(head.head)[0] if is_actor_phrase(doc, p, lex)]
    return authors or [phrase]


def instrument_agent(verb: Token, lex: Lexicon) -> list[Phrase]:
    """ "killed in a car bombing": with no "by" agent, the weapon or attack named by "in" is the source."""
    doc = verb.doc
    return [p for p in prep_objects(verb, ("in",))
            if lex.cue(doc[p[0] : p[1] + 1].root.lemma_.lower(), "instrument")]


def local_authority(verb: Token) -> list[Phrase]:
    """ "was arrested in Niger": with no "by" agent, an arrest, a ban or a detention is done by
    the authorities of the country where it happens, which event data codes as that country."""
    doc = verb.doc
    return [p for p in prep_objects(verb, ("in",)) if _names_a_place(doc[p[0] : p[1] + 1].root)]


def _names_a_place(token: Token) -> bool:
    """A place name: tagged as one, or a proper noun that is no date ("in Niger", which the small
    model sometimes takes for a person; not "in January")."""
    return token.ent_type_ in ("GPE", "LOC") or (token.pos_ == "PROPN" and token.ent_type_ not in NOT_ACTORS)


def antecedent(token: Token, phrase: Phrase) -> list[Phrase]:
    """ "Ruritania said it would ...": a third-person subject pronoun stands for the subject above it."""
    if phrase[0] != phrase[1] or token.lower_ not in THIRD_PERSON or token.dep_ != "nsubj":
        return [phrase]
    node = token.head
    for _ in range(4):
        if node.dep_ not in CLAUSE_DEPS or node.head.i == node.i:
            break
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if subjects:
            return [p for s in subjects for p in actor_phrases(s)]
    return [phrase]


def is_actor_token(token: Token, lex: Lexicon) -> bool:
    """A name of an actor or place, or a noun for a group of people ("the army", "protesters")."""
    if token.ent_type_ in NOT_ACTORS or token.is_punct:
        return False
    if token.ent_type_ in ACTOR_ENTS or token.pos_ == "PROPN":
        return True
    if token.is_upper and token.is_alpha and len(token) > 1:
        return True  # an acronym the tagger missed ("ICE returned ...")
    return token.pos_ == "NOUN" and lex.cue(token.lemma_.lower(), "actor")


def is_actor_phrase(doc, phrase: Phrase, lex: Lexicon) -> bool:
    """True when some word of the phrase names an actor."""
    return any(is_actor_token(t, lex) for t in doc[phrase[0] : phrase[1] + 1])


def clause_root(token: Token) -> Token:
    """The verb heading the clause of ``token``: the first governor that is a clause of its own
    (a complement, adverbial, relative or coordinated clause) or the sentence root."""
    for _ in range(12):
        if token.head.i == token.i:
            return token
        if token.dep_ in CLAUSE_ROOT_DEPS and token.pos_ in ("VERB", "AUX", "ADJ"):
            return token
        token = token.head
    return token


def nearest_actor(trigger: Trigger, roles: Roles, lex: Lexicon) -> Phrase | None:
    """The actor phrase of the trigger's own clause closest to it that is not already a source;
    a name in another clause (the speaker of a reporting verb) is someone else's role."""
    token = trigger.token
    taken = {i for a, b in roles.sources + roles.targets for i in range(a, b + 1)}
    home = clause_root(token).i
    best: tuple[float, Phrase] | None = None
    for cand in token.sent:
        if cand.i in taken or cand.i == token.i or not is_actor_token(cand, lex):
            continue
        if outside_dateline([(cand.i, cand.i)], cand.doc) == []:
            continue  # the place a story was filed from ("KABUL - ...")
        if clause_root(cand).i != home:
            continue
        head = phrase_head(cand)
        if head.i in taken or head.i == token.i or in_attribution(head, home):
            continue
        distance = abs(cand.i - token.i) * (BEHIND_PENALTY if cand.i < token.i else 1.0)
        if best is None or distance < best[0]:
            best = (distance, noun_phrase(head))
    return best[1] if best else None


def in_attribution(token: Token, home: int) -> bool:
    """Whether the phrase says who reports the event ("..., according to a spokesperson in
    Brussels"): its speaker is the report's source, never the event's target."""
    node = token
    while node.i != home and node.head.i != node.i:
        if node.lower_ in ATTRIBUTION_WORDS:
            return True
        node = node.head
    return False


def phrase_head(token: Token) -> Token:
    """The head of the noun phrase a name modifies ("Iraqi" -> "Kurdistan"), or the token."""
    while token.dep_ in HEAD_DEPS and token.head.pos_ in ("NOUN", "PROPN") and token.head.i != token.i:
        token = token.head
    return token
