"""Side effects exactly once, on SQLite and PostgreSQL: no mail for a booking that was not
committed, one booking and one mail for a repeated submit, two outbox workers that never send a
message twice, a poison message that blocks nobody, and cancel/move races that lose nothing."""

from __future__ import annotations

import threading
from collections import Counter
from email import message_from_bytes, policy
from typing import Callable, List

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scheduling import mail, service
from bot.scheduling.availability import free_slots
from bot.scheduling.mail import MAX_ATTEMPTS, deliver_due, queue_mail
from bot.scheduling.models import Consultation, OutboxMessage
from bot.settings import Settings
from tests.conftest import DATABASES, fresh_database

from .helpers import EVERY_DAY, make_advisor
from .test_mail import SENDER, _free_port

CONTACT = service.Contact(
    organisation="Museum Gouda",
    name="Eva Jansen",
    email="eva@museum-test.nl",
    phone=None,
    mode="video",
    topic="Adviesgesprek",
)


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_DB_POOL_SIZE", "10")
    yield from fresh_database(request.param, tmp_path, monkeypatch)


class Inbox:
    def __init__(self) -> None:
        self.messages: List[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(envelope.content)
        return "250 Message accepted"

    def message_ids(self) -> List[str]:
        return [
            str(message_from_bytes(raw, policy=policy.default)["Message-ID"])
            for raw in self.messages
        ]


@pytest.fixture()
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield (
        inbox,
        Settings(
            smtp_host="127.0.0.1",
            smtp_port=controller.port,
            smtp_starttls=False,
            smtp_timeout=5,
            mail_from=f"DEN adviesassistent <{SENDER}>",
        ),
    )
    controller.stop()


@pytest.fixture()
def slots(database_url):
    """Two advisors working every day; the first free starts from now on."""
    with session_scope() as session:
        make_advisor(session, "Sanne de Vries", "sanne@den.example", days=EVERY_DAY)
        make_advisor(session, "Joost Bakker", "joost@den.example", days=EVERY_DAY)
    with session_scope() as session:
        return sorted({slot.start for slot in free_slots(session, utcnow())})


def _count(model) -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def _book(key: str, start, settings: Settings) -> service.BookingOutcome:
    with session_scope() as session:
        return service.book_consultation(session, key, start, CONTACT, settings=settings)


def _drain(settings: Settings) -> Counter:
    totals: Counter = Counter()
    while True:
        with session_scope() as session:
            counts = deliver_due(session, settings=settings, limit=50)
        totals.update(counts)
        if not counts:
            return totals


def test_a_booking_whose_transaction_fails_sends_nothing(slots, smtp):
    inbox, settings = smtp
    with pytest.raises(RuntimeError), session_scope() as session:
        service.book_consultation(session, "k-fail", slots[0], CONTACT, settings=settings)
        raise RuntimeError("the commit never happens")
    _drain(settings)
    assert inbox.messages == []
    assert _count(Consultation) == 0 and _count(OutboxMessage) == 0


def test_the_same_submit_twice_gives_one_booking_and_one_mail(slots, smtp):
    inbox, settings = smtp
    first = _book("k-twice", slots[0], settings)
    again = _book("k-twice", slots[0], settings)
    assert first.kind == again.kind == "booked" and first.mail == "queued"
    assert again.reference == first.reference and again.replayed and not first.replayed
    _drain(settings)
    to_user = [raw for raw in inbox.messages if b"To: eva@museum-test.nl" in raw]
    assert _count(Consultation) == 1 and len(to_user) == 1


def test_the_same_submit_at_the_same_moment_books_once(slots, smtp):
    _, settings = smtp
    barrier = threading.Barrier(4)
    outcomes: List[service.BookingOutcome] = []

    def submit() -> None:
        barrier.wait()
        outcomes.append(_book("k-race", slots[0], settings))

    _run_threads([submit] * 4)
    assert len(outcomes) == 4 and len({o.reference for o in outcomes}) == 1
    assert sum(not o.replayed for o in outcomes) == 1
    assert _count(Consultation) == 1


def test_two_workers_over_500_messages_send_each_exactly_once(database_url, smtp):
    inbox, settings = smtp
    with session_scope() as session:
        for number in range(500):
            queue_mail(session, "booking_confirmation", f"p{number}@test.nl", "S", "t", "<p>t</p>")
    totals: List[Counter] = []
    _run_threads([lambda: totals.append(_drain(settings))] * 2)
    ids = inbox.message_ids()
    assert len(ids) == 500 and len(set(ids)) == 500
    assert sum(total["sent"] for total in totals) == 500
    with session_scope() as session:
        stored = set(session.execute(select(OutboxMessage.message_id)).scalars())
    assert stored == set(ids)  # the Message-ID sent is the one stored when queued


def test_a_poison_message_is_isolated_and_the_rest_go_out(database_url, smtp, monkeypatch):
    inbox, settings = smtp
    with session_scope() as session:
        ids = [
            queue_mail(session, "booking_confirmation", f"p{n}@test.nl", "S", "t", "<p>t</p>").id
            for n in range(20)
        ]
    poison = ids[3]
    real_build = mail.build_email

    def build(message, settings):
        if message.id == poison:
            raise KeyError("a template field that does not exist")
        return real_build(message, settings)

    monkeypatch.setattr(mail, "build_email", build)
    assert _drain(settings) == Counter({"sent": 19, "pending": 1})
    assert len(inbox.messages) == 19
    with session_scope() as session:
        row = session.get(OutboxMessage, poison)
        assert (row.status, row.attempts, row.last_error) == ("pending", 1, "KeyError")
        row.attempts, row.next_attempt_at = MAX_ATTEMPTS - 1, None
    assert _drain(settings) == Counter({"failed": 1})  # given up, still visible in the portal


def test_a_message_keeps_its_message_id_across_retries(database_url, smtp):
    inbox, settings = smtp
    with session_scope() as session:
        message = queue_mail(session, "booking_confirmation", "a@test.nl", "S", "t", "<p>t</p>")
        queued_id, row_id = message.message_id, message.id
    down = settings.copy(update={"smtp_port": _free_port()})  # nothing listens there
    assert _drain(down) == Counter({"pending": 1})
    with session_scope() as session:
        session.get(OutboxMessage, row_id).next_attempt_at = None  # due again now
    assert _drain(settings) == Counter({"sent": 1})
    assert inbox.message_ids() == [queued_id]


def test_cancel_and_move_racing_leave_a_consistent_row(slots, smtp):
    _, settings = smtp
    for round_number in range(4):
        booked = _book(f"k-book-{round_number}", slots[round_number], settings)
        target = slots[-1 - round_number]
        results = _cancel_and_move(round_number, booked.reference, target, settings)
        with session_scope() as session:
            row = session.execute(
                select(Consultation).where(Consultation.reference == booked.reference)
            ).scalar_one()
            done = [name for name, kind in results.items() if kind in ("cancelled", "moved")]
            assert results["cancel"] == "cancelled"  # a move never undoes a cancel
            assert row.status == "cancelled"
            assert row.sequence == len(done)  # every change that won counted once
            moved = results["move"] == "moved"
            assert (row.start == target) == moved and (row.start == booked.start) == (not moved)
            mails = _kinds_for(session, row.id)
            assert mails.count("booking_cancellation") == 1
            assert mails.count("booking_update") == int(moved)


def _cancel_and_move(number: int, reference: str, target, settings: Settings) -> dict:
    """Cancel and move one appointment at the same moment; the outcome of each."""
    barrier = threading.Barrier(2)
    results: dict = {}

    def cancel() -> None:
        barrier.wait()
        with session_scope() as session:
            results["cancel"] = service.cancel_consultation(
                session, f"k-cancel-{number}", reference, settings=settings
            ).kind

    def move() -> None:
        barrier.wait()
        with session_scope() as session:
            results["move"] = service.move_consultation(
                session, f"k-move-{number}", reference, target, settings=settings
            ).kind

    _run_threads([cancel, move])
    return results


def _kinds_for(session: Session, consultation_id: int) -> List[str]:
    return list(
        session.execute(
            select(OutboxMessage.kind).where(OutboxMessage.consultation_id == consultation_id)
        ).scalars()
    )


def _run_threads(targets: List[Callable[[], None]]) -> None:
    errors: List[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
