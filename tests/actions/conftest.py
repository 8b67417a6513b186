"""Trackers from JSON fixtures, a fresh dispatcher per test, and the real domain."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    fixture: str = "tracker_in_scan.json",
    text: str = "",
    intent: str = "inform",
    entities: Optional[list] = None,
    slots: Optional[dict] = None,
    response_selector: Optional[dict] = None,
    events: Optional[list] = None,
) -> Tracker:
    data = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    message = copy.deepcopy(data["latest_message"])
    message.update(text=text, intent={"name": intent, "confidence": 0.99}, entities=entities or [])
    if response_selector:
        message["response_selector"] = response_selector
    if events is None and slots and slots.get("scan_answer") is not None:
        # Rasa appends the extracted slot candidates to the events before it calls the validator.
        events = [{"event": "slot", "name": "scan_answer", "value": slots["scan_answer"]}]
    return Tracker(
        sender_id=data["sender_id"],
        slots={**data["slots"], **(slots or {})},
        latest_message=message,
        events=events or data["events"],
        paused=data["paused"],
        followup_action=data["followup_action"],
        active_loop=data["active_loop"],
        latest_action_name=data["latest_action_name"],
    )


def responses(dispatcher: CollectingDispatcher) -> list:
    return [m.get("response") for m in dispatcher.messages]


def slot_events(events: list) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
