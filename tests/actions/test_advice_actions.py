"""Advice without a scan: the topic from the question, one quick statement, one pathway."""

from __future__ import annotations

from actions.advice import (
    AskAdviceAnswer,
    AskAdviceTopic,
    SubmitAdviceForm,
    ValidateAdviceForm,
)
from tests.actions.conftest import make_tracker, responses, slot_events


async def test_topic_is_taken_from_the_opening_question(dispatcher, domain):
    tracker = make_tracker(
        text="wat kunnen we doen aan onze digitale strategie?",
        intent="request_advice",
        slots={"requested_slot": None, "scan_answer": None},
    )
    extracted = await ValidateAdviceForm().extract_advice_topic(dispatcher, tracker, domain)
    assert extracted == {"advice_topic": "strategie_budget"}


async def test_unclear_question_asks_for_the_topic_with_five_buttons(dispatcher, domain):
    tracker = make_tracker(
        text="waar moeten we beginnen?", intent="request_advice", slots={"requested_slot": None}
    )
    assert await ValidateAdviceForm().extract_advice_topic(dispatcher, tracker, domain) == {}
    await AskAdviceTopic().run(dispatcher, tracker, domain)
    assert len(dispatcher.messages[0]["buttons"]) == 5


def test_topic_button_and_free_text(dispatcher, domain):
    form = ValidateAdviceForm()
    by_button = make_tracker(entities=[{"entity": "answer", "value": "publiek_waarde"}])
    assert form.validate_advice_topic("x", dispatcher, by_button, domain) == {
        "advice_topic": "publiek_waarde"
    }
    by_text = make_tracker(text="iets met onze systemen en data")
    assert form.validate_advice_topic(
        "iets met onze systemen en data", dispatcher, by_text, domain
    ) == {"advice_topic": "data_technologie"}
    unclear = make_tracker(text="tja")
    assert form.validate_advice_topic("tja", dispatcher, unclear, domain) == {"advice_topic": None}
    assert responses(dispatcher) == ["utter_invalid_advice_topic"]


def test_quick_answer_by_text_button_or_unknown(dispatcher, domain):
    form = ValidateAdviceForm()
    for text, entities, expected in [
        ("we zijn er net mee begonnen", [], "2"),
        ("", [{"entity": "answer", "value": "4"}], "4"),
        ("geen idee", [], "unknown"),
        ("blabla", [], None),
    ]:
        tracker = make_tracker(
            text=text, entities=entities, slots={"advice_topic": "strategie_budget"}
        )
        assert form.validate_advice_answer(text, dispatcher, tracker, domain) == {
            "advice_answer": expected
        }


async def test_quick_statement_is_from_the_chosen_component(dispatcher, domain):
    tracker = make_tracker(slots={"advice_topic": "data_technologie"})
    await AskAdviceAnswer().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["statement"].startswith("Onze basis-ICT is op orde")


async def test_advice_names_a_pathway_with_steps_and_offers_the_scan(dispatcher, domain):
    tracker = make_tracker(slots={"advice_topic": "strategie_budget", "advice_answer": "1"})
    events = await SubmitAdviceForm().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "Eerste stappen:" in text and "Strategie & budget" in text
    assert responses(dispatcher)[-1] == "utter_advice_then_scan"
    assert slot_events(events) == {"advice_topic": None, "advice_answer": None}
