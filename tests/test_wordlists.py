"""Word lists read from the package's data files."""

from __future__ import annotations

from communique.wordlists import read_word_list


def test_a_word_list_is_lower_cased_without_comments_or_blank_lines():
    words = read_word_list("line_labels.txt")
    assert "photo" in words and "note" in words
    assert not any(word.startswith("#") or not word or word != word.lower() for word in words)
