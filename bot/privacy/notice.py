"""The e-mail that tells an advisor a participant's contact details were removed on request."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from bot.scheduling.dates import describe
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Advisor, Consultation, OutboxMessage

KIND = "privacy_notice"
SUBJECT = "Gegevens verwijderd: adviesgesprek {reference} op {when}"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
    )


def queue_advisor_notice(session: Session, consultation: Consultation) -> OutboxMessage:
    """Queue the notice for the consultation's advisor, in the caller's transaction."""
    advisor = session.get(Advisor, consultation.advisor_id)
    when = describe(consultation.start)
    subject = SUBJECT.format(reference=consultation.reference, when=when)
    context = {
        "subject": subject,
        "advisor": advisor.name,
        "reference": consultation.reference,
        "when": when,
        "organisation": consultation.organisation,
    }
    environment = _environment()
    text = environment.get_template("advisor_notice.txt").render(context).strip() + "\n"
    html = environment.get_template("advisor_notice.html").render(context)
    # Not linked to the consultation: deleting that consultation's messages must keep this one.
    return queue_mail(session, KIND, advisor.email, subject, text, html)
