from datetime import date, datetime, time, timedelta, timezone

import pytest

from bot.db.session import session_scope
from bot.scheduling import advisors
from bot.scheduling.availability import free_slots, offer_slots
from bot.scheduling.booking import book
from bot.scheduling.slots import AMSTERDAM

from .helpers import CONTACT, EVERY_DAY, NOW, at, make_advisor


def _days(slots):
    return {slot.start.date() for slot in slots}


def test_slots_are_whole_hours_inside_working_hours_from_tomorrow_on(database_url):
    with session_scope() as session:
        make_advisor(session)
        slots = free_slots(session, NOW)
    assert slots[0].start == at(date(2026, 11, 26), 9)  # Thursday: not today (lead time)
    assert all(slot.start.date() > NOW.date() for slot in slots)
    assert {slot.start.time() for slot in slots} == {time(h) for h in range(9, 17)}
    assert all(slot.end - slot.start == timedelta(minutes=60) for slot in slots)
    assert all(slot.start.tzinfo == AMSTERDAM for slot in slots)
    # the horizon: 28 days from today, the last day included
    assert max(_days(slots)) == date(2026, 12, 23)


def test_no_slots_on_weekends_without_weekend_hours(database_url):
    with session_scope() as session:
        make_advisor(session)
        slots = free_slots(session, NOW)
    assert slots and all(slot.start.weekday() < 5 for slot in slots)


def test_lunch_break_and_half_hour_start_are_respected(database_url):
    with session_scope() as session:
        make_advisor(session, blocks=(("09:30", "12:00"), ("13:00", "16:30")))
        slots = free_slots(session, NOW, on_date=date(2026, 11, 26))
    assert [s.start.hour for s in slots] == [10, 11, 13, 14, 15]


@pytest.mark.parametrize(
    "now,closed,open_",
    [
        # Christmas (Friday and Saturday) and New Year's Day, with an advisor who works every day
        (
            datetime(2026, 12, 20, 12, tzinfo=AMSTERDAM),
            [date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)],
            [date(2026, 12, 24), date(2026, 12, 27), date(2027, 1, 2)],
        ),
        # Koningsdag 2027 (Tuesday) and Easter Monday
        (
            datetime(2027, 3, 25, 12, tzinfo=AMSTERDAM),
            [date(2027, 3, 29), date(2027, 4, 27)],
            [date(2027, 3, 30), date(2027, 4, 26), date(2027, 4, 28)],
        ),
        # Bevrijdingsdag is a day off in the `holidays` package only in lustrum years
        (datetime(2025, 4, 30, 12, tzinfo=AMSTERDAM), [date(2025, 5, 5)], [date(2025, 5, 6)]),
        (datetime(2027, 4, 30, 12, tzinfo=AMSTERDAM), [], [date(2027, 5, 5)]),
    ],
)
def test_dutch_public_holidays_are_never_offered(database_url, now, closed, open_):
    with session_scope() as session:
        make_advisor(session, days=EVERY_DAY)
        days = _days(free_slots(session, now, days=40))
    for day in closed:
        assert day not in days, day
    for day in open_:
        assert day in days, day


def test_absences_block_whole_days_and_parts_of_days(database_url):
    with session_scope() as session:
        advisor = make_advisor(session)
        advisors.add_absence(session, advisor, at(date(2026, 11, 30), 0), at(date(2026, 12, 1), 0))
        advisors.add_absence(session, advisor, at(date(2026, 12, 2), 10), at(date(2026, 12, 2), 12))
        slots = free_slots(session, NOW)
    assert date(2026, 11, 30) not in _days(slots)
    hours = [s.start.hour for s in slots if s.start.date() == date(2026, 12, 2)]
    assert hours == [9, 12, 13, 14, 15, 16]
    assert date(2026, 12, 1) in _days(slots)


def test_booked_slots_are_not_offered_again(database_url):
    start = at(date(2026, 11, 26), 10)
    with session_scope() as session:
        advisor = make_advisor(session)
        book(session, start, advisor.id, now=NOW, **CONTACT)
    with session_scope() as session:
        starts = {s.start for s in free_slots(session, NOW, on_date=date(2026, 11, 26))}
    assert start not in starts
    assert at(date(2026, 11, 26), 9) in starts and at(date(2026, 11, 26), 11) in starts


def test_inactive_advisors_offer_nothing(database_url):
    with session_scope() as session:
        make_advisor(session)
        advisors.deactivate(session, "sanne@example.org")
        assert free_slots(session, NOW) == []


def test_daypart_filter(database_url):
    with session_scope() as session:
        make_advisor(session)
        morning = free_slots(session, NOW, daypart="ochtend", on_date=date(2026, 11, 26))
        afternoon = free_slots(session, NOW, daypart="middag", on_date=date(2026, 11, 26))
        evening = free_slots(session, NOW, daypart="avond")
    assert [s.start.hour for s in morning] == [9, 10, 11]
    assert [s.start.hour for s in afternoon] == [12, 13, 14, 15, 16]
    assert evening == []


def test_limit_and_horizon(database_url):
    with session_scope() as session:
        make_advisor(session)
        assert len(free_slots(session, NOW, limit=3)) == 3
        assert _days(free_slots(session, NOW, days=1)) == {date(2026, 11, 26)}
        assert free_slots(session, NOW, on_date=NOW.date()) == []  # today: never


def test_times_after_daylight_saving_change_stay_local(database_url):
    with session_scope() as session:
        make_advisor(session)
        slots = free_slots(session, datetime(2027, 3, 26, 12, tzinfo=AMSTERDAM), days=5)
    first_after = next(s for s in slots if s.start.date() == date(2027, 3, 30))
    assert first_after.start.hour == 9
    assert first_after.start.astimezone(timezone.utc).hour == 7  # CEST, UTC+2


def test_expert_comes_first_at_equal_times_and_offers_are_distinct(database_url):
    with session_scope() as session:
        make_advisor(session, "Joris Bakker", "joris@example.org", ["data_technologie"])
        make_advisor(session, "Amira El Idrissi", "amira@example.org", ["strategie_budget"])
        both = free_slots(session, NOW, on_date=date(2026, 11, 26), component="strategie_budget")
        offers = offer_slots(session, NOW, count=None, on_date=date(2026, 11, 26))
        expert_offers = offer_slots(session, NOW, count=3, component="strategie_budget")
    assert [s.advisor_name for s in both[:2]] == ["Amira El Idrissi", "Joris Bakker"]
    assert len(both) == 16 and len(offers) == 8  # one offer per time, not per advisor
    assert len({s.start for s in offers}) == len(offers)
    assert {s.advisor_name for s in expert_offers} == {"Amira El Idrissi"}


def test_experts_are_preferred_for_the_first_offers_even_when_later(database_url):
    with session_scope() as session:
        make_advisor(session, "Joris Bakker", "joris@example.org", [], days=(3,))  # Thursday
        make_advisor(session, "Amira", "amira@example.org", ["publiek_waarde"], days=(4,))
        plain = offer_slots(session, NOW, count=3)
        preferred = offer_slots(session, NOW, count=3, component="publiek_waarde")
    assert [(s.advisor_name, s.start.date()) for s in plain] == [
        ("Joris Bakker", date(2026, 11, 26))
    ] * 3
    assert [(s.advisor_name, s.start.date(), s.start.hour) for s in preferred] == [
        ("Amira", date(2026, 11, 27), hour) for hour in (9, 10, 11)
    ]


def test_too_few_expert_times_are_topped_up_with_the_earliest_others(database_url):
    with session_scope() as session:
        make_advisor(session, "Joris Bakker", "joris@example.org", [], days=(3,))  # Thursday
        make_advisor(
            session,
            "Amira",
            "amira@example.org",
            ["publiek_waarde"],
            days=(4,),
            blocks=(("09:00", "10:00"),),
        )
        offers = offer_slots(session, NOW, count=3, component="publiek_waarde", days=2)
    assert [(s.advisor_name, s.start.weekday(), s.start.hour) for s in offers] == [
        ("Joris Bakker", 3, 9),
        ("Joris Bakker", 3, 10),
        ("Amira", 4, 9),
    ]
