#!/usr/bin/env python3
"""Benchmark gate: runs ../shared/bench/evaluate and fails if a figure drops below its pinned floor.

Floors live in bench/floors.toml, each with the date and command it was measured with.
Raise a floor when the work improves a figure; never lower one to pass.

    python scripts/bench_gate.py [--floors bench/floors.toml] [--shared ../shared] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Floor:
    """One pinned figure: ``suite``/``task``/``metric`` must stay at or above ``minimum``."""

    suite: str
    task: str
    metric: str
    minimum: float
    measured: str
    command: str


def load_floors(path: Path) -> list[Floor]:
    """The floors of a TOML file made of ``[[floor]]`` tables."""
    data = tomllib.loads(path.read_text("utf-8"))
    return [
        Floor(f["suite"], f["task"], f["metric"], float(f["min"]), f["measured"], f["command"])
        for f in data.get("floor", [])
    ]


def figure(report: dict, floor: Floor) -> float | None:
    """The value of ``floor``'s metric in an ``evaluate --json`` report, or None if absent."""
    suite = report.get("suites", {}).get(floor.suite, {})
    metric = suite.get("tasks", {}).get(floor.task, {}).get("metrics", {}).get(floor.metric, {})
    value = metric.get("value")
    return float(value) if isinstance(value, int | float) else None


def compare(report: dict, floors: list[Floor]) -> list[str]:
    """One line per floor that the report does not reach (a missing figure fails too)."""
    failures = []
    for floor in floors:
        value = figure(report, floor)
        if value is None or value < floor.minimum:
            shown = "missing" if value is None else f"{value:.4f}"
            failures.append(
                f"{floor.suite} {floor.task}.{floor.metric}: {shown} < floor {floor.minimum:.4f} "
                f"(pinned {floor.measured})"
            )
    return failures


def run_evaluate(shared: Path, suites: list[str], json_out: Path) -> None:
    """Run the shared evaluator with this checkout's ``communique`` on ``suites``."""
    exe = Path(sys.executable).with_name("communique")
    cmd = [sys.executable, str(shared / "bench" / "evaluate"), "--cmd", f"{exe} extract",
           "--json", str(json_out), "--suite", *suites]
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--floors", type=Path, default=ROOT / "bench" / "floors.toml")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", type=Path, help="keep the evaluate report here")
    parser.add_argument("--report", type=Path, help="compare an existing evaluate --json report, run nothing")
    args = parser.parse_args(argv)
    floors = load_floors(args.floors)
    if args.report:
        report_path = args.report
    else:
        report_path = args.json or Path(tempfile.mkdtemp()) / "bench.json"
        run_evaluate(args.shared, sorted({f.suite for f in floors}), report_path)
    failures = compare(json.loads(report_path.read_text("utf-8")), floors)
    for line in failures:
        print(f"FLOOR BROKEN  {line}", file=sys.stderr)
    print(f"bench gate: {len(floors) - len(failures)} of {len(floors)} floors held")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
