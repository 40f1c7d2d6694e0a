"""The ``communique`` command, run for real: outputs, bad input, exit codes, signals."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.cli import main

ROOT = Path(__file__).resolve().parents[2]
INGEST_ONLY = ["--set", 'pipeline.stages=["ingest"]']
"""Runs the real CLI without loading spaCy, for tests about plumbing rather than extraction."""

STORY = (
    "The foreign minister of Norway met the Chilean ambassador in Oslo on Monday. "
    '"We will keep talking," the minister told reporters after the meeting.'
)
PAGE = (
    "<html><head><title>Port strike ends in Valparaiso</title>"
    '<meta property="article:published_time" content="2023-06-05T08:00:00Z"></head>'
    "<body><article><h1>Port strike ends in Valparaiso</h1>"
    "<p>Dock workers in Valparaiso ended a week-long strike on Sunday after the port authority "
    "agreed to raise wages, a union spokesman said.</p>"
    "<p>Ships that had waited off the coast began to unload their cargo on Monday morning.</p>"
    "</article></body></html>"
)


def communique(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command line, as ``python -m communique``."""
    return subprocess.run(
        [sys.executable, "-m", "communique", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        timeout=300,
    )


def output_lines(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode()


# --- the real pipeline: few runs, each loads spaCy -------------------------------------------------


@pytest.fixture(scope="module")
def bad_input_run(tmp_path_factory) -> subprocess.CompletedProcess:
    """One real-model run over a JSONL file holding every kind of bad line between two good ones."""
    path = tmp_path_factory.mktemp("bad") / "bad.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": STORY, "published": "2022-01-11"}).encode(),
        b'{"id": "empty", "text": ""}',
        b'{"id": "blank", "text": "   \\n   "}',
        b'{"id": "latin1", "text": "Caf\xe9 owners in Quito protested on Friday."}',
        b'{"id": "broken", "text": "no closing quote',
        json.dumps({"text": "Farmers in Lyon blocked roads on Tuesday."}).encode(),
        json.dumps({"id": "when", "text": "Farmers went home.", "published": "next Thursday-ish"}).encode(),
        b'{"id": "big", "text": "' + b"Word " * 500_000 + b'"}',  # 2.5 M characters: over max_chars
        b'{"id": "huge", "text": "' + b"a" * 50_000_000 + b'"}',  # 50 MB: not even read into memory
        b"[" * 100_000 + b"]" * 100_000,  # nested past Python's recursion limit
        # valid JSON, invalid Unicode:
        b'{"id": "lone", "text": "The mayor said \\ud800 the bridge would open."}',
        json.dumps({"id": "said", "text": " ".join(["said"] * 3000)}).encode(),  # a run-on of one word
        json.dumps({"id": "after", "text": STORY}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return communique("extract", str(path), "--quiet")


def test_bad_input_never_stops_the_run(bad_input_run):
    assert_clean(bad_input_run)
    assert bad_input_run.returncode == 0
    ids = [line["id"] for line in output_lines(bad_input_run)]
    assert ids == ["ok", "empty", "blank", "latin1", "line-5", "line-6", "when", "big", "huge", "line-10",
                   "lone", "said", "after"]


def test_good_documents_around_bad_ones_have_no_errors(bad_input_run):
    lines = {line["id"]: line for line in output_lines(bad_input_run)}
    assert lines["ok"]["errors"] == [] and lines["after"]["errors"] == []
    assert lines["ok"]["published"] == "2022-01-11"
    assert "text" not in lines["ok"]  # JSONL input already holds the text


@pytest.mark.parametrize(
    ("doc_id", "stage", "words"),
    [
        ("empty", "ingest", "empty"),
        ("blank", "ingest", "empty"),
        ("latin1", "read", "UTF-8"),
        ("line-5", "read", "not valid JSON"),
        ("line-6", "read", "no usable 'id'"),
        ("when", "ingest", "not an ISO date"),
        ("big", "ingest", "max_chars"),
        ("huge", "read", "max_chars"),
        ("line-10", "read", "nested too deeply"),
        ("lone", "read", "lone surrogate"),
        ("said", "nlp", "max_sentence_tokens"),
    ],
)
def test_each_bad_document_carries_its_error(bad_input_run, doc_id, stage, words):
    line = next(x for x in output_lines(bad_input_run) if x["id"] == doc_id)
    assert any(e["stage"] == stage and words in e["message"] for e in line["errors"]), line["errors"]
    assert all(isinstance(line[key], list) for key in ("entities", "quotes", "events", "times", "places"))


def test_directory_with_two_workers_reads_text_html_and_survives_binary(tmp_path: Path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "notes.jsonl").write_text(json.dumps({"id": "n1", "text": "Talks in Lima ended."}) + "\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (folder / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "c.txt").write_bytes(b"\x00\x01\x02\x03binary\x00" * 64)
    out = tmp_path / "out.jsonl"
    result = communique("extract", str(folder), "-o", str(out), "--workers", "2", "--published", "2022-01-11")
    assert_clean(result)
    assert result.returncode == 0
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a.txt", "n1", "sub/b.html", "sub/c.txt"]
    text_doc, _, html_doc, binary_doc = lines
    assert text_doc["text"] == STORY and text_doc["source"].endswith("a.txt")
    assert text_doc["published"] == "2022-01-11"
    assert html_doc["title"] == "Port strike ends in Valparaiso" and html_doc["published"] == "2023-06-05"
    assert html_doc["text"].startswith("Dock workers in Valparaiso")
    assert "binary" in binary_doc["errors"][0]["message"]
    assert b"photo.jpg" in result.stderr


def test_pretty_report_of_the_example_article():
    script = Path(sys.executable).with_name("communique")
    result = subprocess.run(
        [str(script), "extract", "examples/summit.txt", "--published", "2024-03-14", "--pretty"],
        capture_output=True, cwd=ROOT, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert_clean(result)
    report = result.stdout.decode("utf-8")
    assert report.startswith("== examples/summit.txt (published 2024-03-14)")
    for heading in ("Entities (", "Quotes (", "Events ("):
        assert heading in report


# --- plumbing, without the model --------------------------------------------------------------------


def test_stdin_plain_text_is_one_document_with_its_text_and_date():
    result = communique("extract", "-", "--published", "2022-03-01", *INGEST_ONLY,
                        stdin="Strikers in Zürich marched on Monday.".encode())
    (line,) = output_lines(result)
    assert (line["id"], line["published"], line["source"]) == ("stdin", "2022-03-01", "stdin")
    assert line["text"] == "Strikers in Zürich marched on Monday."
    assert "Zürich".encode() in result.stdout  # written as UTF-8, not as \\u escapes


def test_stdin_jsonl_keeps_ids_and_order():
    stdin = b"".join(json.dumps({"id": f"s{i}", "text": f"Item {i}."}).encode() + b"\n" for i in range(5))
    result = communique("extract", "-", *INGEST_ONLY, stdin=stdin)
    assert [x["id"] for x in output_lines(result)] == [f"s{i}" for i in range(5)]


def test_exit_1_when_no_document_could_be_processed(tmp_path: Path):
    path = tmp_path / "junk.jsonl"
    path.write_bytes(b"{not json\n[1, 2]\n{\"id\": \"x\", \"text\": \"  \"}\n")
    result = communique("extract", str(path), *INGEST_ONLY)
    assert_clean(result)
    assert result.returncode == 1
    assert len(output_lines(result)) == 3
    assert b"no document could be processed" in result.stderr


def test_missing_input_is_a_one_line_usage_error(tmp_path: Path):
    result = communique("extract", str(tmp_path / "absent.jsonl"))
    assert result.returncode == 2
    assert result.stderr.decode().strip().count("\n") == 0
    assert "input not found" in result.stderr.decode()
    assert_clean(result)


def test_missing_model_stops_with_a_message_and_exit_1(tmp_path: Path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"id": "a", "text": "Talks."}\n')
    result = communique("extract", str(path), "--model", "no_such_model_xx")
    assert_clean(result)
    assert result.returncode == 1
    assert b"no_such_model_xx" in result.stderr and b"requirements/model.txt" in result.stderr


def test_ctrl_c_exits_130_without_a_traceback():
    process = subprocess.Popen(
        [sys.executable, "-m", "communique", "extract", "-", *INGEST_ONLY],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    process.stdin.write(b'{"id": "a", "text": "Waiting for more."}\n')
    process.stdin.flush()
    wait_for_worker(process.pid)  # past its imports, in the run: blocked reading stdin
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in stderr and b"interrupted" in stderr


def wait_for_worker(pid: int, limit: float = 60.0) -> None:
    """Until the command has started its worker process (Linux /proc): a fixed sleep sent the
    signal during the imports on a busy machine, before the command could handle it."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if not children.exists():
        time.sleep(1.5)  # no /proc: a fixed wait, as good as it gets
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not children.read_text().split():
        time.sleep(0.05)
    time.sleep(0.3)


def test_closed_stdout_ends_quietly(tmp_path: Path):
    path = tmp_path / "many.jsonl"
    lines = (json.dumps({"id": f"d{i}", "text": "Talks went on."}) + "\n" for i in range(50_000))
    path.write_text("".join(lines))
    process = subprocess.Popen(
        [sys.executable, "-m", "communique", "extract", str(path), *INGEST_ONLY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    first = process.stdout.readline()
    process.stdout.close()  # what `| head -1` does
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert json.loads(first)["id"] == "d0"
    assert b"Traceback" not in stderr and b"Exception" not in stderr
    assert process.returncode == 141


def test_version_option_prints_the_version():
    result = communique("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("communique 0.")


# --- usage errors, in process (no subprocess needed: nothing is loaded before they are found) --------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["extract", "examples/summit.txt", "--workers", "0"], "--workers must be at least 1"),
        (["extract", "examples/summit.txt", "--published", "last Monday"], "is not a date"),
        (["extract", "examples/summit.txt", "--set", "no-equals"], "KEY=VALUE"),
        (["extract", "examples/summit.txt", "--config", "/nonexistent/c.toml"], "cannot read config file"),
        (["extract", "examples/summit.txt", "--set", 'pipeline.stages=["sentiment"]'], "unknown stage"),
        (["extract", "examples/summit.txt", "--set", 'pipeline.stages=["events", "nlp"]'], "requires"),
        (["extract", "examples/summit.txt", "-o", "/nonexistent/dir/out.jsonl"], "cannot write"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, words, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.jsonl", "--bogus"])
    assert exit_info.value.code == 2
    assert "--bogus" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "extract" in capsys.readouterr().err


def test_output_file_is_written_with_non_ascii_kept(tmp_path: Path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "z", "text": "x", "title": "Gespräche in Zürich"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out), *INGEST_ONLY]) == 0
    assert '"title": "Gespräche in Zürich"' in out.read_text("utf-8")


def test_lone_surrogates_are_replaced_so_the_line_can_be_written(bad_input_run):
    line = next(x for x in output_lines(bad_input_run) if x["id"] == "lone")
    assert all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in json.dumps(line, ensure_ascii=False))


def test_output_that_utf8_cannot_hold_is_mended_and_noted():
    from communique.article import Article
    from communique.cli.extract import encode_document
    from communique.sources import SourceDocument

    document = SourceDocument(Article(id="s", text="The envoy \udc80 left."), echo_text=True)
    line = json.loads(encode_document(document, pretty=False))
    assert line["text"] == "The envoy \ufffd left."
    assert line["errors"][0]["stage"] == "output"
