"""Stored teams: codes, responses, the open period, and the previous result of an organisation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import inspect

from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.db.models import utcnow
from bot.db.session import get_engine, session_scope
from bot.scans import repository as scans
from bot.team import repository as teams
from tests.bot.team.helpers import CONTENT, SETTINGS, answers

MUSEUM = Profile(
    organisation="Museum Gouda",
    institution_type="museum",
    size_class="51-100",
    role="directie_mt",
    funding="fondsen",
    strategic_moment="geen",
)


def save_scan(session, value, conversation="init", organisation="Museum Gouda", when=None):
    given = answers(value)
    profile = Profile(**{**MUSEUM.fields(), "organisation": organisation})
    scan = scans.save_scan(session, conversation, profile, given, {}, score_answers(given, CONTENT))
    if when is not None:
        scan.created_at = when
    return scan


def test_migration_creates_the_team_tables(database_url):
    tables = inspect(get_engine(database_url)).get_table_names()
    assert {"teams", "team_responses"} <= set(tables)


def test_a_team_started_after_a_scan_takes_its_profile_and_counts_its_answers(database_url):
    with session_scope() as session:
        scan = save_scan(session, 4)
        team = teams.create_team(session, "init", scan)
        code, public_id = team.code, team.public_id
    with session_scope() as session:
        team = teams.find_by_code(session, f"team-{code.lower()}")
        assert team is not None and team.public_id == public_id
        assert (team.organisation, team.institution_type, team.size_class) == (
            "Museum Gouda",
            "museum",
            "51-100",
        )
        assert team.organisation_key == "museum gouda"
        assert [(r.conversation_id, r.role) for r in team.responses] == [("init", "directie_mt")]
        assert team.responses[0].scan_id == team.initiator_scan_id


def test_a_colleague_answering_again_replaces_the_earlier_answers(database_url):
    with session_scope() as session:
        team = teams.create_team(session, "init")
        teams.record_response(session, team, "c1", "collectie", answers(2))
        teams.record_response(session, team, "c1", "programmering", answers(4))
        teams.record_response(session, team, "c2", None, answers(3))
        assert [(r.conversation_id, r.role) for r in team.responses] == [
            ("c1", "programmering"),
            ("c2", None),
        ]
        assert team.responses[0].answers["sb_visie"] == 4
        assert teams.find_by_code(session, "ZZZZ99") is None


def test_a_team_accepts_answers_for_sixty_days(database_url):
    with session_scope() as session:
        team = teams.create_team(session, "init")
        assert teams.is_open(team, SETTINGS)
        assert not teams.is_open(team, SETTINGS, now=utcnow() + timedelta(days=61))


def test_the_initiators_own_scan_is_not_the_previous_result(database_url):
    with session_scope() as session:
        team = teams.create_team(session, "init", save_scan(session, 4))
        assert teams.previous_result(session, team, CONTENT, SETTINGS) is None


def test_a_repeat_team_compares_with_the_latest_earlier_result(database_url):
    long_ago = utcnow() - timedelta(days=400)
    half_year = utcnow() - timedelta(days=200)
    with session_scope() as session:
        save_scan(session, 1, conversation="old", when=long_ago)
        save_scan(session, 5, conversation="other", organisation="Ander Museum")
        first = teams.create_team(session, "t1", save_scan(session, 2, "t1", when=half_year))
        first.created_at = half_year
        for n, value in enumerate([2, 3]):
            teams.record_response(session, first, f"c{n}", "collectie", answers(value))
        repeat = teams.create_team(session, "t2", save_scan(session, 4, "t2", " MUSEUM gouda"))
        previous = teams.previous_result(session, repeat, CONTENT, SETTINGS)
        assert previous.kind == "team"
        assert previous.scores["strategie_budget"] == 2.33  # (2 + 2 + 3) / 3
        assert abs((previous.when - half_year).total_seconds()) < 1


def test_a_team_that_never_reached_three_is_skipped_for_the_single_scan_before_it(database_url):
    with session_scope() as session:
        save_scan(session, 1, conversation="old", when=utcnow() - timedelta(days=300))
        small = teams.create_team(session, "t1")
        small.organisation_key = "museum gouda"
        small.created_at = utcnow() - timedelta(days=200)
        teams.record_response(session, small, "c1", "collectie", answers(5))
        repeat = teams.create_team(session, "t2", save_scan(session, 4, "t2"))
        previous = teams.previous_result(session, repeat, CONTENT, SETTINGS)
        assert previous.kind == "scan" and previous.scores["strategie_budget"] == 1.0


def test_latest_team_of_an_initiator_and_the_team_of_a_scan(database_url):
    with session_scope() as session:
        scan = save_scan(session, 3)
        older = teams.create_team(session, "init")
        older.created_at = utcnow() - timedelta(days=90)
        newer = teams.create_team(session, "init", scan)
        assert teams.latest_for_initiator(session, "init").id == newer.id
        assert teams.latest_for_initiator(session, "someone else") is None
        assert teams.team_for_scan(session, scan).id == newer.id
