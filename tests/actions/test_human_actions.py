"""Asking for a person: close the form, hand over in office hours (pause), else offer choices."""

from __future__ import annotations

from datetime import datetime

import pytest
from rasa_sdk import Tracker
from sqlalchemy import select

import actions.human as human
from actions.callback_form import ValidateCallbackForm
from actions.human import RequestHuman, SubmitCallbackForm
from bot.db.session import session_scope
from bot.handoff.models import CallbackRequest, HandoffSummary
from bot.scheduling.contact import parse_contact
from bot.scheduling.models import OutboxMessage
from bot.scheduling.slots import AMSTERDAM
from tests.actions.conftest import make_tracker, responses, slot_events
from tests.bot.scheduling.helpers import make_advisor

OPEN = datetime(2026, 11, 25, 10, 30, tzinfo=AMSTERDAM)  # a Wednesday morning
CLOSED = datetime(2026, 11, 28, 11, 0, tzinfo=AMSTERDAM)  # a Saturday
STATE = {
    "version": 1,
    "answers": {
        "organisation": {"value": "Museum Halverwege", "text": "Museum Halverwege"},
        "sb_visie": {"value": 2, "text": "een beetje"},
        "sb_koppeling": {"value": 1, "text": "nee"},
        "sb_budget": {"value": 1, "text": "nee"},
    },
    "skipped": [],
    "history": [],
    "pending": None,
}


@pytest.fixture()
def advisors(database_url):
    with session_scope() as session:
        make_advisor(session, "Sanne de Vries", "sanne@den.example")  # weekdays 9-17
        make_advisor(session, "Joris Bakker", "joris@den.example", days=(0,))  # Mondays only


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(human, "utcnow", lambda: moment)


def tracker(active_loop=None, slots=None, text="ik wil een mens spreken", entities=None) -> Tracker:
    base = make_tracker(text=text, intent="request_human", entities=entities, slots=slots)
    return Tracker(
        sender_id="human-test",
        slots=base.slots,
        latest_message=base.latest_message,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


async def test_in_office_hours_the_contact_form_starts(monkeypatch, dispatcher, domain, advisors):
    at(monkeypatch, OPEN)
    events = await RequestHuman().run(dispatcher, tracker(), domain)
    assert responses(dispatcher) == ["utter_human_intro"]
    assert slot_events(events)["callback_purpose"] == "handover"
    assert events[-1] == {"event": "followup", "name": "callback_form", "timestamp": None}


async def test_an_active_scan_is_closed_and_saved_first(monkeypatch, dispatcher, domain, advisors):
    at(monkeypatch, OPEN)
    events = await RequestHuman().run(
        dispatcher, tracker("scan_form", {"scan_state": STATE, "scan_answer": "mens"}), domain
    )
    assert responses(dispatcher) == ["utter_scan_paused", "utter_human_intro"]
    assert dispatcher.messages[0]["code"]  # the resume code
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    slots = slot_events(events)
    assert slots["requested_slot"] is None and slots["scan_answer"] is None
    assert "scan_state" not in slots  # the scan itself is kept


async def test_an_active_booking_is_closed_and_its_half_answers_cleared(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, CLOSED)
    events = await RequestHuman().run(
        dispatcher, tracker("booking_form", {"contact_name": "Jan", "booking_time": "x"}), domain
    )
    slots = slot_events(events)
    assert slots["contact_name"] is None and slots["booking_time"] is None
    assert {"event": "active_loop", "name": None, "timestamp": None} in events


async def test_outside_office_hours_booking_or_call_back_is_offered(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, CLOSED)
    events = await RequestHuman().run(dispatcher, tracker(), domain)
    assert responses(dispatcher) == ["utter_human_closed"]
    assert dispatcher.messages[0]["next_opening"] == "maandag 30 november om 09:00"
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/request_consultation", '/request_human{"answer": "callback"}']
    assert not any(e.get("event") == "followup" for e in events)


async def test_the_call_back_button_starts_the_form(monkeypatch, dispatcher, domain, advisors):
    at(monkeypatch, CLOSED)
    events = await RequestHuman().run(
        dispatcher, tracker(entities=[{"entity": "answer", "value": "callback"}]), domain
    )
    assert responses(dispatcher) == ["utter_callback_intro"]
    assert slot_events(events)["callback_purpose"] == "callback"
    assert events[-1]["name"] == "callback_form"


async def test_in_office_hours_without_anyone_to_notify_it_counts_as_closed(
    monkeypatch, dispatcher, domain, database_url
):
    at(monkeypatch, OPEN)
    await RequestHuman().run(dispatcher, tracker(), domain)
    assert responses(dispatcher) == ["utter_human_closed"]


def test_contact_is_a_phone_number_or_an_email_address():
    assert parse_contact("06-12345678") == {"phone": "+31612345678"}
    assert parse_contact("mail me op eva@museum.nl graag") == {"email": "eva@museum.nl"}
    assert parse_contact("morgen") is None and parse_contact("eva@") is None
    assert parse_contact("😀" * 500) is None


def test_form_validation_names_questions_and_consent(dispatcher, domain):
    form = ValidateCallbackForm()
    assert form.validate_callback_name(
        "x", dispatcher, make_tracker(text="<b>Eva</b> Smit"), domain
    ) == {"callback_name": "Eva Smit"}
    bad = form.validate_callback_contact("x", dispatcher, make_tracker(text="weet ik niet"), domain)
    assert bad == {"callback_contact": None, "callback_failures": 1}
    assert responses(dispatcher) == ["utter_invalid_callback_contact"]
    long = form.validate_callback_question("x", dispatcher, make_tracker(text="a" * 5000), domain)
    assert len(long["callback_question"]) == 500
    skipped = make_tracker(entities=[{"entity": "answer", "value": "none"}])
    assert form.validate_callback_question("x", dispatcher, skipped, domain) == {
        "callback_question": "none"
    }
    yes = make_tracker(entities=[{"entity": "answer", "value": "yes"}])
    assert form.validate_callback_consent("x", dispatcher, yes, domain) == {
        "callback_consent": True
    }


def filled(purpose: str, consent=True, state=None) -> Tracker:
    return tracker(
        slots={
            "callback_name": "Eva Smit",
            "callback_contact": {"phone": "+31612345678"},
            "callback_question": "Hulp bij <onze> subsidieaanvraag",
            "callback_consent": consent,
            "callback_purpose": purpose,
            "scan_state": state,
        }
    )


async def test_hand_over_stores_the_request_notifies_and_pauses_the_chat(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, OPEN)
    monkeypatch.setattr(human.office_hours, "is_open", lambda moment: True)
    events = await SubmitCallbackForm().run(dispatcher, filled("handover", state=STATE), domain)
    assert events[-1] == {"event": "pause", "timestamp": None}
    assert responses(dispatcher) == ["utter_human_handover_done"]
    assert dispatcher.messages[0]["contact"] == "+31612345678"
    assert dispatcher.messages[0]["minutes"] == 60
    with session_scope() as session:
        request = session.execute(select(CallbackRequest)).scalar_one()
        assert (request.kind, request.status, request.paused) == ("handover", "open", True)
        assert request.organisation == "Museum Halverwege" and request.consent is True
        record = session.execute(select(HandoffSummary)).scalar_one()
        assert record.callback_id == request.id and record.kind == "handover"
        assert "Hulp bij <onze> subsidieaanvraag" in record.body_text
        assert "(scan nog niet af: tot nu toe)" in record.body_text
        recipients = sorted(m.recipient for m in session.execute(select(OutboxMessage)).scalars())
    assert recipients == ["sanne@den.example"]  # only who works now (Joris: Mondays only)


async def test_call_back_outside_office_hours_is_stored_without_pausing(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, CLOSED)
    monkeypatch.setattr(human.office_hours, "is_open", lambda moment: False)
    events = await SubmitCallbackForm().run(dispatcher, filled("handover"), domain)
    assert not any(e.get("event") == "pause" for e in events)
    assert responses(dispatcher) == ["utter_callback_done"]
    assert dispatcher.messages[0]["when"] == "vanaf maandag 30 november om 09:00"
    with session_scope() as session:
        request = session.execute(select(CallbackRequest)).scalar_one()
        assert (request.kind, request.paused) == ("callback", False)
        recipients = sorted(m.recipient for m in session.execute(select(OutboxMessage)).scalars())
    assert recipients == ["joris@den.example", "sanne@den.example"]  # nobody on duty: all


async def test_without_consent_nothing_is_stored(monkeypatch, dispatcher, domain, advisors):
    at(monkeypatch, OPEN)
    events = await SubmitCallbackForm().run(dispatcher, filled("handover", consent=False), domain)
    assert responses(dispatcher) == ["utter_callback_no_consent"]
    assert not any(e.get("event") == "pause" for e in events)
    with session_scope() as session:
        assert session.execute(select(CallbackRequest)).first() is None
        assert session.execute(select(OutboxMessage)).first() is None


def _run(purpose: str, started: float) -> Tracker:
    """A filled callback form of one run (the moment the form was activated)."""
    form = filled(purpose)
    form.events = [{"event": "active_loop", "name": "callback_form", "timestamp": started}]
    return form


async def test_the_same_request_twice_is_stored_and_sent_once(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, CLOSED)
    monkeypatch.setattr(human.office_hours, "is_open", lambda moment: False)
    await SubmitCallbackForm().run(type(dispatcher)(), _run("callback", 1.0), domain)
    await SubmitCallbackForm().run(dispatcher, _run("callback", 1.0), domain)  # a lost reply
    assert responses(dispatcher) == ["utter_callback_done"]
    with session_scope() as session:
        assert len(session.execute(select(CallbackRequest)).scalars().all()) == 1
        assert len(session.execute(select(HandoffSummary)).scalars().all()) == 1


async def test_one_conversation_cannot_flood_the_advisors(
    monkeypatch, dispatcher, domain, advisors
):
    at(monkeypatch, CLOSED)
    monkeypatch.setattr(human.office_hours, "is_open", lambda moment: False)
    for started in (1.0, 2.0, 3.0):
        await SubmitCallbackForm().run(type(dispatcher)(), _run("callback", started), domain)
    with session_scope() as session:
        mails_before = len(session.execute(select(OutboxMessage)).scalars().all())
    await SubmitCallbackForm().run(dispatcher, _run("callback", 4.0), domain)
    assert responses(dispatcher) == ["utter_callback_too_many"]
    with session_scope() as session:
        assert len(session.execute(select(CallbackRequest)).scalars().all()) == 3
        assert len(session.execute(select(OutboxMessage)).scalars().all()) == mails_before
