"""The simple chat page (/chat, REST channel) in a real browser: greeting, buttons, a reload."""

from __future__ import annotations

from tests.browser.conftest import WEB_URL

TIMEOUT = 30_000


def bot_text(page) -> str:
    return "\n".join(page.locator(".msg.bot").all_inner_texts())


def test_greet_start_scan_answer_and_reload(page):
    page.goto(WEB_URL + "/chat")
    page.wait_for_selector("text=assistent van DEN", timeout=TIMEOUT)
    assert "verwijder mijn gegevens" in bot_text(page)

    page.get_by_role("button", name="Start de scan").click()
    page.wait_for_selector("text=Hoe heet jullie organisatie?", timeout=TIMEOUT)

    page.get_by_label("Je bericht").fill("Museum in de Browser")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Wat voor instelling zijn jullie?", timeout=TIMEOUT)
    page.get_by_role("button", name="Museum").click()
    page.wait_for_selector("text=Hoeveel mensen werken er bij jullie", timeout=TIMEOUT)

    page.reload()
    # the page shows the conversation so far, with the open question's buttons, and goes on
    page.wait_for_selector("text=Hoeveel mensen werken er bij jullie", timeout=TIMEOUT)
    assert "Museum in de Browser" in "\n".join(page.locator(".msg.user").all_inner_texts())
    page.get_by_role("button", name="11 tot 50 fte").click()
    page.wait_for_selector("text=Wat is jouw rol in de organisatie?", timeout=TIMEOUT)
    page.get_by_label("Je bericht").fill("verder met de scan")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=We gaan verder waar je was gebleven", timeout=TIMEOUT)
    page.screenshot(path="results/chat-page.png", full_page=True)
