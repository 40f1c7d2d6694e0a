"""Events: PLOVER/CAMEO coding of who did what to whom: rules on the parse, a learned layer in their gaps."""

from __future__ import annotations

from communique.actors.headlines import HeadlineText, headline_text
from communique.actors.vocabulary import load_vocabulary
from communique.article import Article, Event, Quote, Span
from communique.events.cameo import goldstein, quad_class
from communique.events.candidate import Candidate
from communique.events.coder import code_sentence
from communique.events.completion import RECIPROCAL, is_actor_token
from communique.events.learned import SCOPES, WORDS, LayerSettings, learned_events
from communique.events.lexicon import load_lexicon
from communique.events.model import EventModel, ModelError, load_model
from communique.events.sides import entity_of_phrase, side_entity
from communique.stage import Stage, StageUnavailable

FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
PLACE_MODIFIER_DEPS = frozenset({"amod"})
"""A place read as an adjective ("joint Baltic patrols") describes a thing; a place as a compound
("a California man", "Damascus" misparsed as a compound) names or qualifies an actor: measured
with compounds too, plv_train lost 2 gold events."""
"""Pronouns that, inside a quotation, stand for its speaker ("We will not allow ...")."""


class EventsStage(Stage):
    """Fills ``article.events`` from triggers, syntax, the actor layer and the quotes."""

    name = "events"
    requires = ("doc", "entities", "quotes")
    # "entities" too: a source named only by a group noun ("riot police") gets an entity of its
    # own here (events/sides.py), so an event always names its source.
    assigns = ("events", "entities")

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.model = self._load_model()
        scope = str(self.settings.get("model_scope", "sentence"))
        if scope not in SCOPES:
            raise StageUnavailable(f"stages.events.model_scope is {scope!r}; use one of {', '.join(SCOPES)}")
        words = str(self.settings.get("model_words", "lexicon"))
        if words not in WORDS:
            raise StageUnavailable(f"stages.events.model_words is {words!r}; use one of {', '.join(WORDS)}")
        threshold = self.settings.get("model_threshold")
        self.layer = LayerSettings(scope, None if threshold in (None, "") else float(threshold),
                                   words, bool(self.settings.get("model_taught_only", False)))

    def _load_model(self) -> EventModel | None:
        """The learned layer's model named by ``stages.events.model`` ("" = rules only)."""
        name = str(self.settings.get("model", "builtin"))
        if not name:
            return None
        try:
            return load_model(name)
        except ModelError as exc:
            raise StageUnavailable(f"stages.events.model: {exc}") from exc

    def code(self, sent, quoted: set[int]):
        """The rule events of one sentence, then the model's in the clauses they leave uncoded."""
        lex = load_lexicon()
        cands = code_sentence(sent, lex, quoted)
        if self.model is None:
            return cands
        return cands + learned_events(sent, lex, self.model, cands, quoted, self.layer)

    def process(self, article: Article) -> Article:
        doc = article.doc
        if doc is None:
            article.add_error(self.name, "no parse: the nlp stage did not run on this document")
            return article
        quoted = quoted_tokens(article)
        headlines = headline_text(article.text)
        inside_quotes = set(quoted)  # once, not per sentence: that was quadratic in the length
        events: list[Event] = []
        for sent in doc.sents:
            for cand in self.code(sent, inside_quotes):
                saved = EntitySnapshot(article)
                event = to_event(cand, article, quoted, f"V{len(events) + 1}", headlines)
                event = collective_source(event)
                if not event.source or is_self_directed(event, article):
                    # no source entity: the side is a pronoun nothing resolved, "those", "a
                    # statement"; the contract's event has a source (issue 16)
                    saved.restore()  # no generic actor is left behind by a dropped event
                    continue
                event = without_place_targets(without_self_targets(event, article), article)
                event = without_unresolved_pronouns(event, article)
                events.append(accord_parties(split_collective(event), events, article))
        article.events = events
        return article


class EntitySnapshot:
    """The article's entities and their mentions, to undo what a dropped event added."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.count = len(article.entities)
        self.mentions = [list(e.mentions) for e in article.entities]

    def restore(self) -> None:
        entities = self.article.entities
        changed = len(entities) != self.count or any(
            e.mentions != m for e, m in zip(entities, self.mentions, strict=False))
        if not changed:
            return
        del entities[self.count:]
        for entity, mentions in zip(entities, self.mentions, strict=True):
            entity.mentions = mentions
        self.article.forget_mention_index()


def quoted_tokens(article: Article) -> dict[int, Quote]:
    """Token index -> the quotation holding it (the innermost, i.e. the shortest, wins)."""
    found: dict[int, Quote] = {}
    doc = article.doc
    for quote in sorted(article.quotes, key=lambda q: q.span[0] - q.span[1]):
        span = doc.char_span(quote.span[0], quote.span[1], alignment_mode="expand")
        if span is not None:
            found.update((token.i, quote) for token in span)
    return found


def char_span(doc, first: int, last: int) -> Span:
    """Character offsets of an inclusive token range."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def resolve_side(ranges: list[tuple[int, int]], article: Article, quote: Quote | None,
                 generic: bool = False, headlines: HeadlineText | None = None
                 ) -> tuple[list[str], list[Span]]:
    """Entity ids and spans of one side; "we" inside a quotation is its speaker. With
    ``generic``, an actor the actors stage left without an entity gets one (``side_entity``)."""
    ids: list[str] = []
    spans: list[Span] = []
    doc = article.doc
    for first, last in ranges:
        span = char_span(doc, first, last)
        if quote is not None and first == last and is_first_person(doc[first]):
            if quote.speaker_span is not None:
                span = quote.speaker_span
            if quote.speaker is not None:
                ids.append(quote.speaker)
                spans.append(span)
                continue
        if generic:
            entity = side_entity(article, doc[first : last + 1], load_vocabulary(), load_lexicon(),
                                 headlines)
        else:
            entity = entity_of_phrase(article, doc[first : last + 1])
        together = [entity, *others_at(span, entity, article)] if entity is not None else []
        for found in sorted(together, key=lambda e: min(e.mentions, default=span)):
            if found.id not in ids:
                ids.append(found.id)
        spans.append(span)
    return ids, spans


def others_at(span: Span, entity, article: Article) -> list:
    """The other entities with a mention exactly at ``span``: "the two governments" is a
    mention of each of them (``actors.coref.resolve_collectives``)."""
    return [e for e in article.entities if e is not entity and span in e.mentions
            and entity is not None and span in entity.mentions]


def collective_source(event: Event) -> Event:
    """ "a pact between the two countries" with one of them as target: the source is the other."""
    if len(event.source) < 2 or len(event.source_spans) != 1:
        return event
    others = [s for s in event.source if s not in event.target]
    if event.target and 0 < len(others) < len(event.source):
        event.source = others
    return event


def split_collective(event: Event) -> Event:
    """ "the two governments agreed": one phrase standing for several actors, with no target,
    is the first acting with the others, as "X and Y agreed" is (``completion.RECIPROCAL``)."""
    if len(event.source) < 2 or event.target or event.plover not in RECIPROCAL:
        return event
    if len(event.source_spans) == 1:  # one phrase for all of them: it is both sides' mention
        event.target_spans = [*event.source_spans, *event.target_spans]
    elif len(event.source_spans) == len(event.source):  # "X and Y" whose target was a place
        event.source_spans, event.target_spans = event.source_spans[:1], event.source_spans[1:]
    else:
        return event
    event.source, event.target = event.source[:1], event.source[1:]
    return event


def without_place_targets(event: Event, article: Article) -> Event:
    """The event without targets that are only where something else is or happened: a place
    in the source's own phrase ("Russia's embassy in Helsinki criticised the plan") or outside
    the trigger's phrase ("held talks in Geneva, and the two governments agreed"). A place the
    event is done in stays, as PLOVER codes it ("imposed a curfew in Algiers"), and so does a
    country or a seat of government that acts (their entities are no places)."""
    doc = article.doc
    trigger = doc.char_span(*event.trigger_span, alignment_mode="expand")
    sources = [p.root for s in event.source_spans if (p := doc.char_span(*s, alignment_mode="expand"))]
    if trigger is None:
        return event
    kept = [span for span in event.target_spans if not is_place_only(span, trigger.root, sources, article)]
    if len(kept) == len(event.target_spans):
        return event
    event.target_spans = kept
    still = {e.id for span in kept if (e := article.entity_at(*span)) is not None}
    event.target = [t for t in event.target if t in still]
    return event


def is_place_only(span: Span, trigger, sources: list, article: Article) -> bool:
    """A target phrase headed by a place entity that lies in a source's phrase or outside the
    trigger's, or that only modifies a thing ("Baltic patrols"; "Darfur rebels" are actors)."""
    phrase = article.doc.char_span(*span, alignment_mode="expand")
    if phrase is None:
        return False
    head = phrase.root
    entity = article.entity_at(head.idx, head.idx + len(head.text))
    if entity is None or entity.kind != "place":
        return False
    if any(source.i != head.i and source.is_ancestor(head) for source in sources):
        return True
    if (head.dep_ in PLACE_MODIFIER_DEPS and head.head.pos_ == "NOUN"
            and not is_actor_token(head.head, load_lexicon())):
        return True  # "joint Baltic patrols": the name says what the patrols are, not whom
    if addressed_by_governor(head, trigger):
        return False
    scope = governing_verb(trigger)
    return not (scope.i == head.i or scope.is_ancestor(head) or head.is_ancestor(trigger))


def addressed_by_governor(head, trigger) -> bool:
    """ "called Ankara to apologize", "called Erdogan to apologize" (a name the tagger takes for a
    place): whom the verb above a purpose clause addresses is its target (events/completion.py),
    a place standing for its government, not where the event happened."""
    return (trigger.dep_ in ("xcomp", "advcl") and head.head.i == trigger.head.i
            and head.dep_ in ("dobj", "dative"))


def governing_verb(trigger):
    """A verb trigger itself; for a noun, the verb it depends on ("arrived in Amman on a
    visit": the visit is to Amman)."""
    token = trigger
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return trigger


ACCORD_TYPES = frozenset({"AGREE", "SUPPORT"})
"""Types of the events that make a plan or an agreement another event can react to."""
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def accord_parties(event: Event, earlier: list[Event], article: Article) -> Event:
    """ "Russia's embassy criticised the plan", "the Commission welcomed the agreement": with no
    actor as target, a definite plan or agreement stands for the latest agreement reported
    before it, and its parties are whom the reaction is aimed at."""
    if event.target or not earlier:
        return event
    if not any(_names_an_accord(span, article) for span in event.target_spans):
        return event
    accord = next((e for e in reversed(earlier) if e.plover in ACCORD_TYPES), None)
    if accord is None:
        return event
    parties = [p for p in [*accord.source, *accord.target]
               if not any(same_actor(p, s, article) for s in event.source)]
    event.target = list(dict.fromkeys(parties))
    return event


def _names_an_accord(span: Span, article: Article) -> bool:
    phrase = article.doc.char_span(*span, alignment_mode="expand")
    if phrase is None:
        return False
    head = phrase.root
    definite = any(c.lower_ in DEFINITE and c.dep_ == "det" for c in head.children)
    return definite and head.pos_ == "NOUN" and load_lexicon().cue(head.lemma_.lower(), "accord")


def same_actor(first: str, second: str, article: Article) -> bool:
    """Two entity ids naming one actor: the same entity, two with the same name, or two bodies
    with the same full actor code ("the Kremlin", "the Russian government"). People sharing a
    country's code (a prime minister, a head of state), a country and a group of its people
    ("Croatia", "Croatian extremists") and sector codes ("---GOV") are not one."""
    if first == second:
        return True
    one, two = article.entity_by_id(first), article.entity_by_id(second)
    if not (one and two):
        return False
    if one.name.lower() == two.name.lower():
        return True
    bodies = one.kind != "person" and two.kind != "person"
    return bool(bodies and one.code and one.code == two.code and len(one.code) > 3
                and not one.code.startswith("-"))


def without_unresolved_pronouns(event: Event, article: Article) -> Event:
    """The event without target phrases that are a lone pronoun no entity resolved ("refused to
    give me", "called them on it", "will accuse you"): a record that names no one as the target
    says less than one without a target (whole corpus: about 140 of 6,500 events had one)."""
    def unresolved_pronoun(span: Span) -> bool:
        phrase = article.doc.char_span(*span, alignment_mode="expand")
        lone = phrase is not None and len(phrase) == 1 and phrase[0].pos_ == "PRON"
        return lone and article.entity_at(*span) is None

    event.target_spans = [span for span in event.target_spans if not unresolved_pronoun(span)]
    return event


def without_self_targets(event: Event, article: Article) -> Event:
    """The event without the targets that are one of its sources again ("Blackwell urged
    Blackwell", "Rubio ... its own", a pronoun standing for the source): PLOVER never codes an
    actor acting on itself. A phrase that only holds the source as possessor ("his campaign")
    keeps its span, which is someone else, but not the source's id."""
    def is_source(entity_id: str) -> bool:
        return any(same_actor(entity_id, s, article) for s in event.source)

    event.target_spans = [span for span in event.target_spans
                          if span not in event.source_spans and not _headed_by(span, is_source, article)]
    event.target = [t for t in event.target if not is_source(t)]
    return event


def _headed_by(span: Span, accept, article: Article) -> bool:
    """True when the head word of the phrase at ``span`` is a mention of an entity ``accept``s."""
    phrase = article.doc.char_span(*span, alignment_mode="expand")
    if phrase is None:
        return False
    root = phrase.root
    entity = article.entity_at(root.idx, root.idx + len(root.text))
    return entity is not None and accept(entity.id)


def is_self_directed(event: Event, article: Article) -> bool:
    """ "Ruritania ... talks with Ruritania": every target is a name of a source again, which is a
    misread role (a name leaking in from another clause), not an event. A pronoun ("its borders")
    is no such name: the parse put it there."""
    if not event.target_spans:
        return False
    return all(names_source(span, event, article) for span in event.target_spans)


def names_source(span: Span, event: Event, article: Article) -> bool:
    """True when ``span`` is exactly a mention of an entity that is also a source of the event."""
    token = article.doc.char_span(*span, alignment_mode="expand")
    if token is None or token[0].pos_ == "PRON":
        return False
    entity = article.entity_at(*span)
    if entity is None or span not in entity.mentions:
        return False
    return any(same_actor(entity.id, s, article) for s in event.source)


def is_first_person(token) -> bool:
    """ "we", "us": a first-person pronoun, not the country "US" the lower-cased form also matches."""
    return token.lower_ in FIRST_PERSON and token.pos_ == "PRON" and token.text != "US"


def to_event(cand: Candidate, article: Article, quoted: dict[int, Quote], event_id: str,
             headlines: HeadlineText | None = None) -> Event:
    """The contract record of a candidate."""
    token = cand.trigger.token
    quote = quoted.get(token.i)
    # only sources get generic entities: the contract wants one; on entities/gum_news the
    # targets' cost mention_f1 0.763 -> 0.757, as GUM does not link such groups
    source, source_spans = resolve_side(cand.roles.sources, article, quote, generic=True,
                                        headlines=headlines)
    target, target_spans = resolve_side(cand.roles.targets, article, quote)
    sent = token.sent
    return Event(
        id=event_id, plover=cand.plover, mode=cand.entry.mode, context=list(cand.entry.context),
        cameo=cand.cameo, source=source, target=target, source_spans=source_spans,
        target_spans=target_spans, trigger_span=(cand.trigger.start, cand.trigger.end),
        sentence_span=(sent.start_char, sent.end_char), modality=cand.modality,
        quote=quote.id if quote else None, goldstein=goldstein(cand.cameo),
        quad_class=quad_class(cand.plover),
        confidence=cand.confidence, coded_by=cand.coded_by,
    )
