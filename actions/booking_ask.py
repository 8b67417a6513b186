"""The booking form's questions that need data: free times as buttons, the summary to confirm."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import buttons, scan_component
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scheduling.dates import describe
from bot.scheduling.dialogue import first_free, parse_start

MODES = {"video": "Online (video)", "op_locatie": "Op locatie"}


def time_buttons(starts: List[datetime]) -> List[Dict[str, Any]]:
    return buttons([(describe(start), start.isoformat()) for start in starts])


class AskBookingTime(Action):
    def name(self) -> str:
        return "action_ask_booking_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        options = [parse_start(value) for value in tracker.get_slot("booking_options") or []]
        starts = [start for start in options if start is not None]
        if not starts:
            with session_scope() as session:
                starts = [s.start for s in first_free(session, utcnow(), scan_component(tracker))]
        if not starts:
            dispatcher.utter_message(response="utter_booking_none_free")
            return []
        dispatcher.utter_message(response="utter_ask_booking_time", buttons=time_buttons(starts))
        return []


class AskBookingTimeConfirmed(Action):
    def name(self) -> str:
        return "action_ask_booking_time_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        start = parse_start(tracker.get_slot("booking_time"))
        dispatcher.utter_message(
            response="utter_ask_booking_time_confirmed",
            moment=describe(start) if start else "dat moment",
        )
        return []


class AskBookingConfirmed(Action):
    def name(self) -> str:
        return "action_ask_booking_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        start = parse_start(tracker.get_slot("booking_time"))
        moment = describe(start) if start else "?"
        if tracker.get_slot("reschedule_reference"):
            dispatcher.utter_message(
                response="utter_ask_reschedule_confirmed",
                moment=moment,
                reference=tracker.get_slot("reschedule_reference"),
            )
            return []
        phone = tracker.get_slot("contact_phone")
        dispatcher.utter_message(
            response="utter_ask_booking_confirmed",
            moment=moment,
            mode=MODES.get(tracker.get_slot("consultation_mode") or "", "?"),
            name=tracker.get_slot("contact_name"),
            email=tracker.get_slot("contact_email"),
            organisation=tracker.get_slot("organisation"),
            phone=phone if phone and phone != "none" else "geen",
        )
        return []
