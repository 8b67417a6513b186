"""Engine per database URL, and one session per unit of work (an action call, a request)."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.settings import get_settings

# Database errors then name the statement but never its values (names, e-mail addresses), so a
# logged exception cannot leak personal data.
HIDE_PARAMETERS = True


@lru_cache(maxsize=8)
def get_engine(url: Optional[str] = None) -> Engine:
    settings = get_settings()
    url = url or settings.database_url
    if url.startswith("sqlite"):
        engine = create_engine(
            url, future=True, connect_args={"timeout": 30}, hide_parameters=HIDE_PARAMETERS
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_begin_before_savepoint)
        return engine
    engine = create_engine(
        url,
        future=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        hide_parameters=HIDE_PARAMETERS,
    )
    event.listen(engine, "handle_error", _without_detail)
    return engine


class RedactedDatabaseError(Exception):
    """The database's own error without its DETAIL line (PostgreSQL repeats the values there:
    'Key (email)=(...) already exists'). `pgcode` is kept for code that needs the kind."""

    def __init__(self, message: str, pgcode: Optional[str]) -> None:
        super().__init__(message)
        self.pgcode = pgcode


def _without_detail(context):  # type: ignore[no-untyped-def]
    """PostgreSQL errors come back without their DETAIL, so no logged exception holds values."""
    error = context.sqlalchemy_exception
    original = context.original_exception
    if error is None or original is None or "DETAIL:" not in str(original):
        return None
    message = str(original).split("DETAIL:")[0].rstrip()
    replacement = type(error)(
        context.statement,
        None,
        RedactedDatabaseError(message, getattr(original, "pgcode", None)),
        hide_parameters=True,
        connection_invalidated=error.connection_invalidated,
    )
    return replacement


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin_before_savepoint(connection, _name) -> None:  # type: ignore[no-untyped-def]
    """pysqlite starts a transaction only before INSERT/UPDATE/DELETE, so a SAVEPOINT that comes
    first opens a transaction of its own, and its RELEASE commits it: a booking in a savepoint
    would then be committed even when the unit of work fails later. Open the real transaction
    first. IMMEDIATE takes the write lock now (waiting up to the busy timeout), so reads inside
    the transaction never see a snapshot that another writer makes stale."""
    raw = connection.connection.dbapi_connection
    if not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(get_engine(url), future=True) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
