"""The advisor portal in a real headless Chromium: sign in, the list, a summary, mark done, and
a name with <script> that stays text. Runs against the portal of the running test stack."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.session import session_scope
from bot.handoff.service import create_booking_summary
from bot.portal.accounts import set_password
from bot.scheduling import advisors
from bot.scheduling.booking import new_reference
from bot.scheduling.models import Consultation
from bot.scheduling.slots import AMSTERDAM

PORTAL_URL = os.environ.get("PORTAL_BASE_URL", "http://localhost:8090")
TIMEOUT = 30_000
PASSWORD = "browser portal wachtwoord"
SCRIPT_NAME = "<script>alert('xss')</script> Browser"


@pytest.fixture()
def advisor_with_consultations():
    email = f"browser-{uuid.uuid4().hex[:8]}@example.org"
    tomorrow = (datetime.now(AMSTERDAM) + timedelta(days=1)).date()
    start = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, tzinfo=AMSTERDAM)
    with session_scope() as session:
        advisor = advisors.add_advisor(session, "Browser Adviseur", email, [])
        set_password(session, email, PASSWORD)
        references = []
        for offset, (name, organisation) in enumerate(
            [(SCRIPT_NAME, "Museum <i>Script</i>"), ("Gewone Naam", "Archief Gewoon")]
        ):
            consultation = Consultation(
                reference=new_reference(),
                advisor_id=advisor.id,
                start=start + timedelta(hours=offset * 2),
                end=start + timedelta(hours=offset * 2 + 1),
                mode="video",
                organisation=organisation,
                contact_name=name,
                contact_email="browser@example.org",
                topic="Adviesgesprek",
                status="booked",
                consent=True,
                sequence=0,
            )
            session.add(consultation)
            session.flush()
            create_booking_summary(session, consultation)
            references.append(consultation.reference)
    return email, references


def sign_in(page, email: str) -> None:
    page.goto(PORTAL_URL + "/gesprekken")
    page.wait_for_selector("h1:has-text('Inloggen')", timeout=TIMEOUT)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Adviesgesprekken')", timeout=TIMEOUT)


def test_sign_in_list_open_summary_mark_done_and_script_stays_text(
    page, advisor_with_consultations
):
    email, (script_ref, plain_ref) = advisor_with_consultations
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(PORTAL_URL + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("niet het wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    assert "klopt niet" in page.get_by_role("alert").inner_text()

    sign_in(page, email)
    table = page.get_by_role("table")
    assert script_ref in table.inner_text() and plain_ref in table.inner_text()
    row = page.get_by_role("row").filter(has_text=script_ref)
    assert SCRIPT_NAME in row.inner_text()  # shown literally, as text
    assert "Museum <i>Script</i>" in row.inner_text()
    assert page.locator("table script").count() == 0 and page.locator("table i").count() == 0

    row.get_by_role("link").click()
    page.wait_for_selector(f"h1:has-text('{script_ref}')", timeout=TIMEOUT)
    assert page.get_by_role("heading", name="Samenvatting", exact=True).is_visible()
    assert page.get_by_role("heading", name="Verzending van de samenvatting").is_visible()
    assert SCRIPT_NAME in page.locator("main").inner_text()
    assert page.locator("main script").count() == 0

    button = page.get_by_role("button", name="Markeer als afgerond")
    button.focus()
    page.keyboard.press("Enter")  # keyboard only
    page.wait_for_selector("text=Het gesprek staat nu op afgerond.", timeout=TIMEOUT)
    assert page.get_by_role("button", name="Markeer als afgerond").count() == 0
    page.screenshot(path="results/portal-consultation.png", full_page=True)

    page.get_by_role("link", name="← Terug naar de gesprekken").click()
    page.wait_for_selector("h1:has-text('Adviesgesprekken')", timeout=TIMEOUT)
    assert script_ref not in page.get_by_role("table").inner_text()  # done: not in "Gepland"
    assert plain_ref in page.get_by_role("table").inner_text()
    assert dialogs == []  # no script ever ran
    with session_scope() as session:
        status = session.execute(
            select(Consultation.status).where(Consultation.reference == script_ref)
        ).scalar_one()
    assert status == "done"


def test_the_skip_link_is_the_first_tab_stop_and_the_menu_marks_the_page(
    page, advisor_with_consultations
):
    email, _ = advisor_with_consultations
    sign_in(page, email)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Direct naar de inhoud"
    current = page.locator("nav a[aria-current='page']")
    assert current.inner_text() == "Gesprekken"
    page.get_by_role("link", name="Mijn rooster").click()
    page.wait_for_selector("h1:has-text('Mijn rooster')", timeout=TIMEOUT)
    assert page.get_by_label("Dag", exact=True).is_visible()
    assert page.get_by_label("Eerste dag", exact=True).is_visible()
