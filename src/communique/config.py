"""One configuration with defaults: the packaged ``config.toml`` merged with a user's file."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

CONFIG_ENV = "COMMUNIQUE_CONFIG"


class ConfigError(ValueError):
    """The configuration file cannot be read or has a wrong value."""


def default_config() -> dict[str, Any]:
    """The packaged defaults."""
    text = resources.files("communique.data").joinpath("config.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the user's file (``path`` or ``$COMMUNIQUE_CONFIG``), then ``overrides``."""
    config = default_config()
    path = path or os.environ.get(CONFIG_ENV)
    if path:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        merge(config, user)
    if overrides:
        merge(config, overrides)
    return config


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Merge ``extra`` into ``base`` recursively (tables merge, other values replace)."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def parse_assignment(text: str) -> dict[str, Any]:
    """``stages.nlp.model=en_core_web_md`` as a nested dict (values parsed as TOML, else strings)."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"expected KEY=VALUE, got {text!r}")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    nested: dict[str, Any] = {}
    node = nested
    parts = key.strip().split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return nested
