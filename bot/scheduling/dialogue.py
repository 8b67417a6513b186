"""The booking conversation's decisions, as pure functions over the scheduling services.

Which moment did the user pick, and what should the assistant offer or ask next? The Rasa
adapters (actions/booking.py) only translate these outcomes into responses and slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import List, Optional

from sqlalchemy.orm import Session

from bot.scheduling.availability import offer_slots
from bot.scheduling.dates import match_slots, parse_moment
from bot.scheduling.slots import Slot

OFFER_COUNT = 3


@dataclass(frozen=True)
class TimeChoice:
    """picked: a button, take it · confirm: read from text, check it with the user ·
    options: show these times (message says why) · none_free: nobody is free in the horizon."""

    kind: str
    start: Optional[datetime] = None
    options: List[Slot] = field(default_factory=list)
    reason: str = ""  # "not_understood", "not_free", "taken", "first_free", "matches"


def parse_start(value: Optional[str]) -> Optional[datetime]:
    """A slot start from a button payload (ISO 8601 with offset); None when it is not one."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def first_free(session: Session, now: datetime, component: Optional[str]) -> List[Slot]:
    return offer_slots(session, now, count=OFFER_COUNT, component=component)


def choose_time(
    session: Session,
    now: datetime,
    text: str,
    payload: Optional[str],
    component: Optional[str] = None,
) -> TimeChoice:
    """Interpret the user's reply to "wanneer past het?"."""
    every = offer_slots(session, now, count=None, component=component)
    if not every:
        return TimeChoice("none_free")
    picked = parse_start(payload)
    if picked is not None:
        if any(slot.start == picked for slot in every):
            return TimeChoice("picked", start=picked)
        return TimeChoice("options", options=first_free(session, now, component), reason="taken")
    request = parse_moment(text or "", now)
    if request.is_empty:
        return TimeChoice(
            "options", options=first_free(session, now, component), reason="not_understood"
        )
    matches = match_slots(request, every)
    if request.time is not None and len(matches) >= 1:
        return TimeChoice("confirm", start=matches[0].start)
    if request.time is None and matches:
        return TimeChoice("options", options=matches[:OFFER_COUNT], reason="matches")
    # Nothing at that moment: the nearest alternatives on the same day or daypart, else the first.
    nearby = match_slots(
        type(request)(date=request.date, weekday=request.weekday, week_of=request.week_of),
        every,
    ) or first_free(session, now, component)
    return TimeChoice("options", options=nearby[:OFFER_COUNT], reason="not_free")
