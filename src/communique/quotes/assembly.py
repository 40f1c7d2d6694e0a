"""Assembles quotes: parse attributions joined with quote marks, split and running quotes, speakers."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from communique.article import Article, Entity, Quote
from communique.quotes.attribution import Attribution, find_attributions
from communique.quotes.channels import Channel, as_outlet, find_channel, load_channels
from communique.quotes.colon import LineSpeech, find_line_speech, is_one_word_label, names_speaker
from communique.quotes.cues import load_cues
from communique.quotes.hearsay import find_hearsay
from communique.quotes.marks import QuoteMarkSpan, find_quote_marks
from communique.quotes.modes import SPEECH, WRITING, quote_mode, written_media

DIRECT_SHARE = 0.6
"""A content clause at least this much inside quote marks is a direct quote; less is mixed.
Set by hand, checked on the first 300 articles of quotes/polnear_train."""
REPORTING_OPENERS = frozenset({"that", "whether", "if"})
"""Words that open a reported clause: content starting with one outside the marks is not direct."""
GLUE_BEFORE = " \xa0,;:—–-\n\t"
GLUE_AFTER = " \xa0,;:.—–-\n\t"
"""What may stand between a quotation and its attribution clause: '“…,” he said. “…”'."""
MAX_SPLIT_WORDS = 12
"""At most this many words between the two halves of a split quote: a speaker with a title and a
cue with a day ("Tulsa police Chief Chuck Jordan said Monday."). Set by hand from polnear_dev."""
MAX_SPLIT_SENTENCE_WORDS = 40
"""A longer attribution still splits one quote when it is the cue's own sentence ('"…," Maria Lopez,
a spokeswoman for the union, said in an interview on Sunday in Sacramento, Calif. "…"'); a
reporter's sentence of its own between the halves is a change of topic, not an interruption.
Set by hand from polnear_train (8 quotes won at 0.8 overlap, 3 lost; none on polnear_dev)."""
MIN_LONE_WORDS = 5
"""An unattributed quotation shorter than this is a title or scare quote, not speech
(chosen by hand from reading PolNeAR train output; not swept)."""


@dataclass(slots=True)
class Draft:
    """A quote being assembled: its attribution (None for a lone quotation) and marks."""

    span: tuple[int, int]
    kind: str
    attribution: Attribution | None
    marks: list[int] = field(default_factory=list)
    speaker: Entity | None = None
    speaker_span: tuple[int, int] | None = None
    channel: Channel | None = None
    cue_span: tuple[int, int] | None = None  # set for a "Name: ..." line, which has no attribution
    mode: str | None = None  # set for a "Name: ..." line: writing under "Poll:", "Report:"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _union(span: tuple[int, int], mark: QuoteMarkSpan) -> tuple[int, int]:
    return min(span[0], mark.start), max(span[1], mark.end)


def _is_quote(draft: Draft) -> bool:
    """Whether a draft is output: a direct draft without quotation marks is an attribution clause
    kept only for the quotations that may be glued to it."""
    return draft.kind != "direct" or bool(draft.marks) or draft.cue_span is not None


def _glued(text: str, start: int, end: int, glue: str) -> bool:
    return start <= end and not text[start:end].strip(glue)


class QuoteAssembler:
    """Builds the quotes of one parsed article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.marks = find_quote_marks(article.text)
        self.mark_starts = [m.start for m in self.marks]
        self.mark_ends = [m.end for m in self.marks]
        self.claimed: set[int] = set()
        self.drafts: list[Draft] = []

    def assemble(self) -> list[Quote]:
        """Every quote of the article, in text order, with ids Q1, Q2, …"""
        attributions = self._attributions()
        for attribution in attributions:
            self._draft_from_content(attribution)
        for draft in self.drafts:
            self._attach_adjacent(draft)
        self._continue_paragraphs()
        self._line_speech()
        self._lone_quotes()
        self._join_paragraph_runs()
        self._join_split_quotes()
        return self._finish()

    def _attributions(self) -> list[Attribution]:
        found = list(find_attributions(self.article.doc, self.text, load_cues()))
        found += find_hearsay(self.article.doc, self.text)
        cues = {a.cue.i for a in found if not a.according}
        lexicon = load_channels()
        kept = []
        for a in found:
            if a.according and a.cue.head.i in cues and \
                    as_outlet(a.subject, lexicon, self._entity_kind) is not None:
                continue  # "X said, according to Sputnik": a channel, not another source
            kept.append(a)
        return kept

    def _entity_kind(self, start: int, end: int) -> str | None:
        entity = self.article.entity_at(start, end)
        return entity.kind if entity is not None else None

    # The marks are outermost quotations, so they are sorted and never overlap: their starts and
    # ends are both ascending, and the lookups below bisect instead of scanning every mark for
    # every cue (quadratic on a text of thousands of quotation marks, issue 14).

    def _marks_in(self, span: tuple[int, int]) -> list[int]:
        first = bisect.bisect_right(self.mark_ends, span[0])
        last = bisect.bisect_left(self.mark_starts, span[1])
        return [i for i in range(first, last) if _overlap(span, (self.marks[i].start, self.marks[i].end)) > 0]

    def _inside_mark(self, char: int) -> bool:
        i = bisect.bisect_left(self.mark_starts, char) - 1
        return i >= 0 and char < self.marks[i].end

    def _draft_from_content(self, attribution: Attribution) -> None:
        content = attribution.content
        if self._inside_mark(attribution.cue.idx):
            return  # "I think …" inside a quotation is the quoted speaker's, not a source of it
        if content is None:
            if attribution.mode != "perception":  # "she didn't need to hear more. “…”" is no source
                self.drafts.append(Draft(attribution.clause, "direct", attribution))
            return
        inside = self._marks_in(content)
        covered = sum(_overlap(content, (self.marks[i].start, self.marks[i].end)) for i in inside)
        span, kind = content, "indirect"
        if inside and covered >= DIRECT_SHARE * (content[1] - content[0]) and \
                not self._opens_reported_clause(content, inside):
            kind = "direct"
            for i in inside:
                span = _union(span, self.marks[i])
        elif inside:
            kind = "mixed"
            # a quotation that opens inside the clause ends with it: '… would "raise tension."'
            ends = [self.marks[i].end for i in inside if self.marks[i].start >= content[0]]
            span = (content[0], max([content[1], *ends]))
        if attribution.frame == "object" and kind != "direct":
            # "criticised the plan", "welcomed the agreement": a noun phrase is no proposition;
            # only words quoted as the object ('tweeted "…"') are. Quotations beside the clause
            # may still be this source's ('"…," he said of the plan').
            self.drafts.append(Draft(attribution.clause, "direct", attribution))
            return
        self.claimed.update(inside)
        self.drafts.append(Draft(span, kind, attribution, marks=inside))

    def _opens_reported_clause(self, content: tuple[int, int], inside: list[int]) -> bool:
        """'that the patrols would "raise tension …"': words the reporter wrote before the quotation
        (a complementiser, a subject) make the quote mixed however much of it is quoted."""
        words = self.text[content[0]:self.marks[inside[0]].start].split()
        return bool(words) and words[0].lower() in REPORTING_OPENERS

    def _attach_adjacent(self, draft: Draft) -> None:
        """Quotations right before or after the attribution clause belong to it (split quotes)."""
        if draft.kind != "direct" or draft.attribution is None:
            return
        clause = draft.attribution.clause
        # Only the nearest mark on each side can be glued: any farther one has the nearer one's
        # quotation mark, which is no glue, between it and the clause. Two more may straddle the
        # clause's edges when the parse took quoted words into it (``_opens_clause``,
        # ``_closes_clause``): the last mark starting at or before its start, and before its end.
        nearest = (bisect.bisect_right(self.mark_ends, clause[0]) - 1,
                   bisect.bisect_right(self.mark_starts, clause[0]) - 1,
                   bisect.bisect_left(self.mark_starts, clause[1]) - 1,
                   bisect.bisect_left(self.mark_starts, clause[1]))
        for i in sorted({i for i in nearest if 0 <= i < len(self.marks)}):
            if i in self.claimed:
                continue
            mark = self.marks[i]
            before = mark.end <= clause[0] and _glued(self.text, mark.end, clause[0], GLUE_BEFORE) \
                and "\n" not in self.text[mark.end:clause[0]]
            after = mark.start >= clause[1] and _glued(self.text, clause[1], mark.start, GLUE_AFTER) \
                and not self._new_paragraph(clause, mark)
            if before or after or self._opens_clause(mark, draft.attribution) or \
                    self._closes_clause(mark, draft.attribution):
                self._claim(draft, i)

    def _new_paragraph(self, clause: tuple[int, int], mark: QuoteMarkSpan) -> bool:
        """'He added, "…"' then a paragraph opening with a quotation: the parse may end the clause
        past the paragraph break, but the next paragraph's quotation is no half of this one (it
        may carry its own attribution; one without is joined later as a running quote). A clause
        ending in a colon ('The governor added:') introduces the next paragraph's quotation."""
        last = self._text_end(clause[1])
        return "\n" in self.text[last:mark.start] and self.text[last - 1:last] != ":"

    def _opens_clause(self, mark: QuoteMarkSpan, attribution: Attribution) -> bool:
        """'"Safety," said Joan Grimm': a short quotation the parser hung on the cue opens the
        attribution clause; it is the quote when only glue stands between it and the cue, or when
        it ends as a statement ('"Like Boston. Or Denver," Smith said': the parse took its last
        sentence into the clause), not as a name ('"Fox and Friends" host Steve said'); never from
        the paragraph before (a parse may run a sentence over the break)."""
        clause, cue = attribution.clause, attribution.cue_span
        return mark.start <= clause[0] < mark.end <= cue[0] and "\n" not in self.text[mark.end:cue[0]] \
            and (_glued(self.text, mark.end, cue[0], GLUE_BEFORE) or self._ends_statement(mark))

    def _closes_clause(self, mark: QuoteMarkSpan, attribution: Attribution) -> bool:
        """'"…," Bond said, "own your magic."': the parse took the second half's words into the
        clause; a quotation opening after the cue and running past the clause's end is the quote."""
        cue = attribution.cue_span
        end = self._text_end(attribution.clause[1])
        return cue[1] <= mark.start < end <= mark.end

    def _text_end(self, end: int) -> int:
        """``end`` moved back over the whitespace before it: a clause the parse ran past a paragraph
        break ends at the break (walked back, not sliced: this runs for every quote of a text)."""
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return end

    def _ends_statement(self, mark: QuoteMarkSpan) -> bool:
        """Whether a quotation closes with the punctuation of quoted speech: ',"' '."' '?"' or '",'."""
        inner = self.text[mark.inner[0]:mark.inner[1]].rstrip()
        return inner[-1:] in (",", ".", "?", "!") or self.text[mark.end:mark.end + 1] == ","

    def _claim(self, draft: Draft, i: int) -> None:
        mark = self.marks[i]
        draft.span = (mark.start, mark.end) if not draft.marks else _union(draft.span, mark)
        draft.marks.append(i)
        self.claimed.add(i)

    def _continue_paragraphs(self) -> None:
        """A quotation opening a paragraph right after a direct quote continues it."""
        ordered = sorted((d for d in self.drafts if d.kind == "direct" and d.marks), key=lambda d: d.span)
        for draft in ordered:
            while True:
                end = max(draft.span[1], draft.attribution.clause[1] if draft.attribution else 0)
                end = self._text_end(end)
                nxt = bisect.bisect_left(self.mark_starts, end)
                if nxt == len(self.marks) or nxt in self.claimed:
                    break
                mark = self.marks[nxt]
                gap = self.text[end:mark.start]
                if "\n" not in gap or not _glued(self.text, end, mark.start, GLUE_AFTER):
                    break
                self._claim(draft, nxt)

    def _line_speech(self) -> None:
        """ "Pence: Flowers won't be at the debate", "WALLACE: Let's start ...": a line of speech
        under a name, unless a quote found from the parse already covers it."""
        for line in find_line_speech(self.text):
            if not self._labels_speaker(line):
                continue  # "US-CHINA TRADE: …", "Stealth Over Health: …": a heading, not speech
            content = line.content
            if any(_overlap(content, d.span) * 2 > content[1] - content[0]
                   for d in self.drafts if _is_quote(d)):
                continue  # a clause with no content ("I support …" read as a cue) is no quote
            inside = [i for i in self._marks_in(content) if i not in self.claimed]
            self.claimed.update(inside)
            speaker = self.article.entity_at(*line.name)
            label = self.text[line.name[0]:line.name[1]].lower()
            self.drafts.append(Draft(content, "direct", None, marks=inside, speaker=speaker,
                                     speaker_span=line.name, cue_span=line.cue,
                                     mode=WRITING if label in written_media() else SPEECH))

    def _labels_speaker(self, line: LineSpeech) -> bool:
        if is_one_word_label(self.text[line.name[0]:line.name[1]]):
            return True
        entity = self.article.entity_at(*line.name)
        return entity is not None and names_speaker(line.name, entity.mentions, entity.kind)

    def _lone_quotes(self) -> None:
        """Speech-like quotations nobody was found to say: kept, with the last speaker."""
        for i, mark in enumerate(self.marks):
            if i in self.claimed or mark.single:
                continue
            inner = self.text[mark.start:mark.end]
            if len(inner.split()) < MIN_LONE_WORDS:
                continue
            self.drafts.append(Draft((mark.start, mark.end), "direct", None, marks=[i]))
            self.claimed.add(i)

    def _join_paragraph_runs(self) -> None:
        """A quotation running over paragraphs is one quote unless each paragraph has its own
        attribution ('"…," Rubio said. "…' then '"…," he continued.'): a paragraph nobody was
        found to say, or too short to stand alone, joins the attributed paragraph beside it."""
        owner = {i: d for d in self.drafts if d.kind == "direct" for i in d.marks}
        dropped: set[int] = set()
        for i in range(1, len(self.marks)):
            if not self.marks[i].continued or not _glued(self.text, self.marks[i - 1].end,
                                                         self.marks[i].start, " \n\t"):
                continue
            first, second = owner.get(i - 1), owner.get(i)
            if first is second or (first is None and second is None):
                continue
            if first is None or second is None:
                draft, j = (first, i) if second is None else (second, i - 1)
                if j in self.claimed:
                    continue  # the other paragraph is inside an indirect or mixed quote
                self._claim(draft, j)
                owner[j] = draft
            elif self._is_lone(first) or self._is_lone(second):
                keep, lone = (second, first) if self._is_lone(first) else (first, second)
                keep.span = (min(keep.span[0], lone.span[0]), max(keep.span[1], lone.span[1]))
                keep.marks = sorted(keep.marks + lone.marks)
                owner.update((j, keep) for j in lone.marks)
                dropped.add(id(lone))
        self.drafts = [d for d in self.drafts if id(d) not in dropped]

    @staticmethod
    def _is_lone(draft: Draft) -> bool:
        return draft.attribution is None and draft.speaker_span is None

    def _join_split_quotes(self) -> None:
        """'"…," Mr. Obama said, "and …"': two quotations around one attribution are one quote,
        whichever of the two the parse gave the attribution to. One pass over neighbours."""
        ordered = sorted((d for d in self.drafts if d.kind == "direct" and d.marks), key=lambda d: d.span)
        joined: set[int] = set()
        previous: Draft | None = None
        for draft in ordered:
            if previous is not None and self._split_by_attribution(previous, draft):
                keep, lone = (previous, draft) if previous.attribution is not None else (draft, previous)
                keep.span = (previous.span[0], draft.span[1])
                keep.marks = sorted(previous.marks + draft.marks)
                joined.add(id(lone))
                previous = keep
                continue
            previous = draft
        self.drafts = [d for d in self.drafts if id(d) not in joined]

    def _split_by_attribution(self, first: Draft, second: Draft) -> bool:
        """The two quotations sit in one paragraph either side of the cue of exactly one of them,
        with only a short attribution between ("Tulsa police Chief Chuck Jordan said Monday.")."""
        attributed = [d for d in (first, second) if d.attribution is not None]
        lone = [d for d in (first, second) if d.attribution is None and d.speaker_span is None]
        if len(attributed) != 1 or len(lone) != 1 or first.span[1] > second.span[0]:
            return False
        attribution = attributed[0].attribution
        cue = attribution.cue_span
        gap = self.text[first.span[1]:second.span[0]]
        if not (first.span[1] <= cue[0] and cue[1] <= second.span[0] and "\n" not in gap):
            return False
        words = len(gap.split())
        return words <= MAX_SPLIT_WORDS or (words <= MAX_SPLIT_SENTENCE_WORDS
                                            and self._one_sentence(attribution, first, second))

    def _one_sentence(self, attribution: Attribution, first: Draft, second: Draft) -> bool:
        """Whether everything between the two halves belongs to the cue's sentence."""
        sent = attribution.cue.sent
        end = max(first.span[1], self._text_end(second.span[0]))
        return sent.start_char <= first.span[1] and end <= sent.end_char

    def _finish(self) -> list[Quote]:
        unique: dict[tuple[int, int], Draft] = {}
        for draft in sorted(self.drafts, key=lambda d: d.span):
            if _is_quote(draft):
                unique.setdefault(draft.span, draft)
        drafts = list(unique.values())
        for draft in drafts:
            if draft.attribution is not None:
                self._resolve(draft, draft.attribution)
        last: Draft | None = None
        for draft in drafts:
            if draft.attribution is None and draft.speaker_span is None:
                self._borrow_speaker(draft, self._neighbour(draft, drafts) or last)
            else:
                last = draft
        return [self._quote(draft, number) for number, draft in enumerate(drafts, 1)]

    def _neighbour(self, draft: Draft, drafts: list[Draft]) -> Draft | None:
        """For a lone quotation, the nearest attributed quote in the same paragraph."""
        if draft.attribution is not None:
            return None
        start = self.text.rfind("\n", 0, draft.span[0]) + 1
        end = self.text.find("\n", draft.span[1])
        end = len(self.text) if end < 0 else end
        near = [d for d in drafts if d.attribution is not None and start <= d.span[0] and d.span[1] <= end]
        return min(near, key=lambda d: abs(d.span[0] - draft.span[0]), default=None)

    @staticmethod
    def _borrow_speaker(draft: Draft, other: Draft | None) -> None:
        if other is not None:
            draft.speaker, draft.speaker_span = other.speaker, other.speaker_span

    def _resolve(self, draft: Draft, attribution: Attribution) -> None:
        draft.speaker_span = attribution.source_span
        if attribution.subject is not None:
            subject = attribution.subject
            head_end = subject.idx + len(subject)
            # Past the head only modifiers follow ("a spokesperson in Brussels"): they describe
            # the speaker, they do not name it, so the entity is looked up up to the head.
            draft.speaker = self.article.entity_at(subject.idx, head_end) or (
                self.article.entity_at(attribution.source_span[0], head_end)
                if attribution.source_span and attribution.source_span[0] < head_end else None)
        lexicon = load_channels()
        if attribution.according:
            draft.channel = as_outlet(attribution.subject, lexicon, self._entity_kind)
        else:
            draft.channel = find_channel(attribution.cue, lexicon, self._entity_kind)

    def _pieces(self, draft: Draft) -> list[tuple[int, int]]:
        """The quoted stretches of a quote: each quotation of a direct quote split by its
        attribution ('"…," he said, "…"'), else the one span."""
        if draft.kind != "direct" or len(draft.marks) < 2:
            return [draft.span]
        pieces: list[tuple[int, int]] = []
        for i in sorted(draft.marks):
            start, end = self.marks[i].start, self.marks[i].end
            # a paragraph carrying on the quotation is the same piece: nothing was said between
            runs_on = self.marks[i].continued and pieces and not self.text[pieces[-1][1]:start].strip()
            if pieces and (start <= pieces[-1][1] or runs_on):
                pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]))
            else:
                pieces.append((start, end))
        return pieces

    def _quote(self, draft: Draft, number: int) -> Quote:
        start, end = draft.span
        attribution = draft.attribution
        channel = draft.channel
        return Quote(
            id=f"Q{number}",
            span=(start, end),
            text=self.text[start:end],
            kind=draft.kind,
            speaker=draft.speaker.id if draft.speaker is not None else None,
            speaker_span=draft.speaker_span,
            cue_span=attribution.cue_span if attribution is not None else draft.cue_span,
            channel=channel.name if channel is not None else None,
            channel_span=channel.span if channel is not None else None,
            attribution=draft.mode or quote_mode(attribution, channel),
            pieces=self._pieces(draft),
        )


def extract_quotes(article: Article) -> list[Quote]:
    """The quotes of a parsed article (``article.doc`` set), speakers resolved through its entities."""
    return QuoteAssembler(article).assemble()
