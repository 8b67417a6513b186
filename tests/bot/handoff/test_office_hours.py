"""Office hours from content: open on working days, closed at night, weekends and holidays."""

from datetime import datetime, timezone

import pytest

from bot.content.loader import ContentError
from bot.handoff.office_hours import get_office_hours, is_open, load_office_hours, next_opening
from bot.scheduling.slots import AMSTERDAM


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def test_open_on_a_weekday_during_the_day_only():
    assert is_open(local(2026, 11, 25, 10, 0))  # Wednesday
    assert is_open(local(2026, 11, 25, 9, 0))
    assert not is_open(local(2026, 11, 25, 8, 59))
    assert not is_open(local(2026, 11, 25, 17, 0))  # the end is exclusive
    assert not is_open(local(2026, 11, 27, 16, 30))  # Friday closes at 16:00


def test_closed_at_weekends_and_on_dutch_public_holidays():
    assert not is_open(local(2026, 11, 28, 11, 0))  # Saturday
    assert not is_open(local(2026, 12, 25, 11, 0))  # Christmas, a Friday
    assert not is_open(local(2027, 4, 27, 11, 0))  # King's Day, a Tuesday


def test_utc_moments_are_read_in_amsterdam_time():
    assert is_open(datetime(2026, 11, 25, 8, 30, tzinfo=timezone.utc))  # 09:30 in Amsterdam
    with pytest.raises(ValueError):
        is_open(datetime(2026, 11, 25, 10, 0))


def test_next_opening_skips_the_weekend_and_holidays():
    assert next_opening(local(2026, 11, 27, 18, 0)) == local(2026, 11, 30, 9, 0)
    assert next_opening(local(2026, 11, 25, 7, 0)) == local(2026, 11, 25, 9, 0)
    assert next_opening(local(2026, 12, 24, 18, 0)) == local(2026, 12, 28, 9, 0)


def test_the_packaged_file_is_valid_and_promises_a_response_time():
    hours = get_office_hours()
    assert hours.response_minutes == 60 and len(hours.hours) == 5


@pytest.mark.parametrize(
    "body, message",
    [
        ("hours: [{weekday: maandag, start: '09:00', end: '17:00'}]", "weekday must be one of"),
        ("hours: [{weekday: ma, start: '9 uur', end: '17:00'}]", "write times as HH:MM"),
        ("hours: [{weekday: ma, start: '17:00', end: '09:00'}]", "must be before end"),
        (
            "timezone: Mars/Olympus\nhours: [{weekday: ma, start: '09:00', end: '17:00'}]",
            "unknown time zone",
        ),
        (
            "hours: [{weekday: ma, start: '09:00', end: '13:00'},"
            " {weekday: ma, start: '12:00', end: '17:00'}]",
            "overlap",
        ),
    ],
)
def test_a_broken_file_names_the_problem(tmp_path, body, message):
    path = tmp_path / "office_hours.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_office_hours(path)
    assert str(path) in str(error.value) and message in str(error.value)
