"""The benchmark gate compares evaluate's JSON report with pinned floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench_gate", ROOT / "scripts" / "bench_gate.py")
bench_gate = importlib.util.module_from_spec(spec)
sys.modules["bench_gate"] = bench_gate  # dataclasses look their module up there
spec.loader.exec_module(bench_gate)


def _report(value):
    metrics = {"mention_f1": {"value": value, "n": 10}}
    return {"suites": {"entities/gum_news": {"tasks": {"entities": {"metrics": metrics}}}}}


FLOOR = bench_gate.Floor("entities/gum_news", "entities", "mention_f1", 0.7, "2026-01-01", "evaluate")


def test_gate_passes_a_figure_at_or_above_its_floor():
    assert bench_gate.compare(_report(0.7), [FLOOR]) == []
    assert bench_gate.compare(_report(0.9), [FLOOR]) == []


def test_gate_fails_a_figure_below_its_floor():
    failures = bench_gate.compare(_report(0.69), [FLOOR])
    assert len(failures) == 1 and "mention_f1" in failures[0]


def test_gate_fails_a_missing_figure():
    assert bench_gate.compare({"suites": {}}, [FLOOR]) and bench_gate.compare(_report(None), [FLOOR])


def test_pinned_floors_file_names_date_and_command_for_every_floor():
    floors = bench_gate.load_floors(ROOT / "bench" / "floors.toml")
    assert floors, "bench/floors.toml pins no floor"
    for floor in floors:
        assert floor.measured[:4].isdigit() and "evaluate" in floor.command
        assert 0.0 <= floor.minimum <= 1.0
