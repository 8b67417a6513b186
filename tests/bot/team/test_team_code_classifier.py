"""The team-code rule in the NLU pipeline: the text the invitation asks for always joins."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.team_code import TeamCodeClassifier
from tests.rule_classifiers import after_diet


def classify(text: str, predicted: str = "nlu_fallback") -> Message:
    ranking = [(predicted, 0.3), ("join_team_scan", 0.2)]
    return after_diet(TeamCodeClassifier(), text, ranking)


@pytest.mark.parametrize(
    "text",
    [
        "teamcode TEAM-W79G-RYAB-X4TZ",
        "TEAM-W79G-RYAB-X4TZ",
        "team-w79g-ryab-x4tz",
        "Hoi! Mijn collega stuurde me teamcode team-4hk8-wpab-x4tz.",
        "verder met de teamscan, TEAM-4HK8-WPAB-X4TZ",
    ],
)
def test_a_message_with_a_team_code_joins(text):
    message = classify(text)
    assert message.get(INTENT) == {"name": "join_team_scan", "confidence": 1.0}
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == {"name": "join_team_scan", "confidence": 1.0}
    assert [r["name"] for r in ranking].count("join_team_scan") == 1


@pytest.mark.parametrize(
    "text",
    [
        "mijn hervatcode is 9RT4LB",  # a resume code
        "ik wil een teamscan starten",
        "teamleider publieksservice",
        '/inform{"answer": "3"}',
        "",
        "teamcode TEAM-W79G-RYAB-X4TZ " + "en verder nog heel veel tekst " * 20,
    ],
)
def test_everything_else_is_left_to_diet(text):
    assert classify(text, "resume_scan").get(INTENT)["name"] == "resume_scan"
