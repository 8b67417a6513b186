"""A message that is nothing but an e-mail address is an answer (`inform`), never a question.

DIET sees an address as a string of character n-grams and may call it anything ("faq" or
"request_advice"), which pulls the user out of the booking or lookup form at the one moment an
address is asked for. This rule-like classifier runs after DIET and before the
FallbackClassifier and settles exactly that case; everything else is left to DIET.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

# one address, optionally with a short lead-in such as "mijn mail is" or "e-mail:"
EMAIL_ONLY = re.compile(
    r"^\s*(?:(?:mijn\s+)?(?:e-?mail(?:adres)?|mail(?:adres)?|adres)\s*(?:is|:)?\s*)?"
    r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\s*[.!]?\s*$",
    re.IGNORECASE,
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmailAnswerClassifier(GraphComponent):
    """Sets the intent of an address-only message to `inform` with full confidence."""

    INTENT_NAME = "inform"

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmailAnswerClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if len(text) <= 200 and EMAIL_ONLY.match(text):
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
