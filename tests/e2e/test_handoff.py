"""The advisor handoff end to end: a booking after a scan gets a summary for the advisor, and
asking for a person in the middle of a scan is handed over (paused, then given back from the
portal) in office hours, or becomes a call-back request outside them."""

from __future__ import annotations

import os
import re
import uuid
from datetime import datetime, timezone

import requests
from sqlalchemy import select

from bot.db.session import session_scope
from bot.handoff.models import CallbackRequest, HandoffSummary
from bot.handoff.office_hours import is_open
from bot.portal.accounts import set_password
from bot.scheduling.models import Consultation, OutboxMessage
from tests.e2e.conftest import Chat

CODE = r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"  # a code as people see it: three groups of four

PORTAL_URL = os.environ.get("PORTAL_BASE_URL", "http://localhost:8090")
API_TOKEN = os.environ.get("ADVISOR_API_TOKEN", "")
ADVISOR = "sanne.devries@example.org"  # a seeded demo advisor (scripts/run.sh seeds them)
PASSWORD = "e2e portal wachtwoord 2026"
WORDS = "Ons budget is < 5.000 euro & niemand heeft tijd"


def scan_until_statements(chat: Chat, organisation: str) -> None:
    chat.say("ik wil weten hoe digitaal volwassen we zijn")
    chat.say(organisation)
    for value in [
        "museum",
        "11-50",
        "directie_mt",
        "fondsen",
        "subsidieaanvraag",
        "binnen_6_maanden",
    ]:
        chat.press(value)
    assert "Vraag 1 van 20" in chat.text, chat.text


def test_a_booking_after_a_scan_gives_the_advisor_a_summary(chat):
    organisation = f"Museum Overdracht {uuid.uuid4().hex[:6]}"
    scan_until_statements(chat, organisation)
    for number in range(20):
        chat.press("1" if number < 4 else "4")  # strategy & budget weakest
    assert "Wat houdt jullie nu het meest tegen" in chat.text
    chat.say(WORDS)
    assert "Hier is jullie digitale profiel" in chat.text
    chat.say("ik wil een adviesgesprek inplannen")
    times = [
        b["payload"]
        for r in chat.replies
        for b in r.get("buttons", [])
        if '"answer": "20' in b["payload"]
    ]
    chat.say(times[0])
    chat.say("Eva Overdracht")
    chat.say("eva@museum-overdracht.nl")
    chat.press("none")
    chat.press("video")
    chat.press("yes")
    assert organisation in chat.text  # prefilled from the scan
    chat.press("yes")
    code = re.search(r"afspraakcode is (DEN-" + CODE + ")", chat.text).group(1)

    with session_scope() as session:
        consultation = session.execute(
            select(Consultation).where(Consultation.reference == code)
        ).scalar_one()
        record = session.execute(
            select(HandoffSummary).where(HandoffSummary.consultation_id == consultation.id)
        ).scalar_one()
        assert record.conversation_id == chat.sender
        assert f"Code: {code}" in record.body_text and WORDS in record.body_text
        assert "Zwakste onderdeel: Strategie & budget" in record.body_text
        assert "is &lt; 5.000 euro &amp; niemand" in record.body_html
        deliveries = (
            session.execute(select(OutboxMessage).where(OutboxMessage.summary_id == record.id))
            .scalars()
            .all()
        )
        assert [m.recipient for m in deliveries] == [consultation.advisor.email]

    reply = requests.get(
        f"{PORTAL_URL}/api/consultations",
        params={"status": "booked"},
        headers={"Authorization": f"Bearer {API_TOKEN}"},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    item = next(c for c in reply.json()["consultations"] if c["reference"] == code)
    assert item["organisation"] == organisation and item["contact"]["name"] == "Eva Overdracht"
    assert item["summary"]["weakest"]["component"] == "strategie_budget"
    assert item["summary"]["own_words"][0]["answer"] == WORDS
    assert item["summary"]["pathways"] and item["start"].endswith(("+01:00", "+02:00"))


def portal_login() -> requests.Session:
    with session_scope() as session:
        set_password(session, ADVISOR, PASSWORD)
    browser = requests.Session()
    form = browser.get(f"{PORTAL_URL}/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    reply = browser.post(
        f"{PORTAL_URL}/login",
        data={"email": ADVISOR, "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    assert reply.status_code == 200 and "Adviesgesprekken" in reply.text
    return browser


def give_contact_details(chat: Chat, name: str) -> None:
    assert "Wat is je naam?" in chat.text, chat.text
    chat.say(name)
    assert "Typ je telefoonnummer of je e-mailadres" in chat.text
    chat.say("dat weet ik niet")  # neither: asked again
    assert "Dat herken ik niet" in chat.text
    chat.say("06 12345678")
    assert "Waarover wil je een adviseur spreken?" in chat.text
    chat.say("Onze <b>subsidieaanvraag</b> en digitaal")
    assert "Mogen we je naam en contactgegevens bewaren" in chat.text
    chat.press("yes")


def test_asking_for_a_person_in_the_middle_of_the_scan(chat):
    name = f"Noor {uuid.uuid4().hex[:6]}"
    scan_until_statements(chat, "Archief Mens Gevraagd")
    chat.press("2")
    chat.press("1")
    chat.say("ik wil een mens spreken")
    assert "Ik heb je antwoorden bewaard" in chat.text  # the scan is closed cleanly first
    if is_open(datetime.now(timezone.utc)):
        assert "Ik breng je met een van hen in contact" in chat.text
        give_contact_details(chat, name)
        assert "Ik heb een adviseur van DEN gewaarschuwd" in chat.text
        assert "via +31612345678" in chat.text
        assert chat.say("hallo? is daar iemand?") == []  # paused: the assistant is silent
        with session_scope() as session:
            request = session.execute(
                select(CallbackRequest).where(CallbackRequest.conversation_id == chat.sender)
            ).scalar_one()
            assert (request.kind, request.paused, request.status) == ("handover", True, "open")
            record = session.execute(
                select(HandoffSummary).where(HandoffSummary.callback_id == request.id)
            ).scalar_one()
            assert "Archief Mens Gevraagd" in record.body_text
            assert "(scan nog niet af: tot nu toe)" in record.body_text
            request_id = request.id
        browser = portal_login()
        listing = browser.get(f"{PORTAL_URL}/verzoeken", timeout=30).text
        assert name in listing and "Nu overnemen" in listing
        page = browser.get(f"{PORTAL_URL}/verzoeken/{request_id}", timeout=30).text
        assert "Onze subsidieaanvraag en digitaal" in page and "Staat stil" in page
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        done = browser.post(
            f"{PORTAL_URL}/verzoeken/{request_id}/afgehandeld",
            data={"csrf_token": token},
            timeout=30,
        )
        assert "De chat is weer vrijgegeven" in done.text
        chat.say("verder met de scan")
        assert "We gaan verder waar je was gebleven" in chat.text
        assert "Vraag 3 van 20" in chat.text  # the two answers were kept
    else:
        assert "niemand van DEN bereikbaar" in chat.text
        assert chat.buttons == ["Adviesgesprek plannen", "Bel of mail me terug"]
        chat.say('/request_human{"answer": "callback"}')
        give_contact_details(chat, name)
        assert "Je verzoek staat genoteerd" in chat.text and "vanaf" in chat.text
        chat.say("hoi")
        assert "assistent van DEN" in chat.text  # not paused
        with session_scope() as session:
            request = session.execute(
                select(CallbackRequest).where(CallbackRequest.conversation_id == chat.sender)
            ).scalar_one()
            assert (request.kind, request.paused) == ("callback", False)
        listing = portal_login().get(f"{PORTAL_URL}/verzoeken", timeout=30).text
        assert name in listing and "Terugbellen" in listing


def test_without_consent_nothing_is_kept(chat):
    chat.say("kan ik iemand van DEN spreken?")
    if not is_open(datetime.now(timezone.utc)):
        chat.say('/request_human{"answer": "callback"}')
    chat.say("Iemand Zonder Toestemming")
    chat.say("iemand@zonder-toestemming.nl")
    chat.press("none")
    chat.press("no")
    assert "Ik heb niets van je bewaard" in chat.text
    with session_scope() as session:
        assert (
            session.execute(
                select(CallbackRequest).where(CallbackRequest.conversation_id == chat.sender)
            ).first()
            is None
        )
