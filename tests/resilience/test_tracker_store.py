"""GuardedSQLTrackerStore: Rasa's SQL tracker store that stops the turn when the database fails."""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from resilience import CONVERSATION_PAUSED, StorageUnavailable
from resilience.tracker_store import GuardedSQLTrackerStore

SECRET = "mijn adres is Kerkstraat 1"


@pytest.fixture()
def store(tmp_path) -> GuardedSQLTrackerStore:
    return GuardedSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))


def tracker(*events) -> DialogueStateTracker:  # type: ignore[no-untyped-def]
    return DialogueStateTracker.from_events("s1", [ActionExecuted("action_listen"), *events])


async def test_round_trip_and_pause_state(store):
    await store.save(tracker(UserUttered(SECRET)))
    assert (await store.retrieve("s1")).latest_message.text == SECRET
    assert CONVERSATION_PAUSED.get() is False
    await store.save(tracker(UserUttered(SECRET), ConversationPaused()))
    await store.retrieve("s1")
    assert CONVERSATION_PAUSED.get() is True


async def test_database_errors_stop_the_turn_without_the_users_words(store):
    await store.save(tracker(UserUttered(SECRET)))
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE events")  # the database is unusable
    safe = FailSafeTrackerStore(store)  # how Rasa's Agent wraps every tracker store
    with pytest.raises(StorageUnavailable) as retrieving:
        await safe.retrieve("s1")
    with pytest.raises(StorageUnavailable) as saving:
        await safe.save(tracker(UserUttered(SECRET)))
    for error in (retrieving.value, saving.value):
        assert "OperationalError" in str(error)
        assert "Kerkstraat" not in str(error) and error.__cause__ is None
