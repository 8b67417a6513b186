"""Is someone at DEN there to take over a chat right now, and when is the next opening?"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional
from zoneinfo import ZoneInfo

import holidays

from bot.content.loader import CONTENT_DIR, read_yaml
from bot.content.office_hours_schema import OfficeHours
from bot.settings import get_settings

FILE = CONTENT_DIR / "office_hours.yml"
LOOKAHEAD_DAYS = 21


def load_office_hours(path: Path = FILE) -> OfficeHours:
    return read_yaml(path, OfficeHours)


@lru_cache(maxsize=1)
def get_office_hours() -> OfficeHours:
    """The office hours in OFFICE_HOURS_FILE, else the packaged bot/content/office_hours.yml."""
    configured = get_settings().office_hours_file
    return load_office_hours(Path(configured) if configured else FILE)


def is_open(moment: datetime, hours: Optional[OfficeHours] = None) -> bool:
    """True when `moment` (aware) falls in an office-hours block on an open day."""
    if moment.tzinfo is None:
        raise ValueError("moment must be an aware datetime")
    hours = hours or get_office_hours()
    local = moment.astimezone(ZoneInfo(hours.timezone))
    if _closed_day(local.date(), hours):
        return False
    now = f"{local:%H:%M}"
    return any(
        block.weekday_number == local.weekday() and block.start <= now < block.end
        for block in hours.hours
    )


def next_opening(moment: datetime, hours: Optional[OfficeHours] = None) -> Optional[datetime]:
    """The next moment the office opens after `moment` (None if not within three weeks)."""
    hours = hours or get_office_hours()
    zone = ZoneInfo(hours.timezone)
    local = moment.astimezone(zone)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = local.date() + timedelta(days=offset)
        if _closed_day(day, hours):
            continue
        starts = sorted(
            datetime.combine(day, time.fromisoformat(block.start), tzinfo=zone)
            for block in hours.hours
            if block.weekday_number == day.weekday()
        )
        for start in starts:
            if start > local:
                return start
    return None


def _closed_day(day: date, hours: OfficeHours) -> bool:
    if day in hours.closed_dates:
        return True
    return hours.closed_on_public_holidays and day in holidays.country_holidays(
        "NL", years=day.year
    )
