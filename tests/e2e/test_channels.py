"""Telegram and Slack webhooks against the running Rasa server; replies go to a local fake API.

scripts/test.sh starts Rasa with test credentials (TELEGRAM_*, SLACK_*) whose API URLs point at
FAKE_PLATFORM_PORT on localhost; these tests run the fake there and post realistic webhook
payloads: Telegram updates with the secret-token header, Slack events signed with the signing
secret (and Slack's retries of them), Slack button clicks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import time
import uuid
from typing import Dict, Iterator, Optional
from urllib.parse import urlencode

import pytest
import requests

from tests.e2e.conftest import RASA_URL
from tests.e2e.fake_platforms import Call, FakePlatforms

TELEGRAM_SECRET = os.environ.get("TELEGRAM_SECRET_TOKEN", "")
SLACK_SECRET = os.environ.get("SLACK_SIGNING_SECRET", "")
FAKE_PORT = int(os.environ.get("FAKE_PLATFORM_PORT", "15099"))
TELEGRAM_HOOK = f"{RASA_URL}/webhooks/telegram/webhook"
SLACK_HOOK = f"{RASA_URL}/webhooks/slack/webhook"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakePlatforms]:
    for name in ("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_SECRET_TOKEN", "SLACK_SIGNING_SECRET"):
        assert os.environ.get(name), f"{name} is not set: start the stack as scripts/test.sh does"
    with FakePlatforms(FAKE_PORT) as platforms:
        yield platforms


# ---------------------------------------------------------------- Telegram


def telegram_update(chat_id: int, text: Optional[str] = None, **extra) -> Dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Sanne", "language_code": "nl"}
    update: Dict = {"update_id": random.randint(10**8, 10**9)}
    if "callback_data" in extra:
        update["callback_query"] = {
            "id": str(random.randint(10**6, 10**7)),
            "from": user,
            "chat_instance": "42",
            "data": extra["callback_data"],
            "message": {
                "message_id": 7,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": "Hoi!",
            },
        }
        return update
    message: Dict = {
        "message_id": random.randint(1, 10**6),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Sanne"},
        "from": user,
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    message.update(extra.get("message_extra", {}))
    update["message"] = message
    return update


def post_telegram(update: Dict, secret: str = TELEGRAM_SECRET) -> requests.Response:
    return requests.post(
        TELEGRAM_HOOK,
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": secret},
        timeout=60,
    )


def sent_to(chat_id: int):
    return lambda c: (
        c.platform == "telegram"
        and c.method in {"sendMessage", "sendPhoto"}
        and str(c.body.get("chat_id")) == str(chat_id)
    )


def keyboard(call: Call) -> list:
    markup = json.loads(call.body.get("reply_markup") or "{}")
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def test_telegram_start_greets_in_dutch_with_buttons(fake):
    chat_id = random.randint(10**8, 10**9)
    answer = post_telegram(telegram_update(chat_id, "/start"))
    assert answer.status_code == 200, answer.text
    calls = fake.wait_for(sent_to(chat_id), count=2)
    texts = "\n".join(c.body.get("text", "") for c in calls)
    assert "Stel me een korte vraag" in texts  # the Telegram variant of the greeting
    assert "verwijder mijn gegevens" in texts  # the privacy note
    buttons = [b for c in calls for b in keyboard(c)]
    assert {"text": "Start de scan", "callback_data": "/start_scan"} in buttons
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


def test_telegram_button_press_starts_the_scan_and_is_acknowledged(fake):
    chat_id = random.randint(10**8, 10**9)
    update = telegram_update(chat_id, callback_data="/start_scan")
    assert post_telegram(update).status_code == 200
    fake.wait_for(
        lambda c: c.method == "answerCallbackQuery"
        and c.body.get("callback_query_id") == update["callback_query"]["id"]
    )
    calls = fake.wait_for(
        lambda c: sent_to(chat_id)(c) and "Hoe heet jullie organisatie?" in c.body.get("text", "")
    )
    assert calls

    # a free-text answer in the same chat, then the next question comes with one button per row
    post_telegram(telegram_update(chat_id, "Bibliotheek Telegram"))
    question = fake.wait_for(
        lambda c: sent_to(chat_id)(c)
        and "Wat voor instelling zijn jullie?" in c.body.get("text", "")
    )[0]
    markup = json.loads(question.body["reply_markup"])
    assert len(markup["inline_keyboard"]) == 8 and all(
        len(r) == 1 for r in markup["inline_keyboard"]
    )


def test_telegram_quick_question_gets_an_answer_with_a_link(fake):
    chat_id = random.randint(10**8, 10**9)
    post_telegram(telegram_update(chat_id, "wat kost een adviesgesprek?"))
    calls = fake.wait_for(sent_to(chat_id))
    assert "https://" in calls[0].body["text"]
    assert keyboard(calls[-1])  # a next step as a button


def test_telegram_repeated_update_is_answered_once(fake):
    chat_id = random.randint(10**8, 10**9)
    update = telegram_update(chat_id, "hoi")
    assert post_telegram(update).status_code == 200
    first = len(fake.wait_for(sent_to(chat_id), count=2))
    assert post_telegram(update).status_code == 200  # Telegram redelivers the same update_id
    time.sleep(1.5)
    assert len(fake.matching(sent_to(chat_id))) == first


def test_telegram_rejects_a_wrong_secret_and_explains_non_text(fake):
    chat_id = random.randint(10**8, 10**9)
    assert post_telegram(telegram_update(chat_id, "hoi"), secret="wrong").status_code == 403
    assert post_telegram(telegram_update(chat_id, "hoi"), secret="").status_code == 403
    sticker = {
        "sticker": {
            "file_id": "x",
            "file_unique_id": "y",
            "width": 1,
            "height": 1,
            "is_animated": False,
        }
    }
    assert post_telegram(telegram_update(chat_id, message_extra=sticker)).status_code == 200
    calls = fake.wait_for(sent_to(chat_id))
    assert len(calls) == 1 and calls[0].body["text"].startswith("Ik kan alleen tekst lezen")


# ---------------------------------------------------------------- Slack


def signed(raw: bytes, content_type: str, secret: str = SLACK_SECRET, **headers) -> Dict:
    stamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + raw, hashlib.sha256)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
        **headers,
    }


def slack_event(user: str, channel: str, text: str) -> Dict:
    ts = f"{time.time():.6f}"
    return {
        "token": "legacy-verification-token",
        "team_id": "T0DENTEST",
        "api_app_id": "A0DENTEST",
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "im",
            "client_msg_id": str(uuid.uuid4()),
        },
        "type": "event_callback",
        "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0DENTEST", "user_id": "U0DENBOT", "is_bot": True}],
    }


def post_slack(body: Dict, secret: str = SLACK_SECRET, **headers) -> requests.Response:
    raw = json.dumps(body).encode()
    return requests.post(
        SLACK_HOOK, data=raw, headers=signed(raw, "application/json", secret, **headers), timeout=30
    )


def posted_in(channel: str):
    return lambda c: (
        c.platform == "slack"
        and c.method == "chat.postMessage"
        and c.body.get("channel") == channel
    )


def slack_ids() -> tuple:
    return f"U{uuid.uuid4().hex[:9].upper()}", f"D{uuid.uuid4().hex[:9].upper()}"


def test_slack_direct_message_gets_a_dutch_greeting_with_buttons(fake):
    user, channel = slack_ids()
    answer = post_slack(slack_event(user, channel, "hoi"))
    assert answer.status_code == 200, answer.text
    calls = fake.wait_for(posted_in(channel), count=2)
    texts = "\n".join(c.body.get("text", "") for c in calls)
    assert "Stel me een korte vraag" in texts and "verwijder mijn gegevens" in texts
    actions = [b for c in calls for b in c.body.get("blocks", []) if b["type"] == "actions"]
    values = [e["value"] for block in actions for e in block["elements"]]
    assert "/start_scan" in values and "/request_human" in values
    assert all("as_user" not in c.body for c in calls)


def test_slack_retries_do_not_produce_duplicate_answers(fake):
    user, channel = slack_ids()
    event = slack_event(user, channel, "wat is digitale transformatie?")
    assert post_slack(event).status_code == 200
    first = len(fake.wait_for(posted_in(channel)))
    time.sleep(1.0)
    first = len(fake.matching(posted_in(channel)))
    # Slack redelivers the same event: after a timeout, after an HTTP error, and again later
    for number, reason in [("1", "http_timeout"), ("2", "http_error"), ("3", "unknown_error")]:
        retry = post_slack(event, **{"X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": reason})
        assert retry.status_code in (200, 201)
        assert retry.headers.get("X-Slack-No-Retry") == "1"
    time.sleep(2.0)
    assert len(fake.matching(posted_in(channel))) == first


def test_slack_retry_of_an_event_never_received_is_answered(fake):
    user, channel = slack_ids()
    event = slack_event(user, channel, "hoi")
    # the first delivery never arrived (connection failed): the retry is the first we see
    answer = post_slack(event, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert answer.status_code == 200
    fake.wait_for(posted_in(channel), count=2)


def test_slack_button_click_starts_the_scan(fake):
    user, channel = slack_ids()
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "sanne", "team_id": "T0DENTEST"},
        "api_app_id": "A0DENTEST",
        "team": {"id": "T0DENTEST"},
        "channel": {"id": channel, "name": "directmessage"},
        "trigger_id": f"{random.randint(10**9, 10**10)}.1.abc",
        "message": {"type": "message", "ts": f"{time.time():.6f}", "text": "Hoi!"},
        "actions": [
            {
                "type": "button",
                "action_id": "a1",
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "Start de scan"},
                "value": "/start_scan",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    answer = requests.post(
        SLACK_HOOK, data=raw, headers=signed(raw, "application/x-www-form-urlencoded"), timeout=30
    )
    assert answer.status_code == 200, answer.text
    calls = fake.wait_for(
        lambda c: posted_in(channel)(c) and "Hoe heet jullie organisatie?" in c.body.get("text", "")
    )
    assert calls


def test_slack_scan_statement_keeps_all_six_answer_buttons(fake):
    user, channel = slack_ids()
    post_slack(slack_event(user, channel, "ik wil de scan doen"))
    fake.wait_for(lambda c: posted_in(channel)(c) and "Hoe heet" in c.body.get("text", ""))
    post_slack(slack_event(user, channel, "Theater Slack"))
    for value in ["theater_podium", "11-50", "directie_mt", "fondsen", "geen"]:
        before = len(fake.matching(posted_in(channel)))
        post_slack(slack_event(user, channel, '/inform{"answer": "' + value + '"}'))
        fake.wait_for(posted_in(channel), count=before + 1)
    statement = fake.wait_for(
        lambda c: posted_in(channel)(c) and "Vraag 1 van 20" in c.body.get("text", "")
    )[0]
    elements = [
        e for b in statement.body["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert len(elements) == 6 and elements[-1]["text"]["text"] == "Weet ik niet"


def test_slack_rejects_a_bad_signature(fake):
    user, channel = slack_ids()
    answer = post_slack(slack_event(user, channel, "hoi"), secret="not-the-secret")
    assert answer.status_code == 400
    time.sleep(1.0)
    assert fake.matching(posted_in(channel)) == []


def test_unconfigured_channel_is_switched_off_not_broken():
    answer = requests.get(f"{RASA_URL}/webhooks/botframework/", timeout=10)
    assert answer.status_code == 200
    assert answer.json()["status"] in {"ok", "not configured"}
    assert requests.get(f"{RASA_URL}/webhooks/rest/", timeout=10).status_code == 200
