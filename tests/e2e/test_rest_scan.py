"""Whole scans through the REST channel: buttons only, free text only, mixed with interruptions."""

from __future__ import annotations

import re

import pytest
import requests

from tests.e2e.conftest import Chat

CODE = r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"  # a code as people see it: three groups of four

PROFILE_BUTTONS = ["museum", "11-50", "digitaal_marketing", "fondsen", "geen"]


def start(chat: Chat, organisation: str) -> None:
    chat.say("ik wil weten hoe digitaal volwassen we zijn")
    assert "Hoe heet jullie organisatie?" in chat.text
    chat.say(organisation)
    assert "Wat voor instelling zijn jullie?" in chat.text
    assert "Museum" in chat.buttons


def answer_typed(chat: Chat, text: str) -> None:
    """Type an answer as a user would, and settle a check the way the user meant it: yes to
    "Klopt dat?", the likelier of two offered values (the first button)."""
    chat.say(text)
    if "Klopt dat?" in chat.text:
        chat.say("ja")
    elif "Bedoel je" in chat.text:
        chat.say(chat.buttons[0])


def results_link(chat: Chat) -> str:
    match = re.search(r"(http://\S+/scan/[0-9a-f]+)", chat.text)
    assert match, chat.text
    return match.group(1)


def test_greeting_is_dutch_with_privacy_note(chat):
    chat.say("hoi")
    assert "assistent van DEN" in chat.text
    assert "gegevens" in chat.text and "verwijder mijn gegevens" in chat.text
    assert "Start de scan" in chat.buttons


def test_scan_with_buttons_only(chat):
    start(chat, "Museum Knoppen")
    for value in PROFILE_BUTTONS:
        chat.press(value)
    assert "Vraag 1 van 20 · Strategie & budget" in chat.text
    assert chat.buttons[:2] == ["1 · Helemaal niet", "2 · Hier en daar"]
    assert "Weet ik niet" in chat.buttons
    for number in range(20):
        if number == 6:
            assert "Vraag 7 van 20 · Cultuur & competenties" in chat.text
        chat.press(str(1 + number % 5))
    assert "Wat houdt jullie nu het meest tegen" in chat.text
    chat.say("/skip_question")
    assert "Hier is jullie digitale profiel" in chat.text
    assert "DEN Dashboard Digitale Transformatie, stand 2025" in chat.text
    assert len(chat.images) == 1
    chart = requests.get(chat.images[0], timeout=30)
    assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
    page = requests.get(results_link(chat), timeout=30)
    assert page.status_code == 200 and "Museum Knoppen" in page.text


def test_scan_with_free_text_only(chat):
    chat.say("kan ik de scan doen?")
    chat.say("Theater de Vrije Tekst")
    for reply in [
        "we zijn een schouwburg",
        "ongeveer 40 fte",
        "ik ben de directeur",
        "vooral van de gemeente",
        "nee, niets bijzonders",
    ]:
        answer_typed(chat, reply)
        assert "niet goed plaatsen" not in chat.text, reply
    assert "Vraag 1 van 20" in chat.text
    answers = [
        "nee, totaal niet",
        "we zijn er net mee begonnen",
        "deels",
        "grotendeels",
        "ja, volledig geregeld",
        "drie",
    ] * 4
    for number, answer in enumerate(answers[:20], start=1):
        assert f"Vraag {number} van 20" in chat.text, (answer, chat.text)
        answer_typed(chat, answer)
    chat.say("Er is te weinig tijd en geen vast budget.")
    assert "Hier is jullie digitale profiel" in chat.text
    page = requests.get(results_link(chat), timeout=30)
    assert "Theater de Vrije Tekst" in page.text


def test_unsure_answer_is_checked_with_the_user(chat):
    start(chat, "Museum Twijfel")
    for value in PROFILE_BUTTONS:
        chat.press(value)
    # Short, vague replies: at least one of them is checked before it is stored.
    for reply in ["ja", "redelijk", "best wel", "soms wel"]:
        chat.say(reply)
        if "Klopt dat?" in chat.text or "Bedoel je" in chat.text:
            break
        chat.say("ik wil mijn vorige antwoord aanpassen")
    assert "Klopt dat?" in chat.text or "Bedoel je" in chat.text
    assert "Vraag 1 van 20" not in chat.text  # nothing stored yet
    chat.say("nee")
    assert "Vraag 1 van 20" in chat.text
    chat.press("3")
    assert "Vraag 2 van 20" in chat.text


def test_why_skip_back_and_quick_question_keep_the_scan_going(chat):
    start(chat, "Archief Onderbreking")
    for value in PROFILE_BUTTONS:
        chat.press(value)
    chat.say("waarom vraag je dit?")
    assert "Waarom ik dit vraag" in chat.text and "Vraag 1 van 20" in chat.text
    chat.say("sla deze maar over")
    assert "slaan we over" in chat.text and "Vraag 2 van 20" in chat.text
    chat.press("4")
    assert "Vraag 3 van 20" in chat.text
    chat.say("ik wil mijn vorige antwoord aanpassen")
    assert "4 · Grotendeels" in chat.text and "Vraag 2 van 20" in chat.text
    chat.press("2")
    chat.say("wat kost een adviesgesprek?")
    assert "adviesgesprek" in chat.text.lower() and "Vraag 3 van 20" in chat.text
    chat.say("wat is dat nou weer voor onzin xyz")
    assert "Vraag 3 van 20" in chat.text


@pytest.mark.parametrize(
    "opening, message",
    [
        (None, "ik wil verder, mijn hervatcode is {code}"),
        ("hoi", "{code}"),  # only the code, as the pause message shows it
    ],
)
def test_pause_and_resume_on_another_device_with_the_code(opening, message):
    first = Chat()
    start(first, "Bibliotheek Hervat")
    for value in PROFILE_BUTTONS:
        first.press(value)
    first.press("3")
    first.say("ik moet weg, ik maak hem later af")
    code = re.search(r"code (" + CODE + ")", first.text)
    assert code, first.text
    other = Chat()  # another channel or device: a new conversation id
    if opening:
        other.say(opening)
    other.say(message.format(code=code.group(1)))
    assert "Bibliotheek Hervat" in other.text
    assert "Vraag 2 van 20" in other.text


def test_unknown_resume_code_is_explained(chat):
    chat.say("verder met de scan, code ZZ22-ZZ33-ZZ44")
    assert "Ik vind geen scan bij code ZZ22-ZZ33-ZZ44" in chat.text


def test_same_conversation_resumes_after_a_server_restart(chat):
    """Stop and start every server mid-scan: the tracker store brings the conversation back."""
    import os
    import subprocess

    start(chat, "Festival Herstart")
    for value in PROFILE_BUTTONS:
        chat.press(value)
    for value in ("2", "3", "4"):
        chat.press(value)
    assert "Vraag 4 van 20" in chat.text
    subprocess.run(
        ["scripts/run.sh", "--background"],
        check=True,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        timeout=600,
    )
    chat.press("5")
    assert "Vraag 5 van 20" in chat.text


def test_weak_scan_gives_advice_proposes_a_consultation_and_yes_starts_booking(chat):
    start(chat, "Museum Advies")
    for value in ["museum", "51-100", "directie_mt", "fondsen", "geen"]:
        chat.press(value)
    for _ in range(20):
        chat.press("1")
    chat.say("/skip_question")
    assert "Wat kunnen jullie nu doen?" in chat.text
    assert "Eerste stappen:" in chat.text and "https://www.den.nl/" in chat.text
    assert "verkennend gesprek" in chat.text and "Ja, graag" in chat.buttons
    page = requests.get(results_link(chat), timeout=30)
    assert "Wat kunnen jullie nu doen?" in page.text and "Eerste stappen" in page.text
    chat.say("ja graag")
    assert "Wanneer past het jou?" in chat.text


def test_advice_without_a_scan(chat):
    chat.say("wat kunnen we doen aan onze digitale strategie?")
    assert "Hoe goed past deze zin bij jullie?" in chat.text
    chat.say("we zijn er net mee begonnen")
    assert "Eerste stappen:" in chat.text and "Start de scan" in chat.buttons
