"""50 people try to book the same advisor and hour at the same moment, on a fresh SQLite file
and on PostgreSQL (TEST_POSTGRES_URL, started by scripts/test.sh; tests/conftest.py)."""

import threading
from collections import Counter
from datetime import date
from typing import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.session import get_engine, session_scope
from bot.scheduling import booking
from bot.scheduling.booking import SlotTaken, book
from bot.scheduling.models import Consultation
from tests.conftest import DATABASES, fresh_database

from .helpers import CONTACT, NOW, at, make_advisor

THREADS = 50
START = at(date(2026, 11, 26), 10)


def _race(url: str, advisor_id: int) -> Counter:
    barrier = threading.Barrier(THREADS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def attempt(number: int) -> None:
        with Session(get_engine(url), future=True) as session:
            barrier.wait()
            try:
                book(
                    session, START, advisor_id, now=NOW, **{**CONTACT, "contact_name": f"P{number}"}
                )
                session.commit()
                outcome = "booked"
            except SlotTaken:
                session.rollback()
                outcome = "taken"
            except Exception as exc:  # anything else is a failure of the test
                session.rollback()
                outcome = f"error: {type(exc).__name__}: {exc}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture(params=DATABASES)
def race_database_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    # a pool as large as the number of threads, so all of them really insert at the same time
    monkeypatch.setenv("BOT_DB_POOL_SIZE", str(THREADS))
    yield from fresh_database(request.param, tmp_path, monkeypatch)


@pytest.mark.parametrize("fool_the_check", [False, True], ids=["normal", "index-only"])
def test_fifty_simultaneous_bookings_give_exactly_one(
    race_database_url, monkeypatch, fool_the_check
):
    with session_scope() as session:
        advisor_id = make_advisor(session).id
    if fool_the_check:  # every thread passes the availability check: only the index can stop them
        monkeypatch.setattr(booking, "is_free", lambda *args, **kwargs: True)

    outcomes = _race(race_database_url, advisor_id)

    assert outcomes == Counter({"booked": 1, "taken": THREADS - 1}), outcomes
    with session_scope() as session:
        rows = session.execute(select(Consultation.status, Consultation.advisor_id)).all()
    assert rows == [("booked", advisor_id)]
