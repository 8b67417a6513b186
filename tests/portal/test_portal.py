"""The advisor portal over HTTP: sign-in, sessions, CSRF, the pages, mark done, CSV, escaping."""

from __future__ import annotations

import csv
import io
import re

import requests

from tests.portal.conftest import PASSWORD, SCRIPT_NAME, FakeRasa, csrf_of
from tests.source_address import browser_at


def test_pages_need_a_login_and_say_where_to_go_back(portal):
    for path in (
        "/gesprekken",
        f"/gesprekken/{portal.ids['with_scan']}",
        "/rooster",
        "/verzoeken",
        "/outbox",
        "/gesprekken.csv",
    ):
        reply = requests.get(portal.url + path, allow_redirects=False)
        assert reply.status_code == 302, path
        assert reply.headers["Location"] == f"/login?next={path}"


def test_wrong_password_is_refused_with_a_dutch_message(portal):
    browser = requests.Session()
    form = browser.get(f"{portal.url}/login")
    reply = browser.post(
        f"{portal.url}/login",
        data={"email": "sanne@den.example", "password": "fout", "csrf_token": csrf_of(form.text)},
    )
    assert reply.status_code == 401
    assert "Dat e-mailadres of wachtwoord klopt niet" in reply.text
    assert "den_portal=" not in reply.headers.get("Set-Cookie", "").replace("den_portal_login", "")


def test_login_without_the_form_token_is_refused(portal):
    reply = requests.post(
        f"{portal.url}/login", data={"email": "sanne@den.example", "password": PASSWORD}
    )
    assert reply.status_code == 403 and "verlopen" in reply.text


def try_login(browser, portal, email, password):
    form = browser.get(f"{portal.url}/login")
    return browser.post(
        f"{portal.url}/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(form.text)},
        allow_redirects=False,
    )


def test_twenty_wrong_passwords_slow_that_address_and_never_lock_the_advisor_out(portal):
    attacker = browser_at("127.0.0.5")
    statuses = [
        try_login(attacker, portal, "joris@den.example", "nope").status_code for _ in range(20)
    ]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}
    refused = try_login(attacker, portal, "joris@den.example", PASSWORD)
    assert refused.status_code == 429 and "Te veel pogingen" in refused.text  # no check at all
    advisor = try_login(browser_at("127.0.0.6"), portal, "joris@den.example", PASSWORD)
    assert advisor.status_code == 302  # the advisor, from their own address, gets in


def test_session_cookie_is_httponly_and_pages_carry_security_headers(portal):
    browser = requests.Session()
    form = browser.get(f"{portal.url}/login")
    reply = browser.post(
        f"{portal.url}/login",
        data={"email": "SANNE@den.example", "password": PASSWORD, "csrf_token": csrf_of(form.text)},
        allow_redirects=False,
    )
    cookie = reply.headers["Set-Cookie"]
    assert "den_portal=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = browser.get(f"{portal.url}/gesprekken")
    assert "script-src 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["Cache-Control"] == "no-store"


def test_list_shows_my_upcoming_booked_consultations_by_default(portal):
    page = portal.login().get(f"{portal.url}/gesprekken")
    assert page.status_code == 200
    assert "DEN-AAA111" in page.text and "DEN-BBB222" in page.text
    assert "DEN-CCC333" not in page.text  # cancelled
    assert "DEN-DDD444" not in page.text  # another advisor
    assert "DEN-EEE555" not in page.text  # in the past
    all_of_them = portal.login().get(f"{portal.url}/gesprekken?wie=alle&status=alle")
    for code in ("DEN-AAA111", "DEN-BBB222", "DEN-CCC333", "DEN-DDD444"):
        assert code in all_of_them.text


def test_a_name_with_markup_is_shown_as_text_everywhere(portal):
    browser = portal.login()
    listing = browser.get(f"{portal.url}/gesprekken").text
    detail = browser.get(f"{portal.url}/gesprekken/{portal.ids['script']}").text
    for html in (listing, detail):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; de Vries" in html
        assert "&lt;b&gt;Theater&lt;/b&gt; &amp; Co" in html


def test_detail_shows_the_summary_and_its_delivery_state(portal):
    page = portal.login().get(f"{portal.url}/gesprekken/{portal.ids['with_scan']}").text
    assert "Gesprek DEN-AAA111: Museum Gouda" in page
    assert "Strategie &amp; budget (zwakste)" in page
    assert "Schrijf een digitale strategie in 5 stappen" in page
    assert "Ons geld komt alleen uit projecten &amp; niemand heeft &lt;tijd&gt;" in page
    assert "Subsidieaanvraag (binnen 6 maanden)" in page
    assert "sanne@den.example" in page and "Wacht op verzending" in page  # no worker ran yet


def test_mark_done_needs_the_csrf_token_then_works(portal):
    browser = portal.login()
    target = f"{portal.url}/gesprekken/{portal.ids['with_scan']}"
    forged = browser.post(f"{target}/afgerond", data={"csrf_token": "guess"})
    assert forged.status_code == 403
    assert "Gepland" in browser.get(target).text
    token = csrf_of(browser.get(target).text)
    done = browser.post(f"{target}/afgerond", data={"csrf_token": token})
    assert done.status_code == 200 and "Het gesprek staat nu op afgerond." in done.text
    assert "Markeer als afgerond" not in done.text
    assert "DEN-AAA111" not in browser.get(f"{portal.url}/gesprekken").text  # not booked now
    assert "DEN-AAA111" in browser.get(f"{portal.url}/gesprekken?status=done").text


def test_csv_export_has_the_list_and_defuses_formulas(portal):
    browser = portal.login()
    reply = browser.get(f"{portal.url}/gesprekken.csv?wie=alle&status=alle")
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in reply.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["referentie", "start", "einde"]
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == {"DEN-AAA111", "DEN-BBB222", "DEN-CCC333", "DEN-DDD444"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:00:00\+0[12]:00", by_code["DEN-DDD444"][1])
    assert by_code["DEN-AAA111"][10] == "Strategie & budget"
    assert by_code["DEN-BBB222"][7] == SCRIPT_NAME  # CSV is not HTML: kept as typed


def test_own_hours_and_absences_can_be_managed(portal):
    browser = portal.login()
    page = browser.get(f"{portal.url}/rooster")
    token = csrf_of(page.text)
    saved = browser.post(
        f"{portal.url}/rooster/uren",
        data={"csrf_token": token, "weekday": "5", "start": "10:00", "end": "14:00"},
    )
    assert "Werktijden op zaterdag: 10:00 tot 14:00." in saved.text
    assert "10:00 tot 14:00" in saved.text
    wrong = browser.post(
        f"{portal.url}/rooster/uren",
        data={"csrf_token": token, "weekday": "5", "start": "15:00", "end": "14:00"},
    )
    assert "moet voor de eindtijd" in wrong.text
    absent = browser.post(
        f"{portal.url}/rooster/afwezigheid",
        data={
            "csrf_token": token,
            "van": "2031-07-01",
            "tot": "2031-07-14",
            "reason": "Vakantie <3",
        },
    )
    assert "Afwezigheid vastgelegd van 01-07-2031 tot en met 14-07-2031." in absent.text
    assert "Vakantie &lt;3" in absent.text
    bad = browser.post(
        f"{portal.url}/rooster/afwezigheid", data={"csrf_token": token, "van": "morgen"}
    )
    assert "Vul een datum in als JJJJ-MM-DD." in bad.text


def test_handover_request_is_listed_and_done_gives_the_chat_back(portal):
    browser = portal.login()
    listing = browser.get(f"{portal.url}/verzoeken").text
    assert "Eva &lt;i&gt;Smit&lt;/i&gt;" in listing and "Nu overnemen" in listing
    target = f"{portal.url}/verzoeken/{portal.ids['handover']}"
    page = browser.get(target).text
    assert "Ik wil hulp bij onderzoek" not in page
    assert "Ik wil hulp bij onze subsidieaanvraag" in page and "Staat stil" in page
    FakeRasa.calls.clear()
    done = browser.post(f"{target}/afgehandeld", data={"csrf_token": csrf_of(page)})
    assert "De chat is weer vrijgegeven" in done.text
    assert FakeRasa.calls == [
        {
            "path": "/conversations/paused-conversation-1/tracker/events"
            "?token=rasa-secret&include_events=NONE",
            "body": [{"event": "resume"}, {"event": "action", "name": "action_listen"}],
        }
    ]
    assert "Eva" not in browser.get(f"{portal.url}/verzoeken").text  # no longer open


def test_outbox_lists_messages_that_stay_local_without_smtp(portal):
    browser = portal.login()
    page = browser.get(f"{portal.url}/outbox").text
    assert "Samenvatting voor adviseur" in page and "sanne@den.example" in page
    first = re.search(r'href="/outbox/(\d+)"', page).group(1)
    message = browser.get(f"{portal.url}/outbox/{first}").text
    assert '<pre class="mail">' in message


def test_logout_ends_the_session(portal):
    browser = portal.login()
    page = browser.get(f"{portal.url}/gesprekken")
    browser.post(f"{portal.url}/logout", data={"csrf_token": csrf_of(page.text)})
    again = browser.get(f"{portal.url}/gesprekken", allow_redirects=False)
    assert again.status_code == 302


def test_unknown_pages_and_ids_get_a_friendly_404(portal):
    browser = portal.login()
    assert browser.get(f"{portal.url}/gesprekken/999999").status_code == 404
    missing = browser.get(f"{portal.url}/bestaat-niet")
    assert missing.status_code == 404 and "bestaat niet" in missing.text
    weird = browser.get(f"{portal.url}/gesprekken?van=%F0%9F%98%80&tot=<script>")
    assert (
        weird.status_code == 200 and "is geen datum" in weird.text and "<script>" not in weird.text
    )


def test_the_logbook_shows_logins_failures_views_and_exports_without_personal_data(portal):
    try_login(browser_at("127.0.0.7"), portal, "sanne@den.example", "verkeerd wachtwoord")
    browser = portal.login()
    browser.get(f"{portal.url}/gesprekken/{portal.ids['with_scan']}")
    browser.get(f"{portal.url}/gesprekken.csv")
    page = browser.get(f"{portal.url}/logboek")
    assert page.status_code == 200
    for what in ("Inloggen mislukt", "Ingelogd", "Gesprek bekeken", "Gesprekken geëxporteerd"):
        assert what in page.text, what
    assert f"consultation:{portal.ids['with_scan']}" in page.text
    assert "verkeerd wachtwoord" not in page.text and "127.0.0.7" not in page.text
    assert "jan@museumgouda.example" not in page.text
