"""Code one sentence: triggers, their roles and modality, PLOVER's rules, no event without a source."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from communique.events.arguments import Roles, find_roles, prep_objects
from communique.events.cameo import quad_class
from communique.events.candidate import Candidate
from communique.events.completion import clause_root, complete_roles, has_actor_source, is_actor_token
from communique.events.derived import allegations, appeals, bare_demands, demands
from communique.events.lexicon import Lexicon
from communique.events.modality import attitude, governors, modality
from communique.events.triggers import Trigger, find_triggers, governing_trigger
from communique.tree import subtree

BASE_CONFIDENCE = {"light": 0.8, "phrasal": 0.8, "verb": 0.75, "noun": 0.6}
"""How much each kind of trigger evidence is trusted; a light-verb phrase is the most specific."""
INTENT_CAMEO = {
    "CONSULT": "036", "COOPERATE": "031", "AID": "033", "SUPPORT": "030",
    "CONCEDE": "035", "RETREAT": "035", "AGREE": "030",
}
"""CAMEO 03 "express intent to ..." codes for intended cooperation ("wants to help": PLOVER AGREE)."""
REFUSAL_CAMEO = {"CONSULT": "125", "AGREE": "120", "AID": "122", "COOPERATE": "121", "CONCEDE": "123"}
"""CAMEO 12 "reject" codes for cooperation refused or not done ("will not meet", "failed to agree")."""
ALLEGED_DEPS = frozenset({"ccomp", "conj", "xcomp", "advcl", "dobj", "pobj", "prep"})
THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "MOBILIZE": "130",
                "PROTEST": "130"}
"""CAMEO 13 "threaten" codes for an intended conflict action ("plans to invade", "wants to attack")."""
COOPERATION = ("verbal_cooperation", "material_cooperation")
BLAME = ("inquiry", "blame")
"""Cue classes of what a call that blames asks for: an investigation, a punishment."""
BLAMED_PREPS = ("against", "on", "over", "into", "of")
"""Prepositions naming whom a called-for investigation or punishment is aimed at."""
PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl"})
"""Relations of a purpose or manner clause ("rallied to demand", "marched, demanding")."""
MATERIAL = ("material_cooperation", "material_conflict")
"""Quad classes of deeds: an order to do one is coded as the deed (PLOVER codes what was done)."""


def _claim_noun(trigger: Trigger, lex: Lexicon) -> bool:
    return trigger.kind == "noun" and lex.cue(trigger.token.lemma_.lower(), "claim")


def _is_deny(trigger: Trigger, lex: Lexicon) -> bool:
    return trigger.kind == "verb" and lex.cue(trigger.token.lemma_.lower(), "deny")


def _permits_nothing(trigger: Trigger, lex: Lexicon) -> bool:
    """ "allow", "permit" concede only when someone is let do something ("allow refugees to
    return", CAMEO 08); with a bare object they are too vague to code."""
    token = trigger.token
    if trigger.kind != "verb" or not lex.cue(token.lemma_.lower(), "permission"):
        return False
    return not any(c.dep_ in ("xcomp", "ccomp") for c in token.children)


def _receives_a_thing(trigger: Trigger, lex: Lexicon) -> bool:
    """ "received the envoy" hosts a visit (CAMEO 043); "received a letter", "received an
    invitation" does not: the object of "receive" names no actor."""
    token = trigger.token
    if trigger.kind != "verb" or token.lemma_.lower() != "receive" or trigger.entry.plover != "CONSULT":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and not any(is_actor_token(o, lex) for o in objects)


def _is_command(trigger: Trigger, lex: Lexicon) -> bool:
    return trigger.kind == "verb" and lex.cue(trigger.token.lemma_.lower(), "command")


def _is_promise(trigger: Trigger) -> bool:
    return trigger.kind == "verb" and trigger.entry.plover == "AGREE"


def _is_offer(trigger: Trigger, lex: Lexicon) -> bool:
    """ "offered to send troops to X": what is offered to a partner is an agreement (CAMEO 03),
    not a threat, whatever the content."""
    return lex.cue(trigger.token.lemma_.lower(), "offer")


def select(triggers: list[Trigger], lex: Lexicon) -> dict[int, str]:
    """Which triggers stand as events, by token index, with a forced modality ("" = none).

    A trigger that is the content of another ("agreed to withdraw") is that trigger's evidence;
    a denied event replaces the denial ("denied attacking"); a noun with its own actor stays.
    """
    by_index = {t.token.i: t for t in triggers}
    kept = {t.token.i: "" for t in triggers}
    for trigger in triggers:
        gov = governing_trigger(trigger, by_index)
        if _receives_a_thing(trigger, lex):
            kept.pop(trigger.token.i, None)  # "received a letter from X": no visit hosted
            continue
        if _permits_nothing(trigger, lex):
            kept.pop(trigger.token.i, None)  # "will not allow developments that ...": no one let do anything
            continue
        if trigger.token.dep_ == "relcl" and trigger.kind == "verb":
            kept.pop(trigger.token.i, None)  # "the group that seized the town": background, not news
            continue
        if gov is None and _alleged_content(trigger, by_index):
            kept.pop(trigger.token.i, None)  # "X alleged that Y helped Z": the allegation is the event
            continue
        if gov is None:
            gov = by_index.get(trigger.token.head.i) if trigger.token.dep_ == "advcl" else None
            if gov is not None and gov.entry.plover == trigger.entry.plover:
                kept.pop(trigger.token.i, None)  # "bombarded the city, killing ..." is one attack
            continue
        if _is_command(gov, lex) and quad_class(trigger.entry.plover) in MATERIAL:
            kept.pop(gov.token.i, None)  # "ordered the arrest of X": the arrest, by whoever ordered it
            continue
        if _is_promise(gov) and trigger.entry.plover in THREAT_CAMEO and not _is_offer(gov, lex):
            kept.pop(gov.token.i, None)  # "vowed to fight": an intended attack, coded as a threat
            if trigger.token.i in kept:
                kept[trigger.token.i] = "planned"
        elif _is_deny(gov, lex) and not _claim_noun(trigger, lex):
            kept.pop(gov.token.i, None)
            if trigger.token.i in kept:
                kept[trigger.token.i] = "denied"
        elif (trigger.kind != "noun" or trigger.token.dep_ == "dobj" or _answered(trigger)
              or find_roles(trigger).inherited or not find_roles(trigger).sources):
            kept.pop(trigger.token.i, None)
    return kept


def _answered(trigger: Trigger) -> bool:
    """A request or demand named inside another event is what that event answers ("conceded
    to demands from X", "refused to respond to a request from X"): the answer is the news."""
    return trigger.kind == "noun" and trigger.entry.plover == "REQUEST"


def is_background(trigger: Trigger, lex: Lexicon) -> bool:
    """A mention of an event inside a relative clause ("statements that aim at stalling the
    talks") describes a participant rather than reporting news; so does a noun that only dates
    the clause ("said before the meeting", "ahead of the talks")."""
    return clause_root(trigger.token).dep_ == "relcl" or is_time_anchor(trigger, lex)


def is_time_anchor(trigger: Trigger, lex: Lexicon) -> bool:
    """A nominal trigger governed by an anchoring preposition: "before X", "ahead of X", "prior to X".

    The anchored event is reported elsewhere or is old news ("after the 2014 annexation"); coded
    here it would take this clause's date. Measured on the dev suites: plv_train type_f1 0.718 ->
    0.722, plover_gsr type_f1 0.701 -> 0.703, petr2_gsr cameo_root_f1 unchanged."""
    token = trigger.token
    if trigger.kind != "noun" or token.dep_ != "pobj":
        return False
    prep = token.head
    if lex.cue(prep.lower_, "anchor"):
        return True
    if prep.lower_ == "of" and lex.cue(prep.head.lemma_.lower(), "duration"):
        return True  # "after weeks of talks", "fifteen years of occupation": how long, not what
    return prep.lower_ in ("of", "to") and lex.cue(prep.head.lower_, "anchor")


def _alleged_content(trigger: Trigger, by_index: dict[int, Trigger]) -> bool:
    """True when the trigger lies in the that-clause of an accusing verb ("alleged that ...")."""
    token = trigger.token
    seen_clause = False
    for _ in range(5):
        if token.dep_ not in ALLEGED_DEPS or token.head.i == token.i:
            return False
        seen_clause = seen_clause or token.dep_ == "ccomp"
        token = token.head
        gov = by_index.get(token.i)
        if gov is not None and seen_clause and gov.kind == "verb" and gov.entry.plover == "ACCUSE":
            return True
    return False


def confidence(trigger: Trigger, roles: Roles) -> float:
    """0..1 from the kind of evidence: the trigger kind, where the source came from, a target."""
    kind = trigger.kind
    if kind == "verb" and " " in trigger.entry.trigger:
        kind = "phrasal"
    score = BASE_CONFIDENCE[kind]
    if roles.inherited:
        score -= 0.15
    if roles.targets:
        score += 0.05
    return round(max(0.05, min(1.0, score)), 2)


def apply_plover_rules(cand: Candidate, lex: Lexicon) -> Candidate:
    """PLOVER's coding rules: future cooperation is AGREE, refused cooperation is REJECT;
    a call to end fighting is AGREE; peacekeepers sent are AID; a joint exercise is COOPERATE."""
    cand = _retype_by_object(cand, lex)
    plover = cand.plover
    cooperative = quad_class(plover) in COOPERATION
    if cand.modality == "planned" and cooperative:
        # the CAMEO code stays the event's own: a scheduled meeting is coded 04, as PETRARCH-2
        # does (petr2_gsr cameo_root_f1 0.46 -> 0.51 with the intent rule below)
        cand.entry = replace(cand.entry, plover="AGREE", mode=plover.lower())
    elif cand.modality == "hypothetical" and cooperative and _intended(cand.trigger.token, lex):
        cand.cameo = INTENT_CAMEO.get(plover, "030")
        cand.entry = replace(cand.entry, plover="AGREE", mode=plover.lower())
    elif plover in THREAT_CAMEO and (cand.modality == "planned" or (
            cand.modality == "hypothetical" and _intended(cand.trigger.token, lex))):
        cand.cameo = THREAT_CAMEO[plover]  # "wants to attack": an intent to harm is a threat
        cand.entry = replace(cand.entry, plover="THREATEN", mode=plover.lower())
    elif cand.modality == "negated" and cooperative:
        cand.cameo = REFUSAL_CAMEO.get(plover, "120")
        cand.entry = replace(cand.entry, plover="REJECT", mode=plover.lower())
    elif plover == "REQUEST" and _is_visit(cand.trigger.token, lex):
        cand.cameo = "042"  # CAMEO 042 make a visit: "called on the president" to see him
        cand.entry = replace(cand.entry, plover="CONSULT", mode="visit")
    elif plover == "REQUEST" and _asks_for(cand.trigger.token, lex, ("peace",)) is not None:
        cand.entry = replace(cand.entry, plover="AGREE", mode="ceasefire")
    elif plover == "REQUEST" and (blame := _asks_for(cand.trigger.token, lex, BLAME)) is not None:
        # PLOVER codes a call for an investigation or a punishment as ACCUSE: the call blames
        # whoever the investigation or the sanctions are against
        mode = "investigate" if lex.cue(blame.lemma_.lower(), "inquiry") else None
        cand.entry = replace(cand.entry, plover="ACCUSE", mode=mode)
        if not cand.roles.targets:
            cand.roles.targets = prep_objects(blame, BLAMED_PREPS)
    return cand


def _intended(token: Token, lex: Lexicon) -> bool:
    """ "wants to help", "seeks to deepen ties": an intent verb governs the trigger (CAMEO 03)."""
    return any(lex.cue(node.lemma_.lower(), "intent") for node in governors(token))


def _retype_by_object(cand: Candidate, lex: Lexicon) -> Candidate:
    """Troop moves coded by who moves: peacekeepers sent are AID (CAMEO 074), peacekeepers
    withdrawn are SANCTION (1662); an exercise by two or more actors is COOPERATE (062)."""
    plover = cand.plover
    if cand.entry.mode == "exercise" and (len(cand.roles.sources) > 1 or _has_partner(cand.trigger)):
        return _retyped(cand, "COOPERATE", "062")
    if plover == "ASSAULT" and lex.cue(cand.entry.trigger, "wreck") and _aims_at_property(cand.trigger, lex):
        return _retyped(cand, "COERCE", "1712")  # "blew up power lines": property destroyed
    if plover == "AGREE" and cand.trigger.kind == "verb" and _agrees_on_a_text(cand.trigger.token, lex):
        return _retyped(cand, "SUPPORT", "057")  # "agreed a trade deal": an agreement reached
    if plover in ("COERCE", "SANCTION") and cand.trigger.kind == "noun" and _eased(cand.trigger.token, lex):
        # "reduced tariffs", "rolled back the embargo": easing a restriction (CAMEO 081, 085)
        return _retyped(cand, "CONCEDE", "085" if "economic" in cand.entry.context else "081")
    if plover not in ("MOBILIZE", "RETREAT") or not _mentions(cand.trigger, lex, "peacekeeping"):
        return cand
    return _retyped(cand, "AID", "074") if plover == "MOBILIZE" else _retyped(cand, "SANCTION", "1662")


def _eased(noun: Token, lex: Lexicon) -> bool:
    """ "reduced tariffs on X", "tariffs were rolled back": the restriction is the object of a
    verb that lowers or ends it."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    keys = [verb.lemma_.lower()] + [f"{verb.lemma_.lower()} {p}" for p in particles]
    return any(lex.cue(key, "ease") for key in keys)


def _aims_at_property(trigger: Trigger, lex: Lexicon) -> bool:
    """ "blew up three power lines", "set fire to the offices": the object, or the object of
    "to", names a building or an installation."""
    verb = trigger.token
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != getattr(trigger.obj, "i", -1)]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"]
    return any(lex.cue(o.lemma_.lower(), "property") for o in objects)


def _agrees_on_a_text(verb: Token, lex: Lexicon) -> bool:
    """ "agreed a deal", "agreed to the plan", "agreed on the draft text": the object of the
    agreement is a text, so the agreement is reached (PLOVER SUPPORT, CAMEO 057), not promised."""
    if verb.lemma_.lower() != "agree":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")
                for g in c.children if g.dep_ == "pobj"]
    return any(lex.cue(o.lemma_.lower(), "accord") for o in objects)


def _has_partner(trigger: Trigger) -> bool:
    """ "held drills with Freedonia": a partner in a "with" phrase of the trigger or its verb."""
    token = trigger.token
    heads = (token, token.head) if token.dep_ in ("dobj", "nsubjpass") else (token,)
    return any(c.dep_ == "prep" and c.lower_ == "with" for h in heads for c in h.children)


def _retyped(cand: Candidate, plover: str, cameo: str) -> Candidate:
    cand.entry = replace(cand.entry, plover=plover, mode=cand.plover.lower())
    cand.cameo = cameo
    return cand


def _mentions(trigger: Trigger, lex: Lexicon, cls: str) -> bool:
    """True when the trigger's clause (or its own subtree, for a noun) holds a cue of class ``cls``."""
    token = trigger.token
    clause = token.head if token.dep_ in ("nsubjpass", "nsubj", "dobj", "pobj") else token
    words = [token, *subtree(clause)]
    return any(lex.cue(t.lemma_.lower(), cls) for t in words)


def _is_visit(token: Token, lex: Lexicon) -> bool:
    """ "called on X" with nothing asked of X, or only to talk ("called on the president to
    discuss the crisis"), is a visit; "called on X to withdraw" is a request."""
    if token.lemma_.lower() != "call" or not any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i > token.i for c in token.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return False  # "called on both sides for restraint"
    asked = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX")]
    talk = (lex.verbs.get(c.lemma_.lower()) for c in asked)
    return all(entry is not None and entry.plover == "CONSULT" for entry in talk)


def _asks_for(token: Token, lex: Lexicon, classes: tuple[str, ...]) -> Token | None:
    """The first word of one of the cue ``classes`` in the request's complement, or None: "peace"
    (a ceasefire, an end to fighting), "inquiry" (an investigation), "blame" (sanctions)."""
    for child in subtree(token):
        if child.i != token.i and child.i - token.i < 12 and any(
                lex.cue(child.lemma_.lower(), cls) for cls in classes):
            return child
    return None


def code_sentence(sent: Span, lex: Lexicon, quoted: set[int]) -> list[Candidate]:
    """Every event of one sentence; ``quoted`` holds the token indices inside quotations."""
    triggers = find_triggers(sent, lex)
    kept = select(triggers, lex)
    folded = folded_contents(triggers, kept)
    cands = []
    for trigger in triggers:
        if trigger.token.i not in kept or attitude(trigger.token, lex) or is_background(trigger, lex):
            continue
        roles = find_roles(trigger)
        for content in folded.get(trigger.token.i, ()):
            roles = adopt_targets(roles, find_roles(content))
        roles = complete_roles(trigger, roles, lex)
        if not has_actor_source(trigger.token.doc, roles, lex):
            continue  # PLOVER needs a source: no actor, no event
        mood = kept[trigger.token.i] or modality(trigger.token, lex, trigger.token.i in quoted)
        cand = Candidate(trigger, trigger.entry, roles, mood, cameo=trigger.entry.cameo,
                         confidence=confidence(trigger, roles))
        cands.append(apply_plover_rules(cand, lex))
    derived = allegations(cands, lex) + demands(cands, lex) + appeals(cands, lex)
    derived += bare_demands(sent, lex, derived)
    replaced = {index for _, index in derived}
    kept_cands = [c for c in cands if c.trigger.token.i not in replaced
                  and not _restates(c, cands) and not _protest_purpose(c, cands)]
    return dedupe(kept_cands + [event for event, _ in derived])


def folded_contents(triggers: list[Trigger], kept: dict[int, str]) -> dict[int, list[Trigger]]:
    """Governing trigger index -> the content triggers ``select`` folded into it ("agreed to
    offer aid to X": "offer" is the agreement's content and evidence, not an event of its own)."""
    by_index = {t.token.i: t for t in triggers}
    folded: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        gov = governing_trigger(trigger, by_index)
        if gov is not None and trigger.token.i not in kept and gov.token.i in kept:
            folded.setdefault(gov.token.i, []).append(trigger)
    return folded


def adopt_targets(roles: Roles, content: Roles) -> Roles:
    """The governing event takes the targets of its content first: the content's verb names
    the recipient ("threatened to close the borders with X", "agreed to offer aid to X"), while
    the governor only sees the content's object. Only when the content's agent is the
    governor's own (same or inherited sources): "said Y attacked X" is not the speaker's."""
    if not (content.inherited or content.sources == roles.sources):
        return roles
    sources = set(roles.sources)
    adopted = [t for t in content.targets if t not in sources]
    roles.targets = list(dict.fromkeys(adopted + roles.targets))
    return roles


def _restates(cand: Candidate, cands: list[Candidate]) -> bool:
    """ "killed in an air strike by X": the verb whose source is itself a coded attack repeats it."""
    doc = cand.trigger.token.doc
    heads = {doc[a : b + 1].root.i for a, b in cand.roles.sources}
    return any(o is not cand and o.trigger.token.i in heads and o.plover == cand.plover for o in cands)


def _protest_purpose(cand: Candidate, cands: list[Candidate]) -> bool:
    """ "marched to demand reforms", "blocked roads demanding his return": a demand in the
    purpose or manner clause of its own source's protest is the protest's issue, which PLOVER
    codes as the protest alone (planned protests included: "would blockade Paris to demand")."""
    if cand.plover != "REQUEST" or cand.trigger.token.dep_ not in PURPOSE_DEPS:
        return False
    sources = set(cand.roles.sources)
    return any(other is not cand and set(other.roles.sources) & sources
               and "PROTEST" in (other.plover, (other.entry.mode or "").upper()) for other in cands)


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One event per type and dyad in a sentence, the best-evidenced one."""
    best: dict[tuple, Candidate] = {}
    for cand in cands:
        key = (cand.plover, tuple(cand.roles.sources), tuple(cand.roles.targets))
        if key not in best or cand.confidence > best[key].confidence:
            best[key] = cand
    return sorted(best.values(), key=lambda c: c.trigger.token.i)
