"""Staff operations on advisors: add, deactivate, working hours, absences, a demo seed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import List, Optional, Sequence, Tuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.content.schema import COMPONENT_IDS
from bot.scheduling.models import Absence, Advisor, WorkingHours

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class AdvisorError(ValueError):
    """Input a staff member can correct; the message is Dutch, for the admin CLI."""


@dataclass(frozen=True)
class SeedAdvisor:
    name: str
    email: str
    expertise: Tuple[str, ...]
    hours: Tuple[Tuple[int, str, str], ...]  # (weekday, start, end)


_WITH_LUNCH = (("09:00", "12:00"), ("13:00", "17:00"))

# Fictional advisors for a demo or test database (example.org addresses never receive mail).
SEED: Tuple[SeedAdvisor, ...] = (
    SeedAdvisor(
        "Sanne de Vries",
        "sanne.devries@example.org",
        ("strategie_budget", "processen_structuur"),
        tuple((day, start, end) for day in (0, 1, 3) for start, end in _WITH_LUNCH),
    ),
    SeedAdvisor(
        "Joris Bakker",
        "joris.bakker@example.org",
        ("data_technologie", "publiek_waarde"),
        tuple((day, "09:00", "17:00") for day in (1, 2, 4)),
    ),
    SeedAdvisor(
        "Amira El Idrissi",
        "amira.elidrissi@example.org",
        ("cultuur_competenties", "publiek_waarde", "strategie_budget"),
        tuple((day, "10:00", "16:00") for day in (0, 2, 3)),
    ),
)


def get_by_email(session: Session, email: str) -> Optional[Advisor]:
    return session.execute(
        select(Advisor).where(func.lower(Advisor.email) == email.strip().lower())
    ).scalar_one_or_none()


def require(session: Session, email: str) -> Advisor:
    advisor = get_by_email(session, email)
    if advisor is None:
        raise AdvisorError(f"Geen adviseur gevonden met e-mailadres {email}.")
    return advisor


def check_expertise(components: Sequence[str]) -> List[str]:
    unknown = [c for c in components if c not in COMPONENT_IDS]
    if unknown:
        raise AdvisorError(
            f"Onbekend onderdeel: {', '.join(unknown)}. Kies uit: {', '.join(COMPONENT_IDS)}."
        )
    return list(dict.fromkeys(components))


def add_advisor(session: Session, name: str, email: str, expertise: Sequence[str]) -> Advisor:
    if get_by_email(session, email) is not None:
        raise AdvisorError(f"Er is al een adviseur met e-mailadres {email}.")
    advisor = Advisor(
        name=name.strip(), email=email.strip(), expertise=check_expertise(expertise), active=True
    )
    session.add(advisor)
    session.flush()
    return advisor


def deactivate(session: Session, email: str) -> Advisor:
    """No new slots for this advisor; booked consultations stay as they are."""
    advisor = require(session, email)
    advisor.active = False
    session.flush()
    return advisor


def set_hours(
    session: Session, advisor: Advisor, weekday: int, blocks: Sequence[Tuple[str, str]]
) -> None:
    """Replace the advisor's working hours on one weekday (no blocks: a day off)."""
    if not 0 <= weekday <= 6:
        raise AdvisorError("De weekdag moet 0 (maandag) tot en met 6 (zondag) zijn.")
    for start, end in blocks:
        if not _HHMM.match(start) or not _HHMM.match(end):
            raise AdvisorError("Schrijf tijden als UU:MM, bijvoorbeeld 09:00.")
        if start >= end:
            raise AdvisorError(f"De begintijd {start} moet voor de eindtijd {end} liggen.")
    session.execute(
        delete(WorkingHours).where(
            WorkingHours.advisor_id == advisor.id, WorkingHours.weekday == weekday
        )
    )
    for start, end in blocks:
        session.add(
            WorkingHours(advisor_id=advisor.id, weekday=weekday, start_time=start, end_time=end)
        )
    session.flush()
    session.expire(advisor, ["working_hours"])


def add_absence(
    session: Session,
    advisor: Advisor,
    start: datetime,
    end: datetime,
    reason: Optional[str] = None,
) -> Absence:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("absence times must be aware datetimes")
    if start >= end:
        raise AdvisorError("Het einde van de afwezigheid moet na het begin liggen.")
    absence = Absence(
        advisor_id=advisor.id,
        start=start.astimezone(timezone.utc),
        end=end.astimezone(timezone.utc),
        reason=reason,
    )
    session.add(absence)
    session.flush()
    return absence


def seed(session: Session) -> Tuple[List[Advisor], List[Advisor]]:
    """Add the demo advisors that are not there yet: (added, already there). Idempotent; it
    never changes an advisor that exists (staff may have edited their hours)."""
    added, present = [], []
    for entry in SEED:
        existing = get_by_email(session, entry.email)
        if existing is not None:
            present.append(existing)
            continue
        advisor = add_advisor(session, entry.name, entry.email, entry.expertise)
        for weekday in sorted({day for day, _, _ in entry.hours}):
            blocks = [(start, end) for day, start, end in entry.hours if day == weekday]
            set_hours(session, advisor, weekday, blocks)
        added.append(advisor)
    return added, present
