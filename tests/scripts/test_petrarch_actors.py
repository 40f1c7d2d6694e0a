"""The PETRARCH actor dictionary converter: a made-up dictionary becomes importable CSV rows."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("petrarch_actors", ROOT / "scripts" / "petrarch_actors.py")
petrarch_actors = importlib.util.module_from_spec(spec)
sys.modules["petrarch_actors"] = petrarch_actors  # dataclasses look their module up there
spec.loader.exec_module(petrarch_actors)

SAMPLE = """\
# made-up entries in the PETRARCH layout
KAJA_TAMM_  # an invented Estonian politician
+TAMM_
+K._TAMM_
[ESTLEG 150301-190415]
[ESTGOV >190416]

FREEDONIA_ [FRE]
+FREEDONIAN_REPUBLIC_
"""


def converted() -> list[dict[str, str]]:
    out = io.StringIO()
    petrarch_actors.convert(io.StringIO(SAMPLE), out, kind=None)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_each_dated_code_becomes_a_role_with_its_period():
    tamm = [r for r in converted() if r["name"] == "Kaja Tamm"]
    assert [(r["role"], r["valid_from"], r["valid_to"]) for r in tamm] == [
        ("ESTLEG", "2015-03-01", "2019-04-15"),
        ("ESTGOV", "2019-04-16", ""),
    ]
    assert tamm[0]["code"] == "ESTGOV"  # no undated code: the latest dated one
    assert tamm[0]["aliases"] == "Tamm; K. Tamm"


def test_an_undated_code_on_the_entry_line_is_the_actor_code():
    (freedonia,) = [r for r in converted() if r["name"] == "Freedonia"]
    assert (freedonia["code"], freedonia["aliases"], freedonia["role"]) == ("FRE", "Freedonian Republic", "")


def test_two_digit_years_before_the_pivot_are_this_century():
    assert petrarch_actors.day("090120") == "2009-01-20"
    assert petrarch_actors.day("951231") == "1995-12-31"
    assert petrarch_actors.period("<080603") == (None, "2008-06-03")
