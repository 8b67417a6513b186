"""Adapter for the end of the scan: complete it (bot.scans.complete), show profile and advice."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import scan_state
from bot.advice.presentation import intro_sentence, pathway_text
from bot.assessment import interview
from bot.content import get_content
from bot.db.session import session_scope
from bot.scan_completion import CompletedScan, complete_scan
from bot.settings import get_settings
from bot.team import codes, wording
from bot.team import repository as teams
from bot.team.config import get_team_settings
from bot.team.progress import repeat_suggestion
from bot.text import score

CONSULTATION_BUTTONS = [
    {"title": "Ja, graag", "payload": "/affirm"},
    {"title": "Nee, dank je", "payload": "/deny"},
]


class SubmitScanForm(Action):
    def name(self) -> str:
        return "action_submit_scan_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        content = get_content()
        state = scan_state(tracker)
        if interview.team_info(state):
            answers = interview.statement_answers(state, content)
            return submit_team_answers(dispatcher, tracker, state, answers)
        with session_scope() as session:
            done = complete_scan(session, tracker.sender_id, state, content, get_team_settings())
        show_profile(dispatcher, done)
        show_next_steps(dispatcher, done)
        return [
            SlotSet("last_scan_id", done.report.public_id),
            SlotSet("scan_state", None),
            SlotSet("consultation_offered", done.decision.propose),
        ]


def show_profile(dispatcher: CollectingDispatcher, done: CompletedScan) -> None:
    """The level per component next to the sector, the chart, and changes since last time."""
    report = done.report
    base = get_settings().public_base_url.rstrip("/")
    dispatcher.utter_message(response="utter_scan_done_intro")
    dispatcher.utter_message(text=report.headline)
    dispatcher.utter_message(
        text="\n".join(f"• {line.text} {line.benchmark_text}" for line in report.lines)
    )
    dispatcher.utter_message(image=f"{base}/scan/{report.public_id}/chart.png")
    if report.changes:
        changes = "; ".join(
            f"{name}: {score(before)} → {score(now)}" for name, before, now in report.changes
        )
        dispatcher.utter_message(
            response="utter_scan_changes", date=report.previous_date, changes=changes
        )


def show_next_steps(dispatcher: CollectingDispatcher, done: CompletedScan) -> None:
    """The advice pathways, the results link, the team, when to repeat, and a consultation."""
    base = get_settings().public_base_url.rstrip("/")
    dispatcher.utter_message(response="utter_advice_intro", steps=intro_sentence(len(done.matches)))
    for match in done.matches:
        dispatcher.utter_message(text=pathway_text(match))
    dispatcher.utter_message(
        response="utter_scan_results_link", url=f"{base}/scan/{done.report.public_id}"
    )
    if done.team_code is not None:
        dispatcher.utter_message(
            response="utter_team_your_answers_count", code=done.team_code, status=done.team_status
        )
    else:
        dispatcher.utter_message(response="utter_team_suggest")
    months = get_team_settings().progress.repeat_after_months
    dispatcher.utter_message(text=repeat_suggestion(done.completed_on, months))
    decision = done.decision
    if decision.propose:
        dispatcher.utter_message(text=" ".join(decision.reasons))
        dispatcher.utter_message(text=decision.message, buttons=CONSULTATION_BUTTONS)
    else:
        dispatcher.utter_message(text=decision.message)


def submit_team_answers(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: dict, answers: dict
) -> List[EventType]:
    """A colleague's answers go to the team only: no scan of their own, no advice of their own."""
    info = interview.team_info(state) or {}
    role = interview.profile(state).role
    with session_scope() as session:
        team = teams.find_by_code(session, str(info.get("code")))
        if team is None or not teams.is_open(team, get_team_settings()):
            dispatcher.utter_message(
                response="utter_team_closed", code=codes.display(str(info.get("code")))
            )
            return [SlotSet("scan_state", None)]
        teams.record_response(session, team, tracker.sender_id, role, answers)
        count = len(team.responses)
        organisation = team.organisation or "jullie organisatie"
    dispatcher.utter_message(response="utter_team_member_done", organisation=organisation)
    needed = get_team_settings().min_respondents
    if count >= needed:
        dispatcher.utter_message(
            response="utter_team_member_profile_ready", count=wording.colleagues(count)
        )
    else:
        dispatcher.utter_message(text=wording.status(count, needed))
    return [SlotSet("scan_state", None)]
