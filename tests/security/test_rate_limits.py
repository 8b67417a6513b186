"""A flood from one client is slowed with a Dutch answer; another client is served normally.

The clients differ by source address on loopback (127.0.0.3 floods, 127.0.0.2 chats), so the
rest of the test run (from 127.0.0.1) keeps its own budget."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.e2e.conftest import RASA_URL
from tests.source_address import browser_at


def post(source: str, sender: str, message: str):
    with browser_at(source) as browser:
        reply = browser.post(
            f"{RASA_URL}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60,
        )
        return reply.status_code, reply.text


def test_200_messages_in_10_seconds_are_slowed_and_another_client_is_served():
    started = time.monotonic()
    flood = [(f"flood-{uuid.uuid4().hex[:8]}", "hoi") for _ in range(200)]
    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda item: post("127.0.0.3", *item), flood))
    assert time.monotonic() - started < 10
    slowed = [text for status, text in replies if status == 429]
    assert len(slowed) >= 100
    assert "Even rustig aan" in slowed[0]
    status, text = post("127.0.0.2", f"colleague-{uuid.uuid4().hex[:8]}", "hoi")
    assert status == 200 and "assistent van DEN" in text


def test_one_conversation_flooding_is_slowed_too():
    sender = f"flood-one-{uuid.uuid4().hex[:8]}"
    statuses = [post("127.0.0.4", sender, "/greet")[0] for _ in range(80)]
    assert statuses.count(429) >= 30
    assert statuses[:10] == [200] * 10
