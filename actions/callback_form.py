"""The callback form's validation: name, how to reach the user, the question, consent."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import MAX_FAILURES, form_failure, latest_text, payload_answer, reply_yes_no
from bot.handoff.requests import NO_QUESTION
from bot.scheduling.contact import clean_name, parse_contact

QUESTION_LIMIT = 500


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
