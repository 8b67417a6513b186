"""Rate limits for the chat entry points, in memory (one process): token buckets per key.

Two limits per message (`ChatLimits.allow`):
- per conversation: a burst of `MESSAGES_BURST`, then `MESSAGES_PER_SECOND` (a person reading the
  answers stays far below it; a script hammering one conversation does not);
- per client address, on *new* conversations only: a burst of `NEW_BURST`, then
  `NEW_PER_MINUTE` a minute, so rotating conversation ids does not get round the first limit,
  while an office with many people behind one address can still chat.
Only what is needed to count is kept: keys are hashed, at most `MAX_KEYS` per bucket set, the
oldest forgotten first. In the production profile nginx limits per address before this
(`deploy/nginx/den.conf.template`); this limiter then sees nginx's address, so the address
limit is switched off there (`RATE_LIMIT_ADDRESSES=0`) and the conversation limit stays.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import OrderedDict
from typing import Callable, Optional, Tuple

SLOW_DOWN = (
    "Even rustig aan: er komen veel berichten kort na elkaar binnen. Wacht een paar seconden en "
    "stuur je bericht dan opnieuw."
)
MESSAGES_BURST = 40.0
MESSAGES_PER_SECOND = 2.0
NEW_BURST = 60.0
NEW_PER_MINUTE = 60.0
MAX_KEYS = 50_000


class Buckets:
    """Token buckets by key: `take(key)` is True while the key has a token left."""

    def __init__(
        self,
        capacity: float,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.clock = clock
        self.max_keys = max_keys
        self._state: OrderedDict[str, Tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> bool:
        now = self.clock()
        tokens, at = self._state.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.per_second)
        allowed = tokens >= 1.0
        self._state[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._state) > self.max_keys:
            self._state.popitem(last=False)
        return allowed

    def available(self, key: str) -> float:
        """Tokens this key has now (without taking one)."""
        now = self.clock()
        tokens, at = self._state.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - at) * self.per_second)

    def seen(self, key: str) -> bool:
        return key in self._state


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


class ChatLimits:
    """The two limits of one entry point (one instance per channel and process)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, addresses: Optional[bool] = None
    ) -> None:
        self.conversations = Buckets(MESSAGES_BURST, MESSAGES_PER_SECOND, clock)
        self.new_by_address = Buckets(NEW_BURST, NEW_PER_MINUTE / 60.0, clock)
        if addresses is None:
            addresses = os.environ.get("RATE_LIMIT_ADDRESSES", "1") != "0"
        self.addresses = addresses

    def allow(self, conversation: str, address: Optional[str]) -> bool:
        """May this message through? Counts it either way."""
        key = _hash(conversation)
        new = not self.conversations.seen(key)
        if new and self.addresses and address and not self.new_by_address.take(_hash(address)):
            return False
        return self.conversations.take(key)
