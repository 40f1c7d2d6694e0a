"""Dependency-tree walks that stay linear and never recurse, however deep the parse.

spaCy's ``Token.subtree`` is a recursive generator and ``Token.children`` scans a token's whole
span, so on a degenerate parse (a chain 40,000 tokens deep, from "said said said …") one subtree
costs time quadratic in its depth and overflows the C stack: the run died with a segmentation
fault (issue 14). These walks use child lists built once per document from the heads array.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

SENTENCES_KEY = "communique_sentence_starts"
"""Where a document's sentence starts are kept in ``doc.user_data``."""

TREE_KEY = "communique_tree"
"""Where a document's tree index is kept in ``doc.user_data`` (the parse never leaves the pipeline)."""


@dataclass(frozen=True, slots=True)
class TreeIndex:
    """A parse's tree as plain lists: children, and each subtree's first and last index and size."""

    lefts: list[list[int]]
    rights: list[list[int]]
    first: list[int]
    last: list[int]
    size: list[int]

    def contiguous(self, i: int) -> bool:
        """True when the subtree of token ``i`` is exactly the tokens from its first to its last."""
        return self.size[i] == self.last[i] - self.first[i] + 1


def tree_index(doc: Doc) -> TreeIndex:
    """The tree index of ``doc``, built once per parse from its heads array."""
    cached = doc.user_data.get(TREE_KEY)
    if cached is not None and len(cached.size) == len(doc):
        return cached
    count = len(doc)
    heads = [token.head.i for token in doc]
    lefts: list[list[int]] = [[] for _ in range(count)]
    rights: list[list[int]] = [[] for _ in range(count)]
    for i, head in enumerate(heads):
        if head != i:
            (lefts if i < head else rights)[head].append(i)
    order = [i for i in range(count) if heads[i] == i]  # roots, then each level below: parents first
    for i in order:
        order.extend(lefts[i] + rights[i])
    first, last, size = list(range(count)), list(range(count)), [1] * count
    for i in reversed(order):  # children before parents
        head = heads[i]
        if head != i:
            first[head] = min(first[head], first[i])
            last[head] = max(last[head], last[i])
            size[head] += size[i]
    index = TreeIndex(lefts, rights, first, last, size)
    doc.user_data[TREE_KEY] = index
    return index


def subtree_indices(token: Token, prune: Iterable[int] = ()) -> list[int]:
    """Indices of ``token``'s subtree in the order ``Token.subtree`` gives them, leaving out the
    subtrees of the tokens in ``prune`` (``token`` itself is never pruned)."""
    tree = tree_index(token.doc)
    skip = set(prune) - {token.i}
    out: list[int] = []
    stack: list[tuple[int, bool]] = [(token.i, False)]
    while stack:
        index, expanded = stack.pop()
        if expanded:
            out.append(index)
            continue
        stack.extend((child, False) for child in reversed(tree.rights[index]) if child not in skip)
        stack.append((index, True))
        stack.extend((child, False) for child in reversed(tree.lefts[index]) if child not in skip)
    return out


def subtree(token: Token) -> list[Token]:
    """``token.subtree`` as a list, without recursion."""
    doc = token.doc
    return [doc[i] for i in subtree_indices(token)]


def subtree_bounds(
    token: Token, prune: Iterable[int], lo: int, hi: int, keep: Callable[[int], bool]
) -> tuple[int, int] | None:
    """The first and last index in ``[lo, hi)`` of ``token``'s subtree without the subtrees of
    ``prune`` that ``keep`` accepts, or None. On a projective parse it skips the pruned stretches
    instead of walking every token, so a stage asking it for every word of a sentence stays linear."""
    tree = tree_index(token.doc)
    skip = sorted(set(prune) - {token.i})
    inside = [p for p in skip if tree.first[token.i] <= p <= tree.last[token.i]]
    if not tree.contiguous(token.i) or not all(tree.contiguous(p) for p in inside):
        found = [i for i in subtree_indices(token, skip) if lo <= i < hi and keep(i)]
        return (min(found), max(found)) if found else None
    holes = [(tree.first[p], tree.last[p]) for p in inside]
    start, end = max(lo, tree.first[token.i]), min(hi - 1, tree.last[token.i])
    low = _scan(range(start, end + 1), holes, keep)
    return None if low is None else (low, _scan(range(end, low - 1, -1), holes, keep))


def _scan(indices: range, holes: list[tuple[int, int]], keep: Callable[[int], bool]) -> int | None:
    """The first index of ``indices`` outside every hole that ``keep`` accepts, jumping over holes."""
    step = indices.step
    i, stop = indices.start, indices.stop
    while (i < stop) if step > 0 else (i > stop):
        hole = next(((a, b) for a, b in holes if a <= i <= b), None)
        if hole is not None:
            i = hole[1] + 1 if step > 0 else hole[0] - 1
        elif keep(i):
            return i
        else:
            i += step
    return None


def sentence_start(token: Token) -> int:
    """Index of the first token of ``token``'s sentence. ``token.sent`` walks the sentence each time
    it is asked; a stage comparing the sentences of every event and every time made the link
    stage quadratic in the article's length (issue 14)."""
    doc = token.doc
    starts = doc.user_data.get(SENTENCES_KEY)
    if starts is None:
        starts = [sent.start for sent in doc.sents]
        doc.user_data[SENTENCES_KEY] = starts
    return starts[bisect.bisect_right(starts, token.i) - 1]
