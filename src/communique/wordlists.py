"""Word lists shipped as data files in ``communique/lang``: one word or phrase a line, ``#`` comments."""

from __future__ import annotations

from importlib import resources


def read_word_list(name: str) -> frozenset[str]:
    """The lower-cased entries of ``lang/<name>``, comments and blank lines left out."""
    text = resources.files("communique").joinpath("lang", name).read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
