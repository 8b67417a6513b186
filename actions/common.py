"""Small helpers shared by the action adapters (Rasa types in, plain values out)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.assessment.interview import UNKNOWN_PAYLOAD, State, new_state
from bot.content.loader import Content

MAX_FAILURES = 3  # bad answers in one form before it stops asking


def payload_answer(tracker: Tracker) -> Optional[str]:
    """The value of an `answer` entity, which only button payloads carry."""
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "answer" and entity.get("value") is not None:
            return str(entity["value"])
    return None


def form_failure(
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    counter_slot: str,
    too_many_response: str,
    slot: str,
    response: str,
    **values: Any,
) -> Dict[str, Any]:
    """One more bad answer to `slot` in a form that counts them in `counter_slot`: ask again
    with `response`, or after MAX_FAILURES say `too_many_response` (the form's required_slots
    then returns nothing, so it stops)."""
    failures = (tracker.get_slot(counter_slot) or 0) + 1
    if failures >= MAX_FAILURES:
        dispatcher.utter_message(response=too_many_response)
    else:
        dispatcher.utter_message(response=response, **values)
    return {slot: None, counter_slot: failures}


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text  # a payload is not something the user typed


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def scan_state(tracker: Tracker) -> State:
    state = tracker.get_slot("scan_state")
    return state if isinstance(state, dict) and state.get("version") == 1 else new_state()


def buttons(options: List[tuple]) -> List[Dict[str, Any]]:
    """Quick-reply buttons that carry their value as an `answer` entity."""
    return [
        {"title": title, "payload": f'/inform{{"answer": "{value}"}}'} for title, value in options
    ]


def scale_options(content: Content) -> List[Tuple[str, str]]:
    """(title, value) of the answer buttons of a statement: "1 · Helemaal niet" ... "5 ·
    Volledig", then "Weet ik niet"."""
    options = [(f"{o.value} · {o.label}", str(o.value)) for o in content.questions.scale]
    options.append((content.questions.unknown_label, UNKNOWN_PAYLOAD))
    return options
