"""The fuzz suite of issue 14: hostile documents beside good ones, and property tests over the
readers and the quotes and times stages. Each hostile case runs with 20 good documents, which must
come out exactly as they do without it; the inputs are made by scripts/hostile_inputs.py."""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.article import Article
from communique.quotes.marks import find_quote_marks
from communique.runner import run_serial
from communique.sources import ReadOptions, SourceDocument, read_documents, read_jsonl
from communique.stages.quotes import QuotesStage
from communique.stages.times import TimesStage
from communique.store.inputs import read_inputs

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("hostile_inputs", ROOT / "scripts" / "hostile_inputs.py")
hostile = importlib.util.module_from_spec(spec)
sys.modules["hostile_inputs"] = hostile
spec.loader.exec_module(hostile)

OPTIONS = ReadOptions()
RECORD_FIELDS = ("entities", "quotes", "events", "times", "places")


def contract(document: SourceDocument) -> dict:
    """The output line without ``source``, which names the file and so differs between runs."""
    line = document.to_output()
    line.pop("source", None)
    return line


@pytest.fixture(scope="module")
def clean(pipeline) -> dict[str, dict]:
    """The 20 good documents run on their own, by id."""
    documents = [SourceDocument(Article(**record)) for record in hostile.good_records()]
    return {d.article.id: contract(d) for d in run_serial(documents, pipeline)}


def assert_good_unchanged(out: list[SourceDocument], clean: dict[str, dict]) -> list[SourceDocument]:
    """21 documents came out, the 20 good ones exactly as alone; returns the hostile one(s)."""
    assert len(out) == hostile.GOOD_COUNT + 1
    good = [d for d in out if Path(d.article.id).stem in clean]
    assert len(good) == hostile.GOOD_COUNT
    for document in good:
        line = contract(document)
        expected = dict(clean[Path(document.article.id).stem], id=line["id"])
        if "text" in line:  # a text file echoes its text; the JSONL run did not
            expected["text"] = line["text"]
        assert line == expected
    return [d for d in out if d not in good]


def assert_offsets_inside(line: dict, text: str) -> None:
    """Every span of every record points inside the text."""
    spans = [q["span"] for q in line["quotes"]] + [t["span"] for t in line["times"]]
    spans += [p["span"] for p in line["places"]] + [m for e in line["entities"] for m in e["mentions"]]
    spans += [v["trigger_span"] for v in line["events"]]
    assert all(0 <= s < e <= len(text) for s, e in spans)


SMALL_TEXT_CASES = {
    "said": lambda: hostile.said(2_000),
    "straight_marks": lambda: hostile.straight_marks(1_000),
    "run_on": lambda: hostile.run_on_sentence(10_000),
    "rtl_zero_width": hostile.TEXT_CASES["rtl_zero_width"],
    "emoji": hostile.TEXT_CASES["emoji"],
    "unbalanced_marks": hostile.TEXT_CASES["unbalanced_marks"],
    "control_chars": hostile.TEXT_CASES["control_chars"],
}
"""The text cases, sized down where the full size is only a matter of time (scripts/bench_robustness.py
measures the full sizes)."""


@pytest.mark.parametrize("case", sorted(SMALL_TEXT_CASES))
def test_a_hostile_text_costs_no_good_document_anything(case, pipeline, clean, tmp_path):
    path = tmp_path / "in.jsonl"
    hostile.write_jsonl(path, json.dumps({"id": "hostile", "text": SMALL_TEXT_CASES[case]()}))
    out = list(run_serial(read_documents(str(path), OPTIONS), pipeline))
    [bad] = assert_good_unchanged(out, clean)
    assert_offsets_inside(contract(bad), bad.article.text)


@pytest.mark.parametrize("case", [*hostile.RAW_LINE_CASES, "invalid_utf8_line"])
def test_a_hostile_jsonl_line_is_one_document_and_the_run_goes_on(case, pipeline, clean, tmp_path):
    path = hostile.write_case(tmp_path, case)
    out = list(run_serial(read_documents(str(path), OPTIONS), pipeline))
    [bad] = assert_good_unchanged(out, clean)
    assert bad.article.errors
    json.dumps(contract(bad), ensure_ascii=False).encode("utf-8")  # it can be written out


@pytest.mark.parametrize("case", sorted(hostile.DIRECTORY_CASES))
def test_a_hostile_file_in_a_directory_costs_only_itself(case, pipeline, clean, tmp_path):
    path = hostile.write_case(tmp_path, case)
    dated = ReadOptions(published="2024-03-01")  # as the good JSONL records are
    out = list(run_serial(read_documents(str(path), dated), pipeline))
    [bad] = assert_good_unchanged(out, clean)
    assert bad.article.id.startswith("hostile")


def test_a_csv_with_an_oversized_field_keeps_every_other_row(pipeline, clean, tmp_path):
    path = tmp_path / "rows.csv"
    hostile.write_csv(path, 300_000)  # over the field limit that max_chars=10,000 sets
    out = list(run_serial(read_inputs([str(path)], ReadOptions(max_chars=10_000)), pipeline))
    [bad] = assert_good_unchanged(out, clean)
    assert bad.article.errors


def test_a_warc_with_one_hostile_member_keeps_the_others(pipeline, tmp_path):
    path = hostile.write_case(tmp_path, "warc_bad_member")
    out = list(read_inputs([str(path)], OPTIONS))
    assert len(out) == hostile.GOOD_COUNT + 1
    assert sum(bool(d.article.text) for d in out) >= hostile.GOOD_COUNT


# --- properties: random input in, never an exception out, offsets always inside the text ---------

MARKS = "\"'“”„«»‘’‹›"
WORDS = ["The", "minister", "said", "told", "reporters", "on", "Monday", "in", "Oslo", "March", "3",
         "2024", "next", "week", "talks", "would", "resume", ",", ".", "\n", "\n\n", *MARKS]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=80).map(lambda b: b.replace(b"\n", b"")), max_size=8))
def test_the_jsonl_reader_gives_one_document_per_line_whatever_the_bytes(lines: list[bytes]):
    stream = io.BytesIO(b"".join(line + b"\n" for line in lines))
    out = list(read_jsonl(stream, OPTIONS))
    assert len(out) == sum(bool(line.strip()) for line in lines)
    for document in out:
        json.dumps(document.to_output(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS + "ab .,\n—(")), max_size=120))
def test_quote_marks_are_sorted_disjoint_spans_inside_the_text(text: str):
    spans = find_quote_marks(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


phrases = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=phrases)
def test_the_quotes_and_times_stages_never_fail_and_stay_inside_the_text(text: str, parsed):
    article = parsed(text)
    article = TimesStage().process(QuotesStage().process(article))
    assert all(0 <= q.span[0] <= q.span[1] <= len(text) for q in article.quotes)
    assert all(0 <= t.span[0] < t.span[1] <= len(text) for t in article.times)
