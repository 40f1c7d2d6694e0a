"""Canonical actors across articles: made-up multi-article stories, one actor per real-world actor."""

from __future__ import annotations

import threading

from sqlalchemy import func, select, text

from communique.article import Article, Entity, Event
from communique.store import open_store, schema
from communique.store.actors import (
    StoredEntity,
    claim_actor,
    is_proper_name,
    normalise,
    plural_forms,
    singular_forms,
)
from communique.store.query import EventFilter, event_rows
from communique.store.writer import write_article

ac, al, ar, ea = schema.actors, schema.actor_aliases, schema.actor_roles, schema.entity_actors


def person(
    entity_id: str, name: str, country: str | None, title: str | None = None, sector: str | None = None
):
    """A person entity; offsets are not looked at by the resolver."""
    return Entity(entity_id, name, "person", country, sector, None, title, [(0, 1)])


def report(doc_id: str, published: str, *entities: Entity, sentence: str = "") -> Article:
    """A made-up article naming the entities given; its text lists their names."""
    body = sentence or " and ".join(e.name for e in entities) + " spoke to reporters."
    return Article(id=doc_id, text=body, published=published, entities=list(entities))


def store(engine, *articles: Article) -> list[int]:
    """Write the articles in order; their row ids."""
    return [write_article(engine, article, key=article.id) for article in articles]


def actor_of(engine, article_id: int, entity_id: str) -> tuple[int, str]:
    """The actor id and evidence of one stored entity."""
    with engine.connect() as connection:
        row = connection.execute(
            select(ea.c.actor_id, ea.c.evidence).where(
                ea.c.article_id == article_id, ea.c.entity_id == entity_id
            )
        ).one()
    return row.actor_id, row.evidence


def actor_row(engine, actor_id: int):
    with engine.connect() as connection:
        return connection.execute(select(ac).where(ac.c.id == actor_id)).one()


def test_a_surname_alone_joins_the_person_named_in_full_in_an_earlier_article(engine):
    first, second = store(
        engine,
        report("a1", "2022-01-10", person("E1", "Anatoly Antonov", "RUS", "Russian ambassador to the US")),
        report("a2", "2022-01-12", person("E1", "Antonov", "RUS")),
    )
    actor, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, second, "E1") == (actor, "surname")
    assert actor_row(engine, actor).name == "Anatoly Antonov"


def test_a_surname_shared_by_two_people_joins_neither_without_more_to_go_on(engine):
    first, second, vague, placed = store(
        engine,
        report("b1", "2023-05-02", person("E1", "Maria Costa", "PRT", "finance minister")),
        report("b2", "2023-05-03", person("E1", "Paulo Costa", "BRA", "trade minister")),
        report("b3", "2023-05-04", person("E1", "Costa", None)),
        report("b4", "2023-05-05", person("E1", "Costa", "BRA")),
    )
    maria, paulo = actor_of(engine, first, "E1")[0], actor_of(engine, second, "E1")[0]
    assert maria != paulo
    assert actor_of(engine, vague, "E1")[0] not in (maria, paulo)
    assert actor_of(engine, placed, "E1") == (paulo, "surname")


def test_a_surname_does_not_reach_a_person_last_seen_years_before(engine):
    old, recent = store(
        engine,
        report("c1", "2010-03-01", person("E1", "Tomas Lind", "SWE", "defence minister")),
        report("c2", "2023-03-01", person("E1", "Lind", "SWE")),
    )
    assert actor_of(engine, recent, "E1")[0] != actor_of(engine, old, "E1")[0]


def test_a_person_whose_role_changes_keeps_one_actor_with_both_roles_dated(engine):
    first, second = store(
        engine,
        report("d1", "2021-06-01", person("E1", "Elena Varga", "HUN", "foreign minister")),
        report("d2", "2023-09-15", person("E1", "Elena Varga", "HUN", "prime minister")),
    )
    actor, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, second, "E1") == (actor, "name")
    with engine.connect() as connection:
        roles = connection.execute(
            select(ar.c.role, ar.c.seen).where(ar.c.actor_id == actor).order_by(ar.c.seen)
        ).all()
    assert [tuple(r) for r in roles] == [("foreign minister", "2021-06-01"), ("prime minister", "2023-09-15")]


def test_a_full_name_joins_a_person_first_named_by_surname_alone(engine):
    first, second = store(
        engine,
        report("e1", "2024-02-01", person("E1", "Okafor", "NGA")),
        report("e2", "2024-02-02", person("E1", "Chidi Okafor", "NGA", "senator")),
    )
    actor, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, second, "E1") == (actor, "full name")
    assert actor_row(engine, actor).name == "Chidi Okafor"  # the full name becomes the canonical one


def test_an_acronym_joins_the_organisation_it_abbreviates(engine):
    nato = Entity("E1", "North Atlantic Treaty Organization", "igo", None, None, "IGOWSTNAT", None, [(0, 1)])
    short = Entity("E1", "NATO", "igo", None, None, "IGOWSTNAT", None, [(0, 1)])
    first, second = store(engine, report("f1", "2022-01-10", nato), report("f2", "2022-01-11", short))
    actor, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, second, "E1") == (actor, "acronym")


def test_a_country_joins_by_its_code_whatever_the_name(engine):
    russia = Entity("E1", "Russia", "country", "RUS", None, "RUS", None, [(0, 1)])
    federation = Entity("E1", "Russian Federation", "country", "RUS", None, "RUS", None, [(0, 1)])
    first, second = store(engine, report("g1", "2022-01-10", russia), report("g2", "2022-01-11", federation))
    assert actor_of(engine, second, "E1") == (actor_of(engine, first, "E1")[0], "code")


def test_a_person_named_only_by_a_description_is_not_joined_across_articles(engine):
    first, second = store(
        engine,
        report("h1", "2022-01-10", person("E1", "Chilean ambassador", "CHL", "ambassador")),
        report("h2", "2022-01-11", person("E1", "Chilean ambassador", "CHL", "ambassador")),
    )
    assert actor_of(engine, first, "E1")[0] != actor_of(engine, second, "E1")[0]


def test_reingesting_an_article_adds_no_actor_and_moves_no_entity(engine):
    articles = [
        report("i1", "2022-01-10", person("E1", "Ines Moreau", "FRA")),
        report("i2", "2022-01-11", person("E1", "Moreau", "FRA")),
    ]
    store(engine, *articles)
    with engine.connect() as connection:
        before = (
            connection.execute(select(ea).order_by(ea.c.article_id)).all(),
            connection.execute(select(ac)).all(),
        )
    assert store(engine, *articles) == [None, None]
    with engine.connect() as connection:
        after = (
            connection.execute(select(ea).order_by(ea.c.article_id)).all(),
            connection.execute(select(ac)).all(),
        )
    assert after == before


def test_events_found_by_any_name_of_the_canonical_actor(engine):
    sentence = "Antonov urged Washington to drop its rhetoric."
    event = Event("V1", "DEMAND", (8, 13), (0, len(sentence)), source=["E1"], target=["E2"], confidence=0.9)
    later = Article(
        id="j2",
        text=sentence,
        published="2022-01-12",
        entities=[
            person("E1", "Antonov", "RUS"),
            Entity("E2", "Washington", "country", "USA", "government", "USAGOV", None, [(14, 24)]),
        ],
        events=[event],
    )
    store(engine, report("j1", "2022-01-10", person("E1", "Anatoly Antonov", "RUS", "ambassador")), later)
    rows = list(event_rows(engine, EventFilter(actor="Anatoly Antonov")))
    assert [(r["source"], r["source_actors"]) for r in rows] == [("Antonov", "Anatoly Antonov")]


def test_an_older_store_gets_its_actors_when_migrated(tmp_path, store_at):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with store_at(url, "0003") as connection:
        connection.execute(
            text(
                "INSERT INTO articles (key, content_hash, doc_id, published, published_inferred, text, "
                "pipeline, ingested_at) VALUES "
                "('k1', 'h1', 'd1', '2022-01-10', 0, 'Ana Silva spoke.', 'p', CURRENT_TIMESTAMP), "
                "('k2', 'h2', 'd2', '2022-01-11', 0, 'Silva spoke.', 'p', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO entities (article_id, id, name, kind, country) VALUES "
                "(1, 'E1', 'Ana Silva', 'person', 'BRA'), (2, 'E1', 'Silva', 'person', 'BRA')"
            )
        )
    engine = open_store(url)
    assert actor_of(engine, 2, "E1") == (actor_of(engine, 1, "E1")[0], "surname")
    engine.dispose()


def test_names_are_matched_without_case_curly_quotes_or_a_leading_the():
    assert normalise("The  Kremlin") == normalise("the kremlin") == "kremlin"
    assert normalise("O\u2019Neill") == "o'neill"
    assert normalise("World Health Organization (WHO)") == normalise("World Health Organization (WHO")
    assert normalise("World Health Organization (WHO)") == "world health organization"


def test_a_proper_name_may_hold_particles_but_not_role_words():
    assert is_proper_name("Ursula von der Leyen")
    assert is_proper_name("Anatoly Antonov")
    assert not is_proper_name("Norway's foreign minister")


def test_a_middle_initial_does_not_split_a_person(engine):
    first, second, third = store(
        engine,
        report("p1", "2016-03-01", person("E1", "Carla M. Ruiz", "MEX")),
        report("p2", "2016-03-02", person("E1", "Carla Ruiz", "MEX")),
        report("p3", "2016-03-03", person("E1", "Carla M. Ruiz", "MEX")),
    )
    actor, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, second, "E1") == (actor, "name")
    assert actor_of(engine, third, "E1") == (actor, "name")


def test_two_organisations_with_the_same_initials_stay_apart(engine):
    def org(name: str) -> Entity:
        return Entity("E1", name, "organization", "USA", None, None, None, [(0, 1)])

    first, short, other = store(
        engine,
        report("q1", "2016-03-01", org("Democratic National Committee")),
        report("q2", "2016-03-02", org("DNC"), sentence="The Democratic National Committee (DNC) met."),
        report("q3", "2016-03-03", org("Democratic National Convention")),
    )
    committee, _ = actor_of(engine, first, "E1")
    assert actor_of(engine, short, "E1") == (committee, "acronym")
    assert actor_of(engine, other, "E1")[0] != committee


def test_a_short_name_an_article_used_is_an_alias_a_search_finds_but_not_a_join(engine):
    text = "Anatoly Antonov spoke on Monday. Antonov said he was ready. The envoy left."
    envoy = Entity(
        "E1",
        "Anatoly Antonov",
        "person",
        "RUS",
        None,
        None,
        "ambassador",
        [(0, 15), (33, 40), (51, 53), (60, 70)],
    )
    (stored,) = store(engine, Article(id="s1", text=text, published="2022-01-10", entities=[envoy]))
    actor, _ = actor_of(engine, stored, "E1")
    with engine.connect() as connection:
        aliases = dict(connection.execute(select(al.c.name, al.c.origin).where(al.c.actor_id == actor)).all())
    assert aliases == {"Anatoly Antonov": "inferred", "Antonov": "mention"}  # not "he", not "The envoy"


def two_clintons(engine) -> tuple[int, int]:
    """A made-up story's two people of one surname, each named in full with a role; their actor ids."""
    first, second = store(
        engine,
        report("k1", "2016-03-01", person("E1", "Hillary Clinton", "USA", "former Secretary of State")),
        report("k2", "2016-03-02", person("E1", "Bill Clinton", "USA", "former President")),
    )
    return actor_of(engine, first, "E1")[0], actor_of(engine, second, "E1")[0]


def test_a_surname_joins_the_person_the_same_article_names_in_full(engine):
    _, bill = two_clintons(engine)
    # the headline's "Clinton" comes first in the article, the full name later
    headline, body = person("E1", "Clinton", "USA"), person("E2", "Bill Clinton", "USA")
    (later,) = store(engine, report("k3", "2016-03-05", headline, body))
    assert actor_of(engine, later, "E1") == (bill, "surname in article")
    assert actor_of(engine, later, "E2") == (bill, "name")


def test_a_surname_two_people_share_is_told_apart_by_the_title(engine):
    hillary, _ = two_clintons(engine)
    (later,) = store(engine, report("k4", "2016-03-06", person("E1", "Clinton", "USA", "Secretary")))
    assert actor_of(engine, later, "E1") == (hillary, "surname")


def test_a_surname_nothing_tells_apart_stays_unresolved_in_an_actor_nobody_joins(engine):
    hillary, bill = two_clintons(engine)
    first, second = store(
        engine,
        report("k5", "2016-03-07", person("E1", "Clinton", "USA")),
        report("k6", "2016-03-08", person("E1", "Clinton", "USA")),
    )
    vague, evidence = actor_of(engine, first, "E1")
    assert vague not in (hillary, bill)
    assert evidence.startswith("ambiguous surname")
    assert "Hillary Clinton" in evidence and "Bill Clinton" in evidence
    assert actor_of(engine, second, "E1")[0] not in (hillary, bill, vague)


def test_two_writers_claiming_one_name_make_one_actor(engine):
    """The second writer's insert waits for the first's transaction, then finds its actor."""
    entity = StoredEntity("E1", "Ilse Brandt", "person", "DEU", None, None, None)
    first = engine.connect()
    transaction = first.begin()
    made, _ = claim_actor(first, entity, "new")
    found: list[tuple[int, str]] = []
    other = threading.Thread(target=lambda: found.append(claim_in_own_transaction(engine, entity)))
    other.start()
    other.join(timeout=1.0)
    assert other.is_alive()  # waiting for the first writer
    transaction.commit()
    first.close()
    other.join(timeout=30)
    assert found == [(made, "name")]


def claim_in_own_transaction(engine, entity) -> tuple[int, str]:
    with engine.begin() as connection:
        return claim_actor(connection, entity, "new")


def test_two_ingests_at_once_store_one_actor_per_person(engine):
    envoy, deputy = person("E1", "Anatoly Antonov", "RUS"), person("E2", "Wendy Sherman", "USA")
    articles = [report(f"m{n}", "2022-01-10", envoy, deputy) for n in range(6)]
    for article, n in zip(articles, range(6), strict=True):
        article.text += f" Round {n}."  # six different articles
    threads = [threading.Thread(target=store, args=(engine, *articles[n::2])) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with engine.connect() as connection:
        names = sorted(connection.scalars(select(ac.c.name)))
        joined = connection.scalar(select(func.count()).select_from(ea))
    assert names == ["Anatoly Antonov", "Wendy Sherman"]
    assert joined == 12


def test_initials_alone_do_not_join_two_organisations_no_article_ties(engine):
    def org(name: str) -> Entity:
        return Entity("E1", name, "organization", None, None, None, None, [(0, 1)])

    group, institute, defined = store(
        engine,
        report("s1", "2016-05-01", org("IFSP")),
        report("s2", "2016-05-02", org("Institute for Fusion Safety Policy")),
        report("s3", "2016-05-03", org("Institute for Fusion Safety Policy"),
               sentence="The Institute for Fusion Safety Policy (IFSP) said so."),
    )
    assert actor_of(engine, institute, "E1")[0] != actor_of(engine, group, "E1")[0]
    assert actor_of(engine, defined, "E1") == (actor_of(engine, institute, "E1")[0], "name")


def test_ner_kinds_of_one_organisation_are_one_actor_but_a_place_is_not_an_organisation(engine):
    def named(name: str, kind: str) -> Entity:
        return Entity("E1", name, kind, None, None, None, None, [(0, 1)])

    media, other, place, org = store(
        engine,
        report("t1", "2016-05-01", named("Chirper", "media")),
        report("t2", "2016-05-02", named("Chirper", "other")),
        report("t3", "2016-05-03", named("Lakeside", "place")),
        report("t4", "2016-05-04", named("Lakeside", "organization")),
    )
    assert actor_of(engine, other, "E1") == (actor_of(engine, media, "E1")[0], "name")
    assert actor_of(engine, org, "E1")[0] != actor_of(engine, place, "E1")[0]


def test_a_surname_taken_for_an_organisation_joins_the_person_its_article_names(engine):
    mislabelled = Entity("E2", "Okonkwo", "organization", None, None, None, None, [(0, 1)])
    (article,) = store(engine, report("u1", "2016-06-01", person("E1", "Ada Okonkwo", "NGA"), mislabelled))
    assert actor_of(engine, article, "E2") == (actor_of(engine, article, "E1")[0], "surname in article")


def test_a_middle_name_does_not_split_a_person_but_middle_initials_tell_two_apart(engine):
    short, full, father, son = store(
        engine,
        report("v1", "2016-07-01", person("E1", "Marta Lindqvist", "SWE")),
        report("v2", "2016-07-02", person("E1", "Marta Helena Lindqvist", "SWE")),
        report("v3", "2016-07-03", person("E1", "Erik H.W. Lund", "SWE")),
        report("v4", "2016-07-04", person("E1", "Erik W. Lund", "SWE")),
    )
    assert actor_of(engine, full, "E1") == (actor_of(engine, short, "E1")[0], "name")
    assert actor_of(engine, son, "E1")[0] != actor_of(engine, father, "E1")[0]


def test_a_store_with_actors_gets_their_claims_the_oldest_of_two_duplicates_keeping_it(tmp_path, store_at):
    url = f"sqlite:///{tmp_path / 'raced.db'}"
    with store_at(url, "0007") as connection:  # two ingests at once made "Ana Silva" twice
        connection.execute(
            text(
                "INSERT INTO actors (id, kind, name, key, country, origin) VALUES "
                "(1, 'person', 'Ana Silva', 'ana silva', 'BRA', 'inferred'), "
                "(2, 'person', 'Ana Silva', 'ana silva', 'BRA', 'inferred'), "
                "(3, 'person', 'foreign minister', 'foreign minister', 'BRA', 'inferred')"
            )
        )
    engine = open_store(url)
    with engine.connect() as connection:
        claims = dict(connection.execute(select(ac.c.id, ac.c.claim)).tuples().all())
    engine.dispose()
    assert claims == {1: "person:ana silva", 2: "person:ana silva:BRA", 3: None}


def group(name: str, country: str | None = None, kind: str = "group") -> Entity:
    """A group entity (party members, a nationality, a description of people)."""
    return Entity("E1", name, kind, country, None, None, None, [(0, 1)])


def test_a_group_named_by_a_plural_joins_the_group_named_by_its_singular_either_first(engine):
    first, second, third, fourth = store(
        engine,
        report("p1", "2022-03-01", group("Verdanists")),
        report("p2", "2022-03-02", group("Verdanist")),
        report("p3", "2022-03-03", group("Zarovi")),
        report("p4", "2022-03-04", group("Zarovis")),
    )
    verdanists, _ = actor_of(engine, first, "E1")
    zarovi, _ = actor_of(engine, third, "E1")
    assert actor_of(engine, second, "E1") == (verdanists, "plural")
    assert actor_of(engine, fourth, "E1") == (zarovi, "plural")
    assert verdanists != zarovi


def test_a_plural_joins_only_a_group_of_a_fitting_country_and_never_a_description(engine):
    ids = store(
        engine,
        report("q1", "2022-03-01", group("Moravan", "CZE")),
        report("q2", "2022-03-02", group("Moravans", "SVK")),
        report("q3", "2022-03-03", group("Moravan lawmaker")),
        report("q4", "2022-03-04", group("Moravan lawmakers")),
        report("q5", "2022-03-05", group("Tolsk", kind="place")),
        report("q6", "2022-03-06", group("Tolsks")),
    )
    actors = [actor_of(engine, article, "E1") for article in ids]
    assert actors[1][1] == "new"  # another country
    assert actors[3][1] == "new"  # "lawmakers" in one article are not those of another
    assert actors[5][1] == "new"  # a place is no group
    assert len({actor for actor, _ in actors}) == 6


def test_a_plural_does_not_join_when_two_groups_of_its_singular_fit(engine):
    ids = store(
        engine,
        report("r1", "2022-03-01", group("Kelvar", "NOR")),
        report("r2", "2022-03-02", group("Kelvar", "SWE")),
        report("r3", "2022-03-03", group("Kelvars")),
    )
    assert actor_of(engine, ids[2], "E1")[1] == "new"


def test_regular_plurals_pair_the_same_way_in_both_directions():
    pairs = {"democrat": "democrats", "ally": "allies", "church": "churches", "kurd": "kurds", "boy": "boys"}
    for singular, plural in pairs.items():
        assert plural_forms(singular) == {plural}
        assert singular in singular_forms(plural)
    assert singular_forms("swiss") == set()
    assert singular_forms("taliban") == set()


def test_an_organisation_named_differently_in_two_articles_is_one_actor(engine, parsed):
    from communique.stages.actors import ActorsStage

    first = ActorsStage().process(
        parsed("ISIS fighters shelled a checkpoint outside Deir ez-Zor, the army said.", id="isis-1")
    )
    second = ActorsStage().process(
        parsed("The Islamic State released two hostages near Palmyra on Sunday.", id="isis-2")
    )
    first.doc = second.doc = None
    ids = store(engine, first, second)
    (one,) = [e.id for e in first.entities if e.kind == "organization"]
    (two,) = [e.id for e in second.entities if e.kind == "organization"]
    assert actor_of(engine, ids[0], one)[0] == actor_of(engine, ids[1], two)[0]


def voss_family(engine, dara_articles: int) -> tuple[int, int, int]:
    """Dara Voss named in full in ``dara_articles`` articles, her brother Lena Voss in one, then an
    article naming only "Voss": the actors of Dara, Lena and that "Voss"."""
    daras = [
        report(f"v{n}", "2024-02-01", person("E1", "Dara Voss", "NLD", "prime minister"))
        for n in range(dara_articles)
    ]
    ids = store(engine, *daras, report("lena", "2024-02-02", person("E1", "Lena Voss", "NLD")))
    (alone,) = store(engine, report("alone", "2024-02-03", person("E1", "Voss", "NLD")))
    return actor_of(engine, ids[0], "E1")[0], actor_of(engine, ids[-1], "E1")[0], alone


def test_a_surname_alone_names_the_one_person_far_more_often_named(engine):
    dara, lena, alone = voss_family(engine, 20)
    actor, evidence = actor_of(engine, alone, "E1")
    assert actor == dara != lena
    assert evidence.startswith("surname, most named: Dara Voss")


def test_a_surname_two_people_share_without_one_far_more_named_stays_unresolved(engine):
    dara, lena, alone = voss_family(engine, 9)
    actor, evidence = actor_of(engine, alone, "E1")
    assert actor not in (dara, lena)
    assert evidence.startswith("ambiguous surname")


def test_a_common_noun_taken_for_a_name_is_a_new_actor_in_each_article(engine):
    def committee(doc_id: str) -> Article:
        entity = Entity("E1", "super PAC", "organization", "USA", None, None, None, [(0, 9)])
        return report(doc_id, "2024-03-01", entity, sentence="super PAC ads ran all week.")

    first, second = store(engine, committee("p1"), committee("p2"))
    assert actor_of(engine, first, "E1")[0] != actor_of(engine, second, "E1")[0]
