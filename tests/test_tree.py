"""Tree walks: the same tokens and order as spaCy's subtree, linear and without recursion."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.tree import subtree, subtree_bounds, subtree_indices, tree_index

STORY = ("The foreign minister, who arrived in Oslo on Monday, said that the talks on fishing quotas "
         "would resume next week, and added that both sides wanted a deal before winter.")


def test_subtree_gives_the_tokens_of_spacys_subtree_in_the_same_order(parsed):
    doc = parsed(STORY).doc
    for token in doc:
        assert [t.i for t in subtree(token)] == [t.i for t in token.subtree]


def test_pruning_leaves_out_whole_subtrees(parsed):
    doc = parsed(STORY).doc
    said = next(t for t in doc if t.text == "said")
    clause = next(c for c in said.children if c.dep_ == "ccomp")
    kept = subtree_indices(said, prune=[clause.i])
    assert set(kept) == {t.i for t in said.subtree} - {t.i for t in clause.subtree}


def test_bounds_match_a_walk_over_every_token(parsed):
    doc = parsed(STORY).doc
    for token in doc:
        children = [c.i for c in token.children]
        for prune in ([], children[:1], children[-1:]):
            def keep(i: int) -> bool:
                return doc[i].dep_ != "punct"
            walked = [i for i in subtree_indices(token, prune) if 2 <= i < len(doc) - 3 and keep(i)]
            expected = (min(walked), max(walked)) if walked else None
            assert subtree_bounds(token, prune, 2, len(doc) - 3, keep) == expected


def chain(length: int) -> Doc:
    """A made-up parse where every word hangs on the next: a tree as deep as the text is long."""
    from spacy.vocab import Vocab

    words = ["said"] * length
    heads = [min(i + 1, length - 1) for i in range(length)]
    deps = ["ccomp"] * (length - 1) + ["ROOT"]
    return Doc(Vocab(), words=words, heads=heads, deps=deps)


def test_a_tree_forty_thousand_deep_is_walked_without_recursion():
    doc = chain(40_000)
    root = doc[len(doc) - 1]
    assert len(subtree_indices(root)) == 40_000
    assert subtree_bounds(root, [root.i - 10], 0, len(doc), lambda i: True) == (root.i - 9, root.i)


def test_the_index_knows_contiguous_subtrees():
    doc = chain(50)
    index = tree_index(doc)
    assert index.size[49] == 50 and index.first[49] == 0 and index.contiguous(49)
