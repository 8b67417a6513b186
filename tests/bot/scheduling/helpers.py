"""Shared test data for the scheduling tests."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Iterable, Sequence, Tuple

from sqlalchemy.orm import Session

from bot.scheduling import advisors
from bot.scheduling.models import Advisor
from bot.scheduling.slots import AMSTERDAM

# A Wednesday morning; tomorrow (Thursday 26 November) is the first bookable day.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)
WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Amsterdam moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def make_advisor(
    session: Session,
    name: str = "Sanne de Vries",
    email: str = "sanne@example.org",
    expertise: Sequence[str] = (),
    days: Iterable[int] = WEEKDAYS,
    blocks: Sequence[Tuple[str, str]] = (("09:00", "17:00"),),
) -> Advisor:
    advisor = advisors.add_advisor(session, name, email, list(expertise))
    for weekday in days:
        advisors.set_hours(session, advisor, weekday, blocks)
    return advisor


CONTACT = {
    "organisation": "Museum Gouda",
    "contact_name": "Jan Jansen",
    "contact_email": "jan@museumgouda.example",
    "contact_phone": "+31612345678",
    "mode": "video",
    "topic": "Een digitale strategie voor de komende vier jaar",
    "consent": True,
}
