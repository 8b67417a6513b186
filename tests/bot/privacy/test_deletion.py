"""'Verwijder mijn gegevens': what goes, what is anonymised, what stays and who is told."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.content import get_content
from bot.db.models import Scan, ScanProgress
from bot.db.session import session_scope
from bot.privacy.deletion import REMOVED_NAME, forget_conversation
from bot.privacy.models import DeletionRequest
from bot.scans import repository, resume_codes
from bot.scheduling.booking import book
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Consultation, OutboxMessage
from tests.bot.scheduling.helpers import CONTACT, NOW, at, make_advisor

CONTENT = get_content()
THURSDAY = date(2026, 11, 26)


def _scan(session, conversation_id, organisation="Museum Gouda"):
    answers = {s.id: 3 for s in CONTENT.questions.statements}
    return repository.save_scan(
        session,
        conversation_id,
        Profile(organisation=organisation),
        answers,
        {"open_knelpunt": "Geen vast budget"},
        score_answers(answers, CONTENT),
    )


def _setup(session):
    advisor = make_advisor(session)
    mine = _scan(session, "conv-a")
    other = _scan(session, "conv-b", "Archief Delft")
    resume_codes.save(session, "conv-a", {"version": 1, "answers": {}})
    consultation = book(
        session, at(THURSDAY, 10), advisor.id, now=NOW, scan_public_id=mine.public_id, **CONTACT
    )
    queue_mail(
        session,
        "booking_confirmation",
        CONTACT["contact_email"],
        "s",
        "Hallo Jan",
        "h",
        None,
        consultation.id,
    )
    return advisor, consultation.reference, other.public_id


def test_scans_go_the_booking_stays_without_contact_details_and_the_advisor_is_told(
    database_url,
):
    with session_scope() as session:
        advisor, reference, other_scan = _setup(session)
        advisor_email = advisor.email
    with session_scope() as session:
        report = forget_conversation(session, "conv-a", [reference.lower()], 1000.0, now=NOW)

    assert [k.reference for k in report.kept_consultations] == [reference]
    assert report.counts["scans"] == 1 and report.counts["scan_progress"] == 1
    with session_scope() as session:
        scans = session.execute(select(Scan.public_id)).scalars().all()
        assert scans == [other_scan]  # another conversation's scan is untouched
        assert session.execute(select(func.count()).select_from(ScanProgress)).scalar_one() == 0
        kept = session.execute(select(Consultation)).scalar_one()
        assert kept.status == "booked" and kept.start == at(THURSDAY, 10)
        assert (kept.contact_name, kept.contact_email, kept.contact_phone) == (
            REMOVED_NAME,
            "",
            None,
        )
        assert kept.scan_public_id is None
        messages = session.execute(select(OutboxMessage)).scalars().all()
        assert [(m.kind, m.recipient) for m in messages] == [("privacy_notice", advisor_email)]
        assert reference in messages[0].body_text and "Jan" not in messages[0].body_text
        request = session.execute(select(DeletionRequest)).scalar_one()
        assert request.conversation_id == "conv-a" and request.turn_after == 1000.0
        assert request.tracker_purged_at is None  # the tracker events follow after the turn
        assert all(isinstance(v, int) for v in request.summary.values())


def test_a_conversation_without_data_still_records_the_request(database_url):
    with session_scope() as session:
        report = forget_conversation(session, "nobody", [], 5.0, now=NOW)
    assert report.kept_consultations == [] and not any(report.counts.values())
    with session_scope() as session:
        assert session.get(DeletionRequest, report.request_id).conversation_id == "nobody"


def test_a_cancelled_booking_is_anonymised_without_telling_the_advisor(database_url):
    with session_scope() as session:
        _advisor, reference, _ = _setup(session)
        session.execute(select(Consultation)).scalar_one().status = "cancelled"
    with session_scope() as session:
        report = forget_conversation(session, "conv-a", [reference], 1.0, now=NOW)
    assert report.kept_consultations == []
    with session_scope() as session:
        assert session.execute(select(Consultation.contact_name)).scalar_one() == REMOVED_NAME
        assert session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one() == 0


def test_handoff_requests_and_team_answers_of_the_conversation_go(database_url):
    from bot.handoff.models import CallbackRequest
    from bot.team.models import Team, TeamResponse

    with session_scope() as session:
        for conversation in ("conv-a", "conv-b"):
            session.add(
                CallbackRequest(
                    kind="callback", conversation_id=conversation, name="Jan Jansen", consent=True
                )
            )
        team = Team(code="AB12CD", public_id="t" * 24, initiator_conversation_id="conv-b")
        session.add(team)
        session.flush()
        for conversation in ("conv-a", "conv-b"):
            session.add(TeamResponse(team_id=team.id, conversation_id=conversation, answers={}))
    with session_scope() as session:
        report = forget_conversation(session, "conv-a", [], 1.0, now=NOW)
    assert report.counts["callback_requests"] == 1 and report.counts["team_answers"] == 1
    with session_scope() as session:
        left = session.execute(select(CallbackRequest.conversation_id)).scalars().all()
        answers = session.execute(select(TeamResponse.conversation_id)).scalars().all()
    assert left == ["conv-b"] and answers == ["conv-b"]
