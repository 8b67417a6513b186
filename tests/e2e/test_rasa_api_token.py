"""Rasa's HTTP API answers only with the token; the chat channel needs none."""

from __future__ import annotations

import os

import requests

from tests.e2e.conftest import RASA_URL, Chat


def test_conversation_api_refuses_without_token_and_answers_with_it():
    chat = Chat()
    assert chat.say("hoi")  # the REST chat channel works without any token
    url = f"{RASA_URL}/conversations/{chat.sender}/tracker"
    assert requests.get(url, timeout=30).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    token = os.environ["RASA_API_TOKEN"]  # scripts/test.sh sets it for the test stack
    answer = requests.get(url, params={"token": token}, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["sender_id"] == chat.sender
