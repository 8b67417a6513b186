"""The REST channel's input checks and size limit, without a running server (scripts/fuzz.py
sends the same kinds of input over HTTP to the running stack)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic.exceptions import Forbidden, InvalidUsage

from bot.web.app import MAX_MESSAGE_CHARS as WEB_LIMIT
from channels.common import EMPTY, MAX_MESSAGE_CHARS, TOO_LONG
from channels.identity import INTERNAL_HEADER
from channels.rest import DenRestInput, clean_text, limited, plain_unless_payload
from resilience.channels import GuardedRestInput


def request(body):
    return SimpleNamespace(json=body, headers={})


async def answer(text):
    seen = []

    async def rasa(message):
        seen.append(message.text)

    output = CollectingOutputChannel()
    await limited(rasa)(UserMessage(text, output, "s"))
    return seen, [m["text"] for m in output.messages]


async def test_too_long_and_empty_messages_get_a_dutch_answer_and_never_reach_rasa():
    assert await answer("x" * (MAX_MESSAGE_CHARS + 1)) == ([], [TOO_LONG])
    assert await answer("   ") == ([], [EMPTY])
    assert await answer(None) == ([], [EMPTY])
    assert await answer("x" * MAX_MESSAGE_CHARS) == (["x" * MAX_MESSAGE_CHARS], [])
    assert "te lang" in TOO_LONG and str(MAX_MESSAGE_CHARS) in TOO_LONG


def test_the_chat_page_and_the_rest_channel_use_the_same_limit():
    assert WEB_LIMIT == MAX_MESSAGE_CHARS == 2000


def test_control_characters_and_lone_surrogates_are_removed_rtl_and_emoji_stay():
    assert clean_text("a\x00b\x1bc\x7f\ud800d\n\te") == "abcd\n\te"
    assert clean_text("مرحبا 👋🏽 \u200f") == "مرحبا 👋🏽 \u200f"


@pytest.mark.parametrize(
    "body",
    [None, [], "tekst", 3, {"message": "hoi"}, {"sender": "", "message": "hoi"},
     {"sender": {"a": 1}, "message": "hoi"}, {"sender": True}, {"sender": "x" * 256}],
)  # fmt: skip
async def test_a_body_that_is_no_usable_json_object_is_a_client_error(body):
    with pytest.raises(InvalidUsage):
        await DenRestInput()._extract_sender(request(body))


async def test_odd_but_valid_fields_are_made_harmless():
    channel = DenRestInput()
    body = {"sender": 42, "message": ["x"], "input_channel": 5, "metadata": "m"}
    assert await channel._extract_sender(request(body)) == "42"
    assert channel._extract_message(request(body)) is None  # -> the EMPTY answer
    assert channel._extract_input_channel(request(body)) == "rest"
    assert channel.get_metadata(request(body)) is None
    assert channel._extract_message(request({"message": "hoi\x00"})) == "hoi"


def test_same_name_and_url_as_rasas_rest_channel_also_in_production():
    assert DenRestInput.name() == GuardedRestInput.name() == "rest"
    assert issubclass(GuardedRestInput, DenRestInput)


@pytest.mark.parametrize(
    ("typed", "passed_on"),
    [
        ('/inform{"answer": "3"}', '/inform{"answer": "3"}'),
        ("/start_scan", "/start_scan"),
        ("/affirm@0.9", "/affirm@0.9"),
        ("/", ""),
        ("/ mijn mail is jan@museum.nl", " mijn mail is jan@museum.nl"),
        ("/inform{broken", "inform{broken"),
        ("//x", "x"),
        ("hoi /start", "hoi /start"),
    ],
)
def test_only_well_formed_payloads_keep_their_slash(typed, passed_on):
    assert plain_unless_payload(typed) == passed_on


def test_rasas_warning_that_repeats_a_payload_is_switched_off():
    import importlib
    import warnings

    import rasa.shared.utils.io

    import channels.rest

    with warnings.catch_warnings(record=True) as caught:
        importlib.reload(channels.rest)  # what loading credentials.yml does in the Rasa server
        rasa.shared.utils.io.raise_warning("Failed to parse arguments in line '/x jan@museum.nl'")
        rasa.shared.utils.io.raise_warning("another warning")
    assert [str(w.message) for w in caught] == ["another warning"]


def headed(body, headers=None):
    return SimpleNamespace(json=body, headers=headers or {})


OTHER_CHANNELS = ["telegram:123456789", "slack:U024BE7LH", "web:" + "a" * 32, "teams:29:1abc",
                  "chat:" + "b" * 32, " Telegram:1"]  # fmt: skip


@pytest.mark.parametrize("sender", OTHER_CHANNELS)
async def test_another_channels_conversation_cannot_be_reached_over_rest(sender, monkeypatch):
    monkeypatch.setenv("RASA_API_TOKEN", "internal-secret")
    with pytest.raises(Forbidden):
        await DenRestInput()._extract_sender(headed({"sender": sender, "message": "resultaten"}))


async def test_only_the_chat_page_server_may_use_chat_conversations(monkeypatch):
    monkeypatch.setenv("RASA_API_TOKEN", "internal-secret")
    body = {"sender": "chat:" + "b" * 32, "message": "hoi"}
    with pytest.raises(Forbidden):
        await DenRestInput()._extract_sender(headed(body, {INTERNAL_HEADER: "a guess"}))
    assert (
        await DenRestInput()._extract_sender(headed(body, {INTERNAL_HEADER: "internal-secret"}))
        == body["sender"]
    )
    monkeypatch.setenv("RASA_API_TOKEN", "")  # no secret configured: nobody
    with pytest.raises(Forbidden):
        await DenRestInput()._extract_sender(headed(body, {INTERNAL_HEADER: ""}))
