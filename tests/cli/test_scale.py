"""Large runs from the command line: engine options, the Parquet data set and ``communique load``."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from communique.cli import main
from communique.cli.scale import check_engine

INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']
"""No model: these tests are about where documents go, not what is found in them."""

TABLES = ("articles", "entities", "mentions", "quotes", "events", "event_actors", "times", "places", "errors",
          "stories", "event_links")

STORIES = [
    "The foreign minister of Ghana met the Kenyan ambassador in Accra on Monday, officials said.",
    "Police in Lyon arrested three protesters on Tuesday after clashes near the town hall.",
    "Brazil accused Argentina of breaking a trade agreement, the ministry said on Wednesday.",
]


def write_jsonl(path: Path, texts: list[str], month: str = "2024-03") -> str:
    lines = [json.dumps({"id": f"s{n}", "text": t, "published": f"{month}-1{n}"})
             for n, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_parquet_needs_out_and_out_needs_parquet(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["extract", source, "--format", "parquet"]) == 2
    assert main(["extract", source, "--out", str(tmp_path / "set")]) == 2
    assert "--format parquet" in capsys.readouterr().err


def test_ray_address_needs_the_ray_engine(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["extract", source, "--ray-address", "auto"]) == 2
    assert "--engine ray" in capsys.readouterr().err


def test_workers_must_be_positive():
    from argparse import Namespace

    from communique.cli.common import UsageError

    with pytest.raises(UsageError):
        check_engine(Namespace(workers=0, ray_address=None, engine="local"))


def test_without_ray_the_engine_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["extract", source, "--engine", "ray", "-q"]) == 2
    assert "pip install 'communique[ray]'" in capsys.readouterr().err


def test_local_engine_writes_a_data_set_that_loads_like_an_ingest(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["extract", source, "--out", str(tmp_path / "set"), "--format", "parquet", "-q",
                 *INGEST_ONLY]) == 0
    assert main(["load", str(tmp_path / "set"), "--db", str(tmp_path / "loaded.db"), "-q"]) == 0
    assert main(["ingest", source, "--db", str(tmp_path / "ingested.db"), "-q", *INGEST_ONLY]) == 0
    assert counts(tmp_path / "loaded.db") == counts(tmp_path / "ingested.db")
    assert counts(tmp_path / "loaded.db")["articles"] == len(STORIES)


def test_load_of_something_that_is_not_a_data_set(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["load", str(tmp_path / "empty"), "--db", str(tmp_path / "s.db")]) == 2
    assert "not a data set" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "missing"), "--db", str(tmp_path / "s.db")]) == 2


def test_ray_data_set_loads_twice_into_what_a_local_ingest_stores(ray_session, tmp_path):
    """The whole path of issue 15 on a sample: Ray → Parquet → load (twice) = a local ingest."""
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["extract", source, "--engine", "ray", "--workers", "2", "--out", str(tmp_path / "set"),
                 "--format", "parquet", "-q"]) == 0
    assert main(["load", str(tmp_path / "set"), "--db", str(tmp_path / "loaded.db"), "-q"]) == 0
    first = counts(tmp_path / "loaded.db")
    assert main(["load", str(tmp_path / "set"), "--db", str(tmp_path / "loaded.db"), "-q"]) == 0
    assert counts(tmp_path / "loaded.db") == first
    assert main(["ingest", source, "--db", str(tmp_path / "ingested.db"), "--workers", "2", "-q"]) == 0
    assert first == counts(tmp_path / "ingested.db")
    assert first["events"] > 0


def test_ray_ingest_stores_what_a_local_ingest_stores(ray_session, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", STORIES)
    assert main(["ingest", source, "--engine", "ray", "--db", str(tmp_path / "ray.db"), "-q",
                 *INGEST_ONLY]) == 0
    assert main(["ingest", source, "--engine", "ray", "--db", str(tmp_path / "ray.db"), "-q",
                 *INGEST_ONLY]) == 0
    assert main(["ingest", source, "--db", str(tmp_path / "local.db"), "-q", *INGEST_ONLY]) == 0
    assert counts(tmp_path / "ray.db") == counts(tmp_path / "local.db")
