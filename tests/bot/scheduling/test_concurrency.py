"""50 people try to book the same advisor and hour at the same moment.

By default on a fresh SQLite file. With TEST_DATABASE_URL set to a PostgreSQL database (e.g.
`postgresql+psycopg2://den:<password>@127.0.0.1:23432/den` of `make run-prod`), the race runs
there instead, in a throwaway schema that is dropped afterwards, with a connection pool as large
as the number of threads so all 50 really insert at the same time.
"""

import os
import threading
import uuid
from collections import Counter
from datetime import date
from typing import Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot.db import migrate
from bot.db.session import get_engine, session_scope
from bot.scheduling import booking
from bot.scheduling.booking import SlotTaken, book
from bot.scheduling.models import Consultation
from bot.settings import get_settings

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


@pytest.fixture()
def race_database_url(request, monkeypatch) -> Iterator[str]:
    server = os.environ.get("TEST_DATABASE_URL", "")
    if not server.startswith("postgresql"):
        yield request.getfixturevalue("database_url")  # SQLite (tests/conftest.py)
        return
    schema = f"race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = str(make_url(server).update_query_dict({"options": f"-csearch_path={schema}"}))
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    monkeypatch.setenv("BOT_DB_POOL_SIZE", str(THREADS))
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        migrate.upgrade(url)
        yield url
    finally:
        get_engine(url).dispose()
        get_settings.cache_clear()
        get_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


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
