"""The production channels answer "even geduld" instead of nothing or an error."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from resilience import CONVERSATION_PAUSED, EVEN_GEDULD, StorageUnavailable
from resilience.channels import GuardedRestInput, GuardedSocketIOInput, guarded


async def reply_to(rasa) -> list[str]:  # type: ignore[no-untyped-def]
    output = CollectingOutputChannel()
    await guarded(rasa)(UserMessage("mijn naam is Jan Jansen", output, "s1"))
    return [m["text"] for m in output.messages]


async def test_a_normal_answer_passes_unchanged():
    async def rasa(message):
        CONVERSATION_PAUSED.set(False)
        await message.output_channel.send_text_message(message.sender_id, "Hoi!")

    assert await reply_to(rasa) == ["Hoi!"]


async def test_tracker_store_down_gives_even_geduld_and_drops_half_a_turn(caplog):
    async def rasa(message):
        await message.output_channel.send_text_message(message.sender_id, "half an answer")
        raise StorageUnavailable("OperationalError <- psycopg2.OperationalError")

    assert await reply_to(rasa) == [EVEN_GEDULD]
    assert "StorageUnavailable" in caplog.text
    assert "Jan Jansen" not in caplog.text  # what the user typed is never logged


async def test_any_other_error_gives_even_geduld():
    async def rasa(message):
        raise ConnectionError("redis lock store unreachable")

    assert await reply_to(rasa) == [EVEN_GEDULD]


async def test_no_answer_at_all_gives_even_geduld_when_the_conversation_is_not_paused():
    async def failing_action(message):
        CONVERSATION_PAUSED.set(False)  # what GuardedSQLTrackerStore notes when it reads it

    assert await reply_to(failing_action) == [EVEN_GEDULD]


async def test_a_paused_conversation_stays_silent():
    async def paused(message):
        CONVERSATION_PAUSED.set(True)  # handed over to an advisor: silence is the answer

    assert await reply_to(paused) == []


async def test_no_answer_from_another_tracker_store_is_left_alone():
    async def unknown(message):  # pause state not known (e.g. the SQLite tracker store)
        pass

    assert await reply_to(unknown) == []


async def test_cancellation_is_not_swallowed():
    async def cancelled(message):
        raise asyncio.CancelledError()

    with pytest.raises(asyncio.CancelledError):
        await reply_to(cancelled)


def test_same_names_and_urls_as_the_channels_they_replace():
    assert GuardedRestInput.name() == "rest"
    assert GuardedSocketIOInput.name() == "socketio"


def test_storage_unavailable_passes_rasas_except_exception_blocks():
    # Rasa's FailSafeTrackerStore catches Exception and continues with an empty conversation
    assert not issubclass(StorageUnavailable, Exception)
