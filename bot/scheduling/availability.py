"""Free slots for adviesgesprekken, and the distinct times offered to a user.

Slot rules (all in Europe/Amsterdam):
- A slot lasts CONSULTATION_MINUTES (default 60) and starts on the whole hour, inside one block
  of an active advisor's working hours (09:00-17:00 gives 09:00 ... 16:00 for 60 minutes).
- Lead time: never today. Days run from tomorrow up to and including today + days
  (BOOKING_HORIZON_DAYS, default 28). Weekends only have slots if someone has hours then.
- Never on a Dutch public holiday as the `holidays` package (0.60) knows them for "NL":
  Nieuwjaarsdag, Eerste/Tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
  Sunday), Hemelvaartsdag, Eerste/Tweede Pinksterdag, Eerste/Tweede Kerstdag. Bevrijdingsdag
  (5 May) is only in it in lustrum years (2025, 2030, ...), because only then is it a national
  day off; Goede Vrijdag is not in it. We follow the package, so 5 May 2026 and 2027 are
  working days unless an advisor records an absence.
- Never during an absence of the advisor, never overlapping one of their booked consultations.
- Ordering: earliest first; at equal times advisors whose expertise includes the requested
  component come first, then the lower advisor id (stable, predictable).
- Expertise preference with a limit N (free_slots(limit=N, component=...) and offer_slots):
  the N earliest slots of advisors with that expertise are taken, even when a non-expert is
  free earlier; only when experts have fewer than N slots in the horizon do the earliest other
  slots fill the list. The list is returned in time order.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.scheduling.models import Absence, Advisor, Consultation
from bot.scheduling.slots import AMSTERDAM, Slot, in_daypart
from bot.settings import get_settings

Interval = Tuple[datetime, datetime]
Duration = Union[int, timedelta, None]


def consultation_length(duration: Duration = None) -> timedelta:
    """The length of one conversation: the argument, else CONSULTATION_MINUTES."""
    if isinstance(duration, timedelta):
        return duration
    return timedelta(minutes=duration or get_settings().consultation_minutes)


def public_holidays(first: date, last: date) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=range(first.year, last.year + 1))


def free_slots(
    session: Session,
    now: datetime,
    *,
    days: Optional[int] = None,
    limit: Optional[int] = None,
    component: Optional[str] = None,
    daypart: Optional[str] = None,
    on_date: Optional[date] = None,
    duration: Duration = None,
    advisor_id: Optional[int] = None,
    ignore_consultation_id: Optional[int] = None,
) -> List[Slot]:
    """Every free slot of every active advisor (or one advisor), ordered as the module says."""
    length = consultation_length(duration)
    today = now.astimezone(AMSTERDAM).date()
    first = today + timedelta(days=1)
    last = today + timedelta(days=days if days is not None else get_settings().booking_horizon_days)
    if on_date is not None:
        if not first <= on_date <= last:
            return []
        first = last = on_date
    window = (_local(first, time(0)), _local(last + timedelta(days=1), time(0)))

    query = select(Advisor).where(Advisor.active.is_(True)).order_by(Advisor.id)
    if advisor_id is not None:
        query = query.where(Advisor.id == advisor_id)
    advisors = session.execute(query.options(selectinload(Advisor.working_hours))).scalars().all()
    if not advisors:
        return []
    busy = _busy_intervals(session, [a.id for a in advisors], window, ignore_consultation_id)
    closed = public_holidays(first, last)

    slots: List[Slot] = []
    day = first
    while day <= last:
        if day not in closed:
            for advisor in advisors:
                expert = component is not None and component in (advisor.expertise or [])
                for start in _starts(advisor, day, length):
                    end = (start.astimezone(timezone.utc) + length).astimezone(AMSTERDAM)
                    if daypart is not None and not in_daypart(start, daypart):
                        continue
                    if _overlaps((start, end), busy[advisor.id]):
                        continue
                    slots.append(Slot(advisor.id, advisor.name, start, end, expert))
        day += timedelta(days=1)
    slots.sort(key=_order)
    if limit is None:
        return slots
    return _prefer_experts(slots, limit) if component else slots[:limit]


def offer_slots(
    session: Session,
    now: datetime,
    *,
    count: Optional[int] = 3,
    component: Optional[str] = None,
    daypart: Optional[str] = None,
    on_date: Optional[date] = None,
    days: Optional[int] = None,
    duration: Duration = None,
) -> List[Slot]:
    """Distinct start times to offer a user, each with the best advisor for that time.

    The user picks a time, not a person: equal start times across advisors collapse into one,
    keeping the first advisor in the ordering (an expert for the component when one is free
    then). With a component, experts' times are preferred for the first `count` (module doc).
    count=None gives every distinct time, e.g. to match a free-text wish against.
    """
    slots = free_slots(
        session,
        now,
        days=days,
        component=component,
        daypart=daypart,
        on_date=on_date,
        duration=duration,
    )
    distinct = _distinct_times(slots)
    if count is None:
        return distinct
    return _prefer_experts(distinct, count) if component else distinct[:count]


def is_free(
    session: Session,
    advisor_id: int,
    start: datetime,
    now: datetime,
    *,
    duration: Duration = None,
    ignore_consultation_id: Optional[int] = None,
) -> bool:
    """Is this exact start a free slot of this advisor, by every rule above?"""
    slots = free_slots(
        session,
        now,
        on_date=start.astimezone(AMSTERDAM).date(),
        duration=duration,
        advisor_id=advisor_id,
        ignore_consultation_id=ignore_consultation_id,
    )
    return any(slot.start == start for slot in slots)


def _local(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=AMSTERDAM)


def _parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _starts(advisor: Advisor, day: date, length: timedelta) -> Iterable[datetime]:
    """Whole-hour starts in the advisor's working hours on that day, the slot fitting inside."""
    for block in advisor.working_hours:
        if block.weekday != day.weekday():
            continue
        opens = _local(day, _parse_hhmm(block.start_time))
        closes = _local(day, _parse_hhmm(block.end_time))
        start = opens.replace(minute=0)
        if start < opens:
            start += timedelta(hours=1)
        while start + length <= closes:
            yield start
            start += timedelta(hours=1)


def _busy_intervals(
    session: Session,
    advisor_ids: Sequence[int],
    window: Interval,
    ignore_consultation_id: Optional[int],
) -> Dict[int, List[Interval]]:
    busy: Dict[int, List[Interval]] = defaultdict(list)
    absences = session.execute(
        select(Absence.advisor_id, Absence.start, Absence.end).where(
            Absence.advisor_id.in_(advisor_ids),
            Absence.start < window[1],
            Absence.end > window[0],
        )
    )
    booked_query = select(Consultation.advisor_id, Consultation.start, Consultation.end).where(
        Consultation.advisor_id.in_(advisor_ids),
        Consultation.status == "booked",
        Consultation.start < window[1],
        Consultation.end > window[0],
    )
    if ignore_consultation_id is not None:
        booked_query = booked_query.where(Consultation.id != ignore_consultation_id)
    for advisor_id, start, end in [*absences, *session.execute(booked_query)]:
        busy[advisor_id].append((start, end))
    return busy


def _overlaps(slot: Interval, busy: Sequence[Interval]) -> bool:
    return any(slot[0] < end and slot[1] > start for start, end in busy)


def _order(slot: Slot) -> Tuple[datetime, bool, int]:
    return (slot.start, not slot.expert, slot.advisor_id)


def _distinct_times(slots: Sequence[Slot]) -> List[Slot]:
    best: Dict[datetime, Slot] = {}
    for slot in slots:  # already ordered, so the first per time is the best advisor
        best.setdefault(slot.start, slot)
    return list(best.values())


def _prefer_experts(slots: Sequence[Slot], count: int) -> List[Slot]:
    """The `count` earliest expert slots, topped up with the earliest others; in time order."""
    chosen = [slot for slot in slots if slot.expert][:count]
    if len(chosen) < count:
        others = [slot for slot in slots if not slot.expert]
        chosen += others[: count - len(chosen)]
    return sorted(chosen, key=_order)
