"""``communique train events``: a model trained on labelled sentences, its held-out figures, its use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY_TRAINING = ROOT / "tests" / "events" / "data" / "tiny_training.jsonl"


def communique(*args: str) -> subprocess.CompletedProcess:
    """The real command line, as ``python -m communique``."""
    return subprocess.run([sys.executable, "-m", "communique", *args], input=b"", capture_output=True,
                          cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    model = tmp_path_factory.mktemp("train") / "tiny.json.gz"
    return communique("train", "events", "--data", str(TINY_TRAINING), "-o", str(model)), model


def test_train_events_writes_the_model_and_prints_heldout_figures(trained):
    result, model = trained
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "held out" in out and "held-out rules+model" in out and "threshold:" in out
    assert model.is_file()
    digest = Path(f"{model}.sha256").read_text().split()[0]
    assert digest[:16] in out


def test_train_events_model_is_used_by_extract(trained, tmp_path):
    _, model = trained
    source = tmp_path / "in.jsonl"
    line = {"id": "a", "text": "Freedonian jets strafed the port of Velka on Sunday."}
    source.write_text(json.dumps(line) + "\n")
    # a model of one's own codebook codes words the lexicon lacks: model_words=all (docs/cli.md)
    result = communique("extract", str(source), "-q", "--set", f"stages.events.model={model}",
                        "--set", "stages.events.model_words=all")
    assert result.returncode == 0, result.stderr.decode()
    (line,) = [json.loads(x) for x in result.stdout.decode().splitlines()]
    (event,) = line["events"]
    assert event["plover"] == "ASSAULT" and event["coded_by"] == "model"


def test_train_events_names_the_bad_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "It rained.", "events": []}\n{"text": "Ruritania met Freedonia.", "events": '
                    '[{"plover": "CONSULT", "trigger": "talks", "source": "Ruritania"}]}\n')
    result = communique("train", "events", "--data", str(data), "-o", str(tmp_path / "m.json.gz"))
    assert result.returncode == 2
    assert "bad.jsonl:2" in result.stderr.decode() and not (tmp_path / "m.json.gz").exists()


def test_extract_with_an_altered_model_stops_with_a_clear_message(trained, tmp_path):
    _, model = trained
    altered = tmp_path / "altered.json.gz"
    altered.write_bytes(model.read_bytes() + b"\0")
    (tmp_path / "altered.json.gz.sha256").write_text(Path(f"{model}.sha256").read_text())
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "It rained."}) + "\n")
    result = communique("extract", str(source), "-q", "--set", f"stages.events.model={altered}")
    assert result.returncode != 0 and "sha256" in result.stderr.decode()
