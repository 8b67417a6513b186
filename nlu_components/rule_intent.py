"""Base for rule-like intent classifiers that run after DIET and before the FallbackClassifier.

A subclass names its intent and says which texts it settles; those get that intent with full
confidence (first in the ranking, every other intent at 0), everything else is left to DIET.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


class RuleIntentClassifier(GraphComponent):
    """Sets INTENT_NAME with confidence 1.0 on every message whose text `settles`."""

    INTENT_NAME = ""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleIntentClassifier:
        return cls()

    def settles(self, text: str) -> bool:
        raise NotImplementedError

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if self.settles(message.get(TEXT) or ""):
                self._settle(message)
        return messages

    def _settle(self, message: Message) -> None:
        ranking = [
            {**entry, "confidence": 0.0}
            for entry in message.get(INTENT_RANKING_KEY) or []
            if entry.get("name") != self.INTENT_NAME
        ]
        message.set(INTENT, {"name": self.INTENT_NAME, "confidence": 1.0}, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [{"name": self.INTENT_NAME, "confidence": 1.0}] + ranking,
            add_to_output=True,
        )
