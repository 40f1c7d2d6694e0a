"""POLECAT- and GDELT-style rows: one per linked event, columns in the documented order, fields in place."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from communique.store.export import flat_rows, write_parquet, write_tsv
from communique.store.formats import GDELT_COLUMNS, POLECAT_COLUMNS, gdelt_dates
from communique.store.writer import write_article

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def documented(section: str) -> list[str]:
    """The column names of the table under a ``## section`` heading of docs/formats.md, in order."""
    text = DOCS.read_text("utf-8").split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)


@pytest.mark.parametrize(
    ("section", "columns"), [("POLECAT-style", POLECAT_COLUMNS), ("GDELT-style", GDELT_COLUMNS)]
)
def test_the_columns_are_those_documented_in_order(section, columns):
    assert documented(section) == [name for name, _ in columns]


@pytest.fixture
def told_twice(engine, made):
    """One Oslo meeting between Norway's minister and Chile's ambassador, told at two URLs."""
    first = made("wire-1", url="https://wire.example/oslo")
    second = made("post-1", text="(Post) " + made().text, url="https://post.example/oslo")
    second.outlet = "Post"
    write_article(engine, first, "k1")
    write_article(engine, second, "k2")
    return engine


def exported(engine, table: str) -> list[dict[str, str]]:
    out = io.StringIO()
    columns, rows = flat_rows(engine, table)
    write_tsv(columns, rows, out)
    return list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))


def test_a_gdelt_row_puts_each_field_in_its_column(told_twice):
    [row] = exported(told_twice, "gdelt")
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20220110", "202201", "2022")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"], row["Actor1Type2Code"]) == (
        "NORGOVDIP",
        "NOR",
        "GOV",
        "DIP",
    )
    assert (row["Actor2Name"], row["Actor2CountryCode"]) == ("Chilean ambassador", "CHL")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("040", "040", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "1.0")  # a meeting: verbal cooperation
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == ("2", "2", "2")  # Wire, Post
    assert (row["ActionGeo_FullName"], row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == (
        "Oslo",
        "NOR",
        "3143244",
    )
    assert (row["ActionGeo_Type"], row["ActionGeo_Lat"]) == ("4", "59.91273")  # a city outside the US
    assert row["SOURCEURL"] == "https://wire.example/oslo"  # the first report's
    assert row["AvgTone"] == row["Actor1Geo_FullName"] == ""  # not known to the store


def test_a_polecat_row_puts_each_field_in_its_column(told_twice):
    [row] = exported(told_twice, "polecat")
    assert (row["Event Date"], row["Story Date"], row["Event Type"], row["Event Mode"]) == (
        "2022-01-10",
        "2022-01-10",
        "CONSULT",
        "meet",
    )
    assert (row["Actor Name"], row["Actor Country"], row["Primary Actor Sector"], row["Actor Title"]) == (
        "Norway's foreign minister",
        "NOR",
        "government",
        "foreign minister",
    )
    assert (row["Recipient Country"], row["Recipient Code"]) == ("CHL", "CHLGOVDIP")
    assert row["Recipient Name Raw"] == "the Chilean ambassador; ambassador"
    assert (row["Placename"], row["City"], row["State"], row["GeoNames ID"]) == (
        "Oslo",
        "Oslo",
        "",
        "3143244",
    )
    assert (row["Num Reports"], row["Num Articles"], row["Quad Code"]) == ("2", "2", "1")
    assert row["Sentence"].startswith("Norway's foreign minister met") and row["Story ID"] == "wire-1"


def test_a_tab_or_line_break_in_a_value_does_not_break_the_line(engine, made):
    article = made()
    article.title = "x"
    article.events[0].mode = "meet\tagain\nand again"
    write_article(engine, article, "k")
    out = io.StringIO()
    columns, rows = flat_rows(engine, "polecat")
    assert write_tsv(columns, rows, out) == 1
    header, line = out.getvalue().splitlines()
    assert len(line.split("\t")) == len(header.split("\t")) == len(POLECAT_COLUMNS)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2022-01-10", (20220110, 202201, 2022, 2022.0247)),
        ("2022-01", (None, 202201, 2022, None)),
        ("2022", (None, None, 2022, None)),
        (None, (None, None, None, None)),
    ],
)
def test_gdelt_dates_keep_only_the_precision_given(date, expected):
    assert tuple(gdelt_dates(date).values()) == expected


def test_the_gdelt_table_as_parquet_is_read_by_duckdb_and_pandas(told_twice, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pandas = pytest.importorskip("pandas")
    path = tmp_path / "gdelt.parquet"
    columns, rows = flat_rows(told_twice, "gdelt")
    assert write_parquet(columns, rows, str(path)) == 1
    frame = pandas.read_parquet(path)
    assert list(frame.columns) == [name for name, _ in GDELT_COLUMNS]
    assert frame.loc[0, "NumMentions"] == 2
    mentions = duckdb.sql(f"SELECT NumMentions, Actor1Code FROM '{path}'").fetchall()
    assert mentions == [(2, "NORGOVDIP")]
