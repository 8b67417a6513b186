"""A team scan through the REST channel: an initiator and four colleagues in different roles.

Checks the three-respondent minimum (chat, page and chart), the team profile figures, the
disagreement statements between role groups (no single person's answers, no names), the advice
on the team profile, and the change since the organisation's previous team scan.
"""

from __future__ import annotations

import re
import uuid
from typing import Dict, List

import requests

from tests.e2e.conftest import Chat

CODE = r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"  # a code as people see it: three groups of four

STATEMENTS = [
    "sb_visie", "sb_koppeling", "sb_budget", "sb_eigenaar",
    "cc_eigen_werk", "cc_leiding", "cc_leren", "cc_experiment",
    "pw_kennis_publiek", "pw_aanbod", "pw_nieuwe_doelgroepen", "pw_toegankelijkheid",
    "dt_basis_ict", "dt_koppeling", "dt_data_beslissingen", "dt_afspraken_avg",
    "ps_rollen", "ps_samenwerking_afdelingen", "ps_projectaanpak", "ps_borging",
]  # fmt: skip


def values(default: int, **overrides: int) -> List[str]:
    return [str(overrides.get(s, default)) for s in STATEMENTS]


# The leiding sees more than marketing and education, above all on budget and leadership.
DIRECTEUR = values(4, sb_budget=5, cc_leiding=5)
ZAKELIJK_LEIDER = values(4, sb_budget=5, cc_leiding=4)
MARKETING = values(2, sb_budget=1, cc_leiding=1)
EDUCATIE = values(2, sb_budget=1, cc_leiding=2)
KASSA = values(3)


def organisation() -> str:
    return f"Museum Teamproef {uuid.uuid4().hex[:6]}"


def initiator_scan(chat: Chat, name: str, answers: List[str]) -> None:
    chat.say("ik wil weten hoe digitaal volwassen we zijn")
    chat.say(name)
    for value in ["museum", "11-50", "directie_mt", "fondsen", "geen"]:
        chat.press(value)
    for value in answers:
        chat.press(value)
    chat.say("/skip_question")
    assert "Hier is jullie digitale profiel" in chat.text
    assert "Start een teamscan" in chat.buttons
    assert "maanden opnieuw" in chat.text


def start_team(chat: Chat) -> Dict[str, str]:
    chat.say("/start_team_scan")
    code = re.search(r"teamcode (TEAM-" + CODE + ")", chat.text)
    page = re.search(r"(http://\S+/team/[0-9a-f]{24})", chat.text)
    assert code and page, chat.text
    assert "Jouw eigen antwoorden uit de scan tellen al mee" in chat.text
    return {"code": code.group(1), "page": page.group(1)}


def colleague(code: str, role_reply: str, answers: List[str], greeting: str = "") -> Chat:
    chat = Chat()
    chat.say(f"{greeting}teamcode {code}")
    assert "Welkom bij de teamscan van" in chat.text, chat.text
    assert "Wat is jouw rol in de organisatie?" in chat.text
    assert "Hoe heet jullie organisatie?" not in chat.text
    if role_reply.startswith("/"):
        chat.press(role_reply[1:])
    else:
        chat.say(role_reply)
    assert "Vraag 1 van 20" in chat.text, chat.text
    for value in answers:
        chat.press(value)
    assert "Jouw antwoorden tellen mee in het teamprofiel" in chat.text, chat.text
    assert "Wat houdt jullie nu het meest tegen" not in chat.text  # no open question
    assert "Hier is jullie digitale profiel" not in chat.text  # no single scan of their own
    return chat


def ask_profile(chat: Chat) -> str:
    chat.say("laat het teamprofiel zien")
    return chat.text


def test_five_colleagues_in_different_roles_give_the_team_profile():
    name = organisation()
    director = Chat()
    initiator_scan(director, name, DIRECTEUR)
    team = start_team(director)

    # one colleague besides the initiator: 2 of 3, nothing of the profile is shown
    second = colleague(team["code"], "ik ben de zakelijk leider", ZAKELIJK_LEIDER, "Hoi! ")
    assert "Tot nu toe hebben 2 collega's de teamscan ingevuld" in second.text
    text = ask_profile(director)
    assert "Tot nu toe hebben 2 collega's de teamscan ingevuld" in text
    assert "minstens 3" in text and "gemiddeld" not in text and not director.images
    page = requests.get(team["page"], timeout=30)
    assert page.status_code == 200 and "Tot nu toe hebben 2 collega&#39;s" in page.text
    assert "Waar verschillen jullie?" not in page.text
    assert requests.get(team["page"] + "/chart.png", timeout=30).status_code == 404

    # the third makes the profile visible
    third = colleague(team["code"], "/digitaal_marketing", MARKETING, "mijn collega stuurde ")
    assert "kan het teamprofiel bekijken" in third.text
    assert "Teamprofiel op basis van 3 collega's" in ask_profile(director)

    colleague(team["code"], "ik doe educatie", EDUCATIE)
    colleague(team["code"], "ik werk aan de kassa", KASSA, "ik doe mee met de teamscan, ")
    text = ask_profile(director)

    # per component: mean, spread between colleagues and count (worked out in the module doc)
    assert "Teamprofiel op basis van 5 collega's" in text
    assert "Samen komen jullie uit op 3,0 van 5: niveau 3 Uitvoerend" in text
    assert "Het zwakste onderdeel is Strategie & budget" in text
    assert (
        "Strategie & budget: gemiddeld 3,0 van 5, niveau 3 Uitvoerend. De scores van collega's "
        "liggen 2,5 punt uit elkaar (5 collega's). In de sector is dat gemiddeld 2,3"
    ) in text
    assert "Data & technologie: gemiddeld 3,0 van 5, niveau 3 Uitvoerend. De scores van " in text
    assert "liggen 2,0 punt uit elkaar (5 collega's)" in text
    # role groups: the lone colleague at the till counts, but gets no line of their own
    assert "de leiding (directie en MT) (2)" in text
    assert "collega's van marketing, programma en educatie (2)" in text
    assert "1 collega uit kleinere rolgroepen telt mee" in text
    assert "collectie en bedrijfsvoering" not in text
    # the statements where views differ most, largest first, between groups
    lines = [line for line in text.splitlines() if line.startswith("• Over ")]
    assert len(lines) == 3
    assert "'Er is elk jaar vast geld voor digitaal in de begroting" in lines[0]
    assert (
        "De leiding (directie en MT) geeft gemiddeld 5,0 van 5, collega's van marketing, "
        "programma en educatie gemiddeld 1,0." in lines[0]
    )
    assert "'De leiding geeft zichtbaar richting" in lines[1] and "4,5 van 5" in lines[1]
    assert "gemiddeld 1,5" in lines[1]
    assert "'Er is een vastgelegde visie" in lines[2]
    assert "zakelijk" not in text and "kassa" not in text  # roles as typed are never repeated

    # advice on the team profile: large disagreement leads with the integral approach and a
    # conversation with several colleagues present
    assert "Breng je digitale startpunt samen in kaart" in text
    assert "punt uit elkaar, dus bespreek eerst samen waar jullie staan" in text
    assert "samen met een paar collega's uit verschillende rollen" in text
    assert "Ja, graag" in director.buttons
    assert "Doe de teamscan over 6 tot 12 maanden opnieuw" in text

    chart = requests.get(director.images[0], timeout=30)
    assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
    page = requests.get(team["page"], timeout=30)
    assert page.status_code == 200 and "Waar verschillen jullie?" in page.text
    assert name in page.text and "2,5 punt" in page.text
    director.say("ja graag")
    assert "Wanneer past het jou?" in director.text


def test_a_repeat_team_scan_shows_the_change_per_component():
    name = organisation()
    first = Chat()
    initiator_scan(first, name, values(2))
    team = start_team(first)
    colleague(team["code"], "/collectie", values(2))
    colleague(team["code"], "/programmering", values(2))
    assert "Sinds jullie vorige" not in ask_profile(first)

    repeat = Chat()
    initiator_scan(repeat, name, values(4))
    again = start_team(repeat)
    assert again["code"] != team["code"]
    colleague(again["code"], "/collectie", values(3))
    colleague(again["code"], "/programmering", values(3, sb_visie=1))
    text = ask_profile(repeat)
    assert "Sinds jullie vorige teamscan (" in text
    # strategy: (4 + 3 + 2,5) / 3 = 3,17 now, against 2,0 last time
    assert "Strategie & budget: van 2,0 naar 3,2 (1,2 hoger)" in text
    assert "Cultuur & competenties: van 2,0 naar 3,3 (1,3 hoger)" in text


def test_an_unknown_or_missing_team_code_is_explained(chat):
    chat.say("teamcode TEAM-ZZ22-ZZ33-ZZ44")
    assert "Ik vind geen teamscan met code TEAM-ZZ22-ZZ33-ZZ44" in chat.text
    assert "Wat is jouw rol" not in chat.text
    chat.say("ik wil meedoen met de teamscan van mijn collega")
    assert "Wat is de teamcode?" in chat.text
    chat.say("laat het teamprofiel zien")
    assert "nog geen teamscan gestart" in chat.text and "Start een teamscan" in chat.buttons
