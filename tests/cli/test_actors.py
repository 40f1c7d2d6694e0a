"""The ``communique actors`` commands: export a store's actors, edit the file, import it back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from communique.article import Article, Entity, Event
from communique.cli import main
from communique.store import open_store
from communique.store.writer import write_article


def criticism(doc_id: str, published: str, speaker: str, code: str) -> Article:
    """A made-up article: the speaker, a Ruritanian minister, criticises Freedonia."""
    text = f"{speaker} criticised Freedonia on Monday."
    start = len(speaker) + 1
    return Article(
        id=doc_id,
        text=text,
        published=published,
        entities=[
            Entity("E1", speaker, "person", "RUR", "government", code, "defence minister", [(0, start - 1)]),
            Entity("E2", "Freedonia", "country", "FRE", None, "FRE", None, [(start + 11, start + 20)]),
        ],
        events=[Event("V1", "DISAPPROVE", (start, start + 10), (0, len(text)), source=["E1"], target=["E2"])],
    )


def made_store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    write_article(engine, criticism("r1", "2024-05-06", "Ivo Petrak", "RURGOV"), "r1")
    write_article(engine, criticism("r2", "2024-05-09", "Petrak", "RURGOV"), "r2")
    engine.dispose()
    return url


def test_export_writes_one_row_per_actor_with_its_aliases_and_role(tmp_path, capsys):
    url = made_store(tmp_path)
    assert main(["actors", "export", "--db", url, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    (petrak,) = [r for r in rows if r["name"] == "Ivo Petrak"]
    assert sorted(petrak["aliases"]) == ["Ivo Petrak", "Petrak"]
    assert (petrak["role"], petrak["valid_from"], petrak["valid_to"]) == (
        "defence minister",
        "2024-05-06",
        "2024-05-09",
    )


def test_an_edited_export_imported_back_pins_the_code_events_are_found_by(tmp_path, capsys):
    url = made_store(tmp_path)
    exported = tmp_path / "actors.csv"
    assert main(["actors", "export", "--db", url, "-o", str(exported)]) == 0
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    for row in rows:
        if row["name"] == "Ivo Petrak":
            row["code"] = "RURGOVMIL"
    with exported.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["actors", "import", "--db", url, str(exported)]) == 0
    assert main(["actors", "import", "--db", url, str(exported)]) == 0  # idempotent
    capsys.readouterr()
    assert main(["events", "--db", url, "--source", "RURGOVMIL", "--format", "jsonl"]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["source_actors"]) for r in found] == [
        ("Ivo Petrak", "Ivo Petrak"),
        ("Petrak", "Ivo Petrak"),
    ]


def test_timeline_finds_a_person_by_any_of_their_names(tmp_path, capsys):
    url = made_store(tmp_path)
    assert main(["timeline", "--db", url, "--actor", "Ivo Petrak", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2  # two unlinked reports: "Petrak" is one of them


def test_importing_a_missing_file_is_a_usage_error(tmp_path, capsys):
    url = made_store(tmp_path)
    assert main(["actors", "import", "--db", url, str(tmp_path / "none.csv")]) == 2
    assert "dictionary not found" in capsys.readouterr().err


def test_actors_without_an_action_is_a_usage_error(capsys):
    assert main(["actors"]) == 2
