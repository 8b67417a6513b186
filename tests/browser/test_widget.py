"""The website widget on the demo page, in a real headless Chromium, over Rasa's socket.io channel.

Greeting with the privacy note, scan questions answered with buttons and with free text, keyboard
use and focus, a reload that continues the same conversation, and axe-core (WCAG 2.1 A/AA rules
plus best practices) with zero violations in every state the test passes through. The axe
results are written to results/axe-widget.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

import pytest

from tests.browser.conftest import WEB_URL

TIMEOUT = 30_000
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "bot" / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RESULTS = ROOT / "results"
_axe_log: List[Dict] = []


def axe_violations(page, state: str) -> List[Dict]:
    """Run axe-core in the page; return the violations (and log the counts for the report)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]
    _axe_log.append(
        {
            "state": state,
            "axe": result["testEngine"]["version"],
            "passes": len(result["passes"]),
            "violations": violations,
            "incomplete": [
                {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
                for v in result["incomplete"]
            ],
        }
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "axe-widget.json").write_text(json.dumps(_axe_log, indent=2))
    return violations


def bot_text(page) -> str:
    return "\n".join(page.locator(".den-chat__msg--bot").all_inner_texts())


def user_text(page) -> str:
    return "\n".join(page.locator(".den-chat__msg--user").all_inner_texts())


def active(page) -> Dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, cls: document.activeElement.className,"
        " text: document.activeElement.textContent})"
    )


def reply(page, title: str):
    return page.locator(".den-chat__replies").get_by_role("button", name=title, exact=True)


@pytest.fixture()
def demo(page):
    page.goto(WEB_URL + "/")
    return page


def test_widget_scan_by_buttons_and_text_survives_a_reload(demo):
    page = demo
    assert axe_violations(page, "demo page, widget closed") == []

    launcher = page.get_by_role("button", name="Chat met de DEN-assistent")
    launcher.focus()
    page.keyboard.press("Enter")  # keyboard only
    assert active(page)["id"] == "den-chat-input"
    page.wait_for_selector(".den-chat__msg--bot >> text=assistent van DEN", timeout=TIMEOUT)
    page.wait_for_selector(".den-chat__msg--bot >> text=verwijder mijn gegevens", timeout=TIMEOUT)
    assert user_text(page) == ""  # the greeting was asked for silently
    dialog = page.get_by_role("dialog", name="DEN-adviesassistent")
    assert (
        page.locator(".den-chat__tools")
        .get_by_role("button", name="Praat met een adviseur")
        .is_visible()
    )
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert axe_violations(page, "widget open, greeting with buttons") == []

    reply(page, "Start de scan").click()
    page.wait_for_selector("text=Hoe heet jullie organisatie?", timeout=TIMEOUT)
    assert active(page)["id"] == "den-chat-input"  # focus never lost on a removed button

    # free text
    page.get_by_label("Je bericht").fill("Museum de Widget")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Wat voor instelling zijn jullie?", timeout=TIMEOUT)
    assert active(page)["id"] == "den-chat-input"  # typing keeps the focus in the field

    # a button, with the keyboard: Shift+Tab from the field reaches the answer buttons
    museum = reply(page, "Museum")
    museum.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Hoeveel mensen werken er bij jullie", timeout=TIMEOUT)
    # after answering with a button, focus moves to the next question's first answer button
    page.wait_for_function("document.activeElement.classList.contains('den-chat__reply')")
    assert active(page)["text"] == "1 tot 10 fte"

    # a second button, by mouse
    reply(page, "11 tot 50 fte").click()
    page.wait_for_selector("text=Wat is jouw rol in de organisatie?", timeout=TIMEOUT)
    assert "Museum de Widget" in user_text(page)
    assert axe_violations(page, "mid-scan, with answer buttons") == []
    session = page.evaluate("localStorage.getItem('den-chat:session')")

    page.reload()
    # the widget reopens with the conversation so far and the open question's buttons
    page.wait_for_selector("text=Wat is jouw rol in de organisatie?", timeout=TIMEOUT)
    assert "Museum de Widget" in user_text(page)
    assert page.evaluate("localStorage.getItem('den-chat:session')") == session
    assert page.locator(".den-chat__replies").count() == 1  # only the open question's buttons
    reply(page, "Directie of MT").click()
    # the same conversation goes on: Rasa answers the next profile question
    page.wait_for_selector("text=Waar komt jullie geld vooral vandaan?", timeout=TIMEOUT)
    assert axe_violations(page, "after reload, conversation continued") == []
    page.screenshot(path=str(RESULTS / "widget.png"), full_page=True)

    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert active(page)["text"].strip().endswith("Chat met de DEN-assistent")


def test_widget_talk_to_an_advisor_and_start_over(demo):
    page = demo
    page.get_by_role("button", name="Start het gesprek").click()
    page.wait_for_selector(".den-chat__msg--bot >> text=assistent van DEN", timeout=TIMEOUT)
    greeting_bubbles = page.locator(".den-chat__msg--bot").count()
    page.evaluate(  # record what the typing indicator says (it is gone by the time we look)
        """() => { window.typingSeen = [];
        new MutationObserver(() => window.typingSeen.push(
            document.querySelector('.den-chat__typing').textContent))
          .observe(document.querySelector('.den-chat__typing'),
                   {childList: true, characterData: true, subtree: true}); }"""
    )

    page.locator(".den-chat__tools").get_by_role("button", name="Praat met een adviseur").click()
    page.wait_for_selector(".den-chat__msg--user >> text=Ik wil met een adviseur praten")
    page.wait_for_function(
        "n => document.querySelectorAll('.den-chat__msg--bot').length > n",
        arg=greeting_bubbles,
        timeout=TIMEOUT,
    )
    # gone once it answered (the greeting's last bubbles may still arrive first: wait, bounded)
    page.wait_for_function(
        "() => document.querySelector('.den-chat__typing').textContent === ''", timeout=TIMEOUT
    )
    answer = page.locator(".den-chat__msg--bot").last.inner_text()
    assert "De assistent typt…" in page.evaluate("window.typingSeen")
    assert "DEN" in answer or "adviseur" in answer

    first_session = page.evaluate("localStorage.getItem('den-chat:session')")
    page.get_by_role("button", name="Nieuw gesprek").click()
    page.wait_for_selector(".den-chat__msg--bot >> text=assistent van DEN", timeout=TIMEOUT)
    assert user_text(page) == ""
    assert page.evaluate("localStorage.getItem('den-chat:session')") != first_session


def test_widget_shows_links_as_links_and_escapes_what_was_typed(demo):
    page = demo
    page.get_by_role("button", name="Chat met de DEN-assistent").click()
    page.wait_for_selector(".den-chat__msg--bot >> text=assistent van DEN", timeout=TIMEOUT)
    page.get_by_label("Je bericht").fill("<img src=x onerror=alert(1)><b>vet</b>")
    page.keyboard.press("Enter")
    page.get_by_label("Je bericht").fill("wat is digitale transformatie?")
    page.keyboard.press("Enter")
    link = page.locator(".den-chat__msg--bot a[href^='https://']").first
    link.wait_for(timeout=TIMEOUT)
    assert "nieuw tabblad" in link.inner_text()
    assert page.locator(".den-chat__msg--user img, .den-chat__msg--user b").count() == 0
    assert "<img src=x onerror=alert(1)><b>vet</b>" in user_text(page)
    assert axe_violations(page, "answer with a link") == []


def test_widget_whole_scan_ends_with_the_radar_chart(demo):
    page = demo
    page.get_by_role("button", name="Start het gesprek").click()
    reply(page, "Start de scan").click()
    page.wait_for_selector("text=Hoe heet jullie organisatie?", timeout=TIMEOUT)
    page.get_by_label("Je bericht").fill("Archief van de Grafiek")
    page.keyboard.press("Enter")
    for title in ["Archief", "1 tot 10 fte", "Collectie", "Fondsen", "Nee, niets bijzonders"]:
        reply(page, title).click()
    for number in range(1, 21):
        page.wait_for_selector(f"text=Vraag {number} van 20", timeout=TIMEOUT)
        reply(
            page, ["1 · Helemaal niet", "3 · Voor een deel", "4 · Grotendeels"][number % 3]
        ).click()
    page.wait_for_selector("text=Wat houdt jullie nu het meest tegen", timeout=TIMEOUT)
    page.get_by_label("Je bericht").fill("Te weinig tijd en geen vast budget.")
    page.keyboard.press("Enter")
    chart = page.locator(".den-chat__msg--bot img.den-chat__image")
    chart.wait_for(timeout=TIMEOUT)
    assert "Radargrafiek" in chart.get_attribute("alt")
    page.wait_for_function(
        "document.querySelector('.den-chat__image').naturalWidth > 0", timeout=TIMEOUT
    )
    assert page.locator(".den-chat__msg--bot a[href*='/scan/']").count() >= 1
    assert axe_violations(page, "scan result with the radar chart") == []
    page.locator(".den-chat__image").scroll_into_view_if_needed()
    page.screenshot(path=str(RESULTS / "widget-chart.png"))
