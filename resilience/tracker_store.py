"""Rasa's SQL tracker store, but a database error stops the turn instead of being papered over.

Used in deploy/endpoints.prod.yml (`type: resilience.tracker_store.GuardedSQLTrackerStore`,
same settings as `type: SQL`).
"""

from __future__ import annotations

from typing import Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from resilience import CONVERSATION_PAUSED, StorageUnavailable, describe


class GuardedSQLTrackerStore(SQLTrackerStore):
    """Raises StorageUnavailable (with the error kind only) when the database fails, and notes
    in CONVERSATION_PAUSED whether the conversation it read is paused."""

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            tracker = await super().retrieve(sender_id)
        except SQLAlchemyError as exc:
            raise StorageUnavailable(describe(exc)) from None
        CONVERSATION_PAUSED.set(tracker is not None and tracker.is_paused())
        return tracker

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve_full_tracker(conversation_id)
        except SQLAlchemyError as exc:
            raise StorageUnavailable(describe(exc)) from None

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except SQLAlchemyError as exc:
            raise StorageUnavailable(describe(exc)) from None
