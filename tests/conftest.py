"""Shared fixtures: a fresh, migrated SQLite database per test that needs one."""

from __future__ import annotations

from typing import Iterator

import pytest

from bot.db import migrate
from bot.db.session import get_engine
from bot.settings import get_settings


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
