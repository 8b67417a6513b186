"""Adapters for 'verwijder mijn gegevens' (bot/privacy does the work).

Asked first (action_ask_delete_my_data); the answer "ja" or "nee" reaches action_handle_yes /
action_handle_no, which hand on to action_forget_my_data / action_keep_my_data here (with a
FollowupAction) when the question just before was ours.
The tracker events of the conversation are deleted after this turn is stored (bot.privacy.purge):
a task on the action server does it within seconds; the outbox worker finishes any it missed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Set

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import ASK_DELETE_ACTION, booking_references
from bot.assessment.interview import is_complete
from bot.content import get_content
from bot.db.session import session_scope
from bot.privacy import purge
from bot.privacy.deletion import forget_conversation
from bot.scheduling.dates import describe

log = logging.getLogger(__name__)
PURGE_POLL_SECONDS = 0.5
PURGE_WAIT_SECONDS = 60.0
PURGE_REPEAT_AFTER_SECONDS = 5.0
_purges: Set[asyncio.Task] = set()  # keep a reference until each task is done


class AskDeleteMyData(Action):
    """Ask before wiping anything. In a form, the rules close the form first (it can be resumed
    later), so "ja" or "nee" is never taken as an answer to the form's question."""

    def name(self) -> str:
        return ASK_DELETE_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_ask_delete_my_data")
        return []


def latest_timestamp(tracker: Tracker) -> float:
    stamps = [e.get("timestamp") for e in tracker.events if e.get("timestamp") is not None]
    return max(stamps) if stamps else 0.0


class ForgetMyData(Action):
    def name(self) -> str:
        return "action_forget_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return await forget(dispatcher, tracker)


class KeepMyData(Action):
    def name(self) -> str:
        return "action_keep_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return keep(dispatcher, tracker)


async def forget(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Wipe this conversation's data; the tracker events follow once this turn is stored."""
    try:
        with session_scope() as session:
            report = forget_conversation(
                session, tracker.sender_id, booking_references(tracker), latest_timestamp(tracker)
            )
    except SQLAlchemyError as exc:
        log.warning("deleting a conversation's data failed: %s", type(exc).__name__)
        dispatcher.utter_message(response="utter_delete_my_data_failed")
        return []
    dispatcher.utter_message(response="utter_delete_my_data_done")
    for kept in report.kept_consultations:
        dispatcher.utter_message(
            response="utter_delete_my_data_consultation",
            reference=kept.reference,
            moment=describe(kept.start),
        )
    _schedule_purge(report.request_id)
    return [AllSlotsReset()]


def keep(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    dispatcher.utter_message(response="utter_delete_my_data_kept")
    if _scan_in_progress(tracker.get_slot("scan_state")):
        dispatcher.utter_message(response="utter_delete_my_data_resume_scan")
    return []


def _scan_in_progress(state: Optional[Dict[str, Any]]) -> bool:
    if not isinstance(state, dict) or state.get("version") != 1:
        return False
    started = bool(state.get("answers") or state.get("skipped"))
    return started and not is_complete(state, get_content())


def _schedule_purge(request_id: int) -> None:
    task = asyncio.get_running_loop().create_task(
        purge_after_turn(
            request_id,
            poll=PURGE_POLL_SECONDS,
            wait=PURGE_WAIT_SECONDS,
            repeat_after=PURGE_REPEAT_AFTER_SECONDS,
        )
    )
    _purges.add(task)
    task.add_done_callback(_purges.discard)


async def purge_after_turn(
    request_id: int,
    *,
    poll: float = PURGE_POLL_SECONDS,
    wait: float = PURGE_WAIT_SECONDS,
    repeat_after: float = PURGE_REPEAT_AFTER_SECONDS,
) -> bool:
    """Delete the conversation's events as soon as Rasa has stored this turn; once more a few
    seconds later (see bot.privacy.purge). The outbox worker's sweep covers a missed one."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while loop.time() < deadline:
        try:
            if await asyncio.to_thread(_purge_once, request_id):
                await asyncio.sleep(repeat_after)
                await asyncio.to_thread(_purge_once, request_id)
                return True
        except SQLAlchemyError as exc:  # the worker's sweep tries again later
            log.warning("tracker purge failed: %s", type(exc).__name__)
            return False
        await asyncio.sleep(poll)
    return False


def _purge_once(request_id: int) -> bool:
    with session_scope() as session:
        return purge.purge_by_id(session, request_id) is not None
