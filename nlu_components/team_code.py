"""A message with a team code ("teamcode TEAM-7K3M9Q") is a colleague joining a team scan.

Team codes are random, so DIET sees mostly unfamiliar character n-grams and its confidence
varies from code to code; below the fallback threshold the colleague would be asked to rephrase
the very text the invitation told them to type. This rule-like classifier runs after DIET and
before the FallbackClassifier and settles exactly that case (bot.team.codes decides what a team
code looks like: the word "team" right before six letters and digits); everything else is left
to DIET.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.team.codes import find_team_code
from nlu_components.rule_intent import RuleIntentClassifier

MAX_CHARS = 300  # a long message that happens to quote a code is left to DIET


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TeamCodeClassifier(RuleIntentClassifier):
    """Sets the intent of a message with a team code to `join_team_scan` with full confidence."""

    INTENT_NAME = "join_team_scan"

    def settles(self, text: str) -> bool:
        return len(text) <= MAX_CHARS and not text.startswith("/") and bool(find_team_code(text))
