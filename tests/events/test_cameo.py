"""Tests for CAMEO Goldstein scores and quad classes."""

from __future__ import annotations

import pytest

from communique.events.cameo import (
    GoldsteinTableError,
    cameo_root,
    goldstein,
    quad_class,
    read_goldstein,
)


def test_goldstein_scores_cooperation_positive_and_violence_negative():
    assert goldstein("057") > 0  # sign a formal agreement
    assert goldstein("190") == -10.0  # use conventional military force
    assert goldstein("046") > goldstein("040")  # negotiating is more cooperative than consulting


def test_goldstein_falls_back_to_the_three_digit_parent():
    assert goldstein("1724") == goldstein("172")


def test_goldstein_of_missing_code_is_none():
    assert goldstein(None) is None


def test_goldstein_table_rejects_bad_score():
    with pytest.raises(GoldsteinTableError):
        read_goldstein("010\tzero\n")


def test_quad_class_groups_plover_types():
    assert quad_class("CONSULT") == "verbal_cooperation"
    assert quad_class("AID") == "material_cooperation"
    assert quad_class("THREATEN") == "verbal_conflict"
    assert quad_class("ASSAULT") == "material_conflict"
    assert quad_class("DANCE") is None


def test_cameo_root_is_the_first_two_digits():
    assert cameo_root("0871") == "08"
