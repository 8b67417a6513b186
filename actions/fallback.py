"""Low-confidence handling: first ask to rephrase, then offer buttons, then offer a person.

A first message that is not understood gets the main options at once: someone who just
opened the chat should not be asked to say it differently.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

STEPS = ("utter_rephrase", "utter_fallback_options", "utter_fallback_person")


def consecutive_fallbacks(events: List[Dict[str, Any]]) -> int:
    """How many user messages in a row, counting back from the latest, were not understood."""
    count = 0
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        if (event.get("parse_data", {}).get("intent") or {}).get("name") != "nlu_fallback":
            break
        count += 1
    return count


def user_messages(events: List[Dict[str, Any]]) -> int:
    return sum(1 for event in events if event.get("event") == "user")


class HandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        count = max(consecutive_fallbacks(tracker.events), 1)
        if user_messages(tracker.events) <= 1:
            dispatcher.utter_message(response="utter_ask_help")
        else:
            dispatcher.utter_message(response=STEPS[min(count, len(STEPS)) - 1])
        # Forget the unclear message, so it does not steer the rest of the conversation.
        return [UserUtteranceReverted()]
