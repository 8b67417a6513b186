"""Nobody steps into someone else's conversation: not over REST, not on the chat page, not
through the widget's socket."""

from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
import socketio

from tests.e2e.conftest import RASA_URL, WEB_URL, Chat

REST = f"{RASA_URL}/webhooks/rest/webhook"
ORGANISATION = f"Museum Geheim {uuid.uuid4().hex[:6]}"
# the question after the organisation's name: whoever sees it next is in that conversation
IN_THE_SCAN = "Wat voor instelling zijn jullie?"


def _start_scan_on_the_chat_page() -> requests.Session:
    browser = requests.Session()
    for message in ("ik wil weten hoe digitaal volwassen we zijn", ORGANISATION):
        reply = browser.post(f"{WEB_URL}/api/chat", json={"message": message}, timeout=60)
        assert reply.status_code == 200
    assert IN_THE_SCAN in reply.text
    return browser


def test_the_chat_page_issues_the_conversation_id_in_an_httponly_cookie():
    browser = _start_scan_on_the_chat_page()
    cookie = next(c for c in browser.cookies if c.name.endswith("den_chat"))
    assert cookie.has_nonstandard_attr("HttpOnly") or "httponly" in str(cookie._rest).lower()
    again = browser.post(f"{WEB_URL}/api/chat", json={"message": "verder met de scan"}, timeout=60)
    assert "Set-Cookie" not in again.headers
    assert IN_THE_SCAN in again.text  # the same conversation goes on


def test_a_sender_in_the_request_body_does_not_choose_the_conversation():
    victim = _start_scan_on_the_chat_page()
    victim_id = next(c.value for c in victim.cookies if c.name.endswith("den_chat"))
    for sender in (victim_id, f"chat:{victim_id}"):
        stranger = requests.post(
            f"{WEB_URL}/api/chat",
            json={"sender": sender, "message": "verder met de scan"},
            timeout=60,
        )
        assert stranger.status_code == 200
        assert IN_THE_SCAN not in stranger.text


def test_rest_cannot_reach_another_channels_conversation():
    victim = _start_scan_on_the_chat_page()
    victim_id = next(c.value for c in victim.cookies if c.name.endswith("den_chat"))
    for sender in (f"chat:{victim_id}", "telegram:123456789", "slack:U0123", "web:" + "a" * 32):
        reply = requests.post(REST, json={"sender": sender, "message": "resultaten"}, timeout=60)
        assert reply.status_code == 403
        assert IN_THE_SCAN not in reply.text
    # the raw id is just a new REST conversation of its own
    raw = Chat(victim_id)
    raw.say("verder met de scan")
    assert IN_THE_SCAN not in raw.text


async def _socket(session_id=None):
    client = socketio.AsyncClient(reconnection=False)
    confirmed = asyncio.get_running_loop().create_future()
    answers = []
    client.on("session_confirm", lambda sid: confirmed.done() or confirmed.set_result(sid))
    client.on("bot_uttered", lambda message: answers.append(message.get("text", "")))
    await client.connect(RASA_URL, headers={"Origin": WEB_URL}, transports=["polling"])
    await client.emit("session_request", {"session_id": session_id})
    return client, await asyncio.wait_for(confirmed, 10), answers


async def _say(client, answers, text, session_id=None):
    before = len(answers)
    await client.emit("user_uttered", {"message": text, "session_id": session_id})
    for _ in range(300):
        await asyncio.sleep(0.1)
        if len(answers) > before:
            await asyncio.sleep(1.0)  # the rest of the answer
            return answers[before:]
    return answers[before:]


def in_own_loop(coroutine):
    """Run a socket.io scenario on an event loop of its own (the browser tests' loop may be
    running in this thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_widget_gets_a_fresh_conversation_for_a_session_id_it_did_not_issue():
    async def scenario():
        owner, owner_id, owner_answers = await _socket()
        assert owner_id.count(".") == 1 and len(owner_id) == 65  # issued and signed
        await _say(owner, owner_answers, "ik wil weten hoe digitaal volwassen we zijn")
        assert IN_THE_SCAN in " ".join(await _say(owner, owner_answers, ORGANISATION))
        forged = owner_id[:32] + "." + "0" * 32
        stranger, stranger_id, stranger_answers = await _socket(forged)
        assert stranger_id != forged and stranger_id[:32] != owner_id[:32]
        # naming the owner's session in a message changes nothing: the socket is bound
        said = await _say(stranger, stranger_answers, "verder met de scan", session_id=owner_id)
        assert said and IN_THE_SCAN not in " ".join(said)
        # the owner, back with the id the server issued, goes on with the conversation
        back, back_id, back_answers = await _socket(owner_id)
        assert back_id == owner_id
        assert IN_THE_SCAN in " ".join(await _say(back, back_answers, "verder met de scan"))
        for client in (owner, stranger, back):
            await client.disconnect()

    in_own_loop(scenario())


def test_another_site_may_not_open_the_widget_socket():
    async def scenario():
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(
                RASA_URL, headers={"Origin": "https://evil.example"}, transports=["polling"]
            )
        except socketio.exceptions.ConnectionError:
            return True
        await client.disconnect()
        return False

    assert in_own_loop(scenario())


def test_rasa_answers_cors_only_for_the_assistants_own_site():
    evil = requests.options(
        REST,
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert evil.headers.get("Access-Control-Allow-Origin") not in ("*", "https://evil.example")
    own = requests.options(
        REST, headers={"Origin": WEB_URL, "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert own.headers.get("Access-Control-Allow-Origin") == WEB_URL


def test_the_action_server_and_rasa_listen_on_loopback_only():
    import socket

    addresses = [a for a in socket.gethostbyname_ex(socket.gethostname())[2] if a != "127.0.0.1"]
    for address in addresses[:1]:
        for port in (int(os.environ.get("ACTION_PORT", "5055")), int(RASA_URL.rsplit(":", 1)[1])):
            with socket.socket() as probe:
                probe.settimeout(2)
                assert probe.connect_ex((address, port)) != 0, f"{address}:{port} is reachable"
