import re
from datetime import date, timezone

import pytest
from sqlalchemy import func, select

from bot.db.models import Scan
from bot.db.session import session_scope
from bot.scheduling import booking
from bot.scheduling.availability import free_slots
from bot.scheduling.booking import (
    NotBooked,
    SlotTaken,
    book,
    book_first_free,
    cancel,
    find_consultations,
    find_reference,
    reschedule,
)
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Consultation, OutboxMessage
from tests.conftest import DATABASES, fresh_database

from .helpers import CONTACT, NOW, at, make_advisor


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, monkeypatch):
    """On SQLite and on PostgreSQL (the production database)."""
    yield from fresh_database(request.param, tmp_path, monkeypatch)


THURSDAY = date(2026, 11, 26)
TEN = at(THURSDAY, 10)


def _count(session, model=Consultation):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def _starts(session, day=THURSDAY):
    return {s.start for s in free_slots(session, NOW, on_date=day)}


@pytest.fixture()
def advisor_id(database_url):
    with session_scope() as session:
        return make_advisor(session).id


def test_book_stores_the_consultation_and_takes_the_slot(advisor_id):
    with session_scope() as session:
        consultation = book(session, TEN, advisor_id, now=NOW, **CONTACT)
        reference = consultation.reference
    assert re.fullmatch(r"DEN-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", reference)
    with session_scope() as session:
        stored = find_consultations(session, reference=reference, now=NOW)[0]
        assert stored.status == "booked" and stored.sequence == 0 and stored.consent is True
        assert stored.start == TEN.astimezone(timezone.utc)
        assert (stored.end - stored.start).total_seconds() == 3600
        assert TEN not in _starts(session)


def test_a_taken_slot_raises_slot_taken_and_writes_nothing(advisor_id):
    with session_scope() as session:
        book(session, TEN, advisor_id, now=NOW, **CONTACT)
    with session_scope() as session, pytest.raises(SlotTaken):
        book(session, TEN, advisor_id, now=NOW, **{**CONTACT, "contact_name": "Piet"})
    with session_scope() as session:
        assert _count(session) == 1


def test_the_unique_index_alone_stops_a_double_booking(advisor_id, monkeypatch):
    """Even when the availability check is fooled (a race), the database refuses; only the
    savepoint is rolled back, so other work in the same transaction survives."""
    with session_scope() as session:
        book(session, TEN, advisor_id, now=NOW, **CONTACT)
    monkeypatch.setattr(booking, "is_free", lambda *args, **kwargs: True)
    with session_scope() as session:
        queue_mail(session, "booking_update", "x@example.org", "s", "t", "<p>h</p>")
        with pytest.raises(SlotTaken):
            book(session, TEN, advisor_id, now=NOW, **CONTACT)
        session.execute(select(Consultation.id)).all()  # the session is still usable
    with session_scope() as session:
        assert _count(session) == 1
        assert _count(session, OutboxMessage) == 1


def test_slots_outside_the_rules_cannot_be_booked(advisor_id):
    with session_scope() as session:
        for start in (
            at(THURSDAY, 8),  # before working hours
            at(THURSDAY, 10, 30),  # not on the hour
            at(date(2026, 11, 28), 10),  # Saturday
            at(NOW.date(), 14),  # today
            at(date(2026, 12, 25), 10),  # Christmas
        ):
            with pytest.raises(SlotTaken):
                book(session, start, advisor_id, now=NOW, **CONTACT)
        assert _count(session) == 0


def test_no_consent_no_booking(advisor_id):
    with session_scope() as session:
        with pytest.raises(ValueError):
            book(session, TEN, advisor_id, now=NOW, **{**CONTACT, "consent": False})
        assert _count(session) == 0
        assert TEN in _starts(session)


@pytest.mark.parametrize(
    "change",
    [
        {"mode": "telefoon"},
        {"scan_public_id": "nope"},
        {"contact_email": "jan@"},
        {"contact_name": "<b></b>"},
        {"contact_phone": "bel me"},
        {"topic": "   "},
    ],
)
def test_bad_details_are_refused(advisor_id, change):
    with session_scope() as session:
        with pytest.raises(ValueError) as error:
            book(session, TEN, advisor_id, now=NOW, **{**CONTACT, **change})
        assert "jan@" not in str(error.value)  # no personal data in the message
        assert _count(session) == 0


def test_a_booking_can_link_the_scan(advisor_id):
    with session_scope() as session:
        session.add(
            Scan(public_id="abc123", conversation_id="c", answers={}, open_answers={}, scores={})
        )
        session.flush()
        consultation = book(session, TEN, advisor_id, now=NOW, scan_public_id="abc123", **CONTACT)
        assert consultation.scan_public_id == "abc123"


def test_cancel_frees_the_slot_for_someone_else(advisor_id):
    with session_scope() as session:
        reference = book(session, TEN, advisor_id, now=NOW, **CONTACT).reference
    with session_scope() as session:
        cancelled = cancel(session, reference.lower())
        assert cancelled.status == "cancelled" and cancelled.sequence == 1
        assert cancelled.cancelled_at is not None
    with session_scope() as session:
        assert TEN in _starts(session)
        assert find_consultations(session, reference=reference, now=NOW) == []
        again = book(session, TEN, advisor_id, now=NOW, **CONTACT)
        assert again.reference != reference
        with pytest.raises(NotBooked):
            cancel(session, reference)


def test_reschedule_keeps_the_reference_and_bumps_the_sequence(advisor_id):
    eleven = at(THURSDAY, 11)
    with session_scope() as session:
        reference = book(session, TEN, advisor_id, now=NOW, **CONTACT).reference
    with session_scope() as session:
        moved = reschedule(session, reference, eleven, now=NOW)
        assert (moved.reference, moved.sequence) == (reference, 1)
    with session_scope() as session:
        stored = find_consultations(session, reference=reference, now=NOW)[0]
        assert stored.start == eleven.astimezone(timezone.utc)
        starts = _starts(session)
        assert TEN in starts and eleven not in starts


def test_reschedule_to_a_taken_slot_changes_nothing(advisor_id, monkeypatch):
    eleven = at(THURSDAY, 11)
    with session_scope() as session:
        mine = book(session, TEN, advisor_id, now=NOW, **CONTACT).reference
        book(session, eleven, advisor_id, now=NOW, **CONTACT)
    with session_scope() as session:
        with pytest.raises(SlotTaken):
            reschedule(session, mine, eleven, now=NOW)
        monkeypatch.setattr(booking, "is_free", lambda *args, **kwargs: True)
        with pytest.raises(SlotTaken):  # now the unique index refuses it
            reschedule(session, mine, eleven, now=NOW)
    with session_scope() as session:
        stored = find_consultations(session, reference=mine, now=NOW)[0]
        assert stored.start == TEN.astimezone(timezone.utc) and stored.sequence == 0


def test_find_by_reference_or_email_only_upcoming_booked(advisor_id):
    with session_scope() as session:
        first = book(session, TEN, advisor_id, now=NOW, **CONTACT).reference
        second = book(session, at(THURSDAY, 14), advisor_id, now=NOW, **CONTACT).reference
        cancel(session, second)
    with session_scope() as session:
        by_mail = find_consultations(session, email="JAN@MuseumGouda.example", now=NOW)
        assert [c.reference for c in by_mail] == [first]
        assert find_consultations(session, reference=first.replace("-", " ").lower(), now=NOW)
        later = at(date(2026, 12, 1), 9)
        assert find_consultations(session, reference=first, now=later) == []  # in the past
        assert find_consultations(session) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ik wil mijn afspraak annuleren, code DEN-7K3M9Q", "DEN-7K3M9Q"),
        ("den 7k3m9q", "DEN-7K3M9Q"),
        ("mijn code is den7k3m9q", "DEN-7K3M9Q"),
        ("ik wil annuleren", None),
    ],
)
def test_find_reference_in_a_chat_message(text, expected):
    assert find_reference(text) == expected


def test_book_first_free_assigns_the_expert_then_falls_back(database_url):
    with session_scope() as session:
        make_advisor(session, "Joris", "joris@example.org", ["data_technologie"])
        make_advisor(session, "Amira", "amira@example.org", ["strategie_budget"])
    with session_scope() as session:
        first = book_first_free(session, TEN, component="strategie_budget", now=NOW, **CONTACT)
        second = book_first_free(session, TEN, component="strategie_budget", now=NOW, **CONTACT)
        assert (first.advisor.name, second.advisor.name) == ("Amira", "Joris")
        with pytest.raises(SlotTaken):
            book_first_free(session, TEN, component="strategie_budget", now=NOW, **CONTACT)
