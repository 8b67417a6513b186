"""A message with a team code ("teamcode TEAM-7K3M9Q") is a colleague joining a team scan.

Team codes are random, so DIET sees mostly unfamiliar character n-grams and its confidence
varies from code to code; below the fallback threshold the colleague would be asked to rephrase
the very text the invitation told them to type. This rule-like classifier runs after DIET and
before the FallbackClassifier and settles exactly that case (bot.team.codes decides what a team
code looks like: the word "team" right before six letters and digits); everything else is left
to DIET.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.team.codes import find_team_code

MAX_CHARS = 300  # a long message that happens to quote a code is left to DIET


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TeamCodeClassifier(GraphComponent):
    """Sets the intent of a message with a team code to `join_team_scan` with full confidence."""

    INTENT_NAME = "join_team_scan"

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TeamCodeClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if len(text) <= MAX_CHARS and not text.startswith("/") and find_team_code(text):
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
