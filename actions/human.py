"""Asking for a person (request_human): hand-over in office hours, else a booking or call-back.

- An active form is closed cleanly first (a scan in progress is saved under a resume code).
- In office hours: the callback form asks how an advisor can reach the user (with consent),
  then the advisors get the summary so far, the user hears what happens next, and the chat is
  paused (ConversationPaused) until an advisor marks the request done in the portal.
- Outside office hours: the user chooses between booking an adviesgesprek and a call-back
  request (stored, listed in the portal, advisors get the summary by e-mail).
"""

from __future__ import annotations

from datetime import datetime
from typing import Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, ConversationPaused, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    BOOKING_SLOTS,
    form_run_key,
    latest_text,
    payload_answer,
    scan_state,
)
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.handoff import office_hours, requests, service
from bot.handoff.requests import NO_QUESTION
from bot.scans import resume_codes
from bot.scans.repository import get_scan
from bot.scheduling.dates import describe
from bot.settings import get_settings

CALLBACK_SLOTS = [
    "callback_name",
    "callback_contact",
    "callback_question",
    "callback_consent",
    "callback_failures",
    "callback_purpose",
]
FORM_SLOTS = {
    "booking_form": BOOKING_SLOTS,
    "advice_form": ["advice_topic", "advice_answer"],
    "lookup_form": ["manage_lookup", "manage_purpose"],
    "scan_form": ["scan_answer", "scan_text_answer"],
}


def close_active_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Leave any active form cleanly: deactivate it and clear what it half-collected. A scan
    in progress is kept (scan_state) and saved under a resume code, as when pausing."""
    form = tracker.active_loop.get("name")
    if not form:
        return []
    events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
    events += [SlotSet(slot, None) for slot in FORM_SLOTS.get(form, [])]
    if form == "scan_form":
        with session_scope() as session:
            code = resume_codes.save(session, tracker.sender_id, scan_state(tracker))
        dispatcher.utter_message(response="utter_scan_paused", code=code)
    return events


class RequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events = close_active_form(dispatcher, tracker)
        start_callback = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        if payload_answer(tracker) == "callback" or _asks_call_back(latest_text(tracker)):
            dispatcher.utter_message(response="utter_callback_intro")
            return (
                events
                + start_callback
                + [
                    SlotSet("callback_purpose", "callback"),
                    FollowupAction("callback_form"),
                ]
            )
        now = utcnow()
        with session_scope() as session:
            open_now = office_hours.is_open(now) and service.can_hand_over(
                session, now, get_settings()
            )
        if open_now:
            dispatcher.utter_message(response="utter_human_intro")
            return (
                events
                + start_callback
                + [
                    SlotSet("callback_purpose", "handover"),
                    FollowupAction("callback_form"),
                ]
            )
        _closed(dispatcher, now)
        return events


def _closed(dispatcher: CollectingDispatcher, now: datetime) -> None:
    """Outside office hours: when DEN is there again, and the two things that work now."""
    opening = office_hours.next_opening(now)
    dispatcher.utter_message(
        response="utter_human_closed",
        next_opening=describe(opening) if opening else "op de volgende werkdag",
        buttons=[
            {"title": "Adviesgesprek plannen", "payload": "/request_consultation"},
            {"title": "Bel of mail me terug", "payload": '/request_human{"answer": "callback"}'},
        ],
    )


def _asks_call_back(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in ("terugbel", "bel me terug", "bel mij terug"))


def _organisation(tracker: Tracker) -> Optional[str]:
    public_id = tracker.get_slot("last_scan_id")
    if public_id:
        with session_scope() as session:
            scan = get_scan(session, public_id)
            if scan and scan.organisation:
                return scan.organisation
    state = tracker.get_slot("scan_state") or {}
    answers = state.get("answers") if isinstance(state, dict) else None
    if isinstance(answers, dict) and isinstance(answers.get("organisation"), dict):
        value = answers["organisation"].get("value")
        if isinstance(value, str):
            return value
    return None


class SubmitCallbackForm(Action):
    def name(self) -> str:
        return "action_submit_callback_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset: List[EventType] = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        contact = tracker.get_slot("callback_contact") or {}
        if tracker.get_slot("callback_consent") is False:
            dispatcher.utter_message(response="utter_callback_no_consent")
            return reset
        if (
            tracker.get_slot("callback_consent") is not True
            or not contact
            or not (tracker.get_slot("callback_name"))
        ):
            return reset  # stopped after too many tries: the message was given already
        now = utcnow()
        handover = tracker.get_slot("callback_purpose") == "handover" and office_hours.is_open(now)
        state = scan_state(tracker)
        with session_scope() as session:
            outcome = requests.ask_for_contact(
                session,
                form_run_key(tracker, "callback_form", "contact"),
                handover=handover,
                conversation_id=tracker.sender_id,
                details=_details(tracker, contact),
                scan_public_id=tracker.get_slot("last_scan_id"),
                scan_state=state if state.get("answers") else None,
                now=now,
            )
        if outcome.kind == "too_many":
            dispatcher.utter_message(response="utter_callback_too_many")
            return reset
        return reset + _confirm(dispatcher, handover, contact, now)


def _details(tracker: Tracker, contact: Dict[str, str]) -> requests.ContactDetails:
    question = tracker.get_slot("callback_question")
    return requests.ContactDetails(
        name=tracker.get_slot("callback_name") or "",
        email=contact.get("email"),
        phone=contact.get("phone"),
        organisation=_organisation(tracker),
        question=None if question in (None, NO_QUESTION) else question,
    )


def _confirm(
    dispatcher: CollectingDispatcher, handover: bool, contact: Dict[str, str], now: datetime
) -> List[EventType]:
    """What happens next: the chat pauses for an advisor now, or someone calls back later."""
    how = contact.get("email") or contact.get("phone")
    if handover:
        dispatcher.utter_message(
            response="utter_human_handover_done",
            contact=how,
            minutes=office_hours.get_office_hours().response_minutes,
        )
        return [ConversationPaused()]
    opening = None if office_hours.is_open(now) else office_hours.next_opening(now)
    dispatcher.utter_message(
        response="utter_callback_done",
        contact=how,
        when=f"vanaf {describe(opening)}" if opening else "zo snel mogelijk",
    )
    return []
