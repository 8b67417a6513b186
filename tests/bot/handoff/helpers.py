"""Shared test data: a completed scan with advice, and a booking based on it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.assessment.profile import Profile
from bot.assessment.scoring import score_answers
from bot.content import get_content
from bot.scans import repository
from bot.scheduling.booking import book
from bot.scheduling.models import Consultation
from tests.bot.scheduling.helpers import CONTACT, NOW, at, make_advisor

CONTENT = get_content()
START = at(date(2026, 11, 26), 10)  # Thursday 26 November 2026, 10:00 Amsterdam
OWN_WORDS = "Ons geld komt alleen uit projecten & niemand heeft <tijd> voor digitaal."
PROFILE = Profile(
    organisation="Museum Gouda",
    institution_type="museum",
    size_class="11-50",
    role="directie_mt",
    funding="gemeente_provincie",
    strategic_moment="subsidieaanvraag",
    strategic_timing="binnen_6_maanden",
)
ADVICE = {
    "pathways": [
        {
            "id": "p02_digitale_strategie",
            "role": "weakest",
            "reason": "Jullie strategie is nog los.",
        },
        {
            "id": "p03_structureel_budget",
            "role": "quick_win",
            "reason": "Budget hangt aan projecten.",
        },
    ],
    "consultation": {"propose": True, "criteria": [], "reasons": []},
}


def answers_with_weak_strategy() -> dict:
    """Strategy & budget 1, data & technology 4, everything else 3."""
    values = {"strategie_budget": 1, "data_technologie": 4}
    return {s.id: values.get(s.component, 3) for s in CONTENT.questions.statements}


def make_scan(session: Session, organisation: str = "Museum Gouda", words: str = OWN_WORDS):
    answers = answers_with_weak_strategy()
    profile = Profile(**{**PROFILE.fields(), "organisation": organisation})
    return repository.save_scan(
        session,
        "conv-handoff",
        profile,
        answers,
        {"open_knelpunt": words},
        score_answers(answers, CONTENT),
        ADVICE,
    )


def make_booking(session: Session, with_scan: bool = True, **details) -> Consultation:
    advisor = make_advisor(session, "Sanne de Vries", "sanne@den.example")
    scan = make_scan(session) if with_scan else None
    return book(
        session,
        START,
        advisor.id,
        now=NOW,
        **{**CONTACT, "scan_public_id": scan.public_id if scan else None, **details},
    )
