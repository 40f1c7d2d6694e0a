"""Actor profiles and the canonical actor list, read from a made-up two-article story."""

from __future__ import annotations

from communique.article import Article, Entity, Event, Quote
from communique.store.profiles import actor_list, actor_profile
from communique.store.writer import write_article


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return (start, start + len(words))


def bloc(entity_id: str, text: str) -> Entity:
    span = at(text, "Northern Alliance")
    return Entity(entity_id, "Northern Alliance", "igo", None, None, "IGO", None, [span])


def first_report() -> Article:
    """The envoy, named in full with his role, warns the alliance and is quoted."""
    text = 'Ambassador Lev Marek warned the Northern Alliance on Monday. "We will not wait," Marek said.'
    envoy = Entity("E1", "Lev Marek", "person", "RUR", "government", "RURGOVDIP", "Ruritanian ambassador",
                   [at(text, "Lev Marek"), at(text, "Marek said")])
    alliance = bloc("E2", text)
    warning = Event("V1", "THREATEN", at(text, "warned"), (0, text.index('"') - 1),
                    source=["E1"], target=["E2"], quad_class="verbal_conflict")
    said = Quote("Q1", at(text, "We will not wait,"), "We will not wait,", "direct", "E1",
                 at(text, "Marek"), at(text, "said"), None, None)
    return Article(id="p1", text=text, published="2024-02-05", title="Envoy warns alliance",
                   entities=[envoy, alliance], events=[warning], quotes=[said])


def second_report() -> Article:
    """A month later the alliance summons him by surname; his role has changed."""
    text = "The Northern Alliance summoned Marek, now Ruritania's deputy foreign minister, on Friday."
    alliance = bloc("E1", text)
    envoy = Entity("E2", "Marek", "person", "RUR", "government", None, "deputy foreign minister",
                   [at(text, "Marek")])
    summons = Event("V1", "DEMAND", at(text, "summoned"), (0, len(text)), source=["E1"], target=["E2"],
                    quad_class="verbal_conflict")
    return Article(id="p2", text=text, published="2024-03-08", title="Alliance summons Marek",
                   entities=[alliance, envoy], events=[summons])


def marek_id(engine) -> int:
    (row,) = [r for r in actor_list(engine, search="marek")["items"] if r["kind"] == "person"]
    return row["id"]


def test_the_actor_list_counts_a_person_once_under_every_name(engine):
    write_article(engine, first_report(), "p1")
    write_article(engine, second_report(), "p2")
    (row,) = [r for r in actor_list(engine, search="marek")["items"] if r["kind"] == "person"]
    assert (row["name"], row["articles"], row["as_source"], row["as_target"]) == ("Lev Marek", 2, 1, 1)


def test_a_profile_gives_names_dated_roles_events_by_side_and_quotes(engine):
    first, second = write_article(engine, first_report(), "p1"), write_article(engine, second_report(), "p2")
    profile = actor_profile(engine, marek_id(engine))
    assert (profile["name"], profile["kind"], profile["code"], profile["country"]) == (
        "Lev Marek", "person", "RURGOVDIP", "RUR"
    )
    assert {a["name"] for a in profile["aliases"]} >= {"Lev Marek", "Marek"}
    assert [(r["role"], r["seen"], r["article_id"]) for r in profile["roles"]] == [
        ("Ruritanian ambassador", "2024-02-05", first),
        ("deputy foreign minister", "2024-03-08", second),
    ]
    assert [e["plover"] for e in profile["as_source"]["items"]] == ["THREATEN"]
    assert [e["plover"] for e in profile["as_target"]["items"]] == ["DEMAND"]
    assert profile["as_target"]["items"][0]["target"] == "Marek"  # as the article named him
    assert [q["text"] for q in profile["quotes"]["items"]] == ["We will not wait,"]
    assert {e["evidence"] for e in profile["evidence"]} == {"new", "surname"}


def test_a_missing_actor_has_no_profile(engine):
    assert actor_profile(engine, 4242) is None
