"""A message that is nothing but an e-mail address is an answer (`inform`), never a question.

DIET sees an address as a string of character n-grams and may call it anything ("faq" or
"request_advice"), which pulls the user out of the booking or lookup form at the one moment an
address is asked for. This rule-like classifier runs after DIET and before the
FallbackClassifier and settles exactly that case; everything else is left to DIET.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from nlu_components.rule_intent import RuleIntentClassifier

# one address, optionally with a short lead-in such as "mijn mail is" or "e-mail:"
EMAIL_ONLY = re.compile(
    r"^\s*(?:(?:mijn\s+)?(?:e-?mail(?:adres)?|mail(?:adres)?|adres)\s*(?:is|:)?\s*)?"
    r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\s*[.!]?\s*$",
    re.IGNORECASE,
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmailAnswerClassifier(RuleIntentClassifier):
    """Sets the intent of an address-only message to `inform` with full confidence."""

    INTENT_NAME = "inform"

    def settles(self, text: str) -> bool:
        return len(text) <= 200 and EMAIL_ONLY.match(text) is not None
