"""Every quick-question answer is short, has a link, and ends with a next step (issue 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RESPONSES = yaml.safe_load((ROOT / "data" / "responses" / "faq.yml").read_text())["responses"]
MAX_WORDS = 110


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_faq_answer_is_short_linked_and_ends_with_a_next_step(name):
    variants = RESPONSES[name]
    assert variants, name
    for variant in variants:
        text = variant["text"].strip()
        assert len(text.split()) <= MAX_WORDS, f"{name}: {len(text.split())} words"
        assert re.search(r"https://\S+", text), f"{name}: no link"
        last_line = text.splitlines()[-1]
        assert last_line.rstrip().endswith(("?", ".")), f"{name}: last line {last_line!r}"
        assert "http" not in last_line, f"{name}: the last line should be the next step"
        assert variant.get("buttons"), f"{name}: the next step should also be a button"


def test_there_are_at_least_thirty_topics():
    assert len(RESPONSES) >= 30
