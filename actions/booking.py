"""Adapters for booking and moving an adviesgesprek (bot.scheduling.service does the work)."""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import BOOKING_SLOTS, form_run_key, scan_component, start_booking
from bot.db.session import session_scope
from bot.scheduling import service
from bot.scheduling.dates import describe
from bot.scheduling.dialogue import parse_start

MAIL_RESPONSES = {"queued": "utter_booking_mail_queued", "local": "utter_booking_mail_local"}
TRY_AGAIN = ["booking_time", "booking_time_confirmed", "booking_confirmed", "booking_options"]


class SubmitBookingForm(Action):
    def name(self) -> str:
        return "action_submit_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset: List[EventType] = [SlotSet(slot, None) for slot in BOOKING_SLOTS]
        if tracker.get_slot("consent") is False:
            dispatcher.utter_message(response="utter_booking_no_consent")
            return reset
        start = parse_start(tracker.get_slot("booking_time"))
        if not tracker.get_slot("booking_confirmed") or start is None:
            return reset  # stopped after too many tries: the message was given already
        reference = tracker.get_slot("reschedule_reference")
        with session_scope() as session:
            if reference:
                key = form_run_key(tracker, "booking_form", "move")
                outcome = service.move_consultation(session, key, reference, start)
            else:
                key = form_run_key(tracker, "booking_form", "book")
                outcome = service.book_consultation(
                    session,
                    key,
                    start,
                    _contact(tracker),
                    component=scan_component(tracker),
                    scan_public_id=tracker.get_slot("last_scan_id"),
                    conversation_id=tracker.sender_id,
                )
        return answer(dispatcher, outcome, reset)


def answer(
    dispatcher: CollectingDispatcher, outcome: service.BookingOutcome, reset: List[EventType]
) -> List[EventType]:
    """Tell the user what happened; the same answer when a request is repeated."""
    if outcome.kind == "slot_taken":
        dispatcher.utter_message(response="utter_booking_slot_taken")
        return [SlotSet(slot, None) for slot in TRY_AGAIN] + [FollowupAction("booking_form")]
    if outcome.kind == "too_many_open":
        dispatcher.utter_message(response="utter_booking_too_many_open")
        return reset
    if outcome.kind == "not_found" or outcome.start is None:
        dispatcher.utter_message(response="utter_manage_not_found")
        return reset
    response = "utter_reschedule_done" if outcome.kind == "moved" else "utter_booking_done"
    dispatcher.utter_message(
        response=response, moment=describe(outcome.start), reference=outcome.reference
    )
    if outcome.mail in MAIL_RESPONSES:
        dispatcher.utter_message(response=MAIL_RESPONSES[outcome.mail])
    return reset + [SlotSet("booking_reference", outcome.reference)]


def _contact(tracker: Tracker) -> service.Contact:
    return service.Contact(
        organisation=tracker.get_slot("organisation") or "",
        name=tracker.get_slot("contact_name") or "",
        email=tracker.get_slot("contact_email") or "",
        phone=_phone(tracker.get_slot("contact_phone")),
        mode=tracker.get_slot("consultation_mode") or "",
        topic="Adviesgesprek na de scan" if tracker.get_slot("last_scan_id") else "Adviesgesprek",
    )


def _phone(value: Optional[str]) -> Optional[str]:
    return None if not value or value == "none" else value


class StartBooking(Action):
    """Before the booking form: leave an open scan cleanly, say what comes."""

    def name(self) -> str:
        return "action_start_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return start_booking(dispatcher, tracker)
