"""Rule-like NLU steps: an address typed as an answer is an answer; a bare resume code resumes."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.patterns import EmailAnswerClassifier
from nlu_components.resume_code import ResumeCodeClassifier
from tests.rule_classifiers import after_diet


def classify(text: str) -> Message:
    return after_diet(EmailAnswerClassifier(), text, [("faq", 0.98), ("inform", 0.01)])


@pytest.mark.parametrize(
    "text",
    [
        "noor@erfgoed-test.nl",
        "p.dejong@streekarchief.nl",
        "  Marieke.Bos-Verhoeven@museum.amsterdam ",
        "mijn mail is jan+den@gmail.com",
        "e-mailadres: info@theater.nl.",
    ],
)
def test_an_address_on_its_own_is_an_answer(text):
    message = classify(text)
    assert message.get(INTENT) == {"name": "inform", "confidence": 1.0}
    ranking = message.get(INTENT_RANKING_KEY)
    assert ranking[0] == {"name": "inform", "confidence": 1.0}
    assert [r["name"] for r in ranking].count("inform") == 1


@pytest.mark.parametrize(
    "text",
    [
        "kan ik mailen naar info@den.nl over de scan?",
        "wat doen jullie met mijn e-mailadres",
        "noor@",
        "",
    ],
)
def test_questions_and_fragments_are_left_to_diet(text):
    assert classify(text).get(INTENT)["name"] == "faq"


def resume(text: str) -> Message:
    return after_diet(ResumeCodeClassifier(), text, [("nlu_fallback", 0.3)])


@pytest.mark.parametrize(
    "text", ["K7M2-QXAB-X4TZ", "k7m2 qxab x4tz", " HV5K2WABX4TZ. ", "3JD8-KQAB-X4TZ!"]
)
def test_a_bare_resume_code_continues_the_scan(text):
    assert resume(text).get(INTENT) == {"name": "resume_scan", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "verder met code K7M2-QXAB-X4TZ",  # DIET was trained on these
        "museum",  # a word, no digit
        "250fte",  # 0 is never in a code
        "1234AB",  # a postcode: 1 is never in a code
        "TEAM-7K3M-9QAB-X4TZ",
        "K7M2Q",
        "",
    ],
)
def test_other_texts_are_left_to_diet(text):
    assert resume(text).get(INTENT)["name"] == "nlu_fallback"
