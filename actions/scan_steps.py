"""Adapters for the scan's controls: pause (with a resume code), skip, explain, go back."""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import scan_state
from bot.assessment import interview
from bot.assessment.interview import Outcome
from bot.content import get_content
from bot.db.session import session_scope
from bot.scans import resume_codes


class PauseScan(Action):
    def name(self) -> str:
        return "action_pause_scan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        with session_scope() as session:
            code = resume_codes.save(session, tracker.sender_id, scan_state(tracker))
        dispatcher.utter_message(response="utter_scan_paused", code=code)
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class SkipQuestion(Action):
    def name(self) -> str:
        return "action_skip_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        step = interview.skip(scan_state(tracker), get_content())
        if step.question is None:
            dispatcher.utter_message(response="utter_scan_nothing_to_skip")
            return []
        dispatcher.utter_message(response="utter_scan_skipped")
        return [SlotSet("scan_state", step.state)]


class ExplainQuestion(Action):
    def name(self) -> str:
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        question = interview.current_question(scan_state(tracker), get_content())
        if question is not None:
            dispatcher.utter_message(
                response="utter_scan_explain", explanation=question.explanation
            )
        return []


class GoBack(Action):
    def name(self) -> str:
        return "action_go_back"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        step = interview.go_back(scan_state(tracker), get_content())
        if step.outcome is not Outcome.ACCEPTED:
            dispatcher.utter_message(response="utter_scan_back_at_start")
            return []
        previous: Optional[dict] = step.value  # type: ignore[assignment]
        shown = _describe_previous(previous)
        dispatcher.utter_message(response="utter_scan_back", previous=shown)
        return [SlotSet("scan_state", step.state)]


def _describe_previous(previous: Optional[dict]) -> str:
    if not previous:
        return "overgeslagen"
    value = previous.get("value")
    scale = {o.value: o.label for o in get_content().questions.scale}
    if isinstance(value, int) and value in scale:
        return f"{value} · {scale[value]}"
    if value is None:
        return get_content().questions.unknown_label
    return str(value)
