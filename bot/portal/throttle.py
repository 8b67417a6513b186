"""Slowing down password guessing without locking anyone out.

Failed logins are counted per client address (in memory, this process): `BURST` failures, then
one more every `REFILL_SECONDS`. An address over its budget gets "te veel pogingen" without a
password check. An advisor's account is never locked, so nobody can lock an advisor out by
typing wrong passwords with their address; the advisor logs in from their own address as usual.
Behind nginx (production profile) the client address comes from X-Forwarded-For
(`PORTAL_PROXIES=1`, Sanic's PROXIES_COUNT).
"""

from __future__ import annotations

from typing import Optional

from bot.ratelimit import Buckets

BURST = 10
REFILL_SECONDS = 90.0  # ten more tries take a quarter of an hour
TOO_MANY = (
    "Te veel pogingen die niet klopten vanaf dit adres. Wacht een kwartier en probeer het dan "
    "opnieuw."
)


class LoginThrottle:
    def __init__(self, buckets: Optional[Buckets] = None) -> None:
        self.failures = buckets or Buckets(BURST, 1.0 / REFILL_SECONDS)

    def blocked(self, address: str) -> bool:
        """True when this address has used up its failed tries (does not count as a try)."""
        return self.failures.available(address) < 1.0

    def failed(self, address: str) -> None:
        self.failures.take(address)
