"""Asking for a person (request_human): hand-over in office hours, else a booking or call-back.

- An active form is closed cleanly first (a scan in progress is saved under a resume code).
- In office hours: the callback form asks how an advisor can reach the user (with consent),
  then the advisors get the summary so far, the user hears what happens next, and the chat is
  paused (ConversationPaused) until an advisor marks the request done in the portal.
- Outside office hours: the user chooses between booking an adviesgesprek and a call-back
  request (stored, listed in the portal, advisors get the summary by e-mail).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, ConversationPaused, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    BOOKING_SLOTS,
    MAX_FAILURES,
    form_failure,
    form_run_key,
    latest_text,
    payload_answer,
    reply_yes_no,
    scan_state,
)
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.handoff import office_hours, requests, service
from bot.scans import resume_codes
from bot.scans.repository import get_scan
from bot.scheduling.contact import check_email, clean_name, normalise_phone
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
QUESTION_LIMIT = 500
NO_QUESTION = "none"


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
        opening = office_hours.next_opening(now)
        dispatcher.utter_message(
            response="utter_human_closed",
            next_opening=describe(opening) if opening else "op de volgende werkdag",
            buttons=[
                {"title": "Adviesgesprek plannen", "payload": "/request_consultation"},
                {
                    "title": "Bel of mail me terug",
                    "payload": '/request_human{"answer": "callback"}',
                },
            ],
        )
        return events


def _asks_call_back(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in ("terugbel", "bel me terug", "bel mij terug"))


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        if (tracker.get_slot("callback_failures") or 0) >= MAX_FAILURES:
            return []
        return ["callback_name", "callback_contact", "callback_question", "callback_consent"]

    def _failed(
        self, tracker: Tracker, dispatcher: CollectingDispatcher, slot: str, response: str
    ) -> Dict[str, Any]:
        return form_failure(
            tracker,
            dispatcher,
            "callback_failures",
            "utter_callback_too_many_tries",
            slot,
            response,
        )

    def validate_callback_name(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if slot_value is None:
            return {}  # reset when the form starts (action_request_human), not an answer
        name = clean_name(latest_text(tracker))
        if name is None:
            return self._failed(tracker, dispatcher, "callback_name", "utter_invalid_callback_name")
        return {"callback_name": name}

    def validate_callback_contact(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if slot_value is None:
            return {}  # reset when the form starts (action_request_human), not an answer
        contact = parse_contact(latest_text(tracker))
        if contact is None:
            return self._failed(
                tracker, dispatcher, "callback_contact", "utter_invalid_callback_contact"
            )
        return {"callback_contact": contact}

    def validate_callback_question(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if slot_value is None:
            return {}  # reset when the form starts (action_request_human), not an answer
        if payload_answer(tracker) == NO_QUESTION:
            return {"callback_question": NO_QUESTION}
        text = clean_name(latest_text(tracker)[:4000], max_length=4000)
        return {"callback_question": text[:QUESTION_LIMIT] if text else NO_QUESTION}

    def validate_callback_consent(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if slot_value is None:
            return {}  # reset when the form starts (action_request_human), not an answer
        answer = reply_yes_no(tracker)
        if answer is None:
            return self._failed(
                tracker, dispatcher, "callback_consent", "utter_invalid_callback_consent"
            )
        return {"callback_consent": answer}


def parse_contact(text: str) -> Optional[Dict[str, str]]:
    """An e-mail address or a phone number from what the user typed, or None."""
    if "@" in text:
        word = next(w for w in text.replace(",", " ").split() if "@" in w)
        check = check_email(word)
        return {"email": check.normalized} if check.ok else None
    phone = normalise_phone(text)
    return {"phone": phone} if phone else None


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
        reset = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        contact = tracker.get_slot("callback_contact") or {}
        name = tracker.get_slot("callback_name")
        if tracker.get_slot("callback_consent") is False:
            dispatcher.utter_message(response="utter_callback_no_consent")
            return reset
        if tracker.get_slot("callback_consent") is not True or not name or not contact:
            return reset  # stopped after too many tries: the message was given already
        question = tracker.get_slot("callback_question")
        now = utcnow()
        handover = tracker.get_slot("callback_purpose") == "handover" and office_hours.is_open(now)
        state = scan_state(tracker)
        details = requests.ContactDetails(
            name=name,
            email=contact.get("email"),
            phone=contact.get("phone"),
            organisation=_organisation(tracker),
            question=None if question in (None, NO_QUESTION) else question,
        )
        with session_scope() as session:
            outcome = requests.ask_for_contact(
                session,
                form_run_key(tracker, "callback_form", "contact"),
                handover=handover,
                conversation_id=tracker.sender_id,
                details=details,
                scan_public_id=tracker.get_slot("last_scan_id"),
                scan_state=state if state.get("answers") else None,
                now=now,
            )
        if outcome.kind == "too_many":
            dispatcher.utter_message(response="utter_callback_too_many")
            return reset
        how = contact.get("email") or contact.get("phone")
        if handover:
            dispatcher.utter_message(
                response="utter_human_handover_done",
                contact=how,
                minutes=office_hours.get_office_hours().response_minutes,
            )
            return reset + [ConversationPaused()]
        opening = None if office_hours.is_open(now) else office_hours.next_opening(now)
        dispatcher.utter_message(
            response="utter_callback_done",
            contact=how,
            when=f"vanaf {describe(opening)}" if opening else "zo snel mogelijk",
        )
        return reset
