"""Small helpers shared by the action adapters (Rasa types in, plain values out)."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.assessment.interview import UNKNOWN_PAYLOAD, State, new_state
from bot.content.loader import Content
from bot.db.idempotency import make_key
from bot.db.session import session_scope
from bot.scans import resume_codes
from bot.scans.repository import weakest_component
from bot.text import yes_or_no

MAX_FAILURES = 3  # bad answers in one form before it stops asking
ASK_DELETE_ACTION = "action_ask_delete_my_data"
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


def payload_answer(tracker: Tracker) -> Optional[str]:
    """The value of an `answer` entity, which only button payloads carry."""
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "answer" and entity.get("value") is not None:
            return str(entity["value"])
    return None


def form_failure(
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    counter_slot: str,
    too_many_response: str,
    slot: str,
    response: str,
    **values: Any,
) -> Dict[str, Any]:
    """One more bad answer to `slot` in a form that counts them in `counter_slot`: ask again
    with `response`, or after MAX_FAILURES say `too_many_response` (the form's required_slots
    then returns nothing, so it stops)."""
    failures = (tracker.get_slot(counter_slot) or 0) + 1
    if failures >= MAX_FAILURES:
        dispatcher.utter_message(response=too_many_response)
    else:
        dispatcher.utter_message(response=response, **values)
    return {slot: None, counter_slot: failures}


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text  # a payload is not something the user typed


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def scan_state(tracker: Tracker) -> State:
    state = tracker.get_slot("scan_state")
    return state if isinstance(state, dict) and state.get("version") == 1 else new_state()


def buttons(options: List[tuple]) -> List[Dict[str, Any]]:
    """Quick-reply buttons that carry their value as an `answer` entity."""
    return [
        {"title": title, "payload": f'/inform{{"answer": "{value}"}}'} for title, value in options
    ]


def scale_options(content: Content) -> List[Tuple[str, str]]:
    """(title, value) of the answer buttons of a statement: "1 · Helemaal niet" ... "5 ·
    Volledig", then "Weet ik niet"."""
    options = [(f"{o.value} · {o.label}", str(o.value)) for o in content.questions.scale]
    options.append((content.questions.unknown_label, UNKNOWN_PAYLOAD))
    return options


def reply_yes_no(tracker: Tracker) -> Optional[bool]:
    """A yes/no answer from a button, the intent, or the words; None if neither."""
    payload = payload_answer(tracker)
    if payload in ("yes", "no"):
        return payload == "yes"
    intent = latest_intent(tracker)
    if intent in ("affirm", "deny"):
        return intent == "affirm"
    return yes_or_no(latest_text(tracker))


def form_run_key(tracker: Tracker, form: str, operation: str) -> str:
    """An idempotency key for what this run of `form` submits: the conversation plus the moment
    the form was last activated. Sending the last answer again (a lost reply) gives the same
    key; a new run of the form gives a new one."""
    started = 0.0
    for event in tracker.events:
        if event.get("event") == "active_loop" and event.get("name") == form:
            started = float(event.get("timestamp") or 0.0)
    return request_key(tracker, operation, f"{started:.6f}")


def request_key(tracker: Tracker, operation: str, *parts: object) -> str:
    """An idempotency key for `operation` in this conversation (the id itself is not stored)."""
    conversation = hashlib.sha256(tracker.sender_id.encode("utf-8")).hexdigest()[:32]
    return make_key(operation, conversation, *parts)


def scan_component(tracker: Tracker) -> Optional[str]:
    """The weakest component of this conversation's scan: advisors with that expertise first."""
    public_id = tracker.get_slot("last_scan_id")
    if not public_id:
        return None
    with session_scope() as session:
        return weakest_component(session, public_id)


def start_booking(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Before the booking form: leave an open form cleanly, say what comes."""
    events: List[EventType] = [
        SlotSet("reschedule_reference", None),
        SlotSet("booking_failures", None),
    ]
    if tracker.active_loop.get("name"):
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
    dispatcher.utter_message(response="utter_booking_intro")
    return events


def booking_references(tracker: Tracker) -> List[str]:
    """Booking codes set in this conversation (a booking, or a move that kept its code)."""
    found = [
        event.get("value")
        for event in tracker.events
        if event.get("event") == "slot" and event.get("name") == "booking_reference"
    ]
    found.append(tracker.get_slot("booking_reference"))
    return sorted({str(value) for value in found if value})


def resume_with_code(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str
) -> Optional[State]:
    """The scan saved under a code (saying so), or None after saying why not."""
    with session_scope() as session:
        resumed = resume_codes.resume(session, code, tracker.sender_id)
    if resumed.state is None:
        response = "utter_code_too_many_tries" if resumed.blocked else "utter_scan_code_unknown"
        dispatcher.utter_message(response=response, code=resume_codes.display(code))
        return None
    organisation = resumed.state["answers"].get("organisation", {}).get("value") or "jullie"
    dispatcher.utter_message(response="utter_scan_resumed_from_code", organisation=organisation)
    return resumed.state


def awaiting_confirmation(tracker: Tracker) -> bool:
    """True when the assistant's last action before this message asked to confirm a deletion."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and kind == "action" and event.get("name") != "action_listen":
            return event.get("name") == ASK_DELETE_ACTION
    return False


class AnswerFormValidation(FormValidationAction, ABC):
    """Validates only the answer to the question just asked.

    The validators read the latest message. When a form starts again with slots filled earlier
    (the booking form after the chosen time was just taken), Rasa validates those slots once more,
    and the latest message then answers something else ("ja", a button). Those slots keep the
    values they were checked with; slots named in `READ_FROM_VALUE` are validated as usual."""

    READ_FROM_VALUE: Tuple[str, ...] = ()

    @abstractmethod
    def name(self) -> str:  # abstract: the action server registers only the real forms
        ...

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        requested = tracker.get_slot("requested_slot")
        candidates = tracker.slots_to_validate()
        earlier = [n for n in candidates if n != requested and n not in self.READ_FROM_VALUE]
        if not earlier:
            return await super().get_validation_events(dispatcher, tracker, domain)
        rest = tracker.copy()
        count = 0  # the slot candidates are the trailing slot events (Tracker.slots_to_validate)
        for event in reversed(rest.events):
            if event.get("event") != "slot":
                break
            count += 1
        split = len(rest.events) - count
        rest.events = rest.events[:split] + [
            e for e in rest.events[split:] if e.get("name") not in earlier
        ]
        kept: List[EventType] = [SlotSet(name, candidates[name]) for name in earlier]
        return kept + await super().get_validation_events(dispatcher, rest, domain)
