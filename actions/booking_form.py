"""The booking form's validation: time, contact details, consent, confirmation (bot/scheduling
reads and checks each value; this module maps the outcome to slots and responses)."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    BOOKING_SLOTS,
    MAX_FAILURES,
    AnswerFormValidation,
    form_failure,
    latest_text,
    payload_answer,
    reply_yes_no,
    scan_component,
)
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scans.repository import get_scan
from bot.scheduling.contact import check_email, clean_name, normalise_phone, read_mode
from bot.scheduling.dialogue import choose_time


class ValidateBookingForm(AnswerFormValidation):
    READ_FROM_VALUE = ("organisation",)  # prefilled from the scan

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
        if tracker.get_slot("reschedule_reference"):  # moving: only the time and a yes
            return ["booking_time", "booking_time_confirmed", "booking_confirmed"]
        return domain_slots  # the form's required_slots in domain.yml

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
        value = read_mode(payload_answer(tracker), latest_text(tracker))
        if value is None:
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
