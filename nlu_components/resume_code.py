"""A message that is only a resume code ("K7M2-QX4H-9TZP") is someone continuing a paused scan.

Resume codes are random, so DIET sees unfamiliar character n-grams and a bare code often fell
below the fallback threshold: the user was asked to rephrase the very code the assistant gave
them. This rule-like classifier runs after DIET and before the FallbackClassifier and settles
exactly that case: the whole message is one code as bot.codes makes them (twelve characters
from its alphabet, grouped or not, at least one letter and one digit). Longer messages that
mention a code ("verder met code K7M2-QX4H-9TZP") are left to DIET, which was trained on them.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.codes import CODE_PATTERN, find_code
from nlu_components.rule_intent import RuleIntentClassifier


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ResumeCodeClassifier(RuleIntentClassifier):
    """Sets the intent of a bare resume code to `resume_scan` with full confidence."""

    INTENT_NAME = "resume_scan"

    def settles(self, text: str) -> bool:
        bare = text.strip().strip(".!")
        return re.fullmatch(CODE_PATTERN, bare) is not None and find_code(bare) is not None
