"""The e-mail rule in the NLU pipeline: an address typed as an answer is never a question."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.patterns import EmailAnswerClassifier


def classify(text: str, predicted: str = "faq") -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": predicted, "confidence": 0.98})
    message.set(
        INTENT_RANKING_KEY,
        [{"name": predicted, "confidence": 0.98}, {"name": "inform", "confidence": 0.01}],
    )
    return EmailAnswerClassifier().process([message])[0]


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
