"""Attributions from the parse: a cue verb, its subject (the source) and its content clause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from communique.quotes.cues import Cue, CueLexicon, load_cues
from communique.tree import subtree_bounds

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
"""A cue with one of these relations and no subject of its own takes its head's subject:
"denied X and said that…", "…, saying that…", "leaders remain confident that…"."""
CUE_POS = frozenset({"VERB", "AUX"})
EDGE_PUNCT = " ,;:.—–-(\n\t"
ParseSpan = tuple[int, int]


@dataclass(slots=True)
class Attribution:
    """A cue with the source it names and the content it introduces (character spans)."""

    cue: Token
    cue_span: ParseSpan
    content: ParseSpan | None
    subject: Token | None = None
    source_span: ParseSpan | None = None
    clause: ParseSpan = (0, 0)
    according: bool = False
    channel_tokens: list[Token] = field(default_factory=list)
    frame: str = "clause"
    mode: str = "speech"


def trim(text: str, start: int, end: int, keep: str = "") -> ParseSpan:
    """Strip spaces and edge punctuation from ``[start, end)``, keeping characters in ``keep``."""
    strip = "".join(ch for ch in EDGE_PUNCT if ch not in keep)
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def clip_to_paragraph(text: str, span: ParseSpan, at: int) -> ParseSpan:
    """Keep a content span inside the paragraph of the cue at ``at``: a parse can run a headline
    into the next paragraph, a report never does."""
    start, end = span
    first = text.rfind("\n", 0, at) + 1
    last = text.find("\n", at)
    return max(start, first), end if last < 0 else min(end, last)


def token_range(tokens: list[Token]) -> ParseSpan:
    """The character extent of the subtrees of ``tokens``."""
    start = min(t.left_edge.idx for t in tokens)
    right = max((t.right_edge for t in tokens), key=lambda t: t.i)
    return start, right.idx + len(right)


def subject_of(cue: Token, depth: int = 0) -> Token | None:
    """The cue's subject, inherited through conjunction, participles and relative clauses."""
    subjects = [c for c in cue.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # Two subjects are a misparse of '"… Or Denver," Mayor Smith said': the quotation's last
        # words taken for one; the subject next to the cue is the source.
        child = min(subjects, key=lambda c: abs(c.i - cue.i))
        if child.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
            return cue.head  # "Smith, who said …": the source is the noun the clause describes
        return child
    if depth > 3 or cue.head is cue:
        return None
    if cue.dep_ == "relcl":
        return cue.head
    conjoined = conjoined_cue(cue)
    if conjoined is not None:
        return subject_of(conjoined, depth + 1)  # "said that X … and urged Y": said's subject
    if cue.dep_ in INHERIT_SUBJECT_DEPS and cue.head.pos_ in CUE_POS:
        return subject_of(cue.head, depth + 1)
    return None


def source_span(text: str, subject: Token, cue: Token | None = None) -> ParseSpan:
    """The source mention: the subject's phrase, appositions included, without a relative clause;
    when the cue is in a relative clause on it ('an architect who said …'), up to the pronoun
    that stands for the source there."""
    # The subject's own subtree runs to the end of its relative clauses ('said Maria Lopez, who
    # chairs the committee and has backed the levy'): the walk leaves those clauses out.
    heads = [subject] + [c for c in subject.children if c.dep_ == "appos"]
    pruned = [c.i for h in heads for c in h.children if c.dep_ == "relcl"]  # acl: 'an email sent by X'
    doc = subject.doc
    bounds = subtree_bounds(subject, pruned, 0, len(doc), lambda i: not doc[i].is_punct)
    first, last = (doc[bounds[0]], doc[bounds[1]]) if bounds else (subject, subject)
    pronoun = _relative_pronoun(subject, cue) if cue is not None else None
    if pronoun is not None:
        last = pronoun
    return trim(text, first.idx, last.idx + len(last))


def _relative_pronoun(noun: Token, cue: Token) -> Token | None:
    """The 'who' or 'which' of the relative clause on ``noun`` that holds ``cue``."""
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        if clause.i == cue.i or any(a.i == clause.i for a in cue.ancestors):
            return next((c for c in clause.children
                         if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT")), None)
    return None


def match_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The lexicon entry this token realises, particle entries first ("call for" before "call")."""
    cues = lexicon.cues_for(lexicon.lemma_of(token.lower_, token.lemma_))
    if not cues:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in ("prep", "prt")}
    for cue in cues:
        if cue.particle and cue.particle in particles:
            return cue
    return next((cue for cue in cues if cue.particle is None), None)


def content_children(cue_token: Token, cue: Cue) -> tuple[list[Token], str]:
    """The children that hold the content and the frame they fill: a clause first, then a to-clause
    of request or promise, then an object (which is content only when quoted, see assembly)."""
    kids = list(cue_token.children)
    if is_predicative_adjective(cue_token):
        # "were hopeful on Tuesday that …": the parser may hang the clause on the copula
        kids += [c for c in cue_token.head.children if c.dep_ == "ccomp" and c.i > cue_token.i]
    clauses = [c for c in kids if c.dep_ in ("ccomp", "parataxis") and c.i > cue_token.i] \
        or [c for c in kids if c.dep_ == "ccomp"]
    clauses = clauses or _misattached_clauses(kids) or _gerund_clauses(cue_token, kids) \
        or _unmarked_clauses(cue_token, kids) or _clause_objects(cue_token, kids)
    if not clauses and "question" in cue.frames:
        clauses = _reported_questions(cue_token, kids)
    objects = [c for c in kids if c.dep_ in ("dobj", "oprd")]
    if "clause" in cue.frames and clauses:
        return clauses, "clause"
    infinitives = [c for c in kids if c.dep_ == "xcomp" and _is_to_clause(c)]
    if "prep" in cue.frames:
        # "called on X to act": the request is X acting; "called for a ceasefire" holds none
        preps = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ == cue.particle]
        hearers = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        return (hearers + infinitives, "infinitive") if preps and infinitives else ([], "prep")
    if "infinitive" in cue.frames and infinitives:
        # "urged Washington to abandon the plan": who is asked is the subject of what is asked
        hearers = [o for o in objects if o.i < infinitives[0].i] if "recipient" in cue.frames else []
        return hearers + infinitives, "infinitive"
    if objects and "predicate" in cue.frames and not _named_as(cue_token, objects):
        predicate = _small_clause_predicate(cue_token, objects)
        if predicate is not None:
            return objects + predicate, "predicate"
    if "object" in cue.frames and "recipient" not in cue.frames and objects:
        return objects, "object"
    return [], "clause"


def _named_as(cue_token: Token, objects: list[Token]) -> bool:
    """'a group called X', 'what he called tribalism': a name or the reporter's phrase, no claim."""
    if cue_token.dep_ == "acl" and cue_token.tag_ == "VBN":
        return True
    return any(t.tag_ in ("WP", "WDT") or (t.lower_ == "that" and t.dep_ == "dobj")
               for o in objects for t in (o, o.left_edge))


def _small_clause_predicate(cue_token: Token, objects: list[Token]) -> list[Token] | None:
    """What makes an object a proposition: 'called the charges unsubstantiated', 'called climate
    change a hoax', 'described the plan as a gamble', 'accused the company of hiding losses'.
    None when the object stands alone ("criticised the plan"), which is no quote."""
    if any(o.dep_ == "oprd" for o in objects) or sum(o.dep_ == "dobj" for o in objects) >= 2:
        return []
    first = min(o.i for o in objects)
    for child in [*cue_token.children, *(c for o in objects for c in o.children)]:
        if child.dep_ != "prep" or child.i < first:
            continue
        if child.lower_ == "as" and child.head.i == cue_token.i and list(child.children):
            return [child]
        if child.lower_ in ("of", "for") and _holds_gerund(child):
            return [child]
    return None


def _holds_gerund(prep: Token) -> bool:
    """'of lying to inspectors', 'for being dishonest': a deed, not a thing ('for the plan')."""
    return any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)


def _is_to_clause(token: Token) -> bool:
    """An xcomp that is a verb phrase with its own 'to' ("to abandon the plan"), not a predicate."""
    return token.pos_ in CUE_POS and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _gerund_clauses(cue_token: Token, kids: list[Token]) -> list[Token]:
    """'said legalizing it could create jobs': the parser hangs the clause on its gerund subject,
    made an xcomp of the cue; a verb after a cue of saying without 'to' opens what was said."""
    return [c for c in kids if c.dep_ == "xcomp" and c.i == cue_token.i + 1 and c.tag_ == "VBG"
            and any(g.dep_ == "ccomp" for g in c.children)]


def _misattached_clauses(kids: list[Token]) -> list[Token]:
    """A that-clause the parser hung on a prepositional object: 'said in a statement that …', or
    on the hearer: 'told a gathering of farm leaders that the drought would …' (a relative
    clause is opened by 'that' as its subject or object, never as a mark)."""
    found = []
    for kid in kids:
        if kid.dep_ not in ("prep", "dobj", "dative"):
            continue
        for noun in _nouns_under(kid):
            found += [g for g in noun.children if g.dep_ in ("acl", "relcl") and g.i > noun.i
                      and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    return found


def _nouns_under(kid: Token) -> list[Token]:
    """The object and the prepositional objects below it ('a gathering of farm leaders')."""
    nouns, todo = [], [kid]
    while todo:
        token = todo.pop()
        if token.dep_ in ("dobj", "dative", "pobj"):
            nouns.append(token)
        todo += [c for c in token.children if c.dep_ in ("prep", "pobj")]
    return nouns


FINITE_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _unmarked_clauses(cue_token: Token, kids: list[Token]) -> list[Token]:
    """'said after the vote she would not stand …', 'tweeted in the early hours that X was
    …': a finite clause with its own subject that the parser made an adverbial clause of the cue
    because something stood between them. No subordinator but 'that' opens it: 'said as he left',
    'said if elected …', 'said when asked' are settings, not what was said."""
    found = []
    for clause in kids:
        if clause.dep_ != "advcl" or clause.i < cue_token.i or not _is_finite(clause):
            continue
        subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
        if subjects and not any(s.tag_ in ("WDT", "WP") for s in subjects) and not any(
                (c.dep_ == "mark" and c.lower_ != "that") or c.tag_ == "WRB" for c in clause.children):
            found.append(clause)
    return found[:1]


QUESTION_OPENERS = frozenset({"if", "whether"})


def _reported_questions(cue_token: Token, kids: list[Token]) -> list[Token]:
    """'asked the players if they had ever felt so tired': the parser makes the question an
    adverbial clause, as it would a condition."""
    return [c for c in kids if c.dep_ == "advcl" and c.i > cue_token.i
            and c.left_edge.lower_ in QUESTION_OPENERS and c.left_edge.dep_ == "mark"][:1]


def _clause_objects(cue_token: Token, kids: list[Token]) -> list[Token]:
    """'agreed that the central bank has limited power to …': a clause the parser read as a noun
    phrase object (its verb an adjective of the noun); the object opens with the clause's 'that'."""
    return [c for c in kids if c.dep_ == "dobj" and c.i > cue_token.i
            and c.left_edge.lower_ in ("that", "whether") and c.left_edge.dep_ == "mark"][:1]


def _reported_clause_start(children: list[Token]) -> int:
    """Where a clause read from an adverbial one begins: at its 'that' or its subject, not at the
    setting the parser gave it ('said after the vote she would …' reports 'she would …')."""
    if len(children) != 1 or children[0].dep_ != "advcl":
        return 0
    clause = children[0]
    opener = next((c for c in clause.children if c.lower_ in ("that", *QUESTION_OPENERS) and c.i < clause.i),
                  None) or next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    return opener.left_edge.idx if opener is not None else 0


def _is_finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_CLAUSE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_CLAUSE_TAGS for c in verb.children)


def cue_extent(cue_token: Token, cue: Cue) -> ParseSpan:
    """The cue's characters: the verb plus the particle that belongs to the cue ("point out")."""
    end = cue_token.idx + len(cue_token)
    for child in cue_token.children:
        if child.dep_ in ("prt", "prep") and child.i == cue_token.i + 1 and \
                (child.dep_ == "prt" or child.lower_ == cue.particle):
            end = child.idx + len(child)
    return cue_token.idx, end


def clause_extent(cue_token: Token, subject: Token | None, content: list[Token]) -> ParseSpan:
    """The attribution clause: subject, cue and the cue's other dependents, without the content."""
    sent, doc = cue_token.sent, cue_token.doc
    # The content's subtrees and the conjuncts' ('…," he said, "and …"': the second piece) are
    # left out by pruning the walk, not by filtering whole subtrees: linear on a deep parse.
    conjuncts = [c.i for c in cue_token.children if c.dep_ in ("conj", "cc")]
    pruned = [c.i for c in content] + conjuncts
    bounds = [subtree_bounds(cue_token, pruned, sent.start, sent.end, lambda i: doc[i].dep_ != "punct")]
    if subject is not None and sent.start <= subject.i < sent.end:
        bounds.append(subtree_bounds(subject, (), sent.start, sent.end, lambda i: True))
    first = min(b[0] for b in bounds if b is not None)
    last = doc[max(b[1] for b in bounds if b is not None)]
    return doc[first].idx, last.idx + len(last)


COPULAS = frozenset({"be", "remain", "stay", "seem", "appear", "feel", "sound", "become", "grow"})
"""Verbs that link a subject to its state of mind: 'remain confident', not 'make sure that'."""
DEGREE_WORDS = frozenset({"so", "enough", "too"})
"""'concerned enough that …', 'so sure that …': the clause is a result, not what is believed."""


def is_predicative_adjective(token: Token) -> bool:
    """'remain confident', 'were hopeful': an adjective after a copula, which can hold a clause."""
    return token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.lemma_.lower() in COPULAS \
        and not any(c.lower_ in DEGREE_WORDS for c in token.children)


def attribution_for(text: str, token: Token, lexicon: CueLexicon) -> Attribution | None:
    """The attribution a cue token makes, or None when it is no cue or has no content and no source."""
    adjective = is_predicative_adjective(token)
    if token.pos_ not in CUE_POS and not adjective:
        return None
    cue = match_cue(token, lexicon)
    if cue is None:
        return None
    subject = subject_of(token)
    if subject is not None and subject.lower_ in ("it", "there") and token.dep_ != "conj" \
            and any(c.dep_ in ("expl",) for c in token.children):
        return None
    children, frame = content_children(token, cue)
    clause = clause_extent(token, subject, children)
    content = _content_span(text, token, children, clause)
    if content is not None and content[0] <= clause[0] < content[1] < clause[1]:
        clause = trim(text, content[1], clause[1])  # fronted content: the clause follows it
    if adjective and (subject is None or subject.lower_ in ("it", "there")):
        return None  # "it is certain that …": no one holds the belief
    if content is None and (subject is None or adjective):
        return None  # "she was confident." names no content, and is no source of quotes beside it
    return Attribution(
        cue=token,
        cue_span=cue_extent(token, cue),
        content=content,
        subject=subject,
        source_span=source_span(text, subject, token) if subject is not None else None,
        clause=clause,
        frame=frame if children else "host",
        mode=cue.mode,
    )


def _content_span(text: str, token: Token, children: list[Token], clause: ParseSpan) -> ParseSpan | None:
    if token.dep_ == "parataxis" and not children:
        # "Moscow will respond, he added": the content is the host clause around the attribution
        return _host_content(text, token.head, clause)
    if token.dep_ == "ROOT" and not children:
        return _fronted_content(text, token)
    if token.dep_ == "advcl" and not children and _is_as_clause(token):
        # "As Comey noted, people involved could still face sanctions": the clause it hangs on
        return _host_content(text, token.head, clause, lead_words=1)
    if not children:
        return None
    if len(children) == 1 and children[0].tag_ in ("WDT", "WP") and not list(children[0].children):
        return None  # "…, which investigators blamed": a bare relative pronoun holds no content
    start, end = clip_to_paragraph(text, token_range(children), token.idx)
    start = max(start, _reported_clause_start(children))
    end = min(end, _aside_start(children, end))
    semicolon = text.find(";", start, end)
    if semicolon > start:  # "…was not intentional; they learned on Friday": the reporter's clause
        end = semicolon
    span = trim(text, start, end, keep="\"“”'’«»")
    return span if span[1] > span[0] else None


MIN_FRONTED_WORDS = 4
"""At least this many words before ', he said.' make a statement, not an opener ('Again, he said');
set by hand from polnear_train misses."""


CLOSING_DEPS = frozenset({"dobj", "ccomp", "xcomp", "conj", "advcl", "attr", "oprd", "dative"})
"""A cue with one of these after it goes on past the subject ('…, Clinton mentioned the remarks'):
what stands before the comma is a setting, not the content."""
ADVERBIAL_OPENERS = frozenset({"ADP", "SCONJ", "ADV"})
"""A sentence opening with a preposition, subordinator or adverb ('At the debate, …', 'When …,',
'However, …') fronts a setting; these made most of the new false quotes on polnear_dev."""


def _opens_adverbially(sent: Span) -> bool:
    """Whether the sentence opens with a setting rather than a statement."""
    words = [t for t in sent if not t.is_punct and t.pos_ != "CCONJ"]
    return not words or words[0].pos_ in ADVERBIAL_OPENERS or words[0].tag_ in ("WRB", "VBG", "IN")


def _fronted_content(text: str, token: Token) -> ParseSpan | None:
    """'Those who borrow heavily struggle, he said.': when the parse scatters the fronted content
    into pieces of the cue's sentence, the content is everything before the comma that opens the
    attribution clause (the cue's subject)."""
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
    sent = token.sent
    if subject is None or subject.left_edge.i <= sent.start:
        return None
    comma = token.doc[subject.left_edge.i - 1]
    before = text[sent.start_char:comma.idx]
    if comma.text != "," or len(before.split()) < MIN_FRONTED_WORDS or _opens_adverbially(sent) \
            or any(c.dep_ in CLOSING_DEPS and c.i > token.i for c in token.children):
        return None
    start, end = clip_to_paragraph(text, (sent.start_char, comma.idx), token.idx)
    span = trim(text, start, end, keep="\"“”'’«»")
    return span if span[1] > span[0] else None


def _aside_start(children: list[Token], end: int) -> int:
    """Where a reporter's aside closing the content begins: a comma before an apposition (", the
    presumed favourite") or a participle clause (", forcing them to …") that runs to the content's
    end. Non-restrictive relative clauses (", which …") are kept: on polnear_dev cutting them lost
    8 quotes at 0.8 overlap for 5 gained, where appositions gained 4 for 1 lost."""
    for tok in sorted((t for c in children for t in c.subtree), key=lambda t: t.i):
        if not _is_aside(tok) or tok.i == 0:
            continue
        comma = tok.doc[tok.left_edge.i - 1]
        right = tok.right_edge
        if comma.text == "," and right.idx + len(right) >= end - 1 and comma.idx > children[0].left_edge.idx:
            return comma.idx
    return end


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def conjoined_cue(verb: Token) -> Token | None:
    """The cue whose second verb phrase ``verb`` is, when the parser hung it inside the content:
    'said that she had released her returns and called on him to …' ('called' a conjunct of
    'released'), 'said the fire was an accident and added that …' ('added' a second clause of
    'said'). It has no subject of its own and the cue's tense; in the content verb's tense too,
    only a verb of saying is plainly the source's. Its source is the cue's; the content is left
    as the parse has it, as PolNeAR's annotators mostly take the second verb phrase in (cutting
    it there: polnear_train 33 quotes won at 0.8 overlap, 37 lost)."""
    if verb.pos_ != "VERB" or any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children):
        return None
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp":
        content, cue = verb.head, verb.head.head
    elif verb.dep_ == "ccomp" and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].dep_ == "cc":
        content, cue = verb.head, verb.head  # a second clause of the cue itself, after "and"
    else:
        return None
    if cue.tag_ not in FINITE_TAGS or verb.tag_ != cue.tag_:
        return None
    saying = match_cue(verb, load_cues()) is not None
    return cue if saying or (content is not cue and verb.tag_ != content.tag_) else None


def _is_aside(token: Token) -> bool:
    if token.dep_ in ("advcl", "acl"):
        return token.tag_ == "VBG" and token.left_edge.i == token.i
    # an "apposition" holding a conjunction is a list the parser split ("fairness, the closure
    # of loopholes and relief")
    return token.dep_ == "appos" and not any(t.dep_ == "cc" for t in token.subtree)


def according_attribution(text: str, token: Token) -> Attribution | None:
    """'according to X': the source is X, the content the clause the phrase hangs on."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    source = trim(text, *token_range([pobj]))
    head = token.head
    phrase = token_range([token])
    content = _host_content(text, head, phrase)
    return Attribution(cue=token, cue_span=(token.idx, to.idx + len(to)), content=content,
                       subject=pobj, source_span=source, clause=phrase, according=True, frame="host")


AS_CLAUSE_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "acomp", "ccomp", "xcomp"})
"""An 'as' clause whose cue has an object is a time or manner clause ('as the crowd shouted
slogans'), not a source for the clause it hangs on."""


def _is_as_clause(token: Token) -> bool:
    """'as X noted', 'as the paper reported': a cue with a subject under a bare 'as' (not 'as soon
    as', 'as long as', whose first 'as' is the cue's modifier)."""
    marks = [c for c in token.children if c.dep_ == "mark"]
    return len(marks) == 1 and marks[0].lower_ == "as" and marks[0].i == token.left_edge.i \
        and any(c.dep_ in SUBJECT_DEPS for c in token.children) \
        and not any(c.dep_ in AS_CLAUSE_OBJECTS for c in token.children)


def _host_content(text: str, head: Token, phrase: ParseSpan, lead_words: int = 0) -> ParseSpan | None:
    """The clause an attribution phrase hangs on, without the phrase when it stands at an edge
    (after at most ``lead_words`` words: "But as Clyburn noted, …")."""
    sent = head.sent
    start, end = token_range([head]) if head is not sent.root else (sent.start_char, sent.end_char)
    start, end = clip_to_paragraph(text, (start, end), head.idx)
    if phrase[0] <= start + 1 or (start < phrase[0] and len(text[start:phrase[0]].split()) <= lead_words):
        start = max(start, phrase[1])
    elif phrase[1] >= end - 2:
        end = min(end, phrase[0])
    span = trim(text, start, end, keep="\"“”'’«»")
    return _without_opening_conjunction(head.doc, span) if span[1] > span[0] else None


def _without_opening_conjunction(doc: Doc, span: ParseSpan) -> ParseSpan:
    """'But fares will rise, as X warned': the 'But' links the reporter's sentences, it is not
    part of what X said."""
    first = doc.char_span(span[0], span[1], alignment_mode="expand")
    if first is None or len(first) < 3 or first[0].pos_ != "CCONJ":
        return span
    return first[1].idx, span[1]


def candidate_tokens(doc: Doc, lexicon: CueLexicon) -> list[Token]:
    """Tokens whose lemma is a cue or that read 'according': found on the token arrays, not by
    walking Token objects, to keep the stage at a few ms per article."""
    strings = doc.vocab.strings
    wanted = {strings.add(lemma) for lemma in lexicon.by_lemma} | {strings.add("according")} \
        | {strings.add(form) for form in lexicon.forms}
    lemmas = doc.to_array([LEMMA, LOWER])
    return [doc[i] for i, (lemma, lower) in enumerate(lemmas.tolist()) if lemma in wanted or lower in wanted]


def find_attributions(doc: Doc, text: str, lexicon: CueLexicon) -> Iterator[Attribution]:
    """Every attribution the parse of ``text`` shows, in text order."""
    for token in candidate_tokens(doc, lexicon):
        found = attribution_for(text, token, lexicon) or according_attribution(text, token)
        if found is not None:
            yield found
