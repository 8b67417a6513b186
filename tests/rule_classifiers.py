"""Run one rule-like NLU step (nlu_components/) on a message as DIET left it."""

from __future__ import annotations

from typing import List, Tuple

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.rule_intent import RuleIntentClassifier


def after_diet(rule: RuleIntentClassifier, text: str, ranking: List[Tuple[str, float]]) -> Message:
    """`text` with DIET's `ranking` (first entry is its intent), then through `rule`."""
    message = Message(data={TEXT: text})
    name, confidence = ranking[0]
    message.set(INTENT, {"name": name, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    return rule.process([message])[0]
