"""Advice without a scan: which component, one quick statement, then the best pathway."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import buttons, latest_text, payload_answer, scale_options
from bot.advice.catalogue import get_catalogue
from bot.advice.matcher import advice_for_topic
from bot.advice.presentation import pathway_text
from bot.advice.topics import detect_topic
from bot.assessment.answer_model import served_model
from bot.assessment.reading import Decision, read_statement_answer
from bot.content import get_content
from bot.content.schema import COMPONENT_IDS

UNKNOWN = "unknown"


def topic_statement(component: str):
    """The first statement of a component: the quick question for advice without a scan."""
    return next(s for s in get_content().questions.statements if s.component == component)


class ValidateAdviceForm(FormValidationAction):
    def name(self) -> str:
        return "validate_advice_form"

    async def extract_advice_topic(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if tracker.get_slot("advice_topic") or tracker.get_slot("requested_slot"):
            return {}
        # The question that started the form often names its topic already.
        topic = detect_topic(latest_text(tracker))
        return {"advice_topic": topic} if topic else {}

    def validate_advice_topic(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        value = payload_answer(tracker) or slot_value
        topic = value if value in COMPONENT_IDS else detect_topic(str(value or ""))
        if topic is None:
            dispatcher.utter_message(response="utter_invalid_advice_topic")
        return {"advice_topic": topic}

    def validate_advice_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        payload = payload_answer(tracker)
        if payload == UNKNOWN or (payload and payload.isdigit() and 1 <= int(payload) <= 5):
            return {"advice_answer": payload}
        statement = topic_statement(tracker.get_slot("advice_topic"))
        reading = read_statement_answer(statement.id, latest_text(tracker), served_model().read)
        if reading.decision in (Decision.NOT_AN_ANSWER, Decision.NOT_UNDERSTOOD):
            dispatcher.utter_message(response="utter_scan_not_understood")
            return {"advice_answer": None}
        # A rough reading is enough here: it only picks between pathways of one component, so
        # a close call between two neighbours takes the likelier one instead of asking back.
        return {"advice_answer": reading.label}


class AskAdviceTopic(Action):
    def name(self) -> str:
        return "action_ask_advice_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        content = get_content()
        options = [(c.name, c.id) for c in content.model.components]
        dispatcher.utter_message(response="utter_ask_advice_topic", buttons=buttons(options))
        return []


class AskAdviceAnswer(Action):
    def name(self) -> str:
        return "action_ask_advice_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        content = get_content()
        statement = topic_statement(tracker.get_slot("advice_topic"))
        dispatcher.utter_message(
            response="utter_ask_advice_answer",
            statement=statement.text,
            buttons=buttons(scale_options(content)),
        )
        return []


class SubmitAdviceForm(Action):
    def name(self) -> str:
        return "action_submit_advice_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        content = get_content()
        topic = tracker.get_slot("advice_topic")
        raw = tracker.get_slot("advice_answer")
        value: Optional[int] = int(raw) if raw and raw.isdigit() else None
        answers = {topic_statement(topic).id: value}
        match = advice_for_topic(topic, get_catalogue(), content, answers)
        dispatcher.utter_message(text=pathway_text(match))
        dispatcher.utter_message(response="utter_advice_then_scan")
        return [SlotSet("advice_topic", None), SlotSet("advice_answer", None)]
