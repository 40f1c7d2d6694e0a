"""The actor dictionary: exported as CSV or JSONL, imported back (imported entries win), idempotently."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from communique.article import Article, Entity, Event
from communique.store import schema
from communique.store.dictionary import (
    DictionaryError,
    Entry,
    export_rows,
    import_entries,
    read_dictionary,
    write_dictionary,
)
from communique.store.query import EventFilter, event_rows
from communique.store.writer import write_article

ac, al, ar, ea = schema.actors, schema.actor_aliases, schema.actor_roles, schema.entity_actors


def person(entity_id: str, name: str, country: str | None, code: str | None = None, title: str | None = None):
    return Entity(entity_id, name, "person", country, None, code, title, [(0, 1)])


def speech(doc_id: str, published: str, speaker: Entity, target: Entity) -> Article:
    """A made-up article: the speaker criticises the target."""
    text = f"{speaker.name} criticised {target.name} on Monday."
    trigger = (len(speaker.name) + 1, len(speaker.name) + 11)
    event = Event(
        "V1", "DISAPPROVE", trigger, (0, len(text)), source=[speaker.id], target=[target.id], confidence=0.9
    )
    return Article(id=doc_id, text=text, published=published, entities=[speaker, target], events=[event])


def ministry() -> Entity:
    return Entity("E2", "Ministry of Finance", "organization", "HUN", "government", "HUNGOV", None, [(0, 1)])


def test_an_imported_code_overrides_the_inferred_one_and_stays_for_later_articles(engine):
    write_article(
        engine, speech("k1", "2023-09-15", person("E1", "Elena Varga", "HUN", "HUNGOV"), ministry()), "k1"
    )
    import_entries(engine, [Entry("Elena Varga", ["Varga"], "person", "HUNGOVHOS", "HUN", "government")])
    write_article(
        engine, speech("k2", "2023-09-20", person("E1", "Varga", "HUN", "HUNGOV"), ministry()), "k2"
    )
    rows = list(event_rows(engine, EventFilter(source="HUNGOVHOS")))
    assert [(r["source"], r["source_actor_codes"]) for r in rows] == [
        ("Elena Varga", "HUNGOVHOS"),
        ("Varga", "HUNGOVHOS"),
    ]
    with engine.connect() as connection:
        assert connection.scalar(select(ac.c.origin).where(ac.c.name == "Elena Varga")) == "imported"


def test_importing_twice_changes_nothing(engine):
    write_article(engine, speech("l1", "2023-01-05", person("E1", "Ravi Menon", "IND"), ministry()), "l1")
    entries = [
        Entry(
            "Ravi Menon",
            ["R. Menon"],
            "person",
            "INDGOV",
            "IND",
            roles=[("finance minister", "2022-01-01", None)],
        )
    ]
    import_entries(engine, entries)
    first = list(export_rows(engine))
    import_entries(engine, entries)
    assert list(export_rows(engine)) == first
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ar).where(ar.c.article_id.is_(None))) == 1


def test_an_entry_whose_aliases_name_two_actors_merges_them_and_says_so(engine):
    write_article(
        engine, speech("m1", "2023-01-05", person("E1", "Mohammed bin Salman", "SAU"), ministry()), "m1"
    )
    write_article(engine, speech("m2", "2023-01-06", person("E1", "MBS", "SAU"), ministry()), "m2")
    import_entries(engine, [Entry("Mohammed bin Salman", ["MBS"], "person", "SAUGOV", "SAU")])
    with engine.connect() as connection:
        rows = connection.execute(
            select(ea.c.actor_id, ea.c.evidence).where(ea.c.entity_id == "E1").order_by(ea.c.article_id)
        ).all()
    assert rows[0].actor_id == rows[1].actor_id
    assert rows[1].evidence.endswith("merged by import")


def test_an_imported_entry_with_no_stored_match_becomes_an_actor_later_articles_join(engine):
    import_entries(engine, [Entry("Kaja Tamm", ["Tamm"], "person", "ESTGOV", "EST")])
    write_article(engine, speech("n1", "2024-04-02", person("E1", "Kaja Tamm", "EST"), ministry()), "n1")
    with engine.connect() as connection:
        evidence = connection.scalar(
            select(ea.c.evidence).where(ea.c.article_id == 1, ea.c.entity_id == "E1")
        )
    assert evidence == "name"


def test_an_exported_csv_reads_back_as_the_same_entries(engine, tmp_path):
    write_article(
        engine,
        speech(
            "o1", "2021-06-01", person("E1", "Elena Varga", "HUN", "HUNGOV", "foreign minister"), ministry()
        ),
        "o1",
    )
    write_article(
        engine,
        speech("o2", "2022-09-15", person("E1", "Varga", "HUN", "HUNGOV", "prime minister"), ministry()),
        "o2",
    )
    for fmt in ("csv", "jsonl"):
        path = tmp_path / f"actors.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_dictionary(export_rows(engine), stream, fmt)
        varga = next(e for e in read_dictionary(path) if e.name == "Elena Varga")
        assert set(varga.aliases) == {"Elena Varga", "Varga"}
        assert varga.roles == [
            ("foreign minister", "2021-06-01", "2021-06-01"),
            ("prime minister", "2022-09-15", "2022-09-15"),
        ]


def test_jsonl_rows_carry_aliases_as_a_list():
    stream = io.StringIO()
    write_dictionary([{"name": "Kaja Tamm", "aliases": ["Tamm"], "kind": "person"}], stream, "jsonl")
    assert json.loads(stream.getvalue())["aliases"] == ["Tamm"]


def test_a_dictionary_row_without_a_name_is_an_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,aliases\n,Tamm\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="row 1 has no name"):
        read_dictionary(path)


def test_a_dictionary_of_another_format_is_an_error(tmp_path):
    path = tmp_path / "actors.xml"
    path.write_text("<actors/>", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"\.csv or \.jsonl"):
        read_dictionary(path)
