"""Delete a conversation's events from Rasa's tracker store once the deletion turn is stored.

Why after the turn: while the action that deletes runs, Rasa still holds the conversation in
memory. At the end of the turn it saves the tracker by appending every event the table does
not have yet (it counts the rows it finds), so rows deleted during the turn would simply be
written again. So the action only records a DeletionRequest; this module waits until the turn
is stored (the first `action_listen` after the request), then deletes every event up to and
including that one: the confirmation turn goes too.

A message that arrives in the short moment between that save and the delete can make Rasa
write the old events once more. The cut-off stays fixed, so `sweep` (the outbox worker runs it
every round) deletes them again; after CLOSE_AFTER the request forgets the conversation id.
Events after the cut-off belong to a new, unrelated start of the conversation and stay.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.models import utcnow
from bot.privacy import tracker_events
from bot.privacy.models import DeletionRequest

# If the confirmation turn is never stored (Rasa stopped mid-turn), cut at the request itself.
SETTLE = timedelta(minutes=5)
CLOSE_AFTER = timedelta(hours=1)


def purge_request(
    session: Session,
    request: DeletionRequest,
    tracker: Optional[Engine] = None,
    now: Optional[datetime] = None,
) -> Optional[int]:
    """One attempt: how many events it deleted, or None while the turn is not stored yet.

    Safe to repeat: once the cut-off is known, every call deletes what is at or before it."""
    now = now or utcnow()
    if request.conversation_id is None:
        return 0
    tracker = tracker or tracker_events.get_tracker_engine()
    with tracker.begin() as connection:
        cutoff = request.tracker_cutoff
        if cutoff is None:
            cutoff = tracker_events.end_of_turn_after(
                connection, request.conversation_id, request.turn_after
            )
            if cutoff is None:
                if now - request.requested_at < SETTLE:
                    return None
                cutoff = request.turn_after
        deleted = tracker_events.delete_events(connection, request.conversation_id, up_to=cutoff)
    request.tracker_cutoff = cutoff
    request.tracker_purged_at = request.tracker_purged_at or now
    summary = dict(request.summary or {})
    summary["tracker_events"] = summary.get("tracker_events", 0) + deleted
    request.summary = summary
    if now - request.requested_at >= CLOSE_AFTER:
        request.conversation_id = None
        request.closed_at = now
    session.flush()
    return deleted


def purge_by_id(
    session: Session,
    request_id: int,
    tracker: Optional[Engine] = None,
    now: Optional[datetime] = None,
) -> Optional[int]:
    request = session.get(DeletionRequest, request_id)
    return 0 if request is None else purge_request(session, request, tracker, now)


def sweep(
    session: Session, tracker: Optional[Engine] = None, now: Optional[datetime] = None
) -> int:
    """Purge (again) for every open request; returns how many events that deleted."""
    now = now or utcnow()
    open_requests = session.execute(
        select(DeletionRequest).where(DeletionRequest.closed_at.is_(None))
    ).scalars()
    requests = list(open_requests)
    return sum(purge_request(session, request, tracker, now) or 0 for request in requests)
