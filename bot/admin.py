"""Admin commands for DEN staff: advisors, working hours, absences, consultations, outbox.

    python -m bot.admin seed
    python -m bot.admin add-advisor --name "Sanne de Vries" --email s@den.nl \\
        --expertise strategie_budget,data_technologie
    python -m bot.admin set-hours --email s@den.nl --weekday di --start 09:00 --end 17:00
    python -m bot.admin add-absence --email s@den.nl --from 2026-12-21 --to 2027-01-03
    python -m bot.admin list-consultations
    python -m bot.admin send-mail
    python -m bot.admin set-portal-password --email s@den.nl
    python -m bot.admin export-user --email jan@museum.nl [--out export.json]

Works on BOT_DATABASE_URL and brings it to the latest schema first, so a fresh database works.
Output is Dutch (for staff); contact details only with --show-contact.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import migrate
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.privacy.export import export_user
from bot.scheduling import advisors
from bot.scheduling.advisors import AdvisorError
from bot.scheduling.contact import check_email, clean_name
from bot.scheduling.dates import DAY_NAMES, describe, describe_date
from bot.scheduling.mail import deliver_due
from bot.scheduling.models import Advisor, Consultation
from bot.scheduling.slots import AMSTERDAM

WEEKDAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
STATUS_NL = {"booked": "geboekt", "cancelled": "geannuleerd", "done": "gehouden"}


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    migrate.upgrade()
    try:
        with session_scope() as session:
            args.handler(session, args)
    except AdvisorError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.admin", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    add = commands.add_parser("add-advisor", help="een adviseur toevoegen")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--expertise", default="", help="onderdelen, met komma's gescheiden")
    add.set_defaults(handler=_add_advisor)

    off = commands.add_parser("deactivate-advisor", help="geen nieuwe afspraken meer")
    off.add_argument("--email", required=True)
    off.set_defaults(handler=_deactivate)

    hours = commands.add_parser("set-hours", help="werktijden voor één weekdag vervangen")
    hours.add_argument("--email", required=True)
    hours.add_argument("--weekday", required=True, type=_weekday, help="ma..zo of 0..6")
    hours.add_argument("--start", help="UU:MM")
    hours.add_argument("--end", help="UU:MM")
    hours.add_argument("--off", action="store_true", help="deze weekdag niet werken")
    hours.set_defaults(handler=_set_hours)

    absence = commands.add_parser("add-absence", help="afwezigheid (vakantie, ziek) vastleggen")
    absence.add_argument("--email", required=True)
    absence.add_argument("--from", dest="start", required=True, help="JJJJ-MM-DD[TUU:MM]")
    absence.add_argument("--to", dest="end", required=True, help="JJJJ-MM-DD[TUU:MM]")
    absence.add_argument("--reason")
    absence.set_defaults(handler=_add_absence)

    listing = commands.add_parser("list-consultations", help="komende adviesgesprekken")
    listing.add_argument("--all", action="store_true", help="ook geannuleerde gesprekken")
    listing.add_argument("--show-contact", action="store_true", help="met contactgegevens")
    listing.set_defaults(handler=_list_consultations)

    seed = commands.add_parser("seed", help="drie voorbeeldadviseurs (veilig om te herhalen)")
    seed.set_defaults(handler=_seed)

    send = commands.add_parser("send-mail", help="e-mails in de wachtrij nu versturen")
    send.set_defaults(handler=_send_mail)

    portal = commands.add_parser("set-portal-password", help="inlog voor het adviseursportaal")
    portal.add_argument("--email", required=True)
    portal.add_argument(
        "--password-stdin", action="store_true", help="lees het wachtwoord van stdin (scripts)"
    )
    portal.set_defaults(handler=_set_portal_password)

    export = commands.add_parser(
        "export-user", help="alle gegevens van één persoon als JSON (inzageverzoek, AVG)"
    )
    export.add_argument("--email", required=True)
    export.add_argument("--out", help="schrijf naar dit bestand in plaats van naar het scherm")
    export.set_defaults(handler=_export_user)
    return parser


def _weekday(value: str) -> int:
    key = value.strip().lower()[:2]
    if key in WEEKDAYS:
        return WEEKDAYS[key]
    if value.strip().isdigit() and 0 <= int(value) <= 6:
        return int(value)
    raise argparse.ArgumentTypeError("gebruik ma, di, wo, do, vr, za, zo of 0 tot en met 6")


def _moment(value: str, *, end: bool) -> datetime:
    """A local date or date-time; a date alone means the whole day (the end day included)."""
    text = value.strip().replace(" ", "T")
    try:
        if _has_time(value):
            return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)
        day = date.fromisoformat(text)
    except ValueError:
        raise AdvisorError(
            f"'{value}' is geen datum. Schrijf JJJJ-MM-DD of JJJJ-MM-DDTUU:MM."
        ) from None
    if end:
        day += timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM)


def _has_time(value: str) -> bool:
    return "T" in value.strip().replace(" ", "T")


def _add_advisor(session: Session, args: argparse.Namespace) -> None:
    name = clean_name(args.name)
    if name is None:
        raise AdvisorError("Geef een naam van 2 tot 100 tekens.")
    email = check_email(args.email)
    if not email.ok:
        raise AdvisorError(f"'{args.email}' is geen geldig e-mailadres.")
    expertise = [item.strip() for item in args.expertise.split(",") if item.strip()]
    advisor = advisors.add_advisor(session, name, email.normalized, expertise)
    print(f"Adviseur toegevoegd: {advisor.name} ({advisor.email}).")
    print("Stel nu de werktijden in met set-hours, anders zijn er geen vrije tijden.")


def _deactivate(session: Session, args: argparse.Namespace) -> None:
    advisor = advisors.deactivate(session, args.email)
    print(f"{advisor.name} krijgt geen nieuwe afspraken meer. Geboekte gesprekken blijven staan.")


def _set_hours(session: Session, args: argparse.Namespace) -> None:
    advisor = advisors.require(session, args.email)
    day = DAY_NAMES[args.weekday]
    if args.off:
        advisors.set_hours(session, advisor, args.weekday, [])
        print(f"{advisor.name} werkt niet meer op {day}.")
        return
    if not args.start or not args.end:
        raise AdvisorError("Geef --start en --end (UU:MM), of --off voor een vrije dag.")
    advisors.set_hours(session, advisor, args.weekday, [(args.start, args.end)])
    print(f"Werktijden van {advisor.name} op {day}: {args.start} tot {args.end}.")


def _add_absence(session: Session, args: argparse.Namespace) -> None:
    advisor = advisors.require(session, args.email)
    start = _moment(args.start, end=False)
    end = _moment(args.end, end=True)
    advisors.add_absence(session, advisor, start, end, args.reason)
    if _has_time(args.end):
        until = f"tot {describe(end)}"
    else:
        until = f"t/m {describe_date(date.fromisoformat(args.end.strip()))}"
    print(f"Afwezigheid van {advisor.name}: {describe(start)} {until}.")
    clashes = session.execute(
        select(Consultation.reference).where(
            Consultation.advisor_id == advisor.id,
            Consultation.status == "booked",
            Consultation.start < end,
            Consultation.end > start,
        )
    ).scalars()
    references = list(clashes)
    if references:
        print(f"Let op: in die periode staan gesprekken geboekt: {', '.join(references)}.")


def _list_consultations(session: Session, args: argparse.Namespace) -> None:
    query = (
        select(Consultation, Advisor.name)
        .join(Advisor, Advisor.id == Consultation.advisor_id)
        .where(Consultation.start >= utcnow())
        .order_by(Consultation.start)
    )
    if not args.all:
        query = query.where(Consultation.status == "booked")
    rows = session.execute(query).all()
    if not rows:
        print("Er staan geen komende adviesgesprekken.")
        return
    for consultation, advisor_name in rows:
        line = [
            consultation.reference,
            describe(consultation.start, with_year=True),
            advisor_name,
            consultation.organisation,
            STATUS_NL.get(consultation.status, consultation.status),
        ]
        if args.show_contact:
            line += [consultation.contact_name, consultation.contact_email]
            line += [consultation.contact_phone or "-"]
        print(" | ".join(line))


def _seed(session: Session, args: argparse.Namespace) -> None:
    added, present = advisors.seed(session)
    for advisor in added:
        print(f"Toegevoegd: {advisor.name} ({', '.join(advisor.expertise)})")
    for advisor in present:
        print(f"Bestond al: {advisor.name}")


def _send_mail(session: Session, args: argparse.Namespace) -> None:
    counts = deliver_due(session)
    if not counts:
        print("Er staan geen e-mails klaar om te versturen.")
        return
    labels = {"sent": "verstuurd", "local": "bewaard (geen SMTP)", "pending": "later opnieuw"}
    labels["failed"] = "mislukt"
    print(", ".join(f"{labels.get(k, k)}: {n}" for k, n in sorted(counts.items())))


def _export_user(session: Session, args: argparse.Namespace) -> None:
    email = check_email(args.email)
    if not email.ok:
        raise AdvisorError(f"'{args.email}' is geen geldig e-mailadres.")
    data = json.dumps(export_user(session, email.normalized), ensure_ascii=False, indent=2)
    if not args.out:
        print(data)
        return
    Path(args.out).write_text(data + "\n", encoding="utf-8")
    print(f"Export geschreven naar {args.out}. Het bevat persoonsgegevens: deel het veilig.")


def _set_portal_password(session: Session, args: argparse.Namespace) -> None:
    from bot.portal.accounts import AccountError, set_password

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Nieuw wachtwoord (minstens 12 tekens): ")
        if getpass.getpass("Nog een keer: ") != password:
            raise AdvisorError("De twee wachtwoorden zijn niet gelijk.")
    try:
        advisor = set_password(session, args.email, password)
    except AccountError as exc:
        raise AdvisorError(str(exc)) from None
    print(f"{advisor.name} kan nu inloggen op het adviseursportaal.")


if __name__ == "__main__":
    sys.exit(main())
