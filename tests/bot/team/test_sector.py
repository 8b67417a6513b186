"""The sector view: per organisation, minimum group size, no small group given away."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.db.session import session_scope
from bot.scans import repository as scans
from bot.team import repository as teams
from bot.team.sector import SectorRecord, load_records, sector_view
from tests.bot.team.helpers import CONTENT, answers

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
COMPONENTS = [c.id for c in CONTENT.model.components]


def record(org, value, kind="museum", size="11-50", when=0, **scores):
    given = {c: float(value) for c in COMPONENTS}
    given.update(scores)
    return SectorRecord(org, kind, size, given, T0 + timedelta(days=when))


def orgs(prefix, count, value, **kw):
    return [record(f"{prefix}{n}", value, **kw) for n in range(count)]


def view(records, minimum=5):
    return sector_view(records, CONTENT, minimum)


def test_a_group_below_the_minimum_shows_no_figures():
    result = view(orgs("m", 4, 3))
    assert not result.overall.shown
    assert result.overall.means == {} and result.overall.respondents == 0
    assert result.organisations == 4


def test_the_unit_is_the_organisation_not_the_respondent():
    big_team = [record("groot", 5) for _ in range(10)]
    result = view(big_team + orgs("klein", 4, 1))
    assert result.overall.shown and result.overall.organisations == 5
    assert result.overall.respondents == 14
    assert result.overall.means["strategie_budget"] == 1.8  # (5 + 1 + 1 + 1 + 1) / 5


def test_an_organisation_takes_its_latest_type_and_size_and_averages_its_scans():
    records = orgs("m", 4, 2) + [
        record("x", 2, kind="archief", size="1-10", when=0),
        record("x", 4, kind="museum", size="11-50", when=5),
    ]
    museum = next(g for g in view(records).by_type if g.key == "museum")
    assert museum.organisations == 5
    assert museum.means["strategie_budget"] == 2.2  # four at 2, and x at (2 + 4) / 2


def test_a_component_needs_the_minimum_number_of_organisations_with_a_score():
    records = orgs("m", 4, 3) + [record("m4", 3, publiek_waarde=None)]
    result = view(records)
    assert result.overall.means["strategie_budget"] == 3.0
    assert result.overall.means["publiek_waarde"] is None


def test_a_lone_small_group_cannot_be_read_off_by_subtraction():
    # six museums and one archive: "all" minus "museums" would give the archive away
    result = view(orgs("m", 6, 3) + [record("a", 1, kind="archief")])
    by_type = {g.key: g for g in result.by_type}
    assert result.overall.shown
    assert not by_type["archief"].shown
    assert by_type["museum"].shown and by_type["museum"].means["strategie_budget"] is None


def test_secondary_suppression_leaves_out_only_the_smallest_cell():
    records = (
        orgs("m", 6, 3) + orgs("t", 5, 2, kind="theater_podium") + [record("a", 1, kind="archief")]
    )
    by_type = {g.key: g for g in view(records).by_type}
    assert by_type["museum"].means["strategie_budget"] == 3.0
    assert by_type["theater_podium"].means["strategie_budget"] is None  # 5 + 1 left out = 6
    assert by_type["archief"].means == {}


def test_an_unknown_type_counts_in_all_but_in_no_type_and_is_protected_too():
    records = orgs("m", 5, 3) + [record("u", 1, kind=None)]
    result = view(records)
    museum = next(g for g in result.by_type if g.key == "museum")
    assert result.overall.organisations == 6
    assert museum.means["strategie_budget"] is None


def test_den_dashboard_figures_sit_next_to_the_groups_that_have_them():
    result = view(orgs("m", 5, 3, size="51-100"))
    assert result.overall.den == {"strategie_budget": 2.3, "cultuur_competenties": 3.3}
    sizes = {g.key: g for g in result.by_size}
    assert sizes["51-100"].den == {"strategie_budget": 1.69}
    assert sizes["1-10"].den == {}
    assert result.source == "DEN Dashboard Digitale Transformatie, stand 2025"


def test_loading_counts_single_scans_and_colleagues_once_each(database_url):
    with session_scope() as session:
        given = answers(4)
        profile = Profile(organisation="Museum Laad", institution_type="museum", size_class="1-10")
        scan = scans.save_scan(session, "init", profile, given, {}, score_answers(given, CONTENT))
        team = teams.create_team(session, "init", scan)
        teams.record_response(session, team, "c1", "collectie", answers(2))
        teams.record_response(session, team, "c2", None, answers(3))
        anonymous = teams.create_team(session, "other")  # started before any scan: no name
        teams.record_response(session, anonymous, "c3", "overig", answers(5))
        records = load_records(session, CONTENT)
    by_org = {}
    for item in records:
        by_org.setdefault(item.organisation, []).append(item)
    assert sorted(len(v) for v in by_org.values()) == [1, 3]
    museum = by_org["museum laad"]
    assert {r.institution_type for r in museum} == {"museum"}
    assert sorted(r.scores["strategie_budget"] for r in museum) == [2.0, 3.0, 4.0]
