"""The migration and the models describe the same schema, with the double-booking guard."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex

from bot.db.registry import Base
from bot.db.session import get_engine
from bot.scheduling.models import Consultation
from tests.conftest import DATABASES, fresh_database


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, monkeypatch):
    """On SQLite and on PostgreSQL (the production database)."""
    yield from fresh_database(request.param, tmp_path, monkeypatch)


TABLES = {"advisors", "working_hours", "absences", "consultations", "outbox_messages"}


def _guard():
    return next(
        i for i in Consultation.__table__.indexes if i.name == "uq_consultations_booked_slot"
    )


def test_migration_matches_the_models(database_url):
    with get_engine(database_url).connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert tables >= TABLES
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_the_migrated_database_has_the_partial_unique_index(database_url):
    query = (
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_consultations_booked_slot'"
        if database_url.startswith("postgresql")
        else "SELECT sql FROM sqlite_master WHERE name = 'uq_consultations_booked_slot'"
    )
    with get_engine(database_url).connect() as connection:
        sql = connection.exec_driver_sql(query).scalar_one()
    assert "UNIQUE INDEX" in sql and "WHERE" in sql and "booked" in sql


def test_the_guard_is_partial_on_postgresql_and_sqlite():
    for dialect in (postgresql.dialect(), sqlite.dialect()):
        ddl = str(CreateIndex(_guard()).compile(dialect=dialect))
        assert ddl.startswith("CREATE UNIQUE INDEX") and "WHERE status = 'booked'" in ddl
