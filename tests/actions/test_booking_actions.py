"""Booking adapters against a seeded database: time, contact checks, consent, booking."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from actions.booking import SubmitBookingForm
from actions.booking_ask import AskBookingTime
from actions.booking_form import ValidateBookingForm
from actions.manage import CancelConsultation, FindConsultation
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scheduling.advisors import seed as seed_advisors
from bot.scheduling.dialogue import first_free
from bot.scheduling.models import Advisor, Consultation, OutboxMessage
from tests.actions.conftest import make_tracker, responses, slot_events


@pytest.fixture()
def seeded(database_url):
    with session_scope() as session:
        seed_advisors(session)
        return [slot.start for slot in first_free(session, utcnow(), None)]


def answer(value):
    return [{"entity": "answer", "value": value}]


def test_button_time_is_taken_without_asking_again(dispatcher, domain, seeded):
    tracker = make_tracker(entities=answer(seeded[0].isoformat()))
    result = ValidateBookingForm().validate_booking_time("x", dispatcher, tracker, domain)
    assert result["booking_time"] == seeded[0].isoformat()
    assert result["booking_time_confirmed"] is True


def test_typed_time_is_checked_and_nonsense_gets_options(dispatcher, domain, seeded):
    form = ValidateBookingForm()
    local = seeded[0].strftime("%d-%m om %H:%M")
    typed = form.validate_booking_time(local, dispatcher, make_tracker(text=local), domain)
    assert typed["booking_time"] == seeded[0].isoformat()
    assert typed["booking_time_confirmed"] is None  # asked back: "..., klopt dat?"
    nonsense = form.validate_booking_time("?", dispatcher, make_tracker(text="blabla"), domain)
    assert nonsense["booking_time"] is None and len(nonsense["booking_options"]) == 3
    assert responses(dispatcher) == ["utter_booking_time_not_understood"]


async def test_ask_time_offers_three_buttons(dispatcher, domain, seeded):
    await AskBookingTime().run(dispatcher, make_tracker(), domain)
    assert len(dispatcher.messages[0]["buttons"]) == 3


def test_email_typo_is_questioned_then_accepted(dispatcher, domain, seeded):
    form = ValidateBookingForm()
    typed = make_tracker(text="jan@gmail.con")
    first = form.validate_contact_email("jan@gmail.con", dispatcher, typed, domain)
    assert first["contact_email"] is None
    assert dispatcher.messages[0]["suggestion"] == "jan@gmail.com"
    yes = make_tracker(entities=answer("yes"), slots={"email_check": first["email_check"]})
    assert form.validate_contact_email("x", dispatcher, yes, domain)["contact_email"] == (
        "jan@gmail.com"
    )


def test_repeated_bad_input_stops_after_three_tries(dispatcher, domain, seeded):
    form = ValidateBookingForm()
    failures = 0
    for _ in range(3):
        tracker = make_tracker(text="@@@", slots={"booking_failures": failures})
        failures = form.validate_contact_email("@@@", dispatcher, tracker, domain)[
            "booking_failures"
        ]
    assert failures == 3 and responses(dispatcher)[-1] == "utter_booking_too_many_tries"


def _filled(start, run=1.0, sender="action-test", **extra):
    """A booking form filled in; `run` is the moment the form was activated (one form run)."""
    slots = {
        "booking_time": start.isoformat(),
        "booking_time_confirmed": True,
        "contact_name": "Eva Jansen",
        "contact_email": "eva@museum-test.nl",
        "organisation": "Museum Test",
        "contact_phone": "none",
        "consultation_mode": "video",
        "consent": True,
        "booking_confirmed": True,
    }
    slots.update(extra)
    tracker = make_tracker(
        slots=slots, events=[{"event": "active_loop", "name": "booking_form", "timestamp": run}]
    )
    tracker.sender_id = sender
    return tracker


def _count():
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(Consultation)).scalar_one()


async def test_submit_books_and_gives_a_code(dispatcher, domain, seeded):
    events = await SubmitBookingForm().run(dispatcher, _filled(seeded[0]), domain)
    assert responses(dispatcher) == ["utter_booking_done", "utter_booking_mail_local"]
    with session_scope() as session:  # queued for the worker, never sent from the action
        statuses = [m.status for m in session.execute(select(OutboxMessage)).scalars()]
    assert "pending" in statuses and "sent" not in statuses
    assert slot_events(events)["booking_reference"].startswith("DEN-")
    assert _count() == 1


async def test_without_consent_nothing_is_stored(dispatcher, domain, seeded):
    events = await SubmitBookingForm().run(dispatcher, _filled(seeded[0], consent=False), domain)
    assert responses(dispatcher) == ["utter_booking_no_consent"]
    assert _count() == 0 and slot_events(events)["contact_email"] is None


async def test_slot_taken_at_the_last_moment_asks_for_another_time(dispatcher, domain, seeded):
    submit = SubmitBookingForm()
    # all three seeded advisors may share this start: fill them all first
    for index in range(3):
        await submit.run(
            type(dispatcher)(),
            _filled(seeded[0], run=index, contact_email=f"x{index}@a.nl"),
            domain,
        )
    events = await submit.run(dispatcher, _filled(seeded[0], run=9), domain)
    if responses(dispatcher) == ["utter_booking_slot_taken"]:
        assert any(e.get("event") == "followup" for e in events)
        assert slot_events(events)["booking_time"] is None
    else:  # fewer than four advisors free then: the fourth still got a place
        assert responses(dispatcher)[0] == "utter_booking_done"


async def test_find_asks_for_code_or_email_first(dispatcher, domain, seeded):
    tracker = make_tracker(text="ik wil mijn afspraak annuleren", intent="cancel_consultation")
    events = await FindConsultation().run(dispatcher, tracker, domain)
    assert slot_events(events)["manage_purpose"] == "cancel"
    # the lookup form asks for the code or e-mail and takes any reply (a bare code is no faq)
    assert {"event": "followup", "name": "lookup_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


async def test_cancelling_an_anonymised_booking_sends_no_mail_to_nobody(dispatcher, domain, seeded):
    """After 'verwijder mijn gegevens' a booking has no address left: cancel it without a mail."""
    from bot.privacy.deletion import REMOVED_EMAIL, REMOVED_NAME

    events = await SubmitBookingForm().run(type(dispatcher)(), _filled(seeded[0]), domain)
    code = slot_events(events)["booking_reference"]
    with session_scope() as session:
        consultation = session.execute(select(Consultation)).scalar_one()
        consultation.contact_name, consultation.contact_email = REMOVED_NAME, REMOVED_EMAIL
        before = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
    tracker = make_tracker(text="ja", intent="affirm", slots={"cancel_reference": code})
    await CancelConsultation().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_cancel_done"]
    with session_scope() as session:
        consultation = session.execute(select(Consultation)).scalar_one()
        status = consultation.status
        advisor_email = session.get(Advisor, consultation.advisor_id).email
        added = session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
        added = [(m.kind, m.recipient) for m in added[before:]]
    # nothing to the removed address; the advisor still hears the slot is free again
    assert added == [("advisor_cancellation", advisor_email)] and status == "cancelled"


async def test_cancelling_tells_the_participant_and_the_advisor(dispatcher, domain, seeded):
    events = await SubmitBookingForm().run(type(dispatcher)(), _filled(seeded[0]), domain)
    code = slot_events(events)["booking_reference"]
    tracker = make_tracker(text="ja", intent="affirm", slots={"cancel_reference": code})
    await CancelConsultation().run(dispatcher, tracker, domain)
    with session_scope() as session:
        consultation = session.execute(select(Consultation)).scalar_one()
        advisor = session.get(Advisor, consultation.advisor_id)
        mails = {
            m.kind: m
            for m in session.execute(select(OutboxMessage)).scalars()
            if m.kind in ("booking_cancellation", "advisor_cancellation")
        }
        assert mails["booking_cancellation"].recipient == consultation.contact_email
        notice = mails["advisor_cancellation"]
        assert notice.recipient == advisor.email
        assert code in notice.subject and "geannuleerd" in notice.body_text
        assert consultation.organisation in notice.body_text
        assert consultation.contact_email not in notice.body_text  # no personal data needed


async def test_the_same_submit_twice_books_once_and_answers_with_the_same_code(
    dispatcher, domain, seeded
):
    """A lost reply and a second "ja": one booking, one confirmation, the same code."""
    first = await SubmitBookingForm().run(type(dispatcher)(), _filled(seeded[0]), domain)
    again = await SubmitBookingForm().run(dispatcher, _filled(seeded[0]), domain)
    assert responses(dispatcher) == ["utter_booking_done", "utter_booking_mail_local"]
    code = slot_events(first)["booking_reference"]
    assert slot_events(again)["booking_reference"] == code
    with session_scope() as session:
        kinds = [m.kind for m in session.execute(select(OutboxMessage)).scalars()]
    assert _count() == 1 and kinds.count("booking_confirmation") == 1


async def test_a_new_form_run_books_again(dispatcher, domain, seeded):
    await SubmitBookingForm().run(type(dispatcher)(), _filled(seeded[0]), domain)
    await SubmitBookingForm().run(dispatcher, _filled(seeded[1], run=2.0), domain)
    assert _count() == 2


async def test_a_third_open_booking_on_one_address_is_refused(dispatcher, domain, seeded):
    for run in (1.0, 2.0):
        await SubmitBookingForm().run(type(dispatcher)(), _filled(seeded[run > 1], run), domain)
    events = await SubmitBookingForm().run(dispatcher, _filled(seeded[2], run=3.0), domain)
    assert responses(dispatcher) == ["utter_booking_too_many_open"]
    assert "booking_reference" not in slot_events(events) and _count() == 2


async def _book(dispatcher, domain, seeded, sender="owner"):
    events = await SubmitBookingForm().run(
        type(dispatcher)(), _filled(seeded[0], sender=sender), domain
    )
    return slot_events(events)["booking_reference"]


def _lookup(text, sender="stranger", **slots):
    tracker = make_tracker(text=text, intent="cancel_consultation", slots=slots)
    tracker.sender_id = sender
    return tracker


def _outbox_kinds():
    with session_scope() as session:
        return [(m.kind, m.recipient) for m in session.execute(select(OutboxMessage)).scalars()]


async def test_an_address_alone_shows_nothing_and_mails_its_owner(dispatcher, domain, seeded):
    await _book(dispatcher, domain, seeded)
    events = await FindConsultation().run(
        dispatcher, _lookup("annuleren eva@museum-test.nl"), domain
    )
    assert responses(dispatcher) == ["utter_manage_overview_sent"]
    assert all(not message.get("buttons") for message in dispatcher.messages)
    assert "cancel_reference" not in {k for k, v in slot_events(events).items() if v}
    assert ("booking_overview", "eva@museum-test.nl") in _outbox_kinds()


async def test_an_unknown_address_gets_the_same_answer_and_no_mail(dispatcher, domain, seeded):
    await FindConsultation().run(dispatcher, _lookup("niemand@nergens-test.nl"), domain)
    assert responses(dispatcher) == ["utter_manage_overview_sent"]
    assert not [k for k, _ in _outbox_kinds() if k == "booking_overview"]


async def test_overview_mails_are_limited_per_address(dispatcher, domain, seeded):
    await _book(dispatcher, domain, seeded)
    for _ in range(6):
        await FindConsultation().run(type(dispatcher)(), _lookup("eva@museum-test.nl"), domain)
    assert [k for k, _ in _outbox_kinds()].count("booking_overview") == 3


async def test_a_code_alone_asks_for_the_address_and_changes_nothing(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded)
    events = await FindConsultation().run(dispatcher, _lookup(f"annuleren {code}"), domain)
    slots = slot_events(events)
    assert slots["manage_reference"] == code and not slots.get("cancel_reference")
    assert {"event": "followup", "name": "lookup_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


async def test_the_code_with_a_wrong_address_finds_nothing(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded)
    events = await FindConsultation().run(
        dispatcher, _lookup("piet@elders-test.nl", manage_reference=code), domain
    )
    assert responses(dispatcher) == ["utter_manage_not_found"]
    assert not slot_events(events).get("cancel_reference")


async def test_the_code_with_its_address_proves_ownership(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded)
    events = await FindConsultation().run(
        dispatcher, _lookup("eva@museum-test.nl", manage_reference=code), domain
    )
    assert responses(dispatcher) == ["utter_ask_cancel_confirmed"]
    assert slot_events(events)["cancel_reference"] == code


async def test_the_conversation_that_booked_needs_no_address(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded, sender="owner")
    tracker = _lookup("ik wil annuleren", sender="owner", booking_reference=code)
    events = await FindConsultation().run(dispatcher, tracker, domain)
    assert slot_events(events)["cancel_reference"] == code


async def test_cancelling_twice_cancels_once(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded)
    tracker = make_tracker(text="ja", intent="affirm", slots={"cancel_reference": code})
    await CancelConsultation().run(type(dispatcher)(), tracker, domain)
    await CancelConsultation().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_cancel_done"]
    assert [k for k, _ in _outbox_kinds()].count("booking_cancellation") == 1


async def test_the_form_started_again_keeps_the_answers_given_before(dispatcher, domain, seeded):
    # After "ja" found the time taken, the form starts again; Rasa validates the slots filled
    # before while the latest message is still that "ja": none of them may be read from it.
    earlier = {
        "contact_name": "Eva de Vries",
        "contact_email": "eva@museum-test.nl",
        "organisation": "Museum Test",
        "contact_phone": "none",
        "consultation_mode": "video",
        "consent": True,
    }
    events = [{"event": "slot", "name": name, "value": value} for name, value in earlier.items()]
    tracker = make_tracker(
        text="ja", intent="affirm", slots={**earlier, "requested_slot": None}, events=events
    )
    result = await ValidateBookingForm().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []  # no "Dat lijkt geen naam"
    for name, value in earlier.items():
        assert slot_events(result)[name] == value
    assert not slot_events(result).get("booking_failures")


async def test_guessing_codes_is_cut_off_after_five_wrong_tries(dispatcher, domain, seeded):
    code = await _book(dispatcher, domain, seeded)
    for guess in range(5):
        wrong = f"DEN-7K3M-9QAB-{guess + 2}XTZ"
        await FindConsultation().run(
            type(dispatcher)(), _lookup("eva@museum-test.nl", manage_reference=wrong), domain
        )
    events = await FindConsultation().run(
        dispatcher, _lookup("eva@museum-test.nl", manage_reference=code), domain
    )
    assert responses(dispatcher) == ["utter_code_too_many_tries"]
    assert not slot_events(events).get("cancel_reference")
    other = type(dispatcher)()
    found = await FindConsultation().run(
        other, _lookup("eva@museum-test.nl", sender="someone-else", manage_reference=code), domain
    )
    assert slot_events(found)["cancel_reference"] == code  # the owner elsewhere still gets in
