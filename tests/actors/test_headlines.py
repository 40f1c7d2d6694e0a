"""Names in Title Case lines are kept only as far as the article's body writes them."""

from __future__ import annotations

from communique.actors.headlines import confirmed_part, is_title_case, title_case_lines
from communique.stages.actors import ActorsStage

BODY = ("Senator Maria Okafor on Tuesday promised to push for a new ferry link between two "
        "harbour towns, speaking to supporters in a crowded hall. Okafor said the project "
        "would create hundreds of jobs and that she would raise it with the governor soon.")


def test_headline_case_needs_every_word_capitalised():
    assert is_title_case("Maria Okafor Promises Action On Ferry Link")
    assert not is_title_case("Maria Okafor promises action on the ferry link")
    assert not is_title_case("Okafor Speaks")  # too short to tell


def test_title_case_lines_are_found_by_offsets():
    text = "Okafor Promises New Ferry Link\n\n" + BODY
    assert title_case_lines(text) == [(0, len("Okafor Promises New Ferry Link"))]


def test_headline_name_is_trimmed_to_what_the_body_writes(parsed):
    text = "Maria Okafor Promises Action On Ferry Link\n\n" + BODY
    article = ActorsStage().process(parsed(text))
    names = {e.name for e in article.entities}
    assert "Maria Okafor" in names
    assert not any("Promises" in n or "Ferry Link" in n for n in names)


def test_confirmed_part_is_the_longest_written_piece(parsed):
    doc = parsed("Maria Okafor Promises Action\n\nMaria Okafor spoke.").doc
    assert confirmed_part(doc, 0, 4, "Maria Okafor spoke.") == (0, 2)
    assert confirmed_part(doc, 2, 4, "Maria Okafor spoke.") is None
