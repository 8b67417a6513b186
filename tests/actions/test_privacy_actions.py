"""'Verwijder mijn gegevens' through the adapters, and no personal data in any log line."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select

from actions import privacy
from actions.booking import SubmitBookingForm
from actions.booking_form import ValidateBookingForm
from actions.common import ASK_DELETE_ACTION
from actions.context import HandleNo, HandleYes
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.privacy import tracker_events
from bot.privacy.models import DeletionRequest
from bot.scheduling.advisors import seed as seed_advisors
from bot.scheduling.dialogue import first_free
from bot.scheduling.models import Consultation
from tests.actions.conftest import make_tracker, responses, slot_events
from tests.bot.privacy.conftest import add_events, count_events, turn

NAME, EMAIL, PHONE = "Eva Jansen", "eva.jansen@museum-test.nl", "06 12345678"


@pytest.fixture()
def tracker_db(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("TRACKER_DB_PATH", str(tmp_path / "tracker.db"))
    tracker_events.get_tracker_engine.cache_clear()
    engine = tracker_events.get_tracker_engine()
    tracker_events.metadata.create_all(engine)
    monkeypatch.setattr(privacy, "PURGE_POLL_SECONDS", 0.05)
    monkeypatch.setattr(privacy, "PURGE_REPEAT_AFTER_SECONDS", 0.05)
    yield engine
    engine.dispose()
    tracker_events.get_tracker_engine.cache_clear()


async def _answer(handler, follow_up, dispatcher, tracker, domain):
    """ "ja"/"nee" after our question: the context action hands on, the privacy action acts."""
    handed = await handler().run(dispatcher, tracker, domain)
    assert handed == [{"event": "followup", "timestamp": None, "name": follow_up.name()}]
    return await follow_up.run(dispatcher, tracker, domain)


def _after_question(intent: str, asked: str = ASK_DELETE_ACTION, **slots):
    events = [
        {"event": "user", "timestamp": 10.0, "text": "verwijder mijn gegevens"},
        {"event": "action", "timestamp": 10.1, "name": asked},
        {"event": "bot", "timestamp": 10.2, "text": "Wil je dat ik je gegevens wis?"},
        {"event": "action", "timestamp": 10.3, "name": "action_listen"},
        {"event": "user", "timestamp": 20.0, "text": "ja"},
    ]
    return make_tracker(intent=intent, events=events, slots=slots)


async def test_asking_changes_nothing_yet(dispatcher, domain):
    events = await privacy.AskDeleteMyData().run(dispatcher, make_tracker(), domain)
    assert responses(dispatcher) == ["utter_ask_delete_my_data"] and events == []


async def test_no_keeps_everything(dispatcher, domain, tracker_db):
    await _answer(HandleNo, privacy.KeepMyData(), dispatcher, _after_question("deny"), domain)
    assert responses(dispatcher) == ["utter_delete_my_data_kept"]
    with session_scope() as session:
        assert session.execute(select(func.count()).select_from(DeletionRequest)).scalar_one() == 0


async def test_yes_to_another_question_never_deletes(dispatcher, domain, tracker_db):
    tracker = _after_question("affirm", asked="action_submit_scan_form", consultation_offered=True)
    await HandleYes().run(dispatcher, tracker, domain)
    assert "utter_delete_my_data_done" not in responses(dispatcher)
    with session_scope() as session:
        assert session.execute(select(func.count()).select_from(DeletionRequest)).scalar_one() == 0


async def test_yes_wipes_and_the_events_follow_once_the_turn_is_stored(
    dispatcher, domain, tracker_db
):
    add_events(tracker_db, "action-test", turn(1.0, "ik heet Eva", {"contact_name": NAME}))
    forget = privacy.ForgetMyData()
    events = await _answer(HandleYes, forget, dispatcher, _after_question("affirm"), domain)
    assert responses(dispatcher) == ["utter_delete_my_data_done"]
    assert events[0]["event"] == "reset_slots"
    add_events(tracker_db, "action-test", turn(20.0, "ja")[1:])  # Rasa stores the turn
    await asyncio.wait_for(asyncio.gather(*privacy._purges), timeout=10)
    assert count_events(tracker_db, "action-test") == 0


async def test_a_booking_and_its_deletion_never_log_name_email_or_phone(
    dispatcher, domain, tracker_db, caplog
):
    caplog.set_level(logging.DEBUG)
    with session_scope() as session:
        seed_advisors(session)
        start = first_free(session, utcnow(), None)[0].start
    form = ValidateBookingForm()
    form.validate_contact_name(NAME, dispatcher, make_tracker(text=NAME), domain)
    form.validate_contact_email(EMAIL, dispatcher, make_tracker(text=EMAIL), domain)
    form.validate_contact_phone(PHONE, dispatcher, make_tracker(text=PHONE), domain)
    slots = {
        "booking_time": start.isoformat(),
        "booking_time_confirmed": True,
        "contact_name": NAME,
        "contact_email": EMAIL,
        "organisation": "Museum Test",
        "contact_phone": "+31612345678",
        "consultation_mode": "video",
        "consent": True,
        "booking_confirmed": True,
    }
    booked = await SubmitBookingForm().run(dispatcher, make_tracker(slots=slots), domain)
    reference = slot_events(booked)["booking_reference"]
    tracker = _after_question("affirm", booking_reference=reference)
    await _answer(HandleYes, privacy.ForgetMyData(), dispatcher, tracker, domain)
    assert "utter_delete_my_data_consultation" in responses(dispatcher)
    add_events(tracker_db, "action-test", turn(20.0, "ja")[1:])
    await asyncio.wait_for(asyncio.gather(*privacy._purges), timeout=10)
    with session_scope() as session:
        kept = session.execute(select(Consultation)).scalar_one()
        assert kept.status == "booked" and EMAIL not in (kept.contact_email or "")
    logged = caplog.text
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    for secret in (NAME, "Jansen", EMAIL, "eva.jansen", "12345678"):
        assert secret not in logged
