"""Adapters for booking, cancelling and moving an adviesgesprek (bot/scheduling does the work)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    MAX_FAILURES,
    buttons,
    form_failure,
    latest_intent,
    latest_text,
    payload_answer,
)
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.handoff.service import summarise_booking
from bot.scans.repository import get_scan, weakest_component
from bot.scheduling import booking as bookings
from bot.scheduling.contact import check_email, clean_name, normalise_phone
from bot.scheduling.dates import describe
from bot.scheduling.dialogue import choose_time, first_free, parse_start
from bot.scheduling.mail import deliver
from bot.scheduling.notifications import queue_advisor_notice, queue_consultation_mail
from bot.settings import get_settings
from bot.text import yes_or_no

MODES = {"video": "Online (video)", "op_locatie": "Op locatie"}
BOOKING_SLOTS = [
    "booking_time",
    "booking_time_confirmed",
    "contact_name",
    "contact_email",
    "email_check",
    "organisation",
    "contact_phone",
    "consultation_mode",
    "consent",
    "booking_confirmed",
    "booking_options",
    "booking_failures",
    "reschedule_reference",
]


def reply_yes_no(tracker: Tracker) -> Optional[bool]:
    payload = payload_answer(tracker)
    if payload in ("yes", "no"):
        return payload == "yes"
    intent = latest_intent(tracker)
    if intent in ("affirm", "deny"):
        return intent == "affirm"
    return yes_or_no(latest_text(tracker))


def time_buttons(starts: List[datetime]) -> List[Dict[str, Any]]:
    return buttons([(describe(start), start.isoformat()) for start in starts])


def scan_component(tracker: Tracker) -> Optional[str]:
    public_id = tracker.get_slot("last_scan_id")
    if not public_id:
        return None
    with session_scope() as session:
        return weakest_component(session, public_id)


class ValidateBookingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_booking_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        if (tracker.get_slot("booking_failures") or 0) >= MAX_FAILURES:
            return []
        if tracker.get_slot("consent") is False:
            return []
        if tracker.get_slot("reschedule_reference"):
            return ["booking_time", "booking_time_confirmed", "booking_confirmed"]
        return [
            "booking_time",
            "booking_time_confirmed",
            "contact_name",
            "contact_email",
            "organisation",
            "contact_phone",
            "consultation_mode",
            "consent",
            "booking_confirmed",
        ]

    async def extract_organisation(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Prefill the organisation from this conversation's scan."""
        public_id = tracker.get_slot("last_scan_id")
        if tracker.get_slot("organisation") or not public_id:
            return {}
        with session_scope() as session:
            scan = get_scan(session, public_id)
            return {"organisation": scan.organisation} if scan and scan.organisation else {}

    def _failed(
        self,
        tracker: Tracker,
        dispatcher: CollectingDispatcher,
        slot: str,
        response: str,
        **values: Any,
    ) -> Dict[str, Any]:
        return form_failure(
            tracker,
            dispatcher,
            "booking_failures",
            "utter_booking_too_many_tries",
            slot,
            response,
            **values,
        )

    def validate_booking_time(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        with session_scope() as session:
            choice = choose_time(
                session,
                utcnow(),
                latest_text(tracker),
                payload_answer(tracker),
                scan_component(tracker),
            )
        if choice.kind == "picked":
            return {
                "booking_time": choice.start.isoformat(),
                "booking_time_confirmed": True,
                "booking_options": None,
            }
        if choice.kind == "confirm":
            return {
                "booking_time": choice.start.isoformat(),
                "booking_time_confirmed": None,
                "booking_options": None,
            }
        if choice.kind == "none_free":
            dispatcher.utter_message(response="utter_booking_none_free")
            return {"booking_time": None, "booking_failures": MAX_FAILURES}
        dispatcher.utter_message(response=f"utter_booking_time_{choice.reason}")
        return {
            "booking_time": None,
            "booking_options": [slot.start.isoformat() for slot in choice.options],
        }

    def validate_booking_time_confirmed(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        answer = reply_yes_no(tracker)
        if answer is True:
            return {"booking_time_confirmed": True}
        if answer is False:
            dispatcher.utter_message(response="utter_booking_time_other")
            return {"booking_time_confirmed": None, "booking_time": None}
        # A new moment instead of yes or no: read it as a new time.
        result = self.validate_booking_time(slot_value, dispatcher, tracker, domain)
        result.setdefault("booking_time_confirmed", None)
        return result

    def validate_contact_name(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        name = clean_name(latest_text(tracker))
        if name is None:
            return self._failed(tracker, dispatcher, "contact_name", "utter_invalid_contact_name")
        return {"contact_name": name}

    def validate_contact_email(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        pending = tracker.get_slot("email_check")
        if pending:
            answer = reply_yes_no(tracker)
            if answer is True:
                return {"contact_email": pending["suggestion"], "email_check": None}
            if answer is False and pending.get("typed"):
                return {"contact_email": pending["typed"], "email_check": None}
        check = check_email(latest_text(tracker))
        if check.suggestion:
            dispatcher.utter_message(
                response="utter_confirm_email_suggestion", suggestion=check.suggestion
            )
            return {
                "contact_email": None,
                "email_check": {
                    "suggestion": check.suggestion,
                    "typed": check.normalized if check.ok else None,
                },
            }
        if not check.ok:
            return self._failed(tracker, dispatcher, "contact_email", "utter_invalid_contact_email")
        return {"contact_email": check.normalized, "email_check": None}

    def validate_organisation(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        name = clean_name(str(slot_value or ""), max_length=120)
        if name is None:
            return self._failed(tracker, dispatcher, "organisation", "utter_invalid_organisation")
        return {"organisation": name}

    def validate_contact_phone(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if payload_answer(tracker) == "none" or reply_yes_no(tracker) is False:
            return {"contact_phone": "none"}
        phone = normalise_phone(latest_text(tracker))
        if phone is None:
            return self._failed(tracker, dispatcher, "contact_phone", "utter_invalid_contact_phone")
        return {"contact_phone": phone}

    def validate_consultation_mode(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        value = payload_answer(tracker) or ""
        text = latest_text(tracker).lower()
        if value not in MODES:
            value = (
                "video"
                if any(w in text for w in ("video", "online", "teams", "zoom"))
                else (
                    "op_locatie"
                    if any(w in text for w in ("locatie", "langs", "kantoor", "fysiek"))
                    else ""
                )
            )
        if not value:
            return self._failed(
                tracker, dispatcher, "consultation_mode", "utter_invalid_consultation_mode"
            )
        return {"consultation_mode": value}

    def validate_consent(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        answer = reply_yes_no(tracker)
        if answer is None:
            return self._failed(tracker, dispatcher, "consent", "utter_invalid_consent")
        return {"consent": answer}

    def validate_booking_confirmed(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        answer = reply_yes_no(tracker)
        if answer is None:
            return self._failed(
                tracker, dispatcher, "booking_confirmed", "utter_invalid_booking_confirmed"
            )
        if answer is False:
            dispatcher.utter_message(response="utter_booking_start_over")
            keep = {
                "organisation": tracker.get_slot("organisation"),
                "reschedule_reference": tracker.get_slot("reschedule_reference"),
            }
            return {**{slot: None for slot in BOOKING_SLOTS}, **keep}
        return {"booking_confirmed": True}


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


def _mail_status(session, consultation, kind: str) -> str:
    """Queue the confirmation with its .ics and try to send it now; the worker retries."""
    if not consultation.contact_email:  # anonymised on request: nobody to write to
        return "no_address"
    message = queue_consultation_mail(session, kind, consultation)
    return deliver(session, message, get_settings())


def _mail_response(status: str) -> Optional[str]:
    if status == "no_address":
        return None
    return {"sent": "utter_booking_mail_sent", "local": "utter_booking_mail_local"}.get(
        status, "utter_booking_mail_later"
    )


class SubmitBookingForm(Action):
    def name(self) -> str:
        return "action_submit_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset = [SlotSet(slot, None) for slot in BOOKING_SLOTS]
        if tracker.get_slot("consent") is False:
            dispatcher.utter_message(response="utter_booking_no_consent")
            return reset
        start = parse_start(tracker.get_slot("booking_time"))
        if not tracker.get_slot("booking_confirmed") or start is None:
            return reset  # stopped after too many tries: the message was given already
        try:
            with session_scope() as session:
                reference = tracker.get_slot("reschedule_reference")
                if reference:
                    consultation = bookings.reschedule_first_free(session, reference, start)
                    kind = "booking_update"
                else:
                    consultation = bookings.book_first_free(
                        session,
                        start,
                        component=scan_component(tracker),
                        organisation=tracker.get_slot("organisation"),
                        contact_name=tracker.get_slot("contact_name"),
                        contact_email=tracker.get_slot("contact_email"),
                        contact_phone=_phone(tracker.get_slot("contact_phone")),
                        mode=tracker.get_slot("consultation_mode"),
                        topic=_topic(tracker),
                        scan_public_id=tracker.get_slot("last_scan_id"),
                        consent=True,
                    )
                    kind = "booking_confirmation"
                status = _mail_status(session, consultation, kind)
                summarise_booking(session, consultation, tracker.sender_id)
                moment, code = describe(consultation.start), consultation.reference
        except bookings.SlotTaken:
            dispatcher.utter_message(response="utter_booking_slot_taken")
            return [
                SlotSet("booking_time", None),
                SlotSet("booking_time_confirmed", None),
                SlotSet("booking_confirmed", None),
                SlotSet("booking_options", None),
                FollowupAction("booking_form"),
            ]
        response = "utter_reschedule_done" if kind == "booking_update" else "utter_booking_done"
        dispatcher.utter_message(response=response, moment=moment, reference=code)
        if _mail_response(status):
            dispatcher.utter_message(response=_mail_response(status))
        return reset + [SlotSet("booking_reference", code)]


def _phone(value: Optional[str]) -> Optional[str]:
    return None if not value or value == "none" else value


def _topic(tracker: Tracker) -> str:
    return "Adviesgesprek na de scan" if tracker.get_slot("last_scan_id") else "Adviesgesprek"


class FindConsultation(Action):
    """Cancel or move: find the appointment by reference code or e-mail address."""

    def name(self) -> str:
        return "action_find_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.get_slot("manage_lookup") or latest_text(tracker)
        intent = latest_intent(tracker)
        purpose = tracker.get_slot("manage_purpose")
        if intent in ("cancel_consultation", "reschedule_consultation"):
            purpose = "cancel" if intent == "cancel_consultation" else "reschedule"
        reference = bookings.find_reference(text) or tracker.get_slot("booking_reference")
        email = check_email(_email_in(text)).normalized if _email_in(text) else None
        with session_scope() as session:
            found = (
                bookings.find_consultations(session, reference=reference, email=email)
                if (reference or email)
                else []
            )
            summary = [(c.reference, describe(c.start)) for c in found]
        if not (reference or email):
            if tracker.get_slot("manage_lookup"):  # asked already: this reply had neither
                dispatcher.utter_message(response="utter_manage_not_found")
                return [SlotSet("manage_purpose", None), SlotSet("manage_lookup", None)]
            # lookup_form asks for the code or e-mail address and takes any reply as the answer
            return [SlotSet("manage_purpose", purpose), FollowupAction("lookup_form")]
        if not summary:
            dispatcher.utter_message(response="utter_manage_not_found")
            return [SlotSet("manage_purpose", None), SlotSet("manage_lookup", None)]
        if len(summary) > 1:
            dispatcher.utter_message(
                response="utter_manage_choose",
                buttons=[
                    {
                        "title": f"{moment} ({code})",
                        "payload": f"{_verb(purpose)} {code}",
                    }
                    for code, moment in summary
                ],
            )
            return [SlotSet("manage_purpose", purpose), SlotSet("manage_lookup", None)]
        code, moment = summary[0]
        if purpose == "reschedule":
            dispatcher.utter_message(
                response="utter_reschedule_start", moment=moment, reference=code
            )
            return [
                SlotSet("manage_purpose", None),
                SlotSet("manage_lookup", None),
                SlotSet("reschedule_reference", code),
                FollowupAction("booking_form"),
            ]
        dispatcher.utter_message(
            response="utter_ask_cancel_confirmed", moment=moment, reference=code
        )
        return [
            SlotSet("manage_purpose", None),
            SlotSet("manage_lookup", None),
            SlotSet("cancel_reference", code),
        ]


def _verb(purpose: Optional[str]) -> str:
    """The button text sent back: a full sentence, so it reads well in the transcript too."""
    return "afspraak verzetten" if purpose == "reschedule" else "afspraak annuleren"


def _email_in(text: str) -> Optional[str]:
    for word in text.replace(",", " ").split():
        if "@" in word:
            return word.strip(".;:()<>")
    return None


class CancelConsultation(Action):
    def name(self) -> str:
        return "action_cancel_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        code = tracker.get_slot("cancel_reference")
        if not code:
            return []
        with session_scope() as session:
            try:
                consultation = bookings.cancel(session, code)
            except bookings.BookingError:
                dispatcher.utter_message(response="utter_manage_not_found")
                return [SlotSet("cancel_reference", None)]
            status = _mail_status(session, consultation, "booking_cancellation")
            notice = queue_advisor_notice(session, consultation, "advisor_cancellation")
            deliver(session, notice, get_settings())  # the outbox worker retries on failure
            moment = describe(consultation.start)
        dispatcher.utter_message(response="utter_cancel_done", moment=moment, reference=code)
        if _mail_response(status):
            dispatcher.utter_message(response=_mail_response(status))
        return [SlotSet("cancel_reference", None), SlotSet("booking_reference", None)]


class KeepConsultation(Action):
    def name(self) -> str:
        return "action_keep_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_cancel_kept")
        return [SlotSet("cancel_reference", None)]


class StartBooking(Action):
    """Before the booking form: leave an open scan cleanly, say what comes."""

    def name(self) -> str:
        return "action_start_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events: List[EventType] = [
            SlotSet("reschedule_reference", None),
            SlotSet("booking_failures", None),
        ]
        if tracker.active_loop.get("name"):
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        dispatcher.utter_message(response="utter_booking_intro")
        return events
