"""Booking, cancelling and moving an adviesgesprek through the REST channel."""

from __future__ import annotations

import re

from tests.e2e.conftest import Chat

CODE = r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"  # a code as people see it: three groups of four


def _time_payloads(chat: Chat) -> list:
    return [
        b["payload"]
        for r in chat.replies
        for b in r.get("buttons", [])
        if '"answer": "20' in b["payload"]
    ]


def book(chat: Chat, name: str = "Eva Jansen", email: str = "eva@museum-test.nl") -> str:
    chat.say("ik wil een adviesgesprek inplannen")
    assert "verkennend gesprek" in chat.text and "Wanneer past het jou?" in chat.text
    slots = _time_payloads(chat)
    assert len(slots) == 3
    chat.say(slots[0])
    assert "Wat is je naam?" in chat.text
    chat.say(name)
    chat.say(email)
    assert "Voor welke organisatie" in chat.text
    chat.say("Museum Test")
    chat.press("none")
    chat.press("video")
    assert "Mogen we je naam, e-mailadres" in chat.text
    chat.press("yes")
    assert "Klopt dit?" in chat.text and name in chat.text and "Online (video)" in chat.text
    chat.press("yes")
    code = re.search(r"afspraakcode is (DEN-" + CODE + ")", chat.text)
    assert code, chat.text
    return code.group(1)


def test_book_by_button_and_get_a_code_and_honest_mail_note(chat):
    book(chat)
    assert "deze omgeving verstuurt geen e-mail" in chat.text  # no SMTP configured in the tests


def test_free_text_moment_is_confirmed_and_email_typo_questioned(chat):
    chat.say("kan ik een afspraak maken met een adviseur?")
    chat.say("volgende week dinsdag om 10 uur")
    assert "Klopt dat?" in chat.text and "dinsdag" in chat.text and "10:00" in chat.text
    chat.press("yes")
    chat.say("Pieter Smit")
    chat.say("pieter@gmail.con")
    assert "Bedoel je pieter@gmail.com?" in chat.text
    chat.press("yes")
    assert "Voor welke organisatie" in chat.text
    chat.say("Stadsarchief Test")
    chat.say("06 12345678")
    chat.say("liefst online")
    chat.press("yes")
    assert "pieter@gmail.com" in chat.text and "+31612345678" in chat.text


def _book_time(payload: str, index: int) -> bool:
    """Another visitor books this time; False when no advisor is free then any more."""
    other = Chat()
    other.say("ik wil een adviesgesprek plannen")
    if payload not in _time_payloads(other):
        return False
    other.say(payload)
    for reply in [f"Bezoeker {index}", f"bezoeker{index}@theater-test.nl", "Theater Test"]:
        other.say(reply)
    other.press("none")
    other.press("video")
    other.press("yes")
    other.press("yes")
    assert "afspraakcode is DEN-" in other.text
    return True


def test_slot_taken_in_the_meantime_offers_the_next_ones():
    first = Chat()
    first.say("ik wil een adviesgesprek plannen")
    wanted = _time_payloads(first)[0]
    # Every advisor free at that time gets booked by someone else (at most three here).
    booked = 0
    while booked < 5 and _book_time(wanted, booked):
        booked += 1
    assert 1 <= booked <= 3
    first.say(wanted)
    assert "net door iemand anders gekozen" in first.text
    assert wanted not in _time_payloads(first) and len(_time_payloads(first)) == 3


def test_cancel_from_another_chat_needs_the_code_and_the_address(chat):
    code = book(chat, "Lotte Visser", "lotte@bieb-test.nl")
    other = Chat()
    other.say("ik wil mijn afspraak annuleren")
    assert "afspraakcode" in other.text
    other.say(code)
    assert "annuleren?" not in other.text and "e-mailadres" in other.text  # the code alone: no
    other.say("lotte@bieb-test.nl")
    assert "annuleren?" in other.text and code in other.text
    other.say("/affirm")
    assert "is geannuleerd" in other.text


def test_a_stranger_with_only_the_address_sees_and_changes_nothing(chat):
    code = book(chat, "Bram Kok", "bram@festival-test.nl")
    stranger = Chat()
    stranger.say("ik wil mijn afspraak annuleren, mijn mail is bram@festival-test.nl")
    assert "sturen we een e-mail" in stranger.text
    assert code not in stranger.text and "annuleren?" not in stranger.text
    stranger.say("/affirm")
    assert "is geannuleerd" not in stranger.text


def test_the_booking_chat_cancels_its_own_appointment_and_can_keep_it(chat):
    book(chat, "Bram Kok", "bram@festival-test.nl")
    chat.say("ik wil mijn afspraak annuleren")
    assert "annuleren?" in chat.text
    chat.say("/deny")
    assert "blijft staan" in chat.text


def test_reschedule_keeps_the_code(chat):
    code = book(chat, "Noor de Wit", "noor@erfgoed-test.nl")
    chat.say(f"kan mijn afspraak {code} naar een ander moment?")
    assert "Naar welk moment wil je hem verzetten?" in chat.text
    chat.say(_time_payloads(chat)[-1])
    assert f"Zal ik je afspraak {code} verzetten" in chat.text
    chat.press("yes")
    assert f"Je afspraak {code} is verzet naar" in chat.text


def test_unknown_code_is_explained(chat):
    chat.say("ik wil mijn afspraak DEN-ZZ99-ZZ99-ZZ99 annuleren")
    chat.say("iemand@museum-test.nl")
    assert "Ik vind geen geplande afspraak" in chat.text
