"""Schema for office_hours.yml: when an advisor can take over a chat."""

from __future__ import annotations

import re
from datetime import date
from typing import List
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, root_validator, validator

from bot.content.schema import StrictModel

WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class OfficeBlock(StrictModel):
    weekday: str
    start: str
    end: str

    @validator("weekday")
    def known_weekday(cls, value: str) -> str:
        if value not in WEEKDAYS:
            raise ValueError(f"weekday must be one of {', '.join(WEEKDAYS)}, got '{value}'")
        return value

    @validator("start", "end")
    def hh_mm(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError(f"write times as HH:MM (00:00-23:59), got '{value}'")
        return value

    @root_validator(skip_on_failure=True)
    def start_before_end(cls, values: dict) -> dict:
        if values["start"] >= values["end"]:
            raise ValueError(f"start {values['start']} must be before end {values['end']}")
        return values

    @property
    def weekday_number(self) -> int:
        return WEEKDAYS.index(self.weekday)


class OfficeHours(StrictModel):
    timezone: str = "Europe/Amsterdam"
    hours: List[OfficeBlock] = Field(..., min_items=1)
    closed_on_public_holidays: bool = True
    closed_dates: List[date] = []
    response_minutes: int = Field(60, ge=5, le=24 * 60)

    @validator("timezone")
    def known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}'") from None
        return value

    @validator("hours")
    def no_overlap(cls, value: List[OfficeBlock]) -> List[OfficeBlock]:
        for day in WEEKDAYS:
            blocks = sorted((b.start, b.end) for b in value if b.weekday == day)
            for (_, end), (start, _) in zip(blocks, blocks[1:], strict=False):
                if start < end:
                    raise ValueError(f"blocks on '{day}' overlap")
        return value
