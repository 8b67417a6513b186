from datetime import timedelta

from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.content import get_content
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scans import repository
from bot.scans.results import build_report, chart_png

CONTENT = get_content()
IDS = [s.id for s in CONTENT.questions.statements]


def _save(session, organisation, value, when=None):
    answers = {i: value for i in IDS}
    scan = repository.save_scan(
        session,
        "conv",
        Profile(organisation=organisation, size_class="51-100"),
        answers,
        {"open_knelpunt": "Geen vast budget"},
        score_answers(answers, CONTENT),
    )
    if when:
        scan.created_at = when
    return scan


def test_scan_is_stored_with_scores_and_found_by_public_id(database_url):
    with session_scope() as session:
        public_id = _save(session, "Museum Gouda", 2).public_id
    with session_scope() as session:
        scan = repository.get_scan(session, public_id)
        assert scan.scores["strategie_budget"] == 2.0
        assert scan.overall_level == "Lerend"
        assert scan.open_answers == {"open_knelpunt": "Geen vast budget"}
        assert scan.created_at.tzinfo is not None


def test_later_scan_of_same_organisation_shows_change(database_url):
    with session_scope() as session:
        _save(session, "Museum Gouda", 2, when=utcnow() - timedelta(days=200))
        _save(session, "Ander Museum", 5)
        latest = _save(session, "  museum gouda ", 3)
        previous = repository.previous_scan(session, latest)
        assert previous is not None and previous.organisation == "Museum Gouda"
        report = build_report(latest, previous, CONTENT)
    assert ("Strategie & budget", 2.0, 3.0) in report.changes


def test_first_scan_has_no_previous(database_url):
    with session_scope() as session:
        scan = _save(session, "Nieuw Theater", 3)
        assert repository.previous_scan(session, scan) is None


def test_report_names_source_and_year_and_size_class_figure(database_url):
    with session_scope() as session:
        report = build_report(_save(session, "Museum Gouda", 2), None, CONTENT)
    sb = next(line for line in report.lines if line.component == "strategie_budget")
    assert "2,3" in sb.benchmark_text and "1,69" in sb.benchmark_text
    assert "DEN Dashboard Digitale Transformatie, stand 2025" in sb.benchmark_text
    pw = next(line for line in report.lines if line.component == "publiek_waarde")
    assert pw.benchmark_text == "Voor dit onderdeel heb ik geen sectorcijfer."
    assert "39% op niveau Lerend en 41% op niveau Uitvoerend" in report.level_note


def test_chart_is_a_png(database_url):
    with session_scope() as session:
        png = chart_png(_save(session, "Museum Gouda", 3), CONTENT)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
