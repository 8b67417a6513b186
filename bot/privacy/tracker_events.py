"""Rasa's SQL tracker store (table `events`), read and pruned with SQLAlchemy Core.

The table is Rasa's (rasa.core.tracker_store.SQLTrackerStore.SQLEvent); it is declared here
with its own MetaData so the application's migrations never touch it. Rasa creates the table
when its server first starts; until then there are no conversations and every function here
returns nothing. Timestamps are Rasa's (seconds since the epoch, as a float).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Connection, Engine

from bot.settings import get_settings

metadata = MetaData()
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
END_OF_TURN = "action_listen"


@lru_cache(maxsize=4)
def get_tracker_engine(url: Optional[str] = None) -> Engine:
    url = url or get_settings().tracker_database_url
    if url.startswith("sqlite"):
        return create_engine(url, future=True, connect_args={"timeout": 30}, hide_parameters=True)
    return create_engine(
        url, future=True, pool_size=2, max_overflow=2, pool_pre_ping=True, hide_parameters=True
    )


def has_events_table(connection: Connection) -> bool:
    return inspect(connection).has_table("events")


def end_of_turn_after(connection: Connection, sender_id: str, after: float) -> Optional[float]:
    """The timestamp of the first `action_listen` after `after`: the end of that turn.

    Rasa saves a whole turn (the user message up to the `action_listen` that waits for the next
    one) in one transaction, so once this row exists, the turn is stored completely.
    """
    if not has_events_table(connection):
        return None
    return connection.execute(
        select(func.min(events.c.timestamp)).where(
            events.c.sender_id == sender_id,
            events.c.type_name == "action",
            events.c.action_name == END_OF_TURN,
            events.c.timestamp > after,
        )
    ).scalar_one_or_none()


def delete_events(connection: Connection, sender_id: str, up_to: Optional[float] = None) -> int:
    """Delete a conversation's events (all, or those at or before `up_to`); returns how many."""
    if not has_events_table(connection):
        return 0
    statement = delete(events).where(events.c.sender_id == sender_id)
    if up_to is not None:
        statement = statement.where(events.c.timestamp <= up_to)
    return connection.execute(statement).rowcount or 0


def idle_conversations(connection: Connection, before: float, limit: int = 500) -> List[str]:
    """Conversations whose latest event is older than `before` (oldest first)."""
    if not has_events_table(connection):
        return []
    latest = func.max(events.c.timestamp)
    rows = connection.execute(
        select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(latest < before)
        .order_by(latest)
        .limit(limit)
    )
    return [row[0] for row in rows]


def slot_values(connection: Connection, sender_id: str, slot: str) -> List[Any]:
    """Every non-empty value a slot was set to in one conversation, in order, without repeats."""
    if not has_events_table(connection):
        return []
    rows = connection.execute(
        select(events.c.data)
        .where(events.c.sender_id == sender_id, events.c.type_name == "slot")
        .order_by(events.c.id)
    )
    values: List[Any] = []
    for (data,) in rows:
        event = _load(data)
        value = event.get("value")
        if event.get("name") == slot and value not in (None, "") and value not in values:
            values.append(value)
    return values


def conversations_with_slot_value(
    connection: Connection, slot: str, values: Iterable[str]
) -> List[str]:
    """Conversations in which `slot` was set to one of `values` (compared case-insensitively)."""
    if not has_events_table(connection):
        return []
    wanted = {str(v).strip().lower() for v in values}
    rows = connection.execute(
        select(events.c.sender_id, events.c.data).where(
            events.c.type_name == "slot", events.c.data.contains(f'"{slot}"')
        )
    )
    found: List[str] = []
    for sender_id, data in rows:
        event = _load(data)
        value = event.get("value")
        matches = isinstance(value, str) and value.strip().lower() in wanted
        if event.get("name") == slot and matches and sender_id not in found:
            found.append(sender_id)
    return found


def transcript(connection: Connection, sender_id: str) -> List[Dict[str, Any]]:
    """What was said in a conversation: user and bot messages with their time (for an export)."""
    if not has_events_table(connection):
        return []
    rows = connection.execute(
        select(events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == sender_id, events.c.type_name.in_(("user", "bot")))
        .order_by(events.c.id)
    )
    lines = []
    for type_name, timestamp, data in rows:
        event = _load(data)
        lines.append(
            {
                "from": "gebruiker" if type_name == "user" else "assistent",
                "timestamp": timestamp,
                "text": event.get("text"),
            }
        )
    return lines


def _load(data: Optional[str]) -> Dict[str, Any]:
    try:
        loaded = json.loads(data or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
