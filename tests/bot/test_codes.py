"""Codes people type: long enough not to be guessed, forgiving in how they are typed."""

import pytest

from bot import codes
from bot.db import attempts
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scans import resume_codes
from bot.scheduling import booking
from bot.team import codes as team_codes


def test_a_code_carries_at_least_50_bits_and_is_never_a_word():
    assert codes.BITS >= 50
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert codes.is_code(code)
        assert not set(code) & set("01ILO")  # nothing to confuse when reading it out


@pytest.mark.parametrize(
    "text",
    [
        "mijn code is 7K3M-9QAB-X4TZ",
        "mijn code is 7k3m 9qab x4tz.",
        "code: 7K3M9QABX4TZ graag",
        "7k3m_9qab_x4tz",
    ],
)
def test_a_code_is_found_however_it_is_typed(text):
    assert codes.find_code(text) == "7K3M9QABX4TZ"


@pytest.mark.parametrize(
    "text",
    ["verder met de scan", "mijn code is K7M2QX", "ik werk bij museumbelvedere", "0123-4567-89AB"],
)
def test_words_short_codes_and_foreign_characters_are_not_codes(text):
    assert codes.find_code(text) is None


def test_each_kind_of_code_is_shown_grouped_and_read_back():
    code = codes.new_code()
    assert team_codes.find_team_code(team_codes.display(code)) == code
    assert team_codes.display(code).startswith("TEAM-") and team_codes.display(code).count("-") == 3
    reference = booking.new_reference()
    assert booking.find_reference(f"annuleer {reference.lower()} aub") == reference
    assert booking.find_reference(reference.replace("-", " ")) == reference
    assert booking.find_reference("mijn oude code DEN-7K3M9Q") == "DEN-7K3M9Q"  # sent before


def test_wrong_resume_codes_are_cut_off_after_the_limit_and_only_for_that_conversation(
    database_url,
):
    with session_scope() as session:
        real = resume_codes.save(session, "owner", {"answers": {}, "history": []})
    for _ in range(attempts.MAX_WRONG):
        with session_scope() as session:
            guess = resume_codes.resume(session, codes.grouped(codes.new_code()), "guesser")
            assert guess.state is None and not guess.blocked
    with session_scope() as session:
        # even the right code is refused now: the guesser cannot tell a hit from a miss
        assert resume_codes.resume(session, real, "guesser").blocked
        assert resume_codes.resume(session, real, "someone else").state is not None


def test_wrong_tries_are_forgotten_after_the_window(database_url):
    with session_scope() as session:
        for _ in range(attempts.MAX_WRONG):
            attempts.record_wrong(session, "team", "guesser")
        assert attempts.blocked(session, "team", "guesser")
        later = attempts.WINDOW + attempts.WINDOW / 10
        assert not attempts.blocked(session, "team", "guesser", now=utcnow() + later)
        assert attempts.forget_before(session, utcnow() + later) == attempts.MAX_WRONG
