"""Small helpers shared by the action adapters (Rasa types in, plain values out)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from bot.assessment.interview import State, new_state


def payload_answer(tracker: Tracker) -> Optional[str]:
    """The value of an `answer` entity, which only button payloads carry."""
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "answer" and entity.get("value") is not None:
            return str(entity["value"])
    return None


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
