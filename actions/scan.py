"""Adapters for the scan interview: the form validator, the dynamic question, and controls."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    buttons,
    latest_intent,
    latest_text,
    payload_answer,
    resume_with_code,
    scale_options,
    scan_state,
)
from actions.team import JoinTeamScan, join_team, start_team
from bot.assessment import interview
from bot.assessment.interview import Outcome, State
from bot.content import get_content
from bot.content.schema import OpenQuestion, ProfileQuestion, Statement
from bot.scans import resume_codes
from bot.team import codes as team_codes

FORM = "scan_form"


class ValidateScanForm(FormValidationAction):
    def name(self) -> str:
        return "validate_scan_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        question = interview.current_question(scan_state(tracker), get_content())
        if question is None:
            return []
        if isinstance(question, ProfileQuestion) and question.kind == "text":
            return ["scan_text_answer"]
        return ["scan_answer"]

    def validate_scan_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        content = get_content()
        state = scan_state(tracker)
        team_events = _team_request(tracker, dispatcher)
        if team_events is not None:
            return team_events
        step = interview.answer(state, content, latest_text(tracker), payload_answer(tracker))
        unread = step.outcome in (Outcome.NOT_UNDERSTOOD, Outcome.NOT_AN_ANSWER)
        if unread and latest_intent(tracker) == "faq" and _utter_faq(tracker, dispatcher):
            dispatcher.utter_message(response="utter_scan_back_to_scan")
            return {"scan_answer": None, "scan_state": step.state}
        feedback = {
            Outcome.NOT_UNDERSTOOD: _not_understood(step.question),
            Outcome.NOT_AN_ANSWER: "utter_scan_not_an_answer",
            Outcome.REJECTED_GUESS: "utter_scan_guess_rejected",
            Outcome.EMPTY: "utter_scan_text_empty",
            Outcome.TOO_LONG: "utter_scan_text_too_long",
        }.get(step.outcome)
        if feedback:
            dispatcher.utter_message(response=feedback, limit=step.value)
        return {"scan_answer": None, "scan_state": step.state}

    def validate_scan_text_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        result = self.validate_scan_answer(slot_value, dispatcher, tracker, domain)
        return {"scan_text_answer": None, "scan_state": result["scan_state"]}


def _not_understood(question: object) -> str:
    if isinstance(question, Statement):
        return "utter_scan_not_understood"
    return "utter_scan_choice_not_understood"


def _team_request(tracker: Tracker, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
    """A team code, a resume code or a request to start a team scan, in the middle of the scan.

    Checked before the reply is read as an answer, but only when the words say so ("team"), so
    an ordinary answer is never taken for a team request.
    """
    text = latest_text(tracker)
    intent = latest_intent(tracker)
    if intent == "join_team_scan" and team_codes.find_team_code(text):
        joined = join_team(dispatcher, tracker)
        return {"scan_answer": None, "scan_state": joined or scan_state(tracker)}
    code = resume_codes.find_code(text) if intent == "resume_scan" else None
    if code:  # "mijn code is ...": never an answer (an organisation named like a code)
        resumed = resume_with_code(dispatcher, tracker, code)
        return {"scan_answer": None, "scan_state": resumed or scan_state(tracker)}
    if intent == "start_team_scan" and "team" in text.lower():
        start_team(dispatcher, tracker)
        dispatcher.utter_message(response="utter_scan_back_to_scan")
        return {"scan_answer": None, "scan_state": scan_state(tracker)}
    return None


def _utter_faq(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """Answer a quick question asked in the middle of the scan with its FAQ response."""
    selector = tracker.latest_message.get("response_selector", {}).get("faq", {})
    action = (selector.get("response") or {}).get("utter_action")
    if not action:
        return False
    dispatcher.utter_message(response=action)
    return True


class AskScanAnswer(Action):
    """Asks the current question, with progress and buttons, or checks a guessed answer."""

    def name(self) -> str:
        return "action_ask_scan_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        ask_current_question(dispatcher, scan_state(tracker))
        return []


class AskScanTextAnswer(AskScanAnswer):
    def name(self) -> str:
        return "action_ask_scan_text_answer"


def ask_current_question(dispatcher: CollectingDispatcher, state: State) -> None:
    content = get_content()
    question = interview.current_question(state, content)
    pending = state.get("pending")
    if pending and question is not None and pending.get("question") == question.id:
        _ask_check(dispatcher, question, interview.pending_labels(pending))
        return
    if isinstance(question, Statement):
        number, total = interview.progress(state, content) or (0, 0)
        dispatcher.utter_message(
            response="utter_scan_statement",
            number=number,
            total=total,
            component=content.component_name(question.component),
            question=question.text,
            buttons=buttons(scale_options(content)),
        )
    elif isinstance(question, ProfileQuestion) and question.kind == "choice":
        options = [(o.label, o.value) for o in question.options]
        dispatcher.utter_message(text=question.text, buttons=buttons(options))
    elif isinstance(question, OpenQuestion):
        dispatcher.utter_message(
            text=question.text, buttons=[{"title": "Overslaan", "payload": "/skip_question"}]
        )
    elif question is not None:
        dispatcher.utter_message(text=question.text)


def _ask_check(dispatcher: CollectingDispatcher, question: object, labels: List[str]) -> None:
    """ "Bedoel je ...?" for one likely reading (yes/no) or two close ones (both, then the rest)."""
    content = get_content()
    if isinstance(question, Statement):
        names = {value: title for title, value in scale_options(content)}
        quoted = {str(o.value): o.label for o in content.questions.scale}
        quoted[interview.UNKNOWN_PAYLOAD] = content.questions.unknown_label
    else:
        names = quoted = {o.value: o.label for o in getattr(question, "options", [])}
    if len(labels) == 2:
        rest = [(names[k], k) for k in names if k not in labels]
        dispatcher.utter_message(
            response="utter_scan_offer_pair",
            first=quoted[labels[0]],
            second=quoted[labels[1]],
            buttons=buttons([(names[k], k) for k in labels] + rest),
        )
        return
    dispatcher.utter_message(response="utter_scan_confirm_guess", label=quoted[labels[0]])


class StartScan(Action):
    def name(self) -> str:
        return "action_start_scan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        state = scan_state(tracker)
        going_on = _scan_going_on(dispatcher, tracker, state)
        if going_on is not None:
            return going_on
        dispatcher.utter_message(response="utter_scan_intro")
        return [SlotSet("scan_state", interview.new_state())]


def _scan_going_on(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: State
) -> Optional[List[EventType]]:
    """A wish to start or resume while a scan is unfinished: carry on with it (None: no scan).

    Inside the scan, a reply that surely answers the statement ("we zijn er net mee begonnen")
    is that answer, not a wish to (re)start.
    """
    if tracker.active_loop.get("name") == FORM:
        step = interview.sure_statement_answer(state, get_content(), latest_text(tracker))
        if step is not None:
            return [SlotSet("scan_state", step.state)]
    if state["history"] and not interview.is_complete(state, get_content()):
        dispatcher.utter_message(response="utter_scan_continue")
        return []
    return None


class ResumeScan(Action):
    """Continue a paused scan: this conversation's own, or one saved under a resume code."""

    def name(self) -> str:
        return "action_resume_scan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if team_codes.find_team_code(text):  # "verder met de teamscan, TEAM-7K3M9Q"
            return await JoinTeamScan().run(dispatcher, tracker, domain)
        code = resume_codes.find_code(text)
        if code:
            saved = resume_with_code(dispatcher, tracker, code)
            if saved is None:
                return [ActiveLoop(None), SlotSet("requested_slot", None)]
            return [SlotSet("scan_state", saved)]
        state = scan_state(tracker)
        going_on = _scan_going_on(dispatcher, tracker, state)
        if going_on is not None:
            return going_on
        dispatcher.utter_message(response="utter_scan_nothing_to_resume")
        return [SlotSet("scan_state", interview.new_state())]
