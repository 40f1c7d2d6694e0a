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


def test_a_lower_case_title_of_the_role_list_still_claims_its_department(parsed):
    text = ("The senator has cast former secretary of State Nora Vance as unfit. "
            "Vance answered on Friday.")
    article = ActorsStage().process(parsed(text))
    assert "State" not in names(article)


def test_a_name_opening_with_a_nationality_word_is_kept_whole(parsed):
    text = ("Officials said the strikes hit Zafaran State fighters near the river. "
            "The army fought the Zafaran State for a week.")
    article = ActorsStage().process(parsed(text))
    assert "State" not in names(article)


def test_a_title_is_not_a_name_however_the_name_finder_read_it(parsed):
    text = ("The Secretary of Homeland Security told reporters on Monday that the border "
            "would stay open.")
    article = ActorsStage().process(parsed(text))
    assert not {"Homeland Security", "Secretary of Homeland Security"} & names(article)


def test_a_nationality_word_opening_a_sentence_still_opens_the_name(parsed):
    text = "Police closed the road.\nIslamic State claimed the attack on Sunday, officials said."
    article = ActorsStage().process(parsed(text))
    assert "State" not in names(article)


def test_an_organisation_under_any_of_its_names_is_one_entity(parsed):
    text = ("Fighters of the Islamic State overran two villages east of Raqqa on Friday, a monitor "
            "said. ISIS later claimed the raid, and Daesh supporters shared videos of it.")
    article = ActorsStage().process(parsed(text))
    groups = [e for e in article.entities if e.name == "Islamic State"]
    assert len(groups) == 1
    assert len(groups[0].mentions) == 3
    assert not names(article) & {"ISIS", "Daesh"}


def test_an_organisation_name_inside_a_longer_proper_name_is_not_that_organisation(parsed):
    text = ("The Republican Party of Moldavia won 40 seats, while the Republican Party in Washington "
            "said nothing on Sunday.")
    article = ActorsStage().process(parsed(text))
    parties = [e for e in article.entities if e.name == "Republican Party"]
    assert len(parties) == 1
    assert len(parties[0].mentions) == 1


def test_a_party_its_members_and_its_adjective_are_one_entity(parsed):
    text = ("Republicans in the state senate blocked the budget on Monday. The GOP leader said a "
            "Republican governor would sign it, while Democratic senators and two Democrats walked out.")
    article = ActorsStage().process(parsed(text))
    parties = {e.name: len(e.mentions) for e in article.entities if e.kind == "organization"}
    assert parties.get("Republican Party") == 3
    assert parties.get("Democratic Party") == 2


def test_a_country_named_with_democratic_is_not_the_party(parsed):
    text = "Fighting flared in the east of the Democratic Republic of Congo on Sunday, aid workers said."
    article = ActorsStage().process(parsed(text))
    assert "Democratic Party" not in names(article)
    assert "Democratic Republic of the Congo" in names(article)


def test_a_country_inside_a_sea_or_gulf_is_part_of_its_name(parsed):
    text = ("Coast guards from Latvia will patrol the Gulf of Finland, and tankers crossed the South "
            "China Sea, while fighting went on in eastern Ukraine.")
    article = ActorsStage().process(parsed(text))
    assert "Gulf of" not in names(article)
    assert "Gulf of Finland" in names(article)
    assert "Finland" not in names(article) and "China" not in names(article)
    assert "Ukraine" in names(article)
