"""The channel adapters without a running server: configuration, de-duplication, formatting."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.run import create_http_input_channels

from channels import identity
from channels.common import RecentIds, flag, setting
from channels.slack import SlackInput, button_blocks, mrkdwn_escape
from channels.socketio import sender_for
from channels.telegram import MissingSecretToken, TelegramInput, callback_data, keyboard

ROOT = Path(__file__).resolve().parents[2]
CHANNEL_VARS = [
    "TELEGRAM_ACCESS_TOKEN", "TELEGRAM_BOT_NAME", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN",
    "TELEGRAM_API_URL", "SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_API_URL",
    "BOTFRAMEWORK_APP_ID", "BOTFRAMEWORK_APP_PASSWORD",
]  # fmt: skip
SCALE = [{"title": f"{n} · x", "payload": f'/inform{{"answer": "{n}"}}'} for n in range(1, 6)] + [
    {"title": "Weet ik niet", "payload": '/inform{"answer": "unknown"}'}
]


async def ignore(_message) -> None:
    return None


def channels_with(monkeypatch, **values):
    for name in CHANNEL_VARS:
        monkeypatch.setenv(name, values.get(name, ""))
    return {c.name(): c for c in create_http_input_channels(None, str(ROOT / "credentials.yml"))}


def test_empty_channel_variables_start_every_channel_switched_off(monkeypatch):
    channels = channels_with(monkeypatch)
    assert set(channels) == {"rest", "socketio", "telegram", "slack", "botframework"}
    for name in ("telegram", "slack", "botframework"):
        assert channels[name].configured is False
        # building the routes neither raises nor calls the platform
        assert channels[name].blueprint(ignore).name == f"{name}_webhook"
    assert channels["socketio"].session_persistence is True


def test_channel_variables_fill_the_credentials(monkeypatch):
    channels = channels_with(
        monkeypatch,
        TELEGRAM_ACCESS_TOKEN="123:abc",
        TELEGRAM_SECRET_TOKEN="s3cret",
        TELEGRAM_API_URL="http://localhost:1/telegram",
        SLACK_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET="signing",
        SLACK_API_URL="http://localhost:1/slack/api/",
        BOTFRAMEWORK_APP_ID="app",
        BOTFRAMEWORK_APP_PASSWORD="pw",
    )
    telegram, slack = channels["telegram"], channels["slack"]
    assert telegram.configured and telegram.secret_token == "s3cret"
    assert telegram.get_output_channel()._token == "123:abc"
    assert telegram.get_output_channel().server.api_url("123:abc", "sendMessage") == (
        "http://localhost:1/telegram/bot123:abc/sendMessage"
    )
    assert slack.configured
    assert slack.get_output_channel("D1").client.base_url == "http://localhost:1/slack/api/"
    assert channels["botframework"].configured
    assert channels["botframework"].jwt_keys == {}  # fetched on the first message, not at start


def test_unset_channel_variable_is_reported_by_rasa(monkeypatch):
    channels_with(monkeypatch)
    monkeypatch.delenv("SLACK_TOKEN")
    with pytest.raises(Exception, match="SLACK_TOKEN"):
        create_http_input_channels(None, str(ROOT / "credentials.yml"))


def test_slack_without_signing_secret_is_off_instead_of_crashing():
    channel = SlackInput.from_credentials({"slack_token": "xoxb-1", "slack_signing_secret": ""})
    assert channel.configured is False


def test_recent_ids_answer_a_repeat_once_and_forget_after_the_time_limit():
    seen = RecentIds(ttl_seconds=10, max_size=3)
    assert seen.first_time("a", now=0) is True
    assert seen.first_time("a", now=5) is False
    assert seen.first_time("a", now=20) is True  # expired, so new again
    for key in "bcd":
        seen.first_time(key, now=21)
    assert seen.first_time("a", now=22) is True  # pushed out by the size limit


def test_settings_treat_empty_values_as_defaults():
    assert setting({"x": "  "}, "x", "dflt") == "dflt"
    assert setting(None, "x") == ""
    assert flag({"x": "true"}, "x") and not flag({"x": ""}, "x") and flag({"x": True}, "x")


def test_slack_keeps_six_buttons_and_escapes_text():
    blocks = button_blocks("Vraag 1 van 20 · Strategie & budget\n<b>x</b>", SCALE)
    assert blocks[0]["text"] == {
        "type": "mrkdwn",
        "text": "Vraag 1 van 20 · Strategie &amp; budget\n&lt;b&gt;x&lt;/b&gt;",
    }
    assert [e["value"] for e in blocks[1]["elements"]][-1] == '/inform{"answer": "unknown"}'
    assert len(button_blocks("x", SCALE * 5)) == 3  # 30 buttons: two actions blocks of <= 25
    assert mrkdwn_escape("a & b") == "a &amp; b"


def test_telegram_keyboard_layout_and_payload_limit():
    short = keyboard([{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}])
    assert len(short.inline_keyboard) == 1 and len(short.inline_keyboard[0]) == 2
    scale = keyboard(SCALE)
    assert len(scale.inline_keyboard) == 6
    long_payload = {"title": "Dinsdag 14 januari", "payload": "/inform" + "x" * 80}
    assert callback_data(long_payload) == "Dinsdag 14 januari"
    assert callback_data({"title": "Ja", "payload": "/affirm"}) == "/affirm"


def test_telegram_commands_greet_and_mentions_are_removed():
    channel = TelegramInput("123:abc", verify="den_bot")
    assert channel.clean("/start") == "/greet"
    assert channel.clean("/start campagne") == "/greet"
    assert channel.clean("@den_bot wat is de EAA?") == "wat is de EAA?"


def test_socketio_takes_back_only_session_ids_it_signed(monkeypatch):
    monkeypatch.setenv("RASA_API_TOKEN", "a-secret-for-this-test")
    issued = identity.new_web_session()
    assert sender_for(issued) == f"web:{issued[:32]}"
    chosen = "0123456789abcdef0123456789abcdef"
    forged = chosen + "." + "0" * 32
    for bad in (None, "", "abc", 5, chosen, forged, issued[:-1] + "x", "a" * 200):
        assert sender_for(bad) is None
    monkeypatch.setenv("RASA_API_TOKEN", "another-secret")
    assert sender_for(issued) is None  # signed with another key
    monkeypatch.setenv("RASA_API_TOKEN", "")
    assert sender_for(identity.new_web_session()) is None  # no secret: nothing is taken back


def test_telegram_refuses_to_start_without_its_secret_token():
    for secret in ("", "short"):
        channel = TelegramInput("123:abc", secret_token=secret)
        with pytest.raises(MissingSecretToken, match="TELEGRAM_SECRET_TOKEN"):
            channel.blueprint(ignore)
    assert TelegramInput("123:abc", secret_token="x" * 16).blueprint(ignore).name


def test_each_channel_files_its_conversations_in_its_own_namespace():
    assert identity.reserved("telegram:42") and identity.reserved("Web:abc")
    assert identity.reserved("chat:0123") and identity.reserved("teams:29:1abc")
    assert not identity.reserved("e2e-123") and not identity.reserved("museum: Gouda")


async def test_the_namespaced_output_answers_the_platform_id():
    sent = []

    class Output(CollectingOutputChannel):
        async def send_text_message(self, recipient_id, text, **kwargs):
            sent.append(recipient_id)

    received = []

    async def handler(message):
        received.append(message.sender_id)
        await message.output_channel.send_response(message.sender_id, {"text": "hoi"})

    await identity.namespaced(handler, "telegram")(UserMessage("hoi", Output(), "42"))
    assert received == ["telegram:42"] and sent == ["42"]


def test_the_chat_page_and_the_rest_channel_use_the_same_header():
    from bot.web import identity as web_identity

    assert web_identity.INTERNAL_HEADER == identity.INTERNAL_HEADER
