"""Repeat-scan comparison per component, and when to repeat."""

from __future__ import annotations

from datetime import date

import pytest

from bot.team.progress import change_text, compare_scores, repeat_suggestion, repeat_window
from tests.bot.team.helpers import CONTENT

BEFORE = {
    "strategie_budget": 2.0,
    "cultuur_competenties": 3.5,
    "publiek_waarde": None,  # too few answers last time
    "data_technologie": 3.0,
    "processen_structuur": 2.5,
}
NOW = {
    "strategie_budget": 2.75,
    "cultuur_competenties": 3.25,
    "publiek_waarde": 3.0,
    "data_technologie": 3.24,
    "processen_structuur": None,  # too few answers now
}


def test_only_components_scored_both_times_are_compared_in_model_order():
    changes = compare_scores(BEFORE, NOW, CONTENT)
    assert [(c.component, c.before, c.now, c.delta) for c in changes] == [
        ("strategie_budget", 2.0, 2.75, 0.75),
        ("cultuur_competenties", 3.5, 3.25, -0.25),
        ("data_technologie", 3.0, 3.24, 0.24),
    ]


def test_no_previous_scan_means_no_changes():
    assert compare_scores(None, NOW, CONTENT) == []
    assert compare_scores({}, NOW, CONTENT) == []


@pytest.mark.parametrize(
    "before, now, expected",
    [
        (2.0, 2.75, "hoger"),
        (3.5, 3.25, "lager"),  # exactly the threshold counts as a change
        (3.0, 3.24, "gelijk"),
        (3.0, 2.76, "gelijk"),
        (1.0, 5.0, "hoger"),
    ],
)
def test_direction_uses_the_unchanged_threshold(before, now, expected):
    changes = compare_scores({"strategie_budget": before}, {"strategie_budget": now}, CONTENT)
    assert changes[0].direction(0.25) == expected


def test_change_text_reads_in_dutch():
    changes = compare_scores(BEFORE, NOW, CONTENT)
    assert change_text(changes[0], 0.25) == "Strategie & budget: van 2,0 naar 2,8 (0,8 hoger)"
    assert change_text(changes[1], 0.25) == "Cultuur & competenties: van 3,5 naar 3,2 (0,2 lager)"
    assert change_text(changes[2], 0.25) == (
        "Data & technologie: van 3,0 naar 3,2 (ongeveer gelijk)"
    )


def test_repeat_window_is_six_to_twelve_months_later_also_at_month_ends():
    assert repeat_window(date(2026, 8, 31), (6, 12)) == (date(2027, 2, 28), date(2027, 8, 31))
    assert repeat_window(date(2026, 11, 28), (6, 12)) == (date(2027, 5, 28), date(2027, 11, 28))


def test_repeat_suggestion_names_the_months():
    text = repeat_suggestion(date(2026, 11, 28), (6, 12), team=True)
    assert text.startswith("Doe de teamscan over 6 tot 12 maanden opnieuw")
    assert "tussen mei 2027 en november 2027" in text
    assert repeat_suggestion(date(2026, 1, 5), (6, 12)).startswith("Doe de scan over")
