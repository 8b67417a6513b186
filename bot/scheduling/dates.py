"""Dutch free-text moments ("volgende week dinsdag", "donderdagmiddag", "om half 3") and dates.

dateparser is weak on Dutch dayparts, "half 3" and "volgende week dinsdag", so small regexes
take those out first, and dateparser only reads the date part that is left ("14 januari",
"14-1", "morgen", "over 2 weken").

What a request means (see match_slots):
- a named weekday without more ("dinsdag") is `weekday` only: any Tuesday, earliest first, so
  the coming Tuesday when it has room and otherwise the next one;
- "volgende week dinsdag", "aanstaande dinsdag", "dinsdag 1 december" give a `date`;
- "volgende week", "deze week", "de week van 7 december" give `week_of` (that Monday);
- a time is the exact start; hours 1 to 7 without a daypart are read as the afternoon
  ("om half 3" is 14:30, "om 2 uur" 14:00), because nobody books a conversation at 02:30;
- dayparts: "ochtend" starts 09:00-12:00, "middag" 12:00-17:00, "avond" has no slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import List, Optional, Sequence, Tuple

import dateparser

from bot.scheduling.slots import AMSTERDAM, Slot, in_daypart

DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
}
_NUM = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_DAY = "(" + "|".join(DAY_NAMES) + ")"
_MONTH = (
    r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?"
)
_NEXT = r"(volgende|aanstaande|komende)"

# dayparts: the words, most specific first; each found phrase is removed from the text
_DAYPART_PHRASES: Tuple[Tuple[str, str], ...] = (
    (r"\bvoor (de middag|twaalven|de lunch)\b", "ochtend"),
    (r"\bna (de lunch|twaalven)\b", "middag"),
    (r"(?<![a-z])'?s (ochtends|morgens)\b", "ochtend"),
    (r"(?<![a-z])'?s middags\b", "middag"),
    (r"(?<![a-z])'?s avonds\b", "avond"),
    (r"\b(in de|de) morgen\b", "ochtend"),
    (r"\b(ochtend|voormiddag)(en)?\b", "ochtend"),
    (r"\b(namiddag|middag)(en)?\b", "middag"),
    (r"\bavond(en)?\b", "avond"),
)
_TODAY_PART = re.compile(r"\bvan(ochtend|morgen|middag|avond)\b")  # "vanmiddag": today
_COMPOUND = re.compile(
    r"\b(overmorgen|morgen|vandaag|"
    + "|".join(DAY_NAMES)
    + r")(ochtend|morgen|namiddag|middag|avond)\b"
)
_COMPOUND_DAYPART = {
    "ochtend": "ochtend",
    "morgen": "ochtend",
    "middag": "middag",
    "namiddag": "middag",
    "avond": "avond",
}

_QUARTER = re.compile(r"\bkwart (over|voor) " + _NUM + r"\b")
_HALF = re.compile(r"\bhalf " + _NUM + r"\b")
_CLOCK = re.compile(r"\b(?:om )?([01]?\d|2[0-3]):([0-5]\d)\b(?: uur)?")
_DOTTED = re.compile(r"\b(?:om ([01]?\d|2[0-3])\.([0-5]\d)|([01]?\d|2[0-3])\.([0-5]\d) uur)\b")
_HOUR = re.compile(r"(?<!over )\b(?:om )?" + _NUM + r" uur\b")  # not "over 2 uur"
_AT = re.compile(r"\bom " + _NUM + r"\b(?![-/.:]\d)")

_NEXT_WEEK_DAY = re.compile(
    r"\b(?:volgende|komende) week (?:op )?" + _DAY + r"\b|\b" + _DAY + r" (?:van )?(?:de )?"
    r"(?:volgende|komende) week\b"
)
_THIS_WEEK_DAY = re.compile(
    r"\bdeze week (?:op )?" + _DAY + r"\b|\b" + _DAY + r" (?:van )?deze week\b"
)
_NEXT_DAY = re.compile(r"\b" + _NEXT + " " + _DAY + r"\b")
_WEEK = re.compile(r"\b(volgende|komende|deze) week\b")
_IN_PERIOD = re.compile(r"\bover " + _NUM + r" (dag|dagen|week|weken)\b")
_RELATIVE_DAY = re.compile(r"\b(overmorgen|morgen|vandaag)\b")
_EXPLICIT_DATE = re.compile(
    r"\b\d{1,2} " + _MONTH + r"(?: \d{4})?(?!\w)|\b\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?\b"
)
_WEEK_OF_DATE = re.compile(r"\b(?:in )?de week van (" + _EXPLICIT_DATE.pattern + ")")
_WEEKDAY = re.compile(r"\b" + _DAY + r"\b")


@dataclass(frozen=True)
class MomentRequest:
    """What the user asked for; every part optional. An empty request asks for nothing."""

    date: Optional[date] = None
    time: Optional[time] = None
    daypart: Optional[str] = None  # "ochtend", "middag" or "avond"
    weekday: Optional[int] = None  # 0 = Monday .. 6 = Sunday, only when the user named one
    week_of: Optional[date] = None  # Monday of "volgende week" / "deze week"

    @property
    def is_empty(self) -> bool:
        return not any(
            value is not None
            for value in (self.date, self.time, self.daypart, self.weekday, self.week_of)
        )


def parse_moment(text: str, now: datetime) -> MomentRequest:
    """Read a Dutch wish for a moment; whatever is not understood stays None."""
    local_now = now.astimezone(AMSTERDAM)
    today = local_now.date()
    rest = _normalise(text)

    daypart, rest = _take_daypart(rest)
    moment, rest = _take_time(rest, daypart)
    day, weekday, week_of, rest = _take_date(rest, local_now)
    if day is not None and day < today:
        day = None  # a past date cannot be booked; a named weekday still counts
    return MomentRequest(date=day, time=moment, daypart=daypart, weekday=weekday, week_of=week_of)


def match_slots(request: MomentRequest, slots: Sequence[Slot]) -> List[Slot]:
    """The slots that fit the request, in their given order. An empty request fits all.

    A time means the exact start time; date, weekday, week and daypart filter.
    """
    matches = []
    for slot in slots:
        local = slot.start.astimezone(AMSTERDAM)
        if request.date is not None and local.date() != request.date:
            continue
        if request.weekday is not None and local.weekday() != request.weekday:
            continue
        if request.week_of is not None and not (
            request.week_of <= local.date() < request.week_of + timedelta(days=7)
        ):
            continue
        if request.time is not None and local.time() != request.time:
            continue
        if request.daypart is not None and not in_daypart(local, request.daypart):
            continue
        matches.append(slot)
    return matches


def describe(moment: datetime, *, with_year: bool = False) -> str:
    """ "dinsdag 14 januari om 10:00" in Amsterdam time (names written here, no locale)."""
    local = moment.astimezone(AMSTERDAM)
    year = f" {local.year}" if with_year else ""
    return (
        f"{DAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]}{year} "
        f"om {local:%H:%M}"
    )


def describe_date(day: date) -> str:
    """ "dinsdag 14 januari"."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"[!?,;()\"]", " ", text)
    text = re.sub(r"\.(?!\d)", " ", text)  # sentence dots, not the dot in 14.30
    return re.sub(r"\s+", " ", text).strip()


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _take_daypart(text: str) -> Tuple[Optional[str], str]:
    daypart = None
    text = _TODAY_PART.sub(r"vandaag\1", text)
    match = _COMPOUND.search(text)
    if match:
        daypart = _COMPOUND_DAYPART[match.group(2)]
        text = text[: match.start()] + match.group(1) + text[match.end() :]
    for pattern, part in _DAYPART_PHRASES:
        found = re.search(pattern, text)
        if found:
            daypart = daypart or part
            text = text[: found.start()] + " " + text[found.end() :]
    return daypart, re.sub(r"\s+", " ", text).strip()


def _take_time(text: str, daypart: Optional[str]) -> Tuple[Optional[time], str]:
    """Times: "kwart over 2", "half 3", "10:00", "om 14.30", "9 uur", "om 10"."""
    hour = minute = None
    match = _QUARTER.search(text)
    if match:
        base = _number(match.group(2))
        hour, minute = (base, 15) if match.group(1) == "over" else ((base - 1) or 12, 45)
    elif match := _HALF.search(text):
        hour, minute = (_number(match.group(1)) - 1) or 12, 30  # "half 1" is 12:30
    elif match := _CLOCK.search(text):
        return time(int(match.group(1)), int(match.group(2))), _cut(text, match)
    elif match := _DOTTED.search(text):
        groups = [g for g in match.groups() if g is not None]
        return time(int(groups[0]), int(groups[1])), _cut(text, match)
    elif match := (_HOUR.search(text) or _AT.search(text)):
        hour, minute = _number(match.group(1)), 0
    if match is None or hour is None or minute is None or not 0 <= hour <= 23:
        return None, text
    return time(_business_hour(hour % 24, daypart), minute), _cut(text, match)


def _business_hour(hour: int, daypart: Optional[str]) -> int:
    """12-hour Dutch speech to 24 hours: "2 uur" is 14:00, "8 uur 's avonds" 20:00."""
    if hour >= 12:
        return hour
    if daypart in ("middag", "avond"):
        return hour + 12
    if daypart is None and 1 <= hour <= 7:
        return hour + 12
    return hour


def _take_date(
    text: str, now: datetime
) -> Tuple[Optional[date], Optional[int], Optional[date], str]:
    """(date, weekday named, week_of, rest of the text)."""
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    if match := _NEXT_WEEK_DAY.search(text):
        weekday = DAY_NAMES.index(match.group(1) or match.group(2))
        return monday + timedelta(days=7 + weekday), weekday, None, _cut(text, match)
    if match := _THIS_WEEK_DAY.search(text):
        weekday = DAY_NAMES.index(match.group(1) or match.group(2))
        return monday + timedelta(days=weekday), weekday, None, _cut(text, match)
    if match := _NEXT_DAY.search(text):
        weekday = DAY_NAMES.index(match.group(2))
        ahead = (weekday - today.weekday() - 1) % 7 + 1  # strictly after today
        return today + timedelta(days=ahead), weekday, None, _cut(text, match)
    if match := _WEEK_OF_DATE.search(text):
        day = _dateparser_date(match.group(1), now)
        week_of = day - timedelta(days=day.weekday()) if day else None
        return None, None, week_of, _cut(text, match)
    if match := _EXPLICIT_DATE.search(text):
        day = _dateparser_date(match.group(0), now)
        named = _WEEKDAY.search(text)
        return day, DAY_NAMES.index(named.group(1)) if named else None, None, _cut(text, match)
    if match := _IN_PERIOD.search(text):
        amount = _number(match.group(1))
        if match.group(2).startswith("dag"):
            unit = "dag" if amount == 1 else "dagen"
        else:
            unit = "week" if amount == 1 else "weken"
        return _dateparser_date(f"over {amount} {unit}", now), None, None, _cut(text, match)
    if match := _RELATIVE_DAY.search(text):
        return _dateparser_date(match.group(1), now), None, None, _cut(text, match)
    if match := _WEEK.search(text):
        start = monday if match.group(1) == "deze" else monday + timedelta(days=7)
        rest = _cut(text, match)
        named = _WEEKDAY.search(rest)
        if named:  # "deze week" said separately from the day, e.g. "liefst deze week, dinsdag"
            weekday = DAY_NAMES.index(named.group(1))
            return start + timedelta(days=weekday), weekday, None, _cut(rest, named)
        return None, None, start, rest
    if match := _WEEKDAY.search(text):
        return None, DAY_NAMES.index(match.group(1)), None, _cut(text, match)
    return None, None, None, text


def _dateparser_date(fragment: str, now: datetime) -> Optional[date]:
    parsed = dateparser.parse(
        fragment,
        languages=["nl"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": now.replace(tzinfo=None),
            "TIMEZONE": "Europe/Amsterdam",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "DATE_ORDER": "DMY",
        },
    )
    return parsed.date() if parsed else None


def _cut(text: str, match: re.Match[str]) -> str:
    return re.sub(r"\s+", " ", text[: match.start()] + " " + text[match.end() :]).strip()
