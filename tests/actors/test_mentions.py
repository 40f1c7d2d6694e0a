"""Named mentions: spaCy's entities kept, cut or completed."""

from __future__ import annotations

from communique.stages.actors import ActorsStage


def names(article) -> set[str]:
    return {e.name for e in article.entities}


def test_the_department_a_title_is_named_after_is_no_organisation(parsed):
    text = ("Secretary of State Mara Lindqvist met the Finnish foreign minister on Tuesday. "
            "Later the Secretary of Defense said the talks had gone well.")
    article = ActorsStage().process(parsed(text))
    assert "State" not in names(article)
    assert "Defense" not in names(article)
    assert "Mara Lindqvist" in names(article)


def test_a_department_written_as_a_name_is_kept(parsed):
    text = "The State Department said on Monday that the embassy in Oslo would reopen."
    article = ActorsStage().process(parsed(text))
    assert any("State Department" in name for name in names(article))


def test_an_organisation_cut_after_an_adjective_gets_its_whole_name(parsed):
    text = ("Senator Tom Bell spoke at the Republican Jewish Coalition conference in Las Vegas "
            "on Saturday, his aides said.")
    article = ActorsStage().process(parsed(text))
    assert "Republican" not in names(article)
    assert "Republican Jewish Coalition" in names(article)
