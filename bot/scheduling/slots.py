"""The Slot value, the time zone users see, and the dayparts users ask for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Dict, Optional, Tuple
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Start times that count as a daypart, local time, [from, until). DEN holds no evening
# conversations, so "avond" is a known daypart with no slots at all.
DAYPARTS: Dict[str, Optional[Tuple[time, time]]] = {
    "ochtend": (time(9, 0), time(12, 0)),
    "middag": (time(12, 0), time(17, 0)),
    "avond": None,
}


@dataclass(frozen=True)
class Slot:
    """A free time with one advisor. start/end are aware, in Europe/Amsterdam."""

    advisor_id: int
    advisor_name: str
    start: datetime
    end: datetime
    expert: bool = False  # the advisor's expertise includes the component that was asked for


def in_daypart(moment: datetime, daypart: str) -> bool:
    """Does this start time (any zone) fall in the daypart, in Amsterdam time?"""
    if daypart not in DAYPARTS:
        raise ValueError(f"unknown daypart '{daypart}'; expected one of {', '.join(DAYPARTS)}")
    window = DAYPARTS[daypart]
    if window is None:
        return False
    local = moment.astimezone(AMSTERDAM).time()
    return window[0] <= local < window[1]
