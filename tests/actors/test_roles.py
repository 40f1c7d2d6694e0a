"""People and their titles."""

from __future__ import annotations

from communique.stages.actors import ActorsStage


def test_the_department_of_a_title_is_not_part_of_the_name_after_it(parsed):
    text = ("The Secretary of Homeland Security Dana Pike told reporters on Monday that the "
            "border would stay open.")
    article = ActorsStage().process(parsed(text))
    people = [e for e in article.entities if e.kind == "person"]
    assert [e.name for e in people] == ["Dana Pike"]
    assert "Secretary of Homeland Security" in people[0].title
