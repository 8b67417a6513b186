"""Short replies whose meaning depends on what the assistant just asked ("ja", "nee", a code).

One action per kind of reply reads the context from slots, so the rules stay simple and no
slot has to steer the dialogue policy.
"""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import awaiting_confirmation, start_booking


class HandleYes(Action):
    def name(self) -> str:
        return "action_handle_yes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if awaiting_confirmation(tracker):
            return [FollowupAction("action_forget_my_data")]
        if tracker.get_slot("cancel_reference"):
            return [FollowupAction("action_cancel_consultation")]
        if tracker.get_slot("consultation_offered"):
            events = start_booking(dispatcher, tracker)
            return events + [SlotSet("consultation_offered", False), FollowupAction("booking_form")]
        dispatcher.utter_message(response="utter_anything_else")
        return []


class HandleNo(Action):
    def name(self) -> str:
        return "action_handle_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if awaiting_confirmation(tracker):
            return [FollowupAction("action_keep_my_data")]
        if tracker.get_slot("cancel_reference"):
            return [FollowupAction("action_keep_consultation")]
        if tracker.get_slot("consultation_offered"):
            dispatcher.utter_message(response="utter_consultation_declined")
            return [SlotSet("consultation_offered", False)]
        dispatcher.utter_message(response="utter_anything_else")
        return []


class HandleInform(Action):
    """Information outside a form: a code or e-mail address we asked for, or nothing to do."""

    def name(self) -> str:
        return "action_handle_inform"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if tracker.get_slot("manage_purpose"):
            return [FollowupAction("action_find_consultation")]
        dispatcher.utter_message(response="utter_default")
        return []
