"""'Verwijder mijn gegevens' over the REST channel: asked first, then the conversation is gone."""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import create_engine, func, select

from bot.privacy.tracker_events import events
from tests.e2e.conftest import Chat

TRACKER_URL = f"sqlite:///{os.environ.get('TRACKER_DB_PATH', 'var/tracker.db')}"


def stored_events(sender: str) -> int:
    engine = create_engine(TRACKER_URL, future=True)
    try:
        with engine.connect() as connection:
            query = select(func.count()).select_from(events).where(events.c.sender_id == sender)
            return connection.execute(query).scalar_one()
    finally:
        engine.dispose()


def start_scan(chat: Chat) -> None:
    chat.say("ik wil weten hoe digitaal volwassen we zijn")
    chat.say("Museum Privé")
    assert "Wat voor instelling zijn jullie?" in chat.text


def test_no_keeps_the_scan_and_offers_to_go_on(chat):
    start_scan(chat)
    chat.say("verwijder al mijn gegevens")
    assert "Wil je dat ik je gegevens uit dit gesprek wis?" in chat.text
    assert chat.buttons == ["Ja, wis alles", "Nee, niet wissen"]
    chat.say("/deny")
    assert "niets gewist" in chat.text
    chat.say("verder met de scan")
    assert "Wat voor instelling zijn jullie?" in chat.text


@pytest.mark.skipif(
    not os.environ.get("TRACKER_DB_PATH"), reason="needs the test stack's tracker store"
)
def test_yes_wipes_the_conversation_from_the_tracker_store(chat):
    start_scan(chat)
    chat.say("ik wil dat mijn gegevens gewist worden")
    chat.say("ja")
    assert "Ik heb je gegevens uit dit gesprek gewist" in chat.text
    deadline = time.monotonic() + 15
    while stored_events(chat.sender) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert stored_events(chat.sender) == 0
    chat.say("hoi")  # the same id starts afresh
    assert "assistent van DEN" in chat.text
    chat.say("verder met de scan")
    assert "Museum Privé" not in chat.text
