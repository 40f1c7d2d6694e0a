"""Direct quotes from quote marks: every style, nesting, paragraph runs and unbalanced marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
OPENERS = DOUBLE_OPEN | SINGLE_OPEN | {'"', "'"}
MARK_RE = re.compile("\n|''|[\"'“”„«»‘’‹›]")
OPEN_CONTEXT = frozenset(" \t\n([{—–-/:")
"""Characters after which a straight quote mark opens a quotation rather than closes one."""


@dataclass(frozen=True, slots=True)
class QuoteMarkSpan:
    """An outermost quotation between quote marks: ``[start, end)`` includes the marks."""

    start: int
    end: int
    single: bool = False
    closed: bool = True
    continued: bool = False
    """Opens a paragraph that carries on the previous paragraph's unclosed quotation."""

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted text without its marks (an unclosed quote has no closing mark)."""
        return self.start + 1, self.end - 1 if self.closed else self.end


@dataclass(slots=True)
class _Open:
    pos: int
    single: bool
    straight: bool
    continued: bool = False


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _mark_kind(text: str, i: int) -> tuple[str, int] | None:
    """Classify the mark at ``i``: ('open'|'close'|'toggle', family) with 2 = double, 1 = single."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in DOUBLE_OPEN:
        return "open", 2
    if ch in DOUBLE_CLOSE:
        return "close", 2
    if ch == '"':
        return "toggle", 2
    if ch in SINGLE_OPEN:
        return "open", 1
    if ch in SINGLE_CLOSE or ch == "'":
        if _is_letter(prev) and _is_letter(nxt):
            return None  # an apostrophe inside a word: don't, Russia’s
        if ch == "'" and (prev in OPEN_CONTEXT or prev in DOUBLE_OPEN or prev == '"') and not nxt.isspace():
            return "open", 1
        return "close", 1
    return None


class _Scanner:
    """Walks the text once, keeping a stack of open marks, and collects outermost quotations."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Open] = []
        self.spans: list[QuoteMarkSpan] = []

    def scan(self) -> list[QuoteMarkSpan]:
        text = self.text
        resume = 0
        for found in MARK_RE.finditer(text):
            i = found.start()
            if i < resume:
                continue  # inside a stretch a paragraph break already consumed
            ch = found.group()
            if ch == "\n":
                resume = self._paragraph_break(i)
            elif ch == "''":
                self._mark(i, "toggle", 2, width=2)  # ''doubled single quotes'' stand for double quotes
            else:
                kind = _mark_kind(text, i)
                if kind is not None:
                    self._mark(i, kind[0], kind[1])
        self._close_all(len(text))
        return self.spans

    def _mark(self, i: int, kind: str, family: int, width: int = 1) -> None:
        single = family == 1
        straight = self.text[i] in "\"'"
        if kind == "toggle":
            kind = self._toggle_direction(i, width)
        elif not single and not straight:
            kind = self._typed_direction(i, kind)
        if kind == "open":
            depth = self._find_open(single)
            if straight and not single and depth is not None and self.stack[depth].straight:
                self._close_to(depth, self._trim_end(i), closed=False)  # the last one never closed
            self.stack.append(_Open(i, single, straight))
            return
        depth = self._find_open(single)
        if depth is not None:
            self._close_to(depth, i + width)

    def _toggle_direction(self, i: int, width: int) -> str:
        """A straight double mark closes an open double quote unless it is shaped as an opener."""
        prev = self.text[i - 1] if i > 0 else " "
        nxt = self.text[i + width] if i + width < len(self.text) else " "
        if self._find_open(False) is None:
            return "open"
        opener_shape = prev in OPEN_CONTEXT and not nxt.isspace() and nxt not in ".,;:!?"
        return "open" if opener_shape else "close"

    def _typed_direction(self, i: int, kind: str) -> str:
        """A curly double mark typed the wrong way round goes by its place: '“rapists“ while' closes
        the open quote, '. ”Sorry, …' opens one when none is open (German „…“ closes the same way)."""
        prev = self.text[i - 1] if i > 0 else " "
        nxt = self.text[i + 1] if i + 1 < len(self.text) else " "
        is_open = self._find_open(False) is not None
        if kind == "open" and is_open and not prev.isspace() and prev not in OPEN_CONTEXT \
                and (nxt.isspace() or nxt in ".,;:!?)"):
            return "close"
        if kind == "close" and not is_open and prev in OPEN_CONTEXT and not nxt.isspace():
            return "open"
        return kind

    def _find_open(self, single: bool) -> int | None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].single == single:
                return depth
        return None

    def _close_to(self, depth: int, end: int, closed: bool = True) -> None:
        opened = self.stack[depth]
        del self.stack[depth:]
        if not self.stack:
            self.spans.append(QuoteMarkSpan(opened.pos, end, opened.single, closed, opened.continued))

    def _paragraph_break(self, i: int) -> int:
        """At a newline, an open double quote runs on only if the next paragraph opens with a mark.
        Each paragraph of a running quotation is a span of its own, the later ones ``continued``:
        a paragraph may carry its own attribution ('"…," he continued.'), which makes it a quote of
        its own; the assembly joins the paragraphs that have none."""
        j = i
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        doubles = [d for d, o in enumerate(self.stack) if not o.single]
        if not doubles:
            self.stack.clear()  # stray single marks were apostrophes
            return j
        nxt = self.text[j] if j < len(self.text) else ""
        if nxt in DOUBLE_OPEN or nxt == '"' or self.text.startswith("''", j):
            self._close_to(doubles[0], self._trim_end(i), closed=False)
            self.stack = [_Open(j, single=False, straight=nxt in "\"'", continued=True)]
            return j + (2 if self.text.startswith("''", j) else 1)  # the reopening mark is consumed
        self._close_to(doubles[0], self._trim_end(i), closed=False)
        self.stack.clear()
        return j

    def _trim_end(self, i: int) -> int:
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        return i

    def _close_all(self, n: int) -> None:
        doubles = [d for d, o in enumerate(self.stack) if not o.single]
        if doubles:
            self._close_to(doubles[0], self._trim_end(n), closed=False)
        self.stack.clear()


def find_quote_marks(text: str) -> list[QuoteMarkSpan]:
    """Outermost quotations in ``text``, in order. Never raises on unbalanced marks:
    an unclosed double quote ends at its paragraph's end (or runs on into a next paragraph
    that opens with a quote mark); unclosed single marks are taken for apostrophes."""
    spans = _Scanner(text).scan()
    return [s for s in spans if s.end - s.start > 2]
