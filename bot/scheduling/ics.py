"""Calendar invitations (.ics, RFC 5545) for an adviesgesprek.

Times are written in UTC (DTSTART:20261201T090000Z). Every calendar shows them in the reader's
own zone, and no VTIMEZONE block is needed, so there is nothing to get wrong around daylight
saving time. The e-mail text itself names the Amsterdam time.

UID is stable per consultation (<reference>@den-adviesassistent) and SEQUENCE is the
consultation's sequence, so an update (new time) or a cancellation replaces the earlier event
in the calendar instead of adding a second one.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from icalendar import Calendar, Event, vCalAddress, vText

from bot.db.models import utcnow
from bot.scheduling.models import Consultation

UID_DOMAIN = "den-adviesassistent"
SUMMARY = "Adviesgesprek met DEN"
PRODID = "-//DEN//Adviesassistent//NL"
METHODS = ("REQUEST", "CANCEL")
LOCATIONS = {
    "video": "Online (video). De adviseur stuurt je de link.",
    "op_locatie": "Op locatie. De adviseur spreekt de plek met je af.",
}


def uid(consultation: Consultation) -> str:
    return f"{consultation.reference}@{UID_DOMAIN}"


def invite(
    consultation: Consultation,
    advisor_name: str,
    advisor_email: str,
    organizer_email: str,
    method: str = "REQUEST",
    *,
    stamp: Optional[datetime] = None,
) -> bytes:
    """The invitation (REQUEST) or its cancellation (CANCEL) as .ics bytes."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)

    event = Event()
    event.add("uid", uid(consultation))
    event.add("sequence", consultation.sequence)
    event.add("dtstamp", (stamp or utcnow()).astimezone(timezone.utc))
    event.add("dtstart", consultation.start.astimezone(timezone.utc))
    event.add("dtend", consultation.end.astimezone(timezone.utc))
    event.add("summary", SUMMARY)
    event.add("description", _description(consultation, advisor_name, method))
    event.add("location", LOCATIONS[consultation.mode])
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("transp", "OPAQUE")

    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText("DEN adviesassistent")
    event.add("organizer", organizer)
    event.add("attendee", _attendee(consultation.contact_email, consultation.contact_name))
    event.add("attendee", _attendee(advisor_email, advisor_name))
    calendar.add_component(event)
    return calendar.to_ical()


def _attendee(email: str, name: str) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["cn"] = vText(name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    return attendee


def _description(consultation: Consultation, advisor_name: str, method: str) -> str:
    if method == "CANCEL":
        return (
            f"Dit adviesgesprek met {advisor_name} van DEN is geannuleerd. "
            f"Code: {consultation.reference}."
        )
    how = (
        f"{advisor_name} stuurt je de link voor het videogesprek."
        if consultation.mode == "video"
        else f"{advisor_name} spreekt de plek met je af."
    )
    return (
        f"Een verkennend gesprek met {advisor_name} van DEN. Jullie sparren over de richting "
        "en de volgende stappen voor je organisatie.\n"
        f"{how}\n"
        "Wil je de afspraak verzetten of annuleren? Zeg dat in de chat, bijvoorbeeld "
        f"'ik wil mijn afspraak annuleren', en noem je code {consultation.reference}."
    )
