"""Shared fixtures: a fresh, migrated SQLite database per test that needs one.

Modules that must hold on PostgreSQL too (the production database) override `database_url`
with `@pytest.fixture(params=DATABASES)` and `yield from fresh_database(...)`: each test then
runs on SQLite and on the PostgreSQL that scripts/test.sh starts (TEST_POSTGRES_URL). Without
that variable the PostgreSQL runs are skipped, unless REQUIRE_POSTGRES=1 (as in `make test`),
where a missing PostgreSQL fails.
"""

from __future__ import annotations

import os
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot.db import migrate
from bot.db.session import get_engine
from bot.settings import get_settings

DATABASES = ["sqlite", "postgresql"]


def fresh_database(kind: str, tmp_path, monkeypatch) -> Iterator[str]:
    """A migrated, empty database of `kind`, set as BOT_DATABASE_URL for the test."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
    else:
        url = os.environ.get("TEST_POSTGRES_URL", "")
        if not url:
            if os.environ.get("REQUIRE_POSTGRES") == "1":
                pytest.fail("REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set")
            pytest.skip("no TEST_POSTGRES_URL (scripts/test_postgres.sh start)")
        engine = create_engine(url, future=True)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    migrate.upgrade(url)
    yield url
    get_engine(url).dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture()
def database_url(tmp_path, monkeypatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    migrate.upgrade(url)
    yield url
    get_engine(url).dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture(autouse=True)
def packaged_office_hours(request, monkeypatch) -> Iterator[None]:
    """Unit tests judge the packaged office hours; `make test` points the running test stack
    at an always-open file (OFFICE_HOURS_FILE), which must not leak into them."""
    if request.node.get_closest_marker("e2e"):
        yield
        return
    from bot.handoff.office_hours import get_office_hours

    monkeypatch.delenv("OFFICE_HOURS_FILE", raising=False)
    get_settings.cache_clear()
    get_office_hours.cache_clear()
    yield
    get_settings.cache_clear()
    get_office_hours.cache_clear()
