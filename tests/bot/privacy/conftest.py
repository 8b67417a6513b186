"""A tracker store (Rasa's `events` table) next to the migrated application database."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List, Optional

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from bot.privacy import tracker_events
from bot.privacy.tracker_events import events
from tests.conftest import DATABASES, fresh_database


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """Privacy runs on SQLite and on PostgreSQL (the production database)."""
    yield from fresh_database(request.param, tmp_path, monkeypatch)


@pytest.fixture()
def tracker(tmp_path, monkeypatch, database_url) -> Iterator[Engine]:
    """Rasa's tracker store: a SQLite file, or on PostgreSQL an `events` table next to ours."""
    path = tmp_path / "tracker.db"
    monkeypatch.setenv("TRACKER_DB_PATH", str(path))
    if database_url.startswith("postgresql"):
        monkeypatch.setenv("TRACKER_DB_URL", database_url)
    else:
        monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    tracker_events.get_tracker_engine.cache_clear()
    engine = tracker_events.get_tracker_engine()
    tracker_events.metadata.create_all(engine)
    yield engine
    engine.dispose()
    tracker_events.get_tracker_engine.cache_clear()


def add_events(engine: Engine, sender: str, rows: List[Dict[str, Any]]) -> None:
    """Rows as Rasa writes them: type_name, timestamp, action_name and the event as JSON."""
    with engine.begin() as connection:
        for row in rows:
            data = {k: v for k, v in row.items() if k != "type_name"}
            connection.execute(
                insert(events).values(
                    sender_id=sender,
                    type_name=row["type_name"],
                    timestamp=row["timestamp"],
                    action_name=row.get("name") if row["type_name"] == "action" else None,
                    data=json.dumps({"event": row["type_name"], **data}),
                )
            )


def turn(start: float, text: str, slots: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    """One turn: the user's message, an action, its reply and slots, then action_listen."""
    rows: List[Dict[str, Any]] = [{"type_name": "user", "timestamp": start, "text": text}]
    rows.append({"type_name": "action", "timestamp": start + 0.1, "name": "action_handle_yes"})
    for offset, (name, value) in enumerate((slots or {}).items()):
        rows.append(
            {
                "type_name": "slot",
                "timestamp": start + 0.2 + offset / 100,
                "name": name,
                "value": value,
            }
        )
    rows.append({"type_name": "bot", "timestamp": start + 0.3, "text": "antwoord"})
    rows.append({"type_name": "action", "timestamp": start + 0.4, "name": "action_listen"})
    return rows


def count_events(engine: Engine, sender: Optional[str] = None) -> int:
    query = select(func.count()).select_from(events)
    if sender is not None:
        query = query.where(events.c.sender_id == sender)
    with engine.connect() as connection:
        return connection.execute(query).scalar_one()
