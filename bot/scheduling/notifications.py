"""The e-mails about an adviesgesprek, put in the outbox: to the participant (confirmation,
update, cancellation, with an .ics) and short notices to the advisor (the participant cancelled;
the participant's details were removed on request).

Templates live in templates/ (Dutch, je-vorm, B1); HTML templates autoescape, so whatever a
user typed (organisation, topic, name) cannot inject markup. Call queue_consultation_mail in the
same session as the booking change, so both are committed together.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from bot.scheduling import ics
from bot.scheduling.dates import describe
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Advisor, Consultation, OutboxMessage
from bot.scheduling.slots import AMSTERDAM
from bot.settings import Settings, get_settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUBJECTS = {
    "booking_confirmation": "Bevestiging: adviesgesprek met DEN op {when}",
    "booking_update": "Verplaatst: je adviesgesprek met DEN is nu op {when}",
    "booking_cancellation": "Geannuleerd: adviesgesprek met DEN op {when}",
}
METHODS = {
    "booking_confirmation": "REQUEST",
    "booking_update": "REQUEST",
    "booking_cancellation": "CANCEL",
}
OVERVIEW_SUBJECT = "Je afspraken met DEN"
ADVISOR_SUBJECTS = {
    "advisor_cancellation": "Geannuleerd: adviesgesprek {reference} op {when}",
    "privacy_notice": "Gegevens verwijderd: adviesgesprek {reference} op {when}",
}
HOW = {
    "video": "Online, via video. {advisor} stuurt je de link voor het gesprek.",
    "op_locatie": "Op locatie. {advisor} spreekt met je af waar jullie elkaar zien.",
}


@dataclass(frozen=True)
class ComposedMail:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
    )


def compose(kind: str, consultation: Consultation, advisor: Advisor) -> ComposedMail:
    """Subject, plain text and HTML for one kind of message about this consultation."""
    if kind not in SUBJECTS:
        raise ValueError(f"unknown kind '{kind}'")
    when = describe(consultation.start)
    subject = SUBJECTS[kind].format(when=when)
    context = {
        "subject": subject,
        "name": consultation.contact_name,
        "when": when,
        "until": f"{consultation.end.astimezone(AMSTERDAM):%H:%M}",
        "how": HOW[consultation.mode].format(advisor=advisor.name),
        "advisor": advisor.name,
        "organisation": consultation.organisation,
        "topic": consultation.topic,
        "reference": consultation.reference,
    }
    environment = _environment()
    text = environment.get_template(f"{kind}.txt").render(context)
    html = environment.get_template(f"{kind}.html").render(context)
    return ComposedMail(subject=subject, text=text.strip() + "\n", html=html)


def queue_consultation_mail(
    session: Session,
    kind: str,
    consultation: Consultation,
    settings: Optional[Settings] = None,
) -> OutboxMessage:
    """Compose the message with its .ics and write it to the outbox for the contact person."""
    settings = settings or get_settings()
    advisor = session.get(Advisor, consultation.advisor_id)
    mail = compose(kind, consultation, advisor)
    invitation = ics.invite(
        consultation,
        advisor.name,
        advisor.email,
        organizer_email=parseaddr(settings.mail_from)[1],
        method=METHODS[kind],
    )
    return queue_mail(
        session,
        kind,
        consultation.contact_email,
        mail.subject,
        mail.text,
        mail.html,
        invitation.decode("utf-8"),
        consultation.id,
    )


def queue_advisor_notice(session: Session, consultation: Consultation, kind: str) -> OutboxMessage:
    """Queue a short notice for the consultation's advisor, in the caller's transaction."""
    if kind not in ADVISOR_SUBJECTS:
        raise ValueError(f"unknown advisor notice '{kind}'")
    advisor = session.get(Advisor, consultation.advisor_id)
    when = describe(consultation.start)
    subject = ADVISOR_SUBJECTS[kind].format(reference=consultation.reference, when=when)
    context = {
        "subject": subject,
        "advisor": advisor.name,
        "reference": consultation.reference,
        "when": when,
        "organisation": consultation.organisation,
    }
    environment = _environment()
    text = environment.get_template(f"{kind}.txt").render(context).strip() + "\n"
    html = environment.get_template(f"{kind}.html").render(context)
    # Not linked to the consultation: deleting that consultation's messages must keep this one.
    return queue_mail(session, kind, advisor.email, subject, text, html)


def queue_overview_mail(
    session: Session, consultations: List[Consultation], settings: Optional[Settings] = None
) -> OutboxMessage:
    """Queue the overview of these upcoming appointments to their (one) contact address.

    Only what DEN wrote goes in it (time and code), nothing the requester typed.
    """
    first = consultations[0]
    items = [{"when": describe(c.start), "reference": c.reference} for c in consultations]
    context = {"subject": OVERVIEW_SUBJECT, "name": first.contact_name, "items": items}
    environment = _environment()
    text = environment.get_template("booking_overview.txt").render(context).strip() + "\n"
    html = environment.get_template("booking_overview.html").render(context)
    return queue_mail(
        session, "booking_overview", first.contact_email, OVERVIEW_SUBJECT, text, html
    )
