from datetime import date, datetime, time, timezone

import pytest

from bot.scheduling.dates import MomentRequest, describe, match_slots, parse_moment
from bot.scheduling.slots import AMSTERDAM, Slot

from .helpers import NOW, at

D = date
T = time
# now = Wednesday 25 November 2026, 10:00 Europe/Amsterdam
CASES = [
    # text, date, time, daypart, weekday, week_of
    ("volgende week dinsdag", D(2026, 12, 1), None, None, 1, None),
    ("dinsdag volgende week", D(2026, 12, 1), None, None, 1, None),
    ("dinsdag", None, None, None, 1, None),
    ("aanstaande vrijdag", D(2026, 11, 27), None, None, 4, None),
    ("donderdagmiddag", None, None, "middag", 3, None),
    ("vrijdagochtend om 10", None, T(10, 0), "ochtend", 4, None),
    ("14 januari om 10 uur", D(2027, 1, 14), T(10, 0), None, None, None),
    ("14-1 om 10:00", D(2027, 1, 14), T(10, 0), None, None, None),
    ("14/1 10:00", D(2027, 1, 14), T(10, 0), None, None, None),
    ("vrijdag 4 december", D(2026, 12, 4), None, None, 4, None),
    ("4 december om 14.30", D(2026, 12, 4), T(14, 30), None, None, None),
    ("1 dec", D(2026, 12, 1), None, None, None, None),
    ("morgenochtend", D(2026, 11, 26), None, "ochtend", None, None),
    ("morgen om 11", D(2026, 11, 26), T(11, 0), None, None, None),
    ("overmorgen", D(2026, 11, 27), None, None, None, None),
    ("liefst in de ochtend", None, None, "ochtend", None, None),
    ("graag in de middag", None, None, "middag", None, None),
    ("voor de middag", None, None, "ochtend", None, None),
    ("om half 3", None, T(14, 30), None, None, None),
    ("half 10", None, T(9, 30), None, None, None),
    ("kwart over 2", None, T(14, 15), None, None, None),
    ("maandag 9 uur", None, T(9, 0), None, 0, None),
    ("dinsdagmiddag half 2", None, T(13, 30), "middag", 1, None),
    ("'s middags om 3 uur", None, T(15, 0), "middag", None, None),
    ("over twee weken", D(2026, 12, 9), None, None, None, None),
    ("over een week", D(2026, 12, 2), None, None, None, None),
    ("over 3 dagen", D(2026, 11, 28), None, None, None, None),
    ("volgende week", None, None, None, None, D(2026, 11, 30)),
    ("in de week van 7 december", None, None, None, None, D(2026, 12, 7)),
    ("Volgende week Dinsdag!", D(2026, 12, 1), None, None, 1, None),
]
NONSENSE = ["blabla", "ik weet het niet", "", "ja hoor", "asdf qwerty"]


@pytest.mark.parametrize(
    "text,day,moment,daypart,weekday,week_of", CASES, ids=[c[0] for c in CASES]
)
def test_dutch_moments(text, day, moment, daypart, weekday, week_of):
    assert parse_moment(text, NOW) == MomentRequest(
        date=day, time=moment, daypart=daypart, weekday=weekday, week_of=week_of
    )


@pytest.mark.parametrize("text", NONSENSE)
def test_nonsense_gives_an_empty_request(text):
    request = parse_moment(text, NOW)
    assert request.is_empty and request == MomentRequest()


def test_relative_words_follow_now():
    later = datetime(2027, 2, 1, 9, tzinfo=AMSTERDAM)  # a Monday
    assert parse_moment("morgen", later).date == D(2027, 2, 2)
    assert parse_moment("volgende week dinsdag", later).date == D(2027, 2, 9)


def _slots():
    slots = []
    for day in (D(2026, 11, 26), D(2026, 12, 1), D(2026, 12, 3)):
        for hour in (9, 10, 14, 15):
            slots.append(Slot(1, "Sanne", at(day, hour), at(day, hour + 1)))
    return slots


@pytest.mark.parametrize(
    "text,expected",
    [
        ("donderdagmiddag", [(D(2026, 11, 26), 14), (D(2026, 11, 26), 15), (D(2026, 12, 3), 14)]),
        ("volgende week dinsdag om 10 uur", [(D(2026, 12, 1), 10)]),
        (
            "liefst in de ochtend",
            [(D(2026, 11, 26), 9), (D(2026, 11, 26), 10), (D(2026, 12, 1), 9)],
        ),
        ("donderdag 3 december om 3 uur", [(D(2026, 12, 3), 15)]),
        ("donderdag 3 december om half 4", []),  # 15:30 is no slot start
        ("om 11 uur", []),
        ("'s avonds", []),
    ],
)
def test_match_slots(text, expected):
    """A time is the exact start; dates, weekdays and dayparts filter; order is kept."""
    found = match_slots(parse_moment(text, NOW), _slots())
    assert [(s.start.date(), s.start.hour) for s in found][:3] == expected


def test_an_empty_request_matches_everything_and_a_week_only_that_week():
    slots = _slots()
    assert match_slots(MomentRequest(), slots) == slots
    next_week = match_slots(parse_moment("volgende week", NOW), slots)
    assert {s.start.date() for s in next_week} == {D(2026, 12, 1), D(2026, 12, 3)}


def test_over_two_hours_is_not_a_clock_time():
    assert parse_moment("over 2 uur", NOW).time is None


def test_describe_in_dutch_in_amsterdam_time():
    assert describe(at(D(2027, 1, 12), 10)) == "dinsdag 12 januari om 10:00"
    summer_utc = datetime(2027, 6, 3, 10, 0, tzinfo=timezone.utc)
    assert describe(summer_utc) == "donderdag 3 juni om 12:00"
    assert describe(at(D(2026, 12, 1), 9), with_year=True) == "dinsdag 1 december 2026 om 09:00"
