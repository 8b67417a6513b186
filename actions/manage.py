"""Adapters for managing one's own adviesgesprek: find it, cancel it, or keep it.

Only the owner gets in (bot.scheduling.service.find_own): this conversation booked it, or the
user gives its code and the e-mail address it was booked with. An address alone sends its owner
an overview by e-mail and shows nothing here.
"""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import booking_references, latest_intent, latest_text, request_key
from bot.db.session import session_scope
from bot.scheduling import booking as bookings
from bot.scheduling import service
from bot.scheduling.contact import check_email
from bot.scheduling.dates import describe

CLEAR = [SlotSet("manage_purpose", None), SlotSet("manage_lookup", None)]
CLEAR_ALL = CLEAR + [SlotSet("manage_reference", None)]


class AskManageLookup(Action):
    """The lookup form's question: the code or address, or only the address after a code."""

    def name(self) -> str:
        return "action_ask_manage_lookup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if tracker.get_slot("manage_reference"):
            dispatcher.utter_message(response="utter_ask_manage_email")
        else:
            dispatcher.utter_message(response="utter_ask_manage_lookup")
        return []


class FindConsultation(Action):
    """Cancel or move: find the user's own appointment."""

    def name(self) -> str:
        return "action_find_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.get_slot("manage_lookup") or latest_text(tracker)
        purpose = _purpose(tracker)
        reference = (
            bookings.find_reference(text)
            or tracker.get_slot("manage_reference")
            or tracker.get_slot("booking_reference")
        )
        email = _email_in(text)
        if not (reference or email):
            if tracker.get_slot("manage_lookup"):  # asked already: this reply had neither
                dispatcher.utter_message(response="utter_manage_not_found")
                return CLEAR_ALL
            # lookup_form asks for the code or e-mail address and takes any reply as the answer
            return [SlotSet("manage_purpose", purpose), FollowupAction("lookup_form")]
        with session_scope() as session:
            found = service.find_own(
                session,
                reference=reference,
                email=email,
                own_references=booking_references(tracker),
                conversation_id=tracker.sender_id,
            )
        return _answer(dispatcher, found, purpose)


def _answer(
    dispatcher: CollectingDispatcher, found: service.Lookup, purpose: Optional[str]
) -> List[EventType]:
    if found.kind == "need_email":
        return CLEAR + [
            SlotSet("manage_purpose", purpose),
            SlotSet("manage_reference", found.reference),
            FollowupAction("lookup_form"),
        ]
    if found.kind == "overview_sent":
        dispatcher.utter_message(response="utter_manage_overview_sent")
        return CLEAR_ALL
    if found.kind == "too_many_tries":
        dispatcher.utter_message(response="utter_code_too_many_tries")
        return CLEAR_ALL
    if found.kind != "owned" or found.start is None:
        dispatcher.utter_message(response="utter_manage_not_found")
        return CLEAR_ALL
    moment = describe(found.start)
    if purpose == "reschedule":
        dispatcher.utter_message(
            response="utter_reschedule_start", moment=moment, reference=found.reference
        )
        return CLEAR_ALL + [
            SlotSet("reschedule_reference", found.reference),
            FollowupAction("booking_form"),
        ]
    dispatcher.utter_message(
        response="utter_ask_cancel_confirmed", moment=moment, reference=found.reference
    )
    return CLEAR_ALL + [SlotSet("cancel_reference", found.reference)]


def _purpose(tracker: Tracker) -> Optional[str]:
    intent = latest_intent(tracker)
    if intent == "cancel_consultation":
        return "cancel"
    if intent == "reschedule_consultation":
        return "reschedule"
    return tracker.get_slot("manage_purpose")


def _email_in(text: str) -> Optional[str]:
    for word in text.replace(",", " ").split():
        if "@" in word:
            check = check_email(word.strip(".;:()<>"))
            return check.normalized if check.ok else None
    return None


class CancelConsultation(Action):
    """The user said yes to cancelling the appointment found (and owned) before."""

    def name(self) -> str:
        return "action_cancel_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        code = tracker.get_slot("cancel_reference")
        if not code:
            return []
        key = request_key(tracker, "cancel", code)
        with session_scope() as session:
            outcome = service.cancel_consultation(session, key, code)
        done = [SlotSet("cancel_reference", None)]
        if outcome.kind != "cancelled" or outcome.start is None:
            dispatcher.utter_message(response="utter_manage_not_found")
            return done
        dispatcher.utter_message(
            response="utter_cancel_done", moment=describe(outcome.start), reference=code
        )
        if outcome.mail == "queued":
            dispatcher.utter_message(response="utter_cancel_mail_queued")
        return done + [SlotSet("booking_reference", None)]


class KeepConsultation(Action):
    def name(self) -> str:
        return "action_keep_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_cancel_kept")
        return [SlotSet("cancel_reference", None)]
