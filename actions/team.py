"""Adapters for the team scan: start one (code + invitation), join one, see the team profile."""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.common import resume_with_code, scan_state
from bot.advice.catalogue import get_catalogue
from bot.advice.presentation import intro_sentence
from bot.assessment import interview
from bot.assessment.interview import State
from bot.content import get_content
from bot.db.models import Scan
from bot.db.session import session_scope
from bot.scans import repository as scans
from bot.scans import resume_codes
from bot.settings import get_settings
from bot.team import codes, wording
from bot.team import repository as teams
from bot.team.config import get_team_settings
from bot.team.models import Team
from bot.team.report import TeamReport, build_team_report

CONSULTATION_BUTTONS = [
    {"title": "Ja, graag", "payload": "/affirm"},
    {"title": "Nee, dank je", "payload": "/deny"},
]
LISTEN = [FollowupAction("action_listen")]
FORM = "scan_form"


def base_url() -> str:
    return get_settings().public_base_url.rstrip("/")


def team_url(team: Team) -> str:
    return f"{base_url()}/team/{team.public_id}"


def open_team_of(session: Session, conversation_id: str) -> Optional[Team]:
    return teams.open_team_of(session, conversation_id, get_team_settings())


def start_team(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Create a team (or show the open one again) with its code and invitation text."""
    settings = get_team_settings()
    state = scan_state(tracker)
    in_progress = bool(state["history"]) and not interview.is_complete(state, get_content())
    with session_scope() as session:
        team = open_team_of(session, tracker.sender_id)
        if team is not None:
            dispatcher.utter_message(response="utter_team_already", code=codes.display(team.code))
        else:
            team = teams.create_team(session, tracker.sender_id, _own_scan(session, tracker))
            dispatcher.utter_message(response="utter_team_started", code=codes.display(team.code))
        dispatcher.utter_message(
            text=wording.invitation(team.code, team.organisation, f"{base_url()}/")
        )
        own = any(r.conversation_id == tracker.sender_id for r in team.responses)
        if own:
            dispatcher.utter_message(response="utter_team_own_answers_count")
        elif in_progress:
            dispatcher.utter_message(response="utter_team_own_answers_later")
        else:
            dispatcher.utter_message(response="utter_team_do_own_scan")
        dispatcher.utter_message(
            response="utter_team_how_to_see", needed=settings.min_respondents, url=team_url(team)
        )


def _own_scan(session: Session, tracker: Tracker) -> Optional[Scan]:
    """The scan this conversation just completed, so its answers count for the team."""
    public_id = tracker.get_slot("last_scan_id")
    scan = scans.get_scan(session, public_id) if public_id else None
    return scan if scan is not None and scan.conversation_id == tracker.sender_id else None


def join_team(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[State]:
    """The scan state for a colleague joining with a code; None (after saying why) otherwise."""
    text = tracker.latest_message.get("text") or ""
    code = codes.find_any_code(text)
    if code is None:
        dispatcher.utter_message(response="utter_team_ask_code")
        return None
    with session_scope() as session:
        joining = teams.find_for_joining(session, code, tracker.sender_id)
        team = joining.team
        if joining.kind == "too_many_tries":
            dispatcher.utter_message(response="utter_code_too_many_tries")
            return None
        if team is None:
            dispatcher.utter_message(response="utter_team_code_unknown", code=codes.display(code))
            return None
        if not teams.is_open(team, get_team_settings()):
            dispatcher.utter_message(response="utter_team_closed", code=codes.display(code))
            return None
        code, organisation = team.code, team.organisation
    state = scan_state(tracker)
    current = interview.team_info(state)
    content = get_content()
    if current and current["code"] == code and not interview.is_complete(state, content):
        joined = state  # already answering for this team: go on where we were
    elif state["history"] and not current and not interview.is_complete(state, content):
        joined = interview.join_team(state, content, code, organisation)
    else:
        joined = interview.new_team_member_state(code, organisation)
    dispatcher.utter_message(
        response="utter_team_joined", organisation=organisation or "jullie organisatie"
    )
    return joined


def show_team_report(dispatcher: CollectingDispatcher, team: Team, report: TeamReport) -> bool:
    """The team profile in chat, or how many answered so far. True when a gesprek was proposed."""
    if not report.visible:
        dispatcher.utter_message(text=report.status)
        dispatcher.utter_message(
            response="utter_team_share_again", code=report.code, url=f"{base_url()}/"
        )
        return False
    dispatcher.utter_message(text=report.headline)
    dispatcher.utter_message(text="\n".join(f"• {line}" for line in report.component_lines))
    dispatcher.utter_message(text=report.groups_line)
    disagreements = [report.disagreement_intro] + [f"• {d}" for d in report.disagreement_lines]
    dispatcher.utter_message(text="\n".join(disagreements))
    dispatcher.utter_message(image=f"{team_url(team)}/chart.png")
    if report.changes:
        dispatcher.utter_message(
            response="utter_team_changes",
            kind="teamscan" if report.previous_kind == "team" else "scan",
            date=report.previous_date,
            changes="; ".join(report.changes),
        )
    dispatcher.utter_message(
        response="utter_advice_intro", steps=intro_sentence(len(report.pathways))
    )
    for pathway in report.pathways:
        dispatcher.utter_message(text=pathway.chat_text)
    dispatcher.utter_message(response="utter_team_results_link", url=team_url(team))
    dispatcher.utter_message(text=report.repeat)
    if report.consultation_propose:
        dispatcher.utter_message(text=" ".join(report.consultation_reasons))
        dispatcher.utter_message(text=report.consultation_message, buttons=CONSULTATION_BUTTONS)
    else:
        dispatcher.utter_message(text=report.consultation_message)
    return report.consultation_propose


def report_for(session: Session, team: Team) -> TeamReport:
    return build_team_report(session, team, get_content(), get_team_settings(), get_catalogue())


class StartTeamScan(Action):
    def name(self) -> str:
        return "action_start_team_scan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if codes.find_team_code(text):
            # "teamcode TEAM-7K3M9Q" read as a wish to start one: the colleague wants to join
            joined = join_team(dispatcher, tracker)
            if joined is not None:
                return [SlotSet("scan_state", joined), FollowupAction(FORM)]
            return []
        code = resume_codes.find_code(text)
        if code and "team" not in text.lower():
            # "mijn code is 9RT4-LBQX-7KZP": a resume code, not a request for a team
            saved = resume_with_code(dispatcher, tracker, code)
            if saved is None:
                return [ActiveLoop(None), SlotSet("requested_slot", None)]
            return [SlotSet("scan_state", saved), FollowupAction(FORM)]
        start_team(dispatcher, tracker)
        return []


class JoinTeamScan(Action):
    """A colleague enters a team code: only the role, then the statements."""

    def name(self) -> str:
        return "action_join_team_scan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        joined = join_team(dispatcher, tracker)
        if joined is None:
            if tracker.active_loop.get("name"):
                return []  # the scan in progress goes on
            return [ActiveLoop(None), SlotSet("requested_slot", None)] + LISTEN
        return [SlotSet("scan_state", joined)]


class ShowTeamResults(Action):
    def name(self) -> str:
        return "action_show_team_results"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        with session_scope() as session:
            team = teams.latest_for_initiator(session, tracker.sender_id)
            if team is None:
                dispatcher.utter_message(response="utter_team_none")
                return []
            proposed = show_team_report(dispatcher, team, report_for(session, team))
        return [SlotSet("consultation_offered", proposed)]
