"""Tracker events go after the confirmation turn is stored, and stay gone."""

from __future__ import annotations

from datetime import timedelta

from bot.db.session import session_scope
from bot.privacy import purge
from bot.privacy.deletion import forget_conversation
from bot.privacy.models import DeletionRequest
from tests.bot.scheduling.helpers import NOW

from .conftest import add_events, count_events, turn


def _request(turn_after: float) -> int:
    with session_scope() as session:
        return forget_conversation(session, "conv-a", [], turn_after, now=NOW).request_id


def test_waits_for_the_confirmation_turn_then_deletes_it_and_everything_before(tracker):
    add_events(tracker, "conv-a", turn(100, "ik heet Jan", {"contact_name": "Jan"}))
    add_events(tracker, "conv-a", [{"type_name": "user", "timestamp": 200, "text": "ja"}])
    add_events(tracker, "conv-b", turn(150, "hallo"))
    request_id = _request(turn_after=200)
    with session_scope() as session:  # the confirmation turn is not stored yet
        assert purge.purge_by_id(session, request_id, now=NOW) is None
    assert count_events(tracker, "conv-a") == 5 + 1

    add_events(tracker, "conv-a", turn(200.5, "ja")[1:])  # Rasa stores the rest of the turn
    with session_scope() as session:
        assert purge.purge_by_id(session, request_id, now=NOW) == 9
        request = session.get(DeletionRequest, request_id)
        assert request.tracker_cutoff == 200.9 and request.summary["tracker_events"] == 9
    assert count_events(tracker, "conv-a") == 0
    assert count_events(tracker, "conv-b") == 4  # someone else's conversation stays


def test_old_events_written_again_by_a_racing_message_are_swept_new_ones_stay(tracker):
    add_events(tracker, "conv-a", turn(100, "jan@museum.nl", {"contact_email": "jan@museum.nl"}))
    request_id = _request(turn_after=99)
    with session_scope() as session:
        assert purge.purge_by_id(session, request_id, now=NOW) == 5
    # A message that raced the delete: Rasa writes the old events again, plus its own new turn.
    add_events(tracker, "conv-a", turn(100, "jan@museum.nl", {"contact_email": "jan@museum.nl"}))
    add_events(tracker, "conv-a", turn(300, "hallo"))
    with session_scope() as session:
        assert purge.sweep(session, now=NOW + timedelta(minutes=1)) == 5  # the old ones again
    assert count_events(tracker, "conv-a") == 4  # only the new turn
    with session_scope() as session:
        assert purge.sweep(session, now=NOW + purge.CLOSE_AFTER) == 0
        request = session.get(DeletionRequest, request_id)
        assert request.conversation_id is None and request.closed_at is not None
    assert count_events(tracker, "conv-a") == 4


def test_a_turn_that_is_never_stored_is_cut_at_the_request_after_a_while(tracker):
    add_events(tracker, "conv-a", turn(100, "hoi"))
    request_id = _request(turn_after=100.4)
    with session_scope() as session:
        request = session.get(DeletionRequest, request_id)
        assert purge.purge_request(session, request, now=NOW + timedelta(minutes=1)) is None
        assert purge.purge_request(session, request, now=NOW + purge.SETTLE) == 4
    assert count_events(tracker, "conv-a") == 0


def test_no_tracker_table_yet_means_nothing_to_delete(database_url, tmp_path, monkeypatch):
    from bot.privacy import tracker_events

    monkeypatch.setenv("TRACKER_DB_PATH", str(tmp_path / "empty.db"))
    tracker_events.get_tracker_engine.cache_clear()
    request_id = _request(turn_after=1)
    with session_scope() as session:
        request = session.get(DeletionRequest, request_id)
        assert purge.purge_request(session, request, now=NOW + purge.SETTLE) == 0
        assert request.summary["tracker_events"] == 0
    tracker_events.get_tracker_engine.cache_clear()
