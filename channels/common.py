"""What every messaging channel here shares: "not configured" handling and retry de-duplication."""

from __future__ import annotations

import time
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Dict, Optional

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

MAX_MESSAGE_CHARS = 2000
TOO_LONG = (
    f"Dat bericht is te lang. Kun je het korter zeggen, in maximaal {MAX_MESSAGE_CHARS} tekens?"
)
EMPTY = "Ik kreeg geen tekst binnen. Typ je vraag of kies een knop."


def setting(credentials: Optional[Dict[str, Any]], key: str, default: str = "") -> str:
    """A credentials value as a stripped string; empty (from an empty env var) means `default`."""
    value = (credentials or {}).get(key)
    text = "" if value is None else str(value).strip()
    return text or default


def flag(credentials: Optional[Dict[str, Any]], key: str, default: bool = False) -> bool:
    value = (credentials or {}).get(key)
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if not text:
        return default
    return text in {"1", "true", "yes", "ja", "on"}


def not_configured_blueprint(name: str, channel: str) -> Blueprint:
    """Routes for a channel whose credentials are empty: it exists, says so, and does nothing."""
    blueprint = Blueprint(name, __name__)
    body = {"status": "not configured", "channel": channel}

    @blueprint.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json(body)

    @blueprint.route("/webhook", methods=["GET", "POST"])
    async def webhook(_: Request) -> HTTPResponse:
        return response.json(body, status=HTTPStatus.NOT_FOUND)

    return blueprint


class RecentIds:
    """A bounded, time-limited set of ids already handled (platform retries carry the same id).

    In memory, per process: enough for one Rasa server. Several replicas need sticky routing or a
    shared store (README, "Channels").
    """

    def __init__(self, ttl_seconds: float = 3600, max_size: int = 10_000) -> None:
        self.ttl = ttl_seconds
        self.max_size = max_size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str, now: Optional[float] = None) -> bool:
        """Record `key`; True when it was not seen within the time limit."""
        now = time.monotonic() if now is None else now
        while self._seen:
            _oldest, at = next(iter(self._seen.items()))
            if now - at <= self.ttl and len(self._seen) < self.max_size:
                break
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True
