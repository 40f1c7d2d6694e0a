"""The CLI reference (docs/cli.md) names every subcommand and long option of ``communique``."""

from __future__ import annotations

from pathlib import Path

from communique.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def parser_words() -> set[str]:
    """Every subcommand name and long option of the parser, found by walking it."""
    words: set[str] = set()
    parsers = [build_parser()]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            words.update(s for s in action.option_strings if s.startswith("--"))
            choices = getattr(action, "choices", None)
            if not isinstance(choices, dict):  # option values, not subcommands
                continue
            for name, sub in choices.items():
                if hasattr(sub, "_actions"):
                    words.add(name)
                    parsers.append(sub)
    return words


def test_every_command_and_option_is_in_the_cli_reference():
    reference = (ROOT / "docs" / "cli.md").read_text("utf-8")
    missing = sorted(w for w in parser_words() if f"`{w}" not in reference and f" {w}" not in reference)
    assert missing == []
    assert "extract" in parser_words()  # the walk itself found the subcommand
