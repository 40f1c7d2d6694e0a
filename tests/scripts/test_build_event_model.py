"""The shipped event model is rebuilt from the training set by scripts/build_event_model.py, same scores."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from communique.events.model import builtin_path, read_model

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("build_event_model", ROOT / "scripts" / "build_event_model.py")
build_event_model = importlib.util.module_from_spec(spec)
sys.modules["build_event_model"] = build_event_model
spec.loader.exec_module(build_event_model)


def test_rebuilt_model_has_the_shipped_models_heldout_scores(tmp_path):
    shipped = read_model(builtin_path())
    report = build_event_model.build(build_event_model.DATA, tmp_path / "events_model.json.gz")
    digest = report.pop("sha256")
    assert report == shipped.heldout  # same split, same threshold, same held-out figures
    rebuilt = read_model(tmp_path / "events_model.json.gz")
    assert rebuilt.threshold == shipped.threshold
    assert rebuilt.events.classes == shipped.events.classes
    assert len(digest) == 64


def test_shipped_model_is_the_one_the_script_writes_by_default():
    assert build_event_model.OUTPUT.resolve() == builtin_path().resolve()
